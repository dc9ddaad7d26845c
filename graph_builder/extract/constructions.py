"""The construction registry: relation constructions as data (`data/constructions/*.yaml`),
plus small registered functions for what a pattern cannot say, found by name as spaCy's
`registry` does. Two kinds of entry:

- dependency constructions (`idioms.yaml`): spaCy `DependencyMatcher` patterns whose
  nodes name the roles; their id is the `rule` of their edges ("construction:<id>");
- lexical constructions (`lexical.yaml`, see `lexical.py`): a trigger class, the
  lexicon word lists that gate it and the function (`verb_constructions.py`,
  `noun_constructions.py`, `modifier_constructions.py`) that reads the cue's frame;
  the functions name their edges' rules ("verb:kill", "noun:attack", "modifier:backed").

`graph-builder evaluate --by-construction` scores each rule alone.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np
from spacy.attrs import LEMMA, LOWER
from spacy.matcher import DependencyMatcher
from spacy.tokens import Doc, Span, Token
from spacy.vocab import Vocab

from graph_builder import fast_yaml

# The function modules register themselves on import (`@lexical("name")`).
from graph_builder.extract import (  # noqa: F401
    modifier_constructions,
    noun_constructions,
    verb_constructions,
)
from graph_builder.extract.candidate import Candidate
from graph_builder.extract.lexical import LexicalConstruction, lexical_construction

CONSTRUCTION_DIR = Path(__file__).resolve().parent.parent / "data" / "constructions"
CONFIDENCE = 0.75

# name -> function(construction, nodes by role name) -> candidates
ConstructionFunction = Callable[["Construction", dict[str, Token]], Iterator[Candidate]]
FUNCTIONS: dict[str, ConstructionFunction] = {}


def registered(name: str) -> Callable[[ConstructionFunction], ConstructionFunction]:
    """Register a function that data files can name with `function: <name>`."""

    def add(fn: ConstructionFunction) -> ConstructionFunction:
        FUNCTIONS[name] = fn
        return fn

    return add


@dataclass(frozen=True)
class Construction:
    id: str
    relation: str
    patterns: list[list[dict[str, Any]]]
    trigger: str
    gate: tuple[frozenset[str], ...] = ()  # one word of each group must be present
    subject: str | None = None
    object: str | None = None
    function: str | None = None

    @property
    def rule(self) -> str:
        return f"construction:{self.id}"


@registered("roles")
def roles(c: Construction, nodes: dict[str, Token]) -> Iterator[Candidate]:
    """The default: subject and object are pattern nodes."""
    assert c.subject is not None and c.object is not None
    yield Candidate(c.relation, nodes[c.subject], nodes[c.object], nodes[c.trigger], c.rule,
                    CONFIDENCE)


@registered("between_pair")
def between_pair(c: Construction, nodes: dict[str, Token]) -> Iterator[Candidate]:
    """'fighting raged between A and B': A and B oppose each other (mutual)."""
    first = nodes["first"]
    for other in first.conjuncts:
        yield Candidate(c.relation, first, other, nodes[c.trigger], c.rule, CONFIDENCE * 0.8,
                        mutual=True)


_TERROR_WORDS = frozenset({"terrorist", "terrorists", "terror", "terroristic"})


def _children(token: Token, *deps: str) -> list[Token]:
    return [c for c in token.children if c.dep_ in deps]


def _by_agent(token: Token) -> Token | None:
    """The object of 'by' on the token or on one of its noun children."""
    for t in (token, *_children(token, "dobj", "oprd", "attr")):
        for prep in _children(t, "agent", "prep"):
            if prep.lower_ == "by":
                objects = _children(prep, "pobj")
                if objects:
                    return objects[0]
    return None


def _has_terror_word(token: Token) -> bool:
    return any(t.lower_ in _TERROR_WORDS for t in token.subtree)


@registered("designation")
def designation(c: Construction, nodes: dict[str, Token]) -> Iterator[Candidate]:
    """'A designated B a terrorist group', 'B, designated ... by A', 'A's listing of B'."""
    cue = nodes["cue"]
    if cue.pos_ == "VERB":
        subjects = _children(cue, "nsubj")
        designator = subjects[0] if subjects else _by_agent(cue)
        passive = _children(cue, "nsubjpass")
        if passive:
            designated: Token | None = passive[0]
        elif cue.dep_ in ("acl", "relcl") and cue.head.pos_ in ("PROPN", "NOUN"):
            designated = cue.head
        else:
            objects = [t for t in _children(cue, "dobj", "dative") if not _has_terror_word(t)]
            if not objects:  # mis-parsed "[Jaish-e-Mohammed] a terror outfit" as one phrase
                objects = [m for t in _children(cue, "dobj", "oprd") for m in
                           _children(t, "nmod", "poss") if not _has_terror_word(m)]
            designated = objects[0] if objects else None
    else:
        owners = _children(cue, "poss")
        designator = owners[0] if owners else _by_agent(cue)
        designated = next((o for p in _children(cue, "prep") if p.lower_ == "of"
                           for o in _children(p, "pobj")), None)
    if designator is not None and designated is not None:
        yield Candidate(c.relation, designator, designated, cue, c.rule, CONFIDENCE)


@registered("refusal")
def refusal(c: Construction, nodes: dict[str, Token]) -> Iterator[Candidate]:
    """'A will not allow B to V': A opposes B (the refusal is the stance)."""
    cue = nodes["cue"]
    subjects = _children(cue, "nsubj")
    if not subjects and cue.dep_ == "xcomp":  # "vowed never to let ...": the vower
        subjects = _children(cue.head, "nsubj")
    if not subjects:
        return
    targets = _children(cue, "dobj") or [
        s for comp in _children(cue, "ccomp", "xcomp") for s in _children(comp, "nsubj")
    ]
    for target in targets:
        yield Candidate(c.relation, subjects[0], target, cue, c.rule, CONFIDENCE * 0.9,
                        negation_is_stance=True)


def _gate(raw: list[Any]) -> tuple[frozenset[str], ...]:
    groups = raw if raw and isinstance(raw[0], list) else ([raw] if raw else [])
    return tuple(frozenset(str(w).lower() for w in group) for group in groups)


@dataclass(frozen=True)
class Registry:
    """Every construction of the data files, by kind, in file order."""

    dependency: tuple[Construction, ...]
    lexical: tuple[LexicalConstruction, ...]


@cache
def load_registry(directory: Path = CONSTRUCTION_DIR) -> Registry:
    """Read the construction files once: entries with `patterns` are dependency
    constructions, entries with a trigger class (`token`) lexical ones."""
    out: list[Construction] = []
    lexical: list[LexicalConstruction] = []
    for path in sorted(directory.glob("*.yaml")):
        for row in fast_yaml.load_file(path) or []:
            if "token" in row:
                lexical.append(lexical_construction(row, path.name))
                continue
            c = Construction(
                id=row["id"], relation=row["relation"], patterns=row["patterns"],
                trigger=row["trigger"], gate=_gate(row.get("gate", [])),
                subject=row.get("subject"), object=row.get("object"),
                function=row.get("function"),
            )
            if (c.function or "roles") not in FUNCTIONS:
                raise ValueError(f"{path.name}: construction {c.id}: no function {c.function!r}")
            out.append(c)
    return Registry(tuple(out), tuple(lexical))


def load_constructions(directory: Path = CONSTRUCTION_DIR) -> tuple[Construction, ...]:
    """The dependency constructions."""
    registry = load_registry() if directory == CONSTRUCTION_DIR else load_registry(directory)
    return registry.dependency


class ConstructionMatcher:
    """The data constructions, each compiled into a DependencyMatcher of its own that
    runs only on pieces containing one of its gate words."""

    def __init__(self, vocab: Vocab, constructions: tuple[Construction, ...] | None = None):
        self.constructions = {c.id: c for c in (constructions or load_constructions())}
        self.matchers: dict[str, DependencyMatcher] = {}
        # each pattern has a key of its own, so a match names its nodes even when two
        # patterns of a construction have as many nodes
        self.node_names: dict[int, list[str]] = {}
        self.gate_ids: dict[str, list[np.ndarray]] = {}
        for c in self.constructions.values():
            matcher = DependencyMatcher(vocab)
            for k, pattern in enumerate(c.patterns):
                key = f"{c.id}/{k}"
                matcher.add(key, [pattern])
                self.node_names[vocab.strings[key]] = [node["RIGHT_ID"] for node in pattern]
            self.matchers[c.id] = matcher
            self.gate_ids[c.id] = [
                np.array([vocab.strings.add(w) for w in sorted(g)], dtype=np.uint64)
                for g in c.gate
            ]

    def by_sentence(self, doc: Doc, sents: list[Span]) -> dict[int, list[Candidate]]:
        """Candidates of every construction in a parsed piece, keyed by the start token
        of their sentence. Each construction runs only on sentences with a gate word."""
        out: dict[int, list[Candidate]] = {}
        if not len(doc):
            return out
        words = doc.to_array([LOWER, LEMMA])
        starts = np.array([s.start for s in sents])
        for cid, c in self.constructions.items():
            chosen: set[int] = set(range(len(sents)))
            for gate in self.gate_ids[cid]:  # sentences with a word of every group
                hits = np.flatnonzero(np.isin(words, gate).any(axis=1))
                chosen &= set((np.searchsorted(starts, hits, side="right") - 1).tolist())
                if not chosen:
                    break
            for k in sorted(chosen):
                sent = sents[int(k)]
                for key, token_ids in self.matchers[cid](sent):
                    names = self.node_names[key]
                    nodes = {n: sent[i]  # matches index the sentence span
                             for n, i in zip(names, token_ids, strict=True)}
                    out.setdefault(sent.start, []).extend(
                        FUNCTIONS[c.function or "roles"](c, nodes)
                    )
        return out
