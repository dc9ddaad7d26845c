"""The reads of a loading transaction, all done before it writes anything.

Index lookups after writes (deletions above all) in the same transaction are many
times slower, so a batch reads first: which documents are stored and with which
checksum, the near-duplicate candidates, the documents stored under the old identity,
the statements of the documents it replaces and what the edges they touch keep from
other documents, and which source keys the edges it extends have already. The pure
steps in between (`load_plan`, `edge_totals`) say what to read next.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from typing import Any

import neo4j

from graph_builder.cypher import query
from graph_builder.edge_totals import Totals, source_pairs, totals_by_edge
from graph_builder.load_plan import (
    BatchReads,
    Candidate,
    StatementChanges,
    assign_sources,
    statement_changes,
)
from graph_builder.load_rows import DocumentRows, EdgeKey
from graph_builder.statement_rows import native_date


def take_lock(tx: neo4j.ManagedTransaction) -> int:
    """Take the writers' lock; return its sequence number."""
    seq: int = tx.run(query("load/lock")).single(strict=True)["seq"]
    return seq


def stored_checksums(tx: neo4j.ManagedTransaction, doc_ids: list[str]) -> dict[str, str]:
    """The checksum of each of these documents that is stored."""
    return {r["id"]: r["checksum"] for r in tx.run(query("load/document_checksums"), ids=doc_ids)}


def stored_statements(tx: neo4j.ManagedTransaction, doc_ids: list[str]) -> list[dict[str, Any]]:
    """The properties of the statements of these documents."""
    return [r["props"] for r in tx.run(query("load/old_statements"), doc_ids=doc_ids)]


def read_batch(
    tx: neo4j.ManagedTransaction, batch: list[DocumentRows], near_duplicates: bool
) -> BatchReads:
    """Everything the batch's writes depend on (see the module's docstring)."""
    stored = stored_checksums(tx, [d.doc_id for d in batch])
    changed = [d for d in batch if stored.get(d.doc_id) != d.document["checksum"]]
    if not changed:
        return BatchReads(stored, changed)
    candidates = _candidates(tx, changed) if near_duplicates else {}
    copies = assign_sources(changed, candidates, near_duplicates)
    legacy = _legacy_documents(tx, changed)
    replaced = [d for d in changed if d.doc_id in stored]
    doc_ids = [d.doc_id for d in replaced] + legacy
    changes, remaining = StatementChanges(), {}
    if doc_ids:
        changes = statement_changes(stored_statements(tx, doc_ids), replaced)
        remaining = remaining_totals(tx, changes.touched, doc_ids)
    # New documents extend their edges (those a replaced document touches are set anew).
    new_totals = totals_by_edge(
        (d.doc_id, k, row)
        for d in changed
        if d.doc_id not in stored
        for k, row in d.asserted
        if k not in changes.touched
    )
    return BatchReads(
        stored,
        changed,
        copies,
        legacy,
        changes,
        remaining,
        new_totals,
        _known_sources(tx, new_totals),
    )


def remaining_totals(
    tx: neo4j.ManagedTransaction, keys: Collection[EdgeKey], doc_ids: list[str]
) -> dict[EdgeKey, Totals]:
    """What each edge's asserted statements outside `doc_ids` add up to."""
    if not keys:
        return {}
    result = tx.run(
        query("load/remaining_evidence"), keys=sorted(k.key for k in keys), doc_ids=doc_ids
    )
    return {
        EdgeKey.parse(r["key"]): Totals(
            r["n"],
            r["docs"],
            native_date(r["first"]),
            native_date(r["last"]),
            r["miss"],
            set(r["sources"]),
        )
        for r in result
    }


def _candidates(
    tx: neo4j.ManagedTransaction, docs: list[DocumentRows]
) -> dict[str, dict[str, Candidate]]:
    """Stored documents sharing a MinHash band with `docs`, by band and id."""
    by_band: dict[str, dict[str, Candidate]] = {}
    bands = sorted({b for d in docs for b in d.document["bands"]})
    for r in tx.run(query("load/near_duplicates"), bands=bands) if bands else ():
        if r["minhash"] and r["story"] and r["source_key"]:
            by_band.setdefault(r["band"], {})[r["id"]] = Candidate(
                r["id"], list(r["minhash"]), r["story"], r["source_key"]
            )
    return by_band


def _legacy_documents(tx: neo4j.ManagedTransaction, docs: list[DocumentRows]) -> list[str]:
    """Ids of documents stored under the old identity that `docs` replace."""
    old = sorted({d.document["legacy_id"] for d in docs if d.document["legacy_id"]})
    if not old:
        return []
    return [r["id"] for r in tx.run(query("load/legacy_documents"), ids=old)]


def _known_sources(
    tx: neo4j.ManagedTransaction, totals: Mapping[EdgeKey, Totals]
) -> set[tuple[str, str]]:
    """The (edge key, source key) pairs of `totals` that stored statements have."""
    pairs = source_pairs(totals)
    if not pairs:
        return set()
    return {(r["key"], r["source"]) for r in tx.run(query("load/known_sources"), pairs=pairs)}
