"""Loading throughput: synthetic edges with provenance into the real Neo4j.

Builds documents whose statements yield at least --edges distinct aggregated
edges (plus some repeated statements, so some edges have several pieces of
evidence), loads them with `graph_builder.loader.load_extractions` and prints
edges per second.

It writes to the configured database (settings / environment), which must be
empty unless --wipe is given. To keep your data, run it on a second instance:

    GRAPH_BUILDER_HOME=/tmp/gb-bench NEO4J_BOLT_PORT=7689 NEO4J_HTTP_PORT=7476 \\
        graph-builder neo4j start
    GRAPH_BUILDER_HOME=/tmp/gb-bench NEO4J_BOLT_PORT=7689 NEO4J_HTTP_PORT=7476 \\
        python bench/load.py
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import random
import sys
import time
from collections.abc import Iterator

from empty_database import open_empty_database

from graph_builder import loader, reads
from graph_builder.models import KIND_LABELS, RELATIONS, Actor, Document, Edge, Evidence, Extraction

KINDS = list(KIND_LABELS)


def synthetic(
    n_edges: int, n_actors: int, per_doc: int, repeat: float, seed: int
) -> Iterator[Extraction]:
    """Documents of `per_doc` statements; `repeat` of them restate an earlier edge."""
    rng = random.Random(seed)
    actors = [
        Actor(f"actor-{i:06d}", f"Actor {i}", KINDS[i % len(KINDS)], (f"A{i}",))
        for i in range(n_actors)
    ]
    seen: list[tuple[int, str, int]] = []
    used: set[tuple[int, str, int]] = set()
    base = dt.date(2020, 1, 1)
    doc_no = 0
    while len(used) < n_edges:
        doc_id = f"doc-{doc_no:07d}"
        date = base + dt.timedelta(days=doc_no % 1500)
        edges: list[Edge] = []
        for k in range(per_doc):
            if seen and rng.random() < repeat:
                s, rel, o = rng.choice(seen)
            else:
                while True:
                    s, o = rng.randrange(n_actors), rng.randrange(n_actors)
                    rel = RELATIONS[rng.randrange(len(RELATIONS))]
                    if rel == "met_with" and o < s:
                        s, o = o, s
                    if s != o and (s, rel, o) not in used:
                        break
                used.add((s, rel, o))
                seen.append((s, rel, o))
            start = k * 100
            sentence = f"{actors[s].name} {rel.replace('_', ' ')} {actors[o].name}."
            edges.append(
                Edge(
                    subject=actors[s],
                    relation=rel,
                    object=actors[o],
                    evidence=Evidence(doc_id, sentence, start, start + len(sentence)),
                    date=date,
                    confidence=0.5 + rng.random() / 2,
                    rule="synthetic",
                )
            )
        text = " ".join(e.evidence.sentence for e in edges)
        yield Extraction(Document(doc_id, text, title=f"Document {doc_no}", date=date), edges)
        doc_no += 1


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--edges", type=int, default=100_000, help="distinct edges to create")
    parser.add_argument("--actors", type=int, default=20_000)
    parser.add_argument("--per-doc", type=int, default=20, help="statements per document")
    parser.add_argument("--repeat", type=float, default=0.1, help="share of repeated edges")
    parser.add_argument("--batch-size", type=int, default=loader.DEFAULT_BATCH_SIZE)
    parser.add_argument("--max-rows", type=int, default=loader.DEFAULT_MAX_ROWS)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--wipe", action="store_true", help="empty a non-empty database first")
    args = parser.parse_args(argv)

    driver, db = open_empty_database(args.wipe)
    with driver:
        t0 = time.perf_counter()
        extractions = list(synthetic(args.edges, args.actors, args.per_doc, args.repeat, args.seed))
        t_build = time.perf_counter() - t0

        t0 = time.perf_counter()
        summary = loader.load_extractions(
            driver, extractions, db, batch_size=args.batch_size, max_rows=args.max_rows
        )
        elapsed = time.perf_counter() - t0

        t0 = time.perf_counter()
        again = loader.load_extractions(
            driver, extractions, db, batch_size=args.batch_size, max_rows=args.max_rows
        )
        t_noop = time.perf_counter() - t0
        stats = reads.graph_stats(driver, db)

        # Every tenth document changed: a quarter of its statements gone, one more
        # confident; the edges these touch are set anew from their statements.
        changed = [
            Extraction(
                dataclasses.replace(x.document, text=x.document.text + " (corrected)"),
                [
                    dataclasses.replace(x.edges[0], confidence=0.99),
                    *x.edges[1 : -len(x.edges) // 4],
                ],
            )
            for x in extractions[::10]
        ]
        t0 = time.perf_counter()
        replaced = loader.load_extractions(
            driver, changed, db, batch_size=args.batch_size, max_rows=args.max_rows
        )
        t_changed = time.perf_counter() - t0

    print(f"built {len(extractions)} documents in {t_build:.1f} s (not timed below)")
    print(
        f"loaded {stats['documents']} documents, {summary.statements_written} statements, "
        f"{stats['actors']} actors, {stats['edges']} edges in {elapsed:.2f} s "
        f"(batch_size={args.batch_size} documents, max_rows={args.max_rows})"
    )
    print(f"edges/s: {stats['edges'] / elapsed:,.0f}")
    print(f"statements/s: {summary.statements_written / elapsed:,.0f}")
    print(
        f"reload of the same documents (checksum no-op): {t_noop:.2f} s, "
        f"{again.documents_unchanged} unchanged, {again.documents_written} written"
    )
    print(
        f"reload of {len(changed)} changed documents: {t_changed:.2f} s, "
        f"{replaced.statements_deleted} statements deleted, {replaced.statements_written} "
        f"written, {replaced.edges_recomputed} edges set anew, {replaced.edges_deleted} deleted"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
