"""Decisions without a database: the record, JSONL files, and what rules make of
statements and actors."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from pydantic import ValidationError

from graph_builder.decisions.model import Decision, DecisionIn, read_jsonl, to_jsonl
from graph_builder.decisions.rules import Rules
from graph_builder.errors import InputError

T0 = dt.datetime(2025, 1, 1, tzinfo=dt.UTC)


def decision(
    n: int, action: str, snapshot: dict[str, Any] | None = None, **targets: Any
) -> Decision:
    return Decision(
        id=f"dec-{n}", at=T0 + dt.timedelta(minutes=n), action=action, by="a", reason="r",
        snapshot=snapshot or {}, **targets,
    )  # fmt: skip


SYRIA = {"id": "syria", "name": "Syria", "kind": "country", "aliases": ["Damascus"]}
ASSAD = {"id": "assad", "name": "Bashar al-Assad", "kind": "person", "aliases": ["Assad"]}
IRAN = {"id": "iran", "name": "Iran", "kind": "country", "aliases": ["Tehran", "Persia"]}


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"action": "merge", "actor": "a"}, "merge needs 'into'"),
        ({"action": "reject_edge", "source": "a", "target": "b"}, "needs 'relation'"),
        ({"action": "rename", "actor": "a", "name": "b", "alias": "c"}, "takes no 'alias'"),
        ({"action": "rename", "actor": "a", "name": "  "}, "at least 1 character"),
        ({"action": "set_kind", "actor": "a", "kind": "planet"}, "kind"),
    ],
)
def test_malformed_decisions_name_the_problem(fields: dict[str, Any], message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        DecisionIn(by="a", reason="r", **fields)


def test_decisions_round_trip_through_jsonl_and_node_properties(tmp_path: Path) -> None:
    made = [
        decision(1, "merge", {"actors": [SYRIA, ASSAD]}, actor="syria", into="assad"),
        decision(2, "set_affiliation", {"previous": "x"}, actor="assad"),
    ]
    path = tmp_path / "d.jsonl"
    path.write_text(to_jsonl(made), encoding="utf-8")
    assert list(read_jsonl(path)) == made
    assert [Decision.from_node(d.to_node()) for d in made] == made


def test_a_bad_jsonl_line_is_named(tmp_path: Path) -> None:
    path = tmp_path / "d.jsonl"
    path.write_text('{"action": "merge"}\n', encoding="utf-8")
    with pytest.raises(InputError, match=r"d.jsonl:1: .*by: Field required"):
        list(read_jsonl(path))
    path.write_text("[" * 100_000 + "\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"d.jsonl:1: not JSON"):
        list(read_jsonl(path))


def test_merges_follow_chains_and_a_self_relation_is_rejected() -> None:
    rules = Rules.build([
        decision(1, "merge", {"actors": [SYRIA, ASSAD]}, actor="syria", into="assad"),
        decision(2, "merge", actor="damascus-govt", into="syria"),
    ])  # fmt: skip
    assert rules.outcome("s1", "syria|SUPPORTS|hezbollah", "").key == "assad|SUPPORTS|hezbollah"
    assert rules.outcome("s2", "damascus-govt|OPPOSES|isis", "").key == "assad|OPPOSES|isis"
    met = rules.outcome("s3", "putin|MET_WITH|syria", "")
    assert met.key == "assad|MET_WITH|putin" and met.rejected_by is None  # symmetric: ordered
    self_loop = rules.outcome("s4", "syria|SUPPORTS|assad", "")
    assert self_loop.rejected_by == "dec-1" and self_loop.edge_key == "!assad|SUPPORTS|assad"


def test_rejections_by_edge_follow_merges_and_by_statement_stay_put() -> None:
    rules = Rules.build([
        decision(1, "reject_edge", source="syria", relation="supports", target="hezbollah"),
        decision(2, "merge", {"actors": [SYRIA, ASSAD]}, actor="syria", into="assad"),
        decision(3, "reject_statement", statement="s9"),
    ])  # fmt: skip
    out = rules.outcome("s1", "syria|SUPPORTS|hezbollah", "")
    assert (out.key, out.rejected_by) == ("assad|SUPPORTS|hezbollah", "dec-1")
    assert rules.outcome("s2", "assad|SUPPORTS|hezbollah", "").rejected_by == "dec-1"
    assert rules.outcome("s9", "iran|SUPPORTS|hezbollah", "").rejected_by == "dec-3"
    assert rules.outcome("s8", "iran|SUPPORTS|hezbollah", "").rejected_by is None


def test_a_split_moves_statements_naming_the_alias_and_no_other_name() -> None:
    rules = Rules.build([
        decision(1, "split", {"actor": IRAN}, actor="iran", alias="Tehran", new_id="tehran"),
    ])  # fmt: skip
    assert rules.outcome("s", "iran|SUPPORTS|x", "Tehran backs X.").key == "tehran|SUPPORTS|x"
    assert rules.outcome("s", "iran|SUPPORTS|x", "Iran backs X.").key == "iran|SUPPORTS|x"
    both = rules.outcome("s", "iran|SUPPORTS|x", "Iran, through Tehran, backs X.")
    assert both.key == "iran|SUPPORTS|x"  # the actor's own name is there too: it stays
    assert rules.outcome("s", "x|OPPOSES|iran", "X fought Tehranis.").key == "x|OPPOSES|iran"
    assert "Tehran" not in rules.actor({**IRAN})["aliases"]


def test_actor_properties_latest_decision_wins_and_restore_comes_first() -> None:
    rules = Rules.build([
        decision(1, "rename", actor="iran", name="Islamic Republic"),
        decision(2, "rename", actor="iran", name="Iran (state)"),
        decision(3, "set_kind", actor="iran", kind="government"),
        decision(4, "merge", {"actors": [SYRIA, ASSAD]}, actor="syria", into="assad"),
        decision(5, "set_affiliation", actor="qasem", affiliation="syria"),
    ])  # fmt: skip
    iran = rules.actor({**IRAN, "affiliation": None})
    assert (iran["name"], iran["kind"]) == ("Iran (state)", "government")
    assad = rules.actor({**ASSAD, "affiliation": None})
    assert assad["aliases"] == ["Assad", "Damascus", "Syria"]
    assert rules.actor({"id": "qasem", "name": "Q", "kind": "person"})["affiliation"] == "assad"
    undone = Rules.build([])
    restored = undone.actor({**ASSAD, "aliases": ["Assad", "Syria"]}, {"remove_aliases": ["Syria"]})
    assert restored["aliases"] == ["Assad"]


def test_undone_decisions_do_not_apply() -> None:
    d = decision(1, "merge", actor="syria", into="assad").model_copy(
        update={"undone_at": T0, "undone_by": "b"}
    )
    rules = Rules.build([d])
    assert not rules
    assert rules.outcome("s", "syria|SUPPORTS|x", "").key == "syria|SUPPORTS|x"
