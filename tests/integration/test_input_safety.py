"""Data safety as a user meets it: broken inputs in a large folder, destructive
commands that ask first, and a test suite that never reaches the user's graph."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path

import neo4j
import pytest

from graph_builder import neo4j_server
from graph_builder.db import open_driver
from graph_builder.reads import graph_stats
from graph_builder.settings import Settings

pytestmark = pytest.mark.integration

REPO = Path(__file__).resolve().parents[2]
GRAPH_BUILDER = Path(sys.executable).with_name("graph-builder")
MB = 1024 * 1024

GOOD = [
    "Iran backs Hezbollah in southern Lebanon",
    "Russia supports Assad in Syria",
    "Turkey opposes the YPG near the border",
    "Qatar hosted talks with Hamas in Doha",
    "The RSF seized El Fasher in Darfur",
]


def run_measured(
    args: list[str], env: dict[str, str] | None = None, stdin: str | None = None
) -> tuple[int, str, str, int]:
    """Run a command (in `env`, else this process's environment); return exit status,
    stdout, stderr and its peak RSS in bytes."""
    with (
        open(os.devnull) if stdin is None else _text_file(stdin) as fin,
        _scratch() as fout,
        _scratch() as ferr,
    ):
        proc = subprocess.Popen(
            args, stdin=fin, stdout=fout, stderr=ferr, env=os.environ if env is None else env
        )
        _, status, usage = os.wait4(proc.pid, 0)
        proc.returncode = os.waitstatus_to_exitcode(status)
        fout.seek(0)
        ferr.seek(0)
        return proc.returncode, fout.read(), ferr.read(), usage.ru_maxrss * 1024


def _scratch():  # type: ignore[no-untyped-def]
    import tempfile

    return tempfile.TemporaryFile("w+", encoding="utf-8")


def _text_file(text: str):  # type: ignore[no-untyped-def]
    f = _scratch()
    f.write(text)
    f.seek(0)
    return f


def broken_folder(root: Path) -> dict[str, Path]:
    """50 good files and 10 broken ones; returns the broken ones by kind."""
    good = root / "good"
    good.mkdir(parents=True)
    for i in range(50):
        sentence = GOOD[i % len(GOOD)]
        (good / f"{i:02d}.txt").write_text(f"{sentence}, report {i} said on day {i + 1}.\n")
    bad = root / "broken"
    bad.mkdir()
    files = {
        "impossible date": bad / "date.md",
        "date that is a word": bad / "date-word.md",
        "bad YAML": bad / "yaml.md",
        "front matter not closed": bad / "unclosed.md",
        "binary": bad / "image.txt",
        "invalid UTF-8": bad / "latin1.txt",
        "empty": bad / "empty.txt",
        "50 MB file": bad / "huge.txt",
        "100 MB JSONL line": bad / "huge-line.jsonl",
        "deep JSON": bad / "deep.jsonl",
    }
    files["impossible date"].write_text("---\ntitle: T\ndate: 2024-13-45\n---\nIran backs Hamas.\n")
    files["date that is a word"].write_text("---\ndate: soon\n---\nIran backs Hamas.\n")
    files["bad YAML"].write_text("---\ntitle: [unclosed\n---\nIran backs Hamas.\n")
    files["front matter not closed"].write_text("---\ntitle: T\nIran backs Hamas.\n")
    files["binary"].write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8)
    files["invalid UTF-8"].write_bytes("Caf\xe9 talks: Qatar hosted talks with Hamas.\n"
                                       .encode("latin-1"))
    files["empty"].write_text("")
    with files["50 MB file"].open("w") as fh:
        line = "Russia supports Assad in a very long document. " * 20 + "\n"
        for _ in range(50 * MB // len(line) + 1):
            fh.write(line)
    with files["100 MB JSONL line"].open("w") as fh:
        fh.write('{"text": "')
        chunk = "Iran backs Hezbollah. " * 1000
        for _ in range(100 * MB // len(chunk) + 1):
            fh.write(chunk)
        fh.write('"}\n')
    files["deep JSON"].write_text("[" * 100_000 + "\n")
    return files


def test_fifty_good_files_load_and_each_broken_one_is_one_line(
    clean_db: neo4j.Driver, settings: Settings, tmp_path: Path
) -> None:
    files = broken_folder(tmp_path)
    status, out, err, peak = run_measured([str(GRAPH_BUILDER), "ingest", str(tmp_path)])
    print(f"ingest of 50 good and 10 broken files: peak RSS {peak / MB:.0f} MB")
    assert status == 3, err  # some inputs skipped
    assert "Traceback" not in out + err
    problems = [line for line in err.splitlines() if line.startswith("Warning: ")]
    for kind, path in files.items():
        mine = [line for line in problems if f"{path}:" in line]
        assert len(mine) == 1, f"{kind}: {mine}"
    assert len(problems) == len(files)
    stats = graph_stats(clean_db, settings.neo4j_database)
    assert stats["documents"] == 51  # the 50, and the latin-1 one decoded with replacement
    assert peak < 1500 * MB  # the 150 MB of oversized input are never held in memory


def test_delete_and_wipe_ask_first(
    clean_db: neo4j.Driver, settings: Settings, tmp_path: Path
) -> None:
    (tmp_path / "a.txt").write_text("Iran backs Hezbollah, officials said.\n")
    assert run_measured([str(GRAPH_BUILDER), "ingest", str(tmp_path)])[0] == 0
    records, _, _ = clean_db.execute_query("MATCH (d:Document) RETURN d.id AS id",
                                           database_=settings.neo4j_database)
    doc_id = records[0]["id"]
    before = graph_stats(clean_db, settings.neo4j_database)
    for args, answer in [(["delete", doc_id], None), (["delete", doc_id], "n\n"),
                         (["wipe"], None), (["wipe"], "no\n")]:  # fmt: skip
        status, out, err, _ = run_measured([str(GRAPH_BUILDER), *args], stdin=answer)
        assert status == 1 and "not confirmed, nothing deleted" in err and "--yes" in err
        assert "Traceback" not in err
        assert graph_stats(clean_db, settings.neo4j_database) == before
    status, out, err, _ = run_measured([str(GRAPH_BUILDER), "delete", doc_id], stdin="y\n")
    assert status == 0 and f"Deleted {doc_id}" in out
    assert graph_stats(clean_db, settings.neo4j_database)["documents"] == 0
    assert run_measured([str(GRAPH_BUILDER), "ingest", str(tmp_path)])[0] == 0
    status, out, err, _ = run_measured([str(GRAPH_BUILDER), "wipe", "--yes"])
    assert status == 0, err
    assert graph_stats(clean_db, settings.neo4j_database)["documents"] == 0
    status, _, err, _ = run_measured([str(GRAPH_BUILDER), "delete", "--yes", "no-such-doc"])
    assert status == 1 and "not found" in err and "Traceback" not in err


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_the_suite_never_reaches_the_users_graph(tmp_path: Path, settings: Settings) -> None:
    """A user's graph on an instance of their own (own home and ports, settings from the
    environment as the README gives them) keeps every node while part of the suite,
    run from that user's shell, wipes and loads its own database."""
    user_env = {
        "GRAPH_BUILDER_HOME": str(tmp_path / "user-home"),
        "NEO4J_BOLT_PORT": str(_free_port()),
        "NEO4J_HTTP_PORT": str(_free_port()),
    }
    # The user's shell: the suite's own variables gone, the user's in their place.
    settings_vars = {name.upper() for name in Settings.model_fields}
    shell = {k: v for k, v in os.environ.items() if k not in settings_vars}
    shell.update(user_env)
    # The suite run from that shell uses the instance this session already started.
    shell.update({
        "GB_TEST_HOME": str(settings.graph_builder_home),
        "GB_TEST_BOLT_PORT": str(settings.neo4j_bolt_port),
        "GB_TEST_HTTP_PORT": str(settings.neo4j_http_port),
    })  # fmt: skip
    user = Settings(
        graph_builder_home=Path(user_env["GRAPH_BUILDER_HOME"]),
        neo4j_bolt_port=int(user_env["NEO4J_BOLT_PORT"]),
        neo4j_http_port=int(user_env["NEO4J_HTTP_PORT"]),
        neo4j_uri=f"bolt://127.0.0.1:{user_env['NEO4J_BOLT_PORT']}",
        neo4j_password=None, neo4j_heap="512m", neo4j_pagecache="128m",
    )  # fmt: skip
    neo4j_server.start(user, echo=lambda line: print(line, flush=True))
    try:
        docs = tmp_path / "mine"
        docs.mkdir()
        (docs / "a.txt").write_text("Iran backs Hezbollah, officials said.\n")
        (docs / "b.txt").write_text("Russia supports Assad, the ministry said.\n")
        status, _, err, _ = run_measured(
            [str(GRAPH_BUILDER), "ingest", str(docs)], env=shell
        )
        assert status == 0, err
        with open_driver(user) as drv:
            before = graph_stats(drv, "neo4j")
            assert before["documents"] == 2
            # Part of the suite, from the user's shell: tests that wipe and load.
            result = subprocess.run(
                [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
                 "tests/integration/test_loading.py::test_delete_document",
                 "tests/integration/test_cli_ingest.py::test_stats_json_matches_the_graph"],
                cwd=REPO, env=shell, capture_output=True, text=True, timeout=600, check=False,
            )  # fmt: skip
            assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
            assert "2 passed" in result.stdout
            assert graph_stats(drv, "neo4j") == before
    finally:
        neo4j_server.stop(user)
