"""Seconds to write each export format, and to read it back with networkx.

    python bench/export.py                       # synthetic 10,000 actors / 50,000 edges
    python bench/export.py --actors 1000 --edges 2500

No database: the graph is built as `export_graph` builds it (same attributes), then
`serialise` writes each format; prints the size and the median of --runs runs.
"""

from __future__ import annotations

import argparse
import io
import json
import random
import statistics
import sys
import time
from pathlib import Path

import networkx as nx
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from graph_builder.export import FORMATS, serialise
from graph_builder.models import RELATIONS

KINDS = ("country", "government", "person", "armed_group", "organisation", "place")


def synthetic(actors: int, edges: int, seed: int = 7) -> nx.MultiDiGraph:
    rnd = random.Random(seed)
    graph = nx.MultiDiGraph()
    for i in range(actors):
        graph.add_node(f"actor-{i:06d}", label=f"Actor {i}", kind=rnd.choice(KINDS),
                       aliases=[f"A{i}", f"Alias {i}"], affiliation=f"actor-{i % 50:06d}")
    made = 0
    while made < edges:
        a, b = rnd.randrange(actors), rnd.randrange(actors)
        rel = rnd.choice(RELATIONS)
        u, v = f"actor-{a:06d}", f"actor-{b:06d}"
        if a == b or graph.has_edge(u, v, key=rel):
            continue
        n = rnd.randint(1, 40)
        graph.add_edge(u, v, key=rel, relation=rel, directed=rel != "met_with",
                       evidence_count=n, doc_count=max(1, n // 2),
                       first_seen="2024-11-27", last_seen="2024-12-10",
                       confidence=round(rnd.random(), 4), weight=n)
        made += 1
    return graph


def read_back(fmt: str, data: bytes) -> int:
    if fmt == "graphml":
        return nx.read_graphml(io.BytesIO(data), force_multigraph=True).number_of_edges()
    if fmt == "gexf":
        return nx.read_gexf(io.BytesIO(data)).number_of_edges()
    if fmt == "json":
        return nx.node_link_graph(json.loads(data), edges="edges").number_of_edges()
    return len(pd.read_csv(io.BytesIO(data)))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--actors", type=int, default=10_000)
    parser.add_argument("--edges", type=int, default=50_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    graph = synthetic(args.actors, args.edges)
    print(f"{graph.number_of_nodes()} actors, {graph.number_of_edges()} edges; "
          f"median of {args.runs} runs")
    print(f"{'format':<8} {'MB':>7} {'write s':>8} {'read s':>8}")
    for fmt in FORMATS:
        writes, reads = [], []
        for _ in range(args.runs):
            t0 = time.perf_counter()
            data = serialise(graph, fmt)  # for csv: the edge table
            writes.append(time.perf_counter() - t0)
            t0 = time.perf_counter()
            assert read_back(fmt, data) == graph.number_of_edges()
            reads.append(time.perf_counter() - t0)
        print(f"{fmt:<8} {len(data) / 1e6:>7.1f} {statistics.median(writes):>8.2f} "
              f"{statistics.median(reads):>8.2f}")


if __name__ == "__main__":
    main()
