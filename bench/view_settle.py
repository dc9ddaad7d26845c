"""Seconds for a 1,000-node network view to settle in headless Chromium (Debian's).

    python bench/view_settle.py              # synthetic 1,000 actors / 2,500 edges, no database
    python bench/view_settle.py --from-db    # around actor-000000 of bench/api.py's graph

Prints the in-page time from script start to the end of stabilisation (physics then
off) and the wall time from navigation to settled, median of --runs runs.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

import neo4j

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from graph_builder.chromium import CHROMIUM, FLAGS
from graph_builder.models import Actor, Edge, Evidence
from graph_builder.views import write_view_from_db, write_view_from_edges


def measure(page_path: Path, runs: int = 3) -> dict:
    """Open the page `runs` times; median in-page settle time and wall time (seconds)."""
    from playwright.sync_api import sync_playwright

    settle, wall, drawn = [], [], None
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
                "[network.body.nodeIndices.length, network.body.edgeIndices.length]"
            )
            page.close()
        browser.close()
    return {
        "settle_s": statistics.median(settle),
        "wall_s": statistics.median(wall),
        "nodes": drawn[0],
        "edges": drawn[1],
        "runs": runs,
    }


def report(result: dict, what: str) -> None:
    print(
        f"view settle ({what}): {result['nodes']:,} nodes, {result['edges']:,} edges: "
        f"{result['settle_s']:.2f} s in page, {result['wall_s']:.2f} s navigation to settled "
        f"(median of {result['runs']})",
        flush=True,
    )


def settle_from_db(driver: neo4j.Driver, database: str, center: str, nodes: int = 1000) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        path = write_view_from_db(
            driver, database, Path(tmp) / "view.html", center=center, depth=3, max_nodes=nodes
        )
        result = measure(path)
    report(result, f"from Neo4j around {center}")
    return result


def synthetic_edges(n_nodes: int, n_edges: int, seed: int = 3) -> list[Edge]:
    rnd = random.Random(seed)
    kinds = ("country", "person", "armed_group", "organisation", "place")
    actors = [Actor(f"a{i}", f"Actor {i}", kinds[i % len(kinds)]) for i in range(n_nodes)]
    rels = ("supports", "opposes", "met_with", "seized")
    edges = []
    for i in range(n_edges):
        # a spanning chain keeps every actor in the view, the rest random
        a, b = (actors[i], actors[i + 1]) if i < n_nodes - 1 else rnd.sample(actors, 2)
        sentence = f"{a.name} and {b.name}, sentence {i}."
        edges.append(Edge(a, rnd.choice(rels), b, Evidence(f"d{i % 50}", sentence, 0, 9)))
    return edges


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--nodes", type=int, default=1000)
    ap.add_argument("--edges", type=int, default=2500)
    ap.add_argument("--from-db", action="store_true")
    args = ap.parse_args()
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
        report(measure(path), "synthetic")


if __name__ == "__main__":
    main()
