"""The network view as an analyst uses it, in headless Chromium against the real API and
Neo4j: the evidence panel and its source links, the time control against the API's own
answer for the same dates, filters, search, affiliation and uncluttered labels."""

from __future__ import annotations

import datetime as dt
import http.server
import json
import os
import random
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from functools import partial
from pathlib import Path

import httpx
import neo4j
import pytest
from test_views_browser import DRAWN, browser  # noqa: F401  (same Chromium fixture)

from graph_builder.loader import delete_document, load_extractions
from graph_builder.models import Document
from graph_builder.schema import ensure_schema

pytestmark = pytest.mark.integration

# Written for these tests: three dated reports, each page served on loopback.
ARTICLES = {
    "horn-a1": (
        "Eritrea sends troops to back Ethiopian offensive",
        dt.date(2023, 3, 10),
        "Eritrea backed the Ethiopian army in its offensive against the Tigray People's "
        "Liberation Front, officials in Addis Ababa said.\n"
        "Ethiopian Prime Minister Abiy Ahmed met Eritrean President Isaias Afwerki in Asmara.",
    ),
    "horn-a2": (
        "Tigrayan forces take Mekelle",
        dt.date(2023, 6, 15),
        "The Tigray People's Liberation Front seized Mekelle on Thursday after days of "
        "fighting.\nSudan condemned Eritrea for its role in the war.",
    ),
    "horn-a3": (
        "Talks in Nairobi",
        dt.date(2023, 9, 20),
        "Kenya hosted talks between Ethiopia and the Tigray People's Liberation Front in "
        "Nairobi on Wednesday.\nAbiy Ahmed accused Eritrea of undermining the truce.",
    ),
}
SHOTS = os.environ.get("GB_VIEW_SCREENSHOTS")  # a folder: also save the screenshots there


@pytest.fixture(scope="module")
def article_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A real HTTP server on 127.0.0.1 serving the articles as HTML pages."""
    root = tmp_path_factory.mktemp("articles")
    for doc_id, (title, _, text) in ARTICLES.items():
        paras = "".join(f"<p>{line}</p>" for line in text.splitlines())
        (root / f"{doc_id}.html").write_text(
            f"<!doctype html><title>{title}</title><h1>{title}</h1>{paras}", encoding="utf-8"
        )
    handler = partial(http.server.SimpleHTTPRequestHandler, directory=str(root))
    handler.log_message = lambda *a, **k: None  # type: ignore[attr-defined]
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def dated_graph(
    seed_driver: neo4j.Driver, api_settings, seed_extractions, article_server: str
) -> Iterator[dict[str, str]]:
    """The seed graph plus the dated articles (with their URLs); the articles are removed
    again afterwards."""
    from graph_builder.extract import Extractor

    db = api_settings.neo4j_database
    ensure_schema(seed_driver, db)
    load_extractions(seed_driver, seed_extractions, database=db)
    docs = [
        Document(doc_id, text, title, f"{article_server}/{doc_id}.html", date)
        for doc_id, (title, date, text) in ARTICLES.items()
    ]
    load_extractions(seed_driver, list(Extractor().extract_many(docs)), database=db)
    yield {d.id: d.url or "" for d in docs}
    for d in docs:
        delete_document(seed_driver, d.id, db)


def new_page(browser, problems: list[str]):  # noqa: F811
    """A page that records script errors and any request leaving this machine."""
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
    page.on(
        "request",
        lambda r: (
            None
            if r.url.startswith(("file:", "data:", "http://127.0.0.1"))
            else problems.append(f"external request: {r.url}")
        ),
    )
    return page


def settle(page, url: str) -> None:
    page.goto(url)
    page.wait_for_function("window.graphView && window.graphView.settled", timeout=60_000)


EDGE_POINT = """(id) => {
  const e = network.body.edges[id];
  const rect = document.getElementById('network').getBoundingClientRect();
  for (const f of [0.5, 0.4, 0.6, 0.3, 0.7, 0.2, 0.8]) {
    const p = network.canvasToDOM(e.edgeType.getPoint(f));
    if (network.getNodeAt(p) === undefined && network.getEdgeAt(p) === id)
      return {x: p.x + rect.left, y: p.y + rect.top};
  }
  return null;
}"""


def shot(page, tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    page.screenshot(path=str(path))
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        shutil.copy(path, Path(SHOTS) / name)


def test_clicking_an_edge_opens_the_panel_with_a_working_source_link(
    live_url: str, dated_graph: dict[str, str], browser, tmp_path: Path  # noqa: F811
) -> None:
    problems: list[str] = []
    page = new_page(browser, problems)
    settle(page, f"{live_url}/graph/view?center=eritrea&depth=2")
    edge_id = "eritrea|supports|ethiopia"
    point = page.evaluate(EDGE_POINT, edge_id)
    assert point, "the edge has no clickable point clear of nodes"
    assert page.locator("#panel").is_hidden()
    page.mouse.click(point["x"], point["y"])  # a real click on the drawn edge
    panel = page.locator("#panel")
    panel.wait_for(state="visible")
    assert page.evaluate("window.graphView.selected") == {"type": "edge", "id": edge_id}
    assert "Eritrea supports Ethiopia" in panel.locator("h2").inner_text()

    api = httpx.get(
        f"{live_url}/relations/evidence",
        params={"source": "eritrea", "relation": "supports", "target": "ethiopia"},
        timeout=30,
    ).json()
    items = panel.locator("li.statement")
    assert items.count() == len(api["statements"]) == api["edge"]["evidence_count"] > 0
    text = items.first.inner_text()
    first = api["statements"][0]
    assert first["sentence"].split()[0] in text and first["rule"] in text
    assert "confidence" in text and "2023-03" in text

    # The panel stays while the mouse travels to the link, and the link works.
    page.mouse.move(point["x"] + 300, point["y"] + 200)
    page.wait_for_timeout(400)
    link = panel.locator("a.source-link").first
    assert link.is_visible()
    assert link.get_attribute("href") == dated_graph["horn-a1"]
    shot(page, tmp_path, "view-panel.png")
    with page.expect_popup() as popup_info:
        link.click()
    popup = popup_info.value
    popup.wait_for_load_state()
    assert popup.url == dated_graph["horn-a1"]
    assert popup.title() == ARTICLES["horn-a1"][0]
    popup.close()

    # A node opens its own panel: kind, affiliation, its edges (each opening its evidence).
    node_point = page.evaluate(
        """(id) => { const p = network.canvasToDOM(network.getPositions([id])[id]);
                     const r = document.getElementById('network').getBoundingClientRect();
                     return {x: p.x + r.left, y: p.y + r.top}; }""",
        "abiy-ahmed",
    )
    page.mouse.click(node_point["x"], node_point["y"])
    page.wait_for_function("window.graphView.selected?.id === 'abiy-ahmed'")
    assert "speaks for Ethiopia" in panel.inner_text()
    panel.locator("button[data-edge='abiy-ahmed|opposes|eritrea']").click()
    assert page.evaluate("window.graphView.selected.id") == "abiy-ahmed|opposes|eritrea"
    page.keyboard.press("Escape")
    assert panel.is_hidden()
    page.close()
    assert not problems, problems


def _drag_until(page, handle: str, key: str, stop: str) -> None:
    """Press arrow keys on a time handle until the condition on the range holds."""
    for _ in range(500):
        if page.evaluate(stop):
            return
        page.focus(handle)
        page.keyboard.press(key)
    raise AssertionError(f"time control never reached {stop}")


@pytest.mark.parametrize("center", [None, "ethiopia"])
def test_time_control_redraws_to_what_the_api_returns(
    live_url: str,
    dated_graph: dict[str, str],
    browser,  # noqa: F811
    center: str | None,
    tmp_path: Path,
) -> None:
    problems: list[str] = []
    page = new_page(browser, problems)
    params: dict[str, object] = {"max_nodes": 1000, "depth": 2}
    if center:
        params["center"] = center
    settle(page, f"{live_url}/graph/view?" + "&".join(f"{k}={v}" for k, v in params.items()))
    page.evaluate("window.notReloaded = true")
    before = page.evaluate(DRAWN)
    # Narrow to the spring of 2023: the until handle left, then the from handle right.
    _drag_until(
        page, "#time-to", "ArrowLeft", "(window.graphView.until || '9') <= '2023-06-30'"
    )
    _drag_until(page, "#time-from", "ArrowRight", "window.graphView.since >= '2023-03-05'")
    after = page.evaluate(DRAWN)
    since, until = page.evaluate("[window.graphView.since, window.graphView.until]")
    assert page.evaluate("window.notReloaded === true")  # redrawn in place
    if center:
        shot(page, tmp_path, "view-time-range.png")
    label = page.locator("#time-label")
    assert (label.get_attribute("data-since"), label.get_attribute("data-until")) == (since, until)

    api = httpx.get(
        f"{live_url}/graph", params={**params, "since": since, "until": until}, timeout=30
    ).json()
    assert after["drawnEdges"] == after["pageEdges"] == len(api["edges"]) > 0
    assert after["drawnNodes"] == len(api["nodes"])
    assert after["drawnEdges"] < before["drawnEdges"]
    if center is None:
        rel = httpx.get(
            f"{live_url}/relations",
            params={"since": since, "until": until, "limit": 1000},
            timeout=30,
        ).json()
        assert len(rel["items"]) == after["drawnEdges"]
    page.close()
    assert not problems, problems


def test_persons_are_drawn_near_the_state_they_speak_for(
    live_url: str, dated_graph: dict[str, str], browser, tmp_path: Path  # noqa: F811
) -> None:
    problems: list[str] = []
    page = new_page(browser, problems)
    settle(page, f"{live_url}/graph/view?max_nodes=1000")
    shot(page, tmp_path, "view.png")
    lengths = page.evaluate(
        """() => {
          const out = {links: [], edges: []};
          for (const [id, e] of Object.entries(network.body.edges)) {
            if (e.options.hidden) continue;
            const p = network.getPositions([e.fromId, e.toId]);
            const d = Math.hypot(p[e.fromId].x - p[e.toId].x, p[e.fromId].y - p[e.toId].y);
            (id.split('|')[1] === 'affiliation' ? out.links : out.edges).push(d);
          }
          return out;
        }"""
    )
    assert len(lengths["links"]) >= 2  # Abiy Ahmed, Isaias Afwerki, the seeds' officials

    def median(xs: list[float]) -> float:
        return sorted(xs)[len(xs) // 2]

    assert median(lengths["links"]) < 0.6 * median(lengths["edges"])
    page.close()
    assert not problems, problems


# --- a crowded view from extracted edges: labels, filters, search ----------------------

KINDS = ("country", "armed_group", "organisation", "place", "person")
WORDS = ("Northern", "Eastern", "Coastal", "Highland", "River", "Desert", "Central", "Border")


RELS = ("supports", "opposes", "met_with")


def crowded_records(n_actors: int = 80, n_statements: int = 400) -> list[dict]:
    rnd = random.Random(11)
    actors = [
        (f"x{i}", f"{WORDS[i % len(WORDS)]} Coalition Unit {i}", KINDS[i % len(KINDS)])
        for i in range(n_actors)
    ]
    pairs = [(actors[i], actors[i + 1]) for i in range(n_actors - 1)]  # keep every actor
    pairs += [tuple(rnd.sample(actors, 2)) for _ in range(60)]
    records = []
    for k in range(n_statements):
        i = k % len(pairs)
        (sid, sname, skind), (oid, oname, okind) = pairs[i]
        sentence = f"{sname} and {oname}, report {k}."
        records.append(
            {
                "doc": f"r{k % 40}",
                "subject": sname, "subject_id": sid, "subject_kind": skind,
                "relation": "seized" if okind == "place" else RELS[i % 3],
                "object": oname, "object_id": oid, "object_kind": okind,
                "sentence": sentence, "start": 0, "end": len(sentence),
                "date": f"2024-0{1 + k % 9}-1{k % 9}",
                "confidence": round(rnd.uniform(0.3, 0.95), 2),
                "rule": "verb:test",
            }
        )
    return records


LABEL_BOXES = """() => Object.values(network.body.nodes)
  .filter(n => !n.options.hidden && n.options.label)
  .map(n => n.labelModule.size)
  .map(s => [s.left, s.top, s.left + s.width, s.top + s.height])"""


def overlaps(boxes: list[list[float]]) -> int:
    return sum(
        1
        for i, a in enumerate(boxes)
        for b in boxes[i + 1 :]
        if a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]
    )


def test_crowded_view_labels_filters_and_search(browser, tmp_path: Path) -> None:  # noqa: F811
    edges = tmp_path / "edges.jsonl"
    edges.write_text("".join(json.dumps(r) + "\n" for r in crowded_records()), encoding="utf-8")
    out = tmp_path / "crowded.html"
    run = subprocess.run(
        [sys.executable, "-c", "from graph_builder.cli import main; main()", "view",
         "--from", str(edges), "--since", "2024-01-01", "--until", "2024-12-31", "-o", str(out)],
        capture_output=True, text=True, timeout=120,
    )
    assert run.returncode == 0, run.stderr
    problems: list[str] = []
    page = new_page(browser, problems)
    settle(page, out.as_uri())
    assert page.evaluate(DRAWN)["drawnNodes"] == 80

    # Labels: the drawn ones (as vis-network measured them) never overlap; zooming in
    # makes room for more.
    page.evaluate("network.redraw()")
    page.wait_for_timeout(200)
    boxes = page.evaluate(LABEL_BOXES)
    assert 10 <= len(boxes) < 80 and overlaps(boxes) == 0
    page.mouse.move(500, 500)
    for _ in range(5):
        page.mouse.wheel(0, -300)
        page.wait_for_timeout(60)
    page.wait_for_timeout(400)
    page.evaluate("network.redraw()")
    page.wait_for_timeout(200)
    zoomed = page.evaluate(LABEL_BOXES)
    assert overlaps(zoomed) == 0

    # Filters: kind, minimum evidence, minimum confidence.
    page.click("#kind-filter input[data-kind='place']")
    drawn_kinds = page.evaluate(
        "Object.values(network.body.nodes).filter(n => !n.options.hidden)"
        ".map(n => network.body.data.nodes.get(n.id).kind)"
    )
    assert drawn_kinds and "place" not in drawn_kinds
    page.fill("#min-evidence", "2")
    page.fill("#min-confidence", "0.7")
    drawn = page.evaluate(
        "network.body.data.edges.get().filter(e => e.relation !== 'affiliation' &&"
        " !network.body.edges[e.id].options.hidden)"
    )
    assert drawn and all(e["evidence_count"] >= 2 and e["confidence"] >= 0.7 for e in drawn)
    page.click("#reset")
    assert page.evaluate(DRAWN)["drawnNodes"] == 80

    # Search focuses the actor and opens its panel.
    page.fill("#find", "coalition unit 42")
    page.press("#find", "Enter")
    page.wait_for_function("window.graphView.selected?.id === 'x42'")
    assert page.evaluate("network.getSelectedNodes()") == ["x42"]
    assert "Coalition Unit 42" in page.locator("#panel h2").inner_text()
    page.close()
    assert not problems, problems


def test_graph_evidence_and_view_parameters(client, dated_graph: dict[str, str]) -> None:
    body = client.get(
        "/graph", params={"center": "eritrea", "depth": 1, "evidence": "true"}
    ).json()
    items = [ev for e in body["edges"] for ev in e["evidence"]]
    assert items and all(ev["rule"] and ev["confidence"] is not None for ev in items)
    nodes = {n["id"]: n for n in body["nodes"]}
    assert nodes["abiy-ahmed"]["affiliation"] == "ethiopia"
    page = client.get("/graph/view", params={"since": "2023-06-01", "until": "2023-06-30"})
    assert page.status_code == 200 and "until 2023-06-30" in page.text
    # The bounds are independent (since after until: the edges spanning the gap).
    spanning = client.get("/graph/view", params={"since": "2023-07-01", "until": "2023-06-01"})
    assert spanning.status_code == 200, spanning.text
    r = client.get("/graph/view", params={"until": "June"})
    assert r.status_code == 422 and "until" in r.json()["detail"], r.text
