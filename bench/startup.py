"""Startup: a fresh process that extracts one sentence, against bare `spacy.load`.

Each round starts one process per variant, in turn (bare spaCy loading its model
and parsing the sentence; the extractor in each mode extracting it), so a busy
moment on a shared machine hits all of them alike. Prints each variant's best and
median wall time and its excess over bare spaCy (issue 8: within 0.5 s).

    python bench/startup.py --rounds 5
"""

from __future__ import annotations

import argparse
import platform
import statistics
import subprocess
import sys
import time

SENTENCE = "Rebels backed by Ankara seized the town of Tal Rifaat from Kurdish fighters."

BARE = f"""
import spacy
from graph_builder.nlp import base_model_name
nlp = spacy.load(base_model_name())
nlp({SENTENCE!r})
"""

EXTRACTOR = f"""
from graph_builder.extract import Extractor
from graph_builder.models import Document
Extractor(mode={{mode!r}}).extract(Document(id="s", text={SENTENCE!r}))
"""


def timed(code: str) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], check=True)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5, help="processes per variant")
    parser.add_argument("--modes", default="rules,both", help="extractor modes, comma-separated")
    args = parser.parse_args()
    if args.rounds < 1:
        parser.error("--rounds must be positive")
    variants = {"bare spacy.load": BARE}
    for mode in (m.strip() for m in args.modes.split(",") if m.strip()):
        variants[f"extractor {mode}"] = EXTRACTOR.format(mode=mode)
    times: dict[str, list[float]] = {name: [] for name in variants}
    for code in variants.values():  # warm the file cache
        timed(code)
    for _ in range(args.rounds):
        for name, code in variants.items():
            times[name].append(timed(code))
    print(f"machine: {platform.processor() or platform.machine()}, "
          f"python {platform.python_version()}, {args.rounds} rounds")
    bare_best = min(times["bare spacy.load"])
    bare_median = statistics.median(times["bare spacy.load"])
    for name, values in times.items():
        best, median = min(values), statistics.median(values)
        print(f"{name:18s} best {best:.2f} s  median {median:.2f} s  "
              f"over bare: best {best - bare_best:+.2f} s, median {median - bare_median:+.2f} s")


if __name__ == "__main__":
    main()
