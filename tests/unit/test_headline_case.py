"""Title-case headlines are parsed in sentence case; names and offsets are kept."""

from __future__ import annotations

import pytest

from graph_builder.extract import Extractor
from graph_builder.extract.headline_case import CasingTokenizer
from graph_builder.models import Document


def _caser(extractor: Extractor) -> CasingTokenizer:
    tokenizer = extractor.nlp.tokenizer
    assert isinstance(tokenizer, CasingTokenizer)
    return tokenizer


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Sudan Army Retakes Presidential Palace From RSF",
         "Sudan army retakes presidential palace from RSF"),
        ("Turkish-Backed Rebels Seize Key Town From Kurdish Forces",
         "Turkish-backed rebels seize key town from Kurdish forces"),
        ("Al-Shabaab Fighters Attack Kenyan Base in Lamu",
         "Al-Shabaab fighters attack Kenyan base in Lamu"),
        ("Rapid Support Forces Shell El Fasher Market",
         "Rapid Support Forces shell El Fasher market"),
        # not title case: left alone
        ("Rwandan, Mozambican troops capture rebel stronghold in Cabo Delgado",
         "Rwandan, Mozambican troops capture rebel stronghold in Cabo Delgado"),
        ("The Syrian Democratic Forces said on Monday that Turkish drones hit Kobani.",
         "The Syrian Democratic Forces said on Monday that Turkish drones hit Kobani."),
        ("The Ministers of Iran, the Russian Federation and Türkiye met in Doha",
         "The Ministers of Iran, the Russian Federation and Türkiye met in Doha"),
    ],
)
def test_title_case_lines_become_sentence_case(
    extractor: Extractor, line: str, expected: str
) -> None:
    assert _caser(extractor).caser(line) == expected


def test_only_title_case_lines_change_and_offsets_stay(extractor: Extractor) -> None:
    text = "Houthis Attack US Warship in Red Sea\nThe Houthis said They fired missiles."
    cased = _caser(extractor).caser(text)
    assert len(cased) == len(text)
    assert cased.splitlines()[1] == text.splitlines()[1]


def test_title_case_headline_gives_edges_quoted_from_the_original(extractor: Extractor) -> None:
    text = "Hezbollah Fires Rockets at Northern Israel\nThe barrage followed Israeli strikes."
    edges = [e for e in extractor.extract(Document(id="h", text=text)) if e.asserted]
    (edge,) = [e for e in edges if e.subject.name == "Hezbollah"]
    assert edge.relation == "opposes" and edge.object.name == "Israel"
    assert edge.evidence.sentence.strip() == "Hezbollah Fires Rockets at Northern Israel"
    assert edge.evidence.start is not None and edge.evidence.end is not None
    assert text[edge.evidence.start : edge.evidence.end] == edge.evidence.sentence
