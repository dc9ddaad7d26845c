"""The FastAPI application factory."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI
from fastapi_offline import FastAPIOffline

from api import (
    errors,
    routes_actors,
    routes_browser,
    routes_docs,
    routes_documents,
    routes_export,
    routes_graph,
    routes_meta,
    routes_relations,
)
from graph_builder import __version__
from graph_builder.db import open_driver
from graph_builder.errors import GraphBuilderError
from graph_builder.settings import Settings, get_settings

log = logging.getLogger("api")

DESCRIPTION = """
Query the actor-relationship graph built from conflict news.

* Actors may be named by id or by any alias, in any case (`russia`, `Moscow`, `KREMLIN`).
* Relations: `supports`, `opposes`, `met_with` (symmetric), `seized`.
* Dates are ISO (`2024-12-01`). Lists are paginated with `limit` (1..1000) and `offset`.
* Errors are JSON `{"error": ..., "detail": ...}`: 404 unknown actor or document,
  422 invalid parameter (named), 401 missing or wrong API key, 503 Neo4j unavailable.
* Writes (`POST /documents`, `DELETE /documents/{id}`) need the `X-API-Key` header.
"""


def create_app(settings: Settings | None = None) -> FastAPI:
    """Build the app; the Neo4j driver is created at startup and closed at shutdown."""
    settings = settings or get_settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        app.state.driver, app.state.driver_error = None, None
        try:
            app.state.driver = open_driver(settings, verify=False)
        except GraphBuilderError as exc:  # requests then answer 503 with this reason
            app.state.driver_error = str(exc)
            log.warning("Neo4j driver not created: %s", exc)
        try:
            yield
        finally:
            if app.state.driver is not None:
                app.state.driver.close()

    # /docs and /redoc load Swagger UI and ReDoc from files bundled in fastapi-offline,
    # served by the app itself (no CDN): the pages work without a network.
    app = FastAPIOffline(
        title="Conflict actor graph API",
        version=__version__,
        description=DESCRIPTION,
        lifespan=lifespan,
        redoc_url=None,  # served by routes_docs
    )
    app.state.settings = settings
    app.state.api_key = settings.api_key()
    app.state.extractor = None
    app.state.schema_ready = False  # constraints created before the first write
    app.state.driver, app.state.driver_error = None, "the application has not started"
    errors.install(app)
    for module in (routes_meta, routes_actors, routes_relations, routes_graph, routes_documents):
        app.include_router(module.router)
    app.include_router(routes_export.router)
    app.include_router(routes_docs.router)
    app.include_router(routes_browser.router)
    return app
