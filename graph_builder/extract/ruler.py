"""`actor_ruler`: marks dictionary names as entities before the statistical NER runs.

It takes EntityRuler-style patterns (`{"label", "pattern", "id"}`): a string is a
case-insensitive name, matched on the tokens' lower-case forms; a list of
`{"ORTH": ...}` is a case-sensitive one (e.g. "US", "Turkey"), matched on the
tokens' exact text. The NER then respects these spans and predicts around them.

Names are kept as tuples of token hashes in two dictionaries, not as spaCy
`PhraseMatcher` patterns: a phrase pattern is a `Doc`, and making 7,500 of them
creates a lexeme for every new word, which was a third of the extractor's
startup. A pattern is tokenized as the tokenizer would tokenize it in running
text (a unit test checks this for every dictionary name), and most words need no
tokenizer call at all.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from spacy.attrs import LOWER, ORTH
from spacy.language import Language
from spacy.tokens import Doc, Span

_Key = tuple[str, str]  # (entity label, actor id)


class _Phrases:
    """Token-tuple → key, with the lengths to try for each first token (longest first)."""

    def __init__(self) -> None:
        self.keys: dict[tuple[int, ...], _Key] = {}
        self.lengths: dict[int, list[int]] = {}

    def add(self, tokens: tuple[int, ...], key: _Key) -> None:
        if not tokens or tokens in self.keys:
            return
        self.keys[tokens] = key
        lengths = self.lengths.setdefault(tokens[0], [])
        if len(tokens) not in lengths:
            lengths.append(len(tokens))
            lengths.sort(reverse=True)

    def matches(self, words: list[int]) -> Iterable[tuple[int, int, _Key]]:
        keys, lengths, n = self.keys, self.lengths, len(words)
        for start, word in enumerate(words):
            for length in lengths.get(word, ()):
                if start + length > n:
                    continue
                key = keys.get(tuple(words[start : start + length]))
                if key is not None:
                    yield start, start + length, key


class ActorRuler:
    """Longest-match dictionary entities with their actor ids."""

    def __init__(self, nlp: Language) -> None:
        self.nlp = nlp
        self.lower = _Phrases()
        self.exact = _Phrases()
        rules = getattr(nlp.tokenizer, "rules", None) or {}
        self._special_cases: set[str] = set(rules)
        self._hash = nlp.vocab.strings.__getitem__  # a string's hash, without storing it

    def tokens(self, text: str) -> list[str]:
        """`text` split as the tokenizer splits it. A space-separated word of letters
        only is one token unless it is a tokenizer special case ("cannot"); any other
        word goes through the tokenizer."""
        if text != text.strip(" ") or "  " in text or any(c.isspace() and c != " " for c in text):
            return [t.text for t in self.nlp.make_doc(text)]
        out: list[str] = []
        for word in text.split(" "):
            if word.isalpha() and word not in self._special_cases:
                out.append(word)
            else:
                out.extend(t.text for t in self.nlp.make_doc(word))
        return out

    def add_patterns(self, patterns: Iterable[dict[str, Any]]) -> None:
        for pattern in patterns:
            key = (str(pattern["label"]), str(pattern.get("id", "")))
            value = pattern["pattern"]
            if isinstance(value, str):
                words = [w.lower() for w in self.tokens(value)]
            else:
                words = [str(part["ORTH"]) for part in value]
            table = self.lower if isinstance(value, str) else self.exact
            table.add(tuple(self._hash(w) for w in words), key)

    def __call__(self, doc: Doc) -> Doc:
        # Same span under both tables: the case-sensitive name wins (it is more specific).
        found: dict[tuple[int, int], _Key] = {}
        columns = doc.to_array([LOWER, ORTH]).tolist()
        for start, end, key in self.lower.matches([row[0] for row in columns]):
            found[start, end] = key
        for start, end, key in self.exact.matches([row[1] for row in columns]):
            found[start, end] = key
        taken = bytearray(len(doc))
        spans = []
        for (start, end), (label, ent_id) in sorted(
            found.items(), key=lambda item: (item[0][0] - item[0][1], item[0][0])
        ):
            if any(taken[start:end]):
                continue
            taken[start:end] = b"\x01" * (end - start)
            spans.append(Span(doc, start, end, label=label, span_id=ent_id))
        doc.ents = sorted(spans, key=lambda span: span.start)
        return doc


@Language.factory("actor_ruler")
def make_actor_ruler(nlp: Language, name: str) -> ActorRuler:
    return ActorRuler(nlp)
