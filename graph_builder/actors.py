"""Actor catalogue: countries, persons, groups, places and generic mentions.

The data lives in `graph_builder/data/actors/*.yaml` (see the comments at the top of each
file). `ActorCatalog.default()` loads it once per process.

Matching rules (`lookup*`): text is normalised before comparison — curly quotes and
dashes are made plain, diacritics are folded (Erdoğan = Erdogan), hyphens count as spaces
(al-Assad = al Assad), apostrophes are dropped (Hay'at = Hayat), a leading "the " and a
trailing possessive ('s, ') are removed. Comparison ignores case, except for short
all-capital acronyms (up to five letters: "US", "IS", "UN", "HTS") and the words listed in
`case_sensitive.yaml` ("Turkey", "Sake"), which match only as written.

Tiers: `lookup` searches countries, groups and persons first and places after them, so
"Damascus" gives `syria` and `lookup_place("Damascus")` gives the place `damascus`.
Adjectives and demonyms ("Turkish", "Iranians") are only found by `lookup_adjective`;
generic phrases ("rebels", "Turkish-backed forces") only by `lookup_generic`, which checks
each phrase's context (actor ids the document must mention).

Ruler patterns (`ruler_patterns`): one pattern per surface form, `id` always a plain actor
id. Labels: GPE for countries (names, capitals, seats of power), PERSON for persons, ORG
for groups and organisations, NORP for adjectives and demonyms, GPE/LOC/FAC for places
(by place type), ORG for generic phrases, whose id is only a default (the first entry
for that phrase): call `is_generic_phrase(span.text)` and resolve with
`lookup_generic(span.text, context)`. When a surface form is both a name and a place
("Damascus") the pattern carries the name's actor id; use `lookup_place` for objects of
`seized`. Case-sensitive forms are token patterns on ORTH; all others are phrase
patterns in their written case (the tokenizer splits "st." unlike "St."), one per
lower-cased form, for an EntityRuler with `phrase_matcher_attr="LOWER"`;
`add_entity_ruler(nlp)` sets one up.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from graph_builder import fast_yaml
from graph_builder.models import Actor

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.pipeline import EntityRuler

DATA_DIR = Path(__file__).parent / "data" / "actors"

_PLAIN = str.maketrans(
    {
        "‘": "'", "’": "'", "ʼ": "'", "`": "'", "´": "'", "′": "'",
        "“": '"', "”": '"', "„": '"',
        "‐": "-", "‑": "-", "‒": "-", "–": "-", "—": "-", "―": "-", "−": "-",
        "\u00a0": " ", "\u202f": " ",
        "ı": "i", "İ": "I", "ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "ß": "ss",
        "ə": "e", "Ə": "E", "đ": "d", "Đ": "D", "æ": "ae", "Æ": "AE",
    }
)
_POSSESSIVE = re.compile(r"'s$|'$", re.IGNORECASE)
_INFIX = re.compile(r"(?<=[A-Za-z0-9])([-/])(?=[A-Za-z])")  # as spaCy splits "ISIS-K"
_SPACES = re.compile(r"\s+")
_EDGE_PUNCT = " ,;:!?\"()[]{}"
_PLACE_LABELS = {
    "city": "GPE", "town": "GPE", "village": "GPE", "district": "GPE", "province": "GPE",
    "region": "LOC", "base": "FAC", "airport": "FAC", "crossing": "FAC", "dam": "FAC",
    "facility": "FAC",
}
_KIND_LABELS = {
    "country": "GPE", "person": "PERSON", "armed_group": "ORG", "organisation": "ORG",
    "government": "ORG", "group": "ORG",
}


def fold(text: str) -> str:
    """Plain quotes and dashes, no diacritics."""
    text = text.translate(_PLAIN)
    if text.isascii():
        return text
    text = unicodedata.normalize("NFKD", text)
    return "".join(c for c in text if not unicodedata.combining(c))


@lru_cache(maxsize=1 << 16)
def normalise(text: str) -> str:
    """Case-preserving match key: folded, possessive and leading "the" removed."""
    text = _SPACES.sub(" ", fold(text)).strip(_EDGE_PUNCT)
    if text[:4].lower() == "the ":
        text = text[4:]
    if len(text) > 3:
        text = _POSSESSIVE.sub("", text)
    text = text.replace("'", "").replace("-", " ")
    return _SPACES.sub(" ", text).strip(_EDGE_PUNCT)


def is_acronym(text: str) -> bool:
    """Short all-capital forms (≤ 5 letters) that must keep their case: US, U.S., HTS."""
    letters = [c for c in text if c.isalpha()]
    return 0 < len(letters) <= 5 and all(c.isupper() for c in letters)


@dataclass(frozen=True, slots=True)
class _Generic:
    actor_id: str
    context: frozenset[str]


@dataclass(slots=True)
class _Index:
    """Alias keys of one tier: case-sensitive and lower-cased."""

    exact: dict[str, str]
    lower: dict[str, str]

    def get(self, text: str) -> str | None:
        key = normalise(text)
        if not key:
            return None
        return self.exact.get(key) or self.lower.get(key.lower())


class ActorCatalog:
    """All known actors and places, with name, adjective and generic-phrase lookup."""

    def __init__(self, data_dir: Path = DATA_DIR) -> None:
        self.data_dir = Path(data_dir)
        self._actors: dict[str, Actor] = {}
        self._place_info: dict[str, dict[str, str | None]] = {}
        self._capitals: dict[str, str] = {}
        self._former: dict[str, tuple[str, ...]] = {}
        self.state_forces: set[str] = set()  # a state's own forces ("state_force: true")
        self._adjective_forms: dict[str, tuple[str, ...]] = {}
        # generated variants: person spellings (Muhammad), base names (Kuweires air base)
        self._spellings: dict[str, tuple[str, ...]] = {}
        self._case_sensitive = {normalise(w) for w in self._read("case_sensitive.yaml")}
        self.conflicts: list[tuple[str, str, str]] = []  # (surface form, kept id, other id)
        self._names = _Index({}, {})
        self._places = _Index({}, {})
        self._adjectives = _Index({}, {})
        self._generic: dict[str, list[_Generic]] = {}
        self._generic_forms: list[tuple[str, str]] = []  # (phrase as written, actor id)
        self._load()
        self._patterns: list[dict[str, Any]] | None = None

    @classmethod
    def default(cls) -> ActorCatalog:
        """The catalogue of the bundled data files (loaded once per process)."""
        return _default_catalog()

    # --- loading -----------------------------------------------------------------------

    def _read(self, name: str) -> list[Any]:
        path = self.data_dir / name
        if not path.exists():
            return []
        return fast_yaml.load_file(path) or []

    def _add(self, actor: Actor, index: _Index, forms: Iterable[str]) -> None:
        if actor.id in self._actors:
            raise ValueError(f"duplicate actor id {actor.id!r} in {self.data_dir}")
        self._actors[actor.id] = actor
        for form in (actor.name, *forms):
            self._index(index, form, actor.id)

    def _index(self, index: _Index, form: str, actor_id: str, quiet: bool = False) -> None:
        key = normalise(form)
        if not key:
            return
        if self.is_case_sensitive(form):
            table, key = index.exact, key
        else:
            table, key = index.lower, key.lower()
        kept = table.setdefault(key, actor_id)
        if kept != actor_id and not quiet:
            self.conflicts.append((form, kept, actor_id))

    def _add_variants(
        self, actor: Actor, index: _Index, make: Callable[[str], list[str]]
    ) -> None:
        """Index generated variants of an actor's names; a written name always wins."""
        forms = (actor.name, *actor.aliases)
        written = {normalise(f).lower() for f in forms}
        extra = dict.fromkeys(v for f in forms for v in make(f))
        self._spellings[actor.id] = tuple(v for v in extra if normalise(v).lower() not in written)
        for form in self._spellings[actor.id]:
            self._index(index, form, actor.id, quiet=True)

    def is_case_sensitive(self, form: str) -> bool:
        """True for forms that match only as written: acronyms and case_sensitive.yaml."""
        return is_acronym(form) or normalise(form) in self._case_sensitive

    def _load(self) -> None:
        for row in self._read("countries.yaml"):
            aliases = tuple(row.get("aliases") or ())
            actor = Actor(row["id"], row["name"], "country", aliases)
            self._add(actor, self._names, aliases)
            if row.get("capital"):
                self._capitals[actor.id] = row["capital"]
            forms = tuple(row.get("adjectives") or ()) + tuple(row.get("demonyms") or ())
            self._adjective_forms[actor.id] = forms
            for form in forms:
                self._index(self._adjectives, form, actor.id)
        for row in self._read("groups.yaml"):
            former = tuple(row.get("former_names") or ())
            aliases = tuple(row.get("aliases") or ()) + former
            actor = Actor(row["id"], row["name"], row["kind"], aliases, row.get("affiliation"))
            self._former[actor.id] = former
            if row.get("state_force"):
                self.state_forces.add(actor.id)
            self._add(actor, self._names, aliases)
        for row in self._read("persons.yaml"):
            aliases = tuple(row.get("aliases") or ())
            actor = Actor(row["id"], row["name"], "person", aliases, row.get("affiliation"))
            self._add(actor, self._names, aliases)
            self._add_variants(actor, self._names, spelling_variants)
        for row in self._read("places.yaml"):
            aliases = tuple(row.get("aliases") or ())
            actor = Actor(row["id"], row["name"], "place", aliases)  # country: country_of()
            self._place_info[actor.id] = {"type": row.get("type"), "country": row.get("country")}
            self._add(actor, self._places, aliases)
            if row.get("type") == "base":
                self._add_variants(actor, self._places, base_variants)
        for country_id, capital in self._capitals.items():
            # A capital that names its state ("Kabul said") is also a place ("the Taliban
            # took Kabul"), unless places.yaml lists it.
            place_id = re.sub(r"[^a-z0-9]+", "-", normalise(capital).lower()).strip("-")
            named = self._names.get(capital)
            if named == country_id and self.lookup_place(capital) is None and (
                place_id not in self._actors
            ):
                self._place_info[place_id] = {"type": "city", "country": country_id}
                self._add(Actor(place_id, capital, "place"), self._places, ())
        self._regimes: dict[str, list[tuple[dt.date, str]]] = {}
        self._dating: dict[str, dt.date] = {}  # new holder -> the day it took over
        self._ousted: dict[str, dt.date] = {}  # ruler -> the day the change removed them
        for row in self._read("regimes.yaml"):
            self._regimes.setdefault(row["state"], []).append((row["on"], row["becomes"]))
            if row.get("dates_document"):
                self._dating[row["becomes"]] = row["on"]
            for ruler in row.get("ousted") or ():
                if ruler not in self._actors:
                    raise ValueError(f"regimes.yaml: unknown ousted actor id {ruler!r}")
                self._ousted[ruler] = row["on"]
        for changes in self._regimes.values():
            changes.sort()
        self._clients: dict[str, list[_Generic]] = {}
        for row in self._read("patrons.yaml"):
            for key in ("patron", "client"):
                if row[key] not in self._actors:
                    raise ValueError(f"patrons.yaml: unknown {key} actor id {row[key]!r}")
            self._clients.setdefault(row["patron"], []).append(
                _Generic(row["client"], frozenset(row.get("context") or ()))
            )
        for row in self._read("generic.yaml"):
            rule = _Generic(row["actor"], frozenset(row.get("context") or ()))
            for phrase in row.get("phrases") or ():
                self._generic_forms.append((phrase, rule.actor_id))
                key = normalise(phrase).lower()
                rules = self._generic.setdefault(key, [])
                if rule not in rules:
                    rules.append(rule)

    # --- access ------------------------------------------------------------------------

    def __len__(self) -> int:
        return len(self._actors)

    def __contains__(self, actor_id: object) -> bool:
        return actor_id in self._actors

    def get(self, actor_id: str) -> Actor:
        """The actor with this id; KeyError if unknown."""
        try:
            return self._actors[actor_id]
        except KeyError:
            raise KeyError(f"unknown actor id {actor_id!r}") from None

    def holder(self, actor_id: str, day: dt.date) -> str:
        """Who a state's name means on a day (regimes.yaml): the id itself, or the
        government that took over before that day."""
        current = actor_id
        for since, becomes in self._regimes.get(actor_id, ()):
            if day >= since:
                current = becomes
        return current

    def forces_of(self, country_id: str) -> Actor | None:
        """A state's own armed forces (a `state_force` group affiliated with it), if known."""
        for actor_id in sorted(self.state_forces):
            actor = self._actors[actor_id]
            if actor.affiliation == country_id:
                return actor
        return None

    def dated_by(self, actor_ids: Iterable[str]) -> dt.date | None:
        """The latest change of government that the named actors imply already happened
        (an undated text naming Syria's transitional government is from after 8 Dec 2024)."""
        return max((self._dating[a] for a in actor_ids if a in self._dating), default=None)

    def name_forms(self) -> frozenset[str]:
        """Every name, place name and adjective the dictionaries know, lower-cased."""
        return frozenset(
            form.lower() for table in (self._names, self._places, self._adjectives)
            for form in (*table.exact, *table.lower)
        )

    def ousted_on(self, actor_id: str) -> dt.date | None:
        """The day a change of government removed this ruler (regimes.yaml), if any."""
        return self._ousted.get(actor_id)

    def latest_holder(self, actor_id: str) -> str:
        """Who holds a state's name since its latest change of government (regimes.yaml)."""
        changes = self._regimes.get(actor_id)
        return changes[-1][1] if changes else actor_id

    def find(self, actor_id: str) -> Actor | None:
        """The actor with this id, or None."""
        return self._actors.get(actor_id)

    def actors(self, kind: str | None = None) -> list[Actor]:
        """All actors (places included), optionally only those of one kind."""
        return [a for a in self._actors.values() if kind is None or a.kind == kind]

    def kind_of(self, actor_id: str) -> str | None:
        """The kind of a known actor ("country", "person", "place", …), else None."""
        actor = self._actors.get(actor_id)
        return actor.kind if actor else None

    def is_place(self, actor_id: str) -> bool:
        """True for ids from places.yaml."""
        return actor_id in self._place_info

    def place_type(self, actor_id: str) -> str | None:
        """city, town, base, airport, … for a place id."""
        info = self._place_info.get(actor_id)
        return info["type"] if info else None

    def country_of(self, actor_id: str) -> str | None:
        """The country id of a place, the affiliation of anything else, or None."""
        info = self._place_info.get(actor_id)
        if info:
            return info["country"]
        actor = self._actors.get(actor_id)
        return actor.affiliation if actor else None

    def capital_of(self, country_id: str) -> str | None:
        """The capital's name for a country id."""
        return self._capitals.get(country_id)

    def former_names(self, actor_id: str) -> tuple[str, ...]:
        """Earlier names of a group (lineage), e.g. Jabhat al-Nusra for HTS."""
        return self._former.get(actor_id, ())

    def adjectives(self, country_id: str) -> tuple[str, ...]:
        """Adjectives and demonyms of a country."""
        return self._adjective_forms.get(country_id, ())

    def expand_context(self, actor_ids: Iterable[str]) -> set[str]:
        """The ids plus the countries of places and the affiliations of actors among them."""
        out = set(actor_ids)
        for actor_id in list(out):
            parent = self.country_of(actor_id)
            if parent:
                out.add(parent)
        return out

    # --- lookup ------------------------------------------------------------------------

    def lookup(self, text: str) -> Actor | None:
        """The actor a name denotes: countries, groups, persons, then places."""
        actor_id = self._names.get(text) or self._places.get(text)
        return self._actors[actor_id] if actor_id else None

    def lookup_place(self, text: str) -> Actor | None:
        """The place a name denotes (places only)."""
        actor_id = self._places.get(text)
        return self._actors[actor_id] if actor_id else None

    def lookup_adjective(self, word: str) -> Actor | None:
        """The country of an adjective or demonym: "Turkish" → turkey, "U.S." → united-states."""
        actor_id = self._adjectives.get(word)
        return self._actors[actor_id] if actor_id else None

    def lookup_generic(self, text: str, context_ids: Iterable[str] = ()) -> Actor | None:
        """The actor a generic phrase denotes, given the actor ids the document mentions."""
        rules = self._generic.get(normalise(text).lower())
        if not rules:
            return None
        context = set(context_ids)
        for rule in rules:
            if not rule.context or rule.context & context:
                return self._actors.get(rule.actor_id)
        return None

    def client_of(self, patron_id: str, context_ids: Iterable[str] = ()) -> Actor | None:
        """The group `patron_id` backs in the conflict the context ids point to
        (patrons.yaml): "Kigali-backed fighters" in a Congo story are M23."""
        context = set(context_ids)
        for rule in self._clients.get(patron_id, ()):
            if rule.context & context:
                return self._actors.get(rule.actor_id)
        return None

    def is_generic_phrase(self, text: str) -> bool:
        """True when the text is one of the generic phrases of generic.yaml."""
        return normalise(text).lower() in self._generic

    # --- spaCy patterns ----------------------------------------------------------------

    def ruler_patterns(self) -> list[dict[str, Any]]:
        """EntityRuler patterns for every name, alias, adjective, generic phrase and place."""
        if self._patterns is None:
            self._patterns = self._build_patterns()
        return self._patterns

    def _build_patterns(self) -> list[dict[str, Any]]:
        seen: set[str] = set()
        out: list[dict[str, Any]] = []

        def emit(form: str, label: str, actor_id: str, strip_the: bool = True) -> None:
            for variant in _variants(form, strip_the):
                if self.is_case_sensitive(variant):
                    key = "=" + variant
                    pattern: Any = [{"ORTH": t} for t in name_tokens(variant)]
                else:
                    key = variant.lower()
                    pattern = variant  # written case: "St. Petersburg" tokenizes unlike "st."
                if key in seen:
                    continue
                seen.add(key)
                out.append({"label": label, "pattern": pattern, "id": actor_id})

        places = []
        for actor in self._actors.values():
            if actor.kind == "place":
                places.append(actor)
                continue
            label = _KIND_LABELS.get(actor.kind, "ORG")
            for form in (actor.name, *actor.aliases, *self._spellings.get(actor.id, ())):
                emit(form, label, actor.id)
        for actor in places:
            label = _PLACE_LABELS.get(self.place_type(actor.id) or "", "GPE")
            for form in (actor.name, *actor.aliases, *self._spellings.get(actor.id, ())):
                emit(form, label, actor.id)
        for country_id, forms in self._adjective_forms.items():
            for form in forms:
                emit(form, "NORP", country_id)
        for phrase, actor_id in self._generic_forms:
            emit(phrase, "ORG", actor_id, strip_the=False)
        return out


def add_entity_ruler(
    nlp: Language, catalog: ActorCatalog | None = None, before: str | None = "ner"
) -> EntityRuler:
    """Add an `entity_ruler` fed with the catalogue's patterns to `nlp` and return it.

    Patterns are added with the other components disabled, so only the tokenizer runs on
    them (adding them with the tagger and parser enabled takes seconds).
    """
    catalog = catalog or ActorCatalog.default()
    config = {"phrase_matcher_attr": "LOWER", "overwrite_ents": True}
    if before is not None and before not in nlp.pipe_names:
        before = None
    ruler = cast("EntityRuler", nlp.add_pipe("entity_ruler", before=before, config=config))
    with nlp.select_pipes(enable=[]):
        ruler.add_patterns(catalog.ruler_patterns())
    return ruler


_SPELLINGS = [
    ("Mohammed", "Mohammad", "Muhammad", "Mohamed", "Mohamad", "Muhammed"),
    ("Ahmed", "Ahmad"),
    ("Abdel", "Abdul", "Abdal"),
    ("Hussein", "Hussain", "Husein"),
    ("Hassan", "Hasan"),
    ("Youssef", "Yousef", "Yusuf", "Yousuf"),
    ("Mahmoud", "Mahmud"),
    ("Khaled", "Khalid"),
    ("Omar", "Umar"),
    ("Osama", "Usama"),
    ("Abdullah", "Abdallah"),
    ("Sergei", "Sergey"),
    ("Andrei", "Andrey"),
    ("Dmitry", "Dmitri", "Dmitriy"),
    ("Alexei", "Alexey", "Aleksei"),
    ("Alexander", "Aleksandr"),
    ("Yuri", "Yury"),
]
_SPELLING_OF = {name: group for group in _SPELLINGS for name in group}


def spelling_variants(name: str, limit: int = 24) -> list[str]:
    """Common transliteration variants of a person's name (Mohammed/Muhammad, al-/el-)."""
    options: list[tuple[str, ...]] = []
    for word in name.split(" "):
        if word in _SPELLING_OF:
            options.append(_SPELLING_OF[word])
        elif word.startswith(("al-", "el-")) and len(word) > 4:
            bare = (word[3:],) if " " in name else ()  # "Bashir" alone is ambiguous
            options.append((word, "al-" + word[3:], "el-" + word[3:], *bare))
        else:
            options.append((word,))
    out: list[str] = []
    for combo in itertools.islice(itertools.product(*options), limit):
        variant = " ".join(combo)
        if variant != name:
            out.append(variant)
    return out


_BASE_WORDS = (
    "military airbase", "military air base", "military airport", "military airfield",
    "military base", "airbase", "air base", "airfield", "air field", "airport", "base",
)


def base_variants(name: str) -> list[str]:
    """"Kuweires airbase" → "Kuweires air base", "Kuweires military airport", …"""
    lower = name.lower()
    for word in _BASE_WORDS:
        if lower.endswith(" " + word):
            core = name[: -len(word) - 1]
            return [f"{core} {other}" for other in _BASE_WORDS if other != word]
    return []


def name_tokens(text: str) -> list[str]:
    """Token texts of a short name, as the English tokenizer splits it."""
    return [t for chunk in text.split() for t in _INFIX.split(chunk) if t]


def _variants(form: str, strip_the: bool) -> list[str]:
    """Surface variants of a form: as written, folded, curly apostrophe, hyphen as space."""
    form = _SPACES.sub(" ", form).strip()
    if strip_the and form[:4].lower() == "the " and len(form) > 4:
        form = form[4:]
    out = [form]
    plain = fold(form)
    out.append(plain)
    for base in (form, plain):
        if "'" in base:
            out.append(base.replace("'", "’"))
        if "-" in base and not is_acronym(base):
            out.append(base.replace("-", " "))
    return list(dict.fromkeys(out))


@cache
def _default_catalog() -> ActorCatalog:
    return ActorCatalog()


__all__ = [
    "DATA_DIR",
    "ActorCatalog",
    "add_entity_ruler",
    "base_variants",
    "fold",
    "is_acronym",
    "name_tokens",
    "normalise",
    "spelling_variants",
]
