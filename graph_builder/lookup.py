"""Find actors by id, name or alias, and check relation names."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import neo4j

from graph_builder.cypher import query
from graph_builder.db import run_read
from graph_builder.errors import InputError, NotFoundError
from graph_builder.models import RELATIONS


@dataclass(frozen=True, slots=True)
class GraphNode:
    """An actor: id, display name, kind, aliases and the actor it speaks for."""

    id: str
    name: str
    kind: str
    aliases: tuple[str, ...] = ()
    affiliation: str | None = None


def read_query(
    driver: neo4j.Driver, database: str, name: str, params: dict[str, Any]
) -> list[neo4j.Record]:
    """Run `cypher/<name>.cypher` as one auto-commit read query, within the query timeout.

    No automatic retries: when Neo4j is down the caller learns it at once (and the API
    answers 503) instead of after the driver's 30 s retry window.
    """
    return run_read(driver, database, query(name), params)


def relation_list(relation: str | Sequence[str] | None) -> list[str]:
    """The relation names asked for (all four when None), lower case, validated."""
    if relation is None:
        return list(RELATIONS)
    names = [relation] if isinstance(relation, str) else list(relation)
    out = []
    for name in names:
        norm = name.strip().lower()
        if norm not in RELATIONS:
            raise InputError(f"relation must be one of {', '.join(RELATIONS)}; got {name!r}")
        out.append(norm)
    return out or list(RELATIONS)


def resolve_actor(driver: neo4j.Driver, database: str, key: str) -> GraphNode:
    """The actor whose id, name or alias is `key` (case-insensitive); NotFoundError if none."""
    if not key or not key.strip():
        raise NotFoundError("no actor has an empty name")  # e.g. only control characters
    for name, params in (
        ("lookup/actor_by_id", {"key": key}),
        ("lookup/actor_by_name", {"key": key.strip().lower()}),
    ):
        records = read_query(driver, database, name, params)
        if records:
            r = records[0]
            return GraphNode(r["id"], r["name"], r["kind"], tuple(r["aliases"] or ()))
    raise NotFoundError(f"unknown actor: {key!r}")


def match_actor_in(key: str, nodes: Iterable[GraphNode]) -> GraphNode:
    """Like `resolve_actor`, over nodes in memory."""
    low = key.strip().lower()
    ranked = []
    for n in nodes:
        if n.id == key:
            return n
        names = [n.id, n.name.lower(), *(a.lower() for a in n.aliases)]
        if low in names:
            ranked.append((names.index(low), n.id, n))
    if not ranked:
        raise NotFoundError(f"unknown actor: {key!r}")
    return min(ranked, key=lambda t: (t[0], t[1]))[2]
