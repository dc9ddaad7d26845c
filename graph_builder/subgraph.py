"""Subgraphs for views and the API: from Neo4j or from a list of extracted edges.

Both sources give the same `Subgraph`: actors plus aggregated edges (one per
subject, relation, object; `met_with` stored once, lower id first), each edge
with its evidence statements (a few for the JSON API, all of them for the views).
A date range keeps the edges whose first..last seen span overlaps it, as the API does.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import neo4j

from graph_builder.errors import InputError
from graph_builder.lookup import (
    GraphNode,
    match_actor_in,
    read_query,
    relation_list,
    resolve_actor,
)
from graph_builder.models import Edge

EVIDENCE_PER_EDGE = 5
MAX_DEPTH = 6


@dataclass(frozen=True, slots=True)
class EvidenceItem:
    """One sentence behind an edge and the document it comes from."""

    sentence: str
    doc_id: str
    title: str | None = None
    url: str | None = None
    date: dt.date | None = None
    speaker: str | None = None
    confidence: float | None = None
    rule: str | None = None


@dataclass(slots=True)
class GraphEdge:
    """An aggregated edge between two actors."""

    source: str
    relation: str
    target: str
    evidence_count: int = 0
    doc_count: int = 0
    first_seen: dt.date | None = None
    last_seen: dt.date | None = None
    confidence: float = 0.0
    evidence: list[EvidenceItem] = field(default_factory=list)
    rejected: str | None = None  # ids of the decisions that rejected it (views, on request)

    @property
    def key(self) -> str:
        prefix = "rejected|" if self.rejected else ""
        return f"{prefix}{self.source}|{self.relation}|{self.target}"


@dataclass(slots=True)
class Subgraph:
    """Actors by id and the edges between them."""

    nodes: dict[str, GraphNode] = field(default_factory=dict)
    edges: list[GraphEdge] = field(default_factory=list)
    center: str | None = None
    truncated: bool = False


def check_depth(depth: int) -> int:
    if not 1 <= depth <= MAX_DEPTH:
        raise InputError(f"depth must be between 1 and {MAX_DEPTH}, got {depth}")
    return depth


# --- from extracted edges -------------------------------------------------------------


def subgraph_from_edges(
    edges: Iterable[Edge],
    center: str | None = None,
    depth: int = 2,
    relation: str | Sequence[str] | None = None,
    since: dt.date | None = None,
    until: dt.date | None = None,
    include_unasserted: bool = False,
    per_edge: int = EVIDENCE_PER_EDGE,
) -> Subgraph:
    """Aggregate statements into edges (as the loader does) and cut the subgraph.

    Actors the catalogue knows get their aliases and affiliation from it.
    """
    relations = set(relation_list(relation))
    check_depth(depth)
    check_range(since, until)
    graph = Subgraph()
    by_key: dict[tuple[str, str, str], GraphEdge] = {}
    docs: dict[tuple[str, str, str], set[str]] = defaultdict(set)
    misses: dict[tuple[str, str, str], float] = defaultdict(lambda: 1.0)
    for e in edges:
        if e.relation not in relations or not (e.asserted or include_unasserted):
            continue
        a, b = e.subject, e.object
        if e.relation == "met_with" and b.id < a.id:
            a, b = b, a
        for actor in (a, b):
            graph.nodes.setdefault(
                actor.id,
                GraphNode(actor.id, actor.name, actor.kind, actor.aliases, actor.affiliation),
            )
        k = (a.id, e.relation, b.id)
        edge = by_key.setdefault(k, GraphEdge(a.id, e.relation, b.id))
        edge.evidence_count += 1
        docs[k].add(e.evidence.doc_id)
        misses[k] *= 1.0 - e.confidence
        if e.date is not None:
            edge.first_seen = min(filter(None, (edge.first_seen, e.date)))
            edge.last_seen = max(filter(None, (edge.last_seen, e.date)))
        if len(edge.evidence) < per_edge:
            ev = e.evidence
            edge.evidence.append(
                EvidenceItem(
                    ev.sentence,
                    ev.doc_id,
                    date=e.date,
                    speaker=ev.speaker,
                    confidence=round(e.confidence, 4),
                    rule=e.rule or None,
                )
            )
    for k, edge in by_key.items():
        edge.doc_count = len(docs[k])
        edge.confidence = round(1.0 - misses[k], 4)
        edge.evidence.sort(key=lambda ev: (ev.date or dt.date.max, ev.doc_id))
    graph.edges = [e for e in by_key.values() if in_range(e, since, until)]
    kept = {i for e in graph.edges for i in (e.source, e.target)}
    graph.nodes = {k: v for k, v in _with_catalog(graph.nodes).items() if k in kept}
    if center is not None:
        node = match_actor_in(center, graph.nodes.values())
        graph = _cut(graph, node.id, depth)
    return graph


def in_range(edge: GraphEdge, since: dt.date | None, until: dt.date | None) -> bool:
    """True when the edge's first..last seen span overlaps [since, until] (as in Cypher:
    an undated edge is outside every bounded range)."""
    if since is not None and (edge.last_seen is None or edge.last_seen < since):
        return False
    return until is None or (edge.first_seen is not None and edge.first_seen <= until)


def check_range(since: dt.date | None, until: dt.date | None) -> None:
    if since and until and since > until:
        raise InputError(f"since ({since}) must not be after until ({until})")


def _with_catalog(nodes: dict[str, GraphNode]) -> dict[str, GraphNode]:
    """Nodes with the aliases and affiliation the actor catalogue knows (JSONL edges
    carry neither)."""
    from graph_builder.actors import ActorCatalog

    catalog = ActorCatalog.default()
    out = {}
    for key, node in nodes.items():
        known = catalog.find(node.id)
        out[key] = (
            GraphNode(
                node.id,
                node.name,
                node.kind,
                node.aliases or known.aliases,
                node.affiliation or known.affiliation,
            )
            if known
            else node
        )
    return out


def _cut(graph: Subgraph, center: str, depth: int) -> Subgraph:
    """Keep the actors within `depth` hops of `center` (edges taken undirected)."""
    adjacent: dict[str, set[str]] = defaultdict(set)
    for e in graph.edges:
        adjacent[e.source].add(e.target)
        adjacent[e.target].add(e.source)
    seen, frontier = {center}, {center}
    for _ in range(depth):
        frontier = {n for f in frontier for n in adjacent[f]} - seen
        seen |= frontier
    return Subgraph(
        nodes={k: v for k, v in graph.nodes.items() if k in seen},
        edges=[e for e in graph.edges if e.source in seen and e.target in seen],
        center=center,
    )


# --- from Neo4j -----------------------------------------------------------------------


def fetch_subgraph(
    driver: neo4j.Driver,
    database: str,
    center: str | None = None,
    depth: int = 2,
    relation: str | Sequence[str] | None = None,
    since: dt.date | None = None,
    until: dt.date | None = None,
    max_nodes: int = 2000,
    evidence: bool = True,
    per_edge: int = EVIDENCE_PER_EDGE,
) -> Subgraph:
    """The subgraph around `center` (id or alias) or, without one, the strongest edges.

    At most `max_nodes` actors: the breadth-first walk stops adding actors past it
    (and `truncated` is set).
    """
    types = [r.upper() for r in relation_list(relation)]
    check_depth(depth)
    # since and until bound last_seen and first_seen independently (the API's rule):
    # since after until gives the edges that span the gap.
    params = {"types": types, "since": since, "until": until}
    if center is None:
        rows = _read(driver, database, "subgraph/top_edges", params, limit=max_nodes)
        ids = list(dict.fromkeys(i for r in rows for i in (r["source"], r["target"])))
        truncated = len(ids) > max_nodes
        ids = ids[:max_nodes]
        center_id = None
    else:
        center_id = resolve_actor(driver, database, center).id
        ids, truncated = _walk(driver, database, center_id, depth, params, max_nodes)
    graph = Subgraph(center=center_id, truncated=truncated)
    for r in _read(driver, database, "subgraph/nodes", {"ids": ids}):
        graph.nodes[r["id"]] = GraphNode(
            r["id"], r["name"], r["kind"], tuple(r["aliases"] or ()), r["affiliation"]
        )
    rows = _read(
        driver,
        database,
        "subgraph/edges",
        {**params, "ids": ids, "evidence": evidence, "per_edge": per_edge},
    )
    graph.edges = [_edge(r) for r in rows]
    return graph


def _walk(
    driver: neo4j.Driver, database: str, center: str, depth: int, params: dict, max_nodes: int
) -> tuple[list[str], bool]:
    seen, frontier = [center], [center]
    for _ in range(depth):
        if not frontier:
            break
        room = max_nodes - len(seen)
        rows = _read(
            driver,
            database,
            "subgraph/neighbours",
            {**params, "ids": frontier, "known": seen},
            limit=room + 1,
        )
        frontier = [r["id"] for r in rows]
        if len(frontier) > room:
            return seen + frontier[:room], True
        seen += frontier
    return seen, False


def _read(
    driver: neo4j.Driver, database: str, name: str, params: dict, limit: int | None = None
) -> list[neo4j.Record]:
    if limit is not None:
        params = {**params, "limit": limit}
    return read_query(driver, database, name, params)


def _date(value: object) -> dt.date | None:
    return value.to_native() if hasattr(value, "to_native") else value  # type: ignore[return-value]


def _edge(r: neo4j.Record) -> GraphEdge:
    return GraphEdge(
        source=r["source"],
        relation=r["relation"].lower(),
        target=r["target"],
        evidence_count=r["evidence_count"] or 0,
        doc_count=r["doc_count"] or 0,
        first_seen=_date(r["first_seen"]),
        last_seen=_date(r["last_seen"]),
        confidence=float(r["confidence"] or 0.0),
        evidence=[
            EvidenceItem(
                e["sentence"],
                e["doc_id"],
                e["title"],
                e["url"],
                _date(e["date"]),
                e["speaker"],
                None if e["confidence"] is None else float(e["confidence"]),
                e["rule"],
            )
            for e in (r["evidence"] or [])
        ],
    )
