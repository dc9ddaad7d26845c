"""Loading extractions into Neo4j: documents, statements, actors, aggregated edges.

One write transaction per batch of documents; a lock node serialises writers, so
batches commit one after another whatever process sends them. Each transaction
reads everything it needs first (`load_read`), works out its writes without the
database (`load_plan`), then writes them in a fixed order (`load_apply`); the
module docstring of `load_plan` says what a batch changes.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator

import neo4j
from neo4j.exceptions import Neo4jError, ServiceUnavailable, SessionExpired

from graph_builder.cypher import query
from graph_builder.db import neo4j_problem
from graph_builder.decisions import hook as decisions_hook
from graph_builder.edge_totals import exact_edges
from graph_builder.errors import (
    DatabaseUnavailableError,
    GraphBuilderError,
    InputError,
    NotFoundError,
)
from graph_builder.load_apply import (
    StaleActors,
    apply_plan,
    delete_orphans,
    delete_statements,
    write_edges,
)
from graph_builder.load_plan import (
    ActorRows,
    KnownActors,
    LoadSummary,
    plan_batch,
    statement_changes,
)
from graph_builder.load_read import (
    read_batch,
    remaining_totals,
    stored_checksums,
    stored_statements,
    take_lock,
)
from graph_builder.load_rows import DocumentRows, document_rows
from graph_builder.models import Extraction

DEFAULT_BATCH_SIZE = 500  # documents per transaction
DEFAULT_MAX_ROWS = 20_000  # statements per transaction (a batch closes at either limit)

Progress = Callable[[int], None]

__all__ = ["LoadSummary", "delete_document", "load_extractions"]


def load_extractions(
    driver: neo4j.Driver,
    extractions: Iterable[Extraction],
    database: str,
    include_unasserted: bool = False,
    batch_size: int = DEFAULT_BATCH_SIZE,
    max_rows: int = DEFAULT_MAX_ROWS,
    progress: Progress | None = None,
    near_duplicates: bool = True,
) -> LoadSummary:
    """Load extractions, one write transaction per batch of whole documents.

    `progress`, if given, is called with the number of documents of each batch
    once that batch is committed. Without `near_duplicates`, every outlet counts as a
    source of its own even when it republishes another's text.
    """
    if batch_size < 1 or max_rows < 1:
        raise InputError("batch_size and max_rows must be positive")
    summary = LoadSummary()
    known = KnownActors(near_duplicates=near_duplicates)

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
            earlier = batch.pop(doc.doc_id)
            rows -= len(earlier.statements)
            paths = earlier.document["paths"]
            doc.document["paths"] = paths + [p for p in doc.document["paths"] if p not in paths]
        batch[doc.doc_id] = doc
        rows += len(doc.statements)
        if len(batch) >= batch_size or rows >= max_rows:
            yield list(batch.values())
            batch, rows = {}, 0
    if batch:
        yield list(batch.values())


def _write(
    driver: neo4j.Driver, database: str, batch: list[DocumentRows], known: KnownActors
) -> LoadSummary:
    """Write one batch in one transaction (retried by the driver on transient errors)."""
    first = batch[0].doc_id
    try:
        with driver.session(database=database) as session:
            try:
                summary, seq, written = session.execute_write(_write_batch, batch, known)
            except StaleActors:
                known.rows.clear()
                summary, seq, written = session.execute_write(_write_batch, batch, known)
    except (ServiceUnavailable, SessionExpired) as exc:
        raise DatabaseUnavailableError(
            f"lost the connection to Neo4j while loading ({exc}); the batch starting "
            f"with document {first!r} was rolled back, earlier ones are stored"
        ) from None
    except Neo4jError as exc:
        # Bad input is an InputError, the database failing a DatabaseUnavailableError;
        # any other Neo4j error is a mistake in our own Cypher and stays what it is.
        problem = neo4j_problem(exc, f"the batch starting with document {first!r}")
        if problem is None:
            raise
        raise type(problem)(f"{problem}; it was rolled back, earlier ones are stored") from None
    except StaleActors:
        raise GraphBuilderError(
            f"the batch starting with document {first!r} names actors that could not "
            "be stored; it was rolled back, earlier ones are stored"
        ) from None
    known.seq = seq
    known.rows.update(written)
    return summary


def _write_batch(
    tx: neo4j.ManagedTransaction, batch: list[DocumentRows], known: KnownActors
) -> tuple[LoadSummary, int, ActorRows]:
    """Read, plan, apply, then the decisions. Returns the summary, the lock's sequence
    number, and the actor rows now stored."""
    seq = take_lock(tx)
    known.check(seq)
    reads = read_batch(tx, batch, known.near_duplicates)
    plan = plan_batch(batch, reads, known)
    summary, seq, deleted = apply_plan(tx, plan, seq)
    if plan.documents:
        # --- Analyst decisions enter loading here, and only here (graph_builder/decisions):
        # the batch's statements and actors are set as the decisions in force say.
        deleted |= decisions_hook.after_batch(tx, plan.doc_ids, plan.actors)
    return summary, seq, {k: v for k, v in plan.actors.items() if k not in deleted}


def delete_document(driver: neo4j.Driver, doc_id: str, database: str) -> LoadSummary:
    """Remove a document, its statements, and any edge or actor left without evidence."""

    def work(tx: neo4j.ManagedTransaction) -> LoadSummary:
        take_lock(tx)
        if not stored_checksums(tx, [doc_id]):
            raise NotFoundError(f"document {doc_id!r} not found")
        tx.run(query("load/bump_lock")).consume()
        changes = statement_changes(stored_statements(tx, [doc_id]), [])
        remaining = remaining_totals(tx, changes.touched, [doc_id])
        summary = LoadSummary(documents=1)
        summary.statements_deleted = delete_statements(tx, changes.removed)
        tx.run(query("load/delete_documents"), doc_ids=[doc_id]).consume()
        keep, drop = exact_edges(remaining, {})
        summary.edges_recomputed, summary.edges_deleted = write_edges(tx, keep, drop)
        if summary.edges_recomputed != len(keep):
            raise StaleActors
        summary.actors_deleted = len(delete_orphans(tx, changes.actors))
        return summary

    with driver.session(database=database) as session:
        return session.execute_write(work)
