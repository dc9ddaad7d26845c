"""`GET /export`: the graph as a GraphML, GEXF, CSV or JSON download."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query
from fastapi.responses import Response

from api.deps import DatabaseDep, DriverDep
from api.params import Relations, Since, Until, actor_query
from api.responses import errors
from graph_builder.export import MEDIA_TYPES, export_graph, serialise
from graph_builder.subgraph import MAX_DEPTH, GraphFilter

router = APIRouter(tags=["graph"])
ERRORS = errors(404, 422, 503)
CONTENT: dict[str, Any] = {
    "content": {media.split(";")[0]: {} for media in MEDIA_TYPES.values()},
    "description": "The file, as an attachment named graph.<format> (CSV: <table>.csv).",
}


@router.get(
    "/export",
    response_class=Response,
    responses={200: CONTENT, **ERRORS},
    summary="The whole graph, or a filtered subgraph, as GraphML, GEXF, CSV or JSON",
)
def export(
    driver: DriverDep,
    database: DatabaseDep,
    format: Annotated[
        Literal["graphml", "gexf", "csv", "json"],
        Query(description="graphml or gexf (Gephi, Cytoscape, yEd), csv (spreadsheets), "
              "json (networkx node-link)."),
    ],
    table: Annotated[
        Literal["edges", "nodes"],
        Query(description="For csv: the edge table or the node table."),
    ] = "edges",
    center: Annotated[
        str | None, actor_query("Only the actors around this one (id, name or alias).", "russia")
    ] = None,
    depth: Annotated[
        int, Query(ge=1, le=MAX_DEPTH, description=f"Hops from the centre, 1..{MAX_DEPTH}.")
    ] = 2,
    relation: Relations = None,
    since: Since = None,
    until: Until = None,
    max_nodes: Annotated[
        int, Query(ge=1, le=100_000, description="Most actors around the centre.")
    ] = 2000,
) -> Response:
    graph = export_graph(
        driver, database, GraphFilter(center, depth, relation, since, until, max_nodes)
    )
    name = f"{table}.csv" if format == "csv" else f"graph.{format}"
    return Response(
        serialise(graph, format, table),
        media_type=MEDIA_TYPES[format],
        headers={
            "Content-Disposition": f'attachment; filename="{name}"',
            "X-Graph-Nodes": str(graph.number_of_nodes()),
            "X-Graph-Edges": str(graph.number_of_edges()),
        },
    )
