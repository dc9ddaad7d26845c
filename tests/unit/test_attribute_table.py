"""The attribute table gives every token exactly what the model's attribute ruler gives."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import spacy
from spacy.language import Language

from graph_builder.extract import Extractor
from graph_builder.extract.attribute_table import replace_attribute_ruler
from graph_builder.nlp import base_model_name, load_base_pipeline

CORPUS = Path(__file__).resolve().parents[2] / "graph_builder" / "data" / "train" / "corpus"
# Odd words the ruler's word patterns are about, and plain news text.
ODD = [
    "We ain't gonna let 'em go, y'all said, and there's nothin' to it.",
    "Is it true? I'd gotta say it is, cause the army gets what it wants.",
    "Let's go.\n\nThe militia, which had   held the town, did not withdraw.",
]


def _attributes(nlp: Language, texts: list[str]) -> list[list[tuple[str, ...]]]:
    return [
        [(t.pos_, str(t.morph), t.tag_, t.dep_, t.lemma_) for t in doc]
        for doc in nlp.pipe(texts)
    ]


@pytest.fixture(scope="module")
def texts() -> list[str]:
    out = list(ODD)
    for path in sorted(CORPUS.glob("*.jsonl"))[:6]:
        for line in path.read_text(encoding="utf-8").splitlines()[:40]:
            out.append("\n".join(s["text"] for s in json.loads(line)["sentences"]))
    return out


def test_table_replaces_the_ruler_in_the_extractor(extractor: Extractor) -> None:
    assert "attribute_table" in extractor.nlp.pipe_names
    assert "attribute_ruler" not in extractor.nlp.pipe_names


def test_table_gives_the_rulers_attributes(texts: list[str]) -> None:
    table = spacy.load(base_model_name())
    assert replace_attribute_ruler(table)
    assert _attributes(table, texts) == _attributes(load_base_pipeline(), texts)


def test_a_pipeline_without_the_ruler_is_left_alone() -> None:
    nlp = spacy.blank("en")
    assert not replace_attribute_ruler(nlp)
    assert nlp.pipe_names == []


def test_a_ruler_with_patterns_it_cannot_express_is_kept() -> None:
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.add([[{"LOWER": "the", "OP": "+"}]], {"POS": "DET"})
    assert not replace_attribute_ruler(nlp)
    assert nlp.pipe_names == ["attribute_ruler"]
