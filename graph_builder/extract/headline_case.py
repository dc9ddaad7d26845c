"""Title-case headlines in sentence case, before parsing.

`en_core_web_sm` reads "ISWAP Raid Kills Six Soldiers at Borno Military Base" as one
long name: every capitalised word looks like part of an entity, and the parse has no
verb. Written in sentence case ("ISWAP raid kills six soldiers at Borno military
base") the same headline parses as a clause. A line is title case when all its words
but the short function words are capitalised. In such a line a capitalised word
becomes lower case when it is a common English word (the base-form index of spaCy's
English lemmatizer tables), the line's first word and every name the actor
dictionaries know excepted ("Rapid Support Forces", "Syrian", "Goma"). Only the case
of letters changes, so every character offset stays the same and evidence is quoted
from the original text.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

_WORD = re.compile(r"[A-Za-z]+(?:['’][a-z]+)?")
_LINE = re.compile(r"[^\n]+")
_MAX_NAME_WORDS = 5
_SUFFIXES = (("ies", "y"), ("es", ""), ("s", ""), ("ed", ""), ("ed", "e"), ("ing", ""),
             ("ing", "e"), ("'s", ""), ("’s", ""))


class HeadlineCaser:
    """Rewrites title-case lines in sentence case (same length, same offsets)."""

    def __init__(
        self, common: Iterable[str], function_words: Iterable[str],
        is_name: Callable[[str], bool],
    ) -> None:
        self.function_words = frozenset(w.lower() for w in function_words)
        self.common = frozenset(w.lower() for w in common) | self.function_words
        self.is_name = is_name

    def __call__(self, text: str) -> str:
        if not any(c.isupper() for c in text):
            return text
        out: list[str] | None = None
        for line in _LINE.finditer(text):
            cased = self.line(line.group(0))
            if cased != line.group(0):
                if out is None:
                    out = list(text)
                out[line.start() : line.end()] = cased
        return "".join(out) if out is not None else text

    def line(self, line: str) -> str:
        words = list(_WORD.finditer(line))
        # title case: every word but the short function words is capitalised (a
        # sentence full of names still has a verb or noun in lower case: "... met in")
        content = [
            w.group(0) for w in words
            if len(w.group(0)) >= 3 and w.group(0).lower() not in self.function_words
        ]
        if len(content) < 3 or not all(w[0].isupper() for w in content):
            return line
        protected = self._names(line, words)
        chars = list(line)
        for k, w in enumerate(words):
            word = w.group(0)
            if k == 0 or k in protected or not _capitalised(word):
                continue
            if line[max(w.start() - 3, 0) : w.start()].lower() in ("al-", "el-"):
                continue  # "Al-Shabaab": part of a name
            if self._common(word.lower()):
                chars[w.start()] = word[0].lower()
        return "".join(chars)

    def _names(self, line: str, words: list[re.Match[str]]) -> set[int]:
        """Indices of words inside a name the dictionaries know (longest first)."""
        protected: set[int] = set()
        for n in range(_MAX_NAME_WORDS, 0, -1):
            for k in range(len(words) - n + 1):
                if any(j in protected for j in range(k, k + n)):
                    continue
                span = line[words[k].start() : words[k + n - 1].end()]
                if self.is_name(span):
                    protected.update(range(k, k + n))
        return protected

    def _common(self, lower: str) -> bool:
        if lower in self.common:
            return True
        return any(
            lower.endswith(suffix) and lower[: len(lower) - len(suffix)] + base in self.common
            for suffix, base in _SUFFIXES
            if len(lower) > len(suffix) + 2
        )


def _capitalised(word: str) -> bool:
    """'Kills', not 'ISWAP', 'McCain' or 'kills'."""
    return word[0].isupper() and (len(word) == 1 or word[1:].islower())


class CasingTokenizer:
    """The pipeline's tokenizer, fed sentence-cased headlines."""

    def __init__(self, inner: Any, caser: HeadlineCaser) -> None:
        self.inner = inner
        self.caser = caser

    def __call__(self, text: str) -> Doc:
        doc: Doc = self.inner(self.caser(text))
        return doc

    def __getattr__(self, name: str) -> Any:  # the wrapped tokenizer's other attributes
        return getattr(self.inner, name)


def common_words(nlp: Language) -> set[str]:
    """Base forms of English nouns, verbs, adjectives and adverbs: the lemma index that
    ships with the model's rule lemmatizer (WordNet's word lists)."""
    lemmatizer: Any = nlp.get_pipe("lemmatizer") if "lemmatizer" in nlp.component_names else None
    if lemmatizer is None:
        return set()
    table = lemmatizer.lookups.get_table("lemma_index")
    words: set[str] = set()
    for pos in ("noun", "verb", "adj", "adv"):
        words.update(w for w in table.get(pos, ()) if w.isalpha())
    return words
