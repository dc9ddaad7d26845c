"""The relation lexicon (`data/lexicon/relations.yaml`) as lookup tables."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from pydantic import ValidationError

from graph_builder import fast_yaml
from graph_builder.extract.lexicon_schema import LexiconFile

LEXICON_FILE = Path(__file__).resolve().parent.parent / "data" / "lexicon" / "relations.yaml"


@dataclass(frozen=True, slots=True)
class VerbFrame:
    """How one verb lemma expresses one relation."""

    relation: str
    preps: frozenset[str] = frozenset()  # prepositions that introduce the object
    requires_prep: bool = False  # the object comes only through one of `preps`
    mutual: bool = False  # "A clashed with B": both directions
    particle: str | None = None  # "push back": the particle that must be present


@dataclass(frozen=True, slots=True)
class NounFrame:
    """How one noun expresses one relation."""

    relation: str
    object_preps: frozenset[str]
    agent_preps: frozenset[str]
    mutual_preps: frozenset[str]


@dataclass(frozen=True)
class Lexicon:
    """All cue words, keyed for O(1) lookup by lemma."""

    verbs: dict[str, list[VerbFrame]]
    seizure_verbs: frozenset[str]  # verbs with a seized frame, and the control verbs
    nouns: dict[str, list[NounFrame]]
    control_verbs: frozenset[str]
    control_nouns: frozenset[str]
    light_verbs: frozenset[str]
    receiving_verbs: frozenset[str]
    role_nouns: dict[str, str]
    reverse_role_nouns: dict[str, str]
    adjectives: dict[str, tuple[str, frozenset[str]]]
    modifier_suffixes: dict[str, str]
    allegiance_suffixes: frozenset[str]  # the group holds the relation: "Moscow-aligned"
    modifier_prefixes: dict[str, str]
    group_nouns: frozenset[str]
    official_nouns: frozenset[str]
    speech_verbs: frozenset[str]
    hypothetical_aux: frozenset[str]
    hypothetical_governors: frozenset[str]
    negating_governors: frozenset[str]
    hypothetical_nouns: frozenset[str]
    intent_nouns: frozenset[str]
    hypothetical_marks: frozenset[str]
    negation_words: frozenset[str]
    of_is_agent: frozenset[str]
    asset_nouns: frozenset[str]
    quantity_nouns: frozenset[str]
    criticism_verbs: frozenset[str]
    ties_verbs: frozenset[str]
    ties_nouns: frozenset[str]
    holding_verbs: frozenset[str]
    irregular: dict[str, str]
    threat_governors: frozenset[str]
    hypothetical_adjectives: frozenset[str]
    giving_verbs: frozenset[str]
    supply_nouns: frozenset[str]
    mutual_support_nouns: frozenset[str]
    title_words: frozenset[str]
    physical_attack_verbs: frozenset[str]
    criticism_nouns: frozenset[str]
    partial_place_nouns: frozenset[str]
    mutual_meeting_verbs: frozenset[str]
    held_words: frozenset[str]
    sent_from_nouns: frozenset[str]
    ruling_nouns: frozenset[str]
    definite_references: dict[str, str]
    place_reference_types: dict[str, frozenset[str]]
    object_control_verbs: frozenset[str]
    object_gerund_verbs: frozenset[str]
    force_nouns: frozenset[str]
    lost_to_verbs: frozenset[str]
    partaking_nouns: frozenset[str]
    armed_nouns: frozenset[str] = field(default_factory=frozenset)
    bare_armed_nouns: frozenset[str] = field(default_factory=frozenset)
    vague_modifiers: frozenset[str] = field(default_factory=frozenset)
    facility_nouns: frozenset[str] = field(default_factory=frozenset)
    vague_facility_nouns: frozenset[str] = field(default_factory=frozenset)
    state_force_nouns: frozenset[str] = field(default_factory=frozenset)
    state_force_modifiers: frozenset[str] = field(default_factory=frozenset)
    looking_back_words: frozenset[str] = field(default_factory=frozenset)
    looking_forward_words: frozenset[str] = field(default_factory=frozenset)
    proper_words: frozenset[str] = field(default_factory=frozenset)
    ousting_verbs: frozenset[str] = field(default_factory=frozenset)
    ousting_nouns: frozenset[str] = field(default_factory=frozenset)
    detaching_marks: frozenset[str] = field(default_factory=frozenset)
    armed_name_words: frozenset[str] = field(default_factory=frozenset)
    news_outlets: frozenset[str] = field(default_factory=frozenset)
    permission_verbs: frozenset[str] = field(default_factory=frozenset)
    expelling_verbs: frozenset[str] = field(default_factory=frozenset)
    ridding_verbs: dict[str, frozenset[str]] = field(default_factory=dict)  # verb: preps
    member_nouns: frozenset[str] = field(default_factory=frozenset)
    coup_nouns: frozenset[str] = field(default_factory=frozenset)
    facility_epithets: frozenset[str] = field(default_factory=frozenset)
    offshoot_words: frozenset[str] = field(default_factory=frozenset)
    identity_modifiers: frozenset[str] = field(default_factory=frozenset)
    not_name_heads: frozenset[str] = field(default_factory=frozenset)
    enemy_nouns: frozenset[str] = field(default_factory=frozenset)
    leader_suffixes: frozenset[str] = field(default_factory=frozenset)
    agent_event_nouns: frozenset[str] = field(default_factory=frozenset)
    particles: frozenset[str] = field(default_factory=frozenset)


def _words(items: Iterable[str]) -> frozenset[str]:
    return frozenset(w.lower() for w in items)


def _by_relation(section: dict[str, list[str]]) -> dict[str, str]:
    return {w.lower(): rel for rel, words in section.items() for w in words}


@cache
def load_lexicon(path: Path = LEXICON_FILE) -> Lexicon:
    """Read the lexicon file once."""
    raw = fast_yaml.load_file(path)
    try:
        LexiconFile.model_validate(raw)
    except ValidationError as err:
        raise ValueError(f"{path}: not a valid lexicon: {err}") from None
    data = raw
    verbs: dict[str, list[VerbFrame]] = {}
    particles: set[str] = set()
    for relation, entries in data["verbs"].items():
        for phrase, opts in entries.items():
            opts = opts or {}
            lemma, _, particle = phrase.partition(" ")
            if particle:
                particles.add(particle)
            verbs.setdefault(lemma, []).append(
                VerbFrame(
                    relation=relation,
                    preps=_words(opts.get("preps", [])),
                    requires_prep=bool(opts.get("requires_prep", False)),
                    mutual=bool(opts.get("mutual", False)),
                    particle=particle or None,
                )
            )
    nouns: dict[str, list[NounFrame]] = {}
    for relation, spec in data["nouns"].items():
        frame = NounFrame(
            relation=relation,
            object_preps=_words(spec.get("object_preps", [])),
            agent_preps=_words(spec.get("agent_preps", [])),
            mutual_preps=_words(spec.get("mutual_preps", [])),
        )
        for word in spec["words"]:
            # Multi-word nouns are keyed by their head (last word).
            key = word.lower().split()[-1]
            if frame not in nouns.setdefault(key, []):
                nouns[key].append(frame)
    adjectives = {
        adj.lower(): (relation, _words(preps))
        for relation, entries in data["adjectives"].items()
        for adj, preps in entries.items()
    }
    return Lexicon(
        verbs=verbs,
        seizure_verbs=frozenset(
            lemma for lemma, frames in verbs.items() if any(f.relation == "seized" for f in frames)
        ) | _words(data["control_verbs"]),
        nouns=nouns,
        control_verbs=_words(data["control_verbs"]),
        control_nouns=_words(data["control_nouns"]),
        light_verbs=_words(w.split()[0] for w in data["light_verbs"]),
        receiving_verbs=_words(data["receiving_verbs"]),
        role_nouns=_by_relation(data["role_nouns"]),
        reverse_role_nouns=_by_relation(data["reverse_role_nouns"]),
        adjectives=adjectives,
        modifier_suffixes=_by_relation(data["modifier_suffixes"]),
        allegiance_suffixes=_words(data["allegiance_suffixes"]),
        modifier_prefixes=_by_relation(data["modifier_prefixes"]),
        group_nouns=_words(w.split()[-1] for w in data["group_nouns"]),
        official_nouns=_words(w.split()[-1] for w in data["official_nouns"]),
        speech_verbs=_words(data["speech_verbs"]),
        hypothetical_aux=_words(data["hypothetical_aux"]),
        hypothetical_governors=_words(w.split()[0] for w in data["hypothetical_governors"]),
        negating_governors=_words(data["negating_governors"]),
        hypothetical_nouns=_words(data["hypothetical_nouns"]),
        intent_nouns=_words(data["intent_nouns"]),
        hypothetical_marks=_words(data["hypothetical_marks"]),
        negation_words=_words(data["negation_words"]),
        of_is_agent=_words(data["of_is_agent"]),
        asset_nouns=_words(w.split()[-1] for w in data["asset_nouns"]),
        quantity_nouns=_words(data["quantity_nouns"]),
        criticism_verbs=_words(data["criticism_verbs"]),
        ties_verbs=_words(data["ties_verbs"]),
        ties_nouns=_words(data["ties_nouns"]),
        holding_verbs=_words(data["holding_verbs"]),
        irregular={k.lower(): v.lower() for k, v in data["irregular"].items()},
        threat_governors=_words(data["threat_governors"]),
        hypothetical_adjectives=_words(data["hypothetical_adjectives"]),
        giving_verbs=_words(data["giving_verbs"]),
        supply_nouns=_words(data["supply_nouns"]),
        mutual_support_nouns=_words(data["mutual_support_nouns"]),
        title_words=_words(data["title_words"]),
        physical_attack_verbs=_words(data["physical_attack_verbs"]),
        criticism_nouns=_words(data["criticism_nouns"]),
        partial_place_nouns=_words(data["partial_place_nouns"]),
        mutual_meeting_verbs=_words(data["mutual_meeting_verbs"]),
        held_words=_words(data["held_words"]),
        sent_from_nouns=_words(data["sent_from_nouns"]),
        ruling_nouns=_words(data["ruling_nouns"]),
        definite_references=dict(data["definite_references"]),
        place_reference_types={
            k: _words(v) for k, v in data["place_reference_types"].items()
        },
        object_control_verbs=_words(data["object_control_verbs"]),
        object_gerund_verbs=_words(data["object_gerund_verbs"]),
        force_nouns=_words(data["force_nouns"]),
        lost_to_verbs=_words(data["lost_to_verbs"]),
        partaking_nouns=_words(data["partaking_nouns"]),
        armed_nouns=_words(data["armed_nouns"]),
        bare_armed_nouns=_words(data["bare_armed_nouns"]),
        vague_modifiers=_words(data["vague_modifiers"]),
        facility_nouns=_words(data["facility_nouns"]),
        news_outlets=_words(data["news_outlets"]),
        permission_verbs=_words(data["permission_verbs"]),
        expelling_verbs=_words(data["expelling_verbs"]),
        ridding_verbs={v: _words(p) for v, p in data["ridding_verbs"].items()},
        member_nouns=_words(data["member_nouns"]),
        coup_nouns=_words(data["coup_nouns"]),
        facility_epithets=_words(data["facility_epithets"]),
        offshoot_words=_words(data["offshoot_words"]),
        identity_modifiers=_words(data["identity_modifiers"]),
        not_name_heads=_words(data["not_name_heads"]),
        enemy_nouns=_words(data["enemy_nouns"]),
        leader_suffixes=_words(data["leader_suffixes"]),
        agent_event_nouns=_words(data["agent_event_nouns"]),
        detaching_marks=_words(data["detaching_marks"]),
        armed_name_words=_words(data["armed_name_words"]),
        looking_back_words=_words(data["looking_back_words"]),
        looking_forward_words=_words(data["looking_forward_words"]),
        proper_words=_words(data["proper_words"]),
        ousting_verbs=_words(data["ousting_verbs"]),
        ousting_nouns=_words(data["ousting_nouns"]),
        state_force_nouns=_words(w.split()[-1] for w in data["state_force_nouns"]),
        state_force_modifiers=_words(data["state_force_modifiers"]),
        vague_facility_nouns=_words(data["vague_facility_nouns"]),
        particles=frozenset(particles),
    )
