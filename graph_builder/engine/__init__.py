"""Where extraction runs: in this process (`local`) or on a Dask cluster (`dask`).

Both engines take a stream of documents and give back their extractions in input
order, so the loader writes the same batches whichever engine extracted them.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Protocol

from graph_builder.errors import GraphBuilderError
from graph_builder.models import Document, Extraction

ENGINES = ("local", "dask")
DEFAULT_PARTITION = 16  # documents per task sent to a worker


class EngineError(GraphBuilderError):
    """The distributed engine is missing, unreachable, or lost a partition for good."""


class Engine(Protocol):
    """Extracts a stream of documents; yields one Extraction per document, in order."""

    def extract(self, documents: Iterable[Document]) -> Iterator[Extraction]: ...


@dataclass(frozen=True, slots=True)
class EngineOptions:
    """How to run extraction (the CLI's --engine, --processes, --address, --workers)."""

    name: str = "local"
    mode: str = "both"  # the extractor: rules, model or both
    processes: int = 1  # local engine: worker processes on this machine
    address: str | None = None  # dask: a running scheduler; None starts a local cluster
    workers: int | None = None  # dask local cluster: worker processes (default: cores)
    partition_size: int = DEFAULT_PARTITION


class LocalEngine:
    """The extractor in this process (or a fork pool of `processes`)."""

    def __init__(self, mode: str, processes: int) -> None:
        from graph_builder.extract import Extractor

        self.extractor = Extractor(mode=mode)
        self.processes = processes

    def extract(self, documents: Iterable[Document]) -> Iterator[Extraction]:
        return self.extractor.extract_many(documents, n_process=self.processes)


@contextmanager
def open_engine(options: EngineOptions) -> Iterator[Engine]:
    """The engine `options` name, ready to extract; a local Dask cluster is closed after."""
    if options.name == "local":
        yield LocalEngine(options.mode, options.processes)
        return
    if options.name != "dask":
        raise EngineError(f"unknown engine {options.name!r}: choose one of {', '.join(ENGINES)}")
    try:
        from graph_builder.engine.dask_engine import dask_engine
    except ImportError as exc:
        raise EngineError(
            f"the dask engine needs Dask distributed ({exc.name} is not installed): "
            "pip install 'graph-builder[dask]'"
        ) from None
    with dask_engine(options) as engine:
        yield engine


__all__ = ["ENGINES", "Engine", "EngineError", "EngineOptions", "LocalEngine", "open_engine"]
