"""Rejected evidence in views, on request: edges drawn dashed, sentences struck through."""

from __future__ import annotations

from collections.abc import Sequence

import neo4j

from graph_builder.reads import evidence_item, read_query
from graph_builder.subgraph import (
    EVIDENCE_PER_EDGE,
    GraphEdge,
    GraphNode,
    Subgraph,
    relation_list,
)


def add_rejected(
    driver: neo4j.Driver,
    database: str,
    graph: Subgraph,
    relation: str | Sequence[str] | None = None,
) -> Subgraph:
    """Add to `graph` the rejected statements of its actors, one edge per (source,
    relation, target) marked with the decisions that rejected them, and the actors at
    their other ends."""
    types = [r.upper() for r in relation_list(relation)]
    params = {"ids": list(graph.nodes), "types": types, "per_edge": EVIDENCE_PER_EDGE}
    found = read_query(driver, database, "decisions/rejected_edges", params)
    others = {i for r in found for i in (r["source"], r["target"])} - set(graph.nodes)
    for n in read_query(driver, database, "subgraph/nodes", {"ids": sorted(others)}):
        graph.nodes[n["id"]] = GraphNode(n["id"], n["name"], n["kind"], tuple(n["aliases"] or ()))
    for r in found:
        if r["source"] not in graph.nodes or r["target"] not in graph.nodes:
            continue  # an actor left without edges was deleted
        evidence = r["evidence"] or []
        graph.edges.append(
            GraphEdge(
                source=r["source"],
                relation=r["relation"].lower(),
                target=r["target"],
                evidence_count=r["n"],
                doc_count=r["docs"],
                rejected=", ".join(sorted({e["rejected_by"] for e in evidence})) or "rejected",
                evidence=[evidence_item(e) for e in evidence],
            )
        )
    return graph
