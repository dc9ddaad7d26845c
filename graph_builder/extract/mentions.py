"""Actor mentions: from tokens of a parsed document to `Actor`s.

A `MentionIndex` is built once per spaCy `Doc`. It resolves every entity
span to an actor (through the dictionaries, or as a new actor with a
normalised name when the dictionaries do not know it), and resolves the head
token of a noun phrase to an actor through its entity, its modifiers
("Turkey's Ministry of Foreign Affairs", "Russian officials", "the Emir of
Qatar"), or a preceding mention for pronouns and phrases such as "the city"
or "the group".
"""

from __future__ import annotations

import bisect
import datetime as dt
import itertools
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from graph_builder.actors import ActorCatalog
from graph_builder.extract.frames import list_antecedent
from graph_builder.extract.lexicon import Lexicon
from graph_builder.models import Actor

ASSAD_FALL = dt.date(2024, 12, 8)
SYRIA_ID = "syria"
ASSAD_ID = "bashar-al-assad"
TRANSITIONAL_ID = "syrian-transitional-government"

ACTOR_LABELS = frozenset({"PERSON", "ORG", "NORP", "GPE"})
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
PERSON_PRONOUNS = frozenset({"he", "him", "his", "she", "her", "hers", "himself", "herself"})
THING_PRONOUNS = frozenset({"it", "its", "itself"})
PLURAL_PRONOUNS = frozenset({"they", "them", "their", "theirs", "themselves"})
FIRST_PERSON = frozenset({"we", "us", "our", "ours"})
_QUOTES = frozenset({'"', "“", "”", "'", "‘", "’", "«"})
RELATIVE_PRONOUNS = frozenset({"which", "who", "whom", "that", "whose"})
KIND_CLASS = {
    "person": "person",
    "country": "country",
    "government": "country",
    "armed_group": "group",
    "organisation": "group",
    "group": "group",
    "place": "place",
}


@dataclass(frozen=True, slots=True)
class Mention:
    """An entity span with what it denotes as an actor and as a place."""

    start: int  # token index in the Doc
    end: int
    actor: Actor | None
    place: Actor | None


def slugify(name: str) -> str:
    """Stable id for a name: ascii, lower case, hyphens."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-") or "unnamed"


def clean_name(text: str, titles: frozenset[str] = frozenset()) -> str:
    """Normalise an entity's surface text into a display name, without leading titles."""
    text = text.replace("\u2019", "'").replace("\u2018", "'").strip(" \t\n\"'“”,.;:")
    text = re.sub(r"'s$|'$", "", text).strip()
    words = text.split()
    while len(words) > 1 and words[0].lower().strip(".") in titles:
        words.pop(0)
    return " ".join(words)


_GROUP_KINDS = frozenset({"armed_group", "organisation", "group"})


class MentionIndex:
    """Resolves tokens of one Doc to actors."""

    def __init__(
        self,
        doc: Doc,
        catalog: ActorCatalog,
        lexicon: Lexicon,
        doc_date: dt.date | None = None,
        context: set[str] | None = None,
    ) -> None:
        self.doc = doc
        self.catalog = catalog
        self.lexicon = lexicon
        self.doc_date = doc_date
        self.context = context if context is not None else set()
        self.by_token: dict[int, Mention] = {}
        self.mentions: list[Mention] = []
        for ent in doc.ents:
            if self._offshoot_of(ent):
                continue  # "an al-Qaeda splinter group" is not al-Qaeda
            mention = self._resolve_entity(ent)
            prev = self.mentions[-1] if self.mentions else None
            if (
                prev is not None and prev.end == ent.start and prev.actor is not None
                and prev.actor.kind in _GROUP_KINDS and catalog.is_generic_phrase(ent.text)
                and ent.start <= doc[prev.end - 1].head.i < ent.end
            ):
                # "Islamic State insurgents": the group named, not whoever "insurgents" are
                mention = Mention(ent.start, ent.end, prev.actor, None)
            if mention.actor is None and mention.place is None:
                continue
            self.mentions.append(mention)
            for i in range(ent.start, ent.end):
                self.by_token[i] = mention
        self._starts = [m.start for m in self.mentions]
        self._dominant: tuple[Actor | None] | None = None
        self._dominant_group: tuple[Actor | None] | None = None
        self._actor_memo: dict[int, Actor | None] = {}
        self._in_subject = False  # resolving a sentence subject for an antecedent

    # -- entities ---------------------------------------------------------------

    def _resolve_entity(self, ent: Span) -> Mention:
        catalog = self.catalog
        actor: Actor | None = None
        place: Actor | None = None
        ent_id = ent.ent_id_
        text = ent.text
        if ent_id:
            known = catalog.find(ent_id)
            if known is not None:
                if known.kind == "place":
                    place = known
                    actor = None
                elif catalog.is_generic_phrase(text):
                    actor = catalog.lookup_generic(text, self.context) or catalog.lookup_generic(
                        text, self.context | self._named_inside(ent)
                    )
                else:
                    actor = known
                    place = catalog.lookup_place(text)
        else:
            label = ent.label_
            if label in PLACE_LABELS:
                place = catalog.lookup_place(text)
            if label in ACTOR_LABELS or (label in PLACE_LABELS and place is None):
                actor = catalog.lookup(text)
                if actor is None and label == "NORP":
                    actor = catalog.lookup_adjective(text)
            if actor is not None and actor.kind == "place":
                actor, place = None, place or actor
            if actor is None and place is None:
                actor, place = self._new_entity(ent)
        if actor is not None and actor.id == SYRIA_ID and _NAMES_OLD_REGIME.search(text):
            actor = self.catalog.find(ASSAD_ID) or actor  # "the Assad regime" stays Assad's
        return Mention(ent.start, ent.end, actor, place)

    def _offshoot_of(self, ent: Span) -> bool:
        """'the Al-Qaeda offshoot', 'an al Qaeda splinter group', 'a breakaway faction
        of the SPLA': the name is whom the group broke from."""
        words = self.lexicon.offshoot_words
        root = ent.root
        head = root.head
        if root.dep_ == "pobj" and head.lower_ == "of":
            head = head.head
        elif root.dep_ not in ("compound", "poss", "nmod", "amod"):
            return False
        if head.i in range(ent.start, ent.end):
            return False
        return head.lower_ in words or any(
            c.lower_ in words for c in head.children if c.dep_ in ("amod", "compound", "nmod")
        )

    def _named_inside(self, ent: Span) -> set[str]:
        """Actors named by the words of a generic phrase ("Hezbollah fighters",
        "Malian troops", "Assad's forces"), with their countries."""
        ids = set()
        for tok in ent:
            if tok.pos_ in ("PROPN", "ADJ"):
                found = self.catalog.lookup(tok.text) or self.catalog.lookup_adjective(tok.text)
                if found is not None:
                    ids.add(found.id)
        return self.catalog.expand_context(ids) if ids else ids

    def _new_entity(self, ent: Span) -> tuple[Actor | None, Actor | None]:
        """An entity the dictionaries do not know: a new actor or place."""
        label = ent.label_
        name = clean_name(ent.text, self.lexicon.title_words)
        if len(name) < 2 or not any(ch.isupper() for ch in name) or name.endswith("-"):
            return None, None  # "Pro-" of a title-case "Pro-Assad"
        if name.lower() in self.lexicon.news_outlets:
            return None, None  # the source of the report, not a party to it
        if label == "PERSON":
            if len(ent) == 1 and ent.root.pos_ != "PROPN":
                return None, None
            return Actor(f"person:{slugify(name)}", name, "person"), None
        if label == "ORG":
            if name.lower() in self.lexicon.state_force_nouns:
                return None, None  # "the Army said": read as the word, whose army it is
            first, _, rest = name.partition(" ")
            if rest and _OFFICE.search(rest):
                owner = self.catalog.lookup_adjective(first) or self.catalog.lookup(first)
                if owner is not None:  # "Sudanese foreign ministry"
                    return owner, None
            if _OFFICE.search(name) or _OFFICE.search(ent.text):
                for child in ent.root.children:  # "Ukraine's General Staff"
                    if child.dep_ == "poss" and child.i < ent.start:
                        owner = self.catalog.lookup(child.text) or self.catalog.lookup_adjective(
                            child.text
                        )
                        if owner is not None:
                            return owner, None
                return None, None  # "Ministry of Foreign Affairs": resolved through its owner
            kind = "armed_group" if _looks_armed(name, self.lexicon) else "organisation"
            return Actor(f"org:{slugify(name)}", name, kind), None
        if label in PLACE_LABELS:
            return None, Actor(f"place:{slugify(name)}", name, "place")
        if (
            label == "NORP"
            and ent.root.pos_ in ("NOUN", "PROPN")
            and ent.root.tag_
            in (
                "NNS",
                "NNPS",
            )
        ):
            return Actor(f"group:{slugify(name)}", name, "group"), None
        return None, None

    # -- tokens -----------------------------------------------------------------

    def mention_at(self, token: Token) -> Mention | None:
        return self.by_token.get(token.i)

    def actor(self, token: Token, depth: int = 0) -> Actor | None:
        """The actor a noun-phrase head denotes, or None (memoised per token)."""
        if depth:
            return self._actor(token, depth)
        if token.i not in self._actor_memo:
            self._actor_memo[token.i] = self._actor(token, 0)
        return self._actor_memo[token.i]

    def _actor(self, token: Token, depth: int) -> Actor | None:
        mention = self.by_token.get(token.i)
        if mention is not None and (
            mention.actor is not None or mention.place is not None
            or token.i != mention.end - 1  # only a phrase's head is read as a word
        ):
            return mention.actor
        lower = token.lower_
        if token.pos_ == "PRON" or lower in RELATIVE_PRONOUNS:
            return self._pronoun(token, depth) if depth <= 2 else None
        if depth > 2:
            return None
        lemma = token.lemma_.lower()
        lex = self.lexicon
        if lower in lex.quantity_nouns or lemma in lex.member_nouns:
            # "thousands of North Korean soldiers", "members of Hezbollah", "several of
            # the factions"
            for child in token.children:
                if child.dep_ == "prep" and child.lower_ == "of":
                    for pobj in child.children:
                        if pobj.dep_ == "pobj":
                            return self.actor(pobj, depth + 1)
            if lemma not in lex.member_nouns:
                return None
            # "Hamas members", "its members": qualified like a group
            return self._qualified(token, depth, groups_only=True)
        if token.pos_ not in ("NOUN", "PROPN"):
            return None
        if self._only_allied(token):
            return None  # "allied fighters" are allied with someone, not the group itself
        if token.dep_ == "appos" and (
            lemma in lex.group_nouns or lower in lex.group_nouns or lemma in lex.official_nouns
        ):
            named = self.by_token.get(token.head.i)
            if named is not None and named.actor is not None:
                return named.actor  # "the JEM, a Darfur rebel group (that ...)"
        if lemma in lex.enemy_nouns or lower in lex.enemy_nouns:
            # "the Russian occupiers" are Russia; "the occupiers" in a statement, its enemy
            return self._qualified(token, depth) or self._enemy(token, depth)
        refers = self.lexicon.definite_references.get(lemma)
        if refers is not None and self._definite(token):
            if refers != "place":
                # "the Syrian factions" are not Syria: a group is qualified by groups only
                found = self._qualified(token, depth, groups_only=refers == "group")
                found = found or self._led_by(token) or self._named_before(token)
                found = found or self.antecedent(token.i, refers)
                if found is None and depth == 0 and token.lower_ in lex.armed_nouns:
                    mods = self._group_modifiers(token)  # "the Misseriya militia"
                    found = self._identity_group(token, mods) if mods else None
                return found
            return None
        found = None
        if lemma in lex.official_nouns or lower in lex.official_nouns or (
            lemma in lex.asset_nouns and lower not in lex.bare_armed_nouns  # "fighters": people
        ):
            found = self._qualified(token, depth)
        elif lemma in lex.group_nouns or lower in lex.group_nouns:
            found = self._qualified(token, depth, groups_only=True)
        elif (lemma in lex.agent_event_nouns or lower in lex.agent_event_nouns) and (
            token.dep_ in ("nsubj", "csubj") or _agent_phrase(token)
        ):
            return self._event_agent(token, depth)
        elif (lemma in lex.agent_event_nouns or lower in lex.agent_event_nouns) and (
            self._definite(token)
        ):
            return self._event_antecedent(token, depth)  # "Kyiv condemned the attack"
        elif lemma in lex.coup_nouns or lower in lex.coup_nouns:
            return self._coup_makers(token, depth)
        else:
            # "the committee" after "the Supreme Security Committee"
            return self._named_before(token) if self._definite(token) else None
        found = found or self._led_by(token)
        if found is None and (token.dep_ != "compound" or lemma == "army"):
            # "the army", "army positions": whose army depends on the document.
            for phrase in (f"the {lower}", lower, f"{lemma}s"):
                found = found or self.catalog.lookup_generic(phrase, self.context)
        if found is None and lemma in self.lexicon.ruling_nouns and (
            self._definite(token)
            or (token.dep_ == "compound" and token.head.lemma_.lower() in lex.role_nouns)
        ):
            # "the regime retook Daraa", "Russia, a regime ally": the government the
            # document is about.
            found = self.dominant_country()
        if found is None and self._state_force(token):
            found = self.dominant_country()  # "the army", "government forces", "troops"
        if found is not None and lemma == "regime" and found.id == SYRIA_ID:
            found = self.catalog.find(ASSAD_ID) or found
        if found is None and token.dep_ in ("dobj", "nsubjpass"):
            # "Rwanda has soldiers fighting alongside M23": the holder's subject.
            head = token.head
            if head.lemma_.lower() in lex.holding_verbs:
                for sub in head.children:
                    if sub.dep_ == "nsubj":
                        return self.actor(sub, depth + 1)
        if found is None and self._definite(token):
            found = self._named_before(token)  # "the council", "the mission"
        if found is None and self._definite(token) and (
            lemma in lex.official_nouns or lower in lex.official_nouns
        ):
            found = self._same_word_before(token)  # "the ministry" after "Russia's ministry"
        if found is None and depth == 0:
            found = self._composed(token)
        return found

    def _named_before(self, token: Token) -> Actor | None:
        """A definite description whose noun is a word of an organisation's or group's
        name mentioned shortly before: 'the council' after 'the Presidential Leadership
        Council', 'the mission' after 'the UN Mission in South Sudan'."""
        if token.pos_ != "NOUN" or token.lower_ in self.lexicon.not_name_heads or any(
            c.dep_ == "poss" for c in token.children
        ):
            return None
        words = {token.lower_, token.lemma_.lower()}
        pos = bisect.bisect_left(self._starts, token.i) - 1
        limit = max(pos - 20, -1)
        while pos > limit:
            actor = self.mentions[pos].actor
            if actor is not None and actor.kind in ("organisation", "armed_group", "group") and (
                words & set(re.findall(r"[a-z]+", actor.name.lower()))
            ):
                return actor
            pos -= 1
        return None

    def _enemy(self, token: Token, depth: int) -> Actor | None:
        """'the enemy' (unqualified) in a party's own statement ('the General Staff said
        the enemy attacked'): the state or armed group, other than the speaker, that the
        document names most."""
        if any(c.dep_ in ("amod", "compound", "nmod") for c in token.children):
            return None  # "the Zionist enemy": the modifier is the mention
        speaker = self._quoted_speaker(token, depth)
        if speaker is None:
            return None
        return self._most_named(lambda a: a.id != speaker.id and a.kind in _PARTY_KINDS)

    def _same_word_before(self, token: Token) -> Actor | None:
        """'the ministry said' after 'the Russian Defence Ministry said': the actor the
        same noun denoted shortly before (within 150 tokens)."""
        lemma = token.lemma_.lower()
        for i in range(token.i - 1, max(token.i - 150, 0) - 1, -1):
            earlier = self.doc[i]
            if earlier.lemma_.lower() == lemma and earlier.pos_ in ("NOUN", "PROPN"):
                found = self.actor(earlier)
                if found is not None:
                    return found
        return None

    def _composed(self, token: Token) -> Actor | None:
        """A group nothing else resolves. Bare ("the jihadists", "gunmen"): the armed
        group the document names most. Sponsored ("Kigali-backed fighters", "pro-Tehran
        militias"): that group too, unless it is the sponsor; else a group named by the
        phrase (the same words give the same group throughout the document)."""
        lex = self.lexicon
        if token.lower_ not in lex.armed_nouns or token.dep_ == "compound":
            return None
        if any(c.dep_ in ("poss", "nummod") for c in token.children):
            return None  # "its fighters", "two militants": resolved through their owner
        mods = self._group_modifiers(token)
        if not mods:
            return self.dominant_group() if token.lower_ in lex.bare_armed_nouns else None
        start = min(c.left_edge.i for c in mods)
        words = self.doc[start : token.i + 1]
        sponsored = any(
            t.lower_ in lex.modifier_suffixes or t.lower_.partition("-")[0] in ("pro", "anti")
            or t.lower_ in ("pro", "anti")
            for t in words
        )
        if not sponsored:
            return self._identity_group(token, mods)
        if len(words) > 6:
            return None
        against = "anti" in words.text.lower()
        sponsor_ids = {m.actor.id for t in words
                       if (m := self.by_token.get(t.i)) is not None and m.actor is not None}
        if not against:
            for sponsor in sponsor_ids:  # "Kigali-backed fighters" in a Congo story: M23
                client = self.catalog.client_of(sponsor, self.context)
                if client is not None and client.id not in sponsor_ids:
                    return client
        group = self.dominant_group()
        if group is not None and group.id not in sponsor_ids and not against:
            return group
        return _phrase_group(words)

    def _group_modifiers(self, token: Token) -> list[Token]:
        """The words before a group noun that may say whose group it is."""
        return [
            c for c in token.lefts
            if c.dep_ in ("amod", "compound", "nmod", "npadvmod")
            and c.lower_ not in self.lexicon.vague_modifiers
        ]

    def _identity_group(self, token: Token, mods: list[Token]) -> Actor | None:
        """'Hutu militants', 'armed Islamist groups', 'Tuareg separatists', 'the Misseriya
        militia': a group named by its phrase when a modifier is an ethnic, religious or
        ideological name, or a name the entity recogniser missed (not a country's
        adjective, not a known actor or place)."""
        lex = self.lexicon
        if not any(
            (c.ent_type_ == "NORP" or c.lower_ in lex.identity_modifiers or self._unknown_name(c))
            and getattr(self.by_token.get(c.i), "actor", None) is None
            and self.catalog.lookup_adjective(c.text) is None
            for c in mods
        ):
            return None
        lefts = mods + [c for c in token.lefts if c.lower_ == "armed"]
        words = self.doc[min(c.left_edge.i for c in lefts) : token.i + 1]
        if len(words) > 4 or any(t.pos_ in ("DET", "NUM", "PRON") for t in words):
            return None
        return _phrase_group(words)

    def _unknown_name(self, token: Token) -> bool:
        """A capitalised compound word no entity covers and no dictionary knows."""
        return (
            token.dep_ == "compound" and token.pos_ == "PROPN" and not token.ent_type_
            and token.text[:1].isupper() and token.i > token.sent.start
            and self.catalog.lookup(token.text) is None
            and self.catalog.lookup_place(token.text) is None
        )

    def dominant_group(self) -> Actor | None:
        """The non-state armed group mentioned most often in this document (ties: the
        first): a known one, or an entity whose name looks armed ("the Sudan People's
        Liberation Movement-in-Opposition"); a state's own forces (the junta's army) are
        not "the rebels", nor is a group named by its phrase ("Hutu militants")."""
        if self._dominant_group is None:
            state_forces = self.catalog.state_forces
            self._dominant_group = (self._most_named(
                lambda a: a.kind == "armed_group" and not a.id.startswith("group:")
                and a.id not in state_forces
            ),)
        return self._dominant_group[0]

    def _most_named(self, keep: Callable[[Actor], bool]) -> Actor | None:
        """The actor `keep` accepts that the document's mentions name most (ties: the
        first named)."""
        counts: dict[str, int] = {}
        first: dict[str, Actor] = {}
        for m in self.mentions:
            a = m.actor
            if a is not None and keep(a):
                counts[a.id] = counts.get(a.id, 0) + 1
                first.setdefault(a.id, a)
        best = max(counts, key=lambda k: counts[k], default=None)
        return first[best] if best else None

    def _state_force(self, token: Token) -> bool:
        """'the army', 'government forces', 'security forces', 'troops' (no owner named);
        'army positions', 'police posts' (a compound on the force's own asset)."""
        lex = self.lexicon
        head = token.head.lemma_.lower()
        owned = head in lex.asset_nouns or head in lex.facility_nouns or (
            token.head.lower_ in lex.asset_nouns
        )
        if (token.dep_ == "compound" and not owned) or any(
            c.dep_ in ("poss", "nummod") or (c.dep_ == "det" and c.lower_ in ("a", "an"))
            for c in token.children
        ):
            return False
        mods = [c for c in token.lefts if c.dep_ in ("amod", "compound", "nmod")]
        if token.lower_ in lex.state_force_nouns or token.lemma_.lower() in lex.state_force_nouns:
            return all(c.lower_ in lex.state_force_modifiers for c in mods)
        return token.lower_ == "forces" and len(mods) == 1 and (
            mods[0].lower_ in lex.state_force_modifiers
        )

    def _only_allied(self, token: Token) -> bool:
        """'allied fighters', 'the aligned militias': qualified by nothing but their
        allegiance (no name among the modifiers, as in 'the allied Congolese army')."""
        kids = list(token.children)
        allied = any(c.dep_ == "amod" and c.lower_ in self.lexicon.allegiance_suffixes
                     and not list(c.children) for c in kids)
        return allied and not any(
            c.dep_ in ("amod", "compound", "poss") and c.i in self.by_token for c in kids
        )

    def dominant_country(self) -> Actor | None:
        """The country mentioned most often in this document (ties: the first)."""
        if self._dominant is None:
            self._dominant = (self._most_named(lambda a: a.kind in ("country", "government")),)
        return self._dominant[0]

    def all_actors(self, token: Token) -> list[Actor]:
        """Every actor a (possibly coordinated) phrase names: 'US and Ukrainian officials',
        'the foreign ministers of Russia, Iran and Turkey'."""
        found: dict[str, Actor] = {}
        for tok in _coordinated(token):
            actor = self.actor(tok)
            if actor is not None:
                found.setdefault(actor.id, actor)
            for child in tok.children:
                if child.dep_ in ("amod", "compound", "nmod") and child.i < tok.i:
                    for part in _coordinated(child):
                        m = self.by_token.get(part.i)
                        if m is not None and m.actor is not None:
                            found.setdefault(m.actor.id, m.actor)
                elif child.dep_ == "prep" and child.lower_ == "of":
                    for pobj in child.children:
                        for part in _coordinated(pobj):
                            actor = self.actor(part)
                            if actor is not None:
                                found.setdefault(actor.id, actor)
        return list(found.values())

    def coordinated_qualifiers(self, token: Token) -> list[Actor]:
        """Actors of coordinated modifiers: 'Hamas and Islamic Jihad fighters'."""
        out = []
        quals = [c for c in token.children
                 if c.dep_ in ("amod", "compound", "poss", "nmod") and c.i < token.i]
        for child in quals:
            for part in child.conjuncts:
                m = self.by_token.get(part.i)
                if m is not None and m.actor is not None:
                    out.append(m.actor)
        # "Egyptian, Syrian and Saudi forces" is often parsed as two modifiers, the
        # second with a conjunct: a comma between modifiers lists them too
        for left, right in itertools.pairwise(quals):
            if any(t.text == "," for t in token.doc[left.i + 1 : right.i]):
                for part in (left, right):
                    m = self.by_token.get(part.i)
                    if m is not None and m.actor is not None:
                        out.append(m.actor)
        return out

    def place(self, token: Token) -> Actor | None:
        """The place a noun-phrase head denotes, or None."""
        mention = self.by_token.get(token.i)
        if mention is not None:
            if mention.place is not None:
                return mention.place
            return None
        if token.lower_ in ("it", "them") and token.dep_ in ("dobj", "nsubjpass", "pobj"):
            return self.antecedent_place(token.i)
        if token.lower_ in RELATIVE_PRONOUNS:  # "Kavumu airport, which its fighters seized"
            clause = token.head
            if clause.dep_ == "relcl":
                return self.place(clause.head)
            return None
        lemma = token.lemma_.lower()
        lex = self.lexicon
        place_noun = lex.definite_references.get(lemma) == "place"
        if place_noun:
            # "the province's largest city, Idlib": the apposition names it
            for child in token.children:
                m = self.by_token.get(child.i) if child.dep_ == "appos" else None
                if m is not None and m.place is not None:
                    return m.place
        if place_noun and self._definite(token):
            # "the city of Hama" / "the Tal Rifaat region"
            for child in token.children:
                if child.dep_ in ("compound", "prep", "appos"):
                    target = child
                    if child.dep_ == "prep" and child.lower_ == "of":
                        target = next((c for c in child.children if c.dep_ == "pobj"), child)
                    m = self.by_token.get(target.i)
                    if m is not None and m.place is not None:
                        return m.place
                    if target is not child and target.pos_ == "PROPN":
                        named = self._named_place(target, m)
                        if named is not None:
                            return named
            found = self.antecedent_place(token.i, lex.place_reference_types.get(lemma))
            return found or self._facility(token)
        if token.lower_ in lex.facility_nouns and token.lower_ not in lex.vague_facility_nouns:
            found = self._facility(token)  # "Khartoum airport" is the airport, not the city
            if found is not None:
                return found
        for child in token.children:
            if child.dep_ == "compound":
                m = self.by_token.get(child.i)
                if m is not None and m.place is not None:
                    return m.place
        return self._facility(token)

    def listed_place(self, token: Token) -> Actor | None:
        """A name listed after a place noun ('the villages of A, B and C'): a place even
        when the model took it for a person, unless the dictionaries know it as an actor."""
        found = self.place(token)
        if found is None and token.pos_ == "PROPN":
            found = self._named_place(token, self.by_token.get(token.i))
        return found

    def _facility(self, token: Token) -> Actor | None:
        """'the presidential palace', 'a key base', 'ministry buildings': a place named
        by its words (without article); vague heads ("areas") need a telling modifier."""
        lex = self.lexicon
        if lex.facility_nouns.isdisjoint((token.lower_, token.lemma_.lower())):
            return None
        if token.pos_ != "NOUN" or token.dep_ == "compound":
            return None
        if token.dep_ == "nsubj" and token.head.lemma_.lower() in lex.speech_verbs:
            return None  # "the ministry said": a speaker, not a building
        for child in token.rights:
            if child.dep_ == "appos" or (child.dep_ == "prep" and child.lower_ == "including"):
                return None  # "the region's biggest city, Goma": the name says where
            if child.dep_ == "prep" and child.lower_ == "of":
                named = [p for p in child.children if p.dep_ == "pobj" and self.place(p)]
                if named:
                    return self.place(named[0])
        taken = self._taken(token)
        for child in token.lefts:
            m = self.by_token.get(child.i)
            if child.dep_ in ("poss", "amod", "compound", "nmod") and (
                (m is not None and m.actor is not None and not taken)
                or child.lower_ in lex.group_nouns
            ):
                # "the army's headquarters", "Russian positions": an actor's asset (a
                # named actor's facility that is taken is a place: "seized the SAF's base")
                return None
            if child.lower_ in lex.held_words:
                return None  # "rebel-held areas": the holder is the point
        mods = [c for c in token.lefts if c.dep_ in ("amod", "compound", "nmod")]
        telling = [c for c in mods if c.lower_ not in lex.vague_modifiers]
        if token.lower_ in lex.vague_facility_nouns and not telling:
            return None
        # the name: its telling words ("a key base" is a base), then where it is
        named = [c for c in mods if c.lower_ not in lex.facility_epithets]
        start = min((c.left_edge.i for c in named), default=token.i)
        words = self.doc[start : token.i + 1]
        if any(t.is_punct and t.text != "-" for t in words):
            return None
        name = words.text
        owner = self.facility_owner(token) if taken else None
        owner_actor = self.actor(owner) if owner is not None else None
        if owner is not None and owner_actor is not None and owner.i < start:
            name = f"{owner_actor.name} {name}"  # "the army's headquarters": whose
        name = name[0].upper() + name[1:]
        where = self._facility_location(token)
        if where is not None:
            name = f"{name} ({where.name})"  # one node per palace, not one for all of them
        return Actor(f"place:{slugify(name)}", name, "place")

    def _taken(self, token: Token) -> bool:
        """The object of a seizure verb ('seized the army's headquarters'), directly or
        through a control noun ('took control of the junta's base'): an owned facility
        is then a place that was taken, not only the owner's asset."""
        head = token.head
        if token.dep_ == "pobj" and head.lower_ in ("of", "over"):
            noun = head.head
            if noun.lemma_.lower() not in self.lexicon.control_nouns:
                return False
            token, head = noun, noun.head
        seizing = head.lemma_.lower() in self.lexicon.seizure_verbs
        return token.dep_ in ("dobj", "nsubjpass") and seizing

    def facility_owner(self, token: Token) -> Token | None:
        """The actor that owns a facility named with it: 'the army's headquarters',
        'a Tatmadaw base'."""
        if self.lexicon.facility_nouns.isdisjoint((token.lower_, token.lemma_.lower())):
            return None
        for child in token.lefts:
            if child.dep_ in ("poss", "amod", "compound", "nmod") and self.actor(child) is not None:
                return child
        return None

    def _facility_location(self, token: Token) -> Actor | None:
        """The named place a facility is in: 'the palace in Kabul', 'a base near Goma',
        'seized a base in North Darfur' (the phrase may hang on the verb)."""
        preps = ("in", "near", "outside", "at", "on", "of", "north", "south", "east", "west")
        for holder in (token, token.head):
            for child in holder.children:
                if child.dep_ != "prep" or child.lower_ not in preps:
                    continue
                for pobj in child.children:
                    found = self.place(pobj) if pobj.dep_ == "pobj" and pobj != token else None
                    if found is not None and found.id != f"place:{slugify(token.text)}":
                        return found
            if token.dep_ not in ("dobj", "pobj", "nsubjpass", "nsubj"):
                break
        return None

    def _named_place(self, token: Token, mention: Mention | None) -> Actor | None:
        """'the town of Lalibela': a name the model took for a person or a group is a
        place here, unless the dictionaries know it as an actor."""
        if mention is not None:
            if mention.actor is not None and ":" not in mention.actor.id:
                return None  # a known actor: "the city of Damascus" is handled as a place
            span = self.doc[mention.start : mention.end]
        else:
            start = min((c.i for c in token.children if c.dep_ == "compound"), default=token.i)
            span = self.doc[start : token.i + 1]
        name = clean_name(span.text, self.lexicon.title_words)
        if len(name) < 2 or not name[0].isupper():
            return None
        return Actor(f"place:{slugify(name)}", name, "place")

    def _qualified(self, token: Token, depth: int, groups_only: bool = False) -> Actor | None:
        """'Turkey's ministry', 'Russian officials', 'the Emir of Qatar, Tamim ...'.

        With `groups_only` (for nouns like "fighters"), only an armed group or
        organisation qualifies: "Hamas fighters" is Hamas, "Syrian rebels" is not Syria.
        """
        best: Actor | None = None
        for child in token.children:
            dep = child.dep_
            found: Actor | None = None
            if dep == "appos":
                found = self.actor(child, depth + 1)
                if found is not None:
                    return found
                continue
            if dep == "poss" and child.pos_ == "PRON" and token.lemma_.lower() == "counterpart":
                continue  # "his Turkish counterpart": Turkey's, not his
            if dep in ("poss", "compound", "amod", "nmod"):
                if self._after_anti(child):
                    continue  # "anti-junta militias" are not the junta
                m = self.by_token.get(child.i)
                found = m.actor if m is not None else self.actor(child, depth + 1)
                if found is None and m is None and child.pos_ == "NOUN":
                    # "rebel positions", "regime forces": a generic group in the singular
                    found = self.catalog.lookup_generic(
                        child.lemma_ + "s", self.context
                    ) or self.catalog.lookup_generic(f"{child.lemma_} forces", self.context)
            elif dep == "prep" and (
                child.lower_ == "of"
                or (child.lower_ == "from" and token.lemma_ in self.lexicon.sent_from_nouns)
            ):
                for pobj in child.children:
                    if pobj.dep_ == "pobj":
                        found = self.actor(pobj, depth + 1)
            if found is None or best is not None:
                continue
            if groups_only and found.kind not in ("armed_group", "organisation", "group"):
                continue
            best = found
        if best is None and token.lower_ in self.lexicon.force_nouns:
            best = self._loyal_to(token, depth)
        if best is not None and best.kind == "country" and any(
            c.dep_ == "amod" and c.lower_ in self.lexicon.looking_forward_words
            for c in token.children
        ):
            # "Syria's new leader", "the interim Nigerien government": the latest regime
            best = self.catalog.find(self.catalog.latest_holder(best.id)) or best
        return best

    def _after_anti(self, token: Token) -> bool:
        """'anti-junta', 'anti - Houthi': the word is what the phrase is against."""
        doc = self.doc
        if token.lower_.startswith("anti-"):
            return True
        return token.i >= 2 and doc[token.i - 2].lower_ in ("anti", "counter") and (
            doc[token.i - 1].text in ("-", "‑", "–")
        )

    def _led_by(self, token: Token) -> Actor | None:
        """'US-led forces', 'Russian-commanded troops': the leader named before the suffix."""
        for child in token.lefts:
            if child.lower_ not in self.lexicon.leader_suffixes:
                continue
            for mod in child.lefts:
                m = self.by_token.get(mod.i)
                if m is not None and m.actor is not None:
                    return m.actor
        for child in token.rights:  # "the militia, led by the Lebanese group Hezbollah"
            if child.dep_ == "acl" and child.lower_ in self.lexicon.leader_suffixes:
                for agent in child.children:
                    if agent.dep_ == "agent":
                        for pobj in agent.children:
                            if pobj.dep_ == "pobj":
                                return self.actor(pobj, 1)
        return None

    def _event_agent(self, token: Token, depth: int, look_back: bool = True) -> Actor | None:
        """An event noun that is a clause's subject stands for its agent: 'Israeli strikes
        killed ...', 'an offensive by HTS took Aleppo', 'a rebel push took the city'."""
        for child in token.children:
            if child.dep_ == "prep" and (
                child.lower_ == "by" or (child.lower_ == "of" and _agent_phrase(token))
            ):  # "an offensive by HTS"; "killed by an air strike of the regime's forces"
                for pobj in child.children:
                    if pobj.dep_ == "pobj":
                        return self.actor(pobj, depth + 1)
            if child.dep_ == "acl" and child.tag_ == "VBN" and (
                child.lemma_.lower() in self.lexicon.light_verbs
            ):  # "the ambush, claimed by JNIM, killed ..."
                for prep in child.children:
                    for pobj in prep.children if prep.lower_ == "by" else ():
                        if pobj.dep_ == "pobj":
                            return self.actor(pobj, depth + 1)
        for child in token.lefts:
            if child.dep_ not in ("poss", "amod", "compound", "nmod"):
                continue
            m = self.by_token.get(child.i)
            if m is not None:
                if m.actor is not None:
                    return m.actor
                continue
            if child.lower_ in self.lexicon.bare_armed_nouns or (
                child.lemma_.lower() + "s" in self.lexicon.bare_armed_nouns
            ):
                return self.dominant_group()  # "a rebel push", "jihadist attacks"
            if child.lower_ in self.lexicon.leader_suffixes:
                led = self._led_by(token)
                if led is not None:
                    return led
        if look_back and self._definite(token):
            return self._event_antecedent(token, depth)  # "the strikes killed ..."
        return None

    def _event_antecedent(self, token: Token, depth: int) -> Actor | None:
        """'the attack' after 'Russian drones attacked Odesa', 'the strikes' after 'Israeli
        strikes on Tyre': the agent of the latest earlier event of the same word in this
        or the two sentences before, a noun (its agent) or a verb (its subject)."""
        lemma = token.lemma_.lower()
        start = token.sent.start
        for _ in range(2):
            if start > 0:
                start = self.doc[start - 1].sent.start
        for prev in reversed(self.doc[start : token.i]):
            if prev.lemma_.lower() != lemma:
                continue
            found: Actor | None = None
            if prev.pos_ in ("NOUN", "PROPN"):
                found = self._event_agent(prev, depth + 1, look_back=False)
            elif prev.pos_ == "VERB":
                found = next(
                    (self.actor(c, depth + 1) for c in prev.children if c.dep_ == "nsubj"), None
                )
            if found is not None:
                return found
        return None

    def _coup_makers(self, token: Token, depth: int) -> Actor | None:
        """'the coup in Myanmar', 'Niger's coup', 'the coup': the country's own armed
        forces, or the regime the coup brought to power (regimes.yaml)."""
        country: Actor | None = None
        for child in token.children:
            if child.dep_ in ("poss", "compound", "amod", "nmod"):
                country = self.actor(child, depth + 1)
            elif child.dep_ == "prep" and child.lower_ == "in":
                country = next((self.actor(p, depth + 1) for p in child.children
                                if p.dep_ == "pobj"), None)
            if country is not None:
                break
        if country is None and any(c.dep_ == "det" and c.lower_ == "the" for c in token.children):
            country = self.dominant_country()
        if country is None or country.kind != "country":
            return None
        forces = self.catalog.forces_of(country.id)
        if forces is not None:
            return forces
        holder = self.catalog.latest_holder(country.id)
        return self.catalog.find(holder) if holder != country.id else None

    def _loyal_to(self, token: Token, depth: int) -> Actor | None:
        """'forces loyal to Haftar': Haftar's forces (militias loyal to X stay their own)."""
        for child in token.children:
            if child.dep_ == "amod" and child.lower_ == "loyal":
                for prep in child.children:
                    if prep.dep_ == "prep" and prep.lower_ == "to":
                        for pobj in prep.children:
                            if pobj.dep_ == "pobj":
                                return self.actor(pobj, depth + 1)
        return None

    @staticmethod
    def _definite(token: Token) -> bool:
        return any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in token.children)

    def _pronoun(self, token: Token, depth: int = 0) -> Actor | None:
        lower = token.lower_
        if lower in RELATIVE_PRONOUNS:
            # "Turkey, which has backed ..." -> the noun the relative clause modifies.
            clause = token.head
            while clause.dep_ not in ("relcl", "ROOT") and clause.head is not clause:
                clause = clause.head
            if clause.dep_ == "relcl":
                return self.actor(list_antecedent(token) or clause.head, depth + 1)
            return None
        head = token.head
        if token.dep_ == "poss" and head.dep_ == "conj" and head.head.i < token.i:
            # "Congolese troops and their Burundian allies": the first conjunct's
            found = self.actor(head.head, depth + 1)
            if found is not None:
                return found
        if token.dep_ == "poss" and head.dep_ == "pobj" and head.head.dep_ == "prep":
            owner = head.head.head
            if owner.pos_ in ("VERB", "AUX"):  # "support Syrian forces in their fight"
                owner = next((c for c in owner.children if c.dep_ == "dobj"), owner)
            if owner.pos_ in ("NOUN", "PROPN") and owner.i < token.i and lower in PLURAL_PRONOUNS:
                # "Syrian forces in their fight against IS": the noun the phrase modifies
                found = self.actor(owner, depth + 1)
                if found is not None:
                    return found
        if lower in PERSON_PRONOUNS:
            return self.antecedent(token.i, "person")
        if lower in THING_PRONOUNS:
            return self.antecedent(token.i, "country", "group")
        if lower in PLURAL_PRONOUNS:
            # "the Syrian forces in their fight": states' forces are plural too
            return self.antecedent(token.i, "group", "country")
        if lower in FIRST_PERSON:
            return self._quoted_speaker(token, depth)
        return None

    def _quoted_speaker(self, token: Token, depth: int = 0) -> Actor | None:
        """'"We continue to support Assad," a Kremlin spokesman said', 'The SDF said: "We
        will ..."': we = the speaker. A quote standing alone after a sentence whose verb
        is one of saying or vowing ('Hezbollah vowed revenge. "Our forces will ..."')
        is that sentence's subject's."""
        sent = token.sent
        speech = self.lexicon.speech_verbs
        if sent.root.lemma_.lower() in speech:
            speaker = sent.root
        elif sent.start > 0 and sent[0].text in _QUOTES:
            speaker = self.doc[sent.start - 1].sent.root
            if speaker.lemma_.lower() not in speech | self.lexicon.threat_governors:
                return None
        else:
            return None
        for sub in speaker.children:
            if sub.dep_ == "nsubj" and sub.lower_ not in FIRST_PERSON:
                return self.actor(sub, depth + 1)
        return None

    def antecedent(self, before: int, *classes: str) -> Actor | None:
        """The actor a pronoun or definite description at `before` refers to.

        The subject of the sentence's main clause wins when it comes first and
        fits; otherwise the latest fitting actor mentioned before.
        """
        token = self.doc[before]
        sent = token.sent
        # "the militia", "the insurgents" never refer back to a state's own army
        skip = self.catalog.state_forces if self._non_state(token) else set()
        found = self._sentence_subject(sent, before, classes)
        if found is not None and found.id not in skip and not _in_root_clause(token):
            return found
        if sent.start > 0 and not self._fits_between(sent.start, before, classes):
            # Nothing fitting earlier in this sentence: the previous sentence's subject.
            previous = self.doc[sent.start - 1].sent
            found = self._sentence_subject(previous, sent.start, classes)
            if found is not None and found.id not in skip:
                return found
        pos = bisect.bisect_left(self._starts, before) - 1
        limit = max(pos - 12, -1)
        while pos > limit:
            actor = self.mentions[pos].actor
            if actor is not None and KIND_CLASS.get(actor.kind) in classes and (
                actor.id not in skip
            ):
                return actor
            pos -= 1
        return None

    def _non_state(self, token: Token) -> bool:
        bare = self.lexicon.bare_armed_nouns
        lemma = token.lemma_.lower()
        return token.lower_ in bare or lemma + "s" in bare or lemma in ("militia", "rebel")

    def _fits_between(self, start: int, end: int, classes: tuple[str, ...]) -> bool:
        lo = bisect.bisect_left(self._starts, start)
        hi = bisect.bisect_left(self._starts, end)
        return any(
            (a := self.mentions[i].actor) is not None and KIND_CLASS.get(a.kind) in classes
            for i in range(lo, hi)
        )

    def _sentence_subject(self, sent: Span, before: int, classes: tuple[str, ...]) -> Actor | None:
        for sub in sent.root.children:
            if sub.dep_ in ("nsubj", "nsubjpass") and sub.i < before:
                m = self.by_token.get(sub.i)
                if m is not None:
                    actor = m.actor
                elif sub.pos_ == "NOUN" and self._definite(sub) and not self._in_subject:
                    # "The group said it would ...": whom the group is (not re-entered)
                    self._in_subject = True
                    try:
                        actor = self.actor(sub, 2)
                    finally:
                        self._in_subject = False
                else:
                    actor = None
                if actor is not None and KIND_CLASS.get(actor.kind) in classes:
                    return actor
        return None

    def antecedent_place(self, before: int, types: frozenset[str] | None = None) -> Actor | None:
        """The latest place mentioned before `before`; with `types`, one of those types
        ("the city" skips a province), places of unknown type always fitting."""
        pos = bisect.bisect_left(self._starts, before) - 1
        limit = max(pos - 12, -1)
        while pos > limit:
            place = self.mentions[pos].place
            if place is not None:
                kind = self.catalog.place_type(place.id)
                if types is None or kind is None or kind in types:
                    return place
            pos -= 1
        return None


def _in_root_clause(token: Token) -> bool:
    """A definite description in the main clause itself (or a subjectless clause under
    it): it does not name the main clause's subject, which would be a pronoun there
    ("the US sent troops to Israel to bolster the country's defences": Israel).
    Pronouns, and descriptions in a clause of their own ("Iran said the country
    would respond"), may."""
    if token.pos_ == "PRON":
        return False
    cur = token
    while cur.dep_ != "ROOT" and cur.head is not cur:
        cur = cur.head
        if cur.dep_ != "ROOT" and cur.pos_ in ("VERB", "AUX") and any(
            c.dep_ in ("nsubj", "nsubjpass", "csubj") for c in cur.children
        ):
            return False
    return True


_PARTY_KINDS = frozenset({"country", "government", "armed_group"})
_OFFICE = re.compile(
    r"^(?:the )?(?:(?:foreign|defen[cs]e|interior|presidential|press) )*"
    r"(?:ministry|office|department|council|service|secretariat|cabinet|presidency"
    r"|general staff|high command|joint chiefs)\b",
    re.I,
)


_NAMES_OLD_REGIME = re.compile(r"assad|regime|former", re.I)


def _agent_phrase(token: Token) -> bool:
    """'killed by an air strike', 'killed in Israeli strikes': an event noun after a
    passive verb's 'by' or 'in' stands for the one who acted."""
    prep = token.head
    if token.dep_ != "pobj" or prep.lower_ not in ("by", "in", "during"):
        return False
    verb = prep.head
    return verb.tag_ == "VBN" and (
        prep.dep_ == "agent" or any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children)
    )


def _coordinated(token: Token) -> list[Token]:
    return [token, *token.conjuncts] if token.dep_ != "conj" else [token]


def _phrase_group(words: Span) -> Actor:
    """A group named by its own phrase ("Hutu militants", "Kigali-backed fighters"): the
    same words give the same group throughout a document."""
    name = words.text
    return Actor(f"group:{slugify(name)}", name[0].upper() + name[1:], "armed_group")


def _looks_armed(name: str, lex: Lexicon) -> bool:
    return not lex.armed_name_words.isdisjoint(name.lower().replace("-", " ").split())
