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
    assert "\\u0026lt;img src=x" in html  # HTML-escaped in the tooltip, then JSON-escaped
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
