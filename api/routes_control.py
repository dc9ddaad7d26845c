"""Territorial control: who held a place when, and who held what on a date."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path, Query
from fastapi.responses import HTMLResponse

from api.deps import DatabaseDep, DriverDep
from api.params import IsoDate, Limit, Offset
from api.responses import errors, page_errors
from api.timeline_schemas import ControlAtOut, PlaceControlOut
from graph_builder.control import control_at, control_dict, period_dict, place_control
from graph_builder.control_view import render_control_page

router = APIRouter(tags=["control"])
ERRORS = errors(404, 422, 503)
VIEW_ERRORS = page_errors("Unknown place.")

PlacePath = Annotated[
    str,
    Path(
        min_length=1,
        max_length=200,
        description="Place id, name or alias (any case).",
        examples=["Aleppo"],
    ),
]
PerPeriod = Annotated[
    int, Query(ge=0, le=1000, description="Most statements listed per period (0..1000).")
]


@router.get(
    "/places/{place}/control",
    response_model=PlaceControlOut,
    responses=ERRORS,
    summary="Who held a place when: the sequence of holders with dates and evidence",
)
def place_timeline(
    driver: DriverDep, database: DatabaseDep, place: PlacePath, statements: PerPeriod = 20
) -> dict[str, Any]:
    return control_dict(place_control(driver, database, place), statements)


@router.get(
    "/places/{place}/control/view",
    response_class=HTMLResponse,
    responses=VIEW_ERRORS,
    summary="The same timeline as a self-contained HTML page",
)
def place_timeline_view(
    driver: DriverDep, database: DatabaseDep, place: PlacePath, statements: PerPeriod = 50
) -> HTMLResponse:
    return HTMLResponse(render_control_page(place_control(driver, database, place), statements))


@router.get(
    "/control",
    response_model=ControlAtOut,
    responses=ERRORS,
    summary="Who held what on a date (every place some actor seized)",
)
def control_on(
    driver: DriverDep,
    database: DatabaseDep,
    at: Annotated[
        IsoDate | None,
        Query(
            description="ISO date; without it, the latest holders. Places first seized "
            "after this date are left out.",
            examples=["2024-12-01"],
        ),
    ] = None,
    statements: PerPeriod = 5,
    limit: Limit = 100,
    offset: Offset = 0,
) -> dict[str, Any]:
    held = control_at(driver, database, at)
    chosen = held[offset : offset + limit]
    return {
        "at": at,
        "items": [{"place": place, **period_dict(period, statements)} for place, period in chosen],
        "limit": limit,
        "offset": offset,
        "next_offset": offset + limit if len(held) > offset + limit else None,
    }
