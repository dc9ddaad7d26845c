"""Extraction throughput: the bare spaCy pipeline against the full extractor.

Both run on the same texts in one process run and report words per second and
their ratio; peak memory (max RSS of this process and its workers) is printed
at the end. The corpus is the repository's news texts (dev set, samples and,
when present, the seed articles), cycled to the requested number of documents
and streamed, so memory should stay flat as the corpus grows.

    python bench/extract.py --docs 1000                       # bare, rules, both
    python bench/extract.py --docs 10000 --skip-bare --processes 2 --modes both
"""

from __future__ import annotations

import argparse
import itertools
import platform
import resource
import sys
import time
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

from graph_builder.extract import Extractor
from graph_builder.models import Document
from graph_builder.nlp import load_base_pipeline
from graph_builder.reader import read_documents

REPO = Path(__file__).resolve().parents[1]
SOURCES = [REPO / "tests" / "data" / "dev", REPO / "samples", REPO.parent / "shared" / "seeds"]


def base_documents() -> list[Document]:
    paths = [p for p in SOURCES if p.exists()]
    docs = list(read_documents(paths, lambda message: None))
    if not docs:
        sys.exit("no texts found under tests/data/dev or samples")
    return docs


def corpus(docs: list[Document], n: int) -> Iterator[Document]:
    """`n` documents cycling over the base texts, each with its own id."""
    for i, doc in enumerate(itertools.islice(itertools.cycle(docs), n)):
        yield replace(doc, id=f"{doc.id}-{i}")


def peak_rss_mb() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(own, kids) / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=1000, help="documents to process")
    parser.add_argument("--processes", type=int, default=1, help="worker processes")
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--skip-bare", action="store_true", help="only run the extractor")
    parser.add_argument("--rounds", type=int, default=2,
                        help="alternating rounds; the best of each is reported")
    parser.add_argument("--modes", default="rules,both",
                        help="extractor modes to time, comma-separated (rules, model, both)")
    args = parser.parse_args()
    if args.docs < 1 or args.processes < 1:
        parser.error("--docs and --processes must be positive")

    docs = base_documents()
    words = sum(len(d.text.split()) for d in corpus(docs, args.docs))
    machine = platform.processor() or platform.machine()
    print(f"machine: {machine}, python {platform.python_version()}")
    print(f"corpus: {args.docs} documents, {words} words, {args.processes} process(es)")

    modes = [m.strip() for m in args.modes.split(",") if m.strip()]
    extractors = {mode: Extractor(mode=mode) for mode in modes}
    for extractor in extractors.values():
        extractor.extract(docs[0])  # warm-up: load the model and the dictionaries
    nlp = None if args.skip_bare else load_base_pipeline()
    if nlp is not None:
        list(nlp.pipe([docs[0].text]))

    def time_bare() -> float:
        assert nlp is not None
        start = time.perf_counter()
        texts = (d.text for d in corpus(docs, args.docs))
        for _ in nlp.pipe(texts, batch_size=args.batch_size, n_process=args.processes):
            pass
        return words / (time.perf_counter() - start)

    def time_mode(mode: str) -> tuple[float, int]:
        start = time.perf_counter()
        edges = 0
        stream = corpus(docs, args.docs)
        for extraction in extractors[mode].extract_many(
            stream, n_process=args.processes, batch_size=args.batch_size
        ):
            edges += len(extraction.edges)
        return words / (time.perf_counter() - start), edges

    # Rounds alternate bare and each mode, so drift in the machine's load hits all alike;
    # the best round of each is reported.
    best: dict[str, float] = {}
    counts: dict[str, int] = {}
    for _ in range(args.rounds):
        if nlp is not None:
            best["bare"] = max(best.get("bare", 0.0), time_bare())
        for mode in modes:
            wps, counts[mode] = time_mode(mode)
            best[mode] = max(best.get(mode, 0.0), wps)
    bare_wps = best.get("bare")
    if bare_wps:
        print(f"bare spaCy pipeline: {bare_wps:,.0f} words/s")
    for mode in modes:
        print(f"extractor ({mode}):{' ' * (6 - len(mode))} {best[mode]:,.0f} words/s "
              f"({counts[mode]} edges)")
        if bare_wps:
            print(f"ratio {mode}/bare: {best[mode] / bare_wps:.2f}")
    print(f"peak memory (max RSS): {peak_rss_mb():,.0f} MB")


if __name__ == "__main__":
    main()
