"""Views from extracted edges: aggregation, cutting around a centre, escaping, offline."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from graph_builder.errors import InputError, NotFoundError
from graph_builder.models import Actor, Edge, Evidence
from graph_builder.subgraph import subgraph_from_edges
from graph_builder.views import write_view_from_edges

RU = Actor("russia", "Russia", "country")
SY = Actor("syria", "Syria", "country")
IR = Actor("iran", "Iran", "country")
AL = Actor("aleppo", "Aleppo", "place")
HTS = Actor("hts", "Hayat Tahrir al-Sham", "armed_group")


def edge(
    s: Actor,
    rel: str,
    o: Actor,
    sentence: str = "x",
    day: int | None = None,
    negated: bool = False,
    conf: float = 0.5,
    doc: str = "d1",
) -> Edge:
    return Edge(
        s,
        rel,
        o,
        Evidence(doc, sentence, 0, len(sentence)),
        negated=negated,
        date=dt.date(2024, 12, day) if day else None,
        confidence=conf,
    )


EDGES = [
    edge(RU, "supports", SY, "Russia backs Syria.", 1, conf=0.5),
    edge(RU, "supports", SY, "Moscow backs Damascus.", 3, conf=0.5, doc="d2"),
    edge(SY, "met_with", IR, "Syria met Iran.", 2),
    edge(IR, "met_with", SY, "Iran met Syria.", 4),
    edge(HTS, "seized", AL, "HTS seized Aleppo.", 5),
    edge(RU, "opposes", HTS, "Russia does not oppose HTS.", negated=True),
]


def test_aggregation_like_the_loader() -> None:
    g = subgraph_from_edges(EDGES)
    by_key = {e.key: e for e in g.edges}
    sup = by_key["russia|supports|syria"]
    assert (sup.evidence_count, sup.doc_count) == (2, 2)
    assert (sup.first_seen, sup.last_seen) == (dt.date(2024, 12, 1), dt.date(2024, 12, 3))
    assert sup.confidence == pytest.approx(0.75)
    assert by_key["iran|met_with|syria"].evidence_count == 2  # symmetric, lower id first
    assert not any(e.relation == "opposes" for e in g.edges)  # negated: no edge


def test_filters_and_centre() -> None:
    assert {e.relation for e in subgraph_from_edges(EDGES, relation="seized").edges} == {"seized"}
    assert len(subgraph_from_edges(EDGES, since=dt.date(2024, 12, 4)).edges) == 2
    g = subgraph_from_edges(EDGES, center="Russia", depth=1)
    assert set(g.nodes) == {"russia", "syria"}
    assert set(subgraph_from_edges(EDGES, center="russia", depth=2).nodes) == {
        "russia",
        "syria",
        "iran",
    }
    with pytest.raises(NotFoundError, match="Atlantis"):
        subgraph_from_edges(EDGES, center="Atlantis")
    with pytest.raises(InputError, match="relation"):
        subgraph_from_edges(EDGES, relation="loves")
    with pytest.raises(InputError, match="depth"):
        subgraph_from_edges(EDGES, depth=0)


def test_page_is_self_contained_and_escaped(tmp_path: Path) -> None:
    bad = Actor("evil", "<script>alert(1)</script>", "person")
    hostile = edge(bad, "supports", RU, '<img src=x onerror="alert(1)"> & "quotes"')
    out = write_view_from_edges([*EDGES, hostile], tmp_path / "v.html")
    html = out.read_text(encoding="utf-8")
    assert "<script src=" not in html and "<link" not in html
    assert "vis.Network" in html
    assert "<img src=x" not in html and "<script>alert(1)</script>" not in html
    assert "\\u003cimg src=x" in html  # JSON-escaped; the page inserts it as text only
    for label in ("supports", "opposes", "met with", "seized"):  # legend
        assert label in html
    assert '"arrows": {"to": {"enabled": false' in html  # met_with has no arrow


def test_empty_view(tmp_path: Path) -> None:
    html = write_view_from_edges([], tmp_path / "empty.html").read_text(encoding="utf-8")
    assert "No edges match" in html


def test_title_edges_read_back_from_extract_output() -> None:
    """A headline edge (no offsets: the title is not in the body) round-trips."""
    from graph_builder.models import edge_from_record

    rec = {"doc": "d", "subject": "Iran", "subject_id": "iran", "subject_kind": "country",
           "relation": "supports", "object": "Hezbollah", "object_id": "hezbollah",
           "object_kind": "armed_group", "sentence": "Iran backs Hezbollah",
           "start": None, "end": None}
    edge = edge_from_record(rec)
    assert edge.evidence.start is None and edge.to_record()["start"] is None


# --- the analyst's view: evidence, time, affiliation, confidence ---------------------

def _page(edges: list[Edge], **kw: object) -> dict:
    from graph_builder.view_data import page_data

    return page_data(subgraph_from_edges(edges, per_edge=1000, **kw), "t", 2)  # type: ignore[arg-type]


def test_every_statement_is_kept_with_its_provenance() -> None:
    many = [
        Edge(RU, "supports", SY, Evidence(f"d{i}", f"Russia backs Syria ({i}).", 0, 9, "Peskov"),
             date=dt.date(2024, 12, 1 + i), confidence=0.6, rule="verb:back")
        for i in range(7)
    ]
    data = _page(many)
    rows = data["evidence"]["russia|supports|syria"]
    assert len(rows) == 7  # all of them, not a sample
    sentence, speaker, day, conf, rule, doc = rows[0]
    assert (sentence, speaker, day, conf, rule) == (
        "Russia backs Syria (0).", "Peskov", "2024-12-01", 0.6, "verb:back"
    )
    assert data["docs"][doc][0] == "d0"
    assert data["dates"] == [f"2024-12-{d:02d}" for d in range(1, 8)]


def test_time_range_keeps_edges_whose_span_overlaps_it() -> None:
    g = subgraph_from_edges(EDGES, since=dt.date(2024, 12, 2), until=dt.date(2024, 12, 3))
    assert {e.key for e in g.edges} == {"russia|supports|syria", "iran|met_with|syria"}
    assert set(g.nodes) == {"russia", "syria", "iran"}  # Aleppo and HTS left with no edge
    with pytest.raises(InputError, match="since"):
        subgraph_from_edges(EDGES, since=dt.date(2024, 12, 5), until=dt.date(2024, 12, 1))


def test_affiliation_links_and_catalogue() -> None:
    peskov = Actor("dmitry-peskov", "Dmitry Peskov", "person", affiliation="russia")
    data = _page([*EDGES, edge(peskov, "opposes", HTS, "Peskov condemned HTS.", 6)])
    assert [(x["from"], x["to"]) for x in data["links"]] == [("dmitry-peskov", "russia")]
    node = next(n for n in data["nodes"] if n["id"] == "dmitry-peskov")
    assert node["affiliation"] == "russia"
    # JSONL edges carry no affiliation: the catalogue supplies it (Assad speaks for Syria).
    assad = Actor("bashar-al-assad", "Bashar al-Assad", "person")
    data = _page([edge(RU, "supports", assad, "Russia backs Assad.", 1), EDGES[0]])
    assert [(x["from"], x["to"]) for x in data["links"]] == [("bashar-al-assad", "syria")]
    # no link when the state is not in the view
    assert _page([edge(RU, "supports", assad, "Russia backs Assad.", 1)])["links"] == []


def test_low_confidence_edges_are_drawn_weaker() -> None:
    from graph_builder.view_data import edge_style

    weak, strong = edge_style(0.3), edge_style(0.9)
    assert weak["dashes"] and not strong["dashes"]
    assert weak["alpha"] < strong["alpha"] == 1.0
    data = _page(
        [edge(RU, "supports", SY, "a", 1, conf=0.3), edge(IR, "opposes", HTS, "b", 2, conf=0.9)]
    )
    by_id = {e["id"]: e for e in data["edges"]}
    assert by_id["russia|supports|syria"]["dashes"] is True
    assert by_id["iran|opposes|hts"]["dashes"] is False


def test_only_web_addresses_become_links(tmp_path: Path) -> None:
    from graph_builder.subgraph import EvidenceItem, GraphEdge, GraphNode, Subgraph
    from graph_builder.view_data import page_data

    g = Subgraph(
        nodes={"russia": GraphNode("russia", "Russia", "country"),
               "syria": GraphNode("syria", "Syria", "country")},
        edges=[GraphEdge("russia", "supports", "syria", 2, 2, confidence=0.8, evidence=[
            EvidenceItem("s1", "d1", "T1", "javascript:alert(1)"),
            EvidenceItem("s2", "d2", "T2", "https://example.org/a"),
        ])],
    )
    docs = page_data(g, "t", 2)["docs"]
    assert docs == [["d1", "T1", None], ["d2", "T2", "https://example.org/a"]]


def test_cli_rejects_an_inverted_range(tmp_path: Path) -> None:
    import subprocess
    import sys

    jsonl = tmp_path / "e.jsonl"
    jsonl.write_text("", encoding="utf-8")
    run = subprocess.run(
        [sys.executable, "-c", "from graph_builder.cli import main; main()", "view",
         "--from", str(jsonl), "--since", "2024-12-05", "--until", "2024-12-01",
         "-o", str(tmp_path / "v.html")],
        capture_output=True, text=True, timeout=120,
    )
    assert run.returncode == 2
    assert "must not be after --until" in run.stderr and "Traceback" not in run.stderr
    assert not (tmp_path / "v.html").exists()
