"""The construction registry reads both kinds of construction and rejects bad entries."""

from __future__ import annotations

from pathlib import Path

import pytest

from graph_builder.extract.constructions import load_registry
from graph_builder.extract.lexical import LEXICAL_FUNCTIONS, TRIGGER_CLASSES


def test_shipped_registry_has_both_kinds() -> None:
    registry = load_registry()
    assert registry.dependency and registry.lexical
    ids = [c.id for c in registry.lexical]
    assert len(ids) == len(set(ids))
    for c in registry.lexical:
        assert c.function in LEXICAL_FUNCTIONS and c.token in TRIGGER_CLASSES


def test_every_lexical_function_is_named_by_the_data() -> None:
    named = {c.function for c in load_registry().lexical}
    assert named == set(LEXICAL_FUNCTIONS)


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        ("{id: x, token: verbal, gate: [verbs], function: nowhere}", "no function 'nowhere'"),
        ("{id: x, token: sideways, gate: [verbs], function: verb}", "no trigger class"),
        ("{id: x, token: verbal, gate: [verbz], function: verb}", "no lexicon list 'verbz'"),
        ("{id: x, token: verbal, function: verb}", "needs a gate or words"),
        ("{id: x, token: any, words: [a], match: stem, function: verb}", "match must be"),
    ],
)
def test_bad_lexical_entry_is_named(tmp_path: Path, entry: str, message: str) -> None:
    (tmp_path / "bad.yaml").write_text(f"- {entry}\n", encoding="utf-8")
    with pytest.raises(ValueError, match=message) as err:
        load_registry(tmp_path)
    assert "bad.yaml: construction x" in str(err.value)
