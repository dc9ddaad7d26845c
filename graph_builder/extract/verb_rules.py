"""Verb frames: active, passive, phrasal and light verbs; giving, ties, 'fell to'."""

from __future__ import annotations

from collections.abc import Callable, Iterator

from spacy.tokens import Token

from graph_builder.extract.candidate import Candidate
from graph_builder.extract.frames import (
    OBJECT_DEPS,
    PASSIVE_SUBJECT_DEPS,
    children,
    prep_objects,
)
from graph_builder.extract.lexicon import Lexicon, VerbFrame
from graph_builder.extract.mentions import MentionIndex


class VerbRules:
    """Rules whose cue is a verb (mixed into `rules.Rules`)."""

    lex: Lexicon
    mentions: MentionIndex
    # Provided by `rules.Rules` and `noun_rules.NounRules`:
    _subjects: Callable[[Token], tuple[list[Token], int]]
    _stand_ins: Callable[..., list[Token]]
    _meetable: Callable[[Token], bool]
    _is_place: Callable[[Token], bool]
    _held_by: Callable[[Token], list[Token]]
    _among: Callable[[list[Token], Token, str, float], Iterator[Candidate]]
    _places: Callable[[list[Token]], list[Token]]

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
        lemma = verb.lemma_.lower()
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
                if verb.pos_ not in (
                    "VERB",
                    "AUX",
                ):  # mis-tagged headline verb: "rebels storm Aleppo"
                    objects += [c for c in children(verb, "npadvmod") if c.pos_ == "PROPN"]
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
        if relation == "opposes" and lemma in self.lex.physical_attack_verbs:
            objects = [o for o in objects if not self._is_place(o)]
            # "struck rebel-held areas": the holder of the area
            objects += [h for o in objects for h in self._held_by(o)]
        if relation == "met_with" and not objects and lemma in self.lex.mutual_meeting_verbs:
            # "Lavrov and Fidan met", "the foreign ministers of Russia, Iran and Turkey met"
            yield from self._among(subjects, verb, f"verb-mutual:{lemma}", confidence)
            return
        for sub in subjects:
            for obj in objects:
                yield Candidate(relation, sub, obj, verb, rule, confidence, mutual=frame.mutual)
        if (
            relation == "met_with"
            and lemma in self.lex.mutual_meeting_verbs
            and prep_objects(verb, {"with"})
        ):
            # "Kagame and Tshisekedi met in Doha with the Emir": the subjects met too.
            yield from self._among(subjects, verb, f"verb-mutual:{lemma}", confidence)
        if relation == "seized" and lemma in ("seize", "take", "wrest", "capture", "regain"):
            # "seized control from US-allied Kurdish forces": taking from someone opposes them.
            for _, loser in prep_objects(verb, {"from"}):
                for sub in subjects:
                    yield Candidate("opposes", sub, loser, verb, f"verb-from:{lemma}", 0.6)

    def giving(self, verb: Token, lemma: str) -> Iterator[Candidate]:
        """'Iran supplies weapons to the Houthis'; 'Ukraine receives weapons from Germany'."""
        goods = []
        receivers = []  # "Russia provided Mali with weapons"
        for obj in children(verb, *OBJECT_DEPS):
            if obj.lower_ in self.lex.quantity_nouns:  # "hundreds of drones"
                obj = next((p for _, p in prep_objects(obj, {"of"})), obj)
            if self._supply(obj) or obj.ent_type_ == "MONEY":  # "$60 billion"
                goods.append(obj)
                # "500 million euros in military aid to Ukraine"
                goods += [p for _, p in prep_objects(obj, {"in"}) if self._supply(p)]
            else:
                receivers.append(obj)
        with_goods = [p for _, p in prep_objects(verb, {"with"}) if self._supply(p)]
        if not with_goods:
            receivers = []
        if not goods and not receivers:
            return
        subjects, _steps = self._subjects(verb)
        if lemma in self.lex.giving_verbs:
            takers = children(verb, "dative") + [p for _, p in prep_objects(verb, {"to"})]
            takers += [p for g in goods for _, p in prep_objects(g, {"to"})] + receivers
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

    def _supply(self, token: Token) -> bool:
        supply = self.lex.supply_nouns
        return token.lemma_.lower() in supply or token.lower_ in supply

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

    def _lone_place(self, verb: Token) -> list[Token]:
        sent = verb.sent
        places: dict[str, Token] = {}
        for tok in sent:
            m = self.mentions.mention_at(tok)
            if m is not None and m.place is not None and m.actor is None:
                places.setdefault(m.place.id, tok)
        return list(places.values()) if len(places) == 1 else []

    def lost_to(self, verb: Token) -> Iterator[Candidate]:
        """'The junta lost control of Lashio to the MNDAA': the winner seized it."""
        objects = children(verb, *OBJECT_DEPS, *PASSIVE_SUBJECT_DEPS)
        places: list[Token] = []
        for obj in objects:
            if obj.lemma_.lower() in self.lex.control_nouns:
                places += self._places([p for _, p in prep_objects(obj, {"of", "over"})])
            else:
                places += self._places([obj])
        for _, winner in prep_objects(verb, {"to"}):
            for place in places:
                yield Candidate("seized", winner, place, verb, "verb:lose-to", 0.8)

    def fall(self, verb: Token) -> Iterator[Candidate]:
        """'Aleppo fell to the rebels'."""
        places = [s for s in children(verb, "nsubj") if self._is_place(s)]
        for _, winner in prep_objects(verb, {"to"}):
            for place in places:
                yield Candidate("seized", winner, place, verb, "verb:fall-to", 0.8)
