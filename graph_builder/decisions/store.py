"""Making, listing, undoing, exporting and importing decisions in Neo4j.

Each change runs in one write transaction that first takes the loaders' lock (so a
decision and a loading batch never interleave) and applies the change to the graph
before it commits.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable
from typing import Any, TypeVar

import neo4j
from neo4j.exceptions import ServiceUnavailable, SessionExpired

from graph_builder.cypher import query, statements
from graph_builder.decisions.apply import Applied, apply_rules
from graph_builder.decisions.hook import read_rules
from graph_builder.decisions.model import Decision, DecisionIn, new_decision
from graph_builder.errors import (
    ConflictError,
    DatabaseUnavailableError,
    InputError,
    NotFoundError,
)
from graph_builder.load_rows import EdgeKey, edge_key

T = TypeVar("T")
ActorProps = dict[str, Any]


def ensure_decision_schema(driver: neo4j.Driver, database: str) -> None:
    """The Decision id constraint (idempotent)."""
    with driver.session(database=database) as session:
        for statement in statements("decisions/schema"):
            session.run(statement).consume()


def _write(driver: neo4j.Driver, database: str, work: Callable[[neo4j.ManagedTransaction], T]) -> T:
    ensure_decision_schema(driver, database)
    try:
        with driver.session(database=database) as session:
            return session.execute_write(work)
    except (ServiceUnavailable, SessionExpired) as exc:
        raise DatabaseUnavailableError(
            f"lost the connection to Neo4j ({exc}); nothing was changed"
        ) from None


def _lock(tx: neo4j.ManagedTransaction) -> None:
    """The loaders' lock; raising its sequence tells running loaders to forget cached actors."""
    tx.run(query("load/lock")).consume()
    tx.run(query("load/bump_lock")).consume()


# --- reading ---------------------------------------------------------------------------


def list_decisions(
    driver: neo4j.Driver,
    database: str,
    include_undone: bool = False,
    limit: int = 10_000,
    offset: int = 0,
) -> list[Decision]:
    """Decisions oldest first (undone ones too with `include_undone`)."""
    records, _, _ = driver.execute_query(
        query("decisions/list"), all=include_undone, limit=limit, offset=offset,
        database_=database, routing_=neo4j.RoutingControl.READ,
    )  # fmt: skip
    return [Decision.from_node(r["props"]) for r in records]


def get_decision(tx: neo4j.ManagedTransaction, decision_id: str) -> Decision:
    record = tx.run(query("decisions/get"), id=decision_id).single()
    if record is None:
        raise NotFoundError(f"unknown decision: {decision_id!r}")
    return Decision.from_node(record["props"])


def _actor(tx: neo4j.ManagedTransaction, key: str, field: str) -> ActorProps:
    """The actor whose id, name or alias is `key`; NotFoundError names the field."""
    for name, params in (
        ("lookup/actor_by_id", {"key": key}),
        ("lookup/actor_by_name", {"key": key.strip().lower()}),
    ):
        record = tx.run(query(name), params).single()
        if record is not None:
            props = tx.run(query("decisions/actors_read"), ids=[record["id"]], merged=[]).single()
            if props is not None:
                return {**props.data(), "aliases": list(props["aliases"] or [])}
    raise NotFoundError(f"{field}: unknown actor {key!r}")


# --- deciding --------------------------------------------------------------------------


def decide(driver: neo4j.Driver, database: str, decided: DecisionIn) -> tuple[Decision, Applied]:
    """Check a decision against the graph, store it and apply it."""

    def work(tx: neo4j.ManagedTransaction) -> tuple[Decision, Applied]:
        _lock(tx)
        targets, snapshot = _check(tx, decided)
        decision = new_decision(decided, targets, snapshot)
        tx.run(query("decisions/write"), rows=[decision.to_node()]).consume()
        return decision, _apply_one(tx, decision)

    return _write(driver, database, work)


def _check(tx: neo4j.ManagedTransaction, d: DecisionIn) -> tuple[dict[str, Any], dict[str, Any]]:
    """The decision's targets with actors resolved to ids, and its snapshot."""
    active = read_rules(tx)
    targets = d.targets()
    if d.action == "reject_edge":
        assert d.source and d.relation and d.target
        a, b = _actor(tx, d.source, "source"), _actor(tx, d.target, "target")
        key = edge_key(a["id"], d.relation, b["id"])
        found = tx.run(
            query("decisions/edge_exists"), key=key.key, source=key.source, target=key.target,
            type=key.type,
        ).single(strict=True)  # fmt: skip
        if found["rejected"] and not found["edges"]:
            raise ConflictError(
                f"the {d.relation} edge {key.source} -> {key.target} is already rejected"
            )
        if not found["edges"]:
            raise NotFoundError(f"no {d.relation} edge from {a['name']!r} to {b['name']!r}")
        targets.update(source=key.source, target=key.target)
        return targets, {"actors": [a, b]}
    if d.action == "reject_statement":
        assert d.statement
        st = tx.run(query("decisions/statement"), id=d.statement).single()
        if st is None:
            raise NotFoundError(f"statement: unknown statement {d.statement!r}")
        if st["rejected_by"]:
            raise ConflictError(
                f"statement {d.statement!r} is already rejected by {st['rejected_by']}"
            )
        return targets, {"edge": st["edge_key"]}
    assert d.actor
    actor = _actor(tx, d.actor, "actor")
    targets["actor"] = actor["id"]
    snapshot: dict[str, Any] = {"actors": [actor]}
    if d.action == "merge":
        assert d.into
        into = _actor(tx, d.into, "into")
        if into["id"] == actor["id"]:
            raise InputError(f"'actor' and 'into' are the same actor ({actor['id']!r})")
        if active.resolve(into["id"])[0] == actor["id"]:
            raise ConflictError(f"{into['id']!r} is already merged into {actor['id']!r}")
        targets["into"] = into["id"]
        snapshot["actors"].append(into)
    elif d.action == "split":
        assert d.alias
        if d.alias.lower() not in {a.lower() for a in actor["aliases"]}:
            known = ", ".join(actor["aliases"]) or "none"
            raise InputError(
                f"alias: {d.alias!r} is not an alias of {actor['name']!r} (aliases: {known})"
            )
        new_id = d.new_id or _slug(d.alias)
        if new_id == actor["id"]:
            raise InputError(f"new_id: {new_id!r} is the actor's own id")
        name = d.name or d.alias
        existing = tx.run(query("lookup/actor_by_id"), key=new_id).single()
        if existing is not None:
            snapshot["new_actor"] = _actor(tx, new_id, "new_id")
        else:
            snapshot["new_actor"] = {
                "id": new_id, "name": name, "kind": actor["kind"],
                "aliases": [d.alias] if d.alias != name else [], "affiliation": None,
            }  # fmt: skip
            snapshot["created"] = True
        targets.update(new_id=new_id, name=name)
    elif d.action == "rename":
        snapshot["previous"] = actor["name"]
    elif d.action == "set_kind":
        snapshot["previous"] = actor["kind"]
    elif d.action == "set_affiliation":
        snapshot["previous"] = actor["affiliation"]
        if d.affiliation is not None:
            party = _actor(tx, d.affiliation, "affiliation")
            if party["id"] == actor["id"]:
                raise InputError("affiliation: an actor cannot be affiliated with itself")
            targets["affiliation"] = party["id"]
    return targets, snapshot


def _slug(name: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")
    if not slug:
        raise InputError(f"alias: {name!r} gives no id; give new_id")
    return slug


def _scope(d: Decision) -> tuple[list[str], list[str]]:
    """The actors and statements a decision concerns."""
    actors = [x for x in (d.source, d.target, d.actor, d.into, d.new_id) if x]
    return actors, [d.statement] if d.statement else []


def _apply_one(
    tx: neo4j.ManagedTransaction,
    d: Decision,
    restore: dict[str, dict[str, Any]] | None = None,
    ensure: Iterable[ActorProps] = (),
    orphans: Iterable[str] = (),
) -> Applied:
    rules = read_rules(tx)
    actors, ids = _scope(d)
    found = list(tx.run(query("decisions/actor_statements"), actors=actors, ids=ids))
    return apply_rules(tx, rules, found, actors, restore, ensure, orphans)


# --- undoing ---------------------------------------------------------------------------


def undo(
    driver: neo4j.Driver, database: str, decision_id: str, by: str, reason: str | None = None
) -> tuple[Decision, Applied]:
    """Undo a decision: it stays on record, marked undone, and stops applying."""
    if not by.strip():
        raise InputError("by: say who undoes the decision")

    def work(tx: neo4j.ManagedTransaction) -> tuple[Decision, Applied]:
        _lock(tx)
        d = get_decision(tx, decision_id)
        if not d.active:
            raise ConflictError(f"decision {decision_id!r} was already undone at {d.undone_at}")
        d = d.model_copy(update={
            "undone_at": dt.datetime.now(dt.UTC).replace(microsecond=0),
            "undone_by": by.strip(), "undo_reason": (reason or "").strip() or None,
        })  # fmt: skip
        tx.run(query("decisions/write"), rows=[d.to_node()]).consume()
        restore: dict[str, dict[str, Any]] = {}
        ensure: list[ActorProps] = list(d.snapshot.get("actors", []))
        orphans: list[str] = []
        previous = d.snapshot.get("previous")
        if d.action in ("rename", "set_kind", "set_affiliation"):
            assert d.actor
            field = {"rename": "name", "set_kind": "kind"}.get(d.action, "affiliation")
            restore[d.actor] = {field: previous}
        elif d.action == "merge":
            assert d.actor and d.into
            gone, kept = (d.snapshot["actors"][0], d.snapshot["actors"][1])
            own = {kept["name"].lower(), *(a.lower() for a in kept.get("aliases", []))}
            names = [gone["name"], *gone.get("aliases", [])]
            restore[d.into] = {"remove_aliases": [n for n in names if n.lower() not in own]}
        elif d.action == "split":
            assert d.actor and d.alias and d.new_id
            restore[d.actor] = {"add_aliases": [d.alias]}
            if d.snapshot.get("created"):
                orphans.append(d.new_id)
        return d, _apply_one(tx, d, restore, ensure, orphans)

    return _write(driver, database, work)


# --- files -----------------------------------------------------------------------------


def import_decisions(
    driver: neo4j.Driver, database: str, decisions: Iterable[Decision]
) -> tuple[int, int]:
    """Store decisions read from a file (those whose id is stored already are skipped)
    and apply those in force. Returns (imported, skipped)."""
    items = list(decisions)

    def work(tx: neo4j.ManagedTransaction) -> tuple[int, int]:
        _lock(tx)
        imported = skipped = 0
        for d in sorted(items, key=lambda d: (d.at, d.id)):
            if tx.run(query("decisions/get"), id=d.id).single() is not None:
                skipped += 1
                continue
            tx.run(query("decisions/write"), rows=[d.to_node()]).consume()
            imported += 1
            if d.active:
                _apply_one(tx, d)
        return imported, skipped

    return _write(driver, database, work)


def rejected_key(d: Decision) -> EdgeKey | None:
    """The edge a reject_edge decision names."""
    if d.action != "reject_edge" or not (d.source and d.relation and d.target):
        return None
    return edge_key(d.source, d.relation, d.target)
