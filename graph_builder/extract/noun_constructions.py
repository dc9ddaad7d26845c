"""Event-noun constructions (registered functions named by `lexical.yaml`).

"Iran's support for Assad", "the fall of Aleppo to the rebels", "talks between A and B".
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from spacy.tokens import Span, Token

from graph_builder.extract.candidate import Candidate, Side
from graph_builder.extract.context import RuleContext
from graph_builder.extract.frames import (
    OBJECT_DEPS,
    children,
    governing_verb,
    prep_objects,
    verb_subjects,
)
from graph_builder.extract.lexical import lexical
from graph_builder.extract.lexicon import NounFrame


@lexical("noun")
def noun(ctx: RuleContext, noun: Token, key: str, sent: Span) -> Iterator[Candidate]:
    """An event noun of the lexicon, once for each of its frames."""
    for frame in ctx.lex.nouns[key]:
        relation = frame.relation
        if relation == "seized" and key == "control":
            continue  # handled with its verb ("took control of")
        agents, agent_rule, objects = _noun_sides(ctx, noun, frame)
        confidence = 0.75 if agent_rule != "verb" else 0.65
        if relation == "seized":
            objects = ctx.places(objects)
        elif key in ("strike", "airstrike", "attack", "bombardment", "shelling", "raid"):
            objects = [o for o in objects if not ctx.is_place(o)]
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
            yield from ctx.among(agents, noun, rule + "-among", confidence)
        # "fighting between A and B", "talks between A and B"
        for prep, pobj in prep_objects(noun, frame.mutual_preps):
            if relation == "met_with" and prep == "with":
                continue
            parties: Sequence[Side] = [pobj, *pobj.conjuncts]
            if prep == "between" and len(parties) == 1:
                # "talks between Ethiopian and Somali officials"
                parties = ctx.mentions.all_actors(pobj)
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

@lexical("mutual_support")
def mutual_support(
    ctx: RuleContext, noun: Token, lemma: str, sent: Span
) -> Iterator[Candidate]:
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

def _noun_sides(
    ctx: RuleContext, noun: Token, frame: NounFrame
) -> tuple[list[Token] | tuple[list[Token], list[Token]], str, list[Token]]:
    """(agents, how the agent was found, objects) of an event noun."""
    lex = ctx.lex
    objects: list[Token] = []
    agent_preps = set(frame.agent_preps)
    object_preps = set(frame.object_preps)
    # "Sunday's attack": a date is no owner
    poss = [p for p in children(noun, "poss") if p.ent_type_ not in ("DATE", "TIME")]
    verb = governing_verb(noun, lex)
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
        objects += _held_objects(ctx, noun)
        if verb is not None and not objects:  # "... offensive into regime-held territory"
            objects += _held_objects(ctx, verb)
        if noun.lemma_.lower() in lex.criticism_nouns:
            objects = [t for o in objects for t in ctx.stand_ins(o)]
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
        assert verb is not None
        subs, _ = verb_subjects(verb, ctx.lex)  # "received a call from X": X -> the receiver
        objects = [t for sub in subs for t in ctx.stand_ins(sub)]
    if not agents:
        for child in noun.children:
            if child.dep_ in ("amod", "compound", "nmod") and child.i < noun.i:
                m = ctx.mentions.mention_at(child)
                if m is not None and m.actor is not None:
                    agents.append(child)
    if noun.dep_ == "pobj" and noun.head.lower_ == "under" and verb is not None:
        # "Aleppo's airport came under attack from HTS": the subject is the target
        givers = agents or [p for _, p in prep_objects(verb, {"from", "by"})]
        if givers:
            subs, _ = verb_subjects(verb, ctx.lex)
            return (subs, givers), "received", objects
    if not agents:
        # "the attack was claimed by ISWAP", "the ambush, claimed by JNIM, ...": the
        # agent of a passive light verb is the agent of the event
        passives = [c for c in noun.children if c.dep_ == "acl" and c.tag_ == "VBN"]
        if verb is not None and noun.dep_ == "nsubjpass":
            passives.append(verb)
        agents = [
            p for v in passives if v.lemma_.lower() in lex.light_verbs
            for _, p in prep_objects(v, {"by"})
        ]
    if not agents and verb is not None:
        vlemma = verb.lemma_.lower()
        if vlemma in lex.receiving_verbs:
            givers = [p for _, p in prep_objects(noun, {"from"})]
            givers += [p for _, p in prep_objects(verb, {"from"})]
            if givers:
                subs, _ = verb_subjects(verb, ctx.lex)
                subs = [t for sub in subs for t in ctx.stand_ins(sub)]
                return (subs, givers), "received", objects
        in_support = noun.dep_ == "pobj" and noun.head.lower_ in ("in", "as", "through")
        if in_support and not objects:  # "acting in solidarity with Hamas"
            objects += [p for _, p in prep_objects(verb, object_preps - {"of"})]
        if vlemma in lex.light_verbs or in_support:
            subs, _steps = verb_subjects(verb, ctx.lex)
            agents = subs
            how = "verb"
            if vlemma in ("give", "promise", "offer", "provide", "send", "lend", "extend"):
                objects += children(verb, "dative")
                objects += [p for _, p in prep_objects(verb, {"to"})]
    return agents, how, objects

def _held_objects(ctx: RuleContext, noun: Token) -> list[Token]:
    """'offensive into regime-held territory' -> the regime."""
    targets = prep_objects(noun, {"into", "on", "against", "in"})
    return [holder for _, pobj in targets for holder in ctx.held_by(pobj)]
