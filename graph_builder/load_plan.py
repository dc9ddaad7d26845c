"""What one loading batch writes, worked out without a database.

The loader reads what it needs first (`load_read`), this module turns the batch and
those reads into a `BatchPlan`, and `load_apply` writes it in a fixed order:

* a document whose checksum is unchanged only has the paths it was read from added;
* each new or changed document gets a source key, its outlet (`source`, else its
  URL's host) or, without one, its own id; a near-duplicate of a stored or earlier
  document (wire copy, `graph_builder.near_duplicates`) takes that document's key
  instead, so `source_count` counts it once (`assign_sources`);
* a new document's asserted statements are added to their edges (`Totals` per
  edge, combined with the stored values inside Neo4j);
* a changed document keeps its unchanged statements; the others are removed or
  added (`StatementChanges`). Every edge such a statement counts toward is set
  exactly: what its other documents' statements add up to (read before any
  write) plus what the batch adds (`exact_edges`); actors left with nothing are
  deleted, and documents stored under the old identity are replaced.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, fields
from typing import Any

from graph_builder.edge_totals import Totals, exact_edges, increment_rows, totals_by_edge
from graph_builder.load_rows import DocumentRows, EdgeKey
from graph_builder.near_duplicates import THRESHOLD, similarity

ActorRows = dict[str, dict[str, Any]]


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
    rows: ActorRows = field(default_factory=dict)
    near_duplicates: bool = True  # the corroboration rule of this load

    def check(self, seq: int) -> None:
        """Forget the rows if another writer committed since this load's last batch."""
        if seq != self.seq:
            self.rows.clear()

    def unknown(self, rows: ActorRows) -> list[dict[str, Any]]:
        """The rows not stored with exactly these properties by this load."""
        return [row for key, row in rows.items() if self.rows.get(key) != row]


@dataclass(frozen=True, slots=True)
class Candidate:
    """A document a new one may copy: its MinHash values and what a copy inherits."""

    id: str
    minhash: list[int]
    story: str
    source_key: str


def assign_sources(
    docs: list[DocumentRows], by_band: dict[str, dict[str, Candidate]], near_duplicates: bool
) -> int:
    """Give each document (and its statements) its story and source key; return how many
    are near-duplicates of a stored (`by_band`, filled as documents are assigned) or
    earlier document."""
    found = 0
    for d in docs:
        row = d.document
        best: tuple[float, str, Candidate] | None = None  # (-similarity, id, candidate)
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
            me = Candidate(d.doc_id, row["minhash"], row["story"], row["source_key"])
            for band in row["bands"]:
                by_band.setdefault(band, {})[d.doc_id] = me
    return found


@dataclass(slots=True)
class StatementChanges:
    """How the statements of changed documents differ from the stored ones."""

    removed: list[str] = field(default_factory=list)  # ids of stored statements to delete
    added: dict[str, list[dict[str, Any]]] = field(default_factory=dict)  # rows, by doc id
    touched: set[EdgeKey] = field(default_factory=set)  # edges an asserted change counts to
    actors: set[str] = field(default_factory=set)  # actors of the removed statements

    @property
    def added_count(self) -> int:
        return sum(len(rows) for rows in self.added.values())


def statement_changes(
    stored: Iterable[Mapping[str, Any]], docs: Iterable[DocumentRows]
) -> StatementChanges:
    """Compare stored statements (`properties(s)` of load/old_statements) with new rows.

    A statement whose every property is unchanged stays as it is.
    """
    old = {props["id"]: props for props in stored}
    changes = StatementChanges()
    for doc in docs:
        rows = []
        for row in doc.statements:
            props = old.pop(row["id"], None)
            if props is not None and _same(props, row):
                continue
            if props is not None:
                _remove(changes, props)
            rows.append(row)
            if not (row["negated"] or row["hypothetical"]):
                changes.touched.add(EdgeKey.parse(row["edge_key"]))
        changes.added[doc.doc_id] = rows
    for props in old.values():  # stored statements the new versions no longer have
        _remove(changes, props)
    return changes


def _remove(changes: StatementChanges, props: Mapping[str, Any]) -> None:
    changes.removed.append(props["id"])
    # A statement an analyst rejected (graph_builder/decisions) has its key prefixed
    # with "!" and `rejected_by` set: it counts toward no edge.
    key = EdgeKey.parse(props["edge_key"].removeprefix("!"))
    changes.actors.update((key.source, key.target))
    if not (props.get("negated") or props.get("hypothetical") or props.get("rejected_by")):
        changes.touched.add(key)


def _same(stored: Mapping[str, Any], row: Mapping[str, Any]) -> bool:
    """Whether stored properties equal a row (Neo4j stores no nulls; dates come back
    as neo4j.time.Date)."""
    wanted = {k: v for k, v in row.items() if v is not None}
    return stored.keys() == wanted.keys() and all(
        _native(stored[k]) == v for k, v in wanted.items()
    )


def _native(value: Any) -> Any:
    to_native = getattr(value, "to_native", None)
    return to_native() if to_native else value



@dataclass(slots=True)
class BatchReads:
    """What a batch's transaction read before writing (see `load_read.read_batch`)."""

    stored: dict[str, str]  # checksums of the batch's documents already stored
    changed: list[DocumentRows]  # new or changed documents, sources assigned
    near_duplicates: int = 0  # how many of them copy a stored or earlier document
    legacy: list[str] = field(default_factory=list)  # old-identity ids they replace
    changes: StatementChanges = field(default_factory=StatementChanges)
    remaining: dict[EdgeKey, Totals] = field(default_factory=dict)  # touched edges, rest
    new_totals: dict[EdgeKey, Totals] = field(default_factory=dict)  # new docs' increments
    known_sources: set[tuple[str, str]] = field(default_factory=set)  # (edge, source) pairs


@dataclass(slots=True)
class BatchPlan:
    """Every row one batch writes, in the order `load_apply.apply_plan` writes them."""

    summary: LoadSummary  # the counts known before writing
    paths: list[dict[str, Any]]  # unchanged documents: paths to add
    actors: ActorRows  # every actor of the changed documents
    new_actors: list[dict[str, Any]]  # those this load has not stored as they are
    increments: list[dict[str, Any]]  # load/add_evidence rows
    keep: list[dict[str, Any]]  # load/set_edges rows
    drop: list[dict[str, str]]  # load/delete_edges rows
    removed: list[str]  # statement ids to delete
    documents: list[dict[str, Any]]  # load/write_documents rows
    legacy: list[str]  # document ids to delete
    orphans: set[str]  # actors to delete if nothing refers to them any more

    @property
    def doc_ids(self) -> list[str]:
        return [d["id"] for d in self.documents]


def plan_batch(batch: list[DocumentRows], reads: BatchReads, known: KnownActors) -> BatchPlan:
    """The writes of one batch, from its rows and what was read."""
    changed, changes = reads.changed, reads.changes
    # A replaced document writes its new and changed statements; a new one, all of them.
    rows = {
        d.doc_id: changes.added[d.doc_id] if d.doc_id in reads.stored else d.statements
        for d in changed
    }
    summary = LoadSummary(
        documents=len(batch),
        documents_unchanged=len(batch) - len(changed),
        documents_written=len(changed),
        documents_migrated=len(reads.legacy),
        near_duplicates=reads.near_duplicates,
        statements_skipped=sum(d.skipped for d in changed),
        statements_written=sum(len(r) for r in rows.values()),
    )
    paths = [
        {"id": d.doc_id, "paths": d.document["paths"]}
        for d in batch
        if reads.stored.get(d.doc_id) == d.document["checksum"] and d.document["paths"]
    ]
    actors: ActorRows = {}
    for d in changed:
        actors.update(d.actors)
    # Edges a replaced document touches are set anew, with what the batch adds to them.
    added = totals_by_edge(
        (d.doc_id, k, row) for d in changed for k, row in d.asserted if k in changes.touched
    )
    keep, drop = exact_edges(reads.remaining, added)
    return BatchPlan(
        summary=summary,
        paths=paths,
        actors=actors,
        new_actors=known.unknown(actors),
        increments=increment_rows(reads.new_totals, reads.known_sources),
        keep=keep,
        drop=drop,
        removed=changes.removed,
        documents=[{**d.document, "statements": rows[d.doc_id]} for d in changed],
        legacy=reads.legacy,
        orphans=changes.actors - set(actors),
    )
