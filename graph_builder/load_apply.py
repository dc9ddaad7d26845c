"""The writes of a loading transaction: a `BatchPlan` applied in a fixed order.

Paths of unchanged documents; then, when documents changed: the lock's sequence
number, actors, increments to the edges of new documents, edges set anew or deleted,
statements deleted, documents written, documents of the old identity deleted, actors
left with nothing deleted, affiliation links. (The loader then applies the analysts'
decisions to what the batch wrote.)
"""

from __future__ import annotations

from typing import Any

import neo4j

from graph_builder.cypher import query
from graph_builder.edge_totals import CONFIDENCE_DIGITS
from graph_builder.load_plan import BatchPlan, LoadSummary


class StaleActors(Exception):
    """An actor this load had stored is gone: retry the batch without the cache."""


def apply_plan(
    tx: neo4j.ManagedTransaction, plan: BatchPlan, seq: int
) -> tuple[LoadSummary, int, set[str]]:
    """Write the plan; returns the summary, the lock's sequence number after this
    transaction, and the ids of the actors deleted."""
    summary = plan.summary
    if plan.paths:
        tx.run(query("load/add_paths"), docs=plan.paths).consume()
    if not plan.documents:
        return summary, seq, set()
    seq = tx.run(query("load/bump_lock")).single(strict=True)["seq"]
    written: list[str] = []
    if plan.new_actors:
        record = tx.run(query("load/merge_actors"), rows=plan.new_actors).single(strict=True)
        written = record["written"]
    if plan.increments:
        record = tx.run(
            query("load/add_evidence"), rows=plan.increments, digits=CONFIDENCE_DIGITS
        ).single(strict=True)
        if record["updated"] != len(plan.increments):
            raise StaleActors
        summary.edges_added_to = len(plan.increments)
    updated, summary.edges_deleted = write_edges(tx, plan.keep, plan.drop)
    if updated != len(plan.keep):
        raise StaleActors
    summary.edges_recomputed = updated
    summary.statements_deleted = delete_statements(tx, plan.removed)
    tx.run(query("load/write_documents"), docs=plan.documents).consume()
    if plan.legacy:
        tx.run(query("load/delete_documents"), doc_ids=plan.legacy).consume()
    deleted = delete_orphans(tx, plan.orphans)
    summary.actors_deleted = len(deleted)
    if written:
        tx.run(query("load/link_affiliations"), ids=sorted(written)).consume()
    return summary, seq, deleted


def write_edges(
    tx: neo4j.ManagedTransaction, keep: list[dict[str, Any]], drop: list[dict[str, str]]
) -> tuple[int, int]:
    """Set the edges of `keep` (load/set_edges rows), delete those of `drop`; returns how
    many were set and how many deleted."""
    updated = deleted = 0
    if keep:
        updated = tx.run(query("load/set_edges"), rows=keep).single(strict=True)["updated"]
    if drop:
        deleted = tx.run(query("load/delete_edges"), rows=drop).single(strict=True)["deleted"]
    return updated, deleted


def delete_statements(tx: neo4j.ManagedTransaction, ids: list[str]) -> int:
    if not ids:
        return 0
    deleted: int = tx.run(query("load/delete_statements"), ids=ids).single(strict=True)["deleted"]
    return deleted


def delete_orphans(tx: neo4j.ManagedTransaction, candidates: set[str]) -> set[str]:
    """Delete those of the candidates nothing refers to any more; return their ids."""
    if not candidates:
        return set()
    record = tx.run(query("load/delete_orphan_actors"), ids=sorted(candidates)).single()
    return set(record["ids"]) if record else set()

