"""Verb constructions: active, passive, phrasal and light verbs; giving, ties, 'fell to'.

Registered functions named by `lexical.yaml`; each takes the document's `RuleContext`,
the cue token, the word it matched and its sentence.
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Span, Token

from graph_builder.extract.candidate import Candidate
from graph_builder.extract.context import RuleContext
from graph_builder.extract.frames import (
    OBJECT_DEPS,
    PASSIVE_SUBJECT_DEPS,
    children,
    prep_objects,
)
from graph_builder.extract.lexical import lexical
from graph_builder.extract.lexicon import VerbFrame


@lexical("verb")
def verb(ctx: RuleContext, verb: Token, lemma: str, sent: Span) -> Iterator[Candidate]:
    """A verb of the lexicon, once for each of its frames whose particle is present."""
    particles = {c.lower_ for c in verb.children if c.dep_ in ("prt", "prep", "advmod")}
    if verb.i + 1 < len(verb.doc):
        particles.add(verb.nbor(1).lower_)
    for frame in ctx.lex.verbs[lemma]:
        if frame.particle and frame.particle not in particles:
            continue
        if not frame.particle and frame.relation == "opposes" and particles & {"up"}:
            continue  # "back up" etc. are fine, but "take up" is not a seizure
        yield from _verb_frame(ctx, verb, frame)

def _verb_frame(ctx: RuleContext, verb: Token, frame: VerbFrame) -> Iterator[Candidate]:
    relation = frame.relation
    lemma = verb.lemma_.lower()
    passive = bool(children(verb, *PASSIVE_SUBJECT_DEPS)) or any(
        c.dep_ == "auxpass" for c in verb.children
    )
    objects: list[Token] = []
    if passive:
        subjects = [p for _, p in prep_objects(verb, {"by"})]
        # "killed in Israeli strikes": the event stands for the one who struck
        subjects += [p for _, p in prep_objects(verb, {"in", "during"})
                     if p.lemma_.lower() in ctx.lex.agent_event_nouns
                     or p.lower_ in ctx.lex.agent_event_nouns]
        objects = children(verb, *PASSIVE_SUBJECT_DEPS)
        if verb.dep_ == "acl" and not objects:
            objects = [verb.head]  # "militias backed by Iran": the noun is the object
        rule = f"verb-passive:{lemma}"
        confidence = 0.8
    else:
        subjects, steps = ctx.subjects(verb)
        if verb.dep_ == "acl" and verb.tag_ == "VBN":
            # "militias backed by Iran", "parts of Kursk seized by Ukraine" (acl
            # without auxpass): the noun is the object
            agents = [p for _, p in prep_objects(verb, {"by"})]
            heads = [verb.head]
            if relation == "seized":
                heads = _seized_objects(ctx, verb, heads)
            for agent in agents:
                for head in heads:
                    yield Candidate(relation, agent, head, verb, f"verb-passive:{lemma}", 0.8)
            return
        if not frame.requires_prep:
            objects = children(verb, *OBJECT_DEPS)
            if not objects and _object_gap(ctx, verb):
                objects = [verb.head]  # "the rebels it supports"
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
    taken = objects
    if relation == "seized":
        objects = _seized_objects(ctx, verb, objects)
    elif lemma in ctx.lex.criticism_verbs or relation == "opposes":
        # "condemned the Israeli strikes", "repelled an attack by the SNA"
        objects = [
            t
            for o in objects
            for t in ctx.stand_ins(
                o, events_only=relation != "opposes" or lemma not in ctx.lex.criticism_verbs
            )
        ]
    if lemma in ctx.lex.ties_verbs:
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
        objects = [o for o in objects if ctx.meetable(o)]
    if relation == "opposes" and lemma in ctx.lex.physical_attack_verbs:
        objects = [o for o in objects if not ctx.is_place(o)]
        # "struck rebel-held areas": the holder of the area
        objects += [h for o in objects for h in ctx.held_by(o)]
    if relation == "met_with" and not objects and lemma in ctx.lex.mutual_meeting_verbs:
        # "Lavrov and Fidan met", "the foreign ministers of Russia, Iran and Turkey met"
        yield from ctx.among(subjects, verb, f"verb-mutual:{lemma}", confidence)
        return
    for sub in subjects:
        for obj in objects:
            yield Candidate(relation, sub, obj, verb, rule, confidence, mutual=frame.mutual)
    if (
        relation == "met_with"
        and lemma in ctx.lex.mutual_meeting_verbs
        and prep_objects(verb, {"with"})
    ):
        # "Kagame and Tshisekedi met in Doha with the Emir": the subjects met too.
        yield from ctx.among(subjects, verb, f"verb-mutual:{lemma}", confidence)
    if relation == "seized":
        losers: list[Token] = []
        if lemma in ("seize", "take", "wrest", "capture", "regain"):
            # "seized control from US-allied Kurdish forces": taking from someone opposes
            # them; "seized an airbase from the army": the preposition may hang on the place
            losers += [p for _, p in prep_objects(verb, {"from"})]
            losers += [
                p for o in children(verb, *OBJECT_DEPS) for _, p in prep_objects(o, {"from"})
            ]
        # "overran the army's headquarters": taking an actor's facility opposes it
        losers += [o for o in (ctx.mentions.facility_owner(p) for p in taken) if o is not None]
        for loser in losers:
            for sub in subjects:
                yield Candidate("opposes", sub, loser, verb, f"verb-from:{lemma}", 0.6)

@lexical("giving")
def giving(ctx: RuleContext, verb: Token, lemma: str, sent: Span) -> Iterator[Candidate]:
    """'Iran supplies weapons to the Houthis'; 'Ukraine receives weapons from Germany'."""
    goods = []
    receivers = []  # "Russia provided Mali with weapons"
    for obj in children(verb, *OBJECT_DEPS):
        if obj.lower_ in ctx.lex.quantity_nouns:  # "hundreds of drones"
            obj = next((p for _, p in prep_objects(obj, {"of"})), obj)
        if _supply(ctx, obj) or obj.ent_type_ == "MONEY":  # "$60 billion"
            goods.append(obj)
            # "500 million euros in military aid to Ukraine"
            goods += [p for _, p in prep_objects(obj, {"in"}) if _supply(ctx, p)]
        else:
            receivers.append(obj)
    with_goods = [p for _, p in prep_objects(verb, {"with"}) if _supply(ctx, p)]
    if not with_goods:
        receivers = []
    if not goods and not receivers:
        return
    subjects, _steps = ctx.subjects(verb)
    if lemma in ctx.lex.giving_verbs:
        takers = children(verb, "dative") + [p for _, p in prep_objects(verb, {"to"})]
        takers += [p for g in goods for _, p in prep_objects(g, {"to"})] + receivers
        takers = [t for t in takers if not ctx.is_place(t)]
        for sub in subjects:
            for taker in takers:
                yield Candidate("supports", sub, taker, verb, f"verb-give:{lemma}", 0.8)
    if lemma in ctx.lex.receiving_verbs:
        givers = [p for _, p in prep_objects(verb, {"from"})]
        givers += [p for g in goods for _, p in prep_objects(g, {"from"})]
        for giver in givers:
            for sub in subjects:
                yield Candidate("supports", giver, sub, verb, f"verb-receive:{lemma}", 0.75)

def _supply(ctx: RuleContext, token: Token) -> bool:
    supply = ctx.lex.supply_nouns
    return token.lemma_.lower() in supply or token.lower_ in supply

@lexical("ties")
def ties(ctx: RuleContext, verb: Token, lemma: str, sent: Span) -> Iterator[Candidate]:
    """'Mali severed diplomatic relations with Ukraine'."""
    for obj in children(verb, *OBJECT_DEPS):
        if obj.lemma_.lower() not in ctx.lex.ties_nouns:
            continue
        others = [p for _, p in prep_objects(obj, {"with"})]
        others += [p for _, p in prep_objects(verb, {"with"})]
        subjects, _steps = ctx.subjects(verb)
        for sub in subjects:
            for other in others:
                yield Candidate("opposes", sub, other, verb, "verb:cut-ties", 0.75)

def _seized_objects(ctx: RuleContext, verb: Token, objects: list[Token]) -> list[Token]:
    """Places seized: direct objects, or 'control of X'; else a lone place nearby."""
    out: list[Token] = []
    for obj in objects:
        if obj.lemma_.lower() in ctx.lex.control_nouns and verb.lemma_.lower() in (
            ctx.lex.control_verbs
        ):
            inner = [p for _, p in prep_objects(obj, {"of", "over"})]
            inner += [p for _, p in prep_objects(verb, {"of", "over"})]
            if inner:
                out.extend(ctx.places(inner))
            else:
                out.extend(_lone_place(ctx, verb))
        else:
            out.extend(ctx.places([obj]))
    return out

def _lone_place(ctx: RuleContext, verb: Token) -> list[Token]:
    sent = verb.sent
    places: dict[str, Token] = {}
    for tok in sent:
        m = ctx.mentions.mention_at(tok)
        if m is not None and m.place is not None and m.actor is None:
            places.setdefault(m.place.id, tok)
    return list(places.values()) if len(places) == 1 else []

@lexical("lost_to")
def lost_to(ctx: RuleContext, verb: Token, lemma: str, sent: Span) -> Iterator[Candidate]:
    """'The junta lost control of Lashio to the MNDAA': the winner seized it."""
    objects = children(verb, *OBJECT_DEPS, *PASSIVE_SUBJECT_DEPS)
    places: list[Token] = []
    for obj in objects:
        if obj.lemma_.lower() in ctx.lex.control_nouns:
            places += ctx.places([p for _, p in prep_objects(obj, {"of", "over"})])
        else:
            places += ctx.places([obj])
    for _, winner in prep_objects(verb, {"to"}):
        for place in places:
            yield Candidate("seized", winner, place, verb, "verb:lose-to", 0.8)

@lexical("fall")
def fall(ctx: RuleContext, verb: Token, lemma: str, sent: Span) -> Iterator[Candidate]:
    """'Aleppo fell to the rebels'."""
    places = [s for s in children(verb, "nsubj") if ctx.is_place(s)]
    for _, winner in prep_objects(verb, {"to"}):
        for place in places:
            yield Candidate("seized", winner, place, verb, "verb:fall-to", 0.8)


def _object_gap(ctx: RuleContext, verb: Token) -> bool:
    """'the rebels it supports': a relative clause whose object is the noun it modifies
    (its own subject is not a relative pronoun, and it has no object of its own)."""
    if verb.dep_ != "relcl" or verb.head.pos_ not in ("NOUN", "PROPN"):
        return False
    subjects = children(verb, "nsubj")
    return bool(subjects) and all(s.tag_ not in ("WDT", "WP") for s in subjects)


@lexical("rid")
def rid(ctx: RuleContext, verb: Token, lemma: str, sent: Span) -> Iterator[Candidate]:
    """'freed Kherson from the occupiers', 'cleared Bakhmut of Ukrainian units': the
    subject opposes whom it rids the place of, and takes the place."""
    preps = ctx.lex.ridding_verbs[lemma]
    objects = children(verb, *OBJECT_DEPS)
    held = [p for _, p in prep_objects(verb, preps)]
    held += [p for o in objects for _, p in prep_objects(o, preps)]
    holders = [t for t in held if not ctx.is_place(t) and ctx.mentions.actor(t) is not None]
    if not holders:
        return
    # with no object, the subject is what is freed: "Dessie liberated from the TPLF"
    bare_passive = not objects and not children(verb, "aux")
    if children(verb, *PASSIVE_SUBJECT_DEPS) or bare_passive:
        subjects = [p for _, p in prep_objects(verb, {"by"})]
        places = ctx.places(children(verb, *PASSIVE_SUBJECT_DEPS, "nsubj"))
    else:
        subjects, _steps = ctx.subjects(verb)
        places = ctx.places(objects)
    for sub in (s for s in subjects if not ctx.is_place(s)):
        for holder in holders:
            yield Candidate("opposes", sub, holder, verb, f"verb-rid:{lemma}", 0.75)
        if lemma not in ctx.lex.verbs:  # "free", "liberate" take places as verbs do
            for place in dict.fromkeys(places):
                yield Candidate("seized", sub, place, verb, f"verb-rid:{lemma}", 0.75)


@lexical("expel")
def expel(ctx: RuleContext, verb: Token, lemma: str, sent: Span) -> Iterator[Candidate]:
    """'drove the SDF out of Ras al-Ain', 'was driven from Mosul by Iraqi forces',
    'expelled al-Shabaab from Bulo Burde': whoever drives them out takes the place."""
    outs = [c for c in verb.children if c.lower_ == "out"]
    sources = [p for _, p in prep_objects(verb, {"from", "of"} if outs else {"from"})]
    sources += [p for out in outs for _, p in prep_objects(out, {"of", "from"})]
    places = ctx.places(sources)
    if not places:
        return
    passive = bool(children(verb, *PASSIVE_SUBJECT_DEPS)) or (
        verb.dep_ == "acl" and verb.tag_ == "VBN"  # "the MNLA, routed from Gao in June"
    )
    if passive:
        subjects = [p for _, p in prep_objects(verb, {"by"})]
    else:
        subjects, _steps = ctx.subjects(verb)
    for sub in subjects:
        for place in dict.fromkeys(places):
            yield Candidate("seized", sub, place, verb, f"verb-expel:{lemma}", 0.75)
