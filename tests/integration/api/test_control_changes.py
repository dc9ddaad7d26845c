"""Territorial control and the change feed against the real Neo4j: the seed graph plus
`tests/data/control` (dated documents: Palmyra changes hands four times, Russia's
support of the Wagner Group turns into Wagner's rebellion). API, saved query and CLI
must agree; bad dates and unknown places are 4xx naming the parameter, never 5xx."""

from __future__ import annotations

import itertools
import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import neo4j
import pytest
from fastapi.testclient import TestClient

from graph_builder.cypher import query
from graph_builder.loader import delete_document, load_extractions
from graph_builder.models import Extraction
from graph_builder.settings import Settings

pytestmark = pytest.mark.integration

REPO = Path(__file__).resolve().parents[3]
CONTROL_DOCS = REPO / "tests" / "data" / "control"
PALMYRA = [
    (["islamic-state"], "2015-05-21", "2016-03-27"),
    (["syria"], "2016-03-27", "2016-12-11"),
    (["islamic-state"], "2016-12-11", "2017-03-02"),
    (["syria"], "2017-03-02", None),
]


@pytest.fixture(scope="module")
def control_extractions(seed_driver: neo4j.Driver, api_settings: Settings) -> Iterator[list]:
    """The control documents, extracted once; removed from the graph after the module."""
    from graph_builder.extract import Extractor
    from graph_builder.reader import read_documents

    docs = list(read_documents([CONTROL_DOCS], warn=lambda m: None))
    assert len(docs) == 6
    extractions: list[Extraction] = list(Extractor().extract_many(docs))
    yield extractions
    for e in extractions:
        delete_document(seed_driver, e.document.id, api_settings.neo4j_database)


@pytest.fixture()
def timeline(seeded: neo4j.Driver, api_settings: Settings, control_extractions: list) -> None:
    """The seed graph plus the control documents (a no-op when already loaded)."""
    load_extractions(seeded, control_extractions, database=api_settings.neo4j_database)


@pytest.fixture()
def api(client: TestClient, timeline: None) -> TestClient:
    return client


def spans(body: dict) -> list[tuple[list[str], str, str | None]]:
    return [([h["id"] for h in p["holders"]], p["since"], p["until"]) for p in body["periods"]]


def cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", "from graph_builder.cli import main; main()", *args],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=REPO,
    )


# --- control ---------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["Palmyra", "palmyra", "PALMYRA"])
def test_place_control_is_the_sequence_of_holders(api: TestClient, name: str) -> None:
    r = api.get(f"/places/{name}/control")
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["place"] == {"id": "palmyra", "name": "Palmyra", "kind": "place"}
    assert spans(body) == PALMYRA
    assert body["undated"] == []
    for period in body["periods"]:
        assert period["statement_count"] == len(period["statements"]) >= 1
        for s in period["statements"]:
            assert s["relation"] == "seized" and s["target"] == "palmyra"
            assert s["source"] in [h["id"] for h in period["holders"]]
            assert period["since"] <= s["date"] <= (period["until"] or "9999")
            assert s["document"]["url"].startswith("https://example.org/control/")
            assert s["sentence"] and s["rule"]


def test_seed_place_has_dated_periods_and_undated_seizures(api: TestClient) -> None:
    body = api.get("/places/Aleppo/control", params={"statements": 1}).json()
    periods = body["periods"]
    assert periods and body["undated"]  # the seeds state some seizures without a date
    for before, after in itertools.pairwise(periods):
        assert before["until"] == after["since"]
    assert periods[-1]["until"] is None
    assert all(len(p["statements"]) <= 1 <= p["statement_count"] for p in periods)
    for u in body["undated"]:
        assert all(s["date"] is None for s in u["statements"])


def test_statements_zero_gives_counts_only(api: TestClient) -> None:
    body = api.get("/places/palmyra/control", params={"statements": 0}).json()
    assert [p["statements"] for p in body["periods"]] == [[]] * 4
    assert [p["statement_count"] for p in body["periods"]] == [2, 2, 2, 2]


@pytest.mark.parametrize(
    ("at", "holder"),
    [
        ("2015-05-20", None),  # before the first recorded seizure
        ("2015-05-21", "islamic-state"),
        ("2016-03-26", "islamic-state"),
        ("2016-03-27", "syria"),  # the day it changed hands
        ("2016-12-31", "islamic-state"),
        ("2024-12-01", "syria"),
    ],
)
def test_control_at_a_date(api: TestClient, at: str, holder: str | None) -> None:
    r = api.get("/control", params={"at": at, "limit": 1000})
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["at"] == at
    held = {i["place"]["id"]: [h["id"] for h in i["holders"]] for i in body["items"]}
    assert held.get("palmyra") == ([holder] if holder else None)


def test_control_at_agrees_with_each_place_timeline(api: TestClient) -> None:
    for at in ("2016-06-01", "2024-11-30", None):
        items = api.get("/control", params={"at": at} if at else {}).json()["items"]
        assert items
        for item in items:
            timeline = api.get(f"/places/{quote(item['place']['id'])}/control").json()
            covering = [
                p
                for p in timeline["periods"]
                if (at is None and p["until"] is None)
                or (at is not None and p["since"] <= at and (p["until"] is None or at < p["until"]))
            ]
            assert len(covering) == 1
            assert covering[0]["holders"] == item["holders"]
            assert covering[0]["since"] == item["since"]


def test_control_pages(api: TestClient) -> None:
    everything = api.get("/control", params={"limit": 1000}).json()["items"]
    assert len(everything) >= 3  # Aleppo, Kuweires airbase, Palmyra at least
    first = api.get("/control", params={"limit": 1}).json()
    assert len(first["items"]) == 1 and first["next_offset"] == 1
    second = api.get("/control", params={"limit": 1, "offset": 1}).json()
    assert second["items"][0]["place"] != first["items"][0]["place"]
    names = [i["place"]["name"].lower() for i in everything]
    assert names == sorted(names)


def test_saved_query_gives_the_same_periods(
    timeline: None, seed_driver: neo4j.Driver, api_settings: Settings, api: TestClient
) -> None:
    text = query("queries/place_control")
    for place in ("Palmyra", "Aleppo"):
        rows, _, _ = seed_driver.execute_query(
            text, {"place": place}, database_=api_settings.neo4j_database
        )
        body = api.get(f"/places/{place}/control").json()
        got = [
            (
                sorted(r["holders"]),
                r["since"].iso_format(),
                r["until"] and r["until"].iso_format(),
                r["statements"],
            )
            for r in rows
        ]
        want = [
            (sorted(h["name"] for h in p["holders"]), p["since"], p["until"], p["statement_count"])
            for p in body["periods"]
        ]
        assert got == want


@pytest.mark.parametrize(
    ("path", "status", "named"),
    [
        ("/places/Atlantis/control", 404, "Atlantis"),
        ("/places/Atlantis/control/view", 404, "Atlantis"),
        ("/places/Russia/control", 404, "not a place"),
        ("/places/%27%20OR%201%3D1%20--/control", 404, "OR 1=1"),
        ("/places/%7D)%20DETACH%20DELETE%20n/control", 404, "DETACH DELETE"),
        ("/places/Palmyra/control?statements=-1", 422, "statements"),
        ("/places/Palmyra/control?statements=abc", 422, "statements"),
        ("/control?at=yesterday", 422, "'at'"),
        ("/control?at=2024-13-01", 422, "'at'"),
        ("/control?at=2024-02-30", 422, "'at'"),
        ("/control?at=", 422, "'at'"),
        ("/control?limit=0", 422, "'limit'"),
        ("/changes", 422, "'since'"),
        ("/changes?since=last%20week", 422, "'since'"),
        ("/changes?since=2024-1-1", 422, "'since'"),
        ("/changes?since=2024-12-01&until=2024-12-32", 422, "'until'"),
        ("/changes?since=2024-12-01&relation=likes", 422, "'relation"),
        ("/changes?since=2024-12-01&statements=0", 422, "'statements'"),
        ("/changes?since=2024-12-01&limit=100000", 422, "'limit'"),
    ],
)
def test_bad_inputs_are_4xx_naming_the_problem(
    api: TestClient, path: str, status: int, named: str
) -> None:
    r = api.get(path)
    assert r.status_code == status, r.text
    body = r.json()
    assert named in body["detail"], body


# --- changes ---------------------------------------------------------------------------


def edge_ids(items: list[dict]) -> set[tuple[str, str, str]]:
    return {
        (c["edge"]["source"]["id"], c["edge"]["relation"], c["edge"]["target"]["id"]) for c in items
    }


def test_changes_flipped_pair_with_statements_on_both_sides(api: TestClient) -> None:
    r = api.get("/changes", params={"since": "2023-06-01", "until": "2023-12-31"})
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["since"] == "2023-06-01" and body["until"] == "2023-12-31"
    assert edge_ids(body["new"]) == {("wagner-group", "opposes", "russia")}
    assert body["grew"] == []
    [flip] = body["flipped"]
    assert [a["id"] for a in flip["actors"]] == ["russia", "wagner-group"]
    assert (flip["from"], flip["to"]) == ("supports", "opposes")
    assert (flip["last_before"], flip["first"]) == ("2023-05-10", "2023-06-24")
    assert [(s["source"], s["relation"], s["target"]) for s in flip["statements_before"]] == [
        ("russia", "supports", "wagner-group")
    ]
    assert [(s["source"], s["relation"], s["target"]) for s in flip["statements"]] == [
        ("wagner-group", "opposes", "russia")
    ]
    assert flip["statements"][0]["document"]["url"].endswith("wagner-2023-06")
    assert {(e["source"]["id"], e["relation"]) for e in flip["edges"]} == {
        ("russia", "supports"),
        ("wagner-group", "opposes"),
    }
    assert body["totals"] == {"new": 1, "grew": 0, "flipped": 1}


def test_changes_new_and_grown_edges(api: TestClient) -> None:
    body = api.get("/changes", params={"since": "2017-01-01", "until": "2017-12-31"}).json()
    assert body["new"] == []  # everything stated in 2017 was stated before
    grown = {
        (c["edge"]["source"]["id"], c["edge"]["relation"], c["edge"]["target"]["id"]): c
        for c in body["grew"]
    }
    assert set(grown) == {
        ("russia", "supports", "syria"),
        ("syria", "opposes", "islamic-state"),
        ("syria", "seized", "palmyra"),
    }
    seized = grown[("syria", "seized", "palmyra")]
    assert (seized["statements_before"], seized["statements_since"]) == (2, 2)
    assert all(s["date"] == "2017-03-02" for s in seized["statements"])
    assert seized["edge"]["evidence_count"] == 4

    later = api.get("/changes", params={"since": "2023-01-01"}).json()
    assert ("russia", "supports", "wagner-group") in edge_ids(later["new"])
    assert later["flipped"] == []  # before 2023 the pair had no stance
    for c in later["new"]:
        assert c["edge"]["first_seen"] >= "2023-01-01" and c["first"] == c["edge"]["first_seen"]
        assert c["statements"] and all(s["date"] >= "2023-01-01" for s in c["statements"])
    for c in later["grew"]:
        assert c["edge"]["first_seen"] < "2023-01-01" <= c["edge"]["last_seen"]
    firsts = [c["first"] for c in later["new"]]
    assert firsts == sorted(firsts)


def test_changes_filters_and_limits(api: TestClient) -> None:
    seized = api.get("/changes", params={"since": "2016-01-01", "relation": "seized"}).json()
    assert {c["edge"]["relation"] for c in seized["new"] + seized["grew"]} == {"seized"}
    assert seized["flipped"] == []
    limited = api.get(
        "/changes", params={"since": "2016-01-01", "limit": 1, "statements": 1}
    ).json()
    assert len(limited["new"]) == 1 < limited["totals"]["new"]
    assert all(len(c["statements"]) == 1 for c in limited["new"] + limited["grew"])
    assert api.get("/changes", params={"since": "2100-01-01"}).json()["totals"] == {
        "new": 0,
        "grew": 0,
        "flipped": 0,
    }


# --- command line ------------------------------------------------------------------------


def test_cli_control_matches_the_api(api: TestClient) -> None:
    run = cli("control", "Palmyra", "--json", "--statements", "20")
    assert run.returncode == 0, run.stderr
    assert json.loads(run.stdout) == api.get("/places/Palmyra/control").json()
    text = cli("control", "palmyra")
    assert text.returncode == 0, text.stderr
    assert "2016-03-27 – 2016-12-11  Syria" in text.stdout
    at = cli("control", "--at", "2016-06-01")
    assert at.returncode == 0, at.stderr
    assert "Palmyra" in at.stdout and "Syria (since 2016-03-27 until 2016-12-11)" in at.stdout
    one = cli("control", "Palmyra", "--at", "2015-01-01")
    assert one.returncode == 0 and "no holder recorded on 2015-01-01" in one.stdout


def test_cli_changes_matches_the_api(api: TestClient) -> None:
    run = cli("changes", "--since", "2023-06-01", "--until", "2023-12-31", "--json")
    assert run.returncode == 0, run.stderr
    want = api.get(
        "/changes", params={"since": "2023-06-01", "until": "2023-12-31", "statements": 3}
    ).json()
    assert json.loads(run.stdout) == want
    text = cli("changes", "--since", "2023-06-01")
    assert text.returncode == 0, text.stderr
    assert "Russia / Wagner Group: supports (last 2023-05-10) -> opposes" in text.stdout


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (("control", "Atlantis"), 1, "unknown place: 'Atlantis'"),
        (("control", "--at", "soon"), 2, "'soon' is not an ISO date"),
        (("control", "--html", "x.html"), 1, "--html needs a PLACE"),
        (("changes",), 2, "--since"),
        (("changes", "--since", "2024-02-30"), 2, "--since"),
        (("changes", "--since", "2024-12-01", "--until", "2024-01-01"), 1, "must not be after"),
    ],
)
def test_cli_bad_input_is_one_line(
    timeline: None, args: tuple[str, ...], code: int, message: str
) -> None:
    run = cli(*args)
    assert run.returncode == code, (run.stdout, run.stderr)
    assert message in run.stderr and "Traceback" not in run.stderr


def test_cli_writes_the_timeline_page(timeline: None, tmp_path: Path) -> None:
    out = tmp_path / "palmyra.html"
    run = cli("control", "Palmyra", "--html", str(out))
    assert run.returncode == 0, run.stderr
    page = out.read_text(encoding="utf-8")
    assert page.count('class="period-bar') == 4 and "Control of Palmyra" in page


# --- the timeline page in headless Chromium -------------------------------------------


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    from graph_builder.chromium import CHROMIUM, FLAGS

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS, headless=True)
        yield b
        b.close()


def test_timeline_page_draws_the_periods_offline(timeline: None, live_url: str, browser) -> None:
    import httpx

    api_body = httpx.get(f"{live_url}/places/Palmyra/control", timeout=30).json()
    page = browser.new_page(viewport={"width": 1200, "height": 800})
    problems: list[str] = []
    page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
    page.on(
        "request",
        lambda r: None if r.url.startswith(live_url) else problems.append(f"request: {r.url}"),
    )
    opened: list[str] = []  # source links are answered here, never fetched from outside

    def answer(route) -> None:
        opened.append(route.request.url)
        route.fulfill(status=200, content_type="text/html", body="<p>source</p>")

    page.context.route("https://example.org/**", answer)
    try:
        page.goto(f"{live_url}/places/palmyra/control/view")
        page.wait_for_function("window.controlView && window.controlView.ready", timeout=30_000)
        bars = page.locator(".period-bar")
        assert bars.count() == len(api_body["periods"]) == 4
        assert page.locator("article.period").count() == 4
        # clicking a bar selects and shows its period with the evidence
        bars.nth(1).click()
        card = page.locator("#period-1")
        assert "selected" in (card.get_attribute("class") or "")
        assert card.is_visible() and "Syria: 2016-03-27 – 2016-12-11" in card.inner_text()
        # each statement's source link is there, visible and points at its document
        links = card.locator("a.source")
        urls = {s["document"]["url"] for s in api_body["periods"][1]["statements"]}
        assert links.count() == 2 and all(links.nth(i).is_visible() for i in range(2))
        assert {links.nth(i).get_attribute("href") for i in range(2)} == urls
        with page.context.expect_page() as popup:
            links.nth(0).click()
        popup.value.close()
        assert opened == [links.nth(0).get_attribute("href")]
        # the date field names the holder the API gives for that day
        for day in ("2016-06-01", "2016-12-11", "2015-05-01"):
            page.fill("#at", day)
            shown = page.locator("#at-result").inner_text()
            items = httpx.get(f"{live_url}/control", params={"at": day}, timeout=30).json()
            held = [i for i in items["items"] if i["place"]["id"] == "palmyra"]
            want = ", ".join(h["name"] for h in held[0]["holders"]) if held else None
            assert shown == (want or "no holder recorded yet")
    finally:
        page.close()
    assert not problems, problems
