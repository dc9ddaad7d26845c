"""Dependencies: the driver and settings created at startup, and the API-key check."""

from __future__ import annotations

import secrets
from typing import Annotated

import neo4j
from fastapi import Depends, Header, Request

from graph_builder.errors import AuthError, DatabaseUnavailableError
from graph_builder.reads import read_query
from graph_builder.settings import Settings

# The cheap dependencies are `async def`: FastAPI runs plain `def` ones in a thread.


async def get_settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


def _driver(request: Request) -> neo4j.Driver:
    driver: neo4j.Driver | None = request.app.state.driver
    if driver is None:
        raise DatabaseUnavailableError(request.app.state.driver_error or "Neo4j is not configured")
    return driver


async def get_driver(request: Request) -> neo4j.Driver:
    """The app's one driver; 503 (with the reason) when it could not be created."""
    return _driver(request)


def get_live_driver(request: Request) -> neo4j.Driver:
    """The driver, after a quick query: for calls that would otherwise retry for 30 s."""
    driver = _driver(request)
    read_query(driver, request.app.state.settings.neo4j_database, "api/health", {})
    return driver


async def get_database(request: Request) -> str:
    settings: Settings = request.app.state.settings
    return settings.neo4j_database


async def require_api_key(
    request: Request,
    x_api_key: Annotated[
        str | None, Header(description="API key for writes (GRAPH_API_KEY or the stored key).")
    ] = None,
) -> None:
    """Writes need `X-API-Key` equal to the configured key (401 otherwise).

    The same check runs before the body is read (api/guards.py); this one documents
    the header in the OpenAPI schema and guards routes called without the middleware.
    """
    problem = key_problem(x_api_key, request.app.state.api_key)
    if problem:
        raise AuthError(problem)


def key_problem(given: str | None, expected: str) -> str | None:
    """Why `given` is not a valid API key, or None when it is."""
    if not given:
        return "this request needs an API key in the X-API-Key header"
    if not secrets.compare_digest(given.encode(), expected.encode()):
        return "the X-API-Key header does not match the configured API key"
    return None


SettingsDep = Annotated[Settings, Depends(get_settings)]
DriverDep = Annotated[neo4j.Driver, Depends(get_driver)]
LiveDriverDep = Annotated[neo4j.Driver, Depends(get_live_driver)]
DatabaseDep = Annotated[str, Depends(get_database)]
WriteAccess = Depends(require_api_key)
