"""Loading extractions into Neo4j: documents, statements, actors, aggregated edges.

One write transaction per batch of documents; a lock node serialises writers, so
batches commit one after another whatever process sends them. In each batch:

* a document whose checksum is unchanged is skipped;
* the statements of a new document are added to their aggregated edges
  (counts, dates and confidence combine with the stored values);
* a changed document has its statements replaced, and every edge its old or new
  statements touch is recomputed from its statements, or deleted when none is
  left; actors left with nothing are deleted.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, fields
from typing import Any

import neo4j
from neo4j.exceptions import Neo4jError, ServiceUnavailable, SessionExpired

from graph_builder.cypher import query, statements
from graph_builder.errors import (
    DatabaseUnavailableError,
    GraphBuilderError,
    InputError,
    NotFoundError,
)
from graph_builder.load_rows import DocumentRows, EdgeKey, document_rows, edge_deltas
from graph_builder.models import RELATIONS, Extraction

DEFAULT_BATCH_SIZE = 500  # documents per transaction
DEFAULT_MAX_ROWS = 20_000  # statements per transaction (a batch closes at either limit)

Progress = Callable[[int], None]


@dataclass(slots=True)
class LoadSummary:
    """What one `load_extractions` call did."""

    documents: int = 0  # documents seen
    documents_written: int = 0  # new or changed, (re)written
    documents_unchanged: int = 0  # same checksum, skipped
    statements_written: int = 0
    statements_deleted: int = 0
    statements_skipped: int = 0  # negated/hypothetical, not loaded
    edges_added_to: int = 0  # aggregated edges created or extended by new documents
    edges_recomputed: int = 0  # aggregated edges set anew from their statements
    edges_deleted: int = 0  # aggregated edges left without statements
    actors_deleted: int = 0

    def add(self, other: LoadSummary) -> None:
        """Add another summary's counts to this one."""
        for f in fields(self):
            setattr(self, f.name, getattr(self, f.name) + getattr(other, f.name))

    def as_dict(self) -> dict[str, int]:
        return {f.name: getattr(self, f.name) for f in fields(self)}


@dataclass(slots=True)
class KnownActors:
    """Actor rows one load has stored, so later batches need not send them again.

    Valid only while no other writer commits in between: `seq` is the lock node's
    sequence number after this load's last write; any other value means another
    writer came between, and the rows are forgotten.
    """

    seq: int | None = None
    rows: dict[str, dict[str, Any]] = field(default_factory=dict)

    def check(self, seq: int | None) -> None:
        if seq is None or seq != self.seq:
            self.rows.clear()

    def unknown(self, rows: dict[str, dict[str, Any]]) -> list[dict[str, Any]]:
        """The rows not stored with exactly these properties by this load."""
        return [row for key, row in rows.items() if self.rows.get(key) != row]


# --- schema ------------------------------------------------------------------------


def ensure_schema(driver: neo4j.Driver, database: str) -> None:
    """Create the constraints and indexes of `cypher/schema.cypher` (idempotent)."""
    with driver.session(database=database) as session:
        for statement in statements("schema"):
            session.run(statement).consume()
        session.run("CALL db.awaitIndexes(300)").consume()


# --- loading -----------------------------------------------------------------------


def load_extractions(
    driver: neo4j.Driver,
    extractions: Iterable[Extraction],
    database: str,
    include_unasserted: bool = False,
    batch_size: int = DEFAULT_BATCH_SIZE,
    max_rows: int = DEFAULT_MAX_ROWS,
    progress: Progress | None = None,
) -> LoadSummary:
    """Load extractions, one write transaction per batch of whole documents.

    `progress`, if given, is called with the number of documents of each batch
    once that batch is committed.
    """
    if batch_size < 1 or max_rows < 1:
        raise InputError("batch_size and max_rows must be positive")
    summary = LoadSummary()
    known = KnownActors()

    for batch in _batches(extractions, include_unasserted, batch_size, max_rows):
        summary.add(_write(driver, database, batch, known))
        if progress:
            progress(len(batch))
    return summary


def _batches(
    extractions: Iterable[Extraction], include_unasserted: bool, batch_size: int, max_rows: int
) -> Iterator[list[DocumentRows]]:
    batch: dict[str, DocumentRows] = {}
    rows = 0
    for extraction in extractions:
        doc = document_rows(extraction, include_unasserted)
        if doc.doc_id in batch:  # the same document twice in one batch: the last one wins
            rows -= len(batch.pop(doc.doc_id).statements)
        batch[doc.doc_id] = doc
        rows += len(doc.statements)
        if len(batch) >= batch_size or rows >= max_rows:
            yield list(batch.values())
            batch, rows = {}, 0
    if batch:
        yield list(batch.values())


class _StaleActors(Exception):
    """An actor this load had stored is gone: retry the batch without the cache."""


def _write(
    driver: neo4j.Driver, database: str, batch: list[DocumentRows], known: KnownActors
) -> LoadSummary:
    """Write one batch in one transaction (retried by the driver on transient errors)."""
    first = batch[0].doc_id
    try:
        with driver.session(database=database) as session:
            try:
                summary, seq, written = session.execute_write(_write_batch, batch, known)
            except _StaleActors:
                known.check(None)
                summary, seq, written = session.execute_write(_write_batch, batch, known)
    except (ServiceUnavailable, SessionExpired) as exc:
        raise DatabaseUnavailableError(
            f"lost the connection to Neo4j while loading ({exc}); the batch starting "
            f"with document {first!r} was rolled back, earlier ones are stored"
        ) from None
    except Neo4jError as exc:
        raise InputError(
            f"Neo4j rejected the batch starting with document {first!r} "
            f"({exc.code}: {exc.message}); it was rolled back, earlier ones are stored"
        ) from None
    except _StaleActors:
        raise GraphBuilderError(
            f"the batch starting with document {first!r} names actors that could not "
            "be stored; it was rolled back, earlier ones are stored"
        ) from None
    known.seq = seq
    known.rows.update(written)
    return summary


def _write_batch(
    tx: neo4j.ManagedTransaction, batch: list[DocumentRows], known: KnownActors
) -> tuple[LoadSummary, int, dict[str, dict[str, Any]]]:
    """Returns the summary, the lock's sequence number, and the actor rows now stored."""
    seq = _lock(tx)
    known.check(seq)
    summary = LoadSummary(documents=len(batch))
    stored = {
        r["id"]: r["checksum"]
        for r in tx.run(query("load/document_checksums"), ids=[d.doc_id for d in batch])
    }
    changed = [d for d in batch if stored.get(d.doc_id) != d.document["checksum"]]
    summary.documents_unchanged = len(batch) - len(changed)
    if not changed:
        return summary, seq, {}
    seq = tx.run(query("load/bump_lock")).single(strict=True)["seq"]
    summary.documents_written = len(changed)
    summary.statements_skipped = sum(d.skipped for d in changed)

    # Edges touched by a replaced document are recomputed; the rest get increments.
    replaced = [d.doc_id for d in changed if d.doc_id in stored]
    recompute: set[EdgeKey] = set()
    if replaced:
        recompute, summary.statements_deleted = _remove_statements(tx, replaced)
        recompute |= {k for d in changed if d.doc_id in stored for k in d.keys}

    actors: dict[str, dict[str, Any]] = {}
    for d in changed:
        actors.update(d.actors)
    tx.run(query("load/write_documents"), docs=[d.document for d in changed]).consume()
    summary.statements_written = sum(len(d.statements) for d in changed)
    written: list[str] = []
    new_rows = known.unknown(actors)
    if new_rows:
        record = tx.run(query("load/merge_actors"), rows=new_rows).single()
        written = record["written"] if record else []

    deltas = edge_deltas(changed, skip=recompute)
    if deltas:
        updated = tx.run(query("load/add_evidence"), rows=deltas).single(strict=True)["updated"]
        if updated != len(deltas):
            raise _StaleActors
        summary.edges_added_to = updated
    # Only actors that lost statements can be orphans; only written ones change links.
    losing = {a for k in recompute for a in (k.source, k.target)} - set(actors)
    deleted = _finish(tx, recompute, losing, written, summary)
    return summary, seq, {k: v for k, v in actors.items() if k not in deleted}


def _lock(tx: neo4j.ManagedTransaction) -> int:
    """Take the writers' lock; return its sequence number."""
    return tx.run(query("load/lock")).single(strict=True)["seq"]


def _remove_statements(
    tx: neo4j.ManagedTransaction, doc_ids: list[str]
) -> tuple[set[EdgeKey], int]:
    """Delete the documents' statements; return the edges they counted toward."""
    keys = {
        EdgeKey.parse(r["edge_key"]) for r in tx.run(query("load/old_statements"), doc_ids=doc_ids)
    }
    record = tx.run(query("load/delete_statements"), doc_ids=doc_ids).single()
    return {k for k in keys if k.type.lower() in RELATIONS}, record["deleted"] if record else 0


def _finish(
    tx: neo4j.ManagedTransaction,
    keys: set[EdgeKey],
    orphan_candidates: set[str],
    written_actors: list[str],
    summary: LoadSummary,
) -> set[str]:
    """Recompute edges, drop orphaned actors (returned), refresh affiliation links."""
    deleted: set[str] = set()
    if keys:
        record = tx.run(
            query("load/recompute_edges"), keys=[k.as_row() for k in sorted(keys, key=_order)]
        ).single()
        if record:
            summary.edges_recomputed = record["with_statements"]
            summary.edges_deleted = record["without_statements"]
    if orphan_candidates:
        record = tx.run(query("load/delete_orphan_actors"), ids=sorted(orphan_candidates)).single()
        deleted = set(record["ids"]) if record else set()
        summary.actors_deleted = len(deleted)
    if written_actors:
        tx.run(query("load/link_affiliations"), ids=sorted(written_actors)).consume()
    return deleted


def _order(key: EdgeKey) -> tuple[str, str, str]:
    return (key.source, key.type, key.target)


def delete_document(driver: neo4j.Driver, doc_id: str, database: str) -> LoadSummary:
    """Remove a document, its statements, and any edge or actor left without evidence."""

    def work(tx: neo4j.ManagedTransaction) -> LoadSummary:
        _lock(tx)
        found = list(tx.run(query("load/document_checksums"), ids=[doc_id]))
        if not found:
            raise NotFoundError(f"document {doc_id!r} not found")
        tx.run(query("load/bump_lock")).consume()
        summary = LoadSummary(documents=1)
        keys, summary.statements_deleted = _remove_statements(tx, [doc_id])
        tx.run(query("load/delete_documents"), doc_ids=[doc_id]).consume()
        _finish(tx, keys, {a for k in keys for a in (k.source, k.target)}, [], summary)
        return summary

    with driver.session(database=database) as session:
        return session.execute_write(work)


def graph_stats(driver: neo4j.Driver, database: str) -> dict[str, Any]:
    """Counts: documents, statements, actors, edges (total) and edges per relation."""
    records, _, _ = driver.execute_query(query("load/stats"), database_=database)
    r = records[0]
    per_relation = {rel: r[rel] for rel in RELATIONS}
    return {
        "documents": r["documents"],
        "statements": r["statements"],
        "actors": r["actors"],
        "edges": sum(per_relation.values()),
        "edges_by_relation": per_relation,
    }


def wipe_database(driver: neo4j.Driver, database: str) -> None:
    """Delete all nodes and relationships (constraints and indexes stay)."""
    with driver.session(database=database) as session:
        for statement in statements("admin/wipe"):
            session.run(statement).consume()
