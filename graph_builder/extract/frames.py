"""Syntactic helpers shared by the relation constructions: arguments, subjects, expansion."""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Token

from graph_builder.extract.lexicon import Lexicon

SUBJECT_DEPS = frozenset({"nsubj", "csubj"})
PASSIVE_SUBJECT_DEPS = frozenset({"nsubjpass", "csubjpass"})
OBJECT_DEPS = frozenset({"dobj", "obj"})
LIST_PREPS = frozenset({"including", "like", "notably", "especially", "particularly"})


def children(token: Token, *deps: str) -> list[Token]:
    return [c for c in token.children if c.dep_ in deps]


def prep_objects(token: Token, preps: frozenset[str] | set[str]) -> list[tuple[str, Token]]:
    """`(preposition, object)` pairs for prepositions in `preps` attached to `token`."""
    out = []
    for child in token.children:
        if child.dep_ in ("prep", "agent", "dative") and child.lower_ in preps:
            for pobj in child.children:
                if pobj.dep_ in ("pobj", "pcomp"):
                    out.append((child.lower_, pobj))
    return out


def expand(token: Token) -> Iterator[Token]:
    """The token, its coordinated conjuncts and the members of 'including ...' lists.

    A relative pronoun stands for its whole antecedent list when the clause agrees
    with a plural: "Kenya, Uganda and Burundi, which are fighting al-Shabaab".
    """
    seen: set[int] = set()
    stack = [list_antecedent(token) or token]
    while stack:
        tok = stack.pop()
        if tok.i in seen:
            continue
        seen.add(tok.i)
        yield tok
        stack.extend(c for c in tok.children if c.dep_ == "conj")
        for child in tok.children:
            if child.dep_ == "prep" and (
                child.lower_ in LIST_PREPS
                or (child.lower_ == "as" and child.nbor(-1).lower_ == "such")
            ):
                stack.extend(c for c in child.children if c.dep_ == "pobj")
            elif child.dep_ == "appos" and child.pos_ == "PROPN":
                stack.append(child)


def list_antecedent(token: Token) -> Token | None:
    """What a relative pronoun on a coordinated list stands for, or None.

    A plural clause speaks of the whole list (its first conjunct, which heads it), a
    singular one of the last member: "Chad and Sudan, which has accused the RSF".
    """
    clause = token.head
    if token.tag_ not in ("WDT", "WP") or clause.dep_ != "relcl":
        return None
    antecedent = clause.head
    members = [antecedent, *(c for c in antecedent.conjuncts if c.i > antecedent.i)]
    if len(members) == 1:
        return None
    singular = clause.tag_ == "VBZ" or any(
        c.dep_ in ("aux", "auxpass") and c.lower_ in ("is", "was", "has") for c in clause.children
    )
    return members[-1] if singular else antecedent


def verb_subjects(verb: Token, lex: Lexicon, max_steps: int = 5) -> tuple[list[Token], int]:
    """The subject tokens of a verb, climbing to a governing clause when it has none.

    Returns the tokens and how many clause boundaries were crossed (0 = its own).
    """
    current = verb
    steps = 0
    while steps <= max_steps:
        subs = children(current, *SUBJECT_DEPS)
        if subs:
            return subs, steps
        if children(current, *PASSIVE_SUBJECT_DEPS) and current is not verb:
            # A passive governing clause: its logical subject is the agent.
            agents = [p for _, p in prep_objects(current, {"by"})]
            return agents, steps
        dep = current.dep_
        head = current.head
        if head is current:
            break
        if dep == "xcomp" or dep == "advcl":
            if head.lemma_ in lex.object_control_verbs:
                objs = children(head, *OBJECT_DEPS)
                # "sending reinforcements, including militia groups from Iraq, to assist"
                objs += [p for _, p in prep_objects(head, LIST_PREPS)]
                if objs:
                    return objs, steps + 1
            current = head
        elif dep == "conj":
            current = head
        elif dep in ("pcomp", "pobj"):
            governor = head.head if head.dep_ in ("prep", "agent") else head
            if head.lower_ in ("of", "for") and governor.lemma_.lower() in lex.object_gerund_verbs:
                # "accused Tehran of supplying drones": the accused does it, not the accuser.
                targets = children(governor, *OBJECT_DEPS) or children(
                    governor, *PASSIVE_SUBJECT_DEPS
                )
                return targets, steps + 1
            current = governor
        elif dep == "acl":
            # "attacks targeting X": the noun is the subject.
            return [head], steps + 1
        elif dep == "relcl":
            return [head], steps + 1
        elif dep == "prep" or (
            dep in ("dobj", "nsubj", "attr") and current.pos_ in ("NOUN", "PROPN")
        ):
            current = head
        else:
            break
        steps += 1
    return [], steps


def governing_verb(noun: Token, lex: Lexicon) -> Token | None:
    """The verb that takes the noun as object, directly or through one preposition.

    Quantity nouns are looked through: "carried out dozens of airstrikes".
    """
    head = noun.head
    if noun.dep_ in ("dobj", "attr", "nsubjpass", "oprd", "appos") and head.pos_ in ("VERB", "AUX"):
        return head
    if noun.dep_ == "pobj" and head.dep_ == "prep":
        if head.head.pos_ in ("VERB", "AUX"):
            return head.head
        if head.lower_ in ("of", "in", "for") and (
            head.head.lower_ in lex.quantity_nouns or head.head.lower_ in lex.partaking_nouns
        ):
            return governing_verb(head.head, lex)
    if noun.dep_ == "conj":
        return governing_verb(head, lex)
    return None


def is_hyphen(token: Token) -> bool:
    return token.text in ("-", "–", "‐")
