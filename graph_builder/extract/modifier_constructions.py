"""Role, adjective and hyphenated-modifier constructions (registered functions named by
`lexical.yaml`).

"Russia, a key ally of Assad", "militias loyal to Assad", "Turkish-backed rebels".
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Span, Token

from graph_builder.extract.candidate import Candidate
from graph_builder.extract.context import RuleContext
from graph_builder.extract.frames import (
    OBJECT_DEPS,
    children,
    governing_verb,
    is_hyphen,
    prep_objects,
    verb_subjects,
)
from graph_builder.extract.lexical import lexical
from graph_builder.extract.mentions import slugify
from graph_builder.models import Actor


@lexical("role")
def role(ctx: RuleContext, noun: Token, key: str, sent: Span) -> Iterator[Candidate]:
    """'Russia, a key ally of Assad', 'his allies, Russia and Iran', 'X is Y's backer'."""
    reverse = key in ctx.lex.reverse_role_nouns
    relation = ctx.lex.reverse_role_nouns[key] if reverse else ctx.lex.role_nouns[key]
    targets = children(noun, "poss") + [p for _, p in prep_objects(noun, {"of", "to"})]
    if not targets:
        targets = [
            c
            for c in noun.children
            if c.dep_ in ("amod", "compound") and ctx.mentions.mention_at(c) is not None
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
    if noun.dep_ == "pobj" and noun.head.lower_ == "of":
        # "Poland, one of Kyiv's staunchest backers"; "Iran is one of Assad's allies"
        share = noun.head.head
        if share.pos_ == "NUM" or share.lower_ in ctx.lex.quantity_nouns:
            if share.dep_ == "appos":
                holders.append(share.head)
            elif share.dep_ == "attr":
                holders += children(share.head, "nsubj")
    if not holders and not reverse and children(noun, "poss"):
        # "Congolese troops and their Burundian allies", "Iran's Iraqi proxies"
        holders = [
            c for c in noun.children
            if c.dep_ in ("amod", "compound") and c not in targets
            and ctx.mentions.mention_at(c) is not None
        ]
    for holder in holders:
        for target in targets:
            if reverse:
                yield Candidate(relation, target, holder, noun, f"role-reverse:{key}", 0.75)
            else:
                yield Candidate(relation, holder, target, noun, f"role:{key}", 0.8)

@lexical("adjective")
def adjective(ctx: RuleContext, adj: Token, key: str, sent: Span) -> Iterator[Candidate]:
    """'militias loyal to Assad', 'groups aligned with Iran'."""
    relation, preps = ctx.lex.adjectives[adj.lower_]
    targets = [p for _, p in prep_objects(adj, preps)]
    if not targets:
        return
    if adj.dep_ in ("amod", "acl") or (adj.dep_ == "appos"):
        holders = [adj.head]
    elif adj.dep_ in ("acomp", "oprd"):
        holders = children(adj.head, "nsubj", "nsubjpass")
    else:  # "the YPG is aligned with the PKK", parsed as a passive verb
        holders = children(adj, "nsubj", "nsubjpass")
    for holder in holders:
        for target in targets:
            yield Candidate(relation, holder, target, adj, f"adjective:{adj.lower_}", 0.8)

@lexical("allied_conjunct")
def allied_conjunct(
    ctx: RuleContext, adj: Token, key: str, sent: Span
) -> Iterator[Candidate]:
    """'Turkish troops and the allied SNA', 'Ugandan soldiers and the allied Congolese
    army': the allied conjunct supports the first one. A bare 'allied militias' names
    nobody, so it gives no edge."""
    if list(adj.children):
        return
    if adj.dep_ == "amod" and adj.head.dep_ == "conj":
        noun, first = adj.head, adj.head.head
        while first.dep_ == "conj":
            first = first.head
    elif adj.dep_ == "conj" and adj.head.dep_ in ("nmod", "compound", "amod") and (
        adj.head.head.i > adj.i
    ):  # parsed as "[Houthis and allied] fighters"
        noun, first = adj.head.head, adj.head
    else:
        return
    partner = ctx.mentions.actor(first)
    if partner is None or partner.kind == "place":
        return
    group = ctx.mentions.actor(noun)  # a bare "allied fighters" resolves to no one
    if group is not None and group != partner:
        rule = f"conjunct:{adj.lower_}"
        if _proxy(partner, group):  # "Turkish forces and the allied SNA": Turkey's proxy
            yield Candidate("supports", partner, group, adj, rule, 0.75)
        else:
            yield Candidate("supports", group, partner, adj, rule, 0.75)


def _proxy(state: Actor, group: Actor) -> bool:
    """A state's allied armed group is its proxy: the state supports it."""
    return state.kind == "country" and group.kind == "armed_group"

@lexical("suffix_modifier")
def suffix_modifier(
    ctx: RuleContext, token: Token, key: str, sent: Span
) -> Iterator[Candidate]:
    """'<X>-backed <group>': X supports the group; '<X>-aligned <group>': the group
    supports X."""
    hyphen = token.nbor(-1)
    if not is_hyphen(hyphen):
        return
    sponsor = _modifier_actor(ctx, token.nbor(-2), before=True)
    if sponsor is None:
        return
    head = _modified_noun(ctx, token)
    if head is None:
        return
    relation = ctx.lex.modifier_suffixes[token.lower_]
    group = _modified_group(ctx, head, token.nbor(-2))
    if group is None or group == sponsor:
        return
    rule = f"modifier:{token.lower_}"
    # "RSF-allied militias" and "Kremlin-friendly parties" side with X; a state's allied
    # armed group is its proxy ("US-allied Kurdish forces", "Iran-aligned militias")
    if token.lower_ in ctx.lex.allegiance_suffixes and not _proxy(sponsor, group):
        yield Candidate(relation, group, sponsor, token, rule, 0.8)
    else:
        yield Candidate(relation, sponsor, group, token, rule, 0.8)

@lexical("prefix_modifier")
def prefix_modifier(
    ctx: RuleContext, token: Token, key: str, sent: Span
) -> Iterator[Candidate]:
    """'pro-<X> <group>' supports X; 'anti-<X> <group>' opposes X."""
    lower = token.lower_
    if "-" in lower and len(lower) > 4:  # one token "pro-Assad"
        prefix, _, _rest = lower.partition("-")
        target = ctx.mentions.catalog.lookup(token.text.partition("-")[2])
        if target is None:
            target = ctx.mentions.catalog.lookup_adjective(token.text.partition("-")[2])
        name_tok = token
    else:
        prefix = lower
        if token.i + 2 >= sent.end or not is_hyphen(token.nbor(1)):
            return
        name_tok = token.nbor(2)
        target = _modifier_actor(ctx, name_tok, before=False)
    if target is None or prefix not in ctx.lex.modifier_prefixes:
        return
    relation = ctx.lex.modifier_prefixes[prefix]
    head = _modified_noun(ctx, name_tok)
    if head is None or head.i <= name_tok.i:
        return
    group = _modified_group(ctx, head, token)
    if group is not None and group != target:
        yield Candidate(relation, group, target, token, f"modifier:{prefix}", 0.8)
    elif group is None and head.lemma_.lower() in ctx.lex.nouns:
        # "the SDF continued counter-ISIS operations": the operation's agent
        verb = governing_verb(head, ctx.lex)
        agents = children(head, "poss") or (
            verb_subjects(verb, ctx.lex)[0] if verb is not None else []
        )
        for agent in agents:
            yield Candidate(relation, agent, target, token, f"modifier-event:{prefix}", 0.7)

def _modifier_actor(ctx: RuleContext, token: Token, before: bool) -> Actor | None:
    """The actor named inside a hyphenated modifier ('Turkish', 'US', 'Assad')."""
    m = ctx.mentions.mention_at(token)
    inside = m is not None and (m.end == token.i + 1 if before else m.start == token.i)
    if m is not None and inside and m.actor is not None:
        return m.actor
    catalog = ctx.mentions.catalog
    actor = catalog.lookup_adjective(token.text) or catalog.lookup(token.text)
    if actor is not None and actor.kind != "place":
        return actor
    return None

def _modified_noun(ctx: RuleContext, token: Token) -> Token | None:
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

def _modified_group(ctx: RuleContext, head: Token, modifier_start: Token) -> Actor | None:
    """The actor a modified noun phrase denotes: a known or generic one
    ("Turkish-backed rebels" is the SNA), else a new group named by the phrase."""
    m = ctx.mentions.mention_at(head)
    if m is not None and m.actor is not None:
        covers_name = m.start <= modifier_start.i + 2
        generic = ctx.mentions.catalog.is_generic_phrase(head.doc[m.start : m.end].text)
        if generic or not covers_name:
            return m.actor
    lemma = head.lemma_.lower()
    if lemma not in ctx.lex.group_nouns and head.lower_ not in ctx.lex.group_nouns:
        return None
    if m is None:
        found = ctx.mentions.actor(head)
        if found is not None:
            return found
    words = head.doc[modifier_start.i : head.i + 1].text
    name = words[0].upper() + words[1:]
    return Actor(f"group:{slugify(name)}", name, "group")
