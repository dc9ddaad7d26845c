"""Checks made before a request body is read: the API key of a write, the body's size.

A write route (one depending on `require_api_key`) without a valid `X-API-Key` gets
401 before a byte of its body is read; a body larger than `API_MAX_BODY_BYTES` gets
413, from its `Content-Length` before reading, or as soon as a streamed body passes
the limit. (The framework's own body limit answers in plain text, outside the API's
error format, and knows nothing of the key.)
"""

from __future__ import annotations

from fastapi import FastAPI
from fastapi.dependencies.models import Dependant
from fastapi.routing import APIRoute
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.deps import key_problem, require_api_key

READ_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


def needs_key(dependant: Dependant) -> bool:
    """Whether a route's dependencies include the API-key check."""
    return any(
        d.call is require_api_key or needs_key(d) for d in dependant.dependencies
    )


class BodyTooLarge(StarletteHTTPException):
    def __init__(self, limit: int) -> None:
        super().__init__(413, f"the request body exceeds the limit of {limit} bytes")


class KeyRequired(StarletteHTTPException):
    def __init__(self, problem: str) -> None:
        super().__init__(401, problem)


class WriteGuardMiddleware:
    """The API-key and body-size checks, made when the route asks for the body's
    first bytes (routing is done then, so the route's own dependencies tell whether
    it needs the key)."""

    def __init__(self, app: ASGIApp, fastapi_app: FastAPI, max_body: int) -> None:
        self.app = app
        self.fastapi_app = fastapi_app
        self.max_body = max_body

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] in READ_METHODS:
            await self.app(scope, receive, send)
            return
        headers = _headers(scope)
        length = headers.get("content-length")
        too_long = length is not None and length.isdigit() and int(length) > self.max_body
        received = 0
        checked = False

        async def guarded_receive() -> Message:
            nonlocal received, checked
            if not checked:
                checked = True
                route = scope.get("route")
                if isinstance(route, APIRoute) and needs_key(route.dependant):
                    problem = key_problem(headers.get("x-api-key"), self.fastapi_app.state.api_key)
                    if problem:
                        raise KeyRequired(problem)
                if too_long:
                    raise BodyTooLarge(self.max_body)
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_body:
                    raise BodyTooLarge(self.max_body)
            return message

        await self.app(scope, guarded_receive, send)


def _headers(scope: Scope) -> dict[str, str]:
    return {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
