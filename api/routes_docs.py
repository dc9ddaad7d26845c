"""`/redoc` from the ReDoc bundled in fastapi-offline, never touching the network.

fastapi-offline serves Swagger UI (`/docs`) and the assets at `/static-offline-docs`;
its ReDoc page is replaced here by the same page with a Content-Security-Policy that
keeps images to the app's own origin: the bundled ReDoc would otherwise fetch its
"API docs by Redocly" logo from a CDN.
"""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.openapi.docs import get_redoc_html
from fastapi.responses import HTMLResponse

STATIC = "/static-offline-docs"
router = APIRouter(include_in_schema=False)


@router.get("/redoc")
def redoc(request: Request) -> HTMLResponse:
    root = request.scope.get("root_path", "")
    page = get_redoc_html(
        openapi_url=f"{root}{request.app.openapi_url}",
        title=f"{request.app.title} - ReDoc",
        redoc_js_url=f"{root}{STATIC}/redoc.standalone.js",
        redoc_favicon_url=f"{root}{STATIC}/favicon.png",
        with_google_fonts=False,
    )
    page.headers["Content-Security-Policy"] = "img-src 'self' data:"
    return page
