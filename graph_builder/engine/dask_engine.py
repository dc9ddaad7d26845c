"""Extraction on a Dask distributed cluster.

The driver (the process running the CLI) reads the inputs with the ordinary readers,
cuts the stream into partitions of whole documents and submits one task per
partition. Each worker process builds the extractor once (a worker plugin loads the
spaCy pipeline and the relation model when the worker joins) and sends back only the
edges; the driver pairs them with the documents it kept and hands them to the loader
in input order. A partition's documents travel inside its task, so when a worker dies
the scheduler runs the partition again elsewhere; loading is idempotent, so a retry
writes nothing twice. At most a few partitions per worker thread are in flight, so
memory stays bounded whatever the size of the input.
"""

from __future__ import annotations

import logging
import os
import threading
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import CancelledError
from contextlib import contextmanager
from functools import cache
from typing import TYPE_CHECKING, Any

from distributed import Client, Future, LocalCluster, WorkerPlugin
from distributed.scheduler import KilledWorker

from graph_builder.engine import EngineError, EngineOptions
from graph_builder.models import Document, Edge, Extraction

if TYPE_CHECKING:
    from graph_builder.extract import Extractor

PLUGIN = "graph-builder-extractor"
IN_FLIGHT_PER_THREAD = 3  # partitions submitted ahead per worker thread
CONNECT_TIMEOUT = "10s"

_lock = threading.Lock()  # one task at a time uses a process's extractor


@cache
def worker_extractor(mode: str) -> Extractor:
    """The extractor of this worker process, built on first use and kept."""
    from graph_builder.extract import Extractor

    return Extractor(mode=mode)


class ExtractorPlugin(WorkerPlugin):
    """Loads the extractor when a worker starts (or joins later), not per task."""

    def __init__(self, mode: str) -> None:
        self.mode = mode

    def setup(self, worker: Any) -> None:
        with _lock:
            worker_extractor(self.mode)


def extract_partition(documents: list[Document], mode: str) -> list[list[Edge]]:
    """Run on a worker: the edges of each document of one partition, in order."""
    with _lock:
        extractor = worker_extractor(mode)
        return [extraction.edges for extraction in extractor.extract_many(documents)]


def partitions(documents: Iterable[Document], size: int) -> Iterator[list[Document]]:
    """Consecutive lists of `size` documents (the last may be shorter)."""
    part: list[Document] = []
    for document in documents:
        part.append(document)
        if len(part) >= size:
            yield part
            part = []
    if part:
        yield part


class DaskEngine:
    """Submits partitions to a Dask client and yields their extractions in input order."""

    def __init__(self, client: Client, mode: str, partition_size: int, where: str) -> None:
        self.client = client
        self.mode = mode
        self.partition_size = partition_size
        self.where = where

    def threads(self) -> int:
        """Worker threads in the cluster now."""
        return sum(self.client.nthreads().values())

    def extract(self, documents: Iterable[Document]) -> Iterator[Extraction]:
        pending: deque[tuple[list[Document], Future[list[list[Edge]]]]] = deque()
        window = max(4, IN_FLIGHT_PER_THREAD * self.threads())
        submitted = 0
        try:
            for part in partitions(documents, self.partition_size):
                future = self.client.submit(extract_partition, part, self.mode, pure=False)
                pending.append((part, future))
                submitted += 1
                if submitted % window == 0:  # workers may have joined or left
                    window = max(4, IN_FLIGHT_PER_THREAD * self.threads())
                while len(pending) >= window:
                    yield from self._collect(*pending.popleft())
            while pending:
                yield from self._collect(*pending.popleft())
        finally:
            for _, future in pending:
                future.cancel()

    def _collect(
        self, part: list[Document], future: Future[list[list[Edge]]]
    ) -> Iterator[Extraction]:
        try:
            edges = future.result()
        except KilledWorker:
            raise EngineError(
                f"the partition starting with document {part[0].id!r} was lost with every "
                "worker that ran it (see the workers' logs); batches loaded so far are "
                "stored, rerun the same command to finish"
            ) from None
        except (CancelledError, OSError) as exc:
            raise EngineError(
                f"lost the Dask cluster at {self.where} ({type(exc).__name__}); batches "
                "loaded so far are stored, rerun the same command to finish"
            ) from None
        for document, found in zip(part, edges, strict=True):
            yield Extraction(document, found)


@contextmanager
def dask_engine(options: EngineOptions) -> Iterator[DaskEngine]:
    """Connect to the scheduler at `options.address`, else start a cluster on this machine."""
    cluster: LocalCluster | None = None
    if options.address:
        where = options.address
        try:
            client = Client(options.address, timeout=CONNECT_TIMEOUT)
        except (OSError, TimeoutError, ValueError) as exc:
            raise EngineError(
                f"cannot reach the Dask scheduler at {options.address!r} "
                f"({type(exc).__name__}: {exc}); check --address"
            ) from None
    else:
        workers = options.workers or os.cpu_count() or 1
        cluster = LocalCluster(
            n_workers=workers,
            threads_per_worker=1,
            processes=True,
            host="127.0.0.1",
            dashboard_address=None,
            silence_logs=logging.ERROR,
        )
        client = Client(cluster)
        where = f"{cluster.scheduler_address} (local cluster, {workers} workers)"
    try:
        client.register_plugin(ExtractorPlugin(options.mode), name=f"{PLUGIN}-{options.mode}")
        yield DaskEngine(client, options.mode, options.partition_size, where)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
