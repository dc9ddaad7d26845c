"""The FastAPI application factory."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from fastapi import FastAPI
from fastapi_offline import FastAPIOffline

from api import (
    errors,
    routes_actors,
    routes_browser,
    routes_changes,
    routes_control,
    routes_decisions,
    routes_docs,
    routes_documents,
    routes_export,
    routes_graph,
    routes_meta,
    routes_relations,
)
from api.guards import WriteGuardMiddleware
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
  422 invalid parameter or body (named), 401 missing or wrong API key, 405 method not
  allowed (with `Allow`), 413 body too large, 503 Neo4j unavailable, stalled past the
  query timeout, or refusing us; 500 is a bug of ours, with a `request_id` (also sent
  as `X-Request-ID` on every response) under which it was logged.
* Writes (`POST /documents`, `DELETE /documents/{id}`, `POST /decisions`,
  `DELETE /decisions/{id}`) need the `X-API-Key` header,
  checked before the body is read.
"""

ERROR_SCHEMA = {"$ref": "#/components/schemas/ErrorOut"}
COMMON_ERRORS = {
    "500": "Our own bug; logged with the `request_id` given in the body.",
    "503": "Neo4j unavailable, stalled past the query timeout, or refusing us.",
}
BODY_ERRORS = {"413": "The request body exceeds the size limit (API_MAX_BODY_BYTES)."}


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
                try:
                    app.state.driver.close()
                except Exception as exc:  # a connection a stalled server left broken
                    log.warning("closing the Neo4j driver failed: %s", exc)

    # /docs and /redoc load Swagger UI and ReDoc from files bundled in fastapi-offline,
    # served by the app itself (no CDN): the pages work without a network.
    app = FastAPIOffline(
        title="Conflict actor graph API",
        version=__version__,
        description=DESCRIPTION,
        lifespan=lifespan,
        # `/documents/x%2F` must not be redirected to another document's URL.
        redirect_slashes=False,
        redoc_url=None,  # served by routes_docs
    )
    app.state.settings = settings
    app.state.api_key = settings.api_key()
    app.state.extractor = None
    app.state.schema_ready = False  # constraints created before the first write
    app.state.driver, app.state.driver_error = None, "the application has not started"
    app.add_middleware(
        WriteGuardMiddleware, fastapi_app=app, max_body=settings.api_max_body_bytes
    )
    errors.install(app)  # outermost: every response, the guards' too, gets a request id
    for module in (routes_meta, routes_actors, routes_relations, routes_graph, routes_documents):
        app.include_router(module.router)
    app.include_router(routes_decisions.router)
    for module in (routes_control, routes_changes, routes_export, routes_docs, routes_browser):
        app.include_router(module.router)
    _document_errors(app)
    return app


def _document_errors(app: FastAPI) -> None:
    """Add the errors any route can answer (500, 503; 413 with a body) to the schema."""
    build = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema:
            return app.openapi_schema
        schema = build()
        for operations in schema["paths"].values():
            for operation in operations.values():
                responses = operation.setdefault("responses", {})
                extra = {**COMMON_ERRORS, **(BODY_ERRORS if "requestBody" in operation else {})}
                for status, description in extra.items():
                    responses.setdefault(
                        status,
                        {
                            "description": description,
                            "content": {"application/json": {"schema": ERROR_SCHEMA}},
                        },
                    )
        app.openapi_schema = schema
        return schema

    app.openapi = openapi
