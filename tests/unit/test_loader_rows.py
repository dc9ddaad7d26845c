"""What the loader writes for an extraction, computed without a database."""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib

import pytest

from graph_builder.errors import InputError
from graph_builder.load_rows import document_rows, edge_key, statement_id
from graph_builder.models import Actor, Document, Edge, Evidence, Extraction

A = Actor("russia", "Russia", "country", ("Moscow",))
B = Actor("iran", "Iran", "country")


def make(relation: str = "supports", negated: bool = False, text: str = "Text.") -> Extraction:
    doc = Document("d1", text, title="T", date=dt.date(2024, 12, 1), path="/a/d1.txt")
    edge = Edge(A, relation, B, Evidence("d1", "Russia backs Iran.", 0, 18), negated=negated)
    return Extraction(doc, [edge])


def test_statement_id_is_the_documented_hash() -> None:
    expected = hashlib.sha1(b"d1|0|18|supports|russia|iran").hexdigest()[:16]
    assert statement_id("d1", 0, 18, "supports", "russia", "iran") == expected
    rows = document_rows(make())
    assert rows.statements[0]["id"] == expected


def test_edge_key_orders_met_with_only() -> None:
    assert edge_key("russia", "met_with", "iran").key == "iran|MET_WITH|russia"
    assert edge_key("russia", "supports", "iran").key == "russia|SUPPORTS|iran"
    with pytest.raises(InputError, match="unknown relation 'likes'"):
        edge_key("a", "likes", "b")


def test_statement_date_falls_back_to_the_document_date() -> None:
    assert document_rows(make()).statements[0]["date"] == dt.date(2024, 12, 1)


def test_actor_rows_carry_the_kind_label() -> None:
    actor = document_rows(make()).actors["russia"]
    assert actor["labels"] == ["Country"] and "Country" not in actor["other_labels"]
    assert actor["aliases"] == ["Moscow"]


def test_checksum_is_stable_and_tracks_content() -> None:
    base = document_rows(make()).document["checksum"]
    assert document_rows(make()).document["checksum"] == base
    assert document_rows(make(text="Other text.")).document["checksum"] != base
    assert document_rows(make(relation="opposes")).document["checksum"] != base
    moved = make()
    moved.document = dataclasses.replace(moved.document, path="/elsewhere/d1.txt")
    assert document_rows(moved).document["checksum"] == base  # where it was read is no change


def test_unasserted_statements_are_skipped_unless_asked() -> None:
    skipped = document_rows(make(negated=True))
    assert skipped.statements == [] and skipped.skipped == 1 and not skipped.keys
    kept = document_rows(make(negated=True), include_unasserted=True)
    assert len(kept.statements) == 1 and not kept.keys  # stored, but no edge
    assert kept.document["checksum"] != skipped.document["checksum"]


def test_evidence_from_another_document_is_rejected() -> None:
    ex = make()
    ex.edges[0] = dataclasses.replace(ex.edges[0], evidence=Evidence("d2", "x", 0, 1))
    with pytest.raises(InputError, match="d2"):
        document_rows(ex)
