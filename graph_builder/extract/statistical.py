"""The learned relation model as a step of extraction, and how it combines with rules.

Policy (thresholds are stored with the model and chosen on a held-out split of the
training corpus, never on the measurement sets):

* **add**: a candidate pair whose label probability reaches `add_threshold` becomes
  an edge (rule id `model:<version>`, confidence the probability), unless a rule
  already gave that edge in the sentence;
* **agree**: a rule edge the model also scores at or above `add_threshold` keeps its
  construction id and gets the noisy-or of both confidences;
* **veto**: in `both` mode, a rule edge between two mentions the model scored, whose
  best probability for that label is below `veto_threshold`, is dropped. Rule edges the
  model cannot see (both sides inside one mention, actors named outside the sentence)
  are kept as they are.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np
from spacy.tokens import Span, Token

from graph_builder.extract.candidate import Candidate
from graph_builder.extract.mentions import SYRIA_ID, TRANSITIONAL_ID, MentionIndex
from graph_builder.extract.pair_features import CueMap, pair_features
from graph_builder.extract.pairs import Pair, candidate_pairs, sentence_slots
from graph_builder.extract.relation_model import LABELS, RelationModel
from graph_builder.models import Actor, Edge

# Ids that name one actor at different times (see `Extractor._dated`).
_SAME = {TRANSITIONAL_ID: SYRIA_ID}


@dataclass(frozen=True, slots=True)
class Scored:
    """The model's probabilities for the candidate pairs of one sentence."""

    pairs: list[Pair]
    probs: np.ndarray  # (len(pairs), len(LABELS))


def _id(actor: Actor | None) -> str:
    return _SAME.get(actor.id, actor.id) if actor is not None else ""


def _trigger(pair: Pair) -> Token:
    """The token whose clause carries the pair's modality: their lowest common head."""
    a, b = pair.first.head, pair.second.head
    above = {a.i}
    tok = a
    while tok.head.i != tok.i:
        tok = tok.head
        above.add(tok.i)
    tok = b
    while tok.i not in above and tok.head.i != tok.i:
        tok = tok.head
    return tok


class ModelStep:
    """Scores candidate pairs and merges the model's edges with the rules' edges."""

    def __init__(self, model: RelationModel, cues: CueMap, mode: str) -> None:
        self.model = model
        self.cues = cues
        self.mode = mode
        self.rule = f"model:{model.version}"

    def score(self, sent: Span, mentions: MentionIndex) -> Scored | None:
        pairs = list(candidate_pairs(sentence_slots(sent, mentions)))
        if not pairs:
            return None
        rows = [pair_features(p, self.cues) for p in pairs]
        return Scored(pairs, self.model.probabilities(rows))

    def additions(self, scored: Scored) -> list[Candidate]:
        """Candidates for every pair and label at or above the add threshold."""
        out: list[Candidate] = []
        threshold = self.model.add_threshold
        for pair, row in zip(scored.pairs, scored.probs, strict=True):
            for j in np.flatnonzero(row >= threshold):
                cand = _candidate(pair, LABELS[int(j)], float(row[j]), self.rule)
                if cand is not None:
                    out.append(cand)
        return out

    def review(self, edges: list[Edge], scored: Scored) -> list[Edge]:
        """Rule edges with the model's opinion: confirmed (confidence up) or vetoed."""
        best: dict[tuple[str, str, str], float] = {}
        for pair, row in zip(scored.pairs, scored.probs, strict=True):
            a, b = pair.first, pair.second
            for j, label in enumerate(LABELS):
                rel, arrow = label.rstrip("<>"), label[-1]
                if rel == "seized":
                    actor, place = (a, b) if arrow == ">" else (b, a)
                    if actor.actor is None or place.place is None:
                        continue
                    keys = [(_id(actor.actor), rel, place.place.id)]
                elif a.actor is None or b.actor is None:
                    continue
                elif rel == "met_with":
                    keys = [(_id(a.actor), rel, _id(b.actor)), (_id(b.actor), rel, _id(a.actor))]
                else:
                    s, o = (a, b) if arrow == ">" else (b, a)
                    keys = [(_id(s.actor), rel, _id(o.actor))]
                for key in keys:
                    best[key] = max(best.get(key, 0.0), float(row[j]))
        out: list[Edge] = []
        for edge in edges:
            if edge.rule == self.rule:
                out.append(edge)
                continue
            p = best.get((_id(edge.subject), edge.relation, _id(edge.object)))
            if p is None:
                out.append(edge)
            elif p >= self.model.add_threshold:
                out.append(replace(edge, confidence=1 - (1 - edge.confidence) * (1 - p)))
            elif self.mode != "both" or p >= self.model.veto_threshold:
                out.append(edge)
        return out


def _candidate(pair: Pair, label: str, p: float, rule: str) -> Candidate | None:
    rel, arrow = label.rstrip("<>"), label[-1]
    a, b = pair.first, pair.second
    trigger = _trigger(pair)
    if rel == "seized":
        actor, place = (a, b) if arrow == ">" else (b, a)
        if actor.actor is None or place.place is None:
            return None
        return Candidate(rel, actor.actor, place.place, trigger, rule, p)
    if a.actor is None or b.actor is None:
        return None
    s, o = (a, b) if arrow != "<" else (b, a)
    return Candidate(rel, s.actor, o.actor, trigger, rule, p)
