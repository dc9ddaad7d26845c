"""The construction registry: relation constructions as data (`data/constructions/*.yaml`,
spaCy `DependencyMatcher` patterns whose nodes name the roles), plus small registered
functions for what a pattern cannot say, found by name as spaCy's `registry` does.

A construction's id is the `rule` of the edges it produces ("construction:<id>"), so
`graph-builder evaluate --by-construction` scores each one alone.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml
from spacy.matcher import DependencyMatcher
from spacy.tokens import Span, Token
from spacy.vocab import Vocab

from graph_builder.extract.candidate import Candidate

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


@cache
def load_constructions(directory: Path = CONSTRUCTION_DIR) -> tuple[Construction, ...]:
    out: list[Construction] = []
    for path in sorted(directory.glob("*.yaml")):
        for row in yaml.safe_load(path.read_text(encoding="utf-8")) or []:
            c = Construction(
                id=row["id"], relation=row["relation"], patterns=row["patterns"],
                trigger=row["trigger"], subject=row.get("subject"), object=row.get("object"),
                function=row.get("function"),
            )
            if (c.function or "roles") not in FUNCTIONS:
                raise ValueError(f"{path.name}: construction {c.id}: no function {c.function!r}")
            out.append(c)
    return tuple(out)


class ConstructionMatcher:
    """All data constructions compiled into one DependencyMatcher for a vocabulary."""

    def __init__(self, vocab: Vocab, constructions: tuple[Construction, ...] | None = None):
        self.constructions = {c.id: c for c in (constructions or load_constructions())}
        self.matcher = DependencyMatcher(vocab)
        self.node_names: dict[str, list[list[str]]] = {}
        for c in self.constructions.values():
            self.matcher.add(c.id, c.patterns)
            self.node_names[c.id] = [[node["RIGHT_ID"] for node in p] for p in c.patterns]

    def sentence(self, sent: Span) -> Iterator[Candidate]:
        vocab = sent.doc.vocab
        for match_id, token_ids in self.matcher(sent):
            cid = vocab.strings[match_id]
            c = self.constructions[cid]
            for names in self.node_names[cid]:
                if len(names) == len(token_ids):
                    nodes = {n: sent.doc[i] for n, i in zip(names, token_ids, strict=True)}
                    yield from FUNCTIONS[c.function or "roles"](c, nodes)
                    break
