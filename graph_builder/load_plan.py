"""How a batch of documents changes the stored statements and aggregated edges.

Pure functions, no database: the loader reads what it needs first, then writes.

* A new document's asserted statements are added to their edges (`Totals` per
  edge, combined with the stored values inside Neo4j).
* A changed document keeps its unchanged statements; the others are removed or
  added (`StatementChanges`). Every edge such a statement counts toward is set
  exactly: what its other documents' statements add up to (read before any
  write) plus what the batch adds (`exact_edges`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from graph_builder.load_rows import DocumentRows, EdgeKey

# An edge stores `miss` exactly and `confidence` = 1 - miss rounded to this many
# digits, half up (as Cypher's round() does: load/add_evidence passes the same
# digits). Edges combine by their misses, never by the rounded confidence, so the
# confidence does not depend on how documents were batched.
CONFIDENCE_DIGITS = 6
_QUANTUM = Decimal(1).scaleb(-CONFIDENCE_DIGITS)


def confidence(miss: float) -> float:
    """The noisy-or confidence of an edge whose statements' misses multiply to `miss`."""
    return float(Decimal(repr(1.0 - miss)).quantize(_QUANTUM, rounding=ROUND_HALF_UP))


@dataclass(slots=True)
class Totals:
    """What some asserted statements add up to for one edge.

    `miss` is the product of (1 - confidence): the edge's confidence is the noisy-or
    1 - miss, and two totals combine by multiplying their misses. `sources` are the
    statements' source keys (outlets, near-duplicates collapsed; see the loader).
    """

    n: int = 0
    docs: int = 0
    first: dt.date | None = None
    last: dt.date | None = None
    miss: float = 1.0
    sources: set[str] = field(default_factory=set)

    def add(self, other: Totals) -> None:
        self.n += other.n
        self.docs += other.docs
        self.sources |= other.sources
        self.miss *= other.miss
        self.first = _earlier(self.first, other.first)
        self.last = _later(self.last, other.last)

    def props(self) -> dict[str, Any]:
        """The aggregated edge's properties."""
        return {
            "evidence_count": self.n,
            "doc_count": self.docs,
            "source_count": len(self.sources),
            "first_seen": self.first,
            "last_seen": self.last,
            "miss": self.miss,
            "confidence": confidence(self.miss),
        }


def _earlier(a: dt.date | None, b: dt.date | None) -> dt.date | None:
    return b if a is None else a if b is None else min(a, b)


def _later(a: dt.date | None, b: dt.date | None) -> dt.date | None:
    return b if a is None else a if b is None else max(a, b)


def totals_by_edge(
    statements: Iterable[tuple[str, EdgeKey, Mapping[str, Any]]],
) -> dict[EdgeKey, Totals]:
    """Totals per edge of (document id, edge, statement row) triples."""
    out: dict[EdgeKey, Totals] = {}
    docs: set[tuple[EdgeKey, str]] = set()
    for doc_id, key, row in statements:
        totals = out.setdefault(key, Totals())
        totals.n += 1
        totals.miss *= 1.0 - row["confidence"]
        totals.first = _earlier(totals.first, row["date"])
        totals.last = _later(totals.last, row["date"])
        if row.get("source_key"):
            totals.sources.add(row["source_key"])
        if (key, doc_id) not in docs:
            docs.add((key, doc_id))
            totals.docs += 1
    return out


def source_pairs(totals: Mapping[EdgeKey, Totals]) -> list[dict[str, str]]:
    """(edge key, source key) rows for load/known_sources, in a stable order."""
    return [
        {"key": k.key, "source": s} for k, t in sorted(totals.items()) for s in sorted(t.sources)
    ]


def increment_rows(
    totals: Mapping[EdgeKey, Totals], known: AbstractSet[tuple[str, str]] = frozenset()
) -> list[dict[str, Any]]:
    """Rows for load/add_evidence, in a stable order; `known` holds the (edge key, source
    key) pairs the stored statements have already, which add no source."""
    return [
        {"source": k.source, "type": k.type, "target": k.target, "n": t.n, "docs": t.docs,
         "sources": sum((k.key, s) not in known for s in t.sources),
         "first": t.first, "last": t.last, "miss": t.miss}
        for k, t in sorted(totals.items())
    ]  # fmt: skip


def exact_edges(
    remaining: Mapping[EdgeKey, Totals], added: Mapping[EdgeKey, Totals]
) -> tuple[list[dict[str, Any]], list[dict[str, str]]]:
    """Rows for load/set_edges (edges with statements) and load/delete_edges (without)."""
    keep: list[dict[str, Any]] = []
    drop: list[dict[str, str]] = []
    for key in sorted(remaining.keys() | added.keys()):
        totals = Totals()
        for part in (remaining.get(key), added.get(key)):
            if part:
                totals.add(part)
        if totals.n:
            keep.append({**key.as_row(), "props": totals.props()})
        else:
            drop.append(key.as_row())
    return keep, drop


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
