"""Interactive HTML network views (pyvis / vis-network), self-contained for offline use.

The page draws the actors and edges of a `Subgraph` and holds everything an analyst
needs without a server: an evidence panel (every statement of an edge with sentence,
speaker, date, confidence, the rule that produced it and a link to its source), a time
range control over the dates present, a search box, filters by relation, actor kind,
evidence and confidence, affiliation links that pull officials towards the state or
group they speak for, and labels thinned so that none overlap. The data model of the
page is built in `view_data.py`; the page itself is `data/templates/view.{html,js,css}`.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from pathlib import Path

import jinja2
import neo4j
import pyvis
from markupsafe import Markup

from graph_builder.models import Edge
from graph_builder.reads import fetch_subgraph
from graph_builder.subgraph import GraphFilter, Subgraph, subgraph_from_edges
from graph_builder.view_data import (
    KIND_STYLES,
    OTHER_KIND,
    RELATION_COLORS,
    RELATION_LABELS,
    page_data,
)

# Statements embedded per edge (the panel says how many more the API holds).
VIEW_EVIDENCE_PER_EDGE = 200

__all__ = [
    "KIND_STYLES",
    "OTHER_KIND",
    "RELATION_COLORS",
    "RELATION_LABELS",
    "VIEW_EVIDENCE_PER_EDGE",
    "render_view",
    "write_view",
    "write_view_from_db",
    "write_view_from_edges",
]

_TEMPLATES = Path(__file__).resolve().parent / "data" / "templates"
_VIS = Path(pyvis.__file__).resolve().parent / "lib" / "vis-9.1.2"
_ENV = jinja2.Environment(
    loader=jinja2.FileSystemLoader(str(_TEMPLATES)),
    autoescape=jinja2.select_autoescape(["html"]),
)


def _script(text: str) -> Markup:
    return Markup(text.replace("</script", "<\\/script"))


@cache
def _assets() -> tuple[Markup, Markup, Markup, Markup]:
    """vis-network's script and style sheet (shipped with pyvis) and the page's own."""
    vis_js = (_VIS / "vis-network.min.js").read_text(encoding="utf-8")
    vis_css = (_VIS / "vis-network.css").read_text(encoding="utf-8")
    view_js = (_TEMPLATES / "view.js").read_text(encoding="utf-8")
    view_css = (_TEMPLATES / "view.css").read_text(encoding="utf-8")
    return _script(vis_js), Markup(vis_css), _script(view_js), Markup(view_css)


def write_view_from_db(
    driver: neo4j.Driver,
    database: str,
    output: Path,
    where: GraphFilter = GraphFilter(),  # noqa: B008 (frozen)
    title: str | None = None,
    show_rejected: bool = False,
) -> Path:
    """Write the view of the stored graph (around `where.center`, if given) to `output`;
    with `show_rejected`, rejected evidence too (dashed, struck through)."""
    graph = view_subgraph(driver, database, where, show_rejected)
    return write_view(graph, output, title or view_title(graph, where), where.depth)


def view_subgraph(
    driver: neo4j.Driver,
    database: str,
    where: GraphFilter = GraphFilter(),  # noqa: B008 (frozen)
    show_rejected: bool = False,
) -> Subgraph:
    """The stored subgraph a view draws (the CLI's file and `GET /graph/view` alike)."""
    graph = fetch_subgraph(driver, database, where, per_edge=VIEW_EVIDENCE_PER_EDGE)
    if show_rejected:
        from graph_builder.decisions.view import add_rejected

        add_rejected(driver, database, graph, where.relation)
    return graph


def write_view_from_edges(
    edges: Iterable[Edge],
    output: Path,
    where: GraphFilter = GraphFilter(),  # noqa: B008 (frozen)
    title: str | None = None,
) -> Path:
    """Write the view of extracted edges (e.g. from `edges.jsonl`) to `output`
    (`where.max_nodes` does not apply: every actor the filter keeps is drawn)."""
    graph = subgraph_from_edges(
        edges,
        center=where.center,
        depth=where.depth,
        relation=where.relation,
        since=where.since,
        until=where.until,
        per_edge=VIEW_EVIDENCE_PER_EDGE,
    )
    return write_view(graph, output, title or view_title(graph, where), where.depth)


def write_view(graph: Subgraph, output: Path, title: str, depth: int = 2) -> Path:
    """Render `graph` and write the page; returns the path written."""
    output = Path(output)
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(render_view(graph, title, depth), encoding="utf-8")
    return output


def render_view(graph: Subgraph, title: str = "Actor network", depth: int = 2) -> str:
    """The HTML page for `graph`: one file, scripts inlined, no network access needed.

    `depth` is the walk the subgraph was cut with around its centre; the page repeats
    it when filters hide edges, so that it shows what the API returns for them.
    """
    vis_js, vis_css, view_js, view_css = _assets()
    data = page_data(graph, title, depth)
    return _ENV.get_template("view.html").render(
        vis_js=vis_js,
        vis_css=vis_css,
        view_js=view_js,
        view_css=view_css,
        title=title,
        data=data,
        relations=data["relations"],
        kinds=data["kinds"],
        truncated=graph.truncated,
        n_nodes=len(graph.nodes),
    )


def view_title(graph: Subgraph, where: GraphFilter) -> str:
    """"Actor network around X since D1 until D2", as far as those are given."""
    parts = ["Actor network"]
    if graph.center:
        node = graph.nodes.get(graph.center)
        parts.append(f"around {node.name if node else graph.center}")
    if where.since:
        parts.append(f"since {where.since.isoformat()}")
    if where.until:
        parts.append(f"until {where.until.isoformat()}")
    return " ".join(parts)
