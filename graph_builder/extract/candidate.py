"""A relation found by a rule, before its sides are resolved to actors."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from graph_builder.models import Actor

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
    # The trigger's own negation is the stance itself ("will not allow X to attack"):
    # only negation above it (and hypothetical marks) withhold the edge.
    negation_is_stance: bool = False
