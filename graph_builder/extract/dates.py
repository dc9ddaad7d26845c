"""Event dates: the DATE mentioned with a relation, resolved against the document date."""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

import dateparser
from spacy.tokens import Span, Token

_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
_BARE_YEAR = re.compile(r"^(?:in |since |by |early |late |mid-?)?(1[89]\d\d|20\d\d)s?$", re.I)
_RANGE = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)?\s*[-–]\s*\d{1,2}(?:st|nd|rd|th)?\b")
_VAGUE = re.compile(r"\b(years?|decades?|months|centur(y|ies)|hours?|minutes?|era)\b", re.I)


@lru_cache(maxsize=4096)
def parse_date(text: str, anchor: dt.date | None) -> dt.date | None:
    """Resolve a date expression; relative ones ("last week") need an anchor."""
    text = text.strip()
    bare = _BARE_YEAR.match(text)
    if bare:
        return dt.date(int(bare.group(1)), 1, 1)
    if _VAGUE.search(text) and not _YEAR.search(text):
        return None
    has_year = bool(_YEAR.search(text))
    if anchor is None and not has_year:
        return None
    cleaned = _RANGE.sub(r"\1", text)
    settings: dict[str, str | dt.datetime] = {
        "PREFER_DATES_FROM": "past",
        "PREFER_DAY_OF_MONTH": "first",
    }
    if anchor is not None:
        settings["RELATIVE_BASE"] = dt.datetime.combine(anchor, dt.time())
    try:
        parsed: dt.datetime | None = dateparser.parse(cleaned, languages=["en"], settings=settings)
    except (ValueError, OverflowError):
        return None
    if parsed is None:
        return None
    result = parsed.date()
    if result.year < 1900 or (anchor is not None and result > anchor + dt.timedelta(days=366)):
        return None
    return result


def event_date(trigger: Token, dates: list[Span], anchor: dt.date | None) -> dt.date | None:
    """The date stated with the cue: of its sentence's DATE entities (`dates`), one in
    its clause, else any."""
    if not dates:
        return anchor
    clause = _clause_of(trigger)
    first, last = clause.left_edge.i, clause.right_edge.i + 1
    inside = [d for d in dates if first <= d.start and d.end <= last]
    for ent in inside + [d for d in dates if d not in inside]:
        found = parse_date(ent.text, anchor)
        if found is not None:
            return found
    return anchor


def _clause_of(token: Token) -> Token:
    cur = token
    while cur.dep_ not in ("ROOT", "ccomp", "advcl", "relcl", "conj") and cur.head is not cur:
        cur = cur.head
    return cur
