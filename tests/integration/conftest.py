"""Fixtures for integration tests: the suite's own real Neo4j.

`tests/conftest.py` points the settings at a separate home and ports; the first
integration test starts that instance (provisioning it once) and the session stops it
again if it started it. Never skips: when Neo4j cannot start or answer, tests fail.
"""

from __future__ import annotations

import os
import signal
from collections.abc import Callable, Iterator
from pathlib import Path

import neo4j
import pytest

from graph_builder import neo4j_server
from graph_builder.db import open_driver
from graph_builder.errors import DatabaseUnavailableError, ServerError
from graph_builder.models import Extraction
from graph_builder.schema import ensure_schema, wipe_database
from graph_builder.settings import Settings

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session", autouse=True)
def test_neo4j() -> Iterator[None]:
    """The test instance runs for the session (an external `GB_TEST_NEO4J_URI` is used as is)."""
    if os.environ.get("GB_TEST_NEO4J_URI"):
        yield
        return
    settings = Settings()
    # A run interrupted while a test had frozen the server (SIGSTOP) leaves it stopped.
    pid = neo4j_server.read_pid(neo4j_server.server_paths(settings))
    if pid is not None:
        os.kill(pid, signal.SIGCONT)
    try:
        started = neo4j_server.start(settings, echo=lambda line: print(line, flush=True))
    except ServerError as exc:
        pytest.fail(f"cannot start the test Neo4j: {exc}", pytrace=False)
    yield
    if started:
        neo4j_server.stop(settings)


@pytest.fixture(scope="session")
def settings() -> Settings:
    """Settings from the environment (the same the CLI uses): the test instance."""
    return Settings()


@pytest.fixture(scope="session")
def driver(settings: Settings) -> Iterator[neo4j.Driver]:
    """One driver for the session; fails (never skips) when Neo4j is not reachable."""
    try:
        drv = open_driver(settings)
    except DatabaseUnavailableError as exc:
        pytest.fail(
            f"integration tests need a running Neo4j ({exc}); run `graph-builder neo4j start`",
            pytrace=False,
        )
    ensure_schema(drv, settings.neo4j_database)
    yield drv
    drv.close()


@pytest.fixture()
def clean_db(driver: neo4j.Driver, settings: Settings) -> Iterator[neo4j.Driver]:
    """An empty database (schema kept), emptied again after the test."""
    wipe_database(driver, settings.neo4j_database)
    yield driver
    wipe_database(driver, settings.neo4j_database)


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    """`<repo>/../shared/seeds`, else the bundled `<repo>/samples`."""
    shared = REPO.parent / "shared" / "seeds"
    return shared if shared.is_dir() else REPO / "samples"


@pytest.fixture(scope="session")
def seed_extractions(seeds_dir: Path) -> list[Extraction]:
    """The seed documents, read and extracted once per session."""
    from graph_builder.extract import Extractor
    from graph_builder.reader import read_documents

    problems: list[str] = []
    documents = list(read_documents([seeds_dir], problems.append))
    assert documents and not problems, f"cannot read the seeds in {seeds_dir}: {problems}"
    return list(Extractor().extract_many(documents))


GraphDump = tuple[list[str], list[str]]


def dump_graph(driver: neo4j.Driver, database: str) -> GraphDump:
    """Every node (labels, properties) and relationship (ends, type, properties), sorted."""
    nodes, _, _ = driver.execute_query(
        "MATCH (n) RETURN labels(n) AS labels, properties(n) AS props", database_=database
    )
    rels, _, _ = driver.execute_query(
        "MATCH (a)-[r]->(b) RETURN a.id AS a, type(r) AS type, b.id AS b, properties(r) AS props",
        database_=database,
    )
    node_rows = sorted(repr((sorted(r["labels"]), sorted(r["props"].items()))) for r in nodes)
    rel_rows = sorted(repr((r["a"], r["type"], r["b"], sorted(r["props"].items()))) for r in rels)
    return node_rows, rel_rows


@pytest.fixture()
def dump(settings: Settings) -> Callable[[neo4j.Driver], GraphDump]:
    """`dump(driver)`: a full, order-independent dump of the graph, to compare states."""
    return lambda drv: dump_graph(drv, settings.neo4j_database)
