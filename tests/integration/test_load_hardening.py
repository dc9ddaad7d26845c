"""Loading under awkward conditions: confidence whatever the batching, errors in
their place (bad input, database trouble, our own bug), files owner-only."""

from __future__ import annotations

import stat
from pathlib import Path

import neo4j
import pytest
from neo4j.exceptions import CypherSyntaxError, Neo4jError

from graph_builder import neo4j_server
from graph_builder.db import neo4j_problem
from graph_builder.errors import DatabaseUnavailableError, InputError
from graph_builder.loader import load_extractions
from graph_builder.models import Actor, Document, Edge, Evidence, Extraction
from graph_builder.settings import Settings

pytestmark = pytest.mark.integration

A = Actor("test-north", "North", "country")
B = Actor("test-south", "South", "country")


def _doc(name: str, confidences: list[float]) -> Extraction:
    text = " ".join(f"North backs South, report {i}." for i in range(len(confidences)))
    doc = Document(id=name, text=text, title=name)
    edges = [
        Edge(
            A,
            "supports",
            B,
            Evidence(name, f"North backs South, report {i}.", i * 30, i * 30 + 28),
            confidence=c,
        )
        for i, c in enumerate(confidences)
    ]
    return Extraction(doc, edges)


def _edge(driver: neo4j.Driver, database: str) -> dict:
    records, _, _ = driver.execute_query(
        "MATCH (:Actor {id: 'test-north'})-[r:SUPPORTS]->(:Actor {id: 'test-south'}) "
        "RETURN properties(r) AS props",
        database_=database,
    )
    return records[0]["props"]


# Whose noisy-or lies just under 1 - 5e-7 after the first document (0.9999994) and
# just over it once the second is added (0.99999952): rounding the stored value
# between batches gave 0.999999, one batch 1.0.
CORPUS = [_doc("conf-a", [0.9994, 0.999]), _doc("conf-b", [0.2])]


def test_confidence_does_not_depend_on_batching(clean_db, settings: Settings) -> None:
    db = settings.neo4j_database
    load_extractions(clean_db, CORPUS, database=db, batch_size=100)
    together = _edge(clean_db, db)
    clean_db.execute_query("MATCH (n) DETACH DELETE n", database_=db)
    load_extractions(clean_db, CORPUS, database=db, batch_size=1)
    apart = _edge(clean_db, db)
    assert together["confidence"] == apart["confidence"] == 1.0
    assert together["evidence_count"] == apart["evidence_count"] == 3
    # Replacing one document sets the edge anew from its statements: the same value.
    changed = _doc("conf-b", [0.2])
    changed = Extraction(Document("conf-b", changed.document.text + " ", "conf-b"), changed.edges)
    load_extractions(clean_db, [changed], database=db)
    assert _edge(clean_db, db)["confidence"] == 1.0


def test_neo4j_errors_are_told_apart(clean_db, settings: Settings) -> None:
    """Real errors from the real server: a value too long to index is bad input, a
    syntax error in a query is our own bug (no project error), a failing database is
    'unavailable'."""
    db = settings.neo4j_database
    with pytest.raises(Neo4jError) as too_long:
        clean_db.execute_query("MERGE (a:Actor {id: $id})", id="x" * 40_000, database_=db)
    assert isinstance(neo4j_problem(too_long.value, "the batch"), InputError)
    with pytest.raises(CypherSyntaxError) as syntax:
        clean_db.execute_query("MATCH (a:Actor) RETURN a +", database_=db)
    assert neo4j_problem(syntax.value, "the batch") is None
    unavailable = Neo4jError._hydrate_neo4j(
        code="Neo.TransientError.General.DatabaseUnavailable", message="database unavailable"
    )
    assert isinstance(neo4j_problem(unavailable, "the batch"), DatabaseUnavailableError)


def test_a_too_long_value_is_bad_input_and_nothing_is_lost(clean_db, settings: Settings) -> None:
    db = settings.neo4j_database
    load_extractions(clean_db, [_doc("kept", [0.5])], database=db)
    huge = Actor("x" * 40_000, "Huge", "country")
    doc = Document("huge", "Huge backs South.", "huge")
    bad = Extraction(doc, [Edge(huge, "supports", B, Evidence("huge", "Huge backs South.", 0, 17))])
    with pytest.raises(InputError, match="too long"):
        load_extractions(clean_db, [bad], database=db)
    records, _, _ = clean_db.execute_query("MATCH (d:Document) RETURN d.id AS id", database_=db)
    assert [r["id"] for r in records] == ["kept"]


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_database_files_and_secrets_are_owner_only(driver, settings: Settings) -> None:
    paths = neo4j_server.server_paths(settings)
    assert paths.data.is_dir(), "the suite runs its own Neo4j"
    assert _mode(paths.data) == 0o700
    assert _mode(paths.home) == 0o700
    assert _mode(paths.auth_file) == 0o600
    assert _mode(settings.password_file) == 0o600
    assert _mode(Path(settings.graph_builder_home)) == 0o700
