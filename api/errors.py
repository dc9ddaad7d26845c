"""The one place where errors become HTTP responses.

Project errors map to statuses by type; request validation gives 422 naming each
bad parameter; a Neo4j outage gives 503; anything unexpected is logged and answered
with a JSON 503 by the outermost middleware, so no request ever yields a 500.
"""

from __future__ import annotations

import logging
from typing import Any

import neo4j.exceptions as neo4j_errors
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from graph_builder.errors import (
    AuthError,
    DatabaseUnavailableError,
    GraphBuilderError,
    InputError,
    NotFoundError,
    ServerError,
)

log = logging.getLogger("api")

# Most specific first: the first matching type decides.
STATUS: list[tuple[type[Exception], int, str]] = [
    (InputError, 422, "invalid_request"),
    (NotFoundError, 404, "not_found"),
    (AuthError, 401, "unauthorized"),
    (DatabaseUnavailableError, 503, "database_unavailable"),
    (ServerError, 503, "server_error"),
    (GraphBuilderError, 503, "unavailable"),
    (neo4j_errors.ServiceUnavailable, 503, "database_unavailable"),
    (neo4j_errors.SessionExpired, 503, "database_unavailable"),
    (neo4j_errors.AuthError, 503, "database_unavailable"),
    (neo4j_errors.TransientError, 503, "database_busy"),
    (neo4j_errors.DriverError, 503, "database_unavailable"),
]

HTTP_CODES = {401: "unauthorized", 404: "not_found", 405: "method_not_allowed"}


def error_response(status: int, code: str, detail: str, **extra: Any) -> JSONResponse:
    body = {"error": code, "detail": detail, **extra}
    headers = {"WWW-Authenticate": "API-Key"} if status == 401 else None
    return JSONResponse(body, status_code=status, headers=headers)


def response_for(exc: Exception) -> JSONResponse:
    """The response for an exception raised while handling a request."""
    for kind, status, code in STATUS:
        if isinstance(exc, kind):
            detail = str(exc) or code.replace("_", " ")
            if isinstance(exc, neo4j_errors.DriverError | neo4j_errors.Neo4jError):
                detail = f"Neo4j is unavailable: {type(exc).__name__}: {exc}"[:500]
            return error_response(status, code, detail)
    log.exception("unexpected error", exc_info=exc)
    return error_response(
        503,
        "internal_error",
        f"unexpected server error ({type(exc).__name__}); it was logged, please retry or report it",
    )


def _message(e: dict[str, Any]) -> str:
    return str(e.get("msg", "")).removeprefix("Value error, ")


def _where(loc: tuple[Any, ...]) -> str:
    if not loc:
        return "request"
    place = {
        "query": "query parameter",
        "path": "path parameter",
        "header": "header",
        "body": "body field",
    }.get(str(loc[0]), str(loc[0]))
    name = ".".join(str(p) for p in loc[1:]) or "(whole body)"
    return f"{place} {name!r}"


async def _validation(_: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    errors = [
        {
            "location": ".".join(str(p) for p in e.get("loc", ())),
            "message": _message(e),
            "input": _short(e.get("input")),
        }
        for e in exc.errors()
    ]
    detail = "; ".join(f"{_where(tuple(e.get('loc', ())))}: {_message(e)}" for e in exc.errors())
    return error_response(422, "invalid_request", detail or "invalid request", errors=errors)


def _short(value: Any) -> Any:
    if isinstance(value, str) and len(value) > 200:
        return value[:200] + "…"
    return value if isinstance(value, str | int | float | bool | type(None)) else None


async def _http(_: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)
    code = HTTP_CODES.get(exc.status_code, "http_error")
    return error_response(exc.status_code, code, str(exc.detail))


async def _known(_: Request, exc: Exception) -> JSONResponse:
    return response_for(exc)


class CatchAllMiddleware:
    """Outermost guard: turns any escaped exception into a JSON error (never a 500)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def guarded_send(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, receive, guarded_send)
        except Exception as exc:
            if started:  # too late to change the status; the server closes the connection
                log.exception("error after the response started", exc_info=exc)
                return
            await response_for(exc)(scope, receive, send)


def install(app: FastAPI) -> None:
    """Register every handler on `app`."""
    app.add_exception_handler(RequestValidationError, _validation)
    app.add_exception_handler(StarletteHTTPException, _http)
    for kind, _, _ in STATUS:
        app.add_exception_handler(kind, _known)
    app.add_middleware(CatchAllMiddleware)
