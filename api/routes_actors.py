"""Actors: search, details, and their edges."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query

from api.deps import DatabaseDep, DriverDep
from api.params import (
    ActorPath,
    Limit,
    MinEvidence,
    Offset,
    Relations,
    Since,
    Until,
    types_of,
)
from api.responses import errors
from api.schemas import ActorDetail, ActorPage, EdgePage, KindName
from graph_builder import reads
from graph_builder.errors import NotFoundError
from graph_builder.reads import EdgeQuery, resolve_actor

router = APIRouter(tags=["actors"])
ERRORS = errors(422, 503)
NOT_FOUND_ERRORS = errors(404, 422, 503, described={404: "Unknown actor."})


@router.get(
    "/actors",
    response_model=ActorPage,
    responses=ERRORS,
    summary="Search actors by id, name or alias",
)
def list_actors(
    driver: DriverDep,
    database: DatabaseDep,
    q: Annotated[
        str | None,
        Query(
            max_length=200,
            description="Text in the id, name or an alias (case-insensitive).",
            examples=["assad"],
        ),
    ] = None,
    kind: Annotated[KindName | None, Query(description="Actor kind.")] = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> dict[str, Any]:
    items, next_offset = reads.search_actors(driver, database, q, kind, limit, offset)
    return {"items": items, "limit": limit, "offset": offset, "next_offset": next_offset}


@router.get(
    "/actors/{actor_id}",
    response_model=ActorDetail,
    responses=NOT_FOUND_ERRORS,
    summary="One actor: name, kind, aliases and counts per relation",
)
def get_actor(actor_id: ActorPath, driver: DriverDep, database: DatabaseDep) -> dict[str, Any]:
    actor = resolve_actor(driver, database, actor_id)
    detail = reads.actor_detail(driver, database, actor.id)
    if detail is None:  # deleted in between
        raise NotFoundError(f"unknown actor: {actor_id!r}")
    return detail


@router.get(
    "/actors/{actor_id}/relations",
    response_model=EdgePage,
    responses=NOT_FOUND_ERRORS,
    summary="The actor's edges with evidence count, dates and confidence",
)
def actor_relations(
    actor_id: ActorPath,
    driver: DriverDep,
    database: DatabaseDep,
    relation: Relations = None,
    direction: Annotated[
        Literal["out", "in", "both"],
        Query(description="out: the actor is the subject; in: the object. met_with is symmetric."),
    ] = "both",
    since: Since = None,
    until: Until = None,
    min_evidence: MinEvidence = 1,
    limit: Limit = 100,
    offset: Offset = 0,
) -> dict[str, Any]:
    edges = EdgeQuery(types_of(relation), since, until, min_evidence, limit, offset)
    # One round trip when the actor is named by id; else resolve the alias first.
    found = reads.actor_relations(driver, database, actor_id, direction, edges)
    if found is None:
        actor = resolve_actor(driver, database, actor_id)
        found = reads.actor_relations(driver, database, actor.id, direction, edges)
        if found is None:  # deleted in between
            raise NotFoundError(f"unknown actor: {actor_id!r}")
    items, next_offset = found
    return {"items": items, "limit": limit, "offset": offset, "next_offset": next_offset}
