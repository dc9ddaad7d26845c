"""The change feed: new edges, edges whose evidence grew, and flipped stances."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query

from api.deps import DatabaseDep, DriverDep
from api.params import IsoDate, Relations
from api.responses import errors
from api.timeline_schemas import ChangesOut
from graph_builder.changes import fetch_changes

router = APIRouter(tags=["changes"])
ERRORS = errors(422, 503)


@router.get(
    "/changes",
    response_model=ChangesOut,
    responses=ERRORS,
    summary="What statements dated since a date changed: new, grown and flipped relations",
)
def changes(
    driver: DriverDep,
    database: DatabaseDep,
    since: Annotated[
        IsoDate,
        Query(description="ISO date: the window starts on this day.", examples=["2024-12-01"]),
    ],
    until: Annotated[
        IsoDate | None,
        Query(description="ISO date: the window ends on this day (default: no end)."),
    ] = None,
    relation: Relations = None,
    limit: Annotated[
        int, Query(ge=1, le=1000, description="Most changes listed of each kind.")
    ] = 100,
    statements: Annotated[
        int, Query(ge=1, le=100, description="Most statements listed per change.")
    ] = 10,
) -> dict[str, Any]:
    found = fetch_changes(driver, database, since, until, relation, statements)
    return {
        "since": found.since,
        "until": found.until,
        "totals": found.totals(),
        "new": found.new[:limit],
        "grew": found.grew[:limit],
        "flipped": found.flipped[:limit],
    }
