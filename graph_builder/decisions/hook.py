"""The loader's one entry point for decisions: apply them to a batch just written."""

from __future__ import annotations

from collections.abc import Iterable

import neo4j

from graph_builder.cypher import query
from graph_builder.decisions.apply import apply_rules
from graph_builder.decisions.model import Decision
from graph_builder.decisions.rules import Rules


def read_rules(tx: neo4j.ManagedTransaction) -> Rules:
    """The decisions in force, as rules."""
    return Rules.build(Decision.from_node(r["props"]) for r in tx.run(query("decisions/active")))


def after_batch(
    tx: neo4j.ManagedTransaction, doc_ids: list[str], actor_ids: Iterable[str]
) -> set[str]:
    """Apply the decisions in force to the documents and actors a loading batch has
    just written (same transaction). Returns the ids of the actors it deleted."""
    rules = read_rules(tx)
    if not rules or not doc_ids:
        return set()
    statements = tx.run(
        query("decisions/batch_statements"),
        doc_ids=doc_ids,
        actors=sorted(rules.involved()),
        ids=sorted(rules.rejected_statements),
    )
    return apply_rules(tx, rules, list(statements), actor_ids).actors_deleted
