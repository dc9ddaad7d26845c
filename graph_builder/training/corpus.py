"""The training corpus (`data/train/batches/*.jsonl`, see `data/train/README.md`) and
its alignment to candidate pairs.

Each document is parsed by the extractor's own pipeline (sentences joined by line
breaks, so each written sentence stays one sentence). Every candidate pair of resolved
mentions gets the labels of the gold edges whose subject and object text it covers;
a pair of the same two actors that no gold edge covers is left out of training (the
edge is stated elsewhere in the sentence), every other pair is a negative.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from spacy.tokens import Doc

from graph_builder.extract.extractor import Extractor
from graph_builder.extract.mentions import MentionIndex
from graph_builder.extract.pair_features import CueMap, SentenceCache, pair_features
from graph_builder.extract.pairs import Pair, Slot, candidate_pairs, sentence_slots
from graph_builder.models import Document

CORPUS_DIR = Path(__file__).resolve().parent.parent / "data" / "train" / "corpus"


@dataclass(frozen=True, slots=True)
class GoldEdge:
    subject: str  # text in the sentence
    relation: str
    object: str
    required: bool


@dataclass(frozen=True, slots=True)
class CorpusSentence:
    text: str
    edges: tuple[GoldEdge, ...]


@dataclass(frozen=True, slots=True)
class CorpusDoc:
    id: str
    conflict: str
    style: str
    date: dt.date | None
    sentences: tuple[CorpusSentence, ...]


@dataclass(slots=True)
class Example:
    """One candidate pair with its features and gold labels."""

    doc: str
    conflict: str
    style: str
    features: list[str]
    labels: set[str]
    first: str  # actor ids (for scoring at the edge level)
    second: str


@dataclass(slots=True)
class AlignedDoc:
    """A corpus document as examples, plus its gold edges as actor ids."""

    doc: CorpusDoc
    examples: list[Example] = field(default_factory=list)
    gold: set[tuple[str, str, str]] = field(default_factory=set)  # reachable, required or not
    required: set[tuple[str, str, str]] = field(default_factory=set)
    unreachable: int = 0  # required gold edges whose mentions do not resolve


def read_corpus(directory: Path = CORPUS_DIR) -> list[CorpusDoc]:
    """Every document of every batch file, in file and line order."""
    docs: list[CorpusDoc] = []
    for path in sorted(directory.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            rec = json.loads(line)
            date = rec.get("date")
            docs.append(CorpusDoc(
                id=rec["doc"],
                conflict=rec.get("conflict", ""),
                style=rec.get("style", ""),
                date=dt.date.fromisoformat(date) if date else None,
                sentences=tuple(
                    CorpusSentence(
                        s["text"],
                        tuple(GoldEdge(e["subject"], e["relation"], e["object"],
                                       bool(e.get("required", True)))
                              for e in s.get("edges", [])),
                    )
                    for s in rec["sentences"]
                ),
            ))
    return docs


def corpus_checksum(directory: Path = CORPUS_DIR) -> str:
    digest = hashlib.sha256()
    for path in sorted(directory.glob("*.jsonl")):
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def _occurrences(text: str, part: str, offset: int) -> list[tuple[int, int]]:
    out, at = [], text.find(part)
    while at != -1:
        out.append((offset + at, offset + at + len(part)))
        at = text.find(part, at + 1)
    return out


def _covers(slot: Slot, ranges: list[tuple[int, int]]) -> bool:
    doc = slot.head.doc
    s_start = doc[slot.start].idx
    s_end = doc[slot.end - 1].idx + len(doc[slot.end - 1])
    h_start, h_end = slot.head.idx, slot.head.idx + len(slot.head)
    for lo, hi in ranges:
        if lo <= h_start and h_end <= hi:
            return True  # the mention's head lies in the gold text
        if s_start <= lo and hi <= s_end:
            return True  # the gold text lies in the mention
    return False


def _labels(pair: Pair, edge: GoldEdge, subj: list[tuple[int, int]],
            obj: list[tuple[int, int]]) -> set[str]:
    a, b = pair.first, pair.second
    out: set[str] = set()
    if edge.relation == "seized":
        if a.actor and b.place and _covers(a, subj) and _covers(b, obj):
            out.add("seized>")
        if b.actor and a.place and _covers(b, subj) and _covers(a, obj):
            out.add("seized<")
        return out
    if not (a.actor and b.actor):
        return out
    forward = _covers(a, subj) and _covers(b, obj)
    backward = _covers(b, subj) and _covers(a, obj)
    if edge.relation == "met_with":
        if forward or backward:
            out.add("met_with")
    else:
        if forward:
            out.add(edge.relation + ">")
        if backward:
            out.add(edge.relation + "<")
    return out


def _edge_ids(pair: Pair, label: str) -> tuple[str, str, str]:
    rel, arrow = label.rstrip("<>"), label[-1]
    a, b = pair.first, pair.second
    if rel == "seized":
        actor, place = (a, b) if arrow == ">" else (b, a)
        assert actor.actor is not None and place.place is not None
        return (actor.actor.id, rel, place.place.id)
    assert a.actor is not None and b.actor is not None
    if rel == "met_with":
        x, y = sorted((a.actor.id, b.actor.id))
        return (x, rel, y)
    return (a.actor.id, rel, b.actor.id) if arrow == ">" else (b.actor.id, rel, a.actor.id)


def parse(docs: list[CorpusDoc], extractor: Extractor) -> list[Doc]:
    """Each corpus document parsed once, as the extractor reads it."""
    texts = (as_document(d).text for d in docs)
    return list(extractor.nlp.pipe(texts, batch_size=32))


def align(docs: list[CorpusDoc], extractor: Extractor,
          parsed: list[Doc] | None = None) -> Iterator[AlignedDoc]:
    """Label the candidate pairs of each (parsed) corpus document."""
    cues = CueMap(extractor.lexicon)
    for cdoc, doc in zip(docs, parsed or parse(docs, extractor), strict=True):
        out = AlignedDoc(cdoc)
        context = extractor._context(doc)
        mentions = MentionIndex(doc, extractor.catalog, extractor.lexicon, cdoc.date, context)
        offsets, at = [], 0
        for s in cdoc.sentences:
            offsets.append(at)
            at += len(s.text) + 1
        gold_spans = []
        for s, off in zip(cdoc.sentences, offsets, strict=True):
            for e in s.edges:
                gold_spans.append(
                    (e, _occurrences(s.text, e.subject, off), _occurrences(s.text, e.object, off))
                )
        found_required: set[int] = set()
        for sent in doc.sents:
            lo, hi = doc[sent.start].idx, doc[sent.end - 1].idx + len(doc[sent.end - 1])
            local = [(n, g) for n, g in enumerate(gold_spans)
                     if any(lo <= a < hi for a, _ in g[1])]
            slots = sentence_slots(sent, mentions)
            cache = SentenceCache(cues, sent, slots)
            pairs = list(candidate_pairs(slots))
            labelled: list[tuple[Pair, set[str]]] = []
            positive_ids: set[frozenset[str]] = set()
            for pair in pairs:
                labels: set[str] = set()
                for n, (edge, subj, obj) in local:
                    got = _labels(pair, edge, subj, obj)
                    if got:
                        labels |= got
                        if edge.required:
                            found_required.add(n)
                        for label in got:
                            key = _edge_ids(pair, label)
                            out.gold.add(key)
                            if edge.required:
                                out.required.add(key)
                labelled.append((pair, labels))
                if labels:
                    positive_ids.add(_pair_key(pair))
            for pair, labels in labelled:
                if not labels and _pair_key(pair) in positive_ids:
                    continue  # the same two actors, stated by another mention
                out.examples.append(Example(
                    cdoc.id, cdoc.conflict, cdoc.style, pair_features(pair, cache), labels,
                    _slot_id(pair.first), _slot_id(pair.second),
                ))
        for n, (edge, subj, obj) in enumerate(gold_spans):
            if n in found_required or not edge.required:
                continue
            inside = _inside_one_mention(edge, subj, obj, doc, mentions, extractor)
            if inside is not None:  # "Turkish-backed rebels": only the rules can see it
                found_required.add(n)
                out.gold.add(inside)
                out.required.add(inside)
        out.unreachable = sum(
            1 for n, (e, _, _) in enumerate(gold_spans) if e.required and n not in found_required
        )
        yield out


def _inside_one_mention(edge: GoldEdge, subj: list[tuple[int, int]],
                        obj: list[tuple[int, int]], doc: Doc, mentions: MentionIndex,
                        extractor: Extractor) -> tuple[str, str, str] | None:
    """A gold edge whose two sides lie in one entity span ("Iranian-backed militias"):
    the part that is not the span's actor is looked up by name."""
    if not subj or not obj:
        return None
    for ent in doc.ents:
        lo, hi = ent.start_char, ent.end_char
        if not (any(lo <= a and b <= hi for a, b in subj)
                and any(lo <= a and b <= hi for a, b in obj)):
            continue
        m = mentions.mention_at(ent[0])
        if m is None or m.actor is None:
            return None
        catalog = extractor.catalog
        other = catalog.lookup_adjective(edge.subject) or catalog.lookup(edge.subject)
        if other is None or other.id == m.actor.id:
            other = catalog.lookup_adjective(edge.object) or catalog.lookup(edge.object)
            if other is None or other.id == m.actor.id:
                return None
            return (m.actor.id, edge.relation, other.id)
        return (other.id, edge.relation, m.actor.id)
    return None


def _slot_id(slot: Slot) -> str:
    found = slot.actor or slot.place
    return found.id if found is not None else ""


def _pair_key(pair: Pair) -> frozenset[str]:
    return frozenset((_slot_id(pair.first), _slot_id(pair.second)))


def as_document(cdoc: CorpusDoc) -> Document:
    """A corpus document as the extractor reads documents."""
    return Document(cdoc.id, "\n".join(s.text for s in cdoc.sentences), date=cdoc.date)
