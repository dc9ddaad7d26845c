"""Time and peak memory of reading and extracting one large document.

Writes a synthetic news text of each size (sentences made up from a few templates,
in paragraphs), then, in a fresh process per size, reads it as `graph-builder ingest`
does and extracts its edges and the rows the loader would write. Prints seconds (wall
and CPU: on a shared machine CPU time is the figure to compare), MB/s and the child's
peak RSS per size; linear time and flat memory mean bounded pieces.

    .venv/bin/python bench/large_documents.py --sizes 1 10 50
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ACTORS = [
    "Russia", "Iran", "Turkey", "Hezbollah", "the Syrian army", "Qatar", "Israel",
    "the Rapid Support Forces", "Ukraine", "Hayat Tahrir al-Sham", "Egypt", "Mali",
]  # fmt: skip
TEMPLATES = [
    "{a} said on Tuesday that it would keep supporting {b} despite the pressure.",
    "Officials in {a} accused {b} of shelling villages near the border overnight.",
    "Fighters loyal to {a} seized a checkpoint on the road held by {b}.",
    "The foreign minister of {a} met his counterpart from {b} in the capital.",
    "Analysts expect {a} to send more drones to {b} before the winter.",
    "Residents described long queues for bread as prices rose again.",
    "{a} denied that it had armed {b}, calling the reports baseless.",
    "Aid convoys waited for days at the crossing while talks continued.",
]


def make_text(size_bytes: int, seed: int = 7) -> str:
    rng = random.Random(seed)
    parts: list[str] = []
    total = 0
    while total < size_bytes:
        paragraph = " ".join(
            rng.choice(TEMPLATES).format(a=rng.choice(ACTORS), b=rng.choice(ACTORS))
            for _ in range(rng.randint(2, 6))
        )
        parts.append(paragraph)
        total += len(paragraph) + 1
    return "\n".join(parts)


def measure(path: str) -> dict[str, float]:
    """Run in the child: read, extract and build the loader's rows for one file."""
    from graph_builder.extract import Extractor
    from graph_builder.load_rows import document_rows
    from graph_builder.models import Extraction
    from graph_builder.reader import read_documents

    extractor = Extractor()
    started, cpu = time.perf_counter(), time.process_time()
    docs = list(read_documents([path], warn=lambda m: print(m, file=sys.stderr)))
    edges = 0
    for extraction in extractor.extract_many(docs):
        rows = document_rows(Extraction(extraction.document, extraction.edges))
        edges += len(rows.statements)
    seconds = time.perf_counter() - started
    cpu = time.process_time() - cpu
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"seconds": round(seconds, 1), "cpu_seconds": round(cpu, 1),
            "peak_rss_mb": round(peak_mb), "statements": edges}  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=float, nargs="+", default=[1, 10, 50], help="MB")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(measure(args.child)))
        return
    print(f"{'MB':>6} {'seconds':>9} {'CPU s':>8} {'MB/s':>7} {'peak RSS MB':>12} "
          f"{'statements':>11}")  # fmt: skip
    with tempfile.TemporaryDirectory() as tmp:
        for mb in args.sizes:
            path = Path(tmp) / f"large-{mb:g}mb.txt"
            path.write_text(make_text(int(mb * 2**20)), encoding="utf-8")
            out = subprocess.run(
                [sys.executable, __file__, "--child", str(path)],
                capture_output=True, text=True, check=True,
            )  # fmt: skip
            r = json.loads(out.stdout.strip().splitlines()[-1])
            rate = mb / r["seconds"] if r["seconds"] else float("inf")
            print(f"{mb:>6g} {r['seconds']:>9.1f} {r['cpu_seconds']:>8.1f} {rate:>7.3f} "
                  f"{r['peak_rss_mb']:>12} "
                  f"{r['statements']:>11}", flush=True)  # fmt: skip
            path.unlink()


if __name__ == "__main__":
    main()
