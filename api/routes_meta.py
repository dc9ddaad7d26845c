"""Health and statistics."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse

from api.deps import DatabaseDep, LiveDriverDep
from api.schemas import ErrorOut, HealthOut, StatsOut
from graph_builder.db import database_uri
from graph_builder.reads import graph_stats, read_query

router = APIRouter(tags=["meta"])


@router.get(
    "/health",
    response_model=HealthOut,
    responses={503: {"model": HealthOut, "description": "Neo4j does not answer."}},
    summary="200 when Neo4j answers, 503 when it does not",
)
def health(request: Request) -> JSONResponse:
    settings = request.app.state.settings
    body = {"neo4j": database_uri(settings), "database": settings.neo4j_database}
    driver = request.app.state.driver
    try:
        if driver is None:
            raise RuntimeError(request.app.state.driver_error)
        read_query(driver, settings.neo4j_database, "api/health", {})
    except Exception as exc:  # any failure to answer means unavailable
        detail = str(exc) if isinstance(exc, RuntimeError) else f"{type(exc).__name__}: {exc}"
        return JSONResponse(
            {"status": "unavailable", **body, "detail": detail[:500]}, status_code=503
        )
    return JSONResponse({"status": "ok", **body})


@router.get(
    "/stats",
    response_model=StatsOut,
    responses={503: {"model": ErrorOut}},
    summary="Counts of documents, statements, actors and edges per type",
)
def stats(driver: LiveDriverDep, database: DatabaseDep) -> dict[str, Any]:
    return graph_stats(driver, database)
