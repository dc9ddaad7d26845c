"""The model's attribute ruler as lookup tables: the same token attributes, faster.

`en_core_web_sm`'s attribute ruler maps fine-grained tags (and a few words) to parts
of speech, morphology and lemmas with 179 `Matcher` patterns of one or two tokens,
each a conjunction of equality, `IN`, `NOT_IN` or `REGEX` tests on `LOWER`, `TAG`,
`DEP` or `IS_SPACE`. A `Matcher` over them costs about a seventh of the whole
pipeline's time. This component indexes the same patterns by the word or the tag
they test, checks only those that can match a token, and sets the attributes in the
ruler's own order (a later pattern wins), so every token gets exactly what the
ruler gives it. A ruler with patterns of any other shape is left in place
(`replace_attribute_ruler` returns False).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any, cast

from spacy.language import Language
from spacy.pipeline import AttributeRuler
from spacy.tokens import Doc, Token
from spacy.tokens._retokenize import set_token_attrs

_READ: dict[str, Callable[[Token], Any]] = {
    "LOWER": lambda t: t.lower_,
    "ORTH": lambda t: t.orth_,
    "TAG": lambda t: t.tag_,
    "DEP": lambda t: t.dep_,
    "IS_SPACE": lambda t: t.is_space,
}
Test = Callable[[Token], bool]


class _Unsupported(ValueError):
    """A pattern this table cannot express exactly."""


def _test(attr: str, value: Any) -> Test:
    read = _READ.get(attr)
    if read is None:
        raise _Unsupported(attr)
    if not isinstance(value, dict):
        return lambda t: bool(read(t) == value)
    if len(value) != 1:
        raise _Unsupported(str(value))
    ((op, arg),) = value.items()
    if op == "IN":
        within = frozenset(arg)
        return lambda t: read(t) in within
    if op == "NOT_IN":
        outside = frozenset(arg)
        return lambda t: read(t) not in outside
    if op == "REGEX":
        pattern = re.compile(arg)
        return lambda t: pattern.search(read(t)) is not None
    raise _Unsupported(op)


def _keys(spec: dict[str, Any], attr: str) -> list[str] | None:
    """The values of `attr` a token must have to match `spec`, if the spec says."""
    value = spec.get(attr)
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict) and set(value) == {"IN"}:
        return list(value["IN"])
    return None


class AttributeTable:
    """Patterns of an `AttributeRuler`, indexed by the word or tag of their first token."""

    def __init__(self) -> None:
        # in the ruler's order: (tests per token, index of the token to set, attrs)
        self._by_lower: dict[str, list[int]] = {}
        self._by_tag: dict[str, list[int]] = {}
        self._always: list[int] = []
        self._patterns: list[tuple[list[list[Test]], int, dict[int, Any]]] = []

    def load(self, ruler: AttributeRuler) -> None:
        """Take over the ruler's patterns; raises `_Unsupported` for any other shape."""
        # ruler.patterns gives the raw patterns; ruler.attrs the attributes as ids
        raws = cast(list[dict[str, Any]], ruler.patterns)
        for raw, attrs, index in zip(raws, ruler.attrs, ruler.indices, strict=True):
            variants: list[list[dict[str, Any]]] = raw["patterns"]
            for tokens in variants:
                if any(not isinstance(spec, dict) or "OP" in spec for spec in tokens):
                    raise _Unsupported("operator")
                tests = [[_test(a, v) for a, v in spec.items()] for spec in tokens]
                at = len(self._patterns)
                target = index if index >= 0 else len(tokens) + index
                self._patterns.append((tests, target, attrs))
                first = tokens[0]
                if (lowers := _keys(first, "LOWER")) is not None:
                    for word in lowers:
                        self._by_lower.setdefault(word, []).append(at)
                elif (tags := _keys(first, "TAG")) is not None:
                    for tag in tags:
                        self._by_tag.setdefault(tag, []).append(at)
                else:
                    self._always.append(at)

    def __call__(self, doc: Doc) -> Doc:
        patterns, by_lower, by_tag, always = (
            self._patterns, self._by_lower, self._by_tag, self._always)
        n = len(doc)
        hits: list[tuple[int, int]] = []  # (pattern, token to set)
        for tok in doc:
            found = [*by_lower.get(tok.lower_, ()), *by_tag.get(tok.tag_, ()), *always]
            for at in found:
                tests, index, _ = patterns[at]
                i = tok.i
                if i + len(tests) > n:
                    continue
                if all(test(doc[i + k]) for k, spec in enumerate(tests) for test in spec):
                    hits.append((at, i + index))
        merged: dict[int, dict[int, Any]] = {}
        for at, i in sorted(hits):  # the ruler's order: a later pattern wins
            merged.setdefault(i, {}).update(patterns[at][2])
        for i, attrs in merged.items():
            set_token_attrs(doc[i], attrs)
        return doc


@Language.factory("attribute_table")
def make_attribute_table(nlp: Language, name: str) -> AttributeTable:
    return AttributeTable()


def replace_attribute_ruler(nlp: Language) -> bool:
    """Put an `AttributeTable` of the pipeline's `attribute_ruler` in the ruler's place."""
    if "attribute_ruler" not in nlp.pipe_names:
        return False
    ruler = cast(AttributeRuler, nlp.get_pipe("attribute_ruler"))
    table = cast(AttributeTable, nlp.add_pipe("attribute_table", after="attribute_ruler"))
    try:
        table.load(ruler)
    except _Unsupported:
        nlp.remove_pipe("attribute_table")
        return False
    nlp.remove_pipe("attribute_ruler")
    return True
