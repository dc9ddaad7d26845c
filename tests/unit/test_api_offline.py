"""The API without a database: validation still answers 422, everything else 503, fast."""

from __future__ import annotations

import time

from fastapi.testclient import TestClient

from api.app import create_app
from graph_builder.reads import lucene_query
from graph_builder.settings import Settings


def dead_app() -> TestClient:
    settings = Settings(neo4j_uri="bolt://127.0.0.1:9", neo4j_password="x", graph_api_key="k")
    return TestClient(create_app(settings), raise_server_exceptions=False)


def test_neo4j_down_gives_503_quickly() -> None:
    with dead_app() as c:
        start = time.monotonic()
        for path in (
            "/health",
            "/stats",
            "/actors",
            "/actors/russia",
            "/relations",
            "/paths?source=a&target=b",
            "/graph",
            "/graph/view",
        ):
            r = c.get(path)
            assert r.status_code == 503, (path, r.text)
        r = c.delete("/documents/x", headers={"X-API-Key": "k"})
        assert r.status_code == 503
        assert time.monotonic() - start < 20


def test_validation_and_auth_need_no_database() -> None:
    with dead_app() as c:
        r = c.get("/actors", params={"limit": 0})
        assert r.status_code == 422 and "limit" in r.json()["detail"]
        assert c.post("/documents", json={"text": "x"}).status_code == 401


def test_missing_password_gives_503_with_reason(tmp_path) -> None:
    settings = Settings(
        neo4j_uri="bolt://127.0.0.1:9",
        neo4j_password=None,
        graph_builder_home=tmp_path,
        graph_api_key="k",
    )
    with TestClient(create_app(settings), raise_server_exceptions=False) as c:
        r = c.get("/actors")
        assert r.status_code == 503 and "password" in r.json()["detail"]
        assert c.get("/health").status_code == 503


def test_lucene_query_is_escaped() -> None:
    assert lucene_query("Bashar al-Assad") == "bashar* AND al\\-assad*"
    assert lucene_query("' OR 1=1 //") == "or* AND 1=1*"
    assert lucene_query("*:* ))") is None
