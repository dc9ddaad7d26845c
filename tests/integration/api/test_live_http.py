"""The API over real HTTP: uvicorn on a free loopback port."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest

pytestmark = pytest.mark.integration
API_KEY = "test-api-key-surfaces"  # as in conftest.py


def test_reads_over_http(seeded, live_url: str) -> None:
    with httpx.Client(base_url=live_url, timeout=30) as http:
        assert http.get("/health").json()["status"] == "ok"
        rel = http.get("/actors/Kremlin/relations", params={"direction": "out"})
        assert rel.status_code == 200
        assert any(
            e["target"]["id"] == "bashar-al-assad" and e["relation"] == "supports"
            for e in rel.json()["items"]
        )
        assert http.get("/actors/Nowhere-Land").status_code == 404
        bad = http.get("/relations", params={"limit": -1})
        assert bad.status_code == 422 and "limit" in bad.json()["detail"]
        view = http.get("/graph/view", params={"center": "russia", "depth": 1})
        assert view.status_code == 200 and "vis.Network" in view.text


def test_concurrent_clients(seeded, live_url: str) -> None:
    urls = [
        "/actors/russia/relations",
        "/paths?source=iran&target=turkey",
        "/stats",
        "/actors?q=assad",
        "/graph?center=syria&depth=1",
    ] * 8

    def get(path: str) -> int:
        return httpx.get(live_url + path, timeout=30).status_code

    with ThreadPoolExecutor(max_workers=8) as pool:
        assert set(pool.map(get, urls)) == {200}


def test_post_and_delete_over_http(seeded, live_url: str) -> None:
    with httpx.Client(base_url=live_url, timeout=120) as http:
        stats = http.get("/stats").json()
        doc = {
            "text": "Iran strongly supports Hezbollah, Tehran said.",
            "id": "live-http-doc",
            "title": "Iran and Hezbollah",
        }
        assert http.post("/documents", json=doc).status_code == 401
        r = http.post("/documents", json=doc, headers={"X-API-Key": API_KEY})
        assert r.status_code == 201, r.text
        assert r.json()["doc_id"] == "live-http-doc"
        assert http.get("/stats").json()["documents"] == stats["documents"] + 1
        r = http.delete("/documents/live-http-doc", headers={"X-API-Key": API_KEY})
        assert r.status_code == 200, r.text
        assert http.get("/stats").json() == stats
