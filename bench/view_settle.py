"""Seconds for a 1,000-node network view to settle in headless Chromium (Debian's).

    python bench/view_settle.py              # synthetic 1,000 actors / 2,500 edges, no database
    python bench/view_settle.py --from-db    # around actor-000000 of bench/api.py's graph
    python bench/view_settle.py --synthetic-db   # the synthetic graph loaded into an empty Neo4j

Prints the in-page time from script start to the end of stabilisation (physics then
off) and the wall time from navigation to settled, median of --runs runs.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

import neo4j

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from graph_builder.chromium import CHROMIUM, FLAGS
from graph_builder.models import Actor, Edge, Evidence
from graph_builder.subgraph import GraphFilter
from graph_builder.views import write_view_from_db, write_view_from_edges

# Move the time control's start to the middle date, as a user does, and time the filter
# pass and label thinning it triggers (ms, synchronous work before the repaint).
MOVE_TIME = """() => {
  const from = document.getElementById('time-from');
  from.value = String(Math.floor(Number(from.max) / 2));
  const t = performance.now();
  from.dispatchEvent(new Event('input'));
  return performance.now() - t;
}"""


def measure(page_path: Path, runs: int = 3) -> dict:
    """Open the page `runs` times; median in-page settle time and wall time (seconds)."""
    from playwright.sync_api import sync_playwright

    settle, wall, redraw, drawn = [], [], [], None
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS, headless=True)
        for _ in range(runs):
            page = browser.new_page(viewport={"width": 1400, "height": 900})
            t0 = time.perf_counter()
            page.goto(page_path.as_uri())
            page.wait_for_function("window.graphView && window.graphView.settled", timeout=120_000)
            wall.append(time.perf_counter() - t0)
            settle.append(page.evaluate("window.graphView.settleMs") / 1000)
            drawn = page.evaluate(
                "[graphView.nodes, graphView.edges, graphView.links, graphView.labels]"
            )
            redraw.append(page.evaluate(MOVE_TIME))
            page.close()
        browser.close()
    return {
        "settle_s": statistics.median(settle),
        "wall_s": statistics.median(wall),
        "nodes": drawn[0],
        "edges": drawn[1],
        "links": drawn[2],
        "labels": drawn[3],
        "redraw_ms": statistics.median(redraw),
        "runs": runs,
    }


def report(result: dict, what: str) -> None:
    print(
        f"view settle ({what}): {result['nodes']:,} nodes, {result['edges']:,} edges, "
        f"{result['links']:,} affiliation links, {result['labels']:,} labels drawn: "
        f"{result['settle_s']:.2f} s in page, {result['wall_s']:.2f} s navigation to settled; "
        f"time control moved: {result['redraw_ms']:.0f} ms (median of {result['runs']})",
        flush=True,
    )


def settle_from_db(
    driver: neo4j.Driver, database: str, center: str, nodes: int = 1000, depth: int = 3
) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        t0 = time.perf_counter()
        where = GraphFilter(center=center, depth=depth, max_nodes=nodes)
        path = write_view_from_db(driver, database, Path(tmp) / "view.html", where)
        written = time.perf_counter() - t0
        size = path.stat().st_size / 1e6
        result = measure(path)
    report(
        result,
        f"from Neo4j around {center}; page of {size:.1f} MB fetched and written in {written:.2f} s",
    )
    return result


def load_synthetic(n_nodes: int, n_edges: int, wipe: bool) -> None:
    """Load the synthetic statements into the configured (empty) database, then measure
    the view around a0 as `graph-builder view` writes it from there; the data is deleted
    afterwards."""
    from empty_database import open_empty_database

    from graph_builder.loader import load_extractions
    from graph_builder.models import Document, Extraction
    from graph_builder.schema import wipe_database

    driver, db = open_empty_database(wipe)
    try:
        by_doc: dict[str, list[Edge]] = {}
        for e in synthetic_edges(n_nodes, n_edges):
            by_doc.setdefault(e.evidence.doc_id, []).append(e)
        docs = [
            Extraction(Document(d, "synthetic", f"Report {d}", f"https://example.org/{d}"), es)
            for d, es in by_doc.items()
        ]
        load_extractions(driver, docs, database=db)
        settle_from_db(driver, db, "a0", n_nodes, depth=6)
    finally:
        wipe_database(driver, db)
        driver.close()


def synthetic_edges(n_nodes: int, n_edges: int, seed: int = 3) -> list[Edge]:
    """Actors of every kind (each person speaking for a country), dated statements of
    mixed confidence and rules, a few edges stated several times."""
    rnd = random.Random(seed)
    kinds = ("country", "person", "armed_group", "organisation", "place")
    countries = [f"a{i}" for i in range(n_nodes) if kinds[i % len(kinds)] == "country"]
    actors = [
        Actor(
            f"a{i}",
            f"Actor {i}",
            kinds[i % len(kinds)],
            affiliation=rnd.choice(countries) if kinds[i % len(kinds)] == "person" else None,
        )
        for i in range(n_nodes)
    ]
    rels = ("supports", "opposes", "met_with", "seized")
    edges = []
    for i in range(n_edges):
        # a spanning chain keeps every actor in the view, the rest random
        a, b = (actors[i], actors[i + 1]) if i < n_nodes - 1 else rnd.sample(actors, 2)
        day = dt.date(2024, 1, 1) + dt.timedelta(days=rnd.randrange(365))
        for k in range(1 + (i % 7 == 0) * 3):
            sentence = f"{a.name} and {b.name}, sentence {i}.{k}."
            edges.append(
                Edge(
                    a,
                    rels[i % 4],
                    b,
                    Evidence(f"d{i % 50}", sentence, 0, 9, "Someone" if k else None),
                    date=day + dt.timedelta(days=k),
                    confidence=round(rnd.uniform(0.3, 0.95), 2),
                    rule="verb:bench",
                )
            )
    return edges


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--nodes", type=int, default=1000)
    ap.add_argument("--edges", type=int, default=2500)
    ap.add_argument("--from-db", action="store_true")
    ap.add_argument(
        "--synthetic-db",
        action="store_true",
        help="load the synthetic graph into the configured empty database and view it from there",
    )
    ap.add_argument("--wipe", action="store_true", help="with --synthetic-db: empty it first")
    args = ap.parse_args()
    if args.synthetic_db:
        load_synthetic(args.nodes, args.edges, args.wipe)
        return
    if args.from_db:
        from graph_builder.db import open_driver
        from graph_builder.settings import get_settings

        settings = get_settings()
        with open_driver(settings) as driver:
            settle_from_db(driver, settings.neo4j_database, "actor-000000", args.nodes)
        return
    with tempfile.TemporaryDirectory() as tmp:
        path = write_view_from_edges(
            synthetic_edges(args.nodes, args.edges), Path(tmp) / "view.html"
        )
        size = path.stat().st_size / 1e6
        report(measure(path), f"synthetic, page {size:.1f} MB")


if __name__ == "__main__":
    main()
