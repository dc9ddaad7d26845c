"""Every relationship type and node label the Cypher files name matches the models.

The relation types (`SUPPORTS`, ...) are `models.RELATIONS` in upper case; the
other relationship types are the graph's structure. A query that lists several
relation types (`[r:SUPPORTS|OPPOSES|...]`) or branches on them (`e.type = '...'`)
must name all of them, so a relation added to the models and forgotten in a query
fails here, as does a misspelt type. Node labels are `Actor`, the kind labels of
`models.KIND_LABELS`, or the graph's structure; the Browser style sheet styles
every kind and relation and names nothing else.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from graph_builder.cypher import CYPHER_DIR
from graph_builder.models import KIND_LABELS, RELATIONS

RELATION_TYPES = {r.upper() for r in RELATIONS}
# Relationships that are structure, not relations between actors.
# BAND_OF: a near-duplicate (MinHash) band to the documents in it.
STRUCTURE_TYPES = {"IN_DOCUMENT", "AFFILIATED_WITH", "BAND_OF"}
# Node labels: actors carry `Actor` and their kind's label (set from KIND_LABELS).
MODEL_LABELS = {"Actor", *KIND_LABELS.values()}
# Labels that are structure: documents and their statements (`Unasserted`: negated or
# hypothetical, `Rejected`: rejected by an analyst), the writers' lock, near-duplicate
# bands and analysts' decisions.
STRUCTURE_LABELS = {
    "Document", "Statement", "Unasserted", "Rejected", "LoadLock", "MinHashBand", "Decision"
}
# Queries that look at a chosen few relations on purpose.
SUBSETS = {"queries/allies_and_adversaries.cypher": {"SUPPORTS", "OPPOSES"}}

FILES = sorted(CYPHER_DIR.rglob("*.cypher"))
# `[r:A|B*..6]`, `[:A]`, `-[r:A {x: 1}]->`: the types of a relationship pattern.
PATTERN = re.compile(r"\[\s*\w*\s*:\s*([A-Z_]+(?:\s*\|\s*:?[A-Z_]+)*)")
# `type = 'A'`, `type(r) = 'A'`: a type compared with a literal.
LITERAL = re.compile(r"type(?:\(\w+\))?\s*=\s*'([A-Z_]+)'")
# `(a:Actor:Place`, `s:Unasserted`, `FOR (l:LoadLock)`: node labels (CamelCase; types
# are upper case; a map's `key: value` has a space).
LABEL = re.compile(r":([A-Z][a-z]\w*)")
STRING = re.compile(r"'[^']*'|\"[^\"]*\"")


def _code(path: Path) -> str:
    """The file without `//` comments."""
    return "\n".join(line.split("//", 1)[0] for line in path.read_text("utf-8").splitlines())


def _name(path: Path) -> str:
    return path.relative_to(CYPHER_DIR).as_posix()


def test_the_cypher_folder_is_found() -> None:
    assert len(FILES) > 20


@pytest.mark.parametrize("path", FILES, ids=_name)
def test_relationship_types_are_known(path: Path) -> None:
    code = _code(path)
    for match in PATTERN.finditer(code):
        types = {t.strip(" :") for t in match.group(1).split("|")}
        unknown = types - RELATION_TYPES - STRUCTURE_TYPES
        assert not unknown, f"{_name(path)}: unknown relationship type(s) {sorted(unknown)}"
        relations = types & RELATION_TYPES
        if len(relations) > 1:
            expected = SUBSETS.get(_name(path), RELATION_TYPES)
            assert relations == expected, (
                f"{_name(path)}: `{match.group(0)}` lists {sorted(relations)}, "
                f"expected {sorted(expected)}"
            )
    literals = set(LITERAL.findall(code))
    unknown = literals - RELATION_TYPES - STRUCTURE_TYPES
    assert not unknown, f"{_name(path)}: compares with unknown type(s) {sorted(unknown)}"


@pytest.mark.parametrize(
    "name",
    [_name(p) for p in FILES if len(set(LITERAL.findall(_code(p))) & RELATION_TYPES) > 1],
)
def test_branches_on_type_cover_every_relation(name: str) -> None:
    """Queries with one branch per static type (load/add_evidence, ...) have them all."""
    code = _code(CYPHER_DIR / name)
    branches = set(re.findall(r"\.type\s*=\s*'([A-Z_]+)'", code))
    if branches:
        assert branches == RELATION_TYPES, f"{name}: branches for {sorted(branches)}"
        for rel in RELATION_TYPES:
            assert re.search(rf"\[r:{rel}\]", code), f"{name}: no `[r:{rel}]` branch"


def test_the_models_relations_appear_in_the_loading_queries() -> None:
    code = _code(CYPHER_DIR / "load" / "add_evidence.cypher")
    assert set(re.findall(r"\[r:([A-Z_]+)\]", code)) == RELATION_TYPES


@pytest.mark.parametrize("path", FILES, ids=_name)
def test_node_labels_are_known(path: Path) -> None:
    labels = set(LABEL.findall(STRING.sub("''", _code(path))))
    unknown = labels - MODEL_LABELS - STRUCTURE_LABELS
    assert not unknown, f"{_name(path)}: unknown node label(s) {sorted(unknown)}"


def test_the_label_pattern_finds_labels() -> None:
    code = "MATCH (a:Actor:Place {id: $id})<-[:IN_DOCUMENT]-(s) WHERE NOT s:Unasserted"
    assert LABEL.findall(code) == ["Actor", "Place", "Unasserted"]


def test_every_relation_has_its_date_index() -> None:
    code = _code(CYPHER_DIR / "schema.cypher")
    indexed = set(re.findall(r"\[r:([A-Z_]+)\]-\(\)\s+ON\s+\(r\.last_seen\)", code))
    assert indexed == RELATION_TYPES


def test_the_browser_style_covers_the_models() -> None:
    grass = (CYPHER_DIR / "browser-style.grass").read_text("utf-8")
    nodes = set(re.findall(r"^node\.(\w+)", grass, re.M))
    relationships = set(re.findall(r"^relationship\.(\w+)", grass, re.M))
    assert set(KIND_LABELS.values()) <= nodes <= MODEL_LABELS | STRUCTURE_LABELS
    assert RELATION_TYPES <= relationships <= RELATION_TYPES | STRUCTURE_TYPES
