"""Territorial control and the change feed on a synthetic graph in the real Neo4j.

Loads --statements statements over five years (a share of them seizures of --places
places, the rest supports/opposes/met_with between --actors actors), then times
`place_control` (one place), `control_at` (every place on a date) and `fetch_changes`
(windows of a week, a month and a year) and prints the median of --repeat runs.

It writes to the configured database, which must be empty unless --wipe is given (see
bench/load.py for running it on a second instance).
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import statistics
import time
from collections.abc import Callable, Iterator
from typing import Any

from empty_database import open_empty_database

from graph_builder import loader, reads, schema
from graph_builder.changes import fetch_changes
from graph_builder.control import control_at, place_control
from graph_builder.models import Actor, Document, Edge, Evidence, Extraction

START = dt.date(2020, 1, 1)
DAYS = 5 * 365


def synthetic(
    n: int, n_actors: int, n_places: int, seize_share: float, per_doc: int, seed: int
) -> Iterator[Extraction]:
    rng = random.Random(seed)
    actors = [Actor(f"actor-{i:05d}", f"Actor {i}", "armed_group") for i in range(n_actors)]
    places = [Actor(f"place-{i:05d}", f"Place {i}", "place") for i in range(n_places)]
    for d in range(0, n, per_doc):
        day = START + dt.timedelta(days=rng.randrange(DAYS))
        doc = Document(f"doc-{d:07d}", "synthetic", date=day)
        edges = []
        for k in range(min(per_doc, n - d)):
            a = rng.choice(actors)
            if rng.random() < seize_share:
                relation, b = "seized", rng.choice(places)
            else:
                relation, b = rng.choice(("supports", "opposes", "met_with")), rng.choice(actors)
                if b.id == a.id:
                    continue
            sentence = f"{a.name} {relation} {b.name} ({k})."
            edges.append(
                Edge(
                    a,
                    relation,
                    b,
                    Evidence(doc.id, sentence, 0, len(sentence)),
                    date=day,
                    confidence=0.8,
                    rule="bench",
                )
            )
        yield Extraction(doc, edges)


def timed(fn: Callable[[], Any], repeat: int) -> tuple[float, Any]:
    runs, result = [], None
    for _ in range(repeat):
        t0 = time.perf_counter()
        result = fn()
        runs.append(time.perf_counter() - t0)
    return statistics.median(runs) * 1000, result


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--statements", type=int, default=50_000)
    ap.add_argument("--actors", type=int, default=500)
    ap.add_argument("--places", type=int, default=300)
    ap.add_argument("--seize-share", type=float, default=0.2)
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--wipe", action="store_true", help="Empty a non-empty database first.")
    args = ap.parse_args()

    driver, db = open_empty_database(args.wipe)
    try:
        t0 = time.perf_counter()
        summary = loader.load_extractions(
            driver,
            synthetic(args.statements, args.actors, args.places, args.seize_share, 20, args.seed),
            db,
        )
        stats = reads.graph_stats(driver, db)
        print(
            f"loaded {summary.statements_written} statements, {stats['edges']} edges "
            f"({stats['edges_by_relation']['seized']} seized) in {time.perf_counter() - t0:.1f} s"
        )
        ms, control = timed(lambda: place_control(driver, db, "place-00000"), args.repeat)
        print(f"place_control(one place): {ms:8.1f} ms  ({len(control.periods)} periods)")
        mid = START + dt.timedelta(days=DAYS // 2)
        ms, held = timed(lambda: control_at(driver, db, mid), args.repeat)
        print(f"control_at(every place):  {ms:8.1f} ms  ({len(held)} places)")
        for label, days in (("week", 7), ("month", 30), ("year", 365)):
            since = mid
            until = mid + dt.timedelta(days=days - 1)
            ms, ch = timed(lambda s=since, u=until: fetch_changes(driver, db, s, u), args.repeat)
            t = ch.totals()
            print(
                f"fetch_changes({label:>5}):     {ms:8.1f} ms  "
                f"({t['new']} new, {t['grew']} grown, {t['flipped']} flipped)"
            )
        ms, ch = timed(lambda: fetch_changes(driver, db, START), args.repeat)
        print(f"fetch_changes(everything): {ms:7.1f} ms  ({ch.totals()['new']} new)")
    finally:
        schema.wipe_database(driver, db)
        driver.close()


if __name__ == "__main__":
    main()
