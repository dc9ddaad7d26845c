"""Reading HTML pages, saved articles and RSS/Atom feeds from files; the outlet field."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

from graph_builder.load_rows import document_rows
from graph_builder.models import Extraction
from graph_builder.reader import make_document, parse_text, read_documents
from graph_builder.web_inputs import looks_like_feed

WEB = Path(__file__).resolve().parents[1] / "data" / "web"


def read(*names: str) -> tuple[list, list[str]]:
    problems: list[str] = []
    docs = list(read_documents([WEB / n for n in names], problems.append))
    return docs, problems


def test_saved_article_gives_main_text_and_metadata() -> None:
    (doc,), problems = read("militia-crossing.html")
    assert not problems
    assert doc.id.startswith("url-") and doc.name == "militia-crossing"  # URL identity
    assert doc.title == "Militias reinforce border crossing as Iran backs allies"
    assert doc.url == "https://levant-ledger.example/world/2024/12/03/militias-border-crossing"
    assert doc.date == dt.date(2024, 12, 3)
    assert doc.source == "The Levant Ledger"
    assert "Iran backs Hezbollah" in doc.text
    for boilerplate in ("Most read", "cookies", "All rights reserved", "Subscribe"):
        assert boilerplate not in doc.text


def test_page_without_article_text_is_skipped_by_name() -> None:
    docs, problems = read("section-index.html")
    assert docs == []
    page = WEB / "section-index.html"
    assert problems == [f"{page}: no article text found in this page; skipped"]


def test_rss_entries_with_content_or_summary() -> None:
    docs, problems = read("wire.rss")
    assert [d.title for d in docs] == [
        "Militias reinforce border crossing", "Kremlin restates support"
    ]
    assert all(d.source == "Frontline Wire" for d in docs)
    assert docs[0].date == dt.date(2024, 12, 3) and docs[1].date == dt.date(2024, 12, 4)
    assert docs[1].text.startswith("Russia supports Bashar al-Assad")
    assert "<p>" not in docs[1].text
    assert len({d.id for d in docs}) == 2 and all(d.id.startswith(("url-", "doc-")) for d in docs)
    feed = WEB / "wire.rss"
    assert problems == [f"{feed}: entry 3 (Photo gallery): no text in this entry; skipped"]


def test_atom_feed() -> None:
    (doc,), problems = read("briefing.atom")
    assert not problems
    assert doc.source == "Regional Briefing" and doc.url == "https://briefing.example/2024/12/turkey-sdf"
    assert doc.text.startswith("Turkey opposes the Syrian Democratic Forces")


def test_not_a_feed_is_named(tmp_path: Path) -> None:
    bad = tmp_path / "notes.xml"
    bad.write_text("<?xml version='1.0'?><notes><note>hello</note></notes>")
    problems: list[str] = []
    assert list(read_documents([bad], problems.append)) == []
    assert problems and problems[0].startswith(f"{bad}: not an RSS/Atom feed")


def test_feed_sniffing() -> None:
    assert looks_like_feed(b"", "application/rss+xml")
    assert looks_like_feed(b'<?xml version="1.0"?>\n<rss version="2.0">', "text/xml")
    assert looks_like_feed(b'<feed xmlns="http://www.w3.org/2005/Atom">', "")
    assert not looks_like_feed(b"<!DOCTYPE html><html><body><feed>", "text/html")


def test_outlet_from_front_matter_jsonl_and_api(tmp_path: Path) -> None:
    doc = parse_text("---\ntitle: T\nsource: Levant Ledger\n---\nIran backs Hezbollah.\n", "d1")
    assert doc.source == "Levant Ledger"
    lines = tmp_path / "docs.jsonl"
    lines.write_text('{"text": "Iran backs Hezbollah.", "source": "Gulf Courier"}\n')
    (record,) = read_documents([lines], lambda m: None)
    assert record.source == "Gulf Courier"
    assert make_document("Iran backs Hezbollah.", source="Wire").source == "Wire"


def test_outlet_is_stored_and_counts_as_a_change() -> None:
    base = make_document("Iran backs Hezbollah.", doc_id="d1", source="Wire")
    rows = document_rows(Extraction(base, []))
    assert rows.document["source"] == "wire"  # outlets are kept in lower case
    other = document_rows(Extraction(dataclasses.replace(base, source="Other"), []))
    assert other.document["checksum"] != rows.document["checksum"]
