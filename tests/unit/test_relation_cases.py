"""Sentence -> edges cases from `cases/relations.yaml`, one test per case.

Each case lists required edges (lists of acceptable names per side) and
optionally forbidden ones; `edges: []` means no asserted edge at all.
Cases listed in `cases/known_gaps.yaml` are expected failures, with the reason.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from pathlib import Path

import pytest
import yaml

from graph_builder.extract import Extractor
from graph_builder.models import Edge
from graph_builder.reader import make_document

CASES_FILE = Path(__file__).parent / "cases" / "relations.yaml"
CASES = yaml.safe_load(CASES_FILE.read_text(encoding="utf-8"))
KNOWN_GAPS = yaml.safe_load((CASES_FILE.parent / "known_gaps.yaml").read_text(encoding="utf-8"))


def _norm(name: str) -> str:
    folded = unicodedata.normalize("NFKD", name.replace("\u2019", "'"))
    return "".join(c for c in folded if not unicodedata.combining(c)).lower().strip()


def _names(edge_side: list[str]) -> set[str]:
    return {_norm(n) for n in edge_side}


def _matches(edge: Edge, spec: list) -> bool:
    subjects, relation, objects = _names(spec[0]), spec[1], _names(spec[2])
    if edge.relation != relation:
        return False
    s, o = _norm(edge.subject.name), _norm(edge.object.name)
    if s in subjects and o in objects:
        return True
    return relation == "met_with" and o in subjects and s in objects


def run_case(extractor: Extractor, case: dict) -> list[Edge]:
    date = dt.date.fromisoformat(case["date"]) if case.get("date") else None
    document = make_document(case["text"], date=date, doc_id=case["id"])
    return [e for e in extractor.extract(document) if e.asserted]


def _param(case: dict):
    gap = KNOWN_GAPS.get(case["id"])
    marks = [pytest.mark.xfail(reason=gap, strict=True)] if gap else []
    return pytest.param(case, id=case["id"], marks=marks)


@pytest.mark.parametrize("case", [_param(c) for c in CASES])
def test_case(extractor: Extractor, case: dict) -> None:
    edges = run_case(extractor, case)
    shown = [f"{e.subject.name} -{e.relation}-> {e.object.name} ({e.rule})" for e in edges]
    if not case["edges"]:
        assert not edges, f"expected no edge, got {shown}"
    for spec in case["edges"]:
        assert any(_matches(e, spec) for e in edges), f"missing {spec}; got {shown}"
    for spec in case.get("forbidden") or []:
        assert not any(_matches(e, spec) for e in edges), f"forbidden {spec}; got {shown}"
