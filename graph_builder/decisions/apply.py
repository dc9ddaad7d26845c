"""Write what the decisions mean to the graph, inside the caller's transaction.

One routine for every case: a decision made or undone (`scope`: the statements and
actors it concerns) and a loading batch (`scope`: the batch's documents and actors).
Statements get the edge key the rules give them (rejected ones a key that counts
toward no edge) and every edge they leave or join is set anew from its statements;
actors get the properties the rules give them; actors merged away are deleted.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

import neo4j

from graph_builder.cypher import query
from graph_builder.decisions.rules import REJECTED_PREFIX, Rules, actor_write_row
from graph_builder.edge_totals import exact_edges
from graph_builder.load_apply import write_edges
from graph_builder.load_read import remaining_totals
from graph_builder.load_rows import EdgeKey

ACTOR_FIELDS = ("name", "kind", "aliases", "affiliation")


@dataclass(slots=True)
class Applied:
    """What applying decisions changed."""

    statements: int = 0  # statements moved, rejected or restored
    edges_set: int = 0
    edges_deleted: int = 0
    actors_written: int = 0
    actors_deleted: set[str] = field(default_factory=set)

    def as_dict(self) -> dict[str, int]:
        return {
            "statements": self.statements,
            "edges_set": self.edges_set,
            "edges_deleted": self.edges_deleted,
            "actors_written": self.actors_written,
            "actors_deleted": len(self.actors_deleted),
        }


def apply_rules(
    tx: neo4j.ManagedTransaction,
    rules: Rules,
    statements: Iterable[Mapping[str, Any]],
    actor_ids: Iterable[str],
    restore: Mapping[str, Mapping[str, Any]] | None = None,
    ensure: Iterable[Mapping[str, Any]] = (),
    orphans: Iterable[str] = (),
) -> Applied:
    """Apply `rules` to `statements` (rows of decisions/*_statements) and actors.

    `restore` gives, per actor, what an undone decision had changed; `ensure` actors
    to recreate if missing; `orphans` actors to delete if nothing refers to them.
    """
    done = Applied()
    rows, old_keys, new_keys = [], set(), set()
    for s in statements:
        outcome = rules.outcome(s["id"], s["extracted"], s["sentence"] or "")
        if outcome.edge_key == s["edge_key"] and outcome.rejected_by == s["rejected_by"]:
            continue
        rows.append({
            "id": s["id"],
            "edge_key": outcome.edge_key,
            "extracted_key": None if outcome.edge_key == s["extracted"] else s["extracted"],
            "rejected_by": outcome.rejected_by,
        })  # fmt: skip
        if not s["edge_key"].startswith(REJECTED_PREFIX):
            old_keys.add(EdgeKey.parse(s["edge_key"]))
        if not outcome.rejected_by:
            new_keys.add(EdgeKey.parse(outcome.key))
    merged = rules.merged_away()
    needed = {a for k in new_keys for a in (k.source, k.target)}
    recreate = [dict(p) for p in ensure if p.get("id") not in merged]
    recreate += [rules.known[a] for a in sorted(needed) if a in rules.known and a not in merged]
    if recreate:
        rows_ = [actor_write_row(rules.actor(p)) for p in recreate]
        tx.run(query("decisions/actors_ensure"), rows=rows_).consume()
    if rows:
        tx.run(query("decisions/statements_write"), rows=rows).consume()
        done.statements = len(rows)
        _set_edges(tx, old_keys | new_keys, done)

    ids = set(actor_ids) | needed | {a for k in old_keys for a in (k.source, k.target)}
    _enforce_actors(tx, rules, ids - merged, restore or {}, done)
    gone = sorted(ids & merged)
    if gone:
        record = tx.run(query("decisions/actors_delete"), ids=gone).single(strict=True)
        done.actors_deleted.update(record["ids"])
    if candidates := sorted(set(orphans) - done.actors_deleted):
        orphan = tx.run(query("load/delete_orphan_actors"), ids=candidates).single()
        done.actors_deleted.update(orphan["ids"] if orphan else [])
    return done


def _set_edges(tx: neo4j.ManagedTransaction, keys: set[EdgeKey], done: Applied) -> None:
    """Set each edge to what its asserted statements add up to (delete it if none)."""
    keep, drop = exact_edges(remaining_totals(tx, keys, []), {})
    updated, deleted = write_edges(tx, keep, drop)
    done.edges_set += updated
    done.edges_deleted += deleted


def _enforce_actors(
    tx: neo4j.ManagedTransaction,
    rules: Rules,
    ids: set[str],
    restore: Mapping[str, Mapping[str, Any]],
    done: Applied,
) -> None:
    """Give the actors the properties the rules (after `restore`) say."""
    wanted = sorted(ids & (rules.involved() | set(restore) | set(rules.merged_names)))
    merged = sorted(rules.merged_away())
    if not wanted and not merged:
        return
    rows = []
    for r in tx.run(query("decisions/actors_read"), ids=wanted, merged=merged):
        current = {"id": r["id"], **{f: r[f] for f in ACTOR_FIELDS}}
        current["aliases"] = list(current["aliases"] or [])
        desired = rules.actor(current, restore.get(r["id"]))
        if any(desired[f] != current[f] for f in ACTOR_FIELDS):
            rows.append(actor_write_row(desired))
    if rows:
        tx.run(query("decisions/actors_write"), rows=rows).consume()
        tx.run(query("load/link_affiliations"), ids=[r["id"] for r in rows]).consume()
        done.actors_written = len(rows)
