"""Relation rules over the dependency parse of one sentence.

Each rule looks at a cue token (a verb, a noun, a role noun, an adjective or a
hyphenated modifier, all from the lexicon) and yields `Candidate`s naming the
tokens (or actors) on each side. Resolution to actors, coordination,
modality and dates are applied afterwards, in `extractor.py`.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from spacy.tokens import Span, Token

from graph_builder.extract.frames import (
    OBJECT_DEPS,
    PASSIVE_SUBJECT_DEPS,
    children,
    expand,
    governing_verb,
    is_hyphen,
    prep_objects,
    verb_subjects,
)
from graph_builder.extract.lexicon import Lexicon, VerbFrame
from graph_builder.extract.mentions import MentionIndex, slugify
from graph_builder.models import Actor

# Verbs of physical attack: their object, when it is a city, is a place, not a government.
PHYSICAL = frozenset(
    {
        "strike",
        "bomb",
        "shell",
        "hit",
        "pound",
        "bombard",
        "raid",
        "besiege",
        "storm",
        "overrun",
        "encircle",
        "blockade",
        "attack",
        "target",
        "fire",
        "invade",
        "assault",
    }
)
# Verbs that mean meeting only when their object is an actor that can be met.
MEETABLE_KINDS = frozenset({"person", "country", "government", "organisation", "armed_group"})
CRITICISM_NOUNS = frozenset(
    {"condemnation", "criticism", "denunciation", "rebuke", "censure", "protest"}
)
# "the outskirts of Hama" is not Hama.
PARTIAL_PLACES = frozenset(
    {
        "outskirt",
        "outskirts",
        "edge",
        "edges",
        "suburb",
        "suburbs",
        "part",
        "parts",
        "countryside",
        "approach",
        "approaches",
        "gate",
        "gates",
        "vicinity",
        "periphery",
        "capital",
        "neighbourhood",
        "neighborhood",
    }
)
MUTUAL_MEETING = frozenset({"meet", "talk", "speak", "confer", "negotiate"})
HELD = frozenset({"held", "controlled", "occupied", "run", "dominated"})

Side = Token | Actor


@dataclass(slots=True)
class Candidate:
    """A relation found by a rule, before its sides are resolved to actors."""

    relation: str
    subject: Side
    object: Side
    trigger: Token
    rule: str
    confidence: float
    mutual: bool = False  # also the reverse direction (optional edge)


class Rules:
    """All rules for one document (they share its mention index)."""

    def __init__(self, lexicon: Lexicon, mentions: MentionIndex) -> None:
        self.lex = lexicon
        self.mentions = mentions

    def sentence(self, sent: Span) -> Iterator[Candidate]:
        lex = self.lex
        for token in sent:
            lower = token.lower_
            lemma = lex.irregular.get(lower) or token.lemma_.lower()
            pos = token.pos_
            verbish = pos in ("VERB", "AUX") or (pos == "NOUN" and token.tag_ in ("VBG", "VBN"))
            if not verbish and lemma in lex.verbs and pos in ("ADV", "ADP", "NOUN", "ADJ"):
                # The small model sometimes tags "back" in "Russia and Iran back Assad" as ADV.
                verbish = any(c.dep_ == "nsubj" for c in token.children) and any(
                    c.dep_ in ("dobj", "prep") for c in token.children
                )
            if verbish and not (token.tag_ == "VBG" and children(token, "poss")):
                frames = lex.verbs.get(lemma)
                if frames:
                    yield from self.verb(token, frames)
                if lemma == "fall":
                    yield from self.fall(token)
                if lemma in lex.ties_verbs:
                    yield from self.ties(token)
                if lemma in lex.giving_verbs or lemma in lex.receiving_verbs:
                    yield from self.giving(token, lemma)
            nounish = pos in ("NOUN", "PROPN") or (
                token.tag_ == "VBG" and any(c.dep_ == "poss" for c in token.children)
            )
            if nounish and not self.mentions.mention_at(token):
                key = lemma if lemma in lex.nouns else lower
                if key in lex.nouns:
                    yield from self.noun(token, key)
                if lemma in lex.mutual_support_nouns:
                    yield from self.mutual_support(token)
                is_role = lemma in lex.role_nouns or lemma in lex.reverse_role_nouns
                role = lemma if is_role else lower
                if role in lex.role_nouns or role in lex.reverse_role_nouns:
                    yield from self.role(token, role)
            if (pos == "ADJ" or lower in lex.adjectives) and lower in lex.adjectives:
                yield from self.adjective(token)
            if lower in lex.modifier_suffixes and token.i > sent.start + 1:
                yield from self.suffix_modifier(token)
            elif lower in lex.modifier_prefixes or lower.split("-")[0] in lex.modifier_prefixes:
                yield from self.prefix_modifier(token, sent)

    # -- verbs -------------------------------------------------------------------

    def verb(self, verb: Token, frames: list[VerbFrame]) -> Iterator[Candidate]:
        particles = {c.lower_ for c in verb.children if c.dep_ in ("prt", "prep", "advmod")}
        if verb.i + 1 < len(verb.doc):
            particles.add(verb.nbor(1).lower_)
        for frame in frames:
            if frame.particle and frame.particle not in particles:
                continue
            if not frame.particle and frame.relation == "opposes" and particles & {"up"}:
                continue  # "back up" etc. are fine, but "take up" is not a seizure
            yield from self._verb_frame(verb, frame)

    def _verb_frame(self, verb: Token, frame: VerbFrame) -> Iterator[Candidate]:
        relation = frame.relation
        lemma = self.lex.irregular.get(verb.lower_) or verb.lemma_.lower()
        passive = bool(children(verb, *PASSIVE_SUBJECT_DEPS)) or any(
            c.dep_ == "auxpass" for c in verb.children
        )
        objects: list[Token] = []
        if passive:
            subjects = [p for _, p in prep_objects(verb, {"by"})]
            objects = children(verb, *PASSIVE_SUBJECT_DEPS)
            if verb.dep_ == "acl" and not objects:
                objects = [verb.head]  # "militias backed by Iran": the noun is the object
            rule = f"verb-passive:{lemma}"
            confidence = 0.8
        else:
            subjects, steps = self._subjects(verb)
            if verb.dep_ == "acl" and verb.tag_ == "VBN":
                # "militias backed by Iran" (acl without auxpass)
                agents = [p for _, p in prep_objects(verb, {"by"})]
                if agents:
                    yield from (
                        Candidate(relation, a, verb.head, verb, f"verb-passive:{lemma}", 0.8)
                        for a in agents
                    )
                return
            if not frame.requires_prep:
                objects = children(verb, *OBJECT_DEPS)
            rule = f"verb:{lemma}"
            confidence = 0.85 - 0.07 * steps
        if frame.preps:
            objects += [p for _, p in prep_objects(verb, frame.preps)]
            # "defended the dam against X", "spoke by telephone with X": the
            # preposition often hangs on the object or on a means phrase.
            for obj in children(verb, *OBJECT_DEPS):
                objects += [p for _, p in prep_objects(obj, frame.preps - {"with"})]
            for _, means in prep_objects(verb, {"by", "via", "over", "on"}):
                objects += [p for _, p in prep_objects(means, frame.preps)]
        if relation == "seized":
            objects = self._seized_objects(verb, objects)
        elif lemma in self.lex.criticism_verbs or relation == "opposes":
            # "condemned the Israeli strikes", "repelled an attack by the SNA"
            objects = [
                t
                for o in objects
                for t in self._stand_ins(
                    o, events_only=relation != "opposes" or lemma not in self.lex.criticism_verbs
                )
            ]
        if lemma in self.lex.ties_verbs:
            return
        if relation == "met_with" and lemma in ("receive", "host", "welcome", "call", "visit"):
            if lemma == "call":
                # "called Lavrov" (often parsed as oprd); not "called X a terrorist".
                predicates = children(verb, "oprd", "xcomp", "ccomp")
                if objects and predicates:
                    return
                objects = objects or predicates
                if prep_objects(verb, {"on", "for"}) and not objects:
                    return
            objects = [o for o in objects if self._meetable(o)]
        if relation == "opposes" and lemma in PHYSICAL:
            objects = [o for o in objects if not self._is_place(o)]
        if relation == "met_with" and not objects and lemma in MUTUAL_MEETING:
            # "Lavrov and Fidan met", "the foreign ministers of Russia, Iran and Turkey met"
            yield from self._among(subjects, verb, f"verb-mutual:{lemma}", confidence)
            return
        for sub in subjects:
            for obj in objects:
                yield Candidate(relation, sub, obj, verb, rule, confidence, mutual=frame.mutual)
        if relation == "met_with" and lemma in MUTUAL_MEETING and prep_objects(verb, {"with"}):
            # "Kagame and Tshisekedi met in Doha with the Emir": the subjects met too.
            yield from self._among(subjects, verb, f"verb-mutual:{lemma}", confidence)
        if relation == "seized" and lemma in ("seize", "take", "wrest", "capture", "regain"):
            # "seized control from US-allied Kurdish forces": taking from someone opposes them.
            for _, loser in prep_objects(verb, {"from"}):
                for sub in subjects:
                    yield Candidate("opposes", sub, loser, verb, f"verb-from:{lemma}", 0.6)

    def _subjects(self, verb: Token) -> tuple[list[Token], int]:
        """Subjects of a verb; an unresolvable controller falls back to its own subject.

        "Putin ordered commanders to drive Ukrainian forces out": the commanders are
        nobody we know, so Putin.
        """
        subjects, steps = verb_subjects(verb)
        if subjects and all(
            self.mentions.actor(t) is None for s in subjects for t in expand(s)
        ):
            first = subjects[0]
            if first.dep_ in OBJECT_DEPS and first.head.pos_ == "VERB":
                more, extra = verb_subjects(first.head)
                if more:
                    return more, steps + extra
        return subjects, steps

    def _among(self, sides: list[Token], trigger: Token, rule: str, confidence: float):
        """Pairs among the actors of one coordinated side (who met each other)."""
        parties: dict[str, Actor] = {}
        for side in sides:
            for actor in self.mentions.all_actors(side):
                parties.setdefault(actor.id, actor)
        found = list(parties.values())
        for i, a in enumerate(found):
            for b in found[i + 1 :]:
                yield Candidate("met_with", a, b, trigger, rule, confidence)

    def _stand_ins(self, obj: Token, events_only: bool = False) -> list[Token]:
        """'condemned the Israeli strikes': an action stands for its agent.

        With `events_only`, only event nouns ("an attack by X") are replaced.
        """
        if self.mentions.actor(obj) is not None:
            return [obj]
        if events_only and obj.lemma_.lower() not in self.lex.nouns:
            return [obj]
        out = [
            c
            for c in obj.children
            if c.dep_ in ("poss", "amod", "compound") and self.mentions.actor(c) is not None
        ]
        if not out:
            out = [p for _, p in prep_objects(obj, {"by"})]
        return out or [obj]

    def giving(self, verb: Token, lemma: str) -> Iterator[Candidate]:
        """'Iran supplies weapons to the Houthis'; 'Ukraine receives weapons from Germany'."""
        goods = []
        for obj in children(verb, *OBJECT_DEPS):
            if obj.lower_ in self.lex.quantity_nouns:  # "hundreds of drones"
                obj = next((p for _, p in prep_objects(obj, {"of"})), obj)
            if obj.lemma_.lower() in self.lex.supply_nouns or obj.lower_ in self.lex.supply_nouns:
                goods.append(obj)
        if not goods:
            return
        subjects, _steps = self._subjects(verb)
        if lemma in self.lex.giving_verbs:
            takers = children(verb, "dative") + [p for _, p in prep_objects(verb, {"to"})]
            takers = [t for t in takers if not self._is_place(t)]
            for sub in subjects:
                for taker in takers:
                    yield Candidate("supports", sub, taker, verb, f"verb-give:{lemma}", 0.8)
        if lemma in self.lex.receiving_verbs:
            givers = [p for _, p in prep_objects(verb, {"from"})]
            givers += [p for g in goods for _, p in prep_objects(g, {"from"})]
            for giver in givers:
                for sub in subjects:
                    yield Candidate("supports", giver, sub, verb, f"verb-receive:{lemma}", 0.75)

    def ties(self, verb: Token) -> Iterator[Candidate]:
        """'Mali severed diplomatic relations with Ukraine'."""
        for obj in children(verb, *OBJECT_DEPS):
            if obj.lemma_.lower() not in self.lex.ties_nouns:
                continue
            others = [p for _, p in prep_objects(obj, {"with"})]
            others += [p for _, p in prep_objects(verb, {"with"})]
            subjects, _steps = self._subjects(verb)
            for sub in subjects:
                for other in others:
                    yield Candidate("opposes", sub, other, verb, "verb:cut-ties", 0.75)

    def _seized_objects(self, verb: Token, objects: list[Token]) -> list[Token]:
        """Places seized: direct objects, or 'control of X'; else a lone place nearby."""
        out: list[Token] = []
        for obj in objects:
            if obj.lemma_.lower() in self.lex.control_nouns and verb.lemma_.lower() in (
                self.lex.control_verbs
            ):
                inner = [p for _, p in prep_objects(obj, {"of", "over"})]
                inner += [p for _, p in prep_objects(verb, {"of", "over"})]
                if inner:
                    out.extend(self._places(inner))
                else:
                    out.extend(self._lone_place(verb))
            else:
                out.extend(self._places([obj]))
        return out

    def _places(self, tokens: list[Token]) -> list[Token]:
        """Tokens that name places: directly, through 'including ...' lists, or
        'the towns of Talbiseh and Rastan', 'the Syrian side of Mount Hermon'."""
        out: list[Token] = []
        for tok in tokens:
            if self._is_place(tok) or self._has_listed_place(tok):
                out.append(tok)
            elif tok.lemma_.lower() not in PARTIAL_PLACES:
                out.extend(p for _, p in prep_objects(tok, {"of"}) if self._is_place(p))
        return out

    def _lone_place(self, verb: Token) -> list[Token]:
        sent = verb.sent
        places = {}
        for tok in sent:
            m = self.mentions.mention_at(tok)
            if m is not None and m.place is not None and m.actor is None:
                places.setdefault(m.place.id, tok)
        return list(places.values()) if len(places) == 1 else []

    def _has_listed_place(self, token: Token) -> bool:
        """'critical areas, including Aleppo': a list that names a place."""
        for child in token.children:
            if child.dep_ == "prep" and child.lower_ in ("including", "like", "as"):
                return any(self._is_place(p) for p in child.children if p.dep_ == "pobj")
        return False

    def _is_place(self, token: Token) -> bool:
        return self.mentions.place(token) is not None

    def _meetable(self, token: Token) -> bool:
        actor = self.mentions.actor(token)
        return actor is not None and actor.kind in MEETABLE_KINDS

    def fall(self, verb: Token) -> Iterator[Candidate]:
        """'Aleppo fell to the rebels'."""
        places = [s for s in children(verb, "nsubj") if self._is_place(s)]
        for _, winner in prep_objects(verb, {"to"}):
            for place in places:
                yield Candidate("seized", winner, place, verb, "verb:fall-to", 0.8)

    # -- nouns -------------------------------------------------------------------

    def noun(self, noun: Token, key: str) -> Iterator[Candidate]:
        for frame in self.lex.nouns[key]:
            relation = frame.relation
            if relation == "seized" and key == "control":
                continue  # handled with its verb ("took control of")
            agents, agent_rule, objects = self._noun_sides(noun, frame)
            confidence = 0.75 if agent_rule != "verb" else 0.65
            if relation == "seized":
                objects = self._places(objects)
            elif key in ("strike", "airstrike", "attack", "bombardment", "shelling", "raid"):
                objects = [o for o in objects if not self._is_place(o)]
            rule = f"noun:{key}"
            if isinstance(agents, tuple):  # receiving verbs swap the sides
                beneficiaries, givers = agents
                for giver in givers:
                    for ben in beneficiaries:
                        yield Candidate(relation, giver, ben, noun, rule + "-received", 0.7)
                continue
            for agent in agents:
                for obj in objects:
                    yield Candidate(relation, agent, obj, noun, rule, confidence)
            if relation == "met_with" and agents and not objects:
                yield from self._among(agents, noun, rule + "-among", confidence)
            # "fighting between A and B", "talks between A and B"
            for prep, pobj in prep_objects(noun, frame.mutual_preps):
                if relation == "met_with" and prep == "with":
                    continue
                parties = [pobj, *pobj.conjuncts]
                if prep == "with":
                    if relation != "opposes" or not agents:
                        continue
                    for agent in agents:
                        for party in parties:
                            yield Candidate(
                                relation, agent, party, noun, rule + "-with", 0.6, mutual=True
                            )
                    continue
                for i, a in enumerate(parties):
                    for b in parties[i + 1 :]:
                        yield Candidate(
                            relation,
                            a,
                            b,
                            noun,
                            rule + "-between",
                            0.75 if relation == "met_with" else 0.55,
                            mutual=relation == "opposes",
                        )

    def mutual_support(self, noun: Token) -> Iterator[Candidate]:
        """'the alliance between Mali and Russia', 'Russia's partnership with Iran'."""
        sides = [p for _, p in prep_objects(noun, {"between"})]
        parties = [t for side in sides for t in (side, *side.conjuncts)]
        partners = [p for _, p in prep_objects(noun, {"with"})]
        owners = children(noun, "poss")
        for owner in owners:
            parties.append(owner)
            for partner in partners:
                parties.append(partner)
        for i, a in enumerate(parties):
            for b in parties[i + 1 :]:
                yield Candidate("supports", a, b, noun, "noun-mutual:alliance", 0.7, mutual=True)

    def _noun_sides(self, noun: Token, frame) -> tuple:
        """(agents, how the agent was found, objects) of an event noun."""
        lex = self.lex
        objects: list[Token] = []
        agent_preps = set(frame.agent_preps)
        object_preps = set(frame.object_preps)
        poss = children(noun, "poss")
        verb = governing_verb(noun, lex.quantity_nouns)
        if noun.lemma_.lower() in lex.of_is_agent or noun.lower_ in lex.of_is_agent:
            object_preps.discard("of")
            agent_preps.add("of")
        # "with the support of Russia": "of" names the agent.
        if (
            "of" in object_preps
            and frame.relation == "supports"
            and not poss
            and noun.dep_ == "pobj"
            and noun.head.lower_ in ("with", "thanks")
            and not prep_objects(noun, {"for", "to"})
        ):
            object_preps.discard("of")
            agent_preps.add("of")
        for _, pobj in prep_objects(noun, object_preps):
            objects.append(pobj)
        if verb is not None and noun.dep_ == "dobj" and not objects:
            # "carried out airstrikes on Houthi targets": the preposition hangs on the verb.
            objects += [p for _, p in prep_objects(verb, object_preps - {"of", "to", "with"})]
        for child in noun.children:
            if child.dep_ in ("acl", "relcl") and child.lemma_ in ("target", "against"):
                objects += children(child, *OBJECT_DEPS)
        if frame.relation == "opposes":
            objects += self._held_objects(noun)
            if verb is not None and not objects:  # "... offensive into regime-held territory"
                objects += self._held_objects(verb)
            if noun.lemma_.lower() in CRITICISM_NOUNS:
                objects = [t for o in objects for t in self._stand_ins(o)]
        agents: list[Token] = list(poss)
        agents += [p for _, p in prep_objects(noun, agent_preps)]
        if not agents:
            # "the capture of Sudzha by Ukrainian forces": "by" often hangs on the object.
            agents = [p for o in objects for _, p in prep_objects(o, {"by"})]
        if frame.relation == "seized" and noun.lower_ == "fall":
            agents = [p for _, p in prep_objects(noun, {"to"})]
        how = "noun"
        received = verb is not None and verb.lemma_.lower() in lex.receiving_verbs
        if agents and not objects and received and noun.dep_ == "dobj" and not poss:
            subs, _ = verb_subjects(verb)  # "received a call from X": X -> the receiver
            objects = [t for sub in subs for t in self._stand_ins(sub)]
        if not agents:
            for child in noun.children:
                if child.dep_ in ("amod", "compound", "nmod") and child.i < noun.i:
                    m = self.mentions.mention_at(child)
                    if m is not None and m.actor is not None:
                        agents.append(child)
        if noun.dep_ == "pobj" and noun.head.lower_ == "under" and verb is not None:
            # "Aleppo's airport came under attack from HTS": the subject is the target
            givers = agents or [p for _, p in prep_objects(verb, {"from", "by"})]
            if givers:
                subs, _ = verb_subjects(verb)
                return (subs, givers), "received", objects
        if not agents and verb is not None:
            vlemma = verb.lemma_.lower()
            if vlemma in lex.receiving_verbs:
                givers = [p for _, p in prep_objects(noun, {"from"})]
                givers += [p for _, p in prep_objects(verb, {"from"})]
                if givers:
                    subs, _ = verb_subjects(verb)
                    subs = [t for sub in subs for t in self._stand_ins(sub)]
                    return (subs, givers), "received", objects
            in_support = noun.dep_ == "pobj" and noun.head.lower_ in ("in", "as", "through")
            if in_support and not objects:  # "acting in solidarity with Hamas"
                objects += [p for _, p in prep_objects(verb, object_preps - {"of"})]
            if vlemma in lex.light_verbs or in_support:
                subs, _steps = verb_subjects(verb)
                agents = subs
                how = "verb"
                if vlemma in ("give", "promise", "offer", "provide", "send", "lend", "extend"):
                    objects += children(verb, "dative")
                    objects += [p for _, p in prep_objects(verb, {"to"})]
        return agents, how, objects

    def _held_objects(self, noun: Token) -> list[Token]:
        """'offensive into regime-held territory' -> the regime."""
        out = []
        doc = noun.doc
        for _, pobj in prep_objects(noun, {"into", "on", "against", "in"}):
            for tok in doc[pobj.left_edge.i : pobj.i]:
                if tok.lower_ in HELD and tok.i >= 2 and is_hyphen(doc[tok.i - 1]):
                    out.append(doc[tok.i - 2])
        return out

    # -- roles, adjectives, modifiers --------------------------------------------

    def role(self, noun: Token, key: str) -> Iterator[Candidate]:
        """'Russia, a key ally of Assad', 'his allies, Russia and Iran', 'X is Y's backer'."""
        reverse = key in self.lex.reverse_role_nouns
        relation = self.lex.reverse_role_nouns[key] if reverse else self.lex.role_nouns[key]
        targets = children(noun, "poss") + [p for _, p in prep_objects(noun, {"of", "to"})]
        if not targets:
            targets = [
                c
                for c in noun.children
                if c.dep_ in ("amod", "compound") and self.mentions.mention_at(c) is not None
            ]
        if not targets:
            return
        holders: list[Token] = []
        if noun.dep_ == "appos":
            holders.append(noun.head)
        holders += children(noun, "appos")
        if noun.dep_ == "oprd":  # "calls X a puppet of Rwanda": X
            holders += children(noun.head, *OBJECT_DEPS)
        elif noun.dep_ == "attr" or (noun.dep_ == "pobj" and noun.head.lower_ == "as"):
            verb = noun.head if noun.dep_ != "pobj" else noun.head.head
            holders += children(verb, "nsubj", "nsubjpass")
        if noun.dep_ == "conj" and noun.head.dep_ == "appos":
            holders.append(noun.head.head)
        for holder in holders:
            for target in targets:
                if reverse:
                    yield Candidate(relation, target, holder, noun, f"role-reverse:{key}", 0.75)
                else:
                    yield Candidate(relation, holder, target, noun, f"role:{key}", 0.8)

    def adjective(self, adj: Token) -> Iterator[Candidate]:
        """'militias loyal to Assad', 'groups aligned with Iran'."""
        relation, preps = self.lex.adjectives[adj.lower_]
        targets = [p for _, p in prep_objects(adj, preps)]
        if not targets:
            return
        if adj.dep_ in ("amod", "acl") or (adj.dep_ == "appos"):
            holders = [adj.head]
        elif adj.dep_ in ("acomp", "oprd"):
            holders = children(adj.head, "nsubj", "nsubjpass")
        else:
            holders = []
        for holder in holders:
            for target in targets:
                yield Candidate(relation, holder, target, adj, f"adjective:{adj.lower_}", 0.8)

    def suffix_modifier(self, token: Token) -> Iterator[Candidate]:
        """'<X>-backed <group>': X supports the group."""
        hyphen = token.nbor(-1)
        if not is_hyphen(hyphen):
            return
        sponsor = self._modifier_actor(token.nbor(-2), before=True)
        if sponsor is None:
            return
        head = self._modified_noun(token)
        if head is None:
            return
        relation = self.lex.modifier_suffixes[token.lower_]
        group = self._modified_group(head, token.nbor(-2))
        if group is not None and group != sponsor:
            yield Candidate(relation, sponsor, group, token, f"modifier:{token.lower_}", 0.8)

    def prefix_modifier(self, token: Token, sent: Span) -> Iterator[Candidate]:
        """'pro-<X> <group>' supports X; 'anti-<X> <group>' opposes X."""
        lower = token.lower_
        if "-" in lower and len(lower) > 4:  # one token "pro-Assad"
            prefix, _, _rest = lower.partition("-")
            target = self.mentions.catalog.lookup(token.text.partition("-")[2])
            if target is None:
                target = self.mentions.catalog.lookup_adjective(token.text.partition("-")[2])
            name_tok = token
        else:
            prefix = lower
            if token.i + 2 >= sent.end or not is_hyphen(token.nbor(1)):
                return
            name_tok = token.nbor(2)
            target = self._modifier_actor(name_tok, before=False)
        if target is None or prefix not in self.lex.modifier_prefixes:
            return
        relation = self.lex.modifier_prefixes[prefix]
        head = self._modified_noun(name_tok)
        if head is None or head.i <= name_tok.i:
            return
        group = self._modified_group(head, token)
        if group is not None and group != target:
            yield Candidate(relation, group, target, token, f"modifier:{prefix}", 0.8)
        elif group is None and head.lemma_.lower() in self.lex.nouns:
            # "the SDF continued counter-ISIS operations": the operation's agent
            verb = governing_verb(head, self.lex.quantity_nouns)
            agents = children(head, "poss") or (verb_subjects(verb)[0] if verb is not None else [])
            for agent in agents:
                yield Candidate(relation, agent, target, token, f"modifier-event:{prefix}", 0.7)

    def _modifier_actor(self, token: Token, before: bool) -> Actor | None:
        """The actor named inside a hyphenated modifier ('Turkish', 'US', 'Assad')."""
        m = self.mentions.mention_at(token)
        inside = m is not None and (m.end == token.i + 1 if before else m.start == token.i)
        if m is not None and inside and m.actor is not None:
            return m.actor
        catalog = self.mentions.catalog
        actor = catalog.lookup_adjective(token.text) or catalog.lookup(token.text)
        if actor is not None and actor.kind != "place":
            return actor
        return None

    def _modified_noun(self, token: Token) -> Token | None:
        """The noun a modifier token describes: up the tree, else the next noun."""
        cur = token
        for _ in range(3):
            if cur.pos_ in ("NOUN", "PROPN") and cur.i > token.i:
                return cur
            if cur.dep_ in ("amod", "compound", "npadvmod", "punct", "nmod", "advmod"):
                cur = cur.head
            else:
                break
        if cur.pos_ in ("NOUN", "PROPN") and cur.i > token.i:
            return cur
        for nxt in token.doc[token.i + 1 : min(token.i + 5, len(token.doc))]:
            if nxt.pos_ in ("NOUN", "PROPN"):
                if nxt.dep_ == "compound" and nxt.head.i > nxt.i:
                    return nxt.head
                return nxt
            if nxt.pos_ not in ("ADJ", "PUNCT", "PROPN", "NOUN", "ADV", "VERB"):
                break
        return None

    def _modified_group(self, head: Token, modifier_start: Token) -> Actor | None:
        """The actor a modified noun phrase denotes: a known or generic one
        ("Turkish-backed rebels" is the SNA), else a new group named by the phrase."""
        m = self.mentions.mention_at(head)
        if m is not None and m.actor is not None:
            covers_name = m.start <= modifier_start.i + 2
            generic = self.mentions.catalog.is_generic_phrase(head.doc[m.start : m.end].text)
            if generic or not covers_name:
                return m.actor
        lemma = head.lemma_.lower()
        if lemma not in self.lex.group_nouns and head.lower_ not in self.lex.group_nouns:
            return None
        if m is None:
            found = self.mentions.actor(head)
            if found is not None:
                return found
        words = head.doc[modifier_start.i : head.i + 1].text
        name = words[0].upper() + words[1:]
        return Actor(f"group:{slugify(name)}", name, "group")
