"""Subgraphs as JSON and as an interactive HTML view."""

from __future__ import annotations

import dataclasses
from typing import Annotated, Any

from fastapi import APIRouter, Query
from fastapi.responses import HTMLResponse

from api.deps import DatabaseDep, DriverDep
from api.params import Relations, Since, Until, actor_query
from api.responses import errors, page_errors
from api.schemas import GraphOut
from graph_builder.reads import fetch_subgraph
from graph_builder.subgraph import MAX_DEPTH, GraphFilter
from graph_builder.views import render_view, view_subgraph, view_title

router = APIRouter(tags=["graph"])
ERRORS = errors(404, 422, 503)
VIEW_ERRORS = page_errors("Unknown centre actor.")

Center = Annotated[
    str | None,
    actor_query("Centre actor (id, name or alias); without it, the best-attested edges.", "russia"),
]
Depth = Annotated[
    int, Query(ge=1, le=MAX_DEPTH, description=f"Hops from the centre, 1..{MAX_DEPTH}.")
]
MaxNodes = Annotated[int, Query(ge=1, le=5000, description="Most actors in the subgraph.")]


@router.get(
    "/graph", response_model=GraphOut, responses=ERRORS, summary="A subgraph as nodes and edges"
)
def graph(
    driver: DriverDep,
    database: DatabaseDep,
    center: Center = None,
    depth: Depth = 2,
    relation: Relations = None,
    since: Since = None,
    until: Until = None,
    max_nodes: MaxNodes = 500,
    evidence: Annotated[bool, Query(description="Include up to 5 sentences per edge.")] = False,
) -> dict[str, Any]:
    where = GraphFilter(center, depth, relation, since, until, max_nodes)
    sub = fetch_subgraph(driver, database, where, evidence=evidence)
    return {
        "center": sub.center,
        "truncated": sub.truncated,
        "nodes": [
            {**dataclasses.asdict(n), "aliases": list(n.aliases)} for n in sub.nodes.values()
        ],
        "edges": [dataclasses.asdict(e) for e in sub.edges],
    }


@router.get(
    "/graph/view",
    response_class=HTMLResponse,
    responses=VIEW_ERRORS,
    summary="The same subgraph as an interactive HTML page (self-contained)",
)
def graph_view(
    driver: DriverDep,
    database: DatabaseDep,
    center: Center = None,
    depth: Depth = 2,
    relation: Relations = None,
    since: Since = None,
    until: Until = None,
    max_nodes: MaxNodes = 1000,
    show_rejected: Annotated[
        bool, Query(description="Also draw rejected evidence (dashed, struck through).")
    ] = False,
) -> HTMLResponse:
    where = GraphFilter(center, depth, relation, since, until, max_nodes)
    sub = view_subgraph(driver, database, where, show_rejected)
    return HTMLResponse(render_view(sub, view_title(sub, where), depth))
