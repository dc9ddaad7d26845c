"""What the active decisions mean for one statement or one actor (no database).

Decisions apply in the order they were made. For a statement, each side's actor is
first split (the statement moves to the split-off actor when its sentence names the
alias and none of the actor's other names), then followed through merges to the
actor that stays; the statement is rejected when its own id or its resulting edge is
rejected, or when a merge makes it an actor's relation with itself. For an actor,
renames, kinds and affiliations set its properties (the latest decision wins),
merges add the merged actor's names to its aliases and splits take the alias away.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from graph_builder.decisions.model import Decision
from graph_builder.load_rows import SYMMETRIC, EdgeKey
from graph_builder.models import KIND_LABELS

REJECTED_PREFIX = "!"  # a rejected statement's edge_key: it counts toward no edge


@dataclass(frozen=True, slots=True)
class Split:
    alias: str
    new_id: str
    others: tuple[str, ...]  # the actor's other names
    decision: str

    def applies(self, sentence: str) -> bool:
        """Whether a sentence names the alias and, apart from it, none of the others."""
        pattern = _word(self.alias)
        if not pattern.search(sentence):
            return False
        rest = pattern.sub(" ", sentence)
        return not any(_word(name).search(rest) for name in self.others)


def _word(name: str) -> re.Pattern[str]:
    return re.compile(rf"(?<!\w){re.escape(name)}(?!\w)", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Outcome:
    """Where a statement belongs once the decisions are applied."""

    key: str  # the edge it counts toward (whether rejected or not)
    rejected_by: str | None = None

    @property
    def edge_key(self) -> str:
        """The statement's stored edge_key: prefixed when it counts toward nothing."""
        return REJECTED_PREFIX + self.key if self.rejected_by else self.key


@dataclass(slots=True)
class Rules:
    """The active decisions, indexed for applying them."""

    merges: dict[str, tuple[str, str]] = field(default_factory=dict)  # from -> (into, id)
    splits: dict[str, list[Split]] = field(default_factory=dict)
    rejected_keys: dict[str, str] = field(default_factory=dict)  # edge key -> decision id
    rejected_statements: dict[str, str] = field(default_factory=dict)
    names: dict[str, str] = field(default_factory=dict)
    kinds: dict[str, str] = field(default_factory=dict)
    affiliations: dict[str, str | None] = field(default_factory=dict)
    merged_names: dict[str, set[str]] = field(default_factory=dict)  # into -> names gained
    split_aliases: dict[str, set[str]] = field(default_factory=dict)  # actor -> names lost
    known: dict[str, dict[str, Any]] = field(default_factory=dict)  # actor props to recreate
    count: int = 0

    @classmethod
    def build(cls, decisions: Iterable[Decision]) -> Rules:
        """Rules from decisions (undone ones are ignored), oldest first."""
        rules = cls()
        ordered = sorted((d for d in decisions if d.active), key=lambda d: (d.at, d.id))
        rejects: list[Decision] = []
        for d in ordered:
            rules.count += 1
            _remember(rules.known, d)
            if d.action == "merge":
                assert d.actor and d.into
                rules.merges[d.actor] = (d.into, d.id)
            elif d.action == "split":
                assert d.actor and d.alias and d.new_id
                own = d.snapshot.get("actor", {})
                names = [own.get("name", ""), *own.get("aliases", [])]
                others = tuple(n for n in names if n and n.lower() != d.alias.lower())
                rules.splits.setdefault(d.actor, []).append(Split(d.alias, d.new_id, others, d.id))
                rules.split_aliases.setdefault(d.actor, set()).add(d.alias.lower())
            elif d.action == "rename":
                assert d.actor and d.name
                rules.names[d.actor] = d.name
            elif d.action == "set_kind":
                assert d.actor and d.kind
                rules.kinds[d.actor] = d.kind
            elif d.action == "set_affiliation":
                assert d.actor
                rules.affiliations[d.actor] = d.affiliation
            else:
                rejects.append(d)
        for source in list(rules.merges):  # merged names go to the actor that stays
            into = rules.resolve(source)[0]
            props = rules.known.get(source, {})
            gained = {props.get("name", source), *props.get("aliases", [])} - {""}
            rules.merged_names.setdefault(into, set()).update(gained)
        for d in rejects:
            if d.action == "reject_statement":
                assert d.statement
                rules.rejected_statements[d.statement] = d.id
            else:
                assert d.source and d.relation and d.target
                key = rules.edge(d.source, d.relation.upper(), d.target)
                rules.rejected_keys[key.key] = d.id
        return rules

    def __bool__(self) -> bool:
        return self.count > 0

    def resolve(self, actor: str) -> tuple[str, str | None]:
        """The actor `actor` ends up as through merges, and the last merge used."""
        seen = {actor}
        decision = None
        while actor in self.merges:
            actor, decision = self.merges[actor]
            if actor in seen:  # a cycle (refused when decided): stop
                break
            seen.add(actor)
        return actor, decision

    def edge(self, source: str, type_: str, target: str) -> EdgeKey:
        """The edge (source, type, target) becomes after merges."""
        a, b = self.resolve(source)[0], self.resolve(target)[0]
        if type_.lower() in SYMMETRIC and b < a:
            a, b = b, a
        return EdgeKey(a, type_, b)

    def _side(self, actor: str, sentence: str) -> tuple[str, str | None]:
        for split in self.splits.get(actor, ()):
            if split.applies(sentence):
                resolved, merge = self.resolve(split.new_id)
                return resolved, merge or split.decision
        return self.resolve(actor)

    def outcome(self, statement_id: str, extracted_key: str, sentence: str) -> Outcome:
        """Where a statement the extractor gave `extracted_key` belongs."""
        source, type_, target = extracted_key.split("|")
        a, why_a = self._side(source, sentence)
        b, why_b = self._side(target, sentence)
        if type_.lower() in SYMMETRIC and b < a:
            a, b = b, a
        key = EdgeKey(a, type_, b).key
        if a == b and source != target:  # merged into one actor: a relation with itself
            return Outcome(key, why_b or why_a)
        rejected = self.rejected_statements.get(statement_id) or self.rejected_keys.get(key)
        return Outcome(key, rejected)

    def merged_away(self) -> set[str]:
        return set(self.merges)

    def involved(self) -> set[str]:
        """Every actor some decision names."""
        ids = set(self.merges) | {into for into, _ in self.merges.values()}
        ids |= set(self.splits) | {s.new_id for v in self.splits.values() for s in v}
        ids |= set(self.names) | set(self.kinds) | set(self.affiliations)
        ids |= {a for key in self.rejected_keys for a in EdgeKey.parse(key).as_row().values()}
        return ids

    def actor(
        self, current: Mapping[str, Any], restore: Mapping[str, Any] | None = None
    ) -> dict[str, Any]:
        """An actor's properties (id, name, kind, aliases, affiliation) under the rules;
        `restore` first sets what an undone decision had changed."""
        out = {k: current.get(k) for k in ("id", "name", "kind", "aliases", "affiliation")}
        aliases = list(out["aliases"] or [])
        restore = restore or {}
        for k in ("name", "kind", "affiliation"):
            if k in restore:
                out[k] = restore[k]
        drop = {a.lower() for a in restore.get("remove_aliases", ())}
        aliases = [a for a in aliases if a.lower() not in drop]
        aliases += [a for a in restore.get("add_aliases", ()) if a not in aliases]
        actor_id = str(out["id"])
        if actor_id in self.names:
            out["name"] = self.names[actor_id]
        if actor_id in self.kinds:
            out["kind"] = self.kinds[actor_id]
        if actor_id in self.affiliations:
            out["affiliation"] = self.affiliations[actor_id]
        if out["affiliation"] is not None:
            affiliation = self.resolve(out["affiliation"])[0]
            out["affiliation"] = None if affiliation == actor_id else affiliation
        gained = sorted(self.merged_names.get(actor_id, ()))
        aliases += [a for a in gained if a not in aliases and a != out["name"]]
        lost = self.split_aliases.get(actor_id, set())
        out["aliases"] = [a for a in aliases if a.lower() not in lost]
        return out


def actor_write_row(props: Mapping[str, Any]) -> dict[str, Any]:
    """Parameters for decisions/actors_write: properties plus the labels of its kind."""
    label = KIND_LABELS.get(str(props.get("kind")))
    return {
        **props,
        "labels": [label] if label else [],
        "other_labels": [x for x in KIND_LABELS.values() if x != label],
    }


def _remember(known: dict[str, dict[str, Any]], d: Decision) -> None:
    """Actor properties a decision's snapshot holds (to recreate an actor it needs)."""
    for props in d.snapshot.get("actors", []):
        if isinstance(props, dict) and props.get("id"):
            known.setdefault(props["id"], props)
    if d.action == "split" and d.new_id:
        known[d.new_id] = d.snapshot.get("new_actor", {"id": d.new_id, "name": d.alias})
