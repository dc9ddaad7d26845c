"""The test suite's own Neo4j: its own home and ports, never the user's database.

Before any test module is imported, the environment that `Settings` reads is pointed
at a separate installation (`GRAPH_BUILDER_HOME`, the Bolt and HTTP ports, the URI), so
every `Settings()`, every CLI subprocess and every API server the tests start talks to
the test instance. The integration tests start that instance themselves (see
`tests/integration/conftest.py`).

Knobs (environment, read once here):

* `GB_TEST_HOME`: the test installation (default `<data home>/graph-builder-test`).
* `GB_TEST_BOLT_PORT`, `GB_TEST_HTTP_PORT`: its ports (default 17687, 17474); give two
  checkouts different ports to run their suites at the same time.
* `GB_TEST_NEO4J_URI` (+ `GB_TEST_NEO4J_PASSWORD`): use an external, disposable server
  instead (e.g. the compose service). The tests empty it.
* `GB_TEST_API_PORT`: the API port the test Neo4j's Browser guide points at (default:
  a free port).
"""

from __future__ import annotations

import os
import socket
from pathlib import Path

import pytest


def _data_home() -> Path:
    return Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_environment() -> dict[str, str]:
    """The variables that point `Settings` at the test instance."""
    bolt = os.environ.get("GB_TEST_BOLT_PORT", "17687")
    http = os.environ.get("GB_TEST_HTTP_PORT", "17474")
    home = os.environ.get("GB_TEST_HOME") or str(_data_home() / "graph-builder-test")
    env = {
        # Explicit values also shadow a user's `.env`, which Settings reads too.
        "NEO4J_USER": "neo4j",
        "NEO4J_PASSWORD": os.environ.get("GB_TEST_NEO4J_PASSWORD", ""),
        "NEO4J_DATABASE": "neo4j",
        "GRAPH_API_KEY": "",
        "GRAPH_BUILDER_HOME": home,
        "NEO4J_BOLT_PORT": bolt,
        "NEO4J_HTTP_PORT": http,
        "NEO4J_URI": os.environ.get("GB_TEST_NEO4J_URI") or f"bolt://127.0.0.1:{bolt}",
        "NEO4J_HEAP": os.environ.get("GB_TEST_NEO4J_HEAP", "768m"),
        "NEO4J_PAGECACHE": "256m",
        # The API port Neo4j Browser's post-connect guide points at (a free one).
        "API_PORT": os.environ.get("GB_TEST_API_PORT") or str(_free_port()),
    }
    return env


test_environment.__test__ = False  # type: ignore[attr-defined]  # not a test


def pytest_configure(config: pytest.Config) -> None:
    os.environ.update(test_environment())
