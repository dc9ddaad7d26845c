"""Loading into the real Neo4j: idempotence, replacement, deletion, atomic batches."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import neo4j
import pytest
from neo4j.exceptions import Neo4jError

from graph_builder.errors import NotFoundError
from graph_builder.load_rows import document_rows
from graph_builder.loader import delete_document, load_extractions
from graph_builder.models import Actor, Document, Edge, Evidence, Extraction
from graph_builder.reads import graph_stats
from graph_builder.settings import Settings

pytestmark = pytest.mark.integration

RUSSIA = Actor("russia", "Russia", "country", ("Moscow", "Kremlin"))
SYRIA = Actor("syria-government", "Syrian government", "government", ("Damascus",))
HTS = Actor("hts", "Hayat Tahrir al-Sham", "armed_group", ("HTS",))
IRAN = Actor("iran", "Iran", "country", ("Tehran",))
ALEPPO = Actor("aleppo", "Aleppo", "place")
LAVROV = Actor("sergei-lavrov", "Sergei Lavrov", "person", affiliation="russia")


def edge(
    subject: Actor,
    relation: str,
    obj: Actor,
    doc_id: str,
    start: int,
    confidence: float = 0.6,
    date: dt.date | None = None,
    negated: bool = False,
    hypothetical: bool = False,
    speaker: Any = None,
) -> Edge:
    sentence = f"{subject.name} {relation} {obj.name} ({start})."
    return Edge(
        subject=subject,
        relation=relation,
        object=obj,
        evidence=Evidence(doc_id, sentence, start, start + len(sentence), speaker),
        negated=negated,
        hypothetical=hypothetical,
        date=date,
        confidence=confidence,
        rule="test",
    )


def extraction(doc_id: str, edges: list[Edge], text: str = "", day: int = 1) -> Extraction:
    doc = Document(
        doc_id,
        text or f"text of {doc_id}",
        title=f"Title {doc_id}",
        url=f"https://example.org/{doc_id}",
        date=dt.date(2024, 12, day),
    )
    return Extraction(doc, edges)


def edges_of(driver: neo4j.Driver, db: str) -> dict[tuple[str, str, str], dict[str, Any]]:
    records, _, _ = driver.execute_query(
        "MATCH (a:Actor)-[r:SUPPORTS|OPPOSES|MET_WITH|SEIZED]->(b:Actor) "
        "RETURN a.id AS a, type(r) AS t, b.id AS b, properties(r) AS p",
        database_=db,
    )
    return {(r["a"], r["t"], r["b"]): r["p"] for r in records}


def ids(driver: neo4j.Driver, db: str, label: str) -> set[str]:
    records, _, _ = driver.execute_query(
        "MATCH (n) WHERE $label IN labels(n) RETURN n.id AS id", label=label, database_=db
    )
    return {r["id"] for r in records}


def assert_edges_match_statements(driver: neo4j.Driver, db: str) -> None:
    """Every edge's properties are what its asserted statements add up to."""
    records, _, _ = driver.execute_query(
        """
        MATCH (a:Actor)-[r:SUPPORTS|OPPOSES|MET_WITH|SEIZED]->(b:Actor)
        OPTIONAL MATCH (s:Statement {edge_key: a.id + '|' + type(r) + '|' + b.id})
                       -[:IN_DOCUMENT]->(d)
        WHERE NOT s:Unasserted
        WITH r, count(s) AS n, count(DISTINCT d) AS docs, min(s.date) AS first,
             max(s.date) AS last, collect(s.confidence) AS cs
        RETURN properties(r) AS p, n, docs, first, last,
               1.0 - reduce(miss = 1.0, c IN cs | miss * (1.0 - c)) AS confidence
        """,
        database_=db,
    )
    assert len(records) == graph_stats(driver, db)["edges"]
    for r in records:
        p = r["p"]
        assert r["n"] > 0
        assert (p["evidence_count"], p["doc_count"]) == (r["n"], r["docs"])
        assert (p.get("first_seen"), p.get("last_seen")) == (r["first"], r["last"])
        assert p["confidence"] == pytest.approx(r["confidence"], abs=1e-5)


def test_seeds_loaded_twice_give_identical_graph(
    clean_db: neo4j.Driver,
    settings: Settings,
    seed_extractions: list[Extraction],
    dump: Callable[[neo4j.Driver], Any],
) -> None:
    db = settings.neo4j_database
    first = load_extractions(clean_db, seed_extractions, db)
    assert first.documents_written == len(seed_extractions)
    stats1, dump1 = graph_stats(clean_db, db), dump(clean_db)
    assert stats1["documents"] == len(seed_extractions)
    assert stats1["edges"] > 0 and stats1["actors"] > 0

    second = load_extractions(clean_db, seed_extractions, db, batch_size=2)
    assert second.documents_unchanged == len(seed_extractions)
    assert second.documents_written == 0
    assert graph_stats(clean_db, db) == stats1
    assert dump(clean_db) == dump1  # every property, loaded_at included


def test_every_edge_is_traceable_to_statements_and_documents(
    clean_db: neo4j.Driver, settings: Settings, seed_extractions: list[Extraction]
) -> None:
    db = settings.neo4j_database
    load_extractions(clean_db, seed_extractions, db)
    records, _, _ = clean_db.execute_query(
        """
        MATCH (a:Actor)-[r:SUPPORTS|OPPOSES|MET_WITH|SEIZED]->(b:Actor)
        OPTIONAL MATCH (s:Statement {edge_key: a.id + '|' + type(r) + '|' + b.id})
                       -[:IN_DOCUMENT]->(d:Document)
        WHERE NOT s.negated AND NOT s.hypothetical
        RETURN r, r.evidence_count AS n, r.doc_count AS docs, count(s) AS statements,
               count(DISTINCT d) AS documents, collect(s.sentence)[0] AS sentence
        """,
        database_=db,
    )
    assert records
    for r in records:
        assert r["n"] == r["statements"] > 0
        assert r["docs"] == r["documents"] > 0
        assert r["sentence"]


def test_changed_document_replaces_statements_and_drops_orphans(
    clean_db: neo4j.Driver, settings: Settings
) -> None:
    db = settings.neo4j_database
    v1 = extraction(
        "doc-a",
        [
            edge(RUSSIA, "supports", SYRIA, "doc-a", 0, 0.5),
            edge(RUSSIA, "opposes", HTS, "doc-a", 50),
            edge(HTS, "seized", ALEPPO, "doc-a", 100),
        ],
    )
    other = extraction("doc-b", [edge(RUSSIA, "supports", SYRIA, "doc-b", 0, 0.5)], day=3)
    load_extractions(clean_db, [v1, other], db)
    old_statements = ids(clean_db, db, "Statement")
    assert edges_of(clean_db, db)[("russia", "SUPPORTS", "syria-government")]["evidence_count"] == 2

    v2 = extraction(
        "doc-a",
        [
            edge(RUSSIA, "supports", SYRIA, "doc-a", 7, 0.9),
            edge(IRAN, "supports", SYRIA, "doc-a", 60),
        ],
        text="text of doc-a, corrected",
    )
    summary = load_extractions(clean_db, [v2], db)
    assert summary.documents_written == 1
    assert summary.statements_deleted == 3 and summary.statements_written == 2

    edges = edges_of(clean_db, db)
    assert set(edges) == {
        ("russia", "SUPPORTS", "syria-government"),
        ("iran", "SUPPORTS", "syria-government"),
    }
    supports = edges[("russia", "SUPPORTS", "syria-government")]
    assert supports["evidence_count"] == 2 and supports["doc_count"] == 2
    assert supports["confidence"] == pytest.approx(1 - 0.5 * 0.1)
    assert ids(clean_db, db, "Actor") == {"russia", "syria-government", "iran"}  # hts, aleppo gone
    statements = ids(clean_db, db, "Statement")
    assert len(statements) == 3
    assert statements & old_statements == {s for s in old_statements if s in statements}
    assert len(statements & old_statements) == 1  # doc-b's statement is untouched
    assert_edges_match_statements(clean_db, db)


def test_a_changed_document_keeps_its_unchanged_statements(
    clean_db: neo4j.Driver, settings: Settings, seed_extractions: list[Extraction]
) -> None:
    db = settings.neo4j_database
    load_extractions(clean_db, seed_extractions, db)
    before = ids(clean_db, db, "Statement")
    originals = [x for x in seed_extractions if len(x.edges) > 2]
    changed = [
        Extraction(
            dataclasses.replace(x.document, text=x.document.text + " (corrected)"),
            [dataclasses.replace(x.edges[0], confidence=0.99), *x.edges[1:-1]],
        )
        for x in originals
    ]
    summary = load_extractions(clean_db, changed, db, batch_size=2)
    assert summary.documents_written == len(changed)
    assert summary.statements_written == len(changed)  # the one with a new confidence
    after = ids(clean_db, db, "Statement")
    dropped = {r["id"] for x in originals for r in document_rows(x).statements} - {
        r["id"] for x in changed for r in document_rows(x).statements
    }
    assert before - after == dropped and after <= before
    assert summary.statements_deleted == len(dropped) + summary.statements_written
    assert_edges_match_statements(clean_db, db)


def test_edge_properties_met_with_symmetry_and_unasserted(
    clean_db: neo4j.Driver, settings: Settings
) -> None:
    db = settings.neo4j_database
    early, late = dt.date(2024, 11, 27), dt.date(2024, 12, 8)
    ex = extraction(
        "doc-m",
        [
            edge(RUSSIA, "met_with", IRAN, "doc-m", 0, 0.5, date=early),
            edge(IRAN, "met_with", RUSSIA, "doc-m", 40, 0.5, date=late),
            edge(IRAN, "opposes", HTS, "doc-m", 80, negated=True),
            edge(RUSSIA, "seized", ALEPPO, "doc-m", 120, hypothetical=True),
        ],
    )
    summary = load_extractions(clean_db, [ex], db)
    assert summary.statements_skipped == 2
    edges = edges_of(clean_db, db)
    assert set(edges) == {("iran", "MET_WITH", "russia")}  # once, lower id first
    met = edges[("iran", "MET_WITH", "russia")]
    assert met["evidence_count"] == 2 and met["doc_count"] == 1
    assert met["confidence"] == pytest.approx(0.75)
    assert (met["first_seen"].to_native(), met["last_seen"].to_native()) == (early, late)
    assert ids(clean_db, db, "Actor") == {"russia", "iran"}

    with_unasserted = load_extractions(clean_db, [ex], db, include_unasserted=True)
    assert with_unasserted.documents_written == 1  # a different load: not a no-op
    assert set(edges_of(clean_db, db)) == {("iran", "MET_WITH", "russia")}
    assert len(ids(clean_db, db, "Statement")) == 4
    assert ids(clean_db, db, "Actor") == {"russia", "iran", "hts", "aleppo"}


def test_kind_labels_aliases_and_affiliation(clean_db: neo4j.Driver, settings: Settings) -> None:
    db = settings.neo4j_database
    load_extractions(
        clean_db, [extraction("doc-l", [edge(LAVROV, "met_with", IRAN, "doc-l", 0)])], db
    )
    load_extractions(
        clean_db, [extraction("doc-r", [edge(RUSSIA, "supports", SYRIA, "doc-r", 0)])], db
    )
    records, _, _ = clean_db.execute_query(
        "MATCH (a:Actor) RETURN a.id AS id, labels(a) AS labels, a.aliases AS aliases",
        database_=db,
    )
    by_id = {r["id"]: r for r in records}
    assert set(by_id["sergei-lavrov"]["labels"]) == {"Actor", "Person"}
    assert set(by_id["russia"]["labels"]) == {"Actor", "Country"}
    assert by_id["russia"]["aliases"] == ["Moscow", "Kremlin"]
    linked, _, _ = clean_db.execute_query(
        "MATCH (:Person {id: 'sergei-lavrov'})-[:AFFILIATED_WITH]->(c:Actor) RETURN c.id AS id",
        database_=db,
    )
    assert [r["id"] for r in linked] == ["russia"]  # linked once Russia appeared


def test_delete_document(clean_db: neo4j.Driver, settings: Settings) -> None:
    db = settings.neo4j_database
    a = extraction(
        "doc-a",
        [edge(RUSSIA, "supports", SYRIA, "doc-a", 0), edge(HTS, "seized", ALEPPO, "doc-a", 50)],
    )
    b = extraction("doc-b", [edge(RUSSIA, "supports", SYRIA, "doc-b", 0)])
    load_extractions(clean_db, [a, b], db)

    summary = delete_document(clean_db, "doc-a", db)
    assert summary.statements_deleted == 2 and summary.edges_deleted == 1
    assert summary.actors_deleted == 2
    assert ids(clean_db, db, "Document") == {"doc-b"}
    edges = edges_of(clean_db, db)
    assert set(edges) == {("russia", "SUPPORTS", "syria-government")}
    assert edges[("russia", "SUPPORTS", "syria-government")]["evidence_count"] == 1

    with pytest.raises(NotFoundError, match="doc-a"):
        delete_document(clean_db, "doc-a", db)
    delete_document(clean_db, "doc-b", db)
    assert graph_stats(clean_db, db)["actors"] == 0


def test_failed_batch_leaves_nothing_half_written(
    clean_db: neo4j.Driver, settings: Settings, dump: Callable[[neo4j.Driver], Any]
) -> None:
    db = settings.neo4j_database
    load_extractions(
        clean_db, [extraction("doc-a", [edge(RUSSIA, "supports", SYRIA, "doc-a", 0)])], db
    )
    before = dump(clean_db)

    good = extraction("doc-b", [edge(IRAN, "supports", SYRIA, "doc-b", 0)])
    changed = extraction(
        "doc-a", [edge(RUSSIA, "opposes", HTS, "doc-a", 5)], text="text of doc-a, v2"
    )
    # A map is no valid property value: Neo4j fails on the statements, after the
    # documents and actors of the same transaction were already written. Rows of the
    # wrong type are a mistake of ours, so the Neo4j error stays what it is (no
    # InputError: the API answers 500, not 422).
    bad = extraction(
        "doc-c", [edge(HTS, "seized", ALEPPO, "doc-c", 0, speaker={"not": "a string"})]
    )
    with pytest.raises(Neo4jError):
        load_extractions(clean_db, [good, changed, bad], db)
    assert dump(clean_db) == before

    # Batches committed before the failing one stay.
    with pytest.raises(Neo4jError):
        load_extractions(clean_db, [good, changed, bad], db, batch_size=2)
    assert ids(clean_db, db, "Document") == {"doc-a", "doc-b"}
    assert ("russia", "OPPOSES", "hts") in edges_of(clean_db, db)
    assert "doc-c" not in ids(clean_db, db, "Document")


def test_edges_added_batch_by_batch_match_their_statements(
    clean_db: neo4j.Driver, settings: Settings, seed_extractions: list[Extraction]
) -> None:
    db = settings.neo4j_database
    more = [
        extraction(f"doc-{i}", [edge(RUSSIA, "supports", SYRIA, f"doc-{i}", 0, 0.3 + i / 10,
                                     date=dt.date(2024, 11, 20 + i))], day=i + 1)
        for i in range(5)
    ]  # fmt: skip
    summary = load_extractions(clean_db, [*seed_extractions, *more], db, batch_size=1)
    assert summary.edges_added_to > 0 and summary.edges_recomputed == 0
    assert_edges_match_statements(clean_db, db)
    supports = edges_of(clean_db, db)[("russia", "SUPPORTS", "syria-government")]
    assert supports["evidence_count"] == 5
    assert supports["first_seen"].to_native() == dt.date(2024, 11, 20)


def test_unasserted_statements_keep_their_actors(
    clean_db: neo4j.Driver, settings: Settings
) -> None:
    db = settings.neo4j_database
    v1 = extraction(
        "doc-a",
        [edge(HTS, "seized", ALEPPO, "doc-a", 0), edge(LAVROV, "met_with", IRAN, "doc-a", 40)],
    )
    hypothetical = extraction(
        "doc-b", [edge(LAVROV, "opposes", HTS, "doc-b", 0, hypothetical=True)]
    )
    load_extractions(clean_db, [v1, hypothetical], db, include_unasserted=True)
    assert len(ids(clean_db, db, "Unasserted")) == 1

    v2 = extraction("doc-a", [edge(RUSSIA, "supports", SYRIA, "doc-a", 0)], text="v2")
    summary = load_extractions(clean_db, [v2], db, include_unasserted=True)
    assert summary.actors_deleted == 2
    # Lavrov (subject) and HTS (object) of the hypothetical statement stay.
    assert ids(clean_db, db, "Actor") == {"russia", "syria-government", "sergei-lavrov", "hts"}

    delete_document(clean_db, "doc-b", db)
    assert ids(clean_db, db, "Actor") == {"russia", "syria-government"}


def test_a_writer_between_batches_does_not_break_the_next_batch(
    clean_db: neo4j.Driver, settings: Settings
) -> None:
    db = settings.neo4j_database
    first = extraction("doc-1", [edge(HTS, "seized", ALEPPO, "doc-1", 0)])
    second = extraction("doc-2", [edge(HTS, "seized", ALEPPO, "doc-2", 0)])
    third = extraction("doc-3", [edge(IRAN, "supports", SYRIA, "doc-3", 0)])
    fourth = extraction("doc-4", [edge(IRAN, "supports", SYRIA, "doc-4", 0)])
    calls: list[int] = []

    def between(_: int) -> None:
        calls.append(1)
        if len(calls) == 1:  # another loader orphans and deletes HTS and Aleppo
            load_extractions(
                clean_db, [extraction("doc-1", [edge(RUSSIA, "supports", SYRIA, "doc-1", 0)],
                                      text="v2")], db
            )  # fmt: skip
        if len(calls) == 3:  # a deletion that bypasses the loader and its lock
            clean_db.execute_query("MATCH (a:Actor {id: 'iran'}) DETACH DELETE a", database_=db)

    load_extractions(clean_db, [first, second, third, fourth], db, batch_size=1, progress=between)
    edges = edges_of(clean_db, db)
    assert edges[("hts", "SEIZED", "aleppo")]["evidence_count"] == 1
    assert edges[("iran", "SUPPORTS", "syria-government")]["evidence_count"] == 1  # doc-4's


def test_concurrent_loaders_give_the_graph_of_one(
    clean_db: neo4j.Driver, settings: Settings, seed_extractions: list[Extraction]
) -> None:
    db = settings.neo4j_database
    load_extractions(clean_db, seed_extractions, db, batch_size=1)
    expected = (graph_stats(clean_db, db), edges_of(clean_db, db))
    clean_db.execute_query("MATCH (n) DETACH DELETE n", database_=db)

    half = len(seed_extractions) // 2
    parts = [seed_extractions, seed_extractions[:half], seed_extractions[half:]]
    with ThreadPoolExecutor(max_workers=3) as pool:
        for future in [
            pool.submit(load_extractions, clean_db, part, db, batch_size=1) for part in parts
        ]:
            future.result()
    # `miss` is a product of floats: loaders interleaving their batches multiply in
    # another order, which moves its last bits (the rounded confidence does not move).
    def rounded(edges: dict) -> dict:
        return {k: {**p, "miss": float(f"{p['miss']:.12g}")} for k, p in edges.items()}

    got = (graph_stats(clean_db, db), rounded(edges_of(clean_db, db)))
    assert got == (expected[0], rounded(expected[1]))
