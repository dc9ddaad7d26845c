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


def _negated_here(token: Token) -> bool:
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
        if child.dep_ == "advcl" and any(
            c.dep_ == "mark" and c.lower_ in ("if", "unless") for c in child.children
        ):
            return True  # "Israel would strike Iran if talks failed"
    return False


def modality(
    trigger: Token, lex: Lexicon, relation: str = "", own_negation: bool = True
) -> Modality:
    """Walk from the cue up towards the sentence root, collecting modality cues.

    Negation and modal auxiliaries count on the cue's own clause and on the
    clauses that govern it through a complement or purpose clause ("did not
    continue to back", "might send forces to help"); negating and hypothetical
    governors ("denied", "threatened to", "the possibility of") count above it
    up to a reporting verb, whose subject becomes the speaker. An event noun
    that is the object of an ordinary verb is an argument: "China has not
    condemned Russia's invasion" still asserts the invasion.
    """
    negated = own_negation and _negated_here(trigger)
    hypothetical = _hypothetical_here(trigger, lex)
    speaker: Token | None = None
    sent = trigger.sent
    if sent[-1].text == "?" or (len(sent) > 1 and sent[-2].text == "?"):
        hypothetical = True
    is_noun = trigger.pos_ in ("NOUN", "PROPN") or (trigger.tag_ == "VBG" and any(
        c.dep_ == "poss" for c in trigger.children
    ))
    if is_noun and any(
        c.dep_ == "amod" and c.lower_ in lex.hypothetical_adjectives for c in trigger.children
    ):
        hypothetical = True
    if relation == "seized" and _purpose(trigger):
        hypothetical = True  # "sent troops to capture Kyiv": the aim, not the capture
    current = trigger
    detached = False  # inside a time or cause clause: the main clause's modality stays out
    for _ in range(12):
        dep = current.dep_
        head = current.head
        if head is current:
            break
        lemma = head.lemma_.lower()
        if dep == "ccomp" and lemma in lex.speech_verbs:
            speaker = _subject(head)
            if lemma in lex.negating_governors or _negated_here(head):
                negated = True
            break
        head_is_verb = head.pos_ in ("VERB", "AUX")
        if is_noun and head_is_verb:
            if lemma in lex.negating_governors and dep in ("nsubj", "nsubjpass", "dobj"):
                negated = True  # "a meeting ... was cancelled"
                break
            light = lemma in lex.light_verbs or lemma in lex.receiving_verbs
            if not light and dep != "pobj":
                if relation == "met_with" and lemma in lex.hypothetical_governors:
                    hypothetical = True  # "called for talks between", "urged a meeting"
                break
            is_noun = False  # "did not express support": the light verb's clause counts
        if head.pos_ in ("NOUN", "PROPN"):
            if lemma in lex.hypothetical_nouns or (
                lemma in lex.intent_nouns and relation == "seized" and dep != "relcl"
            ):
                hypothetical = True
            if _negated_here(head) and dep in ("prep", "acl", "pobj"):
                negated = True
        if head_is_verb:
            if dep in ("xcomp", "ccomp", "advcl", "acl", "pcomp", "conj", "prep", "dobj",
                       "pobj", "nsubjpass", "nsubj", "attr", "oprd", "npadvmod"):
                if lemma in lex.negating_governors and dep in ("xcomp", "ccomp", "pcomp", "dobj"):
                    negated = True
                if dep in ("xcomp", "ccomp", "acl"):
                    stance = lemma in lex.threat_governors
                    if (stance and relation == "seized") or (
                        lemma in lex.hypothetical_governors and not stance
                    ):
                        hypothetical = True  # "aiming to seize Goma"; "considering talks"
            if dep in ("ccomp", "xcomp") and lemma in lex.permission_verbs:
                # "will not allow the YPG to seize Manbij": permission, not the event
                negated = negated or _negated_here(head)
                hypothetical = hypothetical or _hypothetical_here(head, lex)
            if _detached(current, dep, lex):
                detached = True  # "did not comment after Iran struck Israel": not negated
            if not detached and dep in (
                "xcomp", "advcl", "dobj", "prep", "pobj", "conj", "nsubjpass", "attr"
            ):
                if _hypothetical_here(head, lex):
                    hypothetical = True
                if _negated_here(head) and dep != "conj":
                    negated = True
            if dep == "advcl" and any(
                c.dep_ == "mark" and c.lower_ in lex.hypothetical_marks for c in current.children
            ):
                hypothetical = True
        if head.lower_ == "without":
            negated = True
        if dep not in CHAIN_DEPS or dep in ("appos", "relcl"):
            # an apposition or relative clause is the writer's own statement: "Iran, a
            # backer of the Houthis, denied ..." still asserts the backing
            break
        current = head
    if speaker is None:
        speaker = _according_to(trigger)
    return Modality(negated, hypothetical, speaker)


def _detached(current: Token, dep: str, lex: Lexicon) -> bool:
    """'..., after Iran struck Israel': a time or cause clause (or phrase) of its own."""
    if dep == "advcl":
        return any(c.dep_ == "mark" and c.lower_ in lex.detaching_marks for c in current.children)
    return dep == "prep" and current.lower_ in lex.detaching_marks


def _purpose(verb: Token) -> bool:
    """A purpose infinitive: "launched an offensive to retake the town"."""
    return verb.dep_ in ("advcl", "acl") and any(
        c.dep_ == "aux" and c.lower_ == "to" for c in verb.children
    )


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
