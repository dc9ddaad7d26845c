/* The network view: vis-network drawing, filters, time range, search, the evidence
   panel and label thinning. Everything from documents is inserted as text nodes. */
(function () {
  "use strict";
  var t0 = performance.now();
  var data = JSON.parse(document.getElementById("graph-data").textContent);
  var view = window.graphView = {
    settled: false, settleMs: null, nodes: 0, edges: 0, links: 0, labels: 0,
    since: null, until: null, selected: null
  };
  var byNode = {}, byEdge = {}, byLink = {};
  var relLabel = function (r) { return data.relationLabels[r] || r; };
  // Tooltips are plain text (vis-network shows a string title as text, never as HTML).
  data.nodes.forEach(function (n) {
    byNode[n.id] = n;
    n.hidden = false;
    n.label = "";  // labels are given once laid out, by declutter(): none measured while settling
    n.title = n.name + "\n" + n.kind.replace("_", " ") + " · id " + n.id +
      (n.aliases && n.aliases.length ? "\nalso: " + n.aliases.slice(0, 8).join(", ") : "") +
      "\n" + n.degree + " edge(s) in this view · click for details";
  });
  data.edges.forEach(function (e) {
    byEdge[e.id] = e;
    e.hidden = false;
    if (!data.large) e.smooth = { type: "curvedCW", roundness: data.roundness[e.relation] };
    e.title = byNode[e.from].name + " " + relLabel(e.relation) + " " + byNode[e.to].name + "\n" +
      e.evidence_count + " statement(s) in " + e.doc_count + " document(s) · confidence " +
      e.confidence.toFixed(2) + "\n" + (e.first_seen || "?") + " to " + (e.last_seen || "?") +
      " · click for the evidence";
    if (e.rejected) e.title = "REJECTED by " + e.rejected + "\n" + e.title;
  });
  data.links.forEach(function (l) { byLink[l.id] = l; l.hidden = false; });
  function copy(o) { return Object.assign({}, o); }  // the DataSets hold their own copies
  var nodes = new vis.DataSet(data.nodes.map(copy));
  var edges = new vis.DataSet(data.edges.concat(data.links).map(copy));
  var container = document.getElementById("network");
  var network = window.network = new vis.Network(container, { nodes: nodes, edges: edges }, data.options);
  var status = document.getElementById("status");
  var dates = data.dates;

  // --- filters ------------------------------------------------------------------------
  var state = { relations: {}, kinds: {}, minEvidence: 1, minConfidence: 0, lo: 0, hi: Math.max(0, dates.length - 1) };
  document.querySelectorAll("#relation-filter input").forEach(function (b) { state.relations[b.dataset.relation] = true; });
  document.querySelectorAll("#kind-filter input").forEach(function (b) { state.kinds[b.dataset.kind] = true; });

  function range() {
    var full = dates.length === 0 || (state.lo === 0 && state.hi === dates.length - 1);
    return full ? [null, null] : [dates[state.lo], dates[state.hi]];
  }

  function edgeShown(e, since, until) {
    if (!state.relations[e.relation]) return false;
    if (e.evidence_count < state.minEvidence || e.confidence < state.minConfidence - 1e-9) return false;
    if (!state.kinds[byNode[e.from].kind] || !state.kinds[byNode[e.to].kind]) return false;
    // As the API: the edge's first..last seen span overlaps the range; undated edges fall outside.
    if (since !== null && (!e.last_seen || e.last_seen < since)) return false;
    if (until !== null && (!e.first_seen || e.first_seen > until)) return false;
    return true;
  }

  function apply() {
    var r = range(), since = r[0], until = r[1];
    view.since = since; view.until = until;
    var shownEdges = data.edges.filter(function (e) { return edgeShown(e, since, until); });
    var keep = {};
    if (data.center && byNode[data.center]) {
      // Around a centre: the actors still reachable within the view's depth, as the API walks.
      var adj = {};
      shownEdges.forEach(function (e) {
        (adj[e.from] = adj[e.from] || []).push(e.to);
        (adj[e.to] = adj[e.to] || []).push(e.from);
      });
      if (state.kinds[byNode[data.center].kind]) {
        keep[data.center] = true;
        var frontier = [data.center];
        for (var d = 0; d < data.depth && frontier.length; d++) {
          var next = [];
          frontier.forEach(function (id) {
            (adj[id] || []).forEach(function (m) { if (!keep[m]) { keep[m] = true; next.push(m); } });
          });
          frontier = next;
        }
      }
    } else {
      shownEdges.forEach(function (e) { keep[e.from] = true; keep[e.to] = true; });
    }
    var nodeChanges = [], edgeChanges = [];
    var nEdges = 0, nNodes = 0, nLinks = 0;
    var shownSet = {};
    shownEdges.forEach(function (e) { if (keep[e.from] && keep[e.to]) shownSet[e.id] = true; });
    data.nodes.forEach(function (n) {
      var hide = !keep[n.id];
      if (!hide) nNodes++;
      if (n.hidden !== hide) { n.hidden = hide; nodeChanges.push({ id: n.id, hidden: hide }); }
    });
    data.edges.forEach(function (e) {
      var hide = !shownSet[e.id];
      if (!hide) nEdges++;
      if (e.hidden !== hide) { e.hidden = hide; edgeChanges.push({ id: e.id, hidden: hide }); }
    });
    data.links.forEach(function (l) {
      var hide = !(state.relations.affiliation && keep[l.from] && keep[l.to]);
      if (!hide) nLinks++;
      if (l.hidden !== hide) { l.hidden = hide; edgeChanges.push({ id: l.id, hidden: hide }); }
    });
    if (nodeChanges.length) nodes.update(nodeChanges);
    if (edgeChanges.length) edges.update(edgeChanges);
    view.nodes = nNodes; view.edges = nEdges; view.links = nLinks;
    showTimeLabel();
    showStatus();
    if (view.settled) declutter();
    if (view.selected) refreshPanel();
  }

  function showStatus(extra) {
    var text = view.nodes + " actors, " + view.edges + " edges";
    if (view.links) text += ", " + view.links + " affiliations";
    if (view.settleMs !== null) text += " · laid out in " + (view.settleMs / 1000).toFixed(1) + " s";
    if (data.nodes.length === 0) text = "No edges match this view.";
    status.textContent = extra ? text + " · " + extra : text;
  }

  document.querySelectorAll("#relation-filter input").forEach(function (box) {
    box.addEventListener("change", function () { state.relations[box.dataset.relation] = box.checked; apply(); });
  });
  document.querySelectorAll("#kind-filter input").forEach(function (box) {
    box.addEventListener("change", function () { state.kinds[box.dataset.kind] = box.checked; apply(); });
  });
  var minEv = document.getElementById("min-evidence");
  minEv.addEventListener("input", function () {
    var v = parseInt(minEv.value, 10);
    state.minEvidence = isNaN(v) || v < 1 ? 1 : v;
    apply();
  });
  var minConf = document.getElementById("min-confidence");
  var minConfLabel = document.getElementById("min-confidence-label");
  minConf.addEventListener("input", function () {
    state.minConfidence = parseFloat(minConf.value) || 0;
    minConfLabel.textContent = state.minConfidence.toFixed(2);
    apply();
  });

  // --- time range: two handles over the dates present ---------------------------------
  var from = document.getElementById("time-from"), to = document.getElementById("time-to");
  var timeLabel = document.getElementById("time-label");
  var undated = data.edges.filter(function (e) { return !e.first_seen; }).length;
  from.max = to.max = String(Math.max(0, dates.length - 1));
  from.value = "0"; to.value = String(state.hi);
  if (dates.length < 2) { from.disabled = to.disabled = true; }
  function onTime(ev) {
    var lo = parseInt(from.value, 10), hi = parseInt(to.value, 10);
    if (lo > hi) {  // the handle being moved pushes the other one
      if (ev && ev.target === from) { hi = lo; to.value = String(hi); } else { lo = hi; from.value = String(lo); }
    }
    state.lo = lo; state.hi = hi;
    apply();
  }
  from.addEventListener("input", onTime);
  to.addEventListener("input", onTime);
  function showTimeLabel() {
    if (dates.length === 0) { timeLabel.textContent = "no dates"; return; }
    if (view.since === null) {
      timeLabel.textContent = dates[0] + " – " + dates[dates.length - 1] + " (all" +
        (undated ? ", with " + undated + " undated)" : ")");
    } else {
      timeLabel.textContent = view.since + " – " + view.until;
    }
    timeLabel.dataset.since = view.since || "";
    timeLabel.dataset.until = view.until || "";
  }

  document.getElementById("reset").addEventListener("click", function () {
    document.querySelectorAll("#relation-filter input, #kind-filter input").forEach(function (b) { b.checked = true; });
    Object.keys(state.relations).forEach(function (k) { state.relations[k] = true; });
    Object.keys(state.kinds).forEach(function (k) { state.kinds[k] = true; });
    minEv.value = "1"; minConf.value = "0"; minConfLabel.textContent = "0.00";
    state.minEvidence = 1; state.minConfidence = 0;
    from.value = "0"; to.value = String(Math.max(0, dates.length - 1));
    state.lo = 0; state.hi = Math.max(0, dates.length - 1);
    apply();
  });

  // --- search -------------------------------------------------------------------------
  var list = document.getElementById("actor-names");
  var names = {};
  data.nodes.forEach(function (n) {
    [n.name].concat(n.aliases || []).forEach(function (a) {
      var k = String(a).toLowerCase();
      if (!(k in names)) names[k] = n.id;
    });
    names[n.id.toLowerCase()] = names[n.id.toLowerCase()] || n.id;
    var opt = document.createElement("option");
    opt.value = n.name;
    list.appendChild(opt);
  });
  function findActor(text) {
    var q = text.trim().toLowerCase();
    if (!q) return null;
    if (q in names) return names[q];
    var hit = data.nodes.filter(function (n) { return n.name.toLowerCase().indexOf(q) >= 0; });
    hit.sort(function (a, b) { return b.degree - a.degree; });
    return hit.length ? hit[0].id : null;
  }
  var find = document.getElementById("find");
  function onFind() {
    var id = findActor(find.value);
    if (id === null) { showStatus("no actor matches “" + find.value + "”"); return; }
    if (byNode[id].hidden) { showStatus(byNode[id].name + " is hidden by the filters"); return; }
    focusNode(id);
  }
  find.addEventListener("change", onFind);
  find.addEventListener("keydown", function (ev) { if (ev.key === "Enter") onFind(); });
  function focusNode(id) {
    network.selectNodes([id]);
    network.focus(id, { scale: Math.max(network.getScale(), 1.2), animation: { duration: 300 } });
    showNode(id);
  }

  // --- evidence panel -----------------------------------------------------------------
  var panel = document.getElementById("panel"), body = document.getElementById("panel-body");
  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) e.textContent = text;
    if (cls) e.className = cls;
    return e;
  }
  function actorButton(id) {
    var n = byNode[id];
    var b = el("button", n ? n.name : id, "link");
    b.type = "button";
    b.addEventListener("click", function () { if (n && !n.hidden) focusNode(id); else if (n) showNode(id); });
    return b;
  }
  function openPanel() {
    var wasHidden = panel.hidden;
    panel.hidden = false;
    if (wasHidden) network.redraw();
  }
  function showEdge(id) {
    var e = byEdge[id];
    if (!e) return showLink(id);
    view.selected = { type: "edge", id: id };
    body.textContent = "";
    var h = el("h2");
    h.appendChild(actorButton(e.from));
    h.appendChild(document.createTextNode(" " + relLabel(e.relation) + " "));
    h.appendChild(actorButton(e.to));
    body.appendChild(h);
    body.appendChild(el("p", e.evidence_count + " statement(s) in " + e.doc_count + " document(s) · confidence " +
      e.confidence.toFixed(2) + " · seen " + (e.first_seen || "?") + " to " + (e.last_seen || "?"), "facts"));
    if (e.hidden) body.appendChild(el("p", "Hidden by the current filters.", "warn"));
    if (e.rejected) body.appendChild(el("p", "Rejected by " + e.rejected + ": counts toward no edge.", "warn rejected"));
    var rows = data.evidence[id] || [];
    var ol = el("ol");
    ol.className = "statements";
    rows.forEach(function (row) { ol.appendChild(statementItem(row, e.rejected)); });
    body.appendChild(ol);
    if (e.evidence_count > rows.length) {
      var more = e.evidence_count - rows.length;
      body.appendChild(el("p", "… and " + more + " more statement(s) not held in this page; " +
        "GET /relations/evidence?source=" + e.from + "&relation=" + e.relation + "&target=" + e.to +
        " lists them all.", "note"));
    }
    openPanel();
  }
  function statementItem(row, rejected) {
    var sentence = row[0], speaker = row[1], day = row[2], conf = row[3], rule = row[4], doc = data.docs[row[5]];
    var li = el("li");
    li.className = "statement";
    if (view.since !== null && (!day || day < view.since || day > view.until)) {
      li.className += " out";
      li.title = "outside the chosen dates";
    }
    var quote = el("blockquote", "“" + sentence + "”");
    if (rejected) { var struck = el("s"); struck.appendChild(quote); li.appendChild(struck); } else li.appendChild(quote);
    var meta = el("div", null, "meta");
    var parts = [day ? day : "undated"];
    if (speaker) parts.push("said by " + speaker);
    if (conf !== null && conf !== undefined) parts.push("confidence " + Number(conf).toFixed(2));
    meta.appendChild(document.createTextNode(parts.join(" · ")));
    if (rule) {
      meta.appendChild(document.createTextNode(" · from "));
      var c = el("code", rule);
      c.title = "the construction, rule or model that produced this statement";
      meta.appendChild(c);
    }
    li.appendChild(meta);
    var src = el("div", null, "src");
    var name = doc[1] || doc[0];
    if (doc[2]) {
      var a = el("a", name);
      a.href = doc[2];
      a.target = "_blank";
      a.rel = "noopener noreferrer";
      a.className = "source-link";
      src.appendChild(document.createTextNode("source: "));
      src.appendChild(a);
    } else {
      src.appendChild(document.createTextNode("source: " + name + (doc[1] ? " (" + doc[0] + ")" : "") + " · no URL recorded"));
    }
    li.appendChild(src);
    return li;
  }
  function showLink(id) {
    var l = byLink[id];
    if (!l) return;
    view.selected = { type: "link", id: id };
    body.textContent = "";
    var h = el("h2");
    h.appendChild(actorButton(l.from));
    h.appendChild(document.createTextNode(" speaks for "));
    h.appendChild(actorButton(l.to));
    body.appendChild(h);
    body.appendChild(el("p", "Affiliation from the actor catalogue (not a relation stated in the news).", "facts"));
    openPanel();
  }
  function showNode(id) {
    var n = byNode[id];
    if (!n) return;
    view.selected = { type: "node", id: id };
    body.textContent = "";
    body.appendChild(el("h2", n.name));
    body.appendChild(el("p", n.kind.replace("_", " ") + " · id " + n.id, "facts"));
    if (n.hidden) body.appendChild(el("p", "Hidden by the current filters.", "warn"));
    if (n.aliases && n.aliases.length) body.appendChild(el("p", "also: " + n.aliases.join(", "), "meta"));
    if (n.affiliation) {
      var p = el("p", "speaks for ");
      p.appendChild(byNode[n.affiliation] ? actorButton(n.affiliation) : el("span", n.affiliation));
      body.appendChild(p);
    }
    var members = data.nodes.filter(function (m) { return m.affiliation === id; });
    if (members.length) {
      var q = el("p", "spoken for by ");
      members.forEach(function (m, i) { if (i) q.appendChild(document.createTextNode(", ")); q.appendChild(actorButton(m.id)); });
      body.appendChild(q);
    }
    var mine = data.edges.filter(function (e) { return (e.from === id || e.to === id) && !e.hidden; });
    mine.sort(function (a, b) { return b.evidence_count - a.evidence_count; });
    body.appendChild(el("p", mine.length + " edge(s) drawn; click one for its evidence:", "facts"));
    var ul = el("ul");
    ul.className = "edges";
    mine.forEach(function (e) {
      var li = el("li");
      var b = el("button", byNode[e.from].name + " " + relLabel(e.relation) + " " + byNode[e.to].name +
        " (" + e.evidence_count + ")", "link");
      b.type = "button";
      b.dataset.edge = e.id;
      b.addEventListener("click", function () { network.selectEdges([e.id]); showEdge(e.id); });
      li.appendChild(b);
      ul.appendChild(li);
    });
    body.appendChild(ul);
    openPanel();
  }
  function refreshPanel() {
    var s = view.selected;
    if (s.type === "edge") showEdge(s.id); else if (s.type === "node") showNode(s.id); else showLink(s.id);
  }
  function closePanel() { panel.hidden = true; view.selected = null; network.unselectAll(); network.redraw(); }
  document.getElementById("panel-close").addEventListener("click", closePanel);
  document.addEventListener("keydown", function (ev) { if (ev.key === "Escape" && !panel.hidden) closePanel(); });
  network.on("click", function (p) {
    if (p.nodes.length) showNode(p.nodes[0]);
    else if (p.edges.length) showEdge(p.edges[0]);
  });

  // --- labels: the most connected first, none overlapping another ----------------------
  var ctx = document.createElement("canvas").getContext("2d");
  ctx.font = "100px sans-serif";
  var widths = {};
  function width100(text) { return widths[text] !== undefined ? widths[text] : (widths[text] = ctx.measureText(text).width); }
  // On screen a label is at least labelMinPx (hubs stay named in an overview) and at
  // most labelMaxPx (vis-network's maxVisible); sizes are kept in canvas units.
  data.nodes.forEach(function (n) { n.baseFont = n.curFont = n.font.size; });
  function declutter() {
    var started = performance.now();
    var scale = network.getScale();
    var minSize = data.labelMinPx / scale, maxSize = data.labelMaxPx / scale;
    var order = data.nodes.filter(function (n) { return !n.hidden; });
    var sel = network.getSelectedNodes();
    order.sort(function (a, b) {
      var pa = (a.id === data.center || sel.indexOf(a.id) >= 0) ? 1 : 0;
      var pb = (b.id === data.center || sel.indexOf(b.id) >= 0) ? 1 : 0;
      return (pb - pa) || (b.degree - a.degree) || (a.name < b.name ? -1 : 1);
    });
    var pos = network.getPositions(order.map(function (n) { return n.id; }));
    var cell = 120 / scale, grid = {}, changes = [], shown = 0, pad = 2 / scale;
    order.forEach(function (n) {
      var font = Math.max(n.baseFont, minSize), fs = Math.min(font, maxSize), p = pos[n.id];
      var w = width100(n.name) * fs / 100, h = fs * 1.25, show = true;
      var box = [p.x - w / 2 - pad, p.y + n.size, p.x + w / 2 + pad, p.y + n.size + h + pad];
      var x0 = Math.floor(box[0] / cell), x1 = Math.floor(box[2] / cell);
      var y0 = Math.floor(box[1] / cell), y1 = Math.floor(box[3] / cell), i, j, k, m;
      for (i = x0; i <= x1 && show; i++) for (j = y0; j <= y1 && show; j++) {
        var bucket = grid[i + "," + j];
        if (!bucket) continue;
        for (k = 0; k < bucket.length; k++) {
          m = bucket[k];
          if (box[0] < m[2] && m[0] < box[2] && box[1] < m[3] && m[1] < box[3]) { show = false; break; }
        }
      }
      if (show) {
        for (i = x0; i <= x1; i++) for (j = y0; j <= y1; j++) (grid[i + "," + j] = grid[i + "," + j] || []).push(box);
        shown++;
      }
      var label = show ? n.name : "", change = null;
      if (n.label !== label) { n.label = label; change = { id: n.id, label: label }; }
      if (show && Math.abs(n.curFont - font) > 1e-6 * font) {
        n.curFont = font;
        change = change || { id: n.id };
        change.font = { size: font };
      }
      if (change) changes.push(change);
    });
    if (changes.length) nodes.update(changes);
    view.labels = shown;
    view.labelMs = Math.round(performance.now() - started);
  }
  var zoomTimer = null;
  network.on("zoom", function () { clearTimeout(zoomTimer); zoomTimer = setTimeout(declutter, 120); });
  network.on("dragEnd", function (p) { if (p.nodes.length) declutter(); });
  network.on("selectNode", function () { if (view.settled) declutter(); });

  // --- settling -----------------------------------------------------------------------
  function settled() {
    if (view.settled) return;
    network.setOptions({ physics: { enabled: false } });
    view.layoutMs = Math.round(performance.now() - tLayout);
    declutter();  // counted in the settling time: the first finished picture has its labels
    view.settleMs = Math.round(performance.now() - t0);
    view.settled = true;
    showStatus();
    document.body.setAttribute("data-settled", "true");
  }
  network.once("stabilizationIterationsDone", settled);
  network.once("stabilized", settled);
  network.on("stabilizationProgress", function (p) {
    status.textContent = "laying out… " + Math.round(100 * p.iterations / p.total) + "%";
  });
  apply();
  var tLayout = performance.now();
  view.setupMs = Math.round(tLayout - t0);
  if (data.nodes.length === 0) settled();
})();
