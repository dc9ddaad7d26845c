"""The actor ruler: dictionary names found as the tokenizer splits them."""

from __future__ import annotations

import pytest
import spacy
from spacy.language import Language

from graph_builder.actors import ActorCatalog
from graph_builder.extract.ruler import ActorRuler
from graph_builder.nlp import base_model_name


@pytest.fixture(scope="module")
def nlp() -> Language:
    return spacy.load(base_model_name(), disable=["tagger", "parser", "ner", "lemmatizer"])


def test_every_dictionary_name_is_tokenized_as_in_running_text(nlp: Language) -> None:
    ruler = ActorRuler(nlp)
    for pattern in ActorCatalog.default().ruler_patterns():
        name = pattern["pattern"]
        if isinstance(name, str):
            assert ruler.tokens(name) == [t.text for t in nlp.make_doc(name)], name


@pytest.mark.parametrize(
    "name",
    ["al-Qaeda", "St. Petersburg", "U.S.-led coalition", "cannot", "M23", "Ras al-Ain  town",
     "Hay'at Tahrir al-Sham", " leading space"],
)
def test_tokens_match_the_tokenizer(nlp: Language, name: str) -> None:
    assert ActorRuler(nlp).tokens(name) == [t.text for t in nlp.make_doc(name)]


def test_longest_match_wins_and_case_sensitive_names_need_their_case(nlp: Language) -> None:
    ruler = ActorRuler(nlp)
    ruler.add_patterns([
        {"label": "ORG", "pattern": "Free Syrian Army", "id": "fsa"},
        {"label": "GPE", "pattern": "Syria", "id": "syria"},
        {"label": "ORG", "pattern": "Syrian Army", "id": "saa"},
        {"label": "GPE", "pattern": [{"ORTH": "US"}], "id": "usa"},
    ])
    doc = ruler(nlp.make_doc("The free Syrian Army met US envoys; us and Syria too."))
    assert [(e.text, e.label_, e.id_) for e in doc.ents] == [
        ("free Syrian Army", "ORG", "fsa"), ("US", "GPE", "usa"), ("Syria", "GPE", "syria"),
    ]


def test_a_name_at_the_end_of_the_text_and_a_longer_name_cut_off(nlp: Language) -> None:
    ruler = ActorRuler(nlp)
    ruler.add_patterns([
        {"label": "ORG", "pattern": "Rapid Support Forces", "id": "rsf"},
        {"label": "ORG", "pattern": "Rapid", "id": "x"},
    ])
    doc = ruler(nlp.make_doc("They fled the Rapid Support"))
    assert [(e.text, e.id_) for e in doc.ents] == [("Rapid", "x")]
    assert [e.id_ for e in ruler(nlp.make_doc("the Rapid Support Forces")).ents] == ["rsf"]
