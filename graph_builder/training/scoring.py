"""Edge-level scores on corpus documents: predicted edges against the gold edges that
the alignment reached (unreached required edges count as misses)."""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Doc

from graph_builder.evaluate import Counts
from graph_builder.extract.extractor import Extractor
from graph_builder.extract.mentions import SYRIA_ID, TRANSITIONAL_ID
from graph_builder.models import Edge
from graph_builder.training.corpus import AlignedDoc, as_document

Key = tuple[str, str, str]
_SAME = {TRANSITIONAL_ID: SYRIA_ID}


Tally = Counts  # the same counts as `graph-builder evaluate` keeps


def edge_key(edge: Edge) -> Key:
    return _norm((edge.subject.id, edge.relation, edge.object.id))


def _norm(key: Key) -> Key:
    s, rel, o = (_SAME.get(key[0], key[0]), key[1], _SAME.get(key[2], key[2]))
    if rel == "met_with" and o < s:
        s, o = o, s
    return (s, rel, o)


def tally(predicted: Iterable[Edge], gold: AlignedDoc, relation: str | None = None) -> Tally:
    """Scores of one document (optionally for one relation)."""
    pred = {edge_key(e) for e in predicted if e.asserted}
    allowed = {_norm(k) for k in gold.gold}
    required = {_norm(k) for k in gold.required}
    if relation is not None:
        pred = {k for k in pred if k[1] == relation}
        allowed = {k for k in allowed if k[1] == relation}
        required = {k for k in required if k[1] == relation}
        unreachable = 0
    else:
        unreachable = gold.unreachable
    return Tally(
        tp=len(pred & allowed), fp=len(pred - allowed),
        matched_required=len(pred & required), required=len(required) + unreachable,
    )


def predict(extractor: Extractor, docs: list[AlignedDoc], parsed: list[Doc]) -> list[list[Edge]]:
    return [
        extractor.edges_from_doc(doc, as_document(a.doc), anchor=a.doc.date)
        for a, doc in zip(docs, parsed, strict=True)
    ]


def score_docs(edges: list[list[Edge]], docs: list[AlignedDoc],
               relation: str | None = None) -> Tally:
    total = Tally()
    for found, gold in zip(edges, docs, strict=True):
        total.add(tally(found, gold, relation))
    return total
