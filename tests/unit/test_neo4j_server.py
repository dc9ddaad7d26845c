"""The local Neo4j server's configuration and guards (no Java, no server started)."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest

from graph_builder import neo4j_server
from graph_builder.errors import ServerError
from graph_builder.settings import NEO4J_VERSION, Settings


@pytest.fixture()
def settings(tmp_path: Path) -> Settings:
    return Settings(
        graph_builder_home=tmp_path,
        neo4j_bolt_port=17687,
        neo4j_http_port=17474,
        neo4j_heap="768m",
        neo4j_pagecache="256m",
        neo4j_password="a-test-password",
    )


def test_version_is_pinned_to_one_5_26_patch() -> None:
    major, minor, patch = NEO4J_VERSION.split(".")
    assert (major, minor) == ("5", "26") and patch.isdigit()


def test_install_lives_under_graph_builder_home(settings: Settings, tmp_path: Path) -> None:
    paths = neo4j_server.server_paths(settings)
    assert paths.home == tmp_path / f"neo4j-{NEO4J_VERSION}"
    assert paths.conf_file == paths.home / "conf" / "neo4j.conf"
    assert paths.pid_file.parent == paths.home / "run"


def test_conf_binds_loopback_with_configured_ports_and_memory(settings: Settings) -> None:
    paths = neo4j_server.server_paths(settings)
    conf = neo4j_server.render_conf(settings, paths)
    lines = set(conf.splitlines())
    assert "server.default_listen_address=127.0.0.1" in lines
    assert "server.bolt.listen_address=127.0.0.1:17687" in lines
    assert "server.http.listen_address=127.0.0.1:17474" in lines
    assert "server.https.enabled=false" in lines
    assert "server.memory.heap.max_size=768m" in lines
    assert "server.memory.pagecache.size=256m" in lines
    assert f"server.directories.data={paths.data}" in lines
    assert f"server.directories.logs={paths.logs}" in lines
    for flag in ("java.nio", "java.io", "sun.nio.ch"):
        assert f"server.jvm.additional=--add-opens=java.base/{flag}=ALL-UNNAMED" in lines
    keys = [line.split("=", 1)[0] for line in conf.splitlines() if "=" in line]
    duplicated = {k for k in keys if keys.count(k) > 1}
    assert duplicated <= {"server.jvm.additional"}  # Neo4j rejects other duplicates


def test_write_conf_creates_the_folders(settings: Settings) -> None:
    paths = neo4j_server.server_paths(settings)
    conf = neo4j_server.write_conf(settings, paths)
    assert conf.read_text(encoding="utf-8") == neo4j_server.render_conf(settings, paths)
    assert paths.data.is_dir() and paths.logs.is_dir() and paths.pid_file.parent.is_dir()


def test_pom_pins_server_and_browser() -> None:
    pom = neo4j_server.render_pom("5.26.99", "5.24.9")
    assert "<artifactId>neo4j</artifactId>\n      <version>5.26.99</version>" in pom
    assert "<artifactId>neo4j-browser</artifactId>\n      <version>5.24.9</version>" in pom
    assert "@" not in pom.split("-->", 1)[1]


@pytest.mark.parametrize(
    ("output", "major"),
    [
        ('openjdk version "17.0.15" 2025-04-15', 17),
        ('openjdk version "21" 2023-09-19', 21),
        ('java version "1.8.0_402"', 8),
        ("no version here", None),
    ],
)
def test_parse_java_version(output: str, major: int | None) -> None:
    assert neo4j_server.parse_java_version(output) == major


def test_missing_java_says_what_to_install(
    settings: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    monkeypatch.delenv("JAVA_HOME", raising=False)
    with pytest.raises(ServerError, match=r"Java was not found.*openjdk-17.*docker compose"):
        neo4j_server.find_java()


def test_missing_maven_says_what_to_install(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    with pytest.raises(ServerError, match=r"Maven.*not found.*docker compose"):
        neo4j_server.find_maven()


def test_status_and_stop_when_nothing_runs(settings: Settings) -> None:
    state = neo4j_server.status(settings)
    assert not state.running and state.pid is None and not state.provisioned
    assert neo4j_server.stop(settings) is None


def test_stale_pid_file_is_ignored(settings: Settings) -> None:
    paths = neo4j_server.server_paths(settings)
    paths.pid_file.parent.mkdir(parents=True)
    paths.pid_file.write_text("1\n")  # pid 1 is no Neo4j of ours
    assert neo4j_server.read_pid(paths) is None
    assert not paths.pid_file.exists()


def test_start_refuses_a_port_taken_by_another_process(settings: Settings) -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        sock.listen()
        taken = sock.getsockname()[1]
        busy = settings.model_copy(update={"neo4j_bolt_port": taken})
        with pytest.raises(ServerError, match=f"port {taken} \\(Bolt\\) is already in use"):
            neo4j_server.start(busy, lambda _: None)
