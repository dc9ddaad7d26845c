"""Lexical constructions: a cue word of the lexicon, on a token of a given trigger
class, handled by a registered function (`data/constructions/lexical.yaml`).

Each entry names its trigger class (`verbal`, `nominal`, `any`, `after-two`), the
lexicon word lists that gate it (`gate`, field names of `Lexicon`, and/or literal
`words`), how the token is looked up in them (`match`) and the function that turns
the cue into candidates. Functions are registered by name with `@lexical("name")`,
trigger classes with `@trigger_class("name")`, as spaCy's `registry` does. Entries
are tried in file order on every token; of the entries sharing an `exclusive` group
only the first that fires on a token runs.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from spacy.tokens import Span, Token

from graph_builder.extract.candidate import Candidate
from graph_builder.extract.context import RuleContext
from graph_builder.extract.frames import children
from graph_builder.extract.lexicon import Lexicon

# name -> function(context, cue token, matched key, sentence) -> candidates
LexicalFunction = Callable[[RuleContext, Token, str, Span], Iterator[Candidate]]
LEXICAL_FUNCTIONS: dict[str, LexicalFunction] = {}
# name -> whether a token belongs to the trigger class
TriggerClass = Callable[[RuleContext, Token, Span], bool]
TRIGGER_CLASSES: dict[str, TriggerClass] = {}
MATCHES = ("lemma", "lower", "lemma-or-lower", "lower-or-prefix")


def lexical(name: str) -> Callable[[LexicalFunction], LexicalFunction]:
    """Register a function that `lexical.yaml` names with `function: <name>`."""

    def add(fn: LexicalFunction) -> LexicalFunction:
        LEXICAL_FUNCTIONS[name] = fn
        return fn

    return add


def trigger_class(name: str) -> Callable[[TriggerClass], TriggerClass]:
    """Register a trigger class that `lexical.yaml` names with `token: <name>`."""

    def add(fn: TriggerClass) -> TriggerClass:
        TRIGGER_CLASSES[name] = fn
        return fn

    return add


@trigger_class("verbal")
def verbal(ctx: RuleContext, token: Token, sent: Span) -> bool:
    """A verb (or a participle tagged as a noun), not a gerund with an owner ("Iran's
    backing"). The small model sometimes tags "back" in "Russia and Iran back Assad" as
    ADV: a verb lemma with a subject and an object or preposition counts too."""
    pos = token.pos_
    verbish = pos in ("VERB", "AUX") or (pos == "NOUN" and token.tag_ in ("VBG", "VBN"))
    if (
        not verbish
        and token.lemma_.lower() in ctx.lex.verbs
        and pos in ("ADV", "ADP", "NOUN", "ADJ")
    ):
        verbish = any(c.dep_ == "nsubj" for c in token.children) and any(
            c.dep_ in ("dobj", "prep", "npadvmod") for c in token.children
        )
    return verbish and not (token.tag_ == "VBG" and bool(children(token, "poss")))


@trigger_class("nominal")
def nominal(ctx: RuleContext, token: Token, sent: Span) -> bool:
    """A noun (or a gerund with an owner) that is not itself part of an actor mention."""
    nounish = token.pos_ in ("NOUN", "PROPN") or (
        token.tag_ == "VBG" and any(c.dep_ == "poss" for c in token.children)
    )
    return nounish and not ctx.mentions.mention_at(token)


@trigger_class("any")
def any_token(ctx: RuleContext, token: Token, sent: Span) -> bool:
    """Every token: the gate alone decides."""
    return True


@trigger_class("after-two")
def after_two(ctx: RuleContext, token: Token, sent: Span) -> bool:
    """A token with at least two tokens before it in its sentence ("Turkish - backed")."""
    return token.i > sent.start + 1


@dataclass(frozen=True)
class LexicalConstruction:
    """One cue family: which tokens, gated by which words, handled by which function."""

    id: str
    token: str  # trigger class
    function: str
    gate: tuple[str, ...] = ()  # names of Lexicon word lists (dicts or sets)
    words: frozenset[str] = frozenset()  # literal cue words
    match: str = "lemma"
    exclusive: str | None = None

    def keys(self, lex: Lexicon) -> frozenset[str]:
        """Every word that opens this construction, for this lexicon."""
        out = set(self.words)
        for name in self.gate:
            out.update(getattr(lex, name))
        return frozenset(out)


def lexical_construction(row: dict[str, Any], where: str) -> LexicalConstruction:
    """One entry of a data file, checked against the registries and the lexicon."""
    c = LexicalConstruction(
        id=str(row["id"]), token=str(row["token"]), function=str(row["function"]),
        gate=tuple(str(g) for g in row.get("gate", [])),
        words=frozenset(str(w).lower() for w in row.get("words", [])),
        match=str(row.get("match", "lemma")), exclusive=row.get("exclusive"),
    )
    if c.function not in LEXICAL_FUNCTIONS:
        raise ValueError(f"{where}: construction {c.id}: no function {c.function!r}")
    if c.token not in TRIGGER_CLASSES:
        raise ValueError(f"{where}: construction {c.id}: no trigger class {c.token!r}")
    if c.match not in MATCHES:
        raise ValueError(f"{where}: construction {c.id}: match must be one of {MATCHES}")
    unknown = [g for g in c.gate if g not in Lexicon.__dataclass_fields__]
    if unknown:
        raise ValueError(f"{where}: construction {c.id}: no lexicon list {unknown[0]!r}")
    if not c.gate and not c.words:
        raise ValueError(f"{where}: construction {c.id}: needs a gate or words")
    return c


@dataclass(frozen=True, slots=True)
class _Compiled:
    construction: LexicalConstruction
    keys: frozenset[str]
    trigger: TriggerClass
    function: LexicalFunction


class LexicalMatcher:
    """The lexical constructions compiled for one lexicon: a token whose lemma, form
    or hyphen prefix opens none of them is skipped at once."""

    def __init__(self, lexicon: Lexicon, constructions: tuple[LexicalConstruction, ...]):
        self.compiled = [
            _Compiled(c, c.keys(lexicon), TRIGGER_CLASSES[c.token], LEXICAL_FUNCTIONS[c.function])
            for c in constructions
        ]
        self.any_key = frozenset().union(*(c.keys for c in self.compiled))

    def sentence(self, ctx: RuleContext, sent: Span) -> Iterator[Candidate]:
        """Candidates of every lexical construction, token by token, in file order."""
        any_key = self.any_key
        for token in sent:
            lower = token.lower_
            lemma = token.lemma_.lower()
            prefix = lower.split("-")[0]
            if lemma not in any_key and lower not in any_key and prefix not in any_key:
                continue
            classes: dict[str, bool] = {}
            fired: set[str] = set()
            for item in self.compiled:
                c = item.construction
                key = _key(c.match, lemma, lower, prefix, item.keys)
                if key is None or (c.exclusive is not None and c.exclusive in fired):
                    continue
                member = classes.get(c.token)
                if member is None:
                    member = classes[c.token] = item.trigger(ctx, token, sent)
                if not member:
                    continue
                if c.exclusive is not None:
                    fired.add(c.exclusive)
                yield from item.function(ctx, token, key, sent)


def _key(match: str, lemma: str, lower: str, prefix: str, keys: frozenset[str]) -> str | None:
    """The word under which the token opens a construction, if it does."""
    if match == "lemma":
        return lemma if lemma in keys else None
    if match == "lower":
        return lower if lower in keys else None
    if match == "lemma-or-lower":
        if lemma in keys:
            return lemma
        return lower if lower in keys else None
    # lower-or-prefix: "pro-Assad" opens "pro"; the function re-reads the token
    return lower if lower in keys or prefix in keys else None
