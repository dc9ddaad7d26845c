"""Extraction on the Dask engine: 1 against 2 workers, and against `--processes 2`.

All runs extract the same documents (the repository's news texts cycled to `--docs`,
each with its own id) in one invocation and report words/s. Cluster start-up (worker
processes loading the pipeline) is timed apart from extraction. Then, on the 2-worker
cluster, the per-task overhead (empty partitions through the scheduler) and the bytes a
partition sends and brings back, which is what sizing a larger cluster needs.

    python bench/scale.py --docs 1000
"""

from __future__ import annotations

import argparse
import os
import pickle
import platform
import statistics
import sys
import time
from collections.abc import Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from extract import base_documents, corpus  # the same corpus as bench/extract.py

from graph_builder.engine import EngineOptions, LocalEngine, open_engine
from graph_builder.engine.dask_engine import (
    DaskEngine,
    extract_partition,
    partitions,
)
from graph_builder.models import Document, Extraction

CPU = {"driver": 0.0}  # CPU seconds of this process in the last timed run


def timed(extractions: Iterator[Extraction], words: int) -> tuple[float, list[Extraction]]:
    start, cpu = time.perf_counter(), time.process_time()
    out = list(extractions)
    CPU["driver"] = time.process_time() - cpu
    return words / (time.perf_counter() - start), out


def task_overhead(engine: DaskEngine, tasks: int) -> float:
    """Milliseconds per empty partition sent through the scheduler and back, in flight
    as the engine keeps them (several per worker)."""
    client = engine.client
    client.gather([client.submit(extract_partition, [], engine.mode, pure=False)])
    start = time.perf_counter()
    futures = [client.submit(extract_partition, [], engine.mode, pure=False)
               for _ in range(tasks)]
    client.gather(futures)
    return 1000 * (time.perf_counter() - start) / tasks


def payloads(docs: list[Document], found: list[Extraction], size: int) -> tuple[float, float]:
    """Mean pickled bytes per document sent to a worker, and per document sent back."""
    sent = sum(len(pickle.dumps(part, protocol=5)) for part in partitions(docs, size))
    edges = [e.edges for e in found]
    back = sum(
        len(pickle.dumps(edges[i : i + size], protocol=5)) for i in range(0, len(edges), size)
    )
    return sent / len(docs), back / len(docs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=1000, help="documents to extract")
    parser.add_argument("--partition-size", type=int, default=16)
    parser.add_argument("--tasks", type=int, default=300, help="empty tasks for the overhead")
    parser.add_argument("--mode", default="both", choices=["rules", "model", "both"])
    args = parser.parse_args()
    if args.docs < 1:
        parser.error("--docs must be positive")

    base = base_documents()
    docs = list(corpus(base, args.docs))
    words = sum(len(d.text.split()) for d in docs)
    print(f"machine: {platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
          f"python {platform.python_version()}, load average {os.getloadavg()[0]:.1f} at start")
    print(f"corpus: {args.docs} documents, {words} words, partitions of {args.partition_size}")

    rates: dict[str, float] = {}
    edges: dict[str, int] = {}
    results: list[Extraction] = []
    for workers in (1, 2):
        options = EngineOptions(name="dask", mode=args.mode, workers=workers,
                                partition_size=args.partition_size)
        start = time.perf_counter()
        with open_engine(options) as engine:
            ready = time.perf_counter() - start
            assert isinstance(engine, DaskEngine)
            rate, results = timed(engine.extract(iter(docs)), words)
            rates[f"dask {workers}"], edges[f"dask {workers}"] = rate, _edges(results)
            print(f"dask, {workers} worker(s): {rate:,.0f} words/s "
                  f"({edges[f'dask {workers}']} edges; cluster ready in {ready:.1f} s)")
            if workers == 2:
                driver_cpu = CPU["driver"]
                overhead = task_overhead(engine, args.tasks)
    local = LocalEngine(args.mode, processes=2)
    local.extractor.extract(docs[0])  # load the pipeline before the clock starts
    rate, found = timed(local.extract(iter(docs)), words)
    rates["processes 2"], edges["processes 2"] = rate, _edges(found)
    print(f"local, --processes 2: {rate:,.0f} words/s ({edges['processes 2']} edges)")

    print(f"ratio dask 2 / dask 1 workers: {rates['dask 2'] / rates['dask 1']:.2f}")
    print(f"dask 2 workers / --processes 2: {rates['dask 2'] / rates['processes 2']:.2f} "
          f"(engine overhead {100 * (1 - rates['dask 2'] / rates['processes 2']):+.1f} %)")
    sent, back = payloads(docs, results, args.partition_size)
    per_doc = [len(e.edges) for e in results]
    seconds_per_partition = args.partition_size * words / len(docs) / rates["dask 1"]
    print(f"per-task overhead (empty partition, {args.tasks} tasks): {overhead:.1f} ms; "
          f"one partition of {args.partition_size} takes {seconds_per_partition:.2f} s "
          "on one worker")
    print(f"payload per document: {sent:,.0f} bytes to a worker, {back:,.0f} bytes back; "
          f"edges per document: mean {statistics.mean(per_doc):.1f}")
    print(f"driver CPU with 2 workers: {1000 * driver_cpu / len(docs):.2f} ms per document "
          "(reading, submitting, receiving; loading not included)")
    same = len(set(edges.values())) == 1
    print(f"same edges in every run: {same}")
    print(f"load average {os.getloadavg()[0]:.1f} at the end")


def _edges(found: list[Extraction]) -> int:
    return sum(len(e.edges) for e in found)


if __name__ == "__main__":
    main()
