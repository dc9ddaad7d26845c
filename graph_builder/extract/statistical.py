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
from graph_builder.extract.pair_features import CueMap, SentenceCache, pair_features
from graph_builder.extract.pairs import Pair, candidate_pairs, sentence_slots
from graph_builder.extract.relation_model import LABELS, RelationModel
from graph_builder.models import Actor, Edge

_LABEL_INDEX = {label: j for j, label in enumerate(LABELS)}
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

    def score(self, sents: list[Span], mentions: MentionIndex) -> list[Scored | None]:
        """The model's probabilities for the candidate pairs of each sentence (one
        prediction call for the whole piece)."""
        per_sentence: list[list[Pair]] = []
        rows: list[list[str]] = []
        for sent in sents:
            slots = sentence_slots(sent, mentions)
            pairs = list(candidate_pairs(slots))
            per_sentence.append(pairs)
            if pairs:
                cache = SentenceCache(self.cues, sent, slots)
                rows.extend(pair_features(p, cache) for p in pairs)
        probs = self.model.probabilities(rows)
        out: list[Scored | None] = []
        at = 0
        for pairs in per_sentence:
            if pairs:
                out.append(Scored(pairs, probs[at : at + len(pairs)]))
                at += len(pairs)
            else:
                out.append(None)
        return out

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
        out: list[Edge] = []
        for edge in edges:
            p = None if edge.rule == self.rule else self._best(edge, scored)
            if p is None:
                out.append(edge)
            elif p >= self.model.add_threshold:
                out.append(replace(edge, confidence=1 - (1 - edge.confidence) * (1 - p)))
            elif self.mode != "both" or p >= self.model.veto_threshold:
                out.append(edge)
        return out

    @staticmethod
    def _best(edge: Edge, scored: Scored) -> float | None:
        """The model's best probability for this edge over the sentence's pairs."""
        subject, obj, rel = _id(edge.subject), _id(edge.object), edge.relation
        best: float | None = None
        for pair, row in zip(scored.pairs, scored.probs, strict=True):
            a, b = pair.first, pair.second
            if rel == "seized":
                if _id(a.actor) == subject and b.place is not None and b.place.id == obj:
                    label = "seized>"
                elif _id(b.actor) == subject and a.place is not None and a.place.id == obj:
                    label = "seized<"
                else:
                    continue
            elif (_id(a.actor), _id(b.actor)) == (subject, obj):
                label = "met_with" if rel == "met_with" else rel + ">"
            elif (_id(b.actor), _id(a.actor)) == (subject, obj):
                label = "met_with" if rel == "met_with" else rel + "<"
            else:
                continue
            p = float(row[_LABEL_INDEX[label]])
            best = p if best is None else max(best, p)
        return best


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
    assert s.actor is not None and o.actor is not None
    return Candidate(rel, s.actor, o.actor, trigger, rule, p)
