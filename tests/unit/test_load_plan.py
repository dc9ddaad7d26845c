"""How a batch changes statements and edges, worked out without a database."""

from __future__ import annotations

import datetime as dt

import pytest
from neo4j.time import Date

from graph_builder.edge_totals import Totals, exact_edges, increment_rows, totals_by_edge
from graph_builder.load_plan import statement_changes
from graph_builder.load_rows import EdgeKey, document_rows
from graph_builder.models import Actor, Document, Edge, Evidence, Extraction

RUSSIA = Actor("russia", "Russia", "country")
IRAN = Actor("iran", "Iran", "country")
HTS = Actor("hts", "HTS", "armed_group")
SUPPORTS = EdgeKey("russia", "SUPPORTS", "iran")
D1, D2, D3 = dt.date(2024, 12, 1), dt.date(2024, 12, 2), dt.date(2024, 12, 3)


def row(confidence: float, date: dt.date | None) -> dict[str, object]:
    return {"confidence": confidence, "date": date}


def test_totals_count_documents_once_and_combine_by_noisy_or() -> None:
    totals = totals_by_edge(
        [("a", SUPPORTS, row(0.5, D2)), ("a", SUPPORTS, row(0.5, None)), ("b", SUPPORTS,
                                                                         row(0.2, D1))]
    )[SUPPORTS]  # fmt: skip
    assert (totals.n, totals.docs, totals.first, totals.last) == (3, 2, D1, D2)
    assert totals.props()["confidence"] == pytest.approx(1 - 0.5 * 0.5 * 0.8)
    totals.add(Totals(1, 1, D3, D3, 0.5))
    assert (totals.n, totals.docs, totals.first, totals.last) == (4, 3, D1, D3)
    assert totals.miss == pytest.approx(0.1)


def test_increment_rows_are_sorted_and_flat() -> None:
    other = EdgeKey("hts", "SEIZED", "aleppo")
    rows = increment_rows(
        {SUPPORTS: Totals(1, 1, D1, D1, 0.4, {"outlet:a", "outlet:b"}),
         other: Totals(2, 1, None, None)},
        known={(SUPPORTS.key, "outlet:a")},
    )  # fmt: skip
    assert [r["source"] for r in rows] == ["hts", "russia"]
    assert rows[1] == {"source": "russia", "type": "SUPPORTS", "target": "iran", "n": 1,
                       "docs": 1, "sources": 1, "first": D1, "last": D1,
                       "miss": 0.4}  # fmt: skip


def test_exact_edges_keep_what_is_left_and_drop_empty_ones() -> None:
    gone = EdgeKey("hts", "OPPOSES", "iran")
    keep, drop = exact_edges(
        {SUPPORTS: Totals(2, 2, D1, D2, 0.25, {"outlet:a"}), gone: Totals()},
        {SUPPORTS: Totals(1, 1, D3, D3, 0.5, {"outlet:a", "doc:x"})},
    )
    assert drop == [gone.as_row()]
    assert keep == [
        {**SUPPORTS.as_row(), "props": {"evidence_count": 3, "doc_count": 3, "source_count": 2,
                                        "first_seen": D1, "last_seen": D3, "miss": 0.125,
                                        "confidence": 0.875}}
    ]  # fmt: skip


def extraction(*edges: Edge) -> Extraction:
    return Extraction(Document("d1", "text", date=D1), list(edges))


def edge(
    subject: Actor, relation: str, obj: Actor, start: int, speaker: str | None = None, **kw: object
) -> Edge:
    sentence = f"{subject.name} {relation} {obj.name}."
    evidence = Evidence("d1", sentence, start, start + len(sentence), speaker)
    return Edge(subject, relation, obj, evidence, **kw)  # type: ignore[arg-type]


def stored(doc: Extraction) -> list[dict[str, object]]:
    """What Neo4j returns for the statements of `doc`: no nulls, neo4j dates."""
    return [
        {k: Date.from_native(v) if isinstance(v, dt.date) else v for k, v in r.items()
         if v is not None}
        for r in document_rows(doc, include_unasserted=True).statements
    ]  # fmt: skip


def test_unchanged_statements_stay_and_changed_ones_are_replaced() -> None:
    old = extraction(
        edge(RUSSIA, "supports", IRAN, 0, confidence=0.5),
        edge(HTS, "opposes", IRAN, 40),
        edge(HTS, "seized", RUSSIA, 80, negated=True),
    )
    new = extraction(
        edge(RUSSIA, "supports", IRAN, 0, confidence=0.5),  # the same
        edge(HTS, "opposes", IRAN, 40, confidence=0.9),  # changed
        edge(IRAN, "met_with", RUSSIA, 120),  # added; the negated one is gone
    )
    rows = document_rows(new, include_unasserted=True)
    changes = statement_changes(stored(old), [rows])
    ids = {r["edge_key"]: r["id"] for r in stored(old)}
    assert sorted(changes.removed) == sorted([ids["hts|OPPOSES|iran"], ids["hts|SEIZED|russia"]])
    assert sorted(r["edge_key"] for r in changes.added["d1"]) == [
        "hts|OPPOSES|iran",
        "iran|MET_WITH|russia",
    ]
    # The negated statement counts toward no edge, but its actors may now be orphans.
    assert changes.touched == {EdgeKey("hts", "OPPOSES", "iran"),
                               EdgeKey("iran", "MET_WITH", "russia")}  # fmt: skip
    assert changes.actors == {"hts", "iran", "russia"}
    assert changes.added_count == 2


def test_a_document_with_nothing_new_changes_no_statement() -> None:
    doc = extraction(edge(RUSSIA, "supports", IRAN, 0, date=D2, speaker="Lavrov"))
    changes = statement_changes(stored(doc), [document_rows(doc)])
    assert not changes.removed and changes.added == {"d1": []} and not changes.touched


def test_confidence_rounds_half_up_like_cypher() -> None:
    from graph_builder.edge_totals import confidence

    assert confidence(0.0) == 1.0
    assert confidence(4.8e-7) == 1.0  # 0.99999952
    assert confidence(6e-7) == 0.999999  # 0.9999994
    assert confidence(0.125) == 0.875
