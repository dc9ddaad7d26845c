"""`graph-builder ingest`, `stats` and `demo` as a user runs them (subprocesses)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import neo4j
import pytest

from graph_builder.reads import graph_stats
from graph_builder.settings import Settings

pytestmark = pytest.mark.integration

GRAPH_BUILDER = Path(sys.executable).with_name("graph-builder")


def run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(GRAPH_BUILDER), *args],
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, **(env or {})},
        check=False,
    )


def test_ingest_seeds_twice_via_cli_is_a_no_op(
    clean_db: neo4j.Driver,
    settings: Settings,
    seeds_dir: Path,
    dump: Callable[[neo4j.Driver], Any],
) -> None:
    first = run("ingest", str(seeds_dir))
    assert first.returncode == 0, first.stderr
    assert "statements" in first.stdout and "edges" in first.stdout
    stats, snapshot = graph_stats(clean_db, settings.neo4j_database), dump(clean_db)
    assert stats["documents"] > 0 and stats["edges"] > 0

    second = run("ingest", str(seeds_dir))
    assert second.returncode == 0, second.stderr
    assert "0 new or changed" in second.stdout
    assert graph_stats(clean_db, settings.neo4j_database) == stats
    assert dump(clean_db) == snapshot


def test_stats_json_matches_the_graph(clean_db: neo4j.Driver, settings: Settings) -> None:
    result = run("stats", "--json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == graph_stats(clean_db, settings.neo4j_database)


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("missing.txt", None, "no such file or folder"),
        ("empty.txt", b"", "no text"),
        ("blank.md", b"---\ntitle: Only a title\n---\n\n  \n", "no text"),
        ("binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 20, "binary"),
        ("notes.pdf", b"%PDF-1.4", "unsupported file type"),
    ],
)
def test_ingest_bad_input_is_a_clear_error(
    clean_db: neo4j.Driver, tmp_path: Path, name: str, content: bytes | None, message: str
) -> None:
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    result = run("ingest", str(path))
    assert result.returncode == 1
    assert message in result.stderr and str(path) in result.stderr
    assert "nothing to ingest" in result.stderr
    assert "Traceback" not in result.stderr


def test_ingest_skips_bad_files_and_loads_the_rest(
    clean_db: neo4j.Driver, settings: Settings, tmp_path: Path, seeds_dir: Path
) -> None:
    seed = sorted(seeds_dir.glob("*.txt"))[0]
    (tmp_path / "good.txt").write_text(seed.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "bad.jsonl").write_text('{"text": "fine"}\n{not json\n', encoding="utf-8")
    result = run("ingest", str(tmp_path))
    assert result.returncode == 3, result.stderr
    assert "bad.jsonl" in result.stderr and "not valid JSON" in result.stderr
    assert graph_stats(clean_db, settings.neo4j_database)["documents"] == 2


def test_ingest_without_neo4j_says_how_to_start_it(tmp_path: Path, seeds_dir: Path) -> None:
    result = run("ingest", str(seeds_dir), env={"NEO4J_URI": "bolt://127.0.0.1:9"})
    assert result.returncode == 1
    assert "not reachable" in result.stderr and "graph-builder neo4j start" in result.stderr
    assert "Traceback" not in result.stderr


def test_demo_no_serve_loads_samples_and_writes_a_view(
    clean_db: neo4j.Driver, settings: Settings, tmp_path: Path
) -> None:
    view = tmp_path / "view.html"
    result = run("demo", "--no-serve", "--output", str(view))
    assert result.returncode == 0, result.stderr
    stats = graph_stats(clean_db, settings.neo4j_database)
    assert stats["documents"] >= 5 and stats["edges"] > 0
    assert view.is_file() and "vis" in view.read_text(encoding="utf-8")
    assert "/browser/" in result.stdout or "Neo4j:" in result.stdout
    assert str(view) in result.stdout


def test_neo4j_status_and_second_start(settings: Settings) -> None:
    status = run("neo4j", "status")
    if "GB_TEST_NEO4J_URI" in os.environ:  # an external server (e.g. docker compose): not ours
        assert status.returncode in (0, 3)
        return
    assert status.returncode == 0, status.stdout + status.stderr
    assert "running" in status.stdout
    again = run("neo4j", "start")
    assert again.returncode == 0, again.stderr
    assert "already running" in again.stdout
