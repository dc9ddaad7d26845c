"""Exports of the seed graph (`graph-builder export`, `GET /export`) read back with
networkx give the counts of `graph-builder stats` and the attributes stored in Neo4j."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from collections import Counter
from pathlib import Path

import networkx as nx
import pandas as pd
import pytest

pytestmark = pytest.mark.integration
REPO = Path(__file__).resolve().parents[3]


def cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", "from graph_builder.cli import main; main()", *args],
        cwd=REPO, capture_output=True, text=True, timeout=300,
    )


def read_back(fmt: str, path: Path) -> nx.MultiDiGraph:
    """The exported file(s) as a networkx graph, read with networkx (and pandas for CSV)."""
    if fmt == "graphml":
        return nx.read_graphml(path, force_multigraph=True)
    if fmt == "gexf":
        return nx.read_gexf(path)
    if fmt == "json":
        return nx.node_link_graph(json.loads(path.read_text()), edges="edges")
    nodes = pd.read_csv(path / "nodes.csv", keep_default_na=False)
    edges = pd.read_csv(path / "edges.csv", keep_default_na=False)
    graph = nx.from_pandas_edgelist(
        edges, "source", "target", edge_attr=True, create_using=nx.MultiDiGraph
    )
    for row in nodes.to_dict("records"):
        graph.add_node(row.pop("id"), **row)
    return graph


def stored(seeded, db: str) -> tuple[dict, dict]:
    """Actors and edges as Neo4j holds them: the ground truth of the export."""
    actors = {
        r["id"]: r.data()
        for r in seeded.execute_query(
            "MATCH (a:Actor) RETURN a.id AS id, a.name AS name, a.kind AS kind, "
            "a.aliases AS aliases, a.affiliation AS affiliation", database_=db
        ).records
    }
    edges = {
        (r["s"], r["t"], r["rel"]): r.data()
        for r in seeded.execute_query(
            "MATCH (a:Actor)-[r:SUPPORTS|OPPOSES|MET_WITH|SEIZED]->(b:Actor) "
            "RETURN a.id AS s, b.id AS t, toLower(type(r)) AS rel, r.evidence_count AS n, "
            "r.doc_count AS docs, toString(r.first_seen) AS first, "
            "toString(r.last_seen) AS last, r.confidence AS confidence", database_=db
        ).records
    }
    return actors, edges


def aliases_of(value: object) -> list[str]:
    if isinstance(value, list):
        return value
    return [a for a in str(value or "").split("; ") if a]


def check_against(graph: nx.MultiDiGraph, actors: dict, edges: dict) -> None:
    assert set(graph.nodes) == set(actors)
    for node, data in graph.nodes(data=True):
        want = actors[node]
        assert data["label"] == want["name"]
        assert data["kind"] == want["kind"]
        assert aliases_of(data.get("aliases")) == list(want["aliases"] or [])
        assert (data.get("affiliation") or None) == want["affiliation"]
    got = {(s, t, d["relation"]): d for s, t, d in graph.edges(data=True)}
    assert set(got) == set(edges)
    for key, d in got.items():
        want = edges[key]
        assert int(d["evidence_count"]) == want["n"] == int(d["weight"])
        assert int(d["doc_count"]) == want["docs"]
        assert (d.get("first_seen") or None) == want["first"]
        assert (d.get("last_seen") or None) == want["last"]
        assert float(d["confidence"]) == pytest.approx(want["confidence"])


@pytest.mark.parametrize("fmt", ["graphml", "gexf", "csv", "json"])
def test_cli_export_reads_back_as_stats_says(seeded, api_settings, tmp_path, fmt) -> None:
    stats_run = cli("stats", "--json")
    assert stats_run.returncode == 0, stats_run.stderr
    stats = json.loads(stats_run.stdout)
    out = tmp_path / ("graph" if fmt == "csv" else f"graph.{fmt}")
    run = cli("export", "--format", fmt, "-o", str(out))
    assert run.returncode == 0, run.stderr
    assert f"Exported {stats['actors']} actors and {stats['edges']} edges" in run.stdout

    graph = read_back(fmt, out)
    assert graph.number_of_nodes() == stats["actors"]
    assert graph.number_of_edges() == stats["edges"]
    per_relation = Counter(d["relation"] for _, _, d in graph.edges(data=True))
    assert {r: per_relation.get(r, 0) for r in stats["edges_by_relation"]} == \
        stats["edges_by_relation"]
    check_against(graph, *stored(seeded, api_settings.neo4j_database))


def test_affiliations_exported(seeded, tmp_path) -> None:
    out = tmp_path / "g.graphml"
    assert cli("export", "--format", "graphml", "-o", str(out)).returncode == 0
    graph = nx.read_graphml(out, force_multigraph=True)
    affiliated = {n: d["affiliation"] for n, d in graph.nodes(data=True) if d.get("affiliation")}
    assert affiliated, "the seed graph has persons who speak for a state"
    assert all(d["kind"] in ("person", "government", "armed_group", "organisation", "group")
               for n, d in graph.nodes(data=True) if n in affiliated)


def test_gexf_edges_carry_their_time_span(seeded, tmp_path) -> None:
    out = tmp_path / "g.gexf"
    assert cli("export", "--format", "gexf", "-o", str(out)).returncode == 0
    assert 'mode="dynamic"' in out.read_text() and 'timeformat="date"' in out.read_text()
    graph = nx.read_gexf(out)
    dated = [d for _, _, d in graph.edges(data=True) if d.get("first_seen")]
    assert dated and all(d["start"] == d["first_seen"] for d in dated)


@pytest.mark.parametrize("fmt", ["graphml", "gexf", "json"])
def test_api_export_whole_graph(client, seeded, api_settings, tmp_path, fmt) -> None:
    stats = client.get("/stats").json()
    res = client.get("/export", params={"format": fmt})
    assert res.status_code == 200, res.text
    assert f"graph.{fmt}" in res.headers["content-disposition"]
    path = tmp_path / f"api-export.{fmt}"
    path.write_bytes(res.content)
    graph = read_back(fmt, path)
    assert graph.number_of_nodes() == stats["actors"]
    assert graph.number_of_edges() == stats["edges"]
    check_against(graph, *stored(seeded, api_settings.neo4j_database))


def test_api_export_csv_tables(client, seeded) -> None:
    stats = client.get("/stats").json()
    nodes = client.get("/export", params={"format": "csv", "table": "nodes"})
    edges = client.get("/export", params={"format": "csv"})
    assert nodes.status_code == edges.status_code == 200
    assert nodes.headers["content-type"].startswith("text/csv")
    assert len(pd.read_csv(io.BytesIO(nodes.content))) == stats["actors"]
    table = pd.read_csv(io.BytesIO(edges.content))
    assert len(table) == stats["edges"]
    assert {"source_label", "target_label", "relation", "first_seen", "confidence"} <= \
        set(table.columns)


def test_api_export_filtered_matches_graph(client, seeded) -> None:
    params = {"center": "Moscow", "depth": 1, "relation": "supports"}
    sub = client.get("/graph", params=params).json()
    res = client.get("/export", params={**params, "format": "json"})
    assert res.status_code == 200, res.text
    graph = nx.node_link_graph(res.json(), edges="edges")
    assert set(graph.nodes) == {n["id"] for n in sub["nodes"]}
    assert graph.number_of_edges() == len(sub["edges"])
    assert {d["relation"] for _, _, d in graph.edges(data=True)} == {"supports"}
    assert "russia" in graph


def test_export_by_relation_and_date(client, seeded) -> None:
    res = client.get("/export", params={"format": "json", "relation": "seized",
                                        "since": "2024-12-01"})
    graph = nx.node_link_graph(res.json(), edges="edges")
    assert graph.number_of_edges() > 0
    for _, _, d in graph.edges(data=True):
        assert d["relation"] == "seized" and d["last_seen"] >= "2024-12-01"
    # only the actors these edges join
    assert all(graph.degree(n) > 0 for n in graph.nodes)


@pytest.mark.parametrize(
    ("params", "status", "named"),
    [
        ({"format": "pdf"}, 422, "format"),
        ({}, 422, "format"),
        ({"format": "csv", "table": "rows"}, 422, "table"),
        ({"format": "json", "center": "Atlantis"}, 404, "Atlantis"),
        ({"format": "json", "since": "2024-13-01"}, 422, "since"),
        ({"format": "json", "relation": "likes"}, 422, "relation"),
        ({"format": "json", "depth": 9}, 422, "depth"),
    ],
)
def test_api_export_bad_input(client, seeded, params, status, named) -> None:
    res = client.get("/export", params=params)
    assert res.status_code == status, res.text
    assert named in res.json()["detail"]


def test_cli_export_bad_input(seeded, tmp_path) -> None:
    afile = tmp_path / "taken.txt"
    afile.write_text("x")
    run = cli("export", "--format", "csv", "-o", str(afile))
    assert run.returncode == 1 and "names a folder" in run.stderr
    assert "Traceback" not in run.stderr
    run = cli("export", "--format", "json", "-o", str(tmp_path / "x.json"), "--center", "Atlantis")
    assert run.returncode == 1 and "Atlantis" in run.stderr and "Traceback" not in run.stderr
    run = cli("export", "--format", "xls", "-o", str(tmp_path / "x.xls"))
    assert run.returncode == 2 and "xls" in run.stderr
