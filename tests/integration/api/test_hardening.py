"""The API under faults and hostile input: errors in their place, a frozen database,
oversized and undecodable bodies, ids that could alias another document's URL."""

from __future__ import annotations

import logging
import os
import signal
import socket
import time
from collections.abc import Iterator
from urllib.parse import urlsplit

import neo4j
import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from api.deps import DatabaseDep, DriverDep
from graph_builder import neo4j_server
from graph_builder.db import run_read
from graph_builder.loader import load_extractions
from graph_builder.models import Document, Extraction
from graph_builder.settings import Settings

pytestmark = pytest.mark.integration
API_KEY = "test-api-key-surfaces"  # as in conftest.py
KEY = {"X-API-Key": API_KEY}


@pytest.fixture()
def app_with(seeded: neo4j.Driver, api_settings: Settings) -> Iterator:
    """`app_with(**settings)`: a client of an app with some settings changed."""
    clients: list[TestClient] = []

    def make(**changes: object) -> TestClient:
        client = TestClient(
            create_app(api_settings.model_copy(update=changes)), raise_server_exceptions=False
        )
        client.__enter__()
        clients.append(client)
        return client

    yield make
    for client in clients:
        client.__exit__(None, None, None)


def test_our_own_bug_is_a_500_with_a_request_id(
    seeded, api_settings: Settings, caplog: pytest.LogCaptureFixture
) -> None:
    app = create_app(api_settings)

    @app.get("/test-broken-query")
    def broken(driver: DriverDep, database: DatabaseDep) -> list:  # a mistake in our Cypher
        return run_read(driver, database, "MATCH (a:Actor) RETURN a +", {})

    with TestClient(app, raise_server_exceptions=False) as client:
        with caplog.at_level(logging.ERROR, logger="api"):
            r = client.get("/test-broken-query")
        ok = client.get("/health")
    assert r.status_code == 500, r.text
    body = r.json()
    assert body["error"] == "internal_error" and body["request_id"] in body["detail"]
    assert r.headers["X-Request-ID"] == body["request_id"]
    assert "Traceback" not in r.text and "SyntaxError" not in r.text
    logged = [rec for rec in caplog.records if body["request_id"] in rec.getMessage()]
    assert logged and logged[0].exc_info, "the traceback goes to the log"
    other = ok.headers["X-Request-ID"]
    assert len(other) == 16 and other != body["request_id"]


def test_an_authentication_rate_limit_is_a_503(seeded, app_with, api_settings: Settings) -> None:
    """Neo4j locks a user out after repeated wrong passwords: 503, not an internal error."""
    user = "gb_test_rate_limited"
    seeded.execute_query(
        f"CREATE OR REPLACE USER {user} SET PLAINTEXT PASSWORD 'the-right-password' "
        "CHANGE NOT REQUIRED",
        database_="system",
    )
    try:
        client = app_with(neo4j_user=user, neo4j_password="a-wrong-password")
        answers = [client.get("/actors/russia") for _ in range(6)]
    finally:
        seeded.execute_query(f"DROP USER {user} IF EXISTS", database_="system")
    assert {r.status_code for r in answers} == {503}, [r.text for r in answers]
    assert {r.json()["error"] for r in answers} == {"database_unavailable"}
    assert any("RateLimit" in r.json()["detail"] for r in answers), [r.text for r in answers]


def test_a_frozen_database_answers_503_within_the_timeout_then_recovers(
    app_with, api_settings: Settings
) -> None:
    pid = neo4j_server.read_pid(neo4j_server.server_paths(api_settings))
    assert pid, "this test freezes the suite's own Neo4j (not available with GB_TEST_NEO4J_URI)"
    timeout = 3.0
    client = app_with(neo4j_query_timeout=timeout)
    deadline = time.monotonic() + 120  # a cold server plans its first queries slowly
    for path in ("/actors/russia", "/relations?limit=5", "/stats", "/health"):
        while client.get(path).status_code != 200:
            assert time.monotonic() < deadline, f"{path} does not answer before the freeze"
    os.kill(pid, signal.SIGSTOP)
    try:
        for method, path in [
            ("GET", "/actors/russia"),
            ("GET", "/relations?limit=5"),
            ("GET", "/health"),
            ("GET", "/stats"),
            ("POST", "/documents"),
        ]:
            started = time.monotonic()
            r = client.request(method, path, headers=KEY, json={"text": "Iran backs Hezbollah."})
            took = time.monotonic() - started
            assert r.status_code == 503, (path, r.text)
            assert took < timeout + 3, f"{path} took {took:.1f} s"
        assert "did not answer within 3 s" in client.get("/actors/russia").json()["detail"]
    finally:
        os.kill(pid, signal.SIGCONT)
    deadline = time.monotonic() + 60
    while client.get("/actors/russia").status_code != 200:
        assert time.monotonic() < deadline, "the API did not recover after the freeze"
        time.sleep(0.5)
    assert client.get("/health").json()["status"] == "ok"


def test_405_names_the_allowed_methods(client: TestClient) -> None:
    r = client.delete("/actors")
    assert r.status_code == 405 and r.headers["Allow"] == "GET"
    assert r.json()["error"] == "method_not_allowed"
    r = client.put("/documents", headers=KEY)
    assert r.status_code == 405 and r.headers["Allow"] == "POST"


def test_body_size_limit_and_the_key_before_the_body(app_with) -> None:
    client = app_with(api_max_body_bytes=4096)
    big = {"text": "Iran backs Hezbollah. " * 1000}
    r = client.post("/documents", json=big)
    assert r.status_code == 401 and r.json()["error"] == "unauthorized"
    r = client.post("/documents", json=big, headers=KEY)
    assert r.status_code == 413 and r.json()["error"] == "body_too_large"
    assert "4096 bytes" in r.json()["detail"]

    def chunks() -> Iterator[bytes]:  # no Content-Length: counted as it arrives
        yield b'{"text": "'
        for _ in range(100):
            yield b"Iran backs Hezbollah. " * 10
        yield b'"}'

    r = client.post(
        "/documents", content=chunks(), headers={**KEY, "Content-Type": "application/json"}
    )
    assert r.status_code == 413, r.text


def _raw_post(url: str, headers: str) -> str:
    """Send only the head of a POST announcing a 100 MB body; return the status line."""
    parts = urlsplit(url)
    with socket.create_connection((parts.hostname, parts.port), timeout=10) as sock:
        sock.sendall(
            (
                "POST /documents HTTP/1.1\r\nHost: localhost\r\n"
                "Content-Type: application/json\r\nContent-Length: 104857600\r\n"
                f"{headers}\r\n"
            ).encode()
        )
        return sock.recv(4096).decode(errors="replace").split("\r\n", 1)[0]


def test_over_http_the_key_and_size_are_checked_before_the_body_is_sent(live_url: str) -> None:
    """A client announcing 100 MB gets its answer before sending a byte of the body."""
    assert " 401 " in _raw_post(live_url, "")
    assert " 413 " in _raw_post(live_url, f"X-API-Key: {API_KEY}\r\n")


def test_an_undecodable_body_is_a_documented_422(client: TestClient) -> None:
    r = client.post(
        "/documents",
        content=b'\xff\xfe{"text": "x"}',
        headers={**KEY, "Content-Type": "application/json"},
    )
    assert r.status_code == 422, r.text
    assert r.json()["error"] == "invalid_request" and "body" in r.json()["detail"]
    r = client.post(
        "/documents", content=b'{"text": ', headers={**KEY, "Content-Type": "application/json"}
    )
    assert r.status_code == 422
    documented = client.get("/openapi.json").json()["paths"]["/documents"]["post"]["responses"]
    assert {"401", "413", "422", "500", "503"} <= documented.keys()


def test_view_errors_are_json_as_documented(client: TestClient) -> None:
    r = client.get("/graph/view", params={"center": "Atlantis"})
    assert r.status_code == 404 and r.headers["content-type"] == "application/json"
    assert r.json()["error"] == "not_found"
    r = client.get("/graph/view", params={"depth": 99})
    assert r.status_code == 422 and "depth" in r.json()["detail"]
    responses = client.get("/openapi.json").json()["paths"]["/graph/view"]["get"]["responses"]
    for status in ("404", "422", "503"):
        assert list(responses[status]["content"]) == ["application/json"]
    assert list(responses["200"]["content"]) == ["text/html"]


def test_document_ids_cannot_alias_another_document(
    client: TestClient, seeded: neo4j.Driver, api_settings: Settings
) -> None:
    doc = {"text": "Iran backs Hezbollah.", "id": "harden-x"}
    assert client.post("/documents", json=doc, headers=KEY).status_code == 201
    r = client.delete("/documents/harden-x%2F", headers=KEY, follow_redirects=False)
    assert r.status_code == 404, r.text  # not a redirect to /documents/harden-x
    assert "'harden-x/'" in r.json()["detail"]
    r = client.delete("/documents/harden-x/", headers=KEY, follow_redirects=False)
    assert r.status_code == 404
    for bad in ("a/b", "..", " ", "tab\there"):
        r = client.post("/documents", json={**doc, "id": bad}, headers=KEY)
        assert r.status_code == 422 and "'id'" in r.json()["detail"], (bad, r.text)
    assert client.delete("/documents/harden-x", headers=KEY).status_code == 200
    # Ids stored by other means (a JSONL record, an older version) are deletable too.
    odd = Document("harden/odd?id", "Iran backs Hezbollah.", "odd")
    load_extractions(seeded, [Extraction(odd, [])], database=api_settings.neo4j_database)
    r = client.delete("/documents/harden%2Fodd%3Fid", headers=KEY)
    assert r.status_code == 200 and r.json()["doc_id"] == "harden/odd?id"
