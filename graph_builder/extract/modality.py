"""Modality and attribution of a relation cue: negated? hypothetical? who said it?"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from graph_builder.extract.lexicon import Lexicon

# Clause links that carry modality from a governing word down to the cue.
CHAIN_DEPS = frozenset({"xcomp", "ccomp", "advcl", "conj", "pcomp", "acl", "relcl", "prep",
                        "pobj", "dobj", "attr", "oprd", "nsubj", "nsubjpass", "appos",
                        "compound", "amod", "npadvmod"})


@dataclass(frozen=True, slots=True)
class Modality:
    negated: bool
    hypothetical: bool
    speaker: Token | None


def _negated_here(token: Token, lex: Lexicon) -> bool:
    for child in token.children:
        if child.dep_ == "neg":
            return True
        if child.dep_ == "det" and child.lower_ in ("no", "neither"):
            return True
    return False


def _hypothetical_here(token: Token, lex: Lexicon) -> bool:
    for child in token.children:
        if child.dep_ == "aux" and child.lower_ in lex.hypothetical_aux:
            return True
        if child.dep_ == "mark" and child.lower_ in lex.hypothetical_marks:
            return True
    return False


def modality(trigger: Token, lex: Lexicon) -> Modality:
    """Walk from the cue up to the sentence root, collecting modality cues.

    Negation and modal auxiliaries count on the cue's own clause and on
    clauses that govern it through a complement ("did not continue to back",
    "could be forced to attack"); negating or hypothetical governors
    ("denied", "threatened to", "the possibility of") count anywhere above it
    up to a reporting verb, whose subject becomes the speaker.
    """
    negated = _negated_here(trigger, lex)
    hypothetical = _hypothetical_here(trigger, lex)
    speaker: Token | None = None
    sent = trigger.sent
    if sent[-1].text == "?" or (len(sent) > 1 and sent[-2].text == "?"):
        hypothetical = True
    current = trigger
    own_clause = True
    for _ in range(12):
        dep = current.dep_
        head = current.head
        if head is current:
            break
        lemma = head.lemma_.lower()
        if dep == "ccomp" and lemma in lex.speech_verbs:
            speaker = _subject(head)
            if lemma in lex.negating_governors or _negated_here(head, lex):
                negated = True
            break
        if dep == "advcl" and any(
            c.dep_ == "mark" and c.lower_ in lex.hypothetical_marks for c in current.children
        ):
            hypothetical = True
        if dep in ("xcomp", "ccomp", "pcomp", "acl", "advcl", "conj") or (
            dep == "pobj" and head.dep_ == "prep"
        ):
            if lemma in lex.negating_governors:
                negated = True
            if lemma in lex.hypothetical_governors and dep in ("xcomp", "ccomp", "acl"):
                hypothetical = True
            if lemma in lex.hypothetical_nouns and dep in ("acl", "pobj"):
                hypothetical = True
            if head.lower_ == "without" or (dep == "pobj" and head.lower_ == "without"):
                negated = True
        if dep in ("xcomp", "conj") or (own_clause and dep in ("dobj", "pobj", "prep")):
            # same clause, or a complement sharing its subject: modality carries
            if _negated_here(head, lex) and dep != "conj":
                negated = True
            if _hypothetical_here(head, lex):
                hypothetical = True
        else:
            own_clause = False
        if dep not in CHAIN_DEPS:
            break
        current = head
    if speaker is None:
        speaker = _according_to(trigger)
    return Modality(negated, hypothetical, speaker)


def _subject(verb: Token) -> Token | None:
    for child in verb.children:
        if child.dep_ in ("nsubj", "nsubjpass"):
            return child
    return None


def _according_to(trigger: Token) -> Token | None:
    for tok in trigger.sent:
        if tok.lower_ == "according" and tok.i + 1 < len(tok.doc) and tok.nbor(1).lower_ == "to":
            for child in tok.nbor(1).children:
                if child.dep_ == "pobj":
                    return child
    return None
