"""Subgraphs for views and the API: their shape, the filter that cuts them, and the
subgraph of a list of extracted edges (the stored graph's is read in `graph_builder.reads`).

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

from graph_builder.edge_totals import totals_by_edge
from graph_builder.errors import InputError, NotFoundError
from graph_builder.models import RELATIONS, Edge

EVIDENCE_PER_EDGE = 5
MAX_DEPTH = 6


@dataclass(frozen=True, slots=True)
class GraphNode:
    """An actor: id, display name, kind, aliases and the actor it speaks for."""

    id: str
    name: str
    kind: str
    aliases: tuple[str, ...] = ()
    affiliation: str | None = None


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


def relation_list(relation: str | Sequence[str] | None) -> list[str]:
    """The relation names asked for (all four when None), lower case, validated."""
    everything: list[str] = list(RELATIONS)
    if relation is None:
        return everything
    names = [relation] if isinstance(relation, str) else list(relation)
    out: list[str] = []
    for name in names:
        norm = name.strip().lower()
        if norm not in RELATIONS:
            raise InputError(f"relation must be one of {', '.join(RELATIONS)}; got {name!r}")
        out.append(norm)
    return out or everything


@dataclass(frozen=True, slots=True)
class GraphFilter:
    """Which part of the stored graph: the actors within `depth` hops of `center` (id,
    name or alias; without one, the best-attested edges), at most `max_nodes` of them,
    through the edges of `relation` (all by default) whose last seen is on or after
    `since` and whose first seen is on or before `until`."""

    center: str | None = None
    depth: int = 2
    relation: str | Sequence[str] | None = None
    since: dt.date | None = None
    until: dt.date | None = None
    max_nodes: int = 2000

    def types(self) -> list[str]:
        """The relationship types (SUPPORTS, ...) asked for; InputError naming a bad one."""
        return [r.upper() for r in relation_list(self.relation)]

    def check_depth(self) -> None:
        check_depth(self.depth)

    @property
    def filtered(self) -> bool:
        """Whether relations or dates narrow the graph."""
        return self.relation is not None or self.since is not None or self.until is not None


def match_actor_in(key: str, nodes: Iterable[GraphNode]) -> GraphNode:
    """The node whose id, name or alias is `key` (case-insensitive), as
    `reads.resolve_actor` finds actors in Neo4j; NotFoundError if none."""
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
    """Aggregate statements into edges (as the loader does: `edge_totals`) and cut the
    subgraph.

    Actors the catalogue knows get their aliases and affiliation from it.
    """
    relations = set(relation_list(relation))
    check_depth(depth)
    check_range(since, until)
    graph = Subgraph()
    by_key: dict[tuple[str, str, str], GraphEdge] = {}
    counted: list[tuple[str, tuple[str, str, str], dict[str, object]]] = []
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
        counted.append((e.evidence.doc_id, k, {"confidence": e.confidence, "date": e.date}))
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
    for k, totals in totals_by_edge(counted).items():
        edge = by_key[k]
        edge.evidence_count, edge.doc_count = totals.n, totals.docs
        edge.first_seen, edge.last_seen = totals.first, totals.last
        edge.confidence = totals.confidence
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
