"""Generated views open in headless Chromium (Debian's, no download), settle, and draw
the expected numbers of nodes and edges, offline and without running injected HTML."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from graph_builder.chromium import CHROMIUM, FLAGS
from graph_builder.reads import fetch_subgraph
from graph_builder.subgraph import GraphFilter
from graph_builder.views import write_view_from_db

pytestmark = pytest.mark.integration

# Relation edges only: "speaks for" links (ids "<person>|affiliation|<state>") are counted
# apart. Drawn means vis-network holds it and has not hidden it.
DRAWN = """() => {
  const rel = id => id.split('|')[1] !== 'affiliation';
  return {
    settled: window.graphView.settled,
    nodes: network.body.data.nodes.length,
    edges: network.body.data.edges.getIds().filter(rel).length,
    drawnNodes: Object.values(network.body.nodes).filter(n => !n.options.hidden).length,
    drawnEdges: Object.entries(network.body.edges)
      .filter(([id, e]) => rel(id) && !e.options.hidden).length,
    pageEdges: window.graphView.edges,
    pwned: window.pwned === 1,
  };
}"""


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.fail("playwright is not installed: pip install -e '.[dev]'", pytrace=False)
    if not Path(CHROMIUM).exists() and not shutil.which("chromium"):
        pytest.fail("Chromium is missing: apt-get install -y chromium", pytrace=False)
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS, headless=True)
        yield b
        b.close()


def open_view(browser, url: str, toggle: str | None = None) -> dict:
    """Open `url`, wait until the layout settles, return counts; fail on any network use.

    With `toggle`, untick that relation in the page's filter and count hidden edges.
    """
    page = browser.new_page(viewport={"width": 1200, "height": 800})
    problems: list[str] = []
    page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
    page.on("requestfailed", lambda r: problems.append(f"request failed: {r.url}"))
    page.on(
        "request",
        lambda r: (
            None
            if r.url.startswith(("file:", "data:", "http://127.0.0.1"))
            else problems.append(f"external request: {r.url}")
        ),
    )
    try:
        page.goto(url)
        page.wait_for_function("window.graphView && window.graphView.settled", timeout=60_000)
        counts = page.evaluate(DRAWN)
        if toggle:
            page.click(f"#relation-filter input[data-relation='{toggle}']")
            counts["hidden"] = page.evaluate(
                "network.body.data.edges.get({filter: e => e.hidden === true}).map(e => e.relation)"
            )
    finally:
        page.close()
    assert not problems, problems
    return counts


def test_view_from_db_draws_every_node_and_edge(
    seeded, api_settings, browser, tmp_path: Path
) -> None:
    db = api_settings.neo4j_database
    out = write_view_from_db(seeded, db, tmp_path / "all.html")
    expected = fetch_subgraph(seeded, db)
    counts = open_view(browser, out.as_uri())
    assert counts["nodes"] == counts["drawnNodes"] == len(expected.nodes) > 0
    assert counts["edges"] == counts["drawnEdges"] == len(expected.edges) > 0


def test_api_view_matches_graph_json(seeded, live_url: str, browser) -> None:
    import httpx

    params = {"center": "russia", "depth": 1}
    graph = httpx.get(f"{live_url}/graph", params=params, timeout=30).json()
    counts = open_view(browser, f"{live_url}/graph/view?center=russia&depth=1")
    assert counts["drawnNodes"] == len(graph["nodes"]) > 1
    assert counts["drawnEdges"] == len(graph["edges"]) > 0


def test_cli_view_from_edges_escapes_html(browser, tmp_path: Path) -> None:
    hostile = '<img src=x onerror="window.pwned=1"> said <b>so</b>'
    records = [
        {
            "doc": "d1",
            "subject": "Russia",
            "subject_id": "russia",
            "subject_kind": "country",
            "relation": "supports",
            "object": "Bashar <i>al-Assad</i>",
            "object_id": "assad",
            "object_kind": "person",
            "sentence": hostile,
            "start": 0,
            "end": len(hostile),
            "date": "2024-12-02",
            "confidence": 0.9,
        },
        {
            "doc": "d1",
            "subject": "Iran",
            "subject_id": "iran",
            "subject_kind": "country",
            "relation": "met_with",
            "object": "Russia",
            "object_id": "russia",
            "object_kind": "country",
            "sentence": "Iran met Russia.",
            "start": 0,
            "end": 16,
        },
    ]
    edges = tmp_path / "edges.jsonl"
    edges.write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    out = tmp_path / "view.html"
    run = subprocess.run(
        [
            sys.executable,
            "-c",
            "from graph_builder.cli import main; main()",
            "view",
            "--from",
            str(edges),
            "-o",
            str(out),
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 0, run.stderr
    html = out.read_text(encoding="utf-8")
    assert "<img src=x" not in html
    counts = open_view(browser, out.as_uri(), toggle="met_with")
    assert (counts["drawnNodes"], counts["drawnEdges"]) == (3, 2)
    assert not counts["pwned"]
    assert counts["hidden"] == ["met_with"]  # the relation filter hides just that edge


def test_cli_view_from_db(seeded, api_settings, browser, tmp_path: Path) -> None:
    out = tmp_path / "russia.html"
    run = subprocess.run(
        [
            sys.executable,
            "-c",
            "from graph_builder.cli import main; main()",
            "view",
            "--center",
            "Moscow",
            "--depth",
            "1",
            "--relation",
            "supports",
            "--relation",
            "opposes",
            "-o",
            str(out),
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 0, run.stderr
    expected = fetch_subgraph(
        seeded,
        api_settings.neo4j_database,
        GraphFilter(center="russia", depth=1, relation=["supports", "opposes"]),
    )
    counts = open_view(browser, out.as_uri())
    assert counts["drawnNodes"] == len(expected.nodes) > 1
    assert counts["drawnEdges"] == len(expected.edges) > 0
