"""Fixtures for the API, view, query and notebook tests: a real Neo4j loaded with the
seeds, the app in-process (TestClient) and in a real uvicorn server on loopback."""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
import neo4j
import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from graph_builder.db import open_driver
from graph_builder.errors import DatabaseUnavailableError
from graph_builder.loader import load_extractions
from graph_builder.models import Extraction
from graph_builder.reads import graph_stats
from graph_builder.schema import ensure_schema
from graph_builder.settings import Settings

REPO = Path(__file__).resolve().parents[3]
SEEDS = REPO.parent / "shared" / "seeds"
API_KEY = "test-api-key-surfaces"


@pytest.fixture(scope="session")
def api_settings() -> Settings:
    return Settings(graph_api_key=API_KEY)


@pytest.fixture(scope="session")
def seed_driver(api_settings: Settings) -> Iterator[neo4j.Driver]:
    try:
        driver = open_driver(api_settings)
    except DatabaseUnavailableError as exc:
        pytest.fail(f"integration tests need a running Neo4j: {exc}", pytrace=False)
    yield driver
    driver.close()


@pytest.fixture(scope="session")
def seed_extractions() -> list[Extraction]:
    """The seeds, extracted once per session with the project's extractor."""
    from graph_builder.extract import Extractor
    from graph_builder.reader import read_documents

    if not SEEDS.is_dir():
        pytest.fail(f"seed articles not found at {SEEDS}", pytrace=False)
    docs = list(read_documents([SEEDS], warn=lambda m: None))
    return list(Extractor().extract_many(docs))


@pytest.fixture()
def seeded(
    seed_driver: neo4j.Driver, api_settings: Settings, seed_extractions: list[Extraction]
) -> neo4j.Driver:
    """The database holds the seed graph (loading is a no-op when it already does)."""
    ensure_schema(seed_driver, api_settings.neo4j_database)
    load_extractions(seed_driver, seed_extractions, database=api_settings.neo4j_database)
    stats = graph_stats(seed_driver, api_settings.neo4j_database)
    assert stats["documents"] >= len(seed_extractions)
    return seed_driver


@pytest.fixture()
def client(seeded: neo4j.Driver, api_settings: Settings) -> Iterator[TestClient]:
    with TestClient(create_app(api_settings), raise_server_exceptions=False) as c:
        yield c


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextlib.contextmanager
def serving(port: int, env: dict[str, str]) -> Iterator[str]:
    """`graph-builder serve` on a loopback port, as a user runs it, until the block ends."""
    # The server's log goes to a file: a pipe nobody reads fills up (64 KB of access
    # lines) and then blocks the server.
    log = tempfile.TemporaryFile()  # noqa: SIM115  # closed when the server stops
    proc = subprocess.Popen(
        [sys.executable, "-c", "from graph_builder.cli import main; main()", "serve",
         "--host", "127.0.0.1", "--port", str(port)],
        cwd=REPO, env=env, stdout=log, stderr=subprocess.STDOUT,
    )  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    try:
        while True:
            try:
                if httpx.get(f"{url}/health", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if proc.poll() is not None or time.monotonic() > deadline:
                log.seek(0)
                out = log.read().decode(errors="replace")
                pytest.fail(f"uvicorn did not come up on {url}:\n{out[-2000:]}", pytrace=False)
            time.sleep(0.2)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        log.close()


@pytest.fixture(scope="session")
def serve() -> Callable[[int, dict[str, str]], contextlib.AbstractContextManager[str]]:
    """`with serve(port, env) as url:` the API served for the block (see `serving`)."""
    return serving


@pytest.fixture(scope="session")
def live_url(api_settings: Settings, seed_driver: neo4j.Driver) -> Iterator[str]:
    """The API in a real uvicorn server (`graph-builder serve`) on a free loopback port."""
    with serving(free_port(), {**os.environ, "GRAPH_API_KEY": API_KEY}) as url:
        yield url
