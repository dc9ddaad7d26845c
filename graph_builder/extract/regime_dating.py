"""Dating an undated text by the fall it recalls: "since Assad's fall", "the rebels
overthrew Assad", "the ousted president" were written after the change of government
that removed the ruler (regimes.yaml `ousted`), so the state's name means the new
holder. A fall that is only wished, feared or denied dates nothing."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from spacy.tokens import Doc, Token

from graph_builder.actors import ActorCatalog
from graph_builder.extract.lexicon import Lexicon
from graph_builder.extract.mentions import Mention
from graph_builder.extract.modality import modality

# How far up a ruler's name may sit below the word that states the fall: "the fall of
# the al-Assad government" (name, compound, pobj, prep, noun).
_MAX_STEPS = 4
_NP_LINKS = frozenset({"compound", "poss", "appos", "pobj", "prep", "flat", "nmod", "amod"})
_TIME_WORDS = frozenset({"since", "after", "following", "before", "until", "till"})
_PAST_AUX = frozenset({"was", "were", "had", "has", "have", "been"})


def fall_stated(
    doc: Doc, mentions: Iterable[Mention], catalog: ActorCatalog, lex: Lexicon
) -> dt.date | None:
    """The latest change of government whose ousted ruler's fall the text states as past."""
    latest: dt.date | None = None
    for m in mentions:
        if m.actor is None:
            continue
        on = catalog.ousted_on(m.actor.id)
        if on is None or (latest is not None and on <= latest):
            continue
        if _named_as_fallen(doc, m.start, m.end, lex) or _recalls_fall(doc[m.end - 1], lex):
            latest = on
    return latest


def _named_as_fallen(doc: Doc, start: int, end: int, lex: Lexicon) -> bool:
    """'the ousted president Bashar al-Assad', 'former President Assad', 'post-Assad',
    'Assad-era': a look-back word in or just before the name, or an era after it."""
    first = max(start - 2, doc[start].sent.start)
    if any(
        t.lower_ in lex.looking_back_words and t.pos_ in ("ADJ", "VERB")
        for t in doc[first:end]
    ):
        return True
    before = doc[max(start - 2, 0) : start]
    if len(before) == 2 and before[0].lower_ == "post" and before[1].text in "-‑–":
        return True
    after = doc[end : end + 2]
    return len(after) == 2 and after[0].text in "-‑–" and after[1].lower_ == "era"


def _recalls_fall(name: Token, lex: Lexicon) -> bool:
    """The ruler's name sits under a fall: a past ousting verb ("overthrew Assad"), or a
    fall noun after a time word or as an argument ("since the fall of Assad")."""
    token = name
    for _ in range(_MAX_STEPS):
        if any(
            c.dep_ == "amod" and c.lower_ in lex.looking_back_words for c in token.children
        ):
            return True  # "the ousted president, Bashar al-Assad"
        if token.dep_ not in _NP_LINKS and token.dep_ not in ("dobj", "nsubjpass", "nsubj"):
            return False
        if token.dep_ in ("dobj", "nsubjpass"):
            return _past_ousting(token.head, lex)
        head = token.head
        if head is token:
            return False
        if head.lemma_.lower() in lex.ousting_nouns and head.pos_ == "NOUN":
            return _fall_noun_asserted(head, lex)
        token = head
    return False


def _past_ousting(verb: Token, lex: Lexicon) -> bool:
    """'overthrew Assad', 'Assad was deposed', 'had toppled Assad' (not 'seek to oust')."""
    if verb.lemma_.lower() not in lex.ousting_verbs and verb.lower_ not in lex.ousting_verbs:
        return False
    past = verb.tag_ == "VBD" or (
        verb.tag_ == "VBN"
        and (verb.dep_ in ("relcl", "acl") or any(
            c.dep_ in ("aux", "auxpass") and c.lower_ in _PAST_AUX for c in verb.children
        ))
    )
    return past and _asserted(verb, lex)


def _fall_noun_asserted(noun: Token, lex: Lexicon) -> bool:
    """'since Assad's fall', 'after the ouster of Assad', 'Assad's fall shook the
    region' (not 'calls for Assad's ouster', 'sought his fall', 'his fall is near')."""
    head = noun.head
    if noun.dep_ == "pobj" and head.lower_ in _TIME_WORDS:
        return _asserted(head.head, lex) if head.head is not head else True
    if noun.dep_ in ("nsubj", "dobj") and head.tag_ in ("VBD", "VBN"):
        wished = head.lemma_ in lex.hypothetical_governors or (
            head.lemma_ in lex.negating_governors
        )
        return not wished and _asserted(head, lex) and _asserted(noun, lex)
    return noun.dep_ == "ROOT"  # a headline: "Assad's fall"


def _asserted(token: Token, lex: Lexicon) -> bool:
    mod = modality(token, lex)
    return not (mod.negated or mod.hypothetical)
