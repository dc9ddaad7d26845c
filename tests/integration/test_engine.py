"""`ingest --engine dask` against real Dask clusters and the suite's real Neo4j.

The graph a 2-worker cluster builds equals the single-process graph (full dump), also
when a worker is killed mid-run or the driver is killed and the command rerun. The
clusters are real processes: a `LocalCluster` the CLI starts, or `dask scheduler` and
`dask worker` processes started here (as on several machines), reached by `--address`.
"""

from __future__ import annotations

import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import neo4j
import pytest
from distributed import Client

from graph_builder.reader import read_documents
from graph_builder.reads import graph_stats
from graph_builder.schema import wipe_database
from graph_builder.settings import Settings

pytestmark = pytest.mark.integration

BIN = Path(sys.executable).parent
GRAPH_BUILDER = str(BIN / "graph-builder")
DASK = str(BIN / "dask")
REPO = Path(__file__).resolve().parents[2]
COPIES = 4  # the seeds and samples, four times over (distinct texts): ~50 documents
# Small batches and partitions, so that a run is cut while many remain. Both runs use
# the same batches: a batch's edges combine their confidences in one sum (noisy-or), so
# batch boundaries can move the last digits.
BATCHES = ("--batch-size", "4")
PARTS = ("--partition-size", "2")


def run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [GRAPH_BUILDER, *args], capture_output=True, text=True, timeout=600,
        env={**os.environ, **(env or {})}, check=False,
    )


def routing_env(settings: Settings) -> dict[str, str]:
    """The test Neo4j through a routing URI (as a cluster or Aura is reached)."""
    return {"NEO4J_URI": f"neo4j://127.0.0.1:{settings.neo4j_bolt_port}"}


def documents_loaded(driver: neo4j.Driver, settings: Settings) -> int:
    return int(graph_stats(driver, settings.neo4j_database)["documents"])


def wait_until(check: Callable[[], bool], what: str, timeout: float = 120.0) -> None:
    deadline = time.monotonic() + timeout
    while not check():
        if time.monotonic() > deadline:
            pytest.fail(f"timed out waiting for {what}", pytrace=False)
        time.sleep(0.05)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory, seeds_dir: Path) -> Path:
    """A JSONL file of the seeds and samples, each copy with its own id and last line."""
    problems: list[str] = []
    docs = list(read_documents([seeds_dir, REPO / "samples"], problems.append))
    assert docs and not problems, problems
    path = tmp_path_factory.mktemp("engine") / "corpus.jsonl"
    with path.open("w", encoding="utf-8") as out:
        for n in range(COPIES):
            for doc in docs:
                record = {
                    "id": f"copy{n}-{doc.id}",
                    "title": doc.title,
                    "date": doc.date.isoformat() if doc.date else None,
                    "text": f"{doc.text}\n\nDispatch {n} of the desk.\n",
                }
                out.write(json.dumps(record) + "\n")
    return path


_REFERENCE: dict[str, Any] = {}


@pytest.fixture()
def content(dump: Callable[[neo4j.Driver], Any]) -> Callable[[neo4j.Driver], Any]:
    return lambda drv: content_of(dump(drv))


@pytest.fixture()
def reference(
    clean_db: neo4j.Driver, settings: Settings, corpus: Path,
    content: Callable[[neo4j.Driver], Any],
) -> Any:
    """The graph a clean single-process ingest of the corpus builds (made once)."""
    if "graph" not in _REFERENCE:
        result = run("ingest", *BATCHES, str(corpus))
        assert result.returncode == 0, result.stderr
        _REFERENCE["graph"] = (graph_stats(clean_db, settings.neo4j_database), content(clean_db))
        wipe_database(clean_db, settings.neo4j_database)
    return _REFERENCE["graph"]


def content_of(full: Any) -> Any:
    """A full dump (`dump_graph`) less what records when and how often it was written:
    each document's `loaded_at` and the writers' lock node with its sequence number."""
    nodes, rels = full
    return [_drop_loaded_at(n) for n in nodes if not n.startswith("(['LoadLock']")], rels


def _drop_loaded_at(row: str) -> str:
    return re.sub(r"\('loaded_at', neo4j\.time\.DateTime\([^)]*\)\)", "('loaded_at', _)", row)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class Cluster:
    """A `dask scheduler` and its `dask worker` processes on this machine."""

    def __init__(self, workers: int, log_dir: Path) -> None:
        self.address = f"tcp://127.0.0.1:{free_port()}"
        port = self.address.rsplit(":", 1)[1]
        self.logs = log_dir
        self.scheduler = self._spawn(
            "scheduler", [DASK, "scheduler", "--host", "127.0.0.1", "--port", port,
                          "--no-dashboard"])
        self.workers = [
            self._spawn(f"worker{i}", [DASK, "worker", self.address, "--nthreads", "1",
                                       "--no-nanny", "--no-dashboard", "--name", f"w{i}",
                                       "--death-timeout", "60"])
            for i in range(workers)
        ]
        self.client = Client(self.address, timeout="60s")
        self.client.wait_for_workers(workers, timeout=120)

    def _spawn(self, name: str, argv: list[str]) -> subprocess.Popen[bytes]:
        log = (self.logs / f"{name}.log").open("wb")
        return subprocess.Popen(argv, stdout=log, stderr=subprocess.STDOUT)

    def address_of(self, name: str) -> str:
        info = self.client.scheduler_info()["workers"]
        return next(addr for addr, w in info.items() if w["name"] == name)

    def close(self) -> None:
        self.client.close()
        for proc in [*self.workers, self.scheduler]:
            if proc.poll() is None:
                proc.terminate()
        for proc in [*self.workers, self.scheduler]:
            try:
                proc.wait(timeout=5)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()


@pytest.fixture()
def cluster(tmp_path: Path) -> Iterator[Cluster]:
    started = Cluster(2, tmp_path)
    yield started
    started.close()


def test_local_cluster_of_two_workers_builds_the_single_process_graph(
    clean_db: neo4j.Driver,
    settings: Settings,
    seeds_dir: Path,
    content: Callable[[neo4j.Driver], Any],
) -> None:
    inputs = [str(seeds_dir), str(REPO / "samples")]
    single = run("ingest", *inputs)
    assert single.returncode == 0, single.stderr
    expected = content(clean_db)
    wipe_database(clean_db, settings.neo4j_database)

    result = run("ingest", "--engine", "dask", "--workers", "2", "--partition-size", "2",
                 *inputs, env=routing_env(settings))
    assert result.returncode == 0, result.stderr
    assert content(clean_db) == expected
    assert "Ingesting" in result.stderr and "Traceback" not in result.stderr
    assert result.stdout.splitlines()[0] == single.stdout.splitlines()[0]  # same summary

    again = run("ingest", "--engine", "dask", "--workers", "2", *inputs)
    assert again.returncode == 0, again.stderr
    assert "0 new or changed" in again.stdout and content(clean_db) == expected


def test_extract_on_the_engine_prints_what_the_local_extractor_prints(seeds_dir: Path) -> None:
    local = run("extract", str(seeds_dir))
    dask = run("extract", "--engine", "dask", "--workers", "2", "--partition-size", "1",
               str(seeds_dir))
    assert local.returncode == 0 and dask.returncode == 0, dask.stderr
    assert dask.stdout == local.stdout and local.stdout.count("\n") > 10


def test_a_worker_killed_mid_run_is_retried_and_the_graph_is_unchanged(
    clean_db: neo4j.Driver,
    settings: Settings,
    corpus: Path,
    reference: Any,
    cluster: Cluster,
    content: Callable[[neo4j.Driver], Any],
) -> None:
    ingest = subprocess.Popen(
        [GRAPH_BUILDER, "ingest", "--engine", "dask", "--address", cluster.address,
         *PARTS, *BATCHES, str(corpus)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        env={**os.environ, **routing_env(settings)},
    )
    victim = cluster.address_of("w0")
    wait_until(
        lambda: documents_loaded(clean_db, settings) > 0
        and bool(cluster.client.processing().get(victim)),
        "a first batch loaded while worker w0 holds partitions",
    )
    assert ingest.poll() is None, "the run ended before the worker could be killed"
    cluster.workers[0].send_signal(signal.SIGKILL)
    _, err = ingest.communicate(timeout=600)
    assert ingest.returncode == 0, err
    assert cluster.workers[0].wait(timeout=10) == -signal.SIGKILL
    stats, expected = reference
    assert graph_stats(clean_db, settings.neo4j_database) == stats
    assert content(clean_db) == expected
    assert "Traceback" not in err


def test_a_driver_killed_mid_run_is_finished_by_rerunning_the_command(
    clean_db: neo4j.Driver,
    settings: Settings,
    corpus: Path,
    reference: Any,
    cluster: Cluster,
    content: Callable[[neo4j.Driver], Any],
) -> None:
    command = [GRAPH_BUILDER, "ingest", "--engine", "dask", "--address", cluster.address,
               *PARTS, *BATCHES, str(corpus)]
    driver_proc = subprocess.Popen(
        command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        env={**os.environ, **routing_env(settings)},
    )
    stats, expected = reference
    wait_until(lambda: documents_loaded(clean_db, settings) > 0, "a first batch loaded")
    driver_proc.send_signal(signal.SIGKILL)
    driver_proc.wait(timeout=30)
    partial = documents_loaded(clean_db, settings)
    assert 0 < partial < stats["documents"], "the driver was not killed mid-run"

    rerun = subprocess.run(command, capture_output=True, text=True, timeout=600,
                           env={**os.environ, **routing_env(settings)}, check=False)
    assert rerun.returncode == 0, rerun.stderr
    assert f"{partial} unchanged" in rerun.stdout
    assert graph_stats(clean_db, settings.neo4j_database) == stats
    assert content(clean_db) == expected
