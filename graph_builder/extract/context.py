"""What every lexical construction sees of its document: the lexicon, the mention
index, and the helpers the constructions share (subjects, stand-ins, places ...)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from spacy.tokens import Token

from graph_builder.extract.candidate import Candidate
from graph_builder.extract.frames import (
    OBJECT_DEPS,
    expand,
    is_hyphen,
    prep_objects,
    verb_subjects,
)
from graph_builder.extract.lexicon import Lexicon
from graph_builder.extract.mentions import MentionIndex
from graph_builder.models import Actor

# Verbs that mean meeting only when their object is an actor that can be met.
MEETABLE_KINDS = frozenset({"person", "country", "government", "organisation", "armed_group"})


@dataclass(frozen=True, slots=True)
class RuleContext:
    """One document's lexicon and mention index, shared by its constructions."""

    lex: Lexicon
    mentions: MentionIndex

    def subjects(self, verb: Token) -> tuple[list[Token], int]:
        """Subjects of a verb; an unresolvable controller falls back to its own subject.

        "Putin ordered commanders to drive Ukrainian forces out": the commanders are
        nobody we know, so Putin.
        """
        subjects, steps = verb_subjects(verb, self.lex)
        if subjects and all(self.mentions.actor(t) is None for s in subjects for t in expand(s)):
            first = subjects[0]
            if (
                first.dep_ in OBJECT_DEPS
                and first.head.pos_ == "VERB"
                and first.head.lemma_.lower() not in self.lex.object_gerund_verbs
            ):
                more, extra = verb_subjects(first.head, self.lex)
                if more:
                    return more, steps + extra
        return subjects, steps

    def among(
        self, sides: list[Token], trigger: Token, rule: str, confidence: float
    ) -> Iterator[Candidate]:
        """Pairs among the actors of one coordinated side (who met each other)."""
        parties: dict[str, Actor] = {}
        for side in sides:
            for actor in self.mentions.all_actors(side):
                parties.setdefault(actor.id, actor)
        found = list(parties.values())
        for i, a in enumerate(found):
            for b in found[i + 1 :]:
                yield Candidate("met_with", a, b, trigger, rule, confidence)

    def stand_ins(self, obj: Token, events_only: bool = False) -> list[Token]:
        """'condemned the Israeli strikes': an action stands for its agent.

        With `events_only`, only event nouns ("an attack by X") are replaced.
        """
        if self.mentions.actor(obj) is not None:
            return [obj]
        if events_only and obj.lemma_.lower() not in self.lex.nouns:
            return [obj]
        out = [
            c
            for c in obj.children
            if c.dep_ in ("poss", "amod", "compound") and self.mentions.actor(c) is not None
        ]
        if not out:
            out = [p for _, p in prep_objects(obj, {"by"})]
        if not out and obj.lemma_.lower() in self.lex.of_is_agent:
            out = [p for _, p in prep_objects(obj, {"of"})]  # "the incursion of Israel"
        return out or [obj]

    def places(self, tokens: list[Token]) -> list[Token]:
        """Tokens that name places: directly, through 'including ...' lists, or
        'the towns of Talbiseh and Rastan', 'the Syrian side of Mount Hermon'."""
        out: list[Token] = []
        for tok in tokens:
            if self.is_place(tok) or self.has_listed_place(tok):
                out.append(tok)
                if tok.lemma_.lower() not in self.lex.partial_place_nouns:
                    for _, named in prep_objects(tok, {"of"}):  # "... and Rastan"
                        out.extend(c for c in expand(named) if c != named and self.is_place(c))
            elif tok.lemma_.lower() not in self.lex.partial_place_nouns:
                out.extend(p for _, p in prep_objects(tok, {"of"}) if self.is_place(p))
        return out

    def has_listed_place(self, token: Token) -> bool:
        """'critical areas, including Aleppo': a list that names a place."""
        for child in token.children:
            if child.dep_ == "prep" and child.lower_ in ("including", "like", "as"):
                return any(self.is_place(p) for p in child.children if p.dep_ == "pobj")
        return False

    def is_place(self, token: Token) -> bool:
        return self.mentions.place(token) is not None

    def meetable(self, token: Token) -> bool:
        actor = self.mentions.actor(token)
        return actor is not None and actor.kind in MEETABLE_KINDS

    def held_by(self, area: Token) -> list[Token]:
        """The holder named in 'X-held <area>'."""
        doc = area.doc
        return [
            doc[tok.i - 2]
            for tok in doc[area.left_edge.i : area.i]
            if tok.lower_ in self.lex.held_words and tok.i >= 2 and is_hyphen(doc[tok.i - 1])
        ]
