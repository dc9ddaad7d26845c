"""Every endpoint against the seed graph (in-process TestClient), good and bad inputs."""

from __future__ import annotations

from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient

from graph_builder.reads import graph_stats

pytestmark = pytest.mark.integration

API_KEY = "test-api-key-surfaces"  # as in conftest.py

INJECTIONS = [
    "' OR 1=1 //",
    "}) DETACH DELETE n //",
    '"}) MATCH (n) DETACH DELETE n RETURN 1 //',
    "russia` DETACH DELETE n //",
    "$(x)",
    "*:*",
    "\\",
    "<script>alert(1)</script>",
]


def edges_of(body: dict) -> set[tuple[str, str, str]]:
    return {(e["source"]["id"], e["relation"], e["target"]["id"]) for e in body["items"]}


def test_health(client: TestClient) -> None:
    r = client.get("/health")
    assert r.status_code == 200
    assert r.json()["status"] == "ok"


def test_stats(client: TestClient) -> None:
    body = client.get("/stats").json()
    assert body["documents"] >= 5 and body["actors"] > 0 and body["statements"] > 0
    assert body["edges_by_relation"]["supports"] >= 1
    assert body["edges"] == sum(body["edges_by_relation"].values())


def test_actors_search_by_name_alias_and_kind(client: TestClient) -> None:
    ids = [a["id"] for a in client.get("/actors", params={"q": "assad"}).json()["items"]]
    assert ids[0] == "bashar-al-assad"
    moscow = client.get("/actors", params={"q": "Moscow"}).json()["items"]
    assert [a["id"] for a in moscow] == ["russia"]
    places = client.get("/actors", params={"kind": "place"}).json()["items"]
    assert places and all(a["kind"] == "place" for a in places)


def test_actors_pagination(client: TestClient) -> None:
    first = client.get("/actors", params={"limit": 2}).json()
    assert len(first["items"]) == 2 and first["next_offset"] == 2
    second = client.get("/actors", params={"limit": 2, "offset": 2}).json()
    assert not {a["id"] for a in first["items"]} & {a["id"] for a in second["items"]}
    everything = client.get("/actors", params={"limit": 1000}).json()
    assert everything["next_offset"] is None


@pytest.mark.parametrize("name", ["russia", "Russia", "MOSCOW", "the kremlin"])
def test_actor_by_id_or_alias(client: TestClient, name: str) -> None:
    r = client.get(f"/actors/{quote(name)}")
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["id"] == "russia" and body["kind"] == "country"
    assert body["relations"]["supports"]["outgoing"] >= 1
    assert body["statements"] >= 1 and body["documents"] >= 1


def test_unknown_actor_is_404_naming_it(client: TestClient) -> None:
    for path in ("/actors/Atlantis", "/actors/Atlantis/relations"):
        r = client.get(path)
        assert r.status_code == 404
        assert "Atlantis" in r.json()["detail"]
    r = client.get("/relations", params={"source": "Atlantis"})
    assert r.status_code == 404 and "Atlantis" in r.json()["detail"]
    r = client.get("/paths", params={"source": "russia", "target": "Atlantis"})
    assert r.status_code == 404 and "Atlantis" in r.json()["detail"]
    r = client.get("/graph", params={"center": "Atlantis"})
    assert r.status_code == 404 and "Atlantis" in r.json()["detail"]


def test_actor_relations(client: TestClient) -> None:
    out = client.get("/actors/russia/relations", params={"direction": "out"}).json()
    assert ("russia", "supports", "bashar-al-assad") in edges_of(out)
    edge = next(e for e in out["items"] if e["target"]["id"] == "bashar-al-assad")
    assert edge["evidence_count"] >= 1 and 0 < edge["confidence"] <= 1
    incoming = client.get(
        "/actors/Assad/relations", params={"direction": "in", "relation": "supports"}
    ).json()
    assert ("russia", "supports", "bashar-al-assad") in edges_of(incoming)
    assert all(e["relation"] == "supports" for e in incoming["items"])
    only_opposes = client.get("/actors/russia/relations", params={"relation": "opposes"}).json()
    assert all(e["relation"] == "opposes" for e in only_opposes["items"])


def test_relation_date_filters(client: TestClient) -> None:
    later = client.get("/relations", params={"since": "2100-01-01"}).json()
    assert later["items"] == []
    all_edges = client.get("/relations", params={"until": "2100-01-01", "limit": 1000}).json()
    assert all(e["first_seen"] is not None for e in all_edges["items"])


def test_relations_list_and_filters(client: TestClient) -> None:
    body = client.get("/relations", params={"limit": 1000}).json()
    assert ("russia", "supports", "bashar-al-assad") in edges_of(body)
    body = client.get("/relations", params={"source": "Russia", "target": "Bashar al-Assad"}).json()
    assert edges_of(body) >= {("russia", "supports", "bashar-al-assad")}
    strong = client.get("/relations", params={"min_evidence": 2, "limit": 1000}).json()
    assert all(e["evidence_count"] >= 2 for e in strong["items"])
    two = client.get("/relations", params=[("relation", "supports"), ("relation", "seized")])
    assert {e["relation"] for e in two.json()["items"]} <= {"supports", "seized"}


def test_relation_evidence(client: TestClient) -> None:
    r = client.get(
        "/relations/evidence",
        params={"source": "Moscow", "relation": "supports", "target": "Bashar al-Assad"},
    )
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["edge"]["source"]["id"] == "russia"
    assert len(body["statements"]) == body["edge"]["evidence_count"]
    st = body["statements"][0]
    assert st["sentence"] and st["document"]["id"] and st["end"] > st["start"]
    missing = client.get(
        "/relations/evidence", params={"source": "russia", "relation": "seized", "target": "iran"}
    )
    assert missing.status_code == 404


def test_paths(client: TestClient) -> None:
    r = client.get("/paths", params={"source": "russia", "target": "bashar-al-assad"})
    assert r.status_code == 200
    paths = r.json()["paths"]
    assert paths and paths[0]["length"] == 1
    assert paths[0]["hops"][0] == {
        **paths[0]["hops"][0],
        "source": "russia",
        "relation": "supports",
        "target": "bashar-al-assad",
    }
    everything = client.get(
        "/paths", params={"source": "iran", "target": "turkey", "all": "true", "max_hops": 6}
    ).json()
    assert everything["paths"]
    lengths = {p["length"] for p in everything["paths"]}
    assert len(lengths) == 1  # all shortest: one length
    too_short = client.get(
        "/paths", params={"source": "iran", "target": "turkey", "max_hops": 1}
    ).json()
    assert all(p["length"] <= 1 for p in too_short["paths"])
    same = client.get("/paths", params={"source": "russia", "target": "Moscow"})
    assert same.status_code == 200, same.text  # one path of no hop
    assert same.json()["paths"] == [{"length": 0, "nodes": [same.json()["source"]], "hops": []}]


def test_graph_json(client: TestClient) -> None:
    body = client.get("/graph", params={"center": "russia", "depth": 1}).json()
    ids = {n["id"] for n in body["nodes"]}
    assert body["center"] == "russia" and {"russia", "bashar-al-assad"} <= ids
    for e in body["edges"]:
        assert e["source"] in ids and e["target"] in ids
    with_evidence = client.get(
        "/graph", params={"center": "russia", "depth": 1, "evidence": "true"}
    ).json()
    assert any(e["evidence"] for e in with_evidence["edges"])
    small = client.get("/graph", params={"max_nodes": 3}).json()
    assert len(small["nodes"]) <= 3
    supports = client.get("/graph", params={"relation": "supports"}).json()
    assert supports["edges"] and {e["relation"] for e in supports["edges"]} == {"supports"}


def test_graph_view_html(client: TestClient) -> None:
    r = client.get("/graph/view", params={"center": "russia"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    assert "vis.Network" in r.text and "Bashar al-Assad" in r.text
    assert "<script src=" not in r.text and "<link" not in r.text  # self-contained


@pytest.mark.parametrize(
    ("path", "params", "name"),
    [
        ("/actors", {"limit": -1}, "limit"),
        ("/actors", {"limit": 0}, "limit"),
        ("/actors", {"limit": 100000}, "limit"),
        ("/actors", {"offset": -5}, "offset"),
        ("/actors", {"kind": "planet"}, "kind"),
        ("/actors", {"limit": "ten"}, "limit"),
        ("/actors/russia/relations", {"since": "yesterday"}, "since"),
        ("/actors/russia/relations", {"until": "2024-13-45"}, "until"),
        ("/actors/russia/relations", {"since": "01/12/2024"}, "since"),
        ("/actors/russia/relations", {"direction": "sideways"}, "direction"),
        ("/actors/russia/relations", {"relation": "loves"}, "relation"),
        ("/actors/russia/relations", {"limit": 1001}, "limit"),
        ("/relations", {"min_evidence": 0}, "min_evidence"),
        ("/relations/evidence", {"source": "russia", "target": "iran"}, "relation"),
        ("/paths", {"source": "russia", "target": "iran", "max_hops": 7}, "max_hops"),
        ("/paths", {"source": "russia", "target": "iran", "max_hops": 0}, "max_hops"),
        ("/paths", {"source": "russia"}, "target"),
        ("/graph", {"depth": 0}, "depth"),
        ("/graph", {"depth": 99}, "depth"),
        ("/graph", {"max_nodes": -3}, "max_nodes"),
        ("/graph/view", {"relation": "hates"}, "relation"),
        ("/actors", {"q": "x" * 5000}, "q"),
    ],
)
def test_bad_parameters_are_422_naming_them(
    client: TestClient, path: str, params: dict, name: str
) -> None:
    r = client.get(path, params=params)
    assert r.status_code == 422, r.text
    body = r.json()
    assert body["error"] == "invalid_request" and name in body["detail"]


def test_unknown_route_and_method(client: TestClient) -> None:
    assert client.get("/nowhere").status_code == 404
    assert client.put("/actors").status_code == 405


def test_injection_attempts_change_nothing(client: TestClient, seeded, api_settings) -> None:
    before = graph_stats(seeded, api_settings.neo4j_database)
    statuses = set()
    for payload in INJECTIONS:
        q = quote(payload, safe="")
        requests = [
            ("/actors", {"q": payload}),
            ("/actors", {"kind": payload}),
            (f"/actors/{q}", {}),
            (f"/actors/{q}/relations", {}),
            ("/actors/russia/relations", {"relation": payload}),
            ("/actors/russia/relations", {"direction": payload}),
            ("/actors/russia/relations", {"since": payload}),
            ("/relations", {"source": payload}),
            ("/relations", {"target": payload}),
            ("/relations", {"until": payload}),
            ("/relations/evidence", {"source": payload, "relation": "supports", "target": "iran"}),
            ("/relations/evidence", {"source": "russia", "relation": payload, "target": "iran"}),
            (
                "/relations/evidence",
                {"source": "russia", "relation": "supports", "target": payload},
            ),
            ("/paths", {"source": payload, "target": "iran"}),
            ("/paths", {"source": "russia", "target": payload}),
            ("/graph", {"center": payload}),
            ("/graph/view", {"center": payload}),
        ]
        for path, params in requests:
            r = client.get(path, params=params)
            statuses.add(r.status_code)
            assert r.status_code in (200, 404, 422), (path, params, r.status_code, r.text)
            assert r.headers["content-type"].startswith("application/json") or r.status_code == 200
        r = client.delete(f"/documents/{q}", headers={"X-API-Key": API_KEY})
        assert r.status_code in (404, 422), r.text
        r = client.delete("/documents/x", headers={"X-API-Key": payload})
        assert r.status_code == 401
    assert 404 in statuses and 422 in statuses
    assert graph_stats(seeded, api_settings.neo4j_database) == before
    still = client.get("/relations", params={"source": "russia", "target": "bashar-al-assad"})
    assert ("russia", "supports", "bashar-al-assad") in edges_of(still.json())


def test_writes_need_the_api_key(client: TestClient) -> None:
    doc = {"text": "Iran said it supports Hezbollah."}
    for headers in ({}, {"X-API-Key": "wrong"}, {"X-API-Key": ""}):
        r = client.post("/documents", json=doc, headers=headers)
        assert r.status_code == 401, r.text
        assert "API key" in r.json()["detail"] or "X-API-Key" in r.json()["detail"]
        assert client.delete("/documents/anything", headers=headers).status_code == 401


def test_post_bad_bodies(client: TestClient) -> None:
    h = {"X-API-Key": API_KEY}
    cases = [
        ({}, "text"),
        ({"text": ""}, "text"),
        ({"text": "  \n "}, "text"),
        ({"text": "x", "date": "next week"}, "date"),
        ({"text": "x", "date": "2024-02-30"}, "date"),
        ({"text": "x", "colour": "blue"}, "colour"),
    ]
    for body, name in cases:
        r = client.post("/documents", json=body, headers=h)
        assert r.status_code == 422, (body, r.text)
        assert name in r.json()["detail"]
    r = client.post(
        "/documents", content=b"not json", headers={**h, "content-type": "application/json"}
    )
    assert r.status_code == 422


def test_post_then_delete_document(client: TestClient, seeded, api_settings) -> None:
    h = {"X-API-Key": API_KEY}
    before = graph_stats(seeded, api_settings.neo4j_database)
    text = (
        "Turkey supports the Syrian National Army, officials said on Monday. "
        "The Syrian National Army seized Tal Rifaat after heavy fighting."
    )
    r = client.post(
        "/documents",
        json={"text": text, "title": "SNA advance", "date": "2024-12-02", "id": "api-test-doc"},
        headers=h,
    )
    assert r.status_code == 201, r.text
    body = r.json()
    assert body["doc_id"] == "api-test-doc"
    assert body["edges"], "the extractor found no edge in a plain statement of support"
    assert {(e["subject_id"], e["relation"]) for e in body["edges"]} & {
        ("turkey", "supports"),
        ("syrian-national-army", "seized"),
    }
    mid = graph_stats(seeded, api_settings.neo4j_database)
    assert mid["documents"] == before["documents"] + 1
    r = client.delete("/documents/api-test-doc", headers=h)
    assert r.status_code == 200, r.text
    assert r.json()["deleted"] is True
    assert graph_stats(seeded, api_settings.neo4j_database) == before
    assert client.delete("/documents/api-test-doc", headers=h).status_code == 404


def test_openapi_docs(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    paths = set(spec["paths"])
    assert {
        "/health",
        "/actors",
        "/actors/{actor_id}",
        "/actors/{actor_id}/relations",
        "/relations",
        "/relations/evidence",
        "/paths",
        "/graph",
        "/graph/view",
        "/documents",
        "/documents/{doc_id}",
        "/stats",
    } <= paths
    assert "examples" in str(spec["components"]["schemas"]["EdgeOut"])
    assert client.get("/docs").status_code == 200
