"""Neo4j's raw write rates on this machine, for what one loaded edge needs.

The loader writes, per aggregated edge, at least one Statement node linked to its
document and one relationship between two actors. This script times those writes
alone, without the loader's checks and aggregation, one transaction per batch of
rows (client, Bolt and commit included), to show the ceiling any loader built on
Cypher over Bolt reaches here.

It writes to the configured database, which must be empty unless --wipe is given;
run it on a second instance as bench/load.py explains.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import time
from collections.abc import Callable
from typing import Any

import neo4j
from empty_database import open_empty_database

from graph_builder import schema
from graph_builder.cypher import query

Rows = Callable[[int, int], list[dict[str, Any]]]


def statement_rows(first: int, count: int) -> list[dict[str, Any]]:
    return [
        {
            "id": f"{i:016x}",
            "edge_key": f"actor-{i % 20_000:06d}|SUPPORTS|actor-{i * 7 % 20_000:06d}",
            "sentence": f"Actor {i % 20_000} supports Actor {i * 7 % 20_000} in this sentence.",
            "start": i % 5_000,
            "end": i % 5_000 + 50,
            "speaker": None,
            "date": dt.date(2024, 12, 1),
            "negated": False,
            "hypothetical": False,
            "confidence": 0.7,
            "rule": "synthetic",
            "doc_id": f"doc-{i // 20:07d}",
        }
        for i in range(first, first + count)
    ]


def edge_rows(first: int, count: int) -> list[dict[str, Any]]:
    return [
        {
            "source": f"actor-{i % 20_000:06d}",
            "target": f"actor-{(i * 7 + 1) % 20_000:06d}",
            "n": 1,
            "first": dt.date(2024, 12, 1),
            "last": dt.date(2024, 12, 1),
            "confidence": 0.7,
        }
        for i in range(first, first + count)
    ]


def timed(driver: neo4j.Driver, db: str, name: str, rows: Rows, total: int, batch: int) -> float:
    """Rows per second for `total` rows of `cypher/bench/<name>`, after a warm-up batch."""
    text = query(f"bench/{name}")

    def write(first: int) -> None:
        params = rows(first, batch)
        with driver.session(database=db) as session:
            session.execute_write(lambda tx: tx.run(text, rows=params).consume())

    write(total)  # warm-up (planning, JIT) on rows after the measured ones
    start = time.perf_counter()
    for first in range(0, total, batch):
        write(first)
    return total / (time.perf_counter() - start)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--batch", type=int, default=10_000, help="rows per transaction")
    parser.add_argument("--wipe", action="store_true", help="empty a non-empty database first")
    args = parser.parse_args(argv)

    driver, db = open_empty_database(args.wipe)
    with driver:
        with driver.session(database=db) as session:
            actors = [
                {"id": f"actor-{i:06d}", "name": f"Actor {i}", "kind": "person"}
                for i in range(20_000)
            ]
            session.run(query("bench/actors"), rows=actors).consume()
            docs = [f"doc-{i:07d}" for i in range((200_000 + args.rows + args.batch) // 20 + 1)]
            session.run(query("bench/ceiling_documents"), ids=docs).consume()

        print(f"{args.rows:,} rows per test, {args.batch:,} rows per transaction")
        tests = [
            ("ceiling_statements", "Statement nodes (11 properties)", statement_rows, 0),
            ("ceiling_linked_statements", "... each linked to its document", statement_rows,
             200_000),
            ("ceiling_new_edges", "relationships between existing actors (5 properties)",
             edge_rows, 0),
        ]  # fmt: skip
        rates = []
        for name, label, rows, offset in tests:
            rate = timed(driver, db, name, lambda f, n, r=rows, o=offset: r(f + o, n),
                         args.rows, args.batch)  # fmt: skip
            rates.append(rate)
            print(f"{label}: {rate:,.0f} rows/s")
        both = 1 / (1 / rates[1] + 1 / rates[2])
        print(f"one linked statement plus one new relationship: {both:,.0f} per second")
        schema.wipe_database(driver, db)
    return 0


if __name__ == "__main__":
    sys.exit(main())
