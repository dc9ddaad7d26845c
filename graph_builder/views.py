"""Interactive HTML network views (pyvis / vis-network), self-contained for offline use.

Colour per relation (with a legend and a relation filter in the page), shape and
colour per actor kind, edge width by evidence count, tooltips with the evidence
sentences and their sources (HTML-escaped), arrows except for `met_with`.
Physics is tuned so that views of a thousand actors or more settle quickly, and is
switched off once the layout has stabilised.
"""

from __future__ import annotations

import datetime as dt
import html
from collections import Counter
from collections.abc import Iterable, Sequence
from functools import cache
from pathlib import Path
from typing import Any

import jinja2
import neo4j
import pyvis
from markupsafe import Markup
from pyvis.network import Network

from graph_builder.models import RELATIONS, Edge
from graph_builder.subgraph import GraphEdge, Subgraph, fetch_subgraph, subgraph_from_edges

RELATION_COLORS = {
    "supports": "#2ca02c",
    "opposes": "#d62728",
    "met_with": "#1f77b4",
    "seized": "#9467bd",
}
RELATION_LABELS = {
    "supports": "supports",
    "opposes": "opposes",
    "met_with": "met with",
    "seized": "seized",
}
KIND_STYLES: dict[str, tuple[str, str, str]] = {  # kind: (vis shape, colour, legend symbol)
    "country": ("square", "#f28e2b", "■"),
    "government": ("hexagon", "#edc948", "⬢"),
    "person": ("dot", "#76b7b2", "●"),
    "armed_group": ("triangle", "#b07aa1", "▲"),
    "organisation": ("diamond", "#9c755f", "◆"),
    "group": ("triangleDown", "#bab0ac", "▼"),
    "place": ("star", "#8cd17d", "★"),
}
OTHER_KIND = ("dot", "#97c2fc", "●")
# Parallel edges of different relations get different curvature so both stay visible.
ROUNDNESS = {"supports": 0.1, "opposes": 0.25, "met_with": 0.4, "seized": 0.55}
LARGE = 300  # above this many actors: straight edges, fewer stabilisation iterations

_TEMPLATES = Path(__file__).resolve().parent / "data" / "templates"
_VIS = Path(pyvis.__file__).resolve().parent / "lib" / "vis-9.1.2"
_ENV = jinja2.Environment(
    loader=jinja2.FileSystemLoader(str(_TEMPLATES)),
    autoescape=jinja2.select_autoescape(["html"]),
)


@cache
def _vis_assets() -> tuple[Markup, Markup]:
    """vis-network's script and style sheet (shipped with pyvis), to inline in the page."""
    js = (_VIS / "vis-network.min.js").read_text(encoding="utf-8")
    css = (_VIS / "vis-network.css").read_text(encoding="utf-8")
    return Markup(js.replace("</script", "<\\/script")), Markup(css)


def write_view_from_db(
    driver: neo4j.Driver,
    database: str,
    output: Path,
    center: str | None = None,
    depth: int = 2,
    relation: str | Sequence[str] | None = None,
    since: dt.date | None = None,
    until: dt.date | None = None,
    max_nodes: int = 2000,
    title: str | None = None,
) -> Path:
    """Write the view of the stored graph (around `center`, if given) to `output`."""
    graph = fetch_subgraph(
        driver,
        database,
        center=center,
        depth=depth,
        relation=relation,
        since=since,
        until=until,
        max_nodes=max_nodes,
    )
    return write_view(graph, output, title or _title(graph, since))


def write_view_from_edges(
    edges: Iterable[Edge],
    output: Path,
    center: str | None = None,
    depth: int = 2,
    relation: str | Sequence[str] | None = None,
    since: dt.date | None = None,
    title: str | None = None,
) -> Path:
    """Write the view of extracted edges (e.g. from `edges.jsonl`) to `output`."""
    graph = subgraph_from_edges(edges, center=center, depth=depth, relation=relation, since=since)
    return write_view(graph, output, title or _title(graph, since))


def write_view(graph: Subgraph, output: Path, title: str) -> Path:
    """Render `graph` and write the page; returns the path written."""
    output = Path(output)
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(render_view(graph, title), encoding="utf-8")
    return output


def render_view(graph: Subgraph, title: str = "Actor network") -> str:
    """The HTML page for `graph`: one file, scripts inlined, no network access needed."""
    net = _network(graph)
    nodes, edges, _, _, _, options = net.get_network_data()
    counts = Counter(e.relation for e in graph.edges)
    kinds = sorted({n.kind for n in graph.nodes.values()})
    vis_js, vis_css = _vis_assets()
    return _ENV.get_template("view.html").render(
        vis_js=vis_js,
        vis_css=vis_css,
        title=title,
        nodes=nodes,
        edges=edges,
        options=options,
        center=graph.center,
        truncated=graph.truncated,
        relations=[
            {"id": r, "label": RELATION_LABELS[r], "color": RELATION_COLORS[r], "count": counts[r]}
            for r in RELATIONS
        ],
        kinds=[
            {
                "id": k,
                "label": k.replace("_", " "),
                "color": KIND_STYLES.get(k, OTHER_KIND)[1],
                "symbol": KIND_STYLES.get(k, OTHER_KIND)[2],
            }
            for k in kinds
        ],
    )


def _title(graph: Subgraph, since: dt.date | None) -> str:
    parts = ["Actor network"]
    if graph.center:
        node = graph.nodes.get(graph.center)
        parts.append(f"around {node.name if node else graph.center}")
    if since:
        parts.append(f"since {since.isoformat()}")
    return " ".join(parts)


def _network(graph: Subgraph) -> Network:
    net = Network(directed=True, cdn_resources="in_line")
    degree = Counter(i for e in graph.edges for i in (e.source, e.target))
    large = len(graph.nodes) > LARGE
    for node in graph.nodes.values():
        shape, color, _ = KIND_STYLES.get(node.kind, OTHER_KIND)
        tip = [
            f"<b>{_esc(node.name)}</b>",
            f"{_esc(node.kind.replace('_', ' '))} · id {_esc(node.id)}",
        ]
        if node.aliases:
            tip.append("also: " + _esc(", ".join(node.aliases[:8])))
        tip.append(f"{degree[node.id]} edge(s) in this view")
        extra = {"borderWidth": 3} if node.id == graph.center else {}
        net.add_node(
            node.id,
            label=node.name,
            shape=shape,
            color=color,
            title="<br>".join(tip),
            value=1 + degree[node.id],
            kind=node.kind,
            **extra,
        )
    names = {n.id: n.name for n in graph.nodes.values()}
    for e in graph.edges:
        if e.source not in graph.nodes or e.target not in graph.nodes:
            continue
        smooth: Any = False if large else {"type": "curvedCW", "roundness": ROUNDNESS[e.relation]}
        arrows = {"to": {"enabled": e.relation != "met_with", "scaleFactor": 0.6}}
        net.add_edge(
            e.source,
            e.target,
            id=e.key,
            relation=e.relation,
            color=RELATION_COLORS[e.relation],
            value=e.evidence_count,
            title=_edge_tooltip(e, names),
            arrows=arrows,
            smooth=smooth,
        )
    net.options = _options(len(graph.nodes))
    return net


def _options(n_nodes: int) -> dict[str, Any]:
    large = n_nodes > LARGE
    # Stabilisation runs before the first draw: bound its cost for big views.
    iterations = 600 if not large else max(60, min(200, 100_000 // n_nodes))
    return {
        "layout": {"improvedLayout": n_nodes <= 150, "randomSeed": 7},
        "nodes": {
            "scaling": {"min": 8, "max": 40, "label": {"enabled": True, "min": 12, "max": 26}},
            "font": {"size": 14, "face": "sans-serif"},
        },
        "edges": {
            "scaling": {"min": 1, "max": 10},
            "arrowStrikethrough": False,
            "smooth": False if large else {"type": "continuous"},
            "selectionWidth": 2,
        },
        "interaction": {
            "hover": not large,
            "tooltipDelay": 150,
            "hideEdgesOnDrag": large,
            "hideEdgesOnZoom": large,
            "navigationButtons": False,
            "keyboard": False,
        },
        "physics": {
            "enabled": True,
            "solver": "forceAtlas2Based",
            "forceAtlas2Based": {
                "gravitationalConstant": -60,
                "centralGravity": 0.01,
                "springLength": 120,
                "springConstant": 0.08,
                "damping": 0.6,
                "theta": 0.9 if large else 0.5,
                "avoidOverlap": 0.2 if not large else 0,
            },
            "maxVelocity": 60,
            "minVelocity": 1.5,
            "timestep": 0.5,
            "adaptiveTimestep": True,
            "stabilization": {
                "enabled": True,
                "iterations": iterations,
                "updateInterval": 50,
                "fit": True,
            },
        },
    }


def _esc(value: object) -> str:
    return html.escape(str(value), quote=True)


def _edge_tooltip(e: GraphEdge, names: dict[str, str]) -> str:
    verb = RELATION_LABELS[e.relation]
    source, target = _esc(names.get(e.source, e.source)), _esc(names.get(e.target, e.target))
    head = f"<b>{source}</b> {verb} <b>{target}</b>"
    facts = (
        f"{e.evidence_count} statement(s) in {e.doc_count} document(s)"
        f" · confidence {e.confidence:.2f}"
    )
    lines = [head, facts]
    if e.first_seen or e.last_seen:
        lines.append(f"first seen {_d(e.first_seen)}, last seen {_d(e.last_seen)}")
    items = []
    for ev in e.evidence:
        src = _esc(ev.title or ev.doc_id)
        if ev.url and ev.url.startswith(("http://", "https://")):
            src = f'<a href="{_esc(ev.url)}" target="_blank" rel="noopener">{src}</a>'
        meta = ", ".join(
            x
            for x in (
                _d(ev.date) if ev.date else "",
                f"said by {_esc(ev.speaker)}" if ev.speaker else "",
            )
            if x
        )
        items.append(
            f"<li>“{_esc(_clip(ev.sentence))}”<br><i>{src}</i>"
            f"{' (' + meta + ')' if meta else ''}</li>"
        )
    if items:
        lines.append("<ul>" + "".join(items) + "</ul>")
    if e.evidence_count > len(e.evidence):
        lines.append(f"… and {e.evidence_count - len(e.evidence)} more statement(s)")
    return "<br>".join(lines)


def _d(day: dt.date | None) -> str:
    return day.isoformat() if day else "?"


def _clip(text: str, limit: int = 300) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
