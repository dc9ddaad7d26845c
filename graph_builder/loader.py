"""Loading extractions into Neo4j: documents, statements, actors, aggregated edges.

One write transaction per batch of documents; a lock node serialises writers, so
batches commit one after another whatever process sends them. In each batch:

* a document whose checksum is unchanged is skipped;
* the statements of a new document are added to their aggregated edges
  (counts, dates and confidence combine with the stored values);
* a changed document keeps its unchanged statements and has the others deleted
  or added; every edge such a statement counts toward is set anew (what its other
  documents' statements add up to, plus the new ones), or deleted when nothing is
  left; actors left with nothing are deleted.
"""

from __future__ import annotations

import datetime as dt
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
from graph_builder.load_plan import (
    StatementChanges,
    Totals,
    exact_edges,
    increment_rows,
    statement_changes,
    totals_by_edge,
)
from graph_builder.load_rows import DocumentRows, EdgeKey, document_rows
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

    def check(self, seq: int) -> None:
        """Forget the rows if another writer committed since this load's last batch."""
        if seq != self.seq:
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
                known.rows.clear()
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

    # Reads first, and edges before statements: index lookups after writes (deletions
    # above all) in the same transaction are many times slower.
    new = [d for d in changed if d.doc_id not in stored]
    replaced = [d for d in changed if d.doc_id in stored]
    changes, remaining = _read_changes(tx, replaced)
    for d in new:
        changes.added[d.doc_id] = d.statements

    actors: dict[str, dict[str, Any]] = {}
    for d in changed:
        actors.update(d.actors)
    written: list[str] = []
    if new_rows := known.unknown(actors):
        written = tx.run(query("load/merge_actors"), rows=new_rows).single(strict=True)["written"]

    # New documents extend their edges; edges a replaced document touches are set anew.
    increments = increment_rows(
        totals_by_edge(
            (d.doc_id, k, row) for d in new for k, row in d.asserted if k not in changes.touched
        )
    )
    if increments:
        updated = tx.run(query("load/add_evidence"), rows=increments).single(strict=True)
        if updated["updated"] != len(increments):
            raise _StaleActors
        summary.edges_added_to = len(increments)
    added = totals_by_edge(
        (d.doc_id, k, row) for d in changed for k, row in d.asserted if k in changes.touched
    )
    _set_edges(tx, remaining, added, summary)
    summary.statements_deleted = _delete_statements(tx, changes.removed)
    docs = [{**d.document, "statements": changes.added[d.doc_id]} for d in changed]
    tx.run(query("load/write_documents"), docs=docs).consume()
    summary.statements_written = changes.added_count
    deleted = _delete_orphans(tx, changes.actors - set(actors), summary)
    if written:
        tx.run(query("load/link_affiliations"), ids=sorted(written)).consume()
    return summary, seq, {k: v for k, v in actors.items() if k not in deleted}


def _lock(tx: neo4j.ManagedTransaction) -> int:
    """Take the writers' lock; return its sequence number."""
    return tx.run(query("load/lock")).single(strict=True)["seq"]


def _read_changes(
    tx: neo4j.ManagedTransaction, replaced: list[DocumentRows]
) -> tuple[StatementChanges, dict[EdgeKey, Totals]]:
    """How the replaced documents' statements change, and what the edges they touch
    keep from other documents."""
    if not replaced:
        return StatementChanges(), {}
    doc_ids = [d.doc_id for d in replaced]
    stored = [r["props"] for r in tx.run(query("load/old_statements"), doc_ids=doc_ids)]
    changes = statement_changes(stored, replaced)
    return changes, _remaining(tx, changes.touched, doc_ids)


def _remaining(
    tx: neo4j.ManagedTransaction, keys: set[EdgeKey], doc_ids: list[str]
) -> dict[EdgeKey, Totals]:
    """What each edge's asserted statements outside `doc_ids` add up to."""
    if not keys:
        return {}
    result = tx.run(
        query("load/remaining_evidence"), keys=sorted(k.key for k in keys), doc_ids=doc_ids
    )
    return {
        EdgeKey.parse(r["key"]): Totals(
            r["n"], r["docs"], _date(r["first"]), _date(r["last"]), r["miss"]
        )
        for r in result
    }


def _date(value: Any) -> dt.date | None:
    return value.to_native() if value is not None else None


def _delete_statements(tx: neo4j.ManagedTransaction, ids: list[str]) -> int:
    if not ids:
        return 0
    return tx.run(query("load/delete_statements"), ids=ids).single(strict=True)["deleted"]


def _set_edges(
    tx: neo4j.ManagedTransaction,
    remaining: dict[EdgeKey, Totals],
    added: dict[EdgeKey, Totals],
    summary: LoadSummary,
) -> None:
    """Set the edges a replaced or deleted document touched; delete those left empty."""
    keep, drop = exact_edges(remaining, added)
    if keep:
        updated = tx.run(query("load/set_edges"), rows=keep).single(strict=True)["updated"]
        if updated != len(keep):
            raise _StaleActors
        summary.edges_recomputed = len(keep)
    if drop:
        record = tx.run(query("load/delete_edges"), rows=drop).single(strict=True)
        summary.edges_deleted = record["deleted"]


def _delete_orphans(
    tx: neo4j.ManagedTransaction, candidates: set[str], summary: LoadSummary
) -> set[str]:
    """Delete those of the candidates nothing refers to any more; return their ids."""
    if not candidates:
        return set()
    record = tx.run(query("load/delete_orphan_actors"), ids=sorted(candidates)).single()
    deleted = set(record["ids"]) if record else set()
    summary.actors_deleted = len(deleted)
    return deleted


def delete_document(driver: neo4j.Driver, doc_id: str, database: str) -> LoadSummary:
    """Remove a document, its statements, and any edge or actor left without evidence."""

    def work(tx: neo4j.ManagedTransaction) -> LoadSummary:
        _lock(tx)
        found = list(tx.run(query("load/document_checksums"), ids=[doc_id]))
        if not found:
            raise NotFoundError(f"document {doc_id!r} not found")
        tx.run(query("load/bump_lock")).consume()
        summary = LoadSummary(documents=1)
        stored = [r["props"] for r in tx.run(query("load/old_statements"), doc_ids=[doc_id])]
        changes = statement_changes(stored, [])
        remaining = _remaining(tx, changes.touched, [doc_id])
        summary.statements_deleted = _delete_statements(tx, changes.removed)
        tx.run(query("load/delete_documents"), doc_ids=[doc_id]).consume()
        _set_edges(tx, remaining, {}, summary)
        _delete_orphans(tx, changes.actors, summary)
        return summary

    with driver.session(database=database) as session:
        return session.execute_write(work)


def graph_stats(driver: neo4j.Driver, database: str) -> dict[str, Any]:
    """Counts: documents, statements, actors, edges (total) and edges per relation."""
    records, _, _ = driver.execute_query(
        query("load/stats"), database_=database, routing_=neo4j.RoutingControl.READ
    )
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
