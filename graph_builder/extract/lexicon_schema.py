"""The typed schema of the lexicon file (`data/lexicon/relations.yaml`), checked with
pydantic when the file is read: a misspelt section, a word list that is not a list of
words or a verb frame with an unknown option is reported by name, not silently ignored."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict

Relation = Literal["supports", "opposes", "met_with", "seized"]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class VerbOptions(_Strict):
    """How a verb lemma takes its object ("fire on", "clash with")."""

    preps: list[str] = []
    requires_prep: bool = False
    mutual: bool = False


class NounSection(_Strict):
    """Event nouns of one relation and the prepositions that introduce their roles."""

    words: list[str]
    object_preps: list[str] = []
    agent_preps: list[str] = []
    mutual_preps: list[str] = []


class LexiconFile(_Strict):
    """Every section of the lexicon file."""

    verbs: dict[Relation, dict[str, VerbOptions | None]]
    nouns: dict[Relation, NounSection]
    adjectives: dict[Relation, dict[str, list[str]]]

    role_nouns: dict[str, list[str]]
    reverse_role_nouns: dict[str, list[str]]
    modifier_suffixes: dict[str, list[str]]
    allegiance_suffixes: list[str]
    modifier_prefixes: dict[str, list[str]]
    place_reference_types: dict[str, list[str]]
    irregular: dict[str, str]
    definite_references: dict[str, str]
    control_verbs: list[str]
    control_nouns: list[str]
    lost_to_verbs: list[str]
    light_verbs: list[str]
    receiving_verbs: list[str]
    group_nouns: list[str]
    official_nouns: list[str]
    speech_verbs: list[str]
    hypothetical_aux: list[str]
    hypothetical_governors: list[str]
    negating_governors: list[str]
    hypothetical_nouns: list[str]
    intent_nouns: list[str]
    hypothetical_marks: list[str]
    negation_words: list[str]
    of_is_agent: list[str]
    asset_nouns: list[str]
    quantity_nouns: list[str]
    criticism_verbs: list[str]
    ties_verbs: list[str]
    ties_nouns: list[str]
    holding_verbs: list[str]
    threat_governors: list[str]
    hypothetical_adjectives: list[str]
    giving_verbs: list[str]
    supply_nouns: list[str]
    mutual_support_nouns: list[str]
    title_words: list[str]
    physical_attack_verbs: list[str]
    criticism_nouns: list[str]
    partial_place_nouns: list[str]
    mutual_meeting_verbs: list[str]
    held_words: list[str]
    sent_from_nouns: list[str]
    ruling_nouns: list[str]
    object_control_verbs: list[str]
    object_gerund_verbs: list[str]
    force_nouns: list[str]
    partaking_nouns: list[str]
    armed_nouns: list[str]
    bare_armed_nouns: list[str]
    vague_modifiers: list[str]
    facility_nouns: list[str]
    vague_facility_nouns: list[str]
    state_force_nouns: list[str]
    state_force_modifiers: list[str]
    looking_back_words: list[str]
    looking_forward_words: list[str]
    proper_words: list[str]
    ousting_verbs: list[str]
    ousting_nouns: list[str]
    detaching_marks: list[str]
    armed_name_words: list[str]
    news_outlets: list[str]
    permission_verbs: list[str]
    expelling_verbs: list[str]
    ridding_verbs: dict[str, list[str]]
    member_nouns: list[str]
    coup_nouns: list[str]
    facility_epithets: list[str]
    offshoot_words: list[str]
    identity_modifiers: list[str]
    not_name_heads: list[str]
    enemy_nouns: list[str]
    leader_suffixes: list[str]
    agent_event_nouns: list[str]
