"""What statements add up to on their aggregated edge, computed in one place.

An edge counts its asserted statements (`evidence_count`), their documents
(`doc_count`) and source keys (`source_count`), spans their dates (`first_seen`,
`last_seen`), and keeps `miss`, the product of (1 - confidence) over them: its
confidence is the noisy-or 1 - miss, rounded once to `CONFIDENCE_DIGITS`, half up.
Totals combine by multiplying their misses, never by the rounded confidence, so the
confidence does not depend on how documents were batched.

The loader's Cypher does the same where it must combine with stored values:
`load/add_evidence` multiplies misses and rounds with the digits passed from here
(Cypher's round() rounds half up), `load/remaining_evidence` multiplies the misses
of the stored statements. Views of extracted edges use these totals too. The rows
that write totals to edges are made here as well.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Hashable, Iterable, Mapping
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any, TypeVar

from graph_builder.load_rows import EdgeKey

CONFIDENCE_DIGITS = 6
_QUANTUM = Decimal(1).scaleb(-CONFIDENCE_DIGITS)
K = TypeVar("K", bound=Hashable)


def confidence(miss: float) -> float:
    """The noisy-or confidence of an edge whose statements' misses multiply to `miss`."""
    return float(Decimal(repr(1.0 - miss)).quantize(_QUANTUM, rounding=ROUND_HALF_UP))


@dataclass(slots=True)
class Totals:
    """What some asserted statements add up to for one edge.

    `miss` is the product of (1 - confidence); `sources` are the statements' source
    keys (outlets, near-duplicates collapsed; see the loader).
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

    @property
    def confidence(self) -> float:
        return confidence(self.miss)

    def props(self) -> dict[str, Any]:
        """The aggregated edge's properties."""
        return {
            "evidence_count": self.n,
            "doc_count": self.docs,
            "source_count": len(self.sources),
            "first_seen": self.first,
            "last_seen": self.last,
            "miss": self.miss,
            "confidence": self.confidence,
        }


def _earlier(a: dt.date | None, b: dt.date | None) -> dt.date | None:
    return b if a is None else a if b is None else min(a, b)


def _later(a: dt.date | None, b: dt.date | None) -> dt.date | None:
    return b if a is None else a if b is None else max(a, b)


def totals_by_edge(statements: Iterable[tuple[str, K, Mapping[str, Any]]]) -> dict[K, Totals]:
    """Totals per edge of (document id, edge, statement row) triples; a row holds
    `confidence` and `date`, and may hold `source_key`."""
    out: dict[K, Totals] = {}
    docs: set[tuple[K, str]] = set()
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
