"""Neo4j Browser is ready on first open: after connecting, the project's style is applied
(actor kinds and relationship types in its colours) and the saved-queries guide opens,
with nothing dragged in by hand. Real Neo4j Browser, real API, headless Chromium."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from graph_builder.browser_setup import STYLE_FILE, grass_rules, saved_queries
from graph_builder.chromium import CHROMIUM, FLAGS
from graph_builder.settings import Settings

pytestmark = pytest.mark.integration
REPO = Path(__file__).resolve().parents[3]


@pytest.fixture(scope="module")
def api_on_configured_port(seed_driver, serve) -> Iterator[str]:
    """`graph-builder serve` on API_PORT, the port neo4j.conf's post-connect guide names."""
    with serve(Settings().api_port, dict(os.environ)) as url:
        yield url


def test_guide_is_served_for_browser(api_on_configured_port) -> None:
    url = f"{api_on_configured_port}/browser/guide"
    pre = httpx.options(url, headers={
        "Origin": "http://127.0.0.1:7474", "Access-Control-Request-Method": "GET",
        "Access-Control-Request-Headers": "pragma,cache-control",
    })
    assert pre.status_code == 204
    assert "cache-control" in pre.headers["access-control-allow-headers"]
    page = httpx.get(url)
    assert page.headers["access-control-allow-origin"] == "*"
    assert page.text.count("<slide") == 1 + len(saved_queries())
    assert ":param actor =&gt; &#x27;Bashar al-Assad&#x27;" in page.text
    style = httpx.get(f"{api_on_configured_port}/browser/style.grass")
    assert style.text == STYLE_FILE.read_text(encoding="utf-8")


def test_browser_is_styled_and_offers_saved_queries(
    seeded, api_on_configured_port, tmp_path: Path
) -> None:
    from playwright.sync_api import sync_playwright

    settings = Settings()
    rules = grass_rules(STYLE_FILE.read_text(encoding="utf-8"))
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS, headless=True)
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        try:
            page.goto(
                f"http://127.0.0.1:{settings.neo4j_http_port}/browser/"
                f"?dbms=neo4j://neo4j@127.0.0.1:{settings.neo4j_bolt_port}"
                "&preselectAuthMethod=NATIVE"
            )
            page.wait_for_selector("input[data-testid='password']", timeout=60_000)
            page.fill("input[data-testid='username']", settings.neo4j_user)
            page.fill("input[data-testid='password']", settings.password() or "")
            page.click("button[data-testid='connect']")
            # the guide opens by itself after connecting
            page.wait_for_selector("text=Saved queries of the conflict actor graph",
                                   timeout=120_000)
            panel = page.inner_text("body")
            for name, _, _, _ in saved_queries():
                assert name.replace("_", " ") in panel
            # one click puts a guide query in the editor; run it and look at the drawing
            page.click("text=RETURN a, r, b LIMIT 100")
            page.keyboard.press("Control+Enter")
            page.wait_for_selector("svg g.node circle", timeout=60_000)
            page.wait_for_timeout(2000)
            fills = set(page.evaluate(
                "() => [...document.querySelectorAll('svg g.node circle')]"
                ".map(c => c.getAttribute('fill'))"
            ))
            lines = set(page.evaluate(
                "() => [...document.querySelectorAll('svg g.relationship path')]"
                ".map(c => c.getAttribute('fill'))"
            ))
            page.screenshot(path=str(tmp_path / "browser-ready.png"))
        finally:
            browser.close()
    assert rules["node.Country"]["color"] in fills
    assert rules["node.Person"]["color"] in fills
    for rel in ("SUPPORTS", "OPPOSES"):
        assert rules[f"relationship.{rel}"]["color"] in lines
