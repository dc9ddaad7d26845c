"""Checks made before a request body is read: the API key of a write, the body's size.

A write route (one depending on `require_api_key`) without a valid `X-API-Key` gets
401 before a byte of its body is read; a body larger than `API_MAX_BODY_BYTES` gets
413, from its `Content-Length` before reading, or as soon as a streamed body passes
the limit.
"""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI
from fastapi.dependencies.models import Dependant
from fastapi.routing import APIRoute
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.routing import Match
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.deps import key_problem, require_api_key
from api.errors import error_response, response_for
from graph_builder.errors import AuthError

READ_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


def needs_key(dependant: Dependant) -> bool:
    """Whether a route's dependencies include the API-key check."""
    return any(
        d.call is require_api_key or needs_key(d) for d in dependant.dependencies
    )


class BodyTooLarge(StarletteHTTPException):
    def __init__(self, limit: int) -> None:
        super().__init__(413, f"the request body exceeds the limit of {limit} bytes")


class WriteGuardMiddleware:
    """The API-key and body-size checks, ahead of routing and body parsing."""

    def __init__(self, app: ASGIApp, fastapi_app: FastAPI, max_body: int) -> None:
        self.app = app
        self.fastapi_app = fastapi_app
        self.max_body = max_body
        self._keyed: dict[int, bool] = {}

    def _route_needs_key(self, scope: Scope) -> bool:
        for route in self.fastapi_app.router.routes:
            match, _ = route.matches(scope)
            if match is Match.FULL:
                if not isinstance(route, APIRoute):
                    return False
                if id(route) not in self._keyed:
                    self._keyed[id(route)] = needs_key(route.dependant)
                return self._keyed[id(route)]
        return False

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] in READ_METHODS:
            await self.app(scope, receive, send)
            return
        headers = _headers(scope)
        if self._route_needs_key(scope):
            problem = key_problem(headers.get("x-api-key"), self.fastapi_app.state.api_key)
            if problem:
                await response_for(AuthError(problem))(scope, receive, send)
                return
        length = headers.get("content-length")
        if length is not None and length.isdigit() and int(length) > self.max_body:
            await _too_large(self.max_body)(scope, receive, send)
            return
        received = 0

        async def limited_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_body:
                    raise BodyTooLarge(self.max_body)
            return message

        await self.app(scope, limited_receive, send)


def _too_large(limit: int) -> Any:
    return error_response(
        413, "body_too_large", f"the request body exceeds the limit of {limit} bytes"
    )


def _headers(scope: Scope) -> dict[str, str]:
    return {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
