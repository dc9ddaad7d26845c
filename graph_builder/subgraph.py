"""Subgraphs for views and the API: from Neo4j or from a list of extracted edges.

Both sources give the same `Subgraph`: actors plus aggregated edges (one per
subject, relation, object; `met_with` stored once, lower id first), each edge
with a few evidence sentences for tooltips.
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

    @property
    def key(self) -> str:
        return f"{self.source}|{self.relation}|{self.target}"


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
    include_unasserted: bool = False,
) -> Subgraph:
    """Aggregate statements into edges (as the loader does) and cut the subgraph."""
    relations = set(relation_list(relation))
    check_depth(depth)
    graph = Subgraph()
    by_key: dict[tuple[str, str, str], GraphEdge] = {}
    docs: dict[tuple[str, str, str], set[str]] = defaultdict(set)
    misses: dict[tuple[str, str, str], float] = defaultdict(lambda: 1.0)
    for e in edges:
        if e.relation not in relations or not (e.asserted or include_unasserted):
            continue
        if since is not None and (e.date is None or e.date < since):
            continue
        a, b = e.subject, e.object
        if e.relation == "met_with" and b.id < a.id:
            a, b = b, a
        for actor in (a, b):
            graph.nodes.setdefault(actor.id, GraphNode(actor.id, actor.name, actor.kind))
        k = (a.id, e.relation, b.id)
        edge = by_key.setdefault(k, GraphEdge(a.id, e.relation, b.id))
        edge.evidence_count += 1
        docs[k].add(e.evidence.doc_id)
        misses[k] *= 1.0 - e.confidence
        if e.date is not None:
            edge.first_seen = min(filter(None, (edge.first_seen, e.date)))
            edge.last_seen = max(filter(None, (edge.last_seen, e.date)))
        if len(edge.evidence) < EVIDENCE_PER_EDGE:
            ev = e.evidence
            edge.evidence.append(EvidenceItem(ev.sentence, ev.doc_id, speaker=ev.speaker))
    for k, edge in by_key.items():
        edge.doc_count = len(docs[k])
        edge.confidence = round(1.0 - misses[k], 4)
    graph.edges = list(by_key.values())
    if center is not None:
        node = match_actor_in(center, _with_aliases(graph.nodes).values())
        graph = _cut(graph, node.id, depth)
    return graph


def _with_aliases(nodes: dict[str, GraphNode]) -> dict[str, GraphNode]:
    """Nodes with the aliases the actor catalogue knows (JSONL edges carry none)."""
    from graph_builder.actors import ActorCatalog

    catalog = ActorCatalog.default()
    out = {}
    for key, node in nodes.items():
        known = catalog.find(node.id)
        out[key] = GraphNode(node.id, node.name, node.kind, known.aliases) if known else node
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
) -> Subgraph:
    """The subgraph around `center` (id or alias) or, without one, the strongest edges.

    At most `max_nodes` actors: the breadth-first walk stops adding actors past it
    (and `truncated` is set).
    """
    types = [r.upper() for r in relation_list(relation)]
    check_depth(depth)
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
        graph.nodes[r["id"]] = GraphNode(r["id"], r["name"], r["kind"], tuple(r["aliases"] or ()))
    rows = _read(
        driver,
        database,
        "subgraph/edges",
        {**params, "ids": ids, "evidence": evidence, "per_edge": EVIDENCE_PER_EDGE},
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
                e["sentence"], e["doc_id"], e["title"], e["url"], _date(e["date"]), e["speaker"]
            )
            for e in (r["evidence"] or [])
        ],
    )
