"""The Neo4j Browser guide of saved queries, and the style, for Browser to fetch.

Browser (another origin: Neo4j's HTTP port) fetches them with `fetch()`, so they
carry `Access-Control-Allow-Origin`; they hold nothing but the project's own files.
"""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import HTMLResponse, PlainTextResponse, Response

from graph_builder.browser_setup import GUIDE_PATH, STYLE_FILE, guide_html

router = APIRouter(tags=["meta"])
CORS = {"Access-Control-Allow-Origin": "*"}
# Browser asks for guides with no-cache headers, so its fetch is preflighted.
PREFLIGHT = {
    **CORS,
    "Access-Control-Allow-Methods": "GET, OPTIONS",
    "Access-Control-Allow-Headers": "pragma, cache-control",
    "Access-Control-Max-Age": "600",
}


@router.get(
    GUIDE_PATH,
    response_class=HTMLResponse,
    summary="Neo4j Browser guide with the saved queries (`:play` it in Browser)",
)
def browser_guide() -> HTMLResponse:
    return HTMLResponse(guide_html(), headers=CORS)


@router.get(
    "/browser/style.grass",
    response_class=PlainTextResponse,
    summary="The Neo4j Browser style (`:style` it in Browser)",
)
def browser_style() -> PlainTextResponse:
    return PlainTextResponse(STYLE_FILE.read_text(encoding="utf-8"), headers=CORS)


@router.options(GUIDE_PATH, include_in_schema=False)
@router.options("/browser/style.grass", include_in_schema=False)
def browser_preflight() -> Response:
    return Response(status_code=204, headers=PREFLIGHT)
