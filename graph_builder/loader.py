"""Loading extractions into Neo4j: documents, statements, actors, aggregated edges.

One write transaction per batch of documents. A document whose checksum is
unchanged is skipped; a changed one has its statements replaced, every
aggregated edge its old or new statements touch is recomputed (and deleted when
no asserted statement is left), and actors left without statements are deleted.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, fields
from typing import Any

import neo4j
from neo4j.exceptions import Neo4jError, ServiceUnavailable, SessionExpired

from graph_builder.cypher import query, statements
from graph_builder.errors import DatabaseUnavailableError, InputError, NotFoundError
from graph_builder.models import KIND_LABELS, RELATIONS, Actor, Edge, Extraction

# Bumped when what the loader writes changes, so that a reload rewrites documents.
LOADER_VERSION = 1
DEFAULT_BATCH_SIZE = 500  # documents per transaction
DEFAULT_MAX_ROWS = 20_000  # statements per transaction (a batch closes at either limit)
SYMMETRIC = frozenset({"met_with"})

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
    edges_recomputed: int = 0  # aggregated edges set from their statements
    edges_deleted: int = 0  # aggregated edges left without statements
    actors_deleted: int = 0

    def add(self, other: LoadSummary) -> None:
        """Add another summary's counts to this one."""
        for f in fields(self):
            setattr(self, f.name, getattr(self, f.name) + getattr(other, f.name))

    def as_dict(self) -> dict[str, int]:
        return {f.name: getattr(self, f.name) for f in fields(self)}


@dataclass(frozen=True, slots=True)
class EdgeKey:
    """One aggregated edge: (source, TYPE, target); met_with with source < target."""

    source: str
    type: str
    target: str

    @property
    def key(self) -> str:
        return f"{self.source}|{self.type}|{self.target}"

    def as_row(self) -> dict[str, str]:
        return {"key": self.key, "source": self.source, "type": self.type, "target": self.target}


@dataclass(slots=True)
class DocumentRows:
    """Everything written for one document, with its checksum."""

    doc_id: str
    document: dict[str, Any]
    statements: list[dict[str, Any]]
    actors: dict[str, dict[str, Any]]
    skipped: int = 0
    keys: set[EdgeKey] = field(default_factory=set)


def edge_key(subject_id: str, relation: str, object_id: str) -> EdgeKey:
    """The aggregated edge a statement counts toward."""
    if relation not in RELATIONS:
        raise InputError(f"unknown relation {relation!r} (expected one of {', '.join(RELATIONS)})")
    if relation in SYMMETRIC and object_id < subject_id:
        subject_id, object_id = object_id, subject_id
    return EdgeKey(subject_id, relation.upper(), object_id)


def statement_id(doc_id: str, start: int, end: int, relation: str, subject: str, obj: str) -> str:
    """First 16 hex digits of sha1("doc|start|end|relation|subject|object")."""
    raw = f"{doc_id}|{start}|{end}|{relation}|{subject}|{obj}"
    return hashlib.sha1(raw.encode("utf-8")).hexdigest()[:16]


def actor_row(actor: Actor) -> dict[str, Any]:
    """Parameters for merge_actors: properties plus the kind label to set and remove."""
    label = KIND_LABELS.get(actor.kind)
    return {
        "id": actor.id,
        "name": actor.name,
        "kind": actor.kind,
        "aliases": list(actor.aliases),
        "affiliation": actor.affiliation,
        "labels": [label] if label else [],
        "other_labels": [x for x in KIND_LABELS.values() if x != label],
    }


def statement_row(edge: Edge, doc_date: Any) -> dict[str, Any]:
    """Parameters for create_statements (date falls back to the document's date)."""
    ev = edge.evidence
    return {
        "id": statement_id(
            ev.doc_id, ev.start, ev.end, edge.relation, edge.subject.id, edge.object.id
        ),
        "doc_id": ev.doc_id,
        "subject_id": edge.subject.id,
        "object_id": edge.object.id,
        "relation": edge.relation,
        "edge_key": edge_key(edge.subject.id, edge.relation, edge.object.id).key,
        "sentence": ev.sentence,
        "start": ev.start,
        "end": ev.end,
        "speaker": ev.speaker,
        "date": edge.date or doc_date,
        "negated": edge.negated,
        "hypothetical": edge.hypothetical,
        "confidence": float(edge.confidence),
        "rule": edge.rule,
    }


def document_rows(extraction: Extraction, include_unasserted: bool = False) -> DocumentRows:
    """The rows to write for one extraction, and the checksum that identifies them."""
    doc = extraction.document
    if not doc.id:
        raise InputError(f"{doc.source or 'a document'}: document without an id")
    stmts: dict[str, dict[str, Any]] = {}
    actors: dict[str, dict[str, Any]] = {}
    keys: set[EdgeKey] = set()
    skipped = 0
    for edge in extraction.edges:
        if edge.evidence.doc_id != doc.id:
            raise InputError(
                f"{doc.id}: an edge's evidence names document {edge.evidence.doc_id!r}"
            )
        if not include_unasserted and not edge.asserted:
            skipped += 1
            continue
        row = statement_row(edge, doc.date)
        stmts[row["id"]] = row
        actors[edge.subject.id] = actor_row(edge.subject)
        actors[edge.object.id] = actor_row(edge.object)
        if edge.asserted:
            keys.add(edge_key(edge.subject.id, edge.relation, edge.object.id))
    document = {
        "id": doc.id,
        "title": doc.title,
        "url": doc.url,
        "date": doc.date,
        "source": doc.source,
    }
    statement_list = [stmts[k] for k in sorted(stmts)]
    document["checksum"] = checksum(
        {
            "loader": LOADER_VERSION,
            "document": {**document, "source": None, "text": doc.text},
            "statements": statement_list,
            "actors": [actors[k] for k in sorted(actors)],
        }
    )
    return DocumentRows(doc.id, document, statement_list, actors, skipped, keys)


def checksum(payload: Any) -> str:
    """sha256 of a canonical JSON rendering (sorted keys; dates as ISO strings)."""
    text = json.dumps(payload, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


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
    with driver.session(database=database) as session:
        for batch in _batches(extractions, include_unasserted, batch_size, max_rows):
            try:
                result = session.execute_write(_write_batch, batch)
            except (ServiceUnavailable, SessionExpired) as exc:
                raise DatabaseUnavailableError(
                    f"lost the connection to Neo4j while loading ({exc}); the batch starting "
                    f"with document {batch[0].doc_id!r} was rolled back, earlier ones are stored"
                ) from None
            except Neo4jError as exc:
                raise InputError(
                    f"Neo4j rejected the batch starting with document {batch[0].doc_id!r} "
                    f"({exc.code}: {exc.message}); it was rolled back, earlier ones are stored"
                ) from None
            summary.add(result)
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


def _write_batch(tx: neo4j.ManagedTransaction, batch: list[DocumentRows]) -> LoadSummary:
    summary = LoadSummary(documents=len(batch))
    stored = {
        r["id"]: r["checksum"]
        for r in tx.run(query("load/document_checksums"), ids=[d.doc_id for d in batch])
    }
    changed = [d for d in batch if stored.get(d.doc_id) != d.document["checksum"]]
    summary.documents_unchanged = len(batch) - len(changed)
    if not changed:
        return summary
    summary.documents_written = len(changed)
    summary.statements_skipped = sum(d.skipped for d in changed)

    keys: set[EdgeKey] = set()
    actor_ids: set[str] = set()
    existing = [d.doc_id for d in changed if d.doc_id in stored]
    if existing:
        old_keys, old_actors, deleted = _remove_statements(tx, existing)
        keys |= old_keys
        actor_ids |= old_actors
        summary.statements_deleted = deleted

    actors: dict[str, dict[str, Any]] = {}
    for d in changed:
        actors.update(d.actors)
        keys |= d.keys
    tx.run(query("load/merge_documents"), rows=[d.document for d in changed]).consume()
    written: list[str] = []
    if actors:
        record = tx.run(query("load/merge_actors"), rows=list(actors.values())).single()
        written = record["written"] if record else []
    rows = [s for d in changed for s in d.statements]
    if rows:
        tx.run(query("load/create_statements"), rows=rows).consume()
    summary.statements_written = len(rows)
    # Only actors that lost statements can be orphans; only written ones change links.
    _finish(tx, keys, actor_ids - set(actors), written, summary)
    return summary


def _remove_statements(
    tx: neo4j.ManagedTransaction, doc_ids: list[str]
) -> tuple[set[EdgeKey], set[str], int]:
    """Delete the documents' statements; return the edges and actors they touched."""
    keys: set[EdgeKey] = set()
    actors: set[str] = set()
    for r in tx.run(query("load/old_statements"), doc_ids=doc_ids):
        actors.update((r["subject_id"], r["object_id"]))
        if r["relation"] in RELATIONS:
            keys.add(edge_key(r["subject_id"], r["relation"], r["object_id"]))
    record = tx.run(query("load/delete_statements"), doc_ids=doc_ids).single()
    return keys, actors, record["deleted"] if record else 0


def _finish(
    tx: neo4j.ManagedTransaction,
    keys: set[EdgeKey],
    orphan_candidates: set[str],
    written_actors: list[str],
    summary: LoadSummary,
) -> None:
    """Recompute touched edges, drop orphaned actors, refresh affiliation links."""
    if keys:
        record = tx.run(
            query("load/recompute_edges"), keys=[k.as_row() for k in sorted(keys, key=_order)]
        ).single()
        if record:
            summary.edges_recomputed = record["with_statements"]
            summary.edges_deleted = record["without_statements"]
    if orphan_candidates:
        record = tx.run(query("load/delete_orphan_actors"), ids=sorted(orphan_candidates)).single()
        summary.actors_deleted = record["deleted"] if record else 0
    if written_actors:
        tx.run(query("load/link_affiliations"), ids=sorted(written_actors)).consume()


def _order(key: EdgeKey) -> tuple[str, str, str]:
    return (key.source, key.type, key.target)


def delete_document(driver: neo4j.Driver, doc_id: str, database: str) -> LoadSummary:
    """Remove a document, its statements, and any edge or actor left without evidence."""

    def work(tx: neo4j.ManagedTransaction) -> LoadSummary:
        found = list(tx.run(query("load/document_checksums"), ids=[doc_id]))
        if not found:
            raise NotFoundError(f"document {doc_id!r} not found")
        summary = LoadSummary(documents=1)
        keys, actors, deleted = _remove_statements(tx, [doc_id])
        summary.statements_deleted = deleted
        tx.run(query("load/delete_documents"), doc_ids=[doc_id]).consume()
        _finish(tx, keys, actors, [], summary)
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
        session.run(query("admin/wipe")).consume()
