"""`graph-builder ingest` of HTML pages and RSS/Atom feeds fetched from a real HTTP
server on 127.0.0.1, end to end into the suite's Neo4j."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import neo4j
import pytest

from graph_builder.settings import Settings

pytestmark = pytest.mark.integration

WEB = Path(__file__).resolve().parents[1] / "data" / "web"
GRAPH_BUILDER = Path(sys.executable).with_name("graph-builder")
TYPES = {
    ".html": "text/html; charset=utf-8",
    ".rss": "application/rss+xml",
    ".atom": "application/atom+xml",
}


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(GRAPH_BUILDER), *args], capture_output=True, text=True, timeout=300,
        env=dict(os.environ), check=False,
    )


@pytest.fixture(scope="module")
def site() -> Iterator[str]:
    """Pages under /pages/, feeds under /feeds/ (links pointing back at this server);
    `/feeds/wire.xml` is the RSS feed served as plain `text/xml`; the rest is 404."""

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            folder, _, name = self.path.lstrip("/").partition("/")
            served_as = name
            if folder == "feeds" and name == "wire.xml":
                served_as = "wire.rss"
            path = WEB / served_as
            if folder not in ("pages", "feeds") or not path.is_file():
                self.send_error(404, "Not Found")
                return
            body = path.read_bytes().replace(b"{BASE}", base.encode())
            kind = "text/xml" if name.endswith(".xml") else TYPES[path.suffix]
            self.send_response(200)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    base = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield base
    finally:
        server.shutdown()
        server.server_close()


def documents(driver: neo4j.Driver, db: str) -> dict[str, dict]:
    records = driver.execute_query(
        "MATCH (d:Document) OPTIONAL MATCH (s:Statement)-[:IN_DOCUMENT]->(d) "
        "RETURN d.id AS id, d.title AS title, d.url AS url, toString(d.date) AS date, "
        "d.source AS outlet, d.paths AS paths, collect(s.edge_key) AS keys",
        database_=db,
    ).records
    return {r["id"]: r.data() for r in records}


def test_pages_are_read_and_a_page_without_article_is_named(
    clean_db: neo4j.Driver, settings: Settings, site: str
) -> None:
    index = f"{site}/pages/section-index.html"
    result = run(
        "ingest", f"{site}/pages/militia-crossing.html", f"{site}/pages/doha-talks.html", index
    )
    assert result.returncode == 3, result.stderr  # loaded, one input skipped
    assert f"{index}: no article text found in this page; skipped" in result.stderr
    assert "Traceback" not in result.stderr

    docs = {d["title"]: d for d in documents(clean_db, settings.neo4j_database).values()}
    assert set(docs) == {
        "Militias reinforce border crossing as Iran backs allies",
        "Qatar hosts talks on Syria transition",
    }
    militia = docs["Militias reinforce border crossing as Iran backs allies"]
    assert militia["outlet"] == "the levant ledger"
    assert militia["url"] == "https://levant-ledger.example/world/2024/12/03/militias-border-crossing"
    assert militia["date"] == "2024-12-03"
    assert "iran|SUPPORTS|hezbollah" in militia["keys"]
    assert "russia|SUPPORTS|bashar-al-assad" in militia["keys"]
    talks = docs["Qatar hosts talks on Syria transition"]
    assert talks["outlet"] == "gulf courier" and talks["date"] == "2024-12-07"
    assert "turkey|OPPOSES|syrian-democratic-forces" in talks["keys"]
    # boilerplate (menus, sidebars, footers) never reaches the text
    sentences = clean_db.execute_query(
        "MATCH (s:Statement) RETURN s.sentence AS s", database_=settings.neo4j_database
    ).records
    assert not [r for r in sentences if "Most read" in r["s"] or "cookies" in r["s"]]


def test_feed_entries_become_documents_with_the_feed_as_outlet(
    clean_db: neo4j.Driver, settings: Settings, site: str
) -> None:
    feed = f"{site}/feeds/wire.rss"
    result = run("ingest", feed, f"{site}/feeds/briefing.atom")
    assert result.returncode == 3, result.stderr
    assert f"{feed}: entry 3 (Photo gallery): no text in this entry; skipped" in result.stderr
    docs = documents(clean_db, settings.neo4j_database)
    by_title = {d["title"]: d for d in docs.values()}
    assert set(by_title) == {
        "Militias reinforce border crossing", "Kremlin restates support", "Turkey and the SDF",
    }
    wire = by_title["Militias reinforce border crossing"]
    assert wire["outlet"] == "frontline wire"
    assert wire["url"] == f"{site}/pages/militia-crossing.html"
    assert wire["date"] == "2024-12-03"
    assert wire["keys"] == ["iran|SUPPORTS|hezbollah"]  # the summary only
    assert by_title["Turkey and the SDF"]["outlet"] == "regional briefing"
    assert "turkey|OPPOSES|syrian-democratic-forces" in by_title["Turkey and the SDF"]["keys"]

    again = run("ingest", feed, f"{site}/feeds/briefing.atom")
    assert "0 new or changed" in again.stdout, again.stdout + again.stderr


def test_feed_with_follow_links_reads_the_linked_articles(
    clean_db: neo4j.Driver, settings: Settings, site: str
) -> None:
    feed = f"{site}/feeds/wire.xml"  # served as text/xml: recognised as a feed by its root
    result = run("ingest", "--follow-links", feed)
    assert result.returncode == 3, result.stderr
    missing = f"{site}/pages/kremlin.html"
    assert f"{missing}: the server answered 404 Not Found; using the feed's own text" \
        in result.stderr
    docs = {d["title"]: d for d in documents(clean_db, settings.neo4j_database).values()}
    followed = docs["Militias reinforce border crossing"]
    assert followed["outlet"] == "the levant ledger"  # the page's own site name
    assert "hayat-tahrir-al-sham|SEIZED|hama" in followed["keys"]  # from the full article
    assert docs["Kremlin restates support"]["outlet"] == "frontline wire"


def test_unreachable_url_is_named(clean_db: neo4j.Driver, site: str) -> None:
    gone = f"{site}/pages/nowhere.html"
    result = run("ingest", gone)
    assert result.returncode == 1
    assert f"{gone}: the server answered 404 Not Found" in result.stderr
    assert "Traceback" not in result.stderr
