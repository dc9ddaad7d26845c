"""What a network view page holds: vis-network nodes and edges (built with pyvis),
affiliation links, the statements behind every edge, their documents, and the dates
the time control moves over. Plain JSON-ready data; the page renders it with DOM text
nodes only, so nothing from a document is ever parsed as HTML.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import Counter
from typing import Any

from pyvis.network import Network

from graph_builder.models import RELATIONS
from graph_builder.subgraph import GraphEdge, Subgraph

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
AFFILIATION = "affiliation"  # the pseudo-relation of "speaks for" links
AFFILIATION_COLOR = "#7f7f7f"
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
LOW_CONFIDENCE = 0.5  # edges below it are dashed; opacity follows confidence throughout
LABEL_MIN_PX = 11  # on screen, labels never shrink below this size ...
LABEL_MAX_PX = 16  # ... and grow with zoom up to this one
AFFILIATION_LENGTH = 35  # spring length of a "speaks for" link (relations: 120)


def page_data(graph: Subgraph, title: str, depth: int) -> dict[str, Any]:
    """Everything the page script reads, as one JSON-ready dict."""
    degree = Counter(i for e in graph.edges for i in (e.source, e.target))
    nodes = _nodes(graph, degree)
    edges = [e for e in graph.edges if e.source in graph.nodes and e.target in graph.nodes]
    vis_edges = _edges(graph, edges)
    docs: dict[str, int] = {}
    doc_rows: list[list[Any]] = []
    evidence: dict[str, list[list[Any]]] = {}
    dates: set[str] = set()
    for e in edges:
        rows = []
        for ev in e.evidence:
            if ev.doc_id not in docs:
                docs[ev.doc_id] = len(doc_rows)
                doc_rows.append([ev.doc_id, ev.title, _web_url(ev.url)])
            day = _iso(ev.date)
            if day:
                dates.add(day)
            rows.append([ev.sentence, ev.speaker, day, ev.confidence, ev.rule, docs[ev.doc_id]])
        evidence[e.key] = rows
        dates.update(d for d in (_iso(e.first_seen), _iso(e.last_seen)) if d)
    counts = Counter(e.relation for e in edges)
    links = affiliation_links(graph)
    kinds = sorted({n.kind for n in graph.nodes.values()})
    return {
        "title": title,
        "center": graph.center,
        "depth": depth,
        "truncated": graph.truncated,
        "nodes": nodes,
        "edges": vis_edges,
        "links": links,
        "evidence": evidence,
        "docs": doc_rows,
        "dates": sorted(dates),
        "options": options(len(graph.nodes)),
        "large": len(graph.nodes) > LARGE,
        "roundness": ROUNDNESS,
        "relationLabels": RELATION_LABELS,
        "labelMinPx": LABEL_MIN_PX,
        "labelMaxPx": LABEL_MAX_PX,
        "lowConfidence": LOW_CONFIDENCE,
        "relations": [
            {"id": r, "label": RELATION_LABELS[r], "color": RELATION_COLORS[r], "count": counts[r]}
            for r in RELATIONS
        ],
        "kinds": [
            {
                "id": k,
                "label": k.replace("_", " "),
                "color": KIND_STYLES.get(k, OTHER_KIND)[1],
                "symbol": KIND_STYLES.get(k, OTHER_KIND)[2],
            }
            for k in kinds
        ],
        "affiliationCount": len(links),
    }


def affiliation_links(graph: Subgraph) -> list[dict[str, Any]]:
    """One "speaks for" link from each actor to its affiliation, when both are drawn."""
    out = []
    for node in graph.nodes.values():
        aff = node.affiliation
        if not aff or aff == node.id or aff not in graph.nodes:
            continue
        out.append(
            {
                "id": f"{node.id}|{AFFILIATION}|{aff}",
                "from": node.id,
                "to": aff,
                "relation": AFFILIATION,
                "color": _rgba(AFFILIATION_COLOR, 0.55),
                "dashes": [2, 4],
                "width": 1,
                "length": AFFILIATION_LENGTH,
                "arrows": {"to": {"enabled": False}},
                "smooth": False,
                "title": f"{node.name} speaks for {graph.nodes[aff].name} (affiliation)",
            }
        )
    return out


def edge_style(confidence: float) -> dict[str, Any]:
    """Opacity and dashes for an edge of this confidence: weaker edges look weaker."""
    alpha = round(max(0.22, min(1.0, (confidence - 0.2) / 0.6)), 2)
    return {"alpha": alpha, "dashes": confidence < LOW_CONFIDENCE}


def _nodes(graph: Subgraph, degree: Counter[str]) -> list[dict[str, Any]]:
    net = Network(directed=True, cdn_resources="in_line")
    for node in graph.nodes.values():
        shape, color, _ = KIND_STYLES.get(node.kind, OTHER_KIND)
        d = degree[node.id]
        size = round(min(40.0, 8 + 3 * math.sqrt(d)), 1)
        font = round(min(24.0, 12 + 1.6 * math.sqrt(d)), 1)
        extra = {"borderWidth": 4} if node.id == graph.center else {}
        net.add_node(
            node.id,
            label=node.name,
            name=node.name,
            shape=shape,
            color=color,
            size=size,
            font={"size": font},
            kind=node.kind,
            aliases=list(node.aliases),
            affiliation=node.affiliation,
            degree=d,
            **extra,
        )
    return list(net.nodes)


def _edges(graph: Subgraph, edges: list[GraphEdge]) -> list[dict[str, Any]]:
    """Compact edge records; the page adds curvature and tooltips (arrows by default)."""
    out = []
    for e in edges:
        style = edge_style(e.confidence)
        rec: dict[str, Any] = {
            "id": e.key,
            "from": e.source,
            "to": e.target,
            "relation": e.relation,
            "color": _rgba(RELATION_COLORS[e.relation], style["alpha"]),
            "dashes": style["dashes"],
            "value": e.evidence_count,
            "evidence_count": e.evidence_count,
            "doc_count": e.doc_count,
            "first_seen": _iso(e.first_seen),
            "last_seen": _iso(e.last_seen),
            "confidence": round(e.confidence, 4),
        }
        if e.relation == "met_with":
            rec["arrows"] = {"to": {"enabled": False}}
        if e.rejected:  # rejected by analysts, drawn on request (graph_builder/decisions)
            rec.update(dashes=True, rejected=e.rejected)
        out.append(rec)
    return out


def options(n_nodes: int) -> dict[str, Any]:
    """vis-network options: fast settling for big views, physics off once settled."""
    large = n_nodes > LARGE
    # Stabilisation runs before the first draw: bound its cost for big views.
    iterations = 600 if not large else max(60, min(200, 100_000 // max(n_nodes, 1)))
    return {
        "layout": {"improvedLayout": n_nodes <= 150, "randomSeed": 7},
        "nodes": {
            "font": {"size": 14, "face": "sans-serif", "background": "rgba(255,255,255,0.7)"},
            "scaling": {"label": {"maxVisible": LABEL_MAX_PX, "drawThreshold": LABEL_MIN_PX - 2}},
        },
        "edges": {
            "arrows": {"to": {"enabled": True, "scaleFactor": 0.6}},
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


def _web_url(url: str | None) -> str | None:
    """Only http(s) addresses become links (never `javascript:` and the like)."""
    return url if url and url.startswith(("http://", "https://")) else None


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


def _rgba(hex_color: str, alpha: float) -> str:
    r, g, b = (int(hex_color[i : i + 2], 16) for i in (1, 3, 5))
    return f"rgba({r},{g},{b},{alpha})"
