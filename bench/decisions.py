"""What analyst decisions cost: loading with decisions in force, and one decision.

Loads synthetic documents (as bench/load.py) with no decisions, then empties the
database, stores --rejects edge rejections and --merges merges (of actors the
documents mention) and loads the same documents again, so the cost of applying the
decisions after every batch shows; then times making and undoing single decisions
on the loaded graph. Needs an empty database (or --wipe); see bench/load.py for
running it on a second instance.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import statistics
import sys
import time

from empty_database import open_empty_database
from load import synthetic

from graph_builder import loader, reads, schema
from graph_builder.decisions.model import Decision, DecisionIn
from graph_builder.decisions.store import decide, ensure_decision_schema, import_decisions, undo


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--edges", type=int, default=50_000)
    parser.add_argument("--actors", type=int, default=10_000)
    parser.add_argument("--rejects", type=int, default=200)
    parser.add_argument("--merges", type=int, default=50)
    parser.add_argument("--singles", type=int, default=20, help="single decisions timed")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--wipe", action="store_true", help="empty a non-empty database first")
    args = parser.parse_args(argv)
    rng = random.Random(args.seed)

    driver, db = open_empty_database(args.wipe)
    with driver:
        ensure_decision_schema(driver, db)
        extractions = list(synthetic(args.edges, args.actors, 20, 0.1, args.seed))
        t0 = time.perf_counter()
        loader.load_extractions(driver, extractions, db)
        bare = time.perf_counter() - t0
        stats = reads.graph_stats(driver, db)

        edges = sorted({(e.subject.id, e.relation, e.object.id) for x in extractions
                        for e in x.edges})  # fmt: skip
        actors = sorted({e.subject.id for x in extractions for e in x.edges})
        at = dt.datetime(2025, 1, 1, tzinfo=dt.UTC)
        decisions = [
            Decision(
                id=f"dec-r{i}",
                at=at,
                action="reject_edge",
                by="bench",
                reason="bench",
                source=s,
                relation=r,
                target=o,
            )
            for i, (s, r, o) in enumerate(rng.sample(edges, args.rejects))
        ]
        pairs = rng.sample(actors, 2 * args.merges)
        decisions += [
            Decision(
                id=f"dec-m{i}",
                at=at,
                action="merge",
                by="bench",
                reason="bench",
                actor=pairs[2 * i],
                into=pairs[2 * i + 1],
                snapshot={
                    "actors": [
                        {
                            "id": pairs[2 * i + 1],
                            "name": pairs[2 * i + 1],
                            "kind": "group",
                            "aliases": [],
                        }
                    ]
                },
            )
            for i in range(args.merges)
        ]
        schema.wipe_database(driver, db)
        import_decisions(driver, db, decisions)
        t0 = time.perf_counter()
        loader.load_extractions(driver, extractions, db)
        decided = time.perf_counter() - t0
        after = reads.graph_stats(driver, db)

        make, unmake = [], []
        live = sorted(set(actors) - set(pairs))
        for i in range(args.singles):
            t0 = time.perf_counter()
            d, _ = decide(driver, db, DecisionIn(action="rename", actor=live[i], name=f"R{i}",
                                                 by="bench", reason="bench"))  # fmt: skip
            make.append(time.perf_counter() - t0)
            t0 = time.perf_counter()
            undo(driver, db, d.id, "bench")
            unmake.append(time.perf_counter() - t0)
        merge_times = []
        for i in range(args.singles // 4):
            a, b = live[args.singles + 2 * i], live[args.singles + 2 * i + 1]
            t0 = time.perf_counter()
            decide(driver, db, DecisionIn(action="merge", actor=a, into=b, by="bench",
                                          reason="bench"))  # fmt: skip
            merge_times.append(time.perf_counter() - t0)

    print(f"{len(extractions)} documents, {stats['statements']} statements, "
          f"{stats['edges']} edges, {stats['actors']} actors")  # fmt: skip
    print(f"load without decisions: {bare:.2f} s")
    print(f"load with {args.rejects} rejections and {args.merges} merges in force: "
          f"{decided:.2f} s ({decided / bare:.2f}x); edges {after['edges']}, "
          f"actors {after['actors']}")  # fmt: skip
    print(f"rename on the loaded graph: median {statistics.median(make) * 1000:.0f} ms; "
          f"undo: median {statistics.median(unmake) * 1000:.0f} ms")  # fmt: skip
    if merge_times:
        print(f"merge on the loaded graph: median {statistics.median(merge_times) * 1000:.0f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
