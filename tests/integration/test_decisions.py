"""Analyst decisions against the real Neo4j: they hold across re-ingestion."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import neo4j
import pytest

from graph_builder.decisions.model import DecisionIn
from graph_builder.decisions.store import decide, list_decisions, undo
from graph_builder.errors import InputError
from graph_builder.loader import delete_document, load_extractions
from graph_builder.models import Extraction
from graph_builder.reader import read_documents
from graph_builder.schema import ensure_schema, wipe_database
from graph_builder.settings import Settings

pytestmark = pytest.mark.integration

GRAPH_BUILDER = Path(sys.executable).with_name("graph-builder")

CORPUS = {
    "sudan.txt": "---\ndate: 2024-05-02\n---\n"
    "The Rapid Support Forces supported the Sudanese Armed Forces in El Fasher.\n"
    "Iran backs Hezbollah.\n",
    "levant.txt": "---\ndate: 2024-06-10\n---\n"
    "Syria backs Hezbollah. Bashar al-Assad met with Vladimir Putin in Moscow.\n",
}
NEW = {  # added later: they state the rejected edge and the merged actor again
    "sudan-2.txt": "---\ndate: 2024-07-01\n---\n"
    "The RSF supported the Sudanese Armed Forces near Omdurman.\n",
    "levant-2.txt": "---\ndate: 2024-07-03\n---\nSyria backs Hezbollah.\n",
}


def _with_url(name: str, text: str) -> str:
    """Each article has a web address, so editing its text updates the same document
    (document identity: the URL, else the text)."""
    return text.replace("---\n", f"---\nurl: https://news.example/{name[:-4]}\n", 1)


CORPUS = {name: _with_url(name, text) for name, text in CORPUS.items()}
NEW = {name: _with_url(name, text) for name, text in NEW.items()}


@pytest.fixture(scope="module")
def extractor() -> Any:
    from graph_builder.extract import Extractor

    return Extractor()


def write(folder: Path, files: dict[str, str]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def ingest(driver: neo4j.Driver, db: str, extractor: Any, folder: Path) -> None:
    docs = list(read_documents([folder], warn=lambda m: None))
    load_extractions(driver, [Extraction(d, extractor.extract(d)) for d in docs], database=db)


def rows(driver: neo4j.Driver, db: str, cypher: str, **params: Any) -> list[dict[str, Any]]:
    records, _, _ = driver.execute_query(cypher, params, database_=db)
    return [r.data() for r in records]


def edge(driver: neo4j.Driver, db: str, source: str, type_: str, target: str) -> dict | None:
    found = rows(
        driver, db,
        f"MATCH (:Actor {{id: $a}})-[r:{type_}]->(:Actor {{id: $b}}) RETURN properties(r) AS p",
        a=source, b=target,
    )  # fmt: skip
    return found[0]["p"] if found else None


def statements(driver: neo4j.Driver, db: str, key: str) -> list[dict[str, Any]]:
    """Statements the extractor gave `key`, with where they count now."""
    return rows(
        driver, db,
        "MATCH (s:Statement)-[:IN_DOCUMENT]->(d) WHERE coalesce(s.extracted_key, s.edge_key) = $k "
        "RETURN replace(last(split(head(d.paths), '/')), '.txt', '') AS doc, "
        "s.edge_key AS edge_key, s.rejected_by AS rejected_by, "
        "s:Rejected AS marked ORDER BY doc",
        k=key,
    )  # fmt: skip


def actor(driver: neo4j.Driver, db: str, actor_id: str) -> dict[str, Any] | None:
    found = rows(driver, db, "MATCH (a:Actor {id: $id}) RETURN properties(a) AS p, labels(a) AS l",
                 id=actor_id)  # fmt: skip
    return {**found[0]["p"], "labels": found[0]["l"]} if found else None


def cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(GRAPH_BUILDER), *args], capture_output=True, text=True, timeout=300,
        env=dict(os.environ), check=False,
    )  # fmt: skip


@pytest.fixture()
def graph(
    clean_db: neo4j.Driver, settings: Settings, extractor: Any, tmp_path: Path
) -> Iterator[tuple[neo4j.Driver, str, Path]]:
    """The small corpus loaded; yields the driver, database and corpus folder."""
    db = settings.neo4j_database
    ensure_schema(clean_db, db)
    folder = write(tmp_path / "corpus", CORPUS)
    ingest(clean_db, db, extractor, folder)
    assert edge(clean_db, db, "rapid-support-forces", "SUPPORTS", "sudanese-armed-forces")
    assert edge(clean_db, db, "syria", "SUPPORTS", "hezbollah")
    yield clean_db, db, folder


def test_a_rejected_edge_stays_rejected_when_the_corpus_is_reloaded_and_extended(
    graph: tuple[neo4j.Driver, str, Path], extractor: Any
) -> None:
    driver, db, folder = graph
    key = "rapid-support-forces|SUPPORTS|sudanese-armed-forces"
    result = cli("review", "reject", "RSF", "supports", "Sudanese Armed Forces",
                 "--by", "analyst-1", "--reason", "they fought on opposite sides")  # fmt: skip
    assert result.returncode == 0, result.stderr
    decision_id = result.stdout.split(":")[0]
    assert edge(driver, db, "rapid-support-forces", "SUPPORTS", "sudanese-armed-forces") is None
    assert [s["marked"] for s in statements(driver, db, key)] == [True]
    assert edge(driver, db, "iran", "SUPPORTS", "hezbollah")  # other edges untouched

    # The same corpus (one file changed, so it is rewritten) plus new documents.
    (folder / "sudan.txt").write_text(CORPUS["sudan.txt"] + "Iran armed Hezbollah.\n", "utf-8")
    write(folder, NEW)
    ingest(driver, db, extractor, folder)
    ingest(driver, db, extractor, folder)  # and once more: nothing changes

    assert edge(driver, db, "rapid-support-forces", "SUPPORTS", "sudanese-armed-forces") is None
    found = statements(driver, db, key)
    assert [s["doc"] for s in found] == ["sudan", "sudan-2"]  # the new evidence is kept,
    assert all(s["marked"] and s["rejected_by"] == decision_id for s in found)  # marked
    assert all(s["edge_key"] == "!" + key for s in found)
    evidence = rows(driver, db, "MATCH (s:Statement {edge_key: $k}) RETURN count(s) AS n", k=key)
    assert evidence == [{"n": 0}]  # no read that follows edge keys sees it

    # Two documents with rejected statements of the edge: change one, delete the other.
    (folder / "sudan-2.txt").write_text(NEW["sudan-2.txt"] + "Iran backs Hezbollah.\n", "utf-8")
    ingest(driver, db, extractor, folder)
    (sudan,) = rows(driver, db, "MATCH (d:Document) WHERE any(p IN d.paths "
                    "WHERE p ENDS WITH '/sudan.txt') RETURN d.id AS id")
    delete_document(driver, sudan["id"], db)
    assert edge(driver, db, "rapid-support-forces", "SUPPORTS", "sudanese-armed-forces") is None
    assert [s["doc"] for s in statements(driver, db, key) if s["marked"]] == ["sudan-2"]
    ingest(driver, db, extractor, folder)  # sudan comes back, its statement rejected again
    assert [s["marked"] for s in statements(driver, db, key)] == [True, True]

    listed = cli("review", "list")
    assert decision_id in listed.stdout and "analyst-1" in listed.stdout
    undone = cli("review", "undo", decision_id, "--by", "analyst-2", "--reason", "re-checked")
    assert undone.returncode == 0, undone.stderr
    restored = edge(driver, db, "rapid-support-forces", "SUPPORTS", "sudanese-armed-forces")
    assert restored and restored["evidence_count"] == 2 and restored["doc_count"] == 2
    assert not any(s["marked"] for s in statements(driver, db, key))
    assert "undone" in cli("review", "list", "--all").stdout


def test_a_merge_survives_reingestion_and_undo_restores_both_actors(
    graph: tuple[neo4j.Driver, str, Path], extractor: Any
) -> None:
    driver, db, folder = graph
    decision, applied = decide(driver, db, DecisionIn(
        action="merge", actor="Syria", into="Bashar al-Assad", by="analyst-1",
        reason="the state here means its ruler",
    ))  # fmt: skip
    assert applied.actors_deleted == {"syria"}
    assert actor(driver, db, "syria") is None
    merged = edge(driver, db, "bashar-al-assad", "SUPPORTS", "hezbollah")
    # Set from its statements as the loader sets edges, outlets included.
    assert merged and merged["evidence_count"] == 1 and merged["source_count"] == 1
    assert "Syria" in actor(driver, db, "bashar-al-assad")["aliases"]  # type: ignore[index]

    write(folder, NEW)
    (folder / "levant.txt").write_text(CORPUS["levant.txt"] + "Syria backs Iran.\n", "utf-8")
    ingest(driver, db, extractor, folder)

    assert actor(driver, db, "syria") is None
    merged = edge(driver, db, "bashar-al-assad", "SUPPORTS", "hezbollah")
    assert merged and merged["evidence_count"] == 2 and merged["doc_count"] == 2
    assert edge(driver, db, "bashar-al-assad", "SUPPORTS", "iran")
    assert edge(driver, db, "bashar-al-assad", "MET_WITH", "vladimir-putin")
    assert "Syria" in actor(driver, db, "bashar-al-assad")["aliases"]  # type: ignore[index]

    undo(driver, db, decision.id, by="analyst-2", reason="keep them apart")
    assert actor(driver, db, "syria") is not None
    back = edge(driver, db, "syria", "SUPPORTS", "hezbollah")
    assert back and back["evidence_count"] == 2
    assert edge(driver, db, "bashar-al-assad", "SUPPORTS", "hezbollah") is None
    assert "Syria" not in actor(driver, db, "bashar-al-assad")["aliases"]  # type: ignore[index]
    assert edge(driver, db, "bashar-al-assad", "MET_WITH", "vladimir-putin")


def test_actor_properties_and_splits_hold_across_reingestion(
    graph: tuple[neo4j.Driver, str, Path], extractor: Any
) -> None:
    driver, db, folder = graph
    for fields in (
        {"action": "rename", "actor": "rsf", "name": "RSF paramilitaries"},
        {"action": "set_kind", "actor": "hezbollah", "kind": "organisation"},
        {"action": "set_affiliation", "actor": "bashar-al-assad", "affiliation": "Iran"},
        {"action": "split", "actor": "Iran", "alias": "Tehran", "new_id": "tehran-govt",
         "name": "Tehran government"},
    ):  # fmt: skip
        decide(driver, db, DecisionIn(**fields, by="analyst-1", reason="checked by hand"))
    write(folder, {"tehran.txt": "---\ndate: 2024-08-01\n---\nTehran backs Hezbollah.\n"})
    (folder / "sudan.txt").write_text(CORPUS["sudan.txt"] + "Iran armed Hezbollah.\n", "utf-8")
    (folder / "levant.txt").write_text(CORPUS["levant.txt"] + "Assad met Putin.\n", "utf-8")
    ingest(driver, db, extractor, folder)

    rsf = actor(driver, db, "rapid-support-forces")
    assert rsf and rsf["name"] == "RSF paramilitaries"
    hezbollah = actor(driver, db, "hezbollah")
    assert hezbollah and hezbollah["kind"] == "organisation"
    assert "Organisation" in hezbollah["labels"] and "ArmedGroup" not in hezbollah["labels"]
    assad = actor(driver, db, "bashar-al-assad")
    assert assad and assad["affiliation"] == "iran"
    linked = rows(driver, db, "MATCH (:Actor {id: 'bashar-al-assad'})-[:AFFILIATED_WITH]->(c) "
                  "RETURN c.id AS id")  # fmt: skip
    assert linked == [{"id": "iran"}]
    iran = actor(driver, db, "iran")
    assert iran and "Tehran" not in iran["aliases"]
    tehran = edge(driver, db, "tehran-govt", "SUPPORTS", "hezbollah")
    assert tehran and tehran["evidence_count"] == 1  # "Tehran backs Hezbollah." moved
    iran_edge = edge(driver, db, "iran", "SUPPORTS", "hezbollah")
    assert iran_edge and iran_edge["evidence_count"] == 2  # "Iran backs/armed Hezbollah." stay
    assert actor(driver, db, "tehran-govt")["name"] == "Tehran government"  # type: ignore[index]


def test_a_rejected_statement_no_longer_counts_but_its_edge_stays(
    graph: tuple[neo4j.Driver, str, Path], extractor: Any
) -> None:
    driver, db, folder = graph
    write(folder, NEW)
    ingest(driver, db, extractor, folder)
    key = "syria|SUPPORTS|hezbollah"
    before = edge(driver, db, "syria", "SUPPORTS", "hezbollah")
    assert before and before["evidence_count"] == 2
    sid = rows(driver, db, "MATCH (s:Statement {edge_key: $k})-[:IN_DOCUMENT]->(d:Document) "
               "WHERE any(p IN d.paths WHERE p ENDS WITH '/levant-2.txt') RETURN s.id AS id",
               k=key)[0]["id"]  # fmt: skip
    result = cli("review", "reject", "--statement", sid, "--reason", "misread")
    assert result.returncode == 0, result.stderr
    after = edge(driver, db, "syria", "SUPPORTS", "hezbollah")
    assert after and after["evidence_count"] == 1 and after["doc_count"] == 1
    assert after["source_count"] == 1 and after["confidence"] == round(1 - after["miss"], 6)
    (folder / "levant-2.txt").write_text(NEW["levant-2.txt"] + "Iran backs Syria.\n", "utf-8")
    ingest(driver, db, extractor, folder)
    again = edge(driver, db, "syria", "SUPPORTS", "hezbollah")
    assert again and again["evidence_count"] == 1
    assert [s["marked"] for s in statements(driver, db, key)] == [False, True]


def test_exported_decisions_reapply_to_a_fresh_graph(
    graph: tuple[neo4j.Driver, str, Path], extractor: Any, tmp_path: Path
) -> None:
    driver, db, folder = graph
    for fields in (
        {"action": "reject_edge", "source": "RSF", "relation": "supports",
         "target": "Sudanese Armed Forces"},
        {"action": "merge", "actor": "Syria", "into": "Bashar al-Assad"},
        {"action": "rename", "actor": "hezbollah", "name": "Hezbollah (Lebanon)"},
    ):  # fmt: skip
        decide(driver, db, DecisionIn(**fields, by="analyst-1", reason="reviewed"))
    before = rows(driver, db, "MATCH (a)-[r]->(b) RETURN a.id AS a, type(r) AS t, b.id AS b, "
                  "properties(r) AS p ORDER BY a, t, b")  # fmt: skip
    names = rows(driver, db, "MATCH (a:Actor) RETURN a.id AS id, a.name AS name ORDER BY id")
    exported = tmp_path / "decisions.jsonl"
    result = cli("review", "export", str(exported))
    assert result.returncode == 0, result.stderr
    assert len(exported.read_text().splitlines()) == 3

    wipe_database(driver, db)
    imported = cli("review", "import", str(exported))
    assert imported.returncode == 0, imported.stderr
    assert "Imported 3" in imported.stdout
    ingest(driver, db, extractor, folder)
    after = rows(driver, db, "MATCH (a)-[r]->(b) RETURN a.id AS a, type(r) AS t, b.id AS b, "
                 "properties(r) AS p ORDER BY a, t, b")  # fmt: skip
    assert after == before
    assert (
        rows(driver, db, "MATCH (a:Actor) RETURN a.id AS id, a.name AS name ORDER BY id") == names
    )
    assert (
        "Imported 0 decision(s), 3 already stored" in cli("review", "import", str(exported)).stdout
    )
    assert len(list_decisions(driver, db)) == 3


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["merge", "Nowhereland", "Iran"], "actor: unknown actor 'Nowhereland'"),
        (["merge", "Iran", "Iran"], "same actor"),
        (["reject", "Iran", "opposes", "Hezbollah"], "no opposes edge from"),
        (["split", "Iran", "Narnia"], "'Narnia' is not an alias of"),
        (["reject", "--statement", "nope"], "unknown statement 'nope'"),
        (["undo", "dec-missing"], "unknown decision: 'dec-missing'"),
        (["set-affiliation", "Iran", "Iran"], "cannot be affiliated with itself"),
        (["import", "/nonexistent/decisions.jsonl"], "cannot read"),
    ],
)
def test_bad_decisions_are_one_line_errors_and_change_nothing(
    graph: tuple[neo4j.Driver, str, Path], args: list[str], message: str
) -> None:
    driver, db, _ = graph
    before = rows(driver, db, "MATCH (n) RETURN count(n) AS n")
    extra = [] if args[0] in ("undo", "import") else ["--reason", "test"]
    result = cli("review", *args, *extra)
    assert result.returncode != 0
    assert message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.stderr
    assert rows(driver, db, "MATCH (n) RETURN count(n) AS n") == before


def test_a_malformed_decision_file_names_the_line(graph: Any, tmp_path: Path) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text(json.dumps({"action": "merge", "by": "x", "reason": "y"}) + "\n{oops\n")
    result = cli("review", "import", str(bad))
    assert result.returncode == 1
    assert f"{bad}:1:" in result.stderr and "Traceback" not in result.stderr


def test_merging_an_actor_into_itself_and_repeated_rejects_are_refused(
    graph: tuple[neo4j.Driver, str, Path],
) -> None:
    driver, db, _ = graph
    decide(driver, db, DecisionIn(action="merge", actor="Syria", into="Bashar al-Assad",
                                  by="a", reason="r"))  # fmt: skip
    with pytest.raises(InputError, match="same actor"):  # "syria" names Assad now
        decide(driver, db, DecisionIn(action="merge", actor="Bashar al-Assad", into="syria",
                                      by="a", reason="r"))  # fmt: skip
    with pytest.raises(InputError, match="already rejected"):
        sid = rows(driver, db, "MATCH (s:Statement) RETURN s.id AS id LIMIT 1")[0]["id"]
        decide(driver, db, DecisionIn(action="reject_statement", statement=sid, by="a", reason="r"))
        decide(driver, db, DecisionIn(action="reject_statement", statement=sid, by="a", reason="r"))


# --- HTTP API ---------------------------------------------------------------------------

API_KEY = "test-api-key-decisions"


@pytest.fixture()
def client(graph: tuple[neo4j.Driver, str, Path]) -> Iterator[Any]:
    from fastapi.testclient import TestClient

    from api.app import create_app

    with TestClient(
        create_app(Settings(graph_api_key=API_KEY)), raise_server_exceptions=False
    ) as c:
        yield c


def test_decisions_over_http(client: Any, graph: tuple[neo4j.Driver, str, Path]) -> None:
    driver, db, _ = graph
    key = {"X-API-Key": API_KEY}
    body = {"action": "reject_edge", "source": "RSF", "relation": "supports",
            "target": "Sudanese Armed Forces", "by": "analyst-1", "reason": "misread"}  # fmt: skip
    assert client.post("/decisions", json=body).status_code == 401
    made = client.post("/decisions", json=body, headers=key)
    assert made.status_code == 201, made.text
    decision = made.json()["decision"]
    assert decision["source"] == "rapid-support-forces" and decision["by"] == "analyst-1"
    assert made.json()["applied"]["edges_deleted"] == 1
    assert edge(driver, db, "rapid-support-forces", "SUPPORTS", "sudanese-armed-forces") is None
    twice = client.post("/decisions", json=body, headers=key)
    assert twice.status_code == 409 and "already rejected" in twice.json()["detail"]
    relations = client.get("/relations", params={"source": "RSF"}).json()["items"]
    assert not any(r["target"]["id"] == "sudanese-armed-forces" for r in relations)

    listed = client.get("/decisions").json()
    assert [d["id"] for d in listed["items"]] == [decision["id"]]

    assert client.delete(f"/decisions/{decision['id']}", params={"by": "x"}).status_code == 401
    undone = client.delete(f"/decisions/{decision['id']}", params={"by": "analyst-2"}, headers=key)
    assert undone.status_code == 200, undone.text
    assert undone.json()["decision"]["undone_by"] == "analyst-2"
    assert edge(driver, db, "rapid-support-forces", "SUPPORTS", "sudanese-armed-forces")
    assert client.get("/decisions").json()["items"] == []
    assert len(client.get("/decisions", params={"include_undone": True}).json()["items"]) == 1
    again = client.delete(f"/decisions/{decision['id']}", params={"by": "a"}, headers=key)
    assert again.status_code == 409 and "already undone" in again.json()["detail"]


@pytest.mark.parametrize(
    ("body", "status", "message"),
    [
        ({"action": "merge", "actor": "Atlantis", "into": "Iran"}, 404, "unknown actor 'Atlantis'"),
        ({"action": "merge", "actor": "Iran"}, 422, "'merge.into': Field required"),
        (
            {"action": "rename", "actor": "Iran", "name": "X", "kind": "person"},
            422,
            "'rename.kind': Extra inputs are not permitted",
        ),
        ({"action": "set_kind", "actor": "Iran", "kind": "planet"}, 422, "'set_kind.kind'"),
        ({"action": "explode", "actor": "Iran"}, 422, "'explode' found using 'action'"),
        ({"action": "reject_statement", "statement": "0000"}, 404, "unknown statement"),
        ({"action": "rename", "actor": "Iran", "name": "X", "colour": "red"},
         422, "'rename.colour'"),
        ({"action": "rename", "actor": "Iran", "name": "X", "by": ""}, 422, "'rename.by'"),
    ],
)
def test_bad_decisions_over_http_are_4xx_naming_the_problem(
    client: Any, graph: tuple[neo4j.Driver, str, Path], body: dict, status: int, message: str
) -> None:
    full = {"by": "analyst-1", "reason": "test", **body}
    response = client.post("/decisions", json=full, headers={"X-API-Key": API_KEY})
    assert response.status_code == status, response.text
    assert message in response.json()["detail"]
    assert client.get("/decisions").json()["items"] == []
    unknown = client.delete(
        "/decisions/dec-nope", params={"by": "a"}, headers={"X-API-Key": API_KEY}
    )
    assert unknown.status_code == 404 and "dec-nope" in unknown.json()["detail"]


# --- views ------------------------------------------------------------------------------

EDGES = """() => network.body.data.edges.get().map(e => ({
  id: e.id, dashes: e.dashes === true, title: String(e.title || ''),
}))"""
PANEL = """(id) => {
  network.emit('click', {nodes: [], edges: [id], pointer: {}});
  const panel = document.getElementById('panel');
  return {
    struck: panel.querySelectorAll('ol.statements s blockquote').length,
    quotes: panel.querySelectorAll('ol.statements blockquote').length,
    text: panel.innerText,
  };
}"""


def test_views_leave_rejected_edges_out_unless_asked(
    graph: tuple[neo4j.Driver, str, Path], client: Any, tmp_path: Path
) -> None:
    from playwright.sync_api import sync_playwright

    from graph_builder.chromium import CHROMIUM, FLAGS

    result = cli("review", "reject", "RSF", "supports", "Sudanese Armed Forces", "--reason", "r")
    assert result.returncode == 0, result.stderr
    decision_id = result.stdout.split(":")[0]
    plain, marked = tmp_path / "plain.html", tmp_path / "marked.html"
    assert cli("view", "--center", "RSF", "-o", str(plain)).returncode == 0
    shown = cli("view", "--center", "RSF", "--show-rejected", "-o", str(marked))
    assert shown.returncode == 0, shown.stderr
    rejected_id = "rejected|rapid-support-forces|supports|sudanese-armed-forces"

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS, headless=True)
        found, panel = {}, {}
        for path in (plain, marked):
            page = browser.new_page()
            page.goto(path.as_uri())
            page.wait_for_function("window.graphView && window.graphView.settled", timeout=60_000)
            found[path.name] = page.evaluate(EDGES)
            if path == marked:
                panel = page.evaluate(PANEL, rejected_id)
            page.close()
        browser.close()
    assert rejected_id not in {e["id"] for e in found["plain.html"]}
    (rejected,) = [e for e in found["marked.html"] if e["id"] == rejected_id]
    assert rejected["dashes"] and f"REJECTED by {decision_id}" in rejected["title"]
    assert panel["struck"] == panel["quotes"] == 1  # its sentence, struck through
    assert f"Rejected by {decision_id}" in panel["text"]
    others = [e for e in found["marked.html"] if e["id"] != rejected_id]
    assert len(others) == len(found["plain.html"])

    params: dict[str, Any] = {"center": "RSF"}
    page_html = client.get("/graph/view", params={**params, "show_rejected": True}).text
    assert (
        rejected_id in page_html
        and rejected_id not in client.get("/graph/view", params=params).text
    )
