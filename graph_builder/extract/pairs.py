"""Candidate pairs for the relation model: the resolved mentions of one sentence.

A *slot* is one mention in a sentence: an entity span, or a noun phrase head that
resolves to an actor or a place ("the army", "rebels", "its", "the city"). Every two
slots that denote different actors make a candidate pair; an actor and a place make a
candidate for `seized`. The model decides which pairs state a relation.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from spacy.tokens import Span, Token

from graph_builder.extract.mentions import RELATIVE_PRONOUNS, MentionIndex
from graph_builder.models import Actor

# Sentences with more slots than this are cut to the first ones (bounded time).
MAX_SLOTS = 14
# Pairs further apart than this many tokens are not considered.
MAX_DISTANCE = 45


@dataclass(frozen=True, slots=True)
class Slot:
    """One mention in a sentence: its head token, its span, what it denotes."""

    head: Token
    start: int  # token index of the span in the Doc
    end: int
    actor: Actor | None
    place: Actor | None


@dataclass(frozen=True, slots=True)
class Pair:
    """Two slots in sentence order; `first.head.i < second.head.i`."""

    first: Slot
    second: Slot


def sentence_slots(sent: Span, mentions: MentionIndex) -> list[Slot]:
    """The mentions of one sentence, in order."""
    slots: list[Slot] = []
    doc = sent.doc
    last_entity = -1
    for tok in sent:
        mention = mentions.mention_at(tok)
        if mention is not None:
            if mention.start != last_entity:
                last_entity = mention.start
                # clamped to the sentence: an entity may run across a line-break boundary
                head = doc[max(mention.start, sent.start) : min(mention.end, sent.end)].root
                slots.append(Slot(head, mention.start, mention.end, mention.actor, mention.place))
            continue
        if tok.pos_ not in ("NOUN", "PROPN", "PRON") and tok.lower_ not in RELATIVE_PRONOUNS:
            continue
        actor = mentions.actor(tok)
        place = mentions.place(tok) if tok.pos_ != "PRON" or tok.lower_ == "it" else None
        if actor is not None or place is not None:
            slots.append(Slot(tok, tok.i, tok.i + 1, actor, place))
        if len(slots) >= MAX_SLOTS:
            break
    return slots


def candidate_pairs(slots: list[Slot]) -> Iterator[Pair]:
    """Pairs of slots that could hold a relation: different actors, or actor and place."""
    for i, a in enumerate(slots):
        for b in slots[i + 1 :]:
            if abs(b.head.i - a.head.i) > MAX_DISTANCE or a.head.i == b.head.i:
                continue
            actors = (
                a.actor is not None and b.actor is not None and a.actor.id != b.actor.id
            )
            seizure = (a.actor is not None and b.place is not None) or (
                b.actor is not None and a.place is not None
            )
            if actors or seizure:
                first, second = (a, b) if a.head.i < b.head.i else (b, a)
                yield Pair(first, second)
