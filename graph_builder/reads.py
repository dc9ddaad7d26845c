"""Every read of the stored graph behind the views, exports and API.

Each function runs parameterised Cypher from `cypher/` as auto-commit reads within the
query timeout (`graph_builder.db.run_read`), and gives typed records (`Subgraph`,
`GraphNode`) or the dicts the API's response models are built from.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import neo4j

from graph_builder.cypher import query
from graph_builder.db import run_read
from graph_builder.errors import NotFoundError
from graph_builder.models import RELATIONS
from graph_builder.statement_rows import (
    actor_ref,
    edge_row,
    native_date,
    statement_fields,
)
from graph_builder.subgraph import (
    EVIDENCE_PER_EDGE,
    EvidenceItem,
    GraphEdge,
    GraphFilter,
    GraphNode,
    Subgraph,
)

Page = tuple[list[dict[str, Any]], int | None]  # rows, next offset (None: last page)
_LUCENE_SPECIAL = re.compile(r'[+\-!(){}\[\]^"~*?:\\/&|]')


def read_query(
    driver: neo4j.Driver, database: str, name: str, params: dict[str, Any]
) -> list[neo4j.Record]:
    """Run `cypher/<name>.cypher` as one auto-commit read query, within the query timeout.

    No automatic retries: when Neo4j is down the caller learns it at once (and the API
    answers 503) instead of after the driver's 30 s retry window.
    """
    return run_read(driver, database, query(name), params)


def _read(driver: neo4j.Driver, database: str, name: str, **params: Any) -> list[neo4j.Record]:
    return read_query(driver, database, name, params)


# --- actors ---------------------------------------------------------------------------


def resolve_actor(driver: neo4j.Driver, database: str, key: str) -> GraphNode:
    """The actor whose id, name or alias is `key` (case-insensitive); NotFoundError if none."""
    if not key or not key.strip():
        raise NotFoundError("no actor has an empty name")  # e.g. only control characters
    for name, given in (("lookup/actor_by_id", key), ("lookup/actor_by_name", key.strip().lower())):
        records = _read(driver, database, name, key=given)
        if records:
            r = records[0]
            return GraphNode(r["id"], r["name"], r["kind"], tuple(r["aliases"] or ()))
    raise NotFoundError(f"unknown actor: {key!r}")


def actor_row(r: neo4j.Record) -> dict[str, Any]:
    return {**actor_ref(r), "aliases": list(r["aliases"] or []), "affiliation": r["affiliation"]}


def lucene_query(text: str) -> str | None:
    """A Lucene query matching every word of `text` as a prefix (special characters
    escaped, operators neutralised); None when no word is left."""
    terms = []
    for word in text.lower().split():
        word = _LUCENE_SPECIAL.sub(lambda m: "\\" + m.group(0), word)
        if any(c.isalnum() for c in word):
            terms.append(f"{word}*")
    return " AND ".join(terms) if terms else None


def search_actors(
    driver: neo4j.Driver, database: str, q: str | None, kind: str | None, limit: int, offset: int
) -> Page:
    """Actors by full-text search over names and aliases, plus id/substring matches."""
    params: dict[str, Any] = dict(kind=kind, offset=offset, limit=limit + 1)
    if q is None or not q.strip():
        rows = _read(driver, database, "api/actors_search", q=None, **params)
        return page([actor_row(r) for r in rows], limit, offset)
    lucene = lucene_query(q)
    found = []
    if lucene:
        found = _read(driver, database, "api/actors_fulltext", lucene=lucene, **params)
    if not found:  # e.g. a fragment inside a word or an id: fall back to a substring scan
        found = _read(driver, database, "api/actors_search", q=q.strip().lower(), **params)
    return page([actor_row(r) for r in found], limit, offset)


def actor_detail(driver: neo4j.Driver, database: str, actor_id: str) -> dict[str, Any] | None:
    rows = _read(driver, database, "api/actor_detail", id=actor_id)
    if not rows:
        return None
    r = rows[0]
    counts: dict[str, dict[str, int]] = {}
    for side in ("outgoing", "incoming"):
        for rel_type in r[side]:
            entry = counts.setdefault(rel_type.lower(), {"outgoing": 0, "incoming": 0})
            entry[side] += 1
    return {
        **actor_row(r),
        "relations": counts,
        "statements": r["statements"],
        "documents": r["documents"],
    }


def graph_stats(driver: neo4j.Driver, database: str) -> dict[str, Any]:
    """Counts: documents, statements, actors, edges (total) and edges per relation."""
    records, _, _ = driver.execute_query(
        query("load/stats"), database_=database, routing_=neo4j.RoutingControl.READ
    )
    r = records[0]
    per_relation: dict[str, int] = {rel: r[rel] for rel in RELATIONS}
    return {
        "documents": r["documents"],
        "statements": r["statements"],
        "actors": r["actors"],
        "edges": sum(per_relation.values()),
        "edges_by_relation": per_relation,
    }


# --- edges ----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class EdgeQuery:
    """Which edges (relationship types, date bounds, fewest statements) and which page."""

    types: list[str]
    since: dt.date | None
    until: dt.date | None
    min_evidence: int
    limit: int
    offset: int

    def params(self) -> dict[str, Any]:
        """Query parameters; one row more than the page, to tell whether another follows."""
        return {
            "types": self.types,
            "since": self.since,
            "until": self.until,
            "min_evidence": self.min_evidence,
            "offset": self.offset,
            "limit": self.limit + 1,
        }


def page(rows: list[dict[str, Any]], limit: int, offset: int) -> Page:
    """Rows were fetched with limit + 1: cut to `limit` and give the next offset."""
    return rows[:limit], (offset + limit if len(rows) > limit else None)


def actor_relations(
    driver: neo4j.Driver,
    database: str,
    actor_id: str,
    direction: str,
    edges: EdgeQuery,
) -> Page | None:
    """The edges of the actor with this exact id; None when there is no such actor."""
    rows = _read(
        driver, database, "api/actor_relations", id=actor_id, direction=direction, **edges.params()
    )
    if not rows:
        return None
    return page([edge_row(r) for r in rows[0]["edges"]], edges.limit, edges.offset)


def relations(
    driver: neo4j.Driver,
    database: str,
    source: str | None,
    target: str | None,
    edges: EdgeQuery,
) -> Page:
    """The edges from `source` and/or to `target` (actor ids), or all edges."""
    if source is None and target is None:
        rows = _read(driver, database, "api/relations_all", **edges.params())
    else:
        rows = _read(
            driver,
            database,
            "api/relations_anchored",
            anchor=source or target,
            source=source,
            target=target,
            **edges.params(),
        )
    return page([edge_row(r) for r in rows], edges.limit, edges.offset)


def edge_evidence(
    driver: neo4j.Driver,
    database: str,
    source: str,
    relation: str,
    target: str,
    limit: int,
    offset: int,
) -> dict[str, Any] | None:
    """One edge and a page of its statements; None when there is no such edge."""
    rows = _read(
        driver,
        database,
        "api/edge_evidence",
        source=source,
        target=target,
        type=relation.upper(),
        offset=offset,
        limit=limit,
    )
    if not rows:
        return None
    r = rows[0]
    statements = [statement_fields(s) for s in r["statements"]]
    return {"edge": edge_row(r), "statements": statements, "limit": limit, "offset": offset}


def paths(
    driver: neo4j.Driver,
    database: str,
    source: str,
    target: str,
    types: list[str],
    max_hops: int,
    all_shortest: bool,
    limit: int,
) -> dict[str, Any]:
    """Shortest paths of at most `max_hops` (none when the shortest is longer) between the
    actors with ids `source` and `target`; `source`/`target` are None when no such id."""
    name = "api/paths_all_shortest" if all_shortest else "api/paths_shortest"
    r = _read(driver, database, name, source=source, target=target, types=types, limit=limit)[0]
    out = []
    for p in r["paths"]:
        if len(p["hops"]) > max_hops:
            continue
        hops = [{**h, "relation": h["relation"].lower()} for h in p["hops"]]
        out.append({"length": len(hops), "nodes": p["nodes"], "hops": hops})
    return {"source": r["source"], "target": r["target"], "paths": out}


# --- subgraphs ------------------------------------------------------------------------


def fetch_subgraph(
    driver: neo4j.Driver,
    database: str,
    where: GraphFilter = GraphFilter(),  # noqa: B008 (frozen)
    evidence: bool = True,
    per_edge: int = EVIDENCE_PER_EDGE,
) -> Subgraph:
    """The subgraph around `where.center` (id or alias) or, without one, the strongest
    edges.

    At most `where.max_nodes` actors: the breadth-first walk stops adding actors past
    it (and `truncated` is set).
    """
    types = where.types()
    where.check_depth()
    # since and until bound last_seen and first_seen independently (the API's rule):
    # since after until gives the edges that span the gap.
    params = {"types": types, "since": where.since, "until": where.until}
    if where.center is None:
        rows = _read(driver, database, "subgraph/top_edges", **params, limit=where.max_nodes)
        ids = list(dict.fromkeys(i for r in rows for i in (r["source"], r["target"])))
        truncated = len(ids) > where.max_nodes
        ids = ids[: where.max_nodes]
        center_id = None
    else:
        center_id = resolve_actor(driver, database, where.center).id
        ids, truncated = _walk(driver, database, center_id, where, params)
    graph = Subgraph(center=center_id, truncated=truncated)
    for r in _read(driver, database, "subgraph/nodes", ids=ids):
        graph.nodes[r["id"]] = GraphNode(
            r["id"], r["name"], r["kind"], tuple(r["aliases"] or ()), r["affiliation"]
        )
    rows = _read(
        driver, database, "subgraph/edges", **params, ids=ids, evidence=evidence, per_edge=per_edge
    )
    graph.edges = [_edge(r) for r in rows]
    return graph


def _walk(
    driver: neo4j.Driver, database: str, center: str, where: GraphFilter, params: dict[str, Any]
) -> tuple[list[str], bool]:
    seen, frontier = [center], [center]
    for _ in range(where.depth):
        if not frontier:
            break
        room = where.max_nodes - len(seen)
        rows = _read(
            driver,
            database,
            "subgraph/neighbours",
            **params,
            ids=frontier,
            known=seen,
            limit=room + 1,
        )
        frontier = [r["id"] for r in rows]
        if len(frontier) > room:
            return seen + frontier[:room], True
        seen += frontier
    return seen, False


def _edge(r: neo4j.Record) -> GraphEdge:
    return GraphEdge(
        source=r["source"],
        relation=r["relation"].lower(),
        target=r["target"],
        evidence_count=r["evidence_count"] or 0,
        doc_count=r["doc_count"] or 0,
        first_seen=native_date(r["first_seen"]),
        last_seen=native_date(r["last_seen"]),
        confidence=float(r["confidence"] or 0.0),
        evidence=[evidence_item(e) for e in (r["evidence"] or [])],
    )


def evidence_item(e: Mapping[str, Any]) -> EvidenceItem:
    """A statement map (sentence, doc_id, title, url, date, speaker, and confidence and
    rule where the query gives them) as an `EvidenceItem`."""
    confidence = e.get("confidence")
    return EvidenceItem(
        e["sentence"],
        e["doc_id"],
        e["title"],
        e["url"],
        native_date(e["date"]),
        e["speaker"],
        None if confidence is None else float(confidence),
        e.get("rule"),
    )

