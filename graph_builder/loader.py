"""Loading extractions into Neo4j: documents, statements, actors, aggregated edges.

One write transaction per batch of documents; a lock node serialises writers, so
batches commit one after another whatever process sends them. In each batch:

* a document whose checksum is unchanged is skipped (the paths it was read from are
  added to those it lists);
* each new or changed document gets a source key, its outlet (`source`, else its
  URL's host) or, without one, its own id; a near-duplicate of a stored document
  (wire copy, `graph_builder.near_duplicates`) takes that document's key instead, so
  `source_count` counts it once;
* a document stored under the old identity (the file name as id) that a document
  of the batch replaces is deleted with its statements (migration);
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
from graph_builder.db import neo4j_problem
from graph_builder.decisions import hook as decisions_hook
from graph_builder.errors import (
    DatabaseUnavailableError,
    GraphBuilderError,
    InputError,
    NotFoundError,
)
from graph_builder.load_plan import (
    CONFIDENCE_DIGITS,
    StatementChanges,
    Totals,
    exact_edges,
    increment_rows,
    source_pairs,
    statement_changes,
    totals_by_edge,
)
from graph_builder.load_rows import DocumentRows, EdgeKey, document_rows
from graph_builder.models import RELATIONS, Extraction
from graph_builder.near_duplicates import THRESHOLD, similarity

DEFAULT_BATCH_SIZE = 500  # documents per transaction
DEFAULT_MAX_ROWS = 20_000  # statements per transaction (a batch closes at either limit)

Progress = Callable[[int], None]


@dataclass(slots=True)
class LoadSummary:
    """What one `load_extractions` call did."""

    documents: int = 0  # documents seen
    documents_written: int = 0  # new or changed, (re)written
    documents_unchanged: int = 0  # same checksum, skipped
    documents_migrated: int = 0  # stored under the old identity, replaced
    near_duplicates: int = 0  # new or changed documents found to copy a stored one
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
    near_duplicates: bool = True  # the corroboration rule of this load

    def check(self, seq: int) -> None:
        """Forget the rows if another writer committed since this load's last batch."""
        if seq != self.seq:
            self.rows.clear()

    def unknown(self, rows: dict[str, dict[str, Any]]) -> list[dict[str, Any]]:
        """The rows not stored with exactly these properties by this load."""
        return [row for key, row in rows.items() if self.rows.get(key) != row]


# --- schema ------------------------------------------------------------------------


def ensure_schema(driver: neo4j.Driver, database: str) -> None:
    """Create the constraints and indexes of `cypher/schema.cypher` (idempotent), and
    migrate a graph written by an older version (`graph_builder.migrate`)."""
    from graph_builder.migrate import migrate_graph

    with driver.session(database=database) as session:
        for statement in statements("schema"):
            session.run(statement).consume()
        session.run("CALL db.awaitIndexes(300)").consume()
    migrate_graph(driver, database)


# --- loading -----------------------------------------------------------------------


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
        # Bad input is an InputError, the database failing a DatabaseUnavailableError;
        # any other Neo4j error is a mistake in our own Cypher and stays what it is.
        problem = neo4j_problem(exc, f"the batch starting with document {first!r}")
        if problem is None:
            raise
        raise type(problem)(f"{problem}; it was rolled back, earlier ones are stored") from None
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
    unchanged = [
        {"id": d.doc_id, "paths": d.document["paths"]}
        for d in batch
        if stored.get(d.doc_id) == d.document["checksum"] and d.document["paths"]
    ]
    if unchanged:
        tx.run(query("load/add_paths"), docs=unchanged).consume()
    if not changed:
        return summary, seq, {}
    seq = tx.run(query("load/bump_lock")).single(strict=True)["seq"]
    summary.documents_written = len(changed)
    summary.statements_skipped = sum(d.skipped for d in changed)

    # Reads first, and edges before statements: index lookups after writes (deletions
    # above all) in the same transaction are many times slower.
    new = [d for d in changed if d.doc_id not in stored]
    replaced = [d for d in changed if d.doc_id in stored]
    summary.near_duplicates = _assign_sources(tx, changed, known.near_duplicates)
    legacy = _legacy_documents(tx, changed)
    summary.documents_migrated = len(legacy)
    changes, remaining = _read_changes(tx, replaced, legacy)
    for d in new:
        changes.added[d.doc_id] = d.statements

    actors: dict[str, dict[str, Any]] = {}
    for d in changed:
        actors.update(d.actors)
    written: list[str] = []
    if new_rows := known.unknown(actors):
        written = tx.run(query("load/merge_actors"), rows=new_rows).single(strict=True)["written"]

    # New documents extend their edges; edges a replaced document touches are set anew.
    new_totals = totals_by_edge(
        (d.doc_id, k, row) for d in new for k, row in d.asserted if k not in changes.touched
    )
    increments = increment_rows(new_totals, _known_sources(tx, new_totals))
    if increments:
        updated = tx.run(
            query("load/add_evidence"), rows=increments, digits=CONFIDENCE_DIGITS
        ).single(strict=True)
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
    if legacy:
        tx.run(query("load/delete_documents"), doc_ids=legacy).consume()
    summary.statements_written = changes.added_count
    deleted = _delete_orphans(tx, changes.actors - set(actors), summary)
    if written:
        tx.run(query("load/link_affiliations"), ids=sorted(written)).consume()
    # --- Analyst decisions enter loading here, and only here (graph_builder/decisions):
    # the batch's statements and actors are set as the decisions in force say.
    deleted |= decisions_hook.after_batch(tx, [d.doc_id for d in changed], actors)
    return summary, seq, {k: v for k, v in actors.items() if k not in deleted}


def _lock(tx: neo4j.ManagedTransaction) -> int:
    """Take the writers' lock; return its sequence number."""
    return tx.run(query("load/lock")).single(strict=True)["seq"]


@dataclass(frozen=True, slots=True)
class _Candidate:
    id: str
    minhash: list[int]
    story: str
    source_key: str


def _assign_sources(
    tx: neo4j.ManagedTransaction, docs: list[DocumentRows], near_duplicates: bool
) -> int:
    """Give each document (and its statements) its story and source key; return how many
    are near-duplicates of a stored or earlier document."""
    by_band: dict[str, dict[str, _Candidate]] = {}
    if near_duplicates:
        bands = sorted({b for d in docs for b in d.document["bands"]})
        for r in tx.run(query("load/near_duplicates"), bands=bands) if bands else ():
            if r["minhash"] and r["story"] and r["source_key"]:
                by_band.setdefault(r["band"], {})[r["id"]] = _Candidate(
                    r["id"], list(r["minhash"]), r["story"], r["source_key"]
                )
    found = 0
    for d in docs:
        row = d.document
        best: tuple[float, str, _Candidate] | None = None  # (-similarity, id, candidate)
        if near_duplicates and row["minhash"]:
            for band in row["bands"]:
                for cand in by_band.get(band, {}).values():
                    sim = similarity(row["minhash"], cand.minhash)
                    # The most similar; among equals, the smallest id (stable).
                    if cand.id != d.doc_id and sim >= THRESHOLD and (
                        best is None or (-sim, cand.id) < best[:2]
                    ):
                        best = (-sim, cand.id, cand)
        if best is not None:
            row["story"], row["source_key"] = best[2].story, best[2].source_key
            found += 1
        else:
            row["story"] = d.doc_id
            row["source_key"] = f"outlet:{row['source']}" if row["source"] else f"doc:{d.doc_id}"
        for statement in d.statements:
            statement["source_key"] = row["source_key"]
        if near_duplicates and row["minhash"]:
            me = _Candidate(d.doc_id, row["minhash"], row["story"], row["source_key"])
            for band in row["bands"]:
                by_band.setdefault(band, {})[d.doc_id] = me
    return found


def _legacy_documents(tx: neo4j.ManagedTransaction, docs: list[DocumentRows]) -> list[str]:
    """Ids of documents stored under the old identity that `docs` replace."""
    old = sorted({d.document["legacy_id"] for d in docs if d.document["legacy_id"]})
    if not old:
        return []
    return [r["id"] for r in tx.run(query("load/legacy_documents"), ids=old)]


def _known_sources(
    tx: neo4j.ManagedTransaction, totals: dict[EdgeKey, Totals]
) -> set[tuple[str, str]]:
    """The (edge key, source key) pairs of `totals` that stored statements have."""
    pairs = source_pairs(totals)
    if not pairs:
        return set()
    return {(r["key"], r["source"]) for r in tx.run(query("load/known_sources"), pairs=pairs)}


def _read_changes(
    tx: neo4j.ManagedTransaction, replaced: list[DocumentRows], legacy: list[str]
) -> tuple[StatementChanges, dict[EdgeKey, Totals]]:
    """How the replaced documents' statements change (those of `legacy` documents all
    go), and what the edges they touch keep from other documents."""
    if not replaced and not legacy:
        return StatementChanges(), {}
    doc_ids = [d.doc_id for d in replaced] + legacy
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
            r["n"], r["docs"], _date(r["first"]), _date(r["last"]), r["miss"], set(r["sources"])
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
