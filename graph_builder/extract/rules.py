"""Relation rules over the dependency parse of one sentence.

Each rule looks at a cue token (a verb, a noun, a role noun, an adjective or a
hyphenated modifier, all from the lexicon) and yields `Candidate`s naming the
tokens (or actors) on each side. Resolution to actors, coordination,
modality and dates are applied afterwards, in `extractor.py`.
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Span, Token

from graph_builder.extract.candidate import Candidate
from graph_builder.extract.frames import (
    OBJECT_DEPS,
    children,
    expand,
    prep_objects,
    verb_subjects,
)
from graph_builder.extract.lexicon import Lexicon
from graph_builder.extract.mentions import MentionIndex
from graph_builder.extract.modifier_rules import ModifierRules
from graph_builder.extract.noun_rules import NounRules
from graph_builder.extract.verb_rules import VerbRules
from graph_builder.models import Actor

__all__ = ["Candidate", "Rules"]

# Verbs that mean meeting only when their object is an actor that can be met.
MEETABLE_KINDS = frozenset({"person", "country", "government", "organisation", "armed_group"})


class Rules(VerbRules, NounRules, ModifierRules):
    """All rules for one document (they share its mention index)."""

    def __init__(self, lexicon: Lexicon, mentions: MentionIndex) -> None:
        self.lex = lexicon
        self.mentions = mentions

    def sentence(self, sent: Span) -> Iterator[Candidate]:
        lex = self.lex
        for token in sent:
            lower = token.lower_
            lemma = token.lemma_.lower()
            pos = token.pos_
            verbish = pos in ("VERB", "AUX") or (pos == "NOUN" and token.tag_ in ("VBG", "VBN"))
            if not verbish and lemma in lex.verbs and pos in ("ADV", "ADP", "NOUN", "ADJ"):
                # The small model sometimes tags "back" in "Russia and Iran back Assad" as ADV.
                verbish = any(c.dep_ == "nsubj" for c in token.children) and any(
                    c.dep_ in ("dobj", "prep", "npadvmod") for c in token.children
                )
            if verbish and not (token.tag_ == "VBG" and children(token, "poss")):
                frames = lex.verbs.get(lemma)
                if frames:
                    yield from self.verb(token, frames)
                if lemma == "fall":
                    yield from self.fall(token)
                if lemma in lex.lost_to_verbs:
                    yield from self.lost_to(token)
                if lemma in lex.ties_verbs:
                    yield from self.ties(token)
                if lemma in lex.giving_verbs or lemma in lex.receiving_verbs:
                    yield from self.giving(token, lemma)
            nounish = pos in ("NOUN", "PROPN") or (
                token.tag_ == "VBG" and any(c.dep_ == "poss" for c in token.children)
            )
            if nounish and not self.mentions.mention_at(token):
                key = lemma if lemma in lex.nouns else lower
                if key in lex.nouns:
                    yield from self.noun(token, key)
                if lemma in lex.mutual_support_nouns:
                    yield from self.mutual_support(token)
                is_role = lemma in lex.role_nouns or lemma in lex.reverse_role_nouns
                role = lemma if is_role else lower
                if role in lex.role_nouns or role in lex.reverse_role_nouns:
                    yield from self.role(token, role)
            if (pos == "ADJ" or lower in lex.adjectives) and lower in lex.adjectives:
                yield from self.adjective(token)
            if lower in lex.modifier_suffixes and token.i > sent.start + 1:
                yield from self.suffix_modifier(token)
            elif lower in lex.modifier_prefixes or lower.split("-")[0] in lex.modifier_prefixes:
                yield from self.prefix_modifier(token, sent)

    # -- shared helpers ------------------------------------------------------------

    def _subjects(self, verb: Token) -> tuple[list[Token], int]:
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

    def _among(
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

    def _stand_ins(self, obj: Token, events_only: bool = False) -> list[Token]:
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
        return out or [obj]

    def _places(self, tokens: list[Token]) -> list[Token]:
        """Tokens that name places: directly, through 'including ...' lists, or
        'the towns of Talbiseh and Rastan', 'the Syrian side of Mount Hermon'."""
        out: list[Token] = []
        for tok in tokens:
            if self._is_place(tok) or self._has_listed_place(tok):
                out.append(tok)
                if tok.lemma_.lower() not in self.lex.partial_place_nouns:
                    for _, named in prep_objects(tok, {"of"}):  # "... and Rastan"
                        out.extend(c for c in expand(named) if c != named and self._is_place(c))
            elif tok.lemma_.lower() not in self.lex.partial_place_nouns:
                out.extend(p for _, p in prep_objects(tok, {"of"}) if self._is_place(p))
        return out

    def _has_listed_place(self, token: Token) -> bool:
        """'critical areas, including Aleppo': a list that names a place."""
        for child in token.children:
            if child.dep_ == "prep" and child.lower_ in ("including", "like", "as"):
                return any(self._is_place(p) for p in child.children if p.dep_ == "pobj")
        return False

    def _is_place(self, token: Token) -> bool:
        return self.mentions.place(token) is not None

    def _meetable(self, token: Token) -> bool:
        actor = self.mentions.actor(token)
        return actor is not None and actor.kind in MEETABLE_KINDS
