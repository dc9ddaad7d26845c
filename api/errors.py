"""The one place where errors become HTTP responses.

Project errors map to statuses by type; request validation gives 422 naming each
bad parameter; Neo4j unavailable, busy, stalled or refusing us (credentials, an
authentication rate limit) gives 503. Anything else is our own bug: the outermost
middleware logs it with its traceback and answers 500 with the request's id (every
response carries that id in `X-Request-ID`), never the traceback itself.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Mapping
from typing import Any

import neo4j.exceptions as neo4j_errors
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.datastructures import MutableHeaders
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.routing import Match
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from graph_builder.errors import (
    AuthError,
    ConflictError,
    DatabaseUnavailableError,
    GraphBuilderError,
    InputError,
    NotFoundError,
    ServerError,
)

log = logging.getLogger("api")

# Most specific first: the first matching type decides.
STATUS: list[tuple[type[Exception], int, str]] = [
    (ConflictError, 409, "conflict"),
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
    (neo4j_errors.DatabaseError, 503, "database_error"),
    (neo4j_errors.DriverError, 503, "database_unavailable"),
]

HTTP_CODES = {
    400: "bad_request",
    401: "unauthorized",
    404: "not_found",
    405: "method_not_allowed",
    413: "body_too_large",
}
REQUEST_ID = "X-Request-ID"


def error_response(
    status: int, code: str, detail: str, headers: Mapping[str, str] | None = None, **extra: Any
) -> JSONResponse:
    body = {"error": code, "detail": detail, **extra}
    headers = dict(headers or {})
    if status == 401:
        headers["WWW-Authenticate"] = "API-Key"
    return JSONResponse(body, status_code=status, headers=headers or None)


def is_refusal(exc: Exception) -> bool:
    """A Neo4j error saying the server refuses us for now (security: credentials,
    authentication rate limit, expired authorisation), not that a query is wrong."""
    code = getattr(exc, "code", None) or ""
    return isinstance(exc, neo4j_errors.Neo4jError) and code.startswith(
        "Neo.ClientError.Security."
    )


def is_timeout(exc: Exception) -> bool:
    """Neo4j aborted a query that ran past its timeout (NEO4J_QUERY_TIMEOUT)."""
    code = getattr(exc, "code", None) or ""
    return isinstance(exc, neo4j_errors.Neo4jError) and code.startswith(
        "Neo.ClientError.Transaction.TransactionTimedOut"
    )


def response_for(exc: Exception, request_id: str | None = None) -> JSONResponse:
    """The response for an exception raised while handling a request."""
    if is_timeout(exc):
        return error_response(
            503,
            "database_timeout",
            "Neo4j did not finish the query within the query timeout (NEO4J_QUERY_TIMEOUT)",
        )
    if is_refusal(exc):
        return error_response(
            503,
            "database_unavailable",
            f"Neo4j refused the request ({getattr(exc, 'code', '')}); retry later"[:500],
        )
    for kind, status, code in STATUS:
        if isinstance(exc, kind):
            detail = str(exc) or code.replace("_", " ")
            if isinstance(exc, neo4j_errors.DriverError | neo4j_errors.Neo4jError):
                detail = f"Neo4j is unavailable: {type(exc).__name__}: {exc}"[:500]
            return error_response(status, code, detail)
    request_id = request_id or new_request_id()
    log.error("unexpected error (request %s)", request_id, exc_info=exc)
    return error_response(
        500,
        "internal_error",
        f"unexpected server error (request {request_id}); it was logged, please report it",
        request_id=request_id,
    )


def new_request_id() -> str:
    return uuid.uuid4().hex[:16]


def request_id_of(request: Request) -> str | None:
    request_id = request.scope.get("state", {}).get("request_id")
    return request_id if isinstance(request_id, str) else None


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


def _allowed(request: Request) -> str | None:
    """Every method the request's path answers to (Starlette names only the first route's)."""
    methods: set[str] = set()
    scope = {**request.scope, "method": "GET"}

    def visit(routes: list[Any]) -> None:
        for route in routes:
            inner = getattr(route, "original_router", None)  # an included router
            if inner is not None:
                visit(list(inner.routes))
                continue
            route_methods = getattr(route, "methods", None)
            if route_methods and route.matches(scope)[0] != Match.NONE:
                methods.update(route_methods)

    visit(list(request.app.router.routes))
    return ", ".join(sorted(methods)) or None


async def _http(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)
    if exc.status_code == 405:
        allow = _allowed(request)
        if allow:
            headers = {**(exc.headers or {}), "Allow": allow}
            return error_response(405, HTTP_CODES[405], str(exc.detail), headers=headers)
    if exc.status_code == 400 and exc.__cause__ is not None:
        # FastAPI's answer to a body it cannot decode (not UTF-8, not JSON): a 422 like
        # every other bad body, naming it.
        cause = exc.__cause__
        detail = f"body field '(whole body)': cannot be decoded as JSON ({type(cause).__name__})"
        return error_response(422, "invalid_request", detail)
    code = HTTP_CODES.get(exc.status_code, "http_error")
    return error_response(exc.status_code, code, str(exc.detail), headers=exc.headers)


async def _known(request: Request, exc: Exception) -> JSONResponse:
    return response_for(exc, request_id_of(request))


class CatchAllMiddleware:
    """Outermost guard: gives every request an id (`X-Request-ID`) and turns any
    escaped exception into a JSON error: 500 with that id for our own bugs."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False
        request_id = new_request_id()
        scope.setdefault("state", {})["request_id"] = request_id

        async def guarded_send(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                MutableHeaders(scope=message)[REQUEST_ID] = request_id
            await send(message)

        try:
            await self.app(scope, receive, guarded_send)
        except Exception as exc:
            if started:  # too late to change the status; the server closes the connection
                log.exception("error after the response started (request %s)", request_id)
                return
            await response_for(exc, request_id)(scope, receive, guarded_send)


def install(app: FastAPI) -> None:
    """Register every handler on `app`."""
    app.add_exception_handler(RequestValidationError, _validation)
    app.add_exception_handler(StarletteHTTPException, _http)
    for kind, _, _ in STATUS:
        app.add_exception_handler(kind, _known)
    app.add_middleware(CatchAllMiddleware)
