"""Extractor behaviour beyond single sentences: output contract, dates, chunks, modality."""

from __future__ import annotations

import datetime as dt
import json

from graph_builder.evaluate import AliasTable, GoldEdge, score
from graph_builder.extract import Extractor
from graph_builder.extract.dates import parse_date
from graph_builder.extract.extractor import split_pieces
from graph_builder.models import Document, edge_from_record
from graph_builder.reader import make_document

CONTRACT = {
    "doc", "subject", "subject_id", "subject_kind", "relation", "object", "object_id",
    "object_kind", "sentence", "start", "end", "speaker", "negated", "hypothetical", "date",
    "confidence", "rule",
}


def test_records_follow_the_output_contract(extractor: Extractor) -> None:
    text = "Headline here\nOn 2 December, Peskov said that Russia would continue to back Assad."
    doc = make_document(text, date=dt.date(2024, 12, 3), doc_id="d1")
    (edge,) = [e for e in extractor.extract(doc) if e.relation == "supports"]
    record = edge.to_record()
    assert set(record) >= CONTRACT
    assert record["subject"] == "Russia" and record["object"] == "Bashar al-Assad"
    assert record["speaker"] == "Dmitry Peskov"
    assert record["date"] == "2024-12-02"
    assert text[record["start"] : record["end"]] == record["sentence"]
    assert edge_from_record(json.loads(json.dumps(record))).relation == "supports"


def test_negated_and_hypothetical_statements_are_flagged(extractor: Extractor) -> None:
    doc = make_document(
        "Jordan did not support the offensive by Israel. Iran could attack Israel.", doc_id="m"
    )
    edges = extractor.extract(doc)
    assert edges and not any(e.asserted for e in edges)
    assert any(e.hypothetical for e in edges)


def test_relative_dates_resolve_against_the_document_date() -> None:
    anchor = dt.date(2024, 12, 9)
    assert parse_date("Sunday", anchor) == dt.date(2024, 12, 8)
    assert parse_date("30 November", anchor) == dt.date(2024, 11, 30)
    assert parse_date("2016", anchor) == dt.date(2016, 1, 1)
    assert parse_date("29-30 November", anchor) == dt.date(2024, 11, 29)
    assert parse_date("December 2", None) is None
    assert parse_date("the next 72 hours", anchor) is None


def test_large_documents_are_split_into_bounded_pieces(extractor: Extractor) -> None:
    paragraph = "Turkish-backed rebels seized Tal Rifaat from Kurdish forces in Syria.\n"
    text = paragraph * 2000  # about 140,000 characters
    doc = Document(id="big", text=text)
    pieces = list(split_pieces(doc, limit=20_000))
    assert max(len(p.text) for p in pieces) <= 20_000
    assert "".join(p.text for p in pieces) == text
    edges = extractor.extract(doc)
    seized = [e for e in edges if e.relation == "seized"]
    assert len(seized) == 2000
    assert all(text[e.evidence.start : e.evidence.end] == e.evidence.sentence for e in seized)


def test_empty_document_gives_no_edges(extractor: Extractor) -> None:
    assert extractor.extract(Document(id="empty", text="")) == []


def test_many_processes_give_the_same_edges(extractor: Extractor) -> None:
    docs = [
        make_document(f"Iran backs Hezbollah. Russia met Turkey in round {i}.", doc_id=f"p{i}")
        for i in range(6)
    ]
    one = [[e.to_record() for e in ex.edges] for ex in extractor.extract_many(docs)]
    two = [[e.to_record() for e in ex.edges] for ex in extractor.extract_many(docs, n_process=2)]
    assert one == two


def test_scoring_counts_required_matches_and_false_positives(extractor: Extractor) -> None:
    canon = AliasTable({"assad": "bashar al-assad", "bashar al-assad": "bashar al-assad"})
    gold = [
        GoldEdge("g", frozenset({"russia"}), "supports", frozenset({"bashar al-assad"}), True, ""),
        GoldEdge("g", frozenset({"iran"}), "supports", frozenset({"bashar al-assad"}), True, ""),
    ]
    doc = make_document("Russia backs Assad. Qatar criticised Israel.", doc_id="g")
    report = score({"g": extractor.extract(doc)}, gold, canon)
    assert (report.overall.tp, report.overall.fp) == (1, 1)
    assert report.overall.matched_required == 1 and report.overall.required == 2


def test_a_hyphen_after_an_abbreviation_is_split(extractor: Extractor) -> None:
    doc = extractor.nlp.make_doc("U.S.-backed and U.N.-led forces; the U.S. said")
    words = [t.text for t in doc]
    assert words == ["U.S.", "-", "backed", "and", "U.N.", "-", "led", "forces", ";", "the",
                     "U.S.", "said"]
