"""`actor_ruler`: marks dictionary names as entities before the statistical NER runs.

It takes EntityRuler-style patterns (`{"label", "pattern", "id"}`) but matches
them with two phrase matchers only: case-insensitive names on LOWER and
case-sensitive ones (token patterns of ORTH values, e.g. "US", "Turkey") on
ORTH. spaCy's EntityRuler would run the slower token Matcher for the latter.
The NER then respects these spans and predicts around them.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span


class ActorRuler:
    """Longest-match dictionary entities with their actor ids."""

    def __init__(self, nlp: Language) -> None:
        self.nlp = nlp
        self.lower = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.exact = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.keys: dict[int, tuple[str, str]] = {}

    def add_patterns(self, patterns: Iterable[dict[str, Any]]) -> None:
        lower: dict[str, list[Doc]] = {}
        exact: dict[str, list[Doc]] = {}
        for pattern in patterns:
            key = f"{pattern['label']}|{pattern.get('id', '')}"
            value = pattern["pattern"]
            if isinstance(value, str):
                lower.setdefault(key, []).append(self.nlp.make_doc(value))
            else:
                words = [part["ORTH"] for part in value]
                exact.setdefault(key, []).append(Doc(self.nlp.vocab, words=words))
        for table, matcher in ((lower, self.lower), (exact, self.exact)):
            for key, docs in table.items():
                matcher.add(key, docs)
                label, _, ent_id = key.partition("|")
                self.keys[self.nlp.vocab.strings[key]] = (label, ent_id)

    def __call__(self, doc: Doc) -> Doc:
        matches = {(s, e, m) for m, s, e in self.lower(doc)}
        matches.update((s, e, m) for m, s, e in self.exact(doc))
        taken = bytearray(len(doc))
        spans = []
        for start, end, key in sorted(matches, key=lambda m: (m[0] - m[1], m[0])):
            if any(taken[start:end]):
                continue
            taken[start:end] = b"\x01" * (end - start)
            label, ent_id = self.keys[key]
            spans.append(Span(doc, start, end, label=label, span_id=ent_id))
        doc.ents = sorted(spans, key=lambda span: span.start)
        return doc


@Language.factory("actor_ruler")
def make_actor_ruler(nlp: Language, name: str) -> ActorRuler:
    return ActorRuler(nlp)
