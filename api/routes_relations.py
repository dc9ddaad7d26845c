"""Edges across the graph, the evidence behind one edge, and paths between actors."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query

from api.deps import DatabaseDep, DriverDep
from api.params import (
    Limit,
    MinEvidence,
    Offset,
    Relation,
    Relations,
    Since,
    Until,
    actor_query,
    types_of,
)
from api.responses import errors
from api.schemas import EdgePage, EvidenceOut, PathsOut
from graph_builder import reads
from graph_builder.errors import NotFoundError
from graph_builder.reads import EdgeQuery, resolve_actor

router = APIRouter(tags=["relations"])
ERRORS = errors(404, 422, 503)
MAX_HOPS = 6


@router.get(
    "/relations",
    response_model=EdgePage,
    responses=ERRORS,
    summary="Edges, filtered by relation, actors, dates and evidence",
)
def list_relations(
    driver: DriverDep,
    database: DatabaseDep,
    relation: Relations = None,
    source: Annotated[
        str | None, actor_query("Subject actor (id, name or alias).", "russia")
    ] = None,
    target: Annotated[
        str | None, actor_query("Object actor (id, name or alias).", "Bashar al-Assad")
    ] = None,
    since: Since = None,
    until: Until = None,
    min_evidence: MinEvidence = 1,
    limit: Limit = 100,
    offset: Offset = 0,
) -> dict[str, Any]:
    source_id = resolve_actor(driver, database, source).id if source else None
    target_id = resolve_actor(driver, database, target).id if target else None
    edges = EdgeQuery(types_of(relation), since, until, min_evidence, limit, offset)
    items, next_offset = reads.relations(driver, database, source_id, target_id, edges)
    return {"items": items, "limit": limit, "offset": offset, "next_offset": next_offset}


@router.get(
    "/relations/evidence",
    response_model=EvidenceOut,
    responses=ERRORS,
    summary="The statements and documents behind one edge",
)
def relation_evidence(
    driver: DriverDep,
    database: DatabaseDep,
    source: Annotated[str, actor_query("Subject actor (id, name or alias).", "russia")],
    relation: Annotated[Relation, Query(description="Relation type.")],
    target: Annotated[str, actor_query("Object actor (id, name or alias).", "Bashar al-Assad")],
    limit: Limit = 100,
    offset: Offset = 0,
) -> dict[str, Any]:
    a = resolve_actor(driver, database, source)
    b = resolve_actor(driver, database, target)
    found = reads.edge_evidence(driver, database, a.id, relation, b.id, limit, offset)
    if found is None:
        raise NotFoundError(f"no {relation} edge from {a.name!r} to {b.name!r}")
    return found


@router.get(
    "/paths",
    response_model=PathsOut,
    responses=ERRORS,
    summary="Shortest paths between two actors (edges taken in either direction)",
)
def shortest_paths(
    driver: DriverDep,
    database: DatabaseDep,
    source: Annotated[str, actor_query("One end (id, name or alias).", "iran")],
    target: Annotated[str, actor_query("Other end (id, name or alias).", "turkey")],
    max_hops: Annotated[int, Query(ge=1, le=MAX_HOPS, description=f"1..{MAX_HOPS}.")] = 4,
    relation: Relations = None,
    all_shortest: Annotated[
        bool,
        Query(alias="all", description="All shortest paths (allShortestPaths) instead of one."),
    ] = False,
    limit: Annotated[int, Query(ge=1, le=100, description="Most paths returned (with all).")] = 10,
) -> dict[str, Any]:
    args = (types_of(relation), max_hops, all_shortest, limit)
    # One round trip when both are named by id; else resolve the aliases first.
    found = reads.paths(driver, database, source, target, *args) if source != target else None
    if found is None or found["source"] is None or found["target"] is None:
        a = resolve_actor(driver, database, source)
        b = resolve_actor(driver, database, target)
        if a.id == b.id:  # the one shortest path from an actor to itself: no hop
            node = {"id": a.id, "name": a.name, "kind": a.kind}
            return {"source": node, "target": node, "max_hops": max_hops,
                    "paths": [{"length": 0, "nodes": [node], "hops": []}]}  # fmt: skip
        found = reads.paths(driver, database, a.id, b.id, *args)
    return {**found, "max_hops": max_hops}
