"""`/docs` (Swagger UI) and `/redoc` (ReDoc) draw every operation in headless Chromium
with the network cut off: their assets come from the app, not from a CDN."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from graph_builder.chromium import CHROMIUM, FLAGS

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists() and not shutil.which("chromium"):
        pytest.fail("Chromium is missing: apt-get install -y chromium", pytrace=False)
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS, headless=True)
        yield b
        b.close()


def operations(live_url: str) -> int:
    spec = httpx.get(f"{live_url}/openapi.json", timeout=10).json()
    return sum(
        1 for methods in spec["paths"].values() for m in methods
        if m in ("get", "post", "put", "delete", "patch")
    )


def offline_page(browser, live_url: str, path: str, selector: str, expected: int,
                 shot: Path | None = None) -> tuple[int, list[str]]:
    """Open the page with every non-loopback request aborted; count `selector`."""
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    outside: list[str] = []
    errors: list[str] = []

    def route(r) -> None:
        if r.request.url.startswith(live_url):
            r.continue_()
        else:
            outside.append(r.request.url)
            r.abort()

    page.route("**/*", route)
    page.on("pageerror", lambda e: errors.append(str(e)))
    try:
        page.goto(f"{live_url}{path}")
        page.wait_for_function(
            f"document.querySelectorAll({selector!r}).length >= {expected}", timeout=60_000
        )
        count = page.evaluate(f"document.querySelectorAll({selector!r}).length")
        if shot is not None:
            page.screenshot(path=str(shot))
    finally:
        page.close()
    assert not errors, errors
    return count, outside


def test_swagger_ui_draws_every_operation_offline(live_url, browser) -> None:
    expected = operations(live_url)
    assert expected >= 12
    count, outside = offline_page(browser, live_url, "/docs", ".opblock", expected)
    assert count == expected
    assert not outside, f"/docs asked the network for {outside}"


def test_redoc_draws_every_operation_offline(live_url, browser) -> None:
    expected = operations(live_url)
    count, outside = offline_page(
        browser, live_url, "/redoc", "[data-section-id^='operation/']", expected
    )
    assert count == expected
    assert not outside, f"/redoc asked the network for {outside}"


def test_docs_assets_are_served_by_the_app(live_url) -> None:
    page = httpx.get(f"{live_url}/docs", timeout=10).text
    assert "cdn." not in page and "unpkg" not in page
    for asset in ("swagger-ui-bundle.js", "swagger-ui.css"):
        assert f"/static-offline-docs/{asset}" in page
        assert httpx.get(f"{live_url}/static-offline-docs/{asset}", timeout=10).status_code == 200
    redoc = httpx.get(f"{live_url}/redoc", timeout=10).text
    assert "/static-offline-docs/redoc.standalone.js" in redoc and "fonts.googleapis" not in redoc
