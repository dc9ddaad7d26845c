"""Typed records passed between reading, extraction, loading and the API."""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

Relation = Literal["supports", "opposes", "met_with", "seized"]
RELATIONS: tuple[Relation, ...] = ("supports", "opposes", "met_with", "seized")

# Actor kinds; each is also a Neo4j label (see KIND_LABELS).
ActorKind = Literal[
    "country", "government", "person", "armed_group", "organisation", "group", "place"
]
KIND_LABELS: dict[str, str] = {
    "country": "Country",
    "government": "Government",
    "person": "Person",
    "armed_group": "ArmedGroup",
    "organisation": "Organisation",
    "group": "Group",
    "place": "Place",
}


@dataclass(frozen=True, slots=True)
class Actor:
    """A country, government, person, armed group, organisation or place."""

    id: str  # stable slug, e.g. "russia", "bashar-al-assad"
    name: str  # display name
    kind: str  # one of ActorKind
    aliases: tuple[str, ...] = ()
    # For persons and governments: the id of the state they speak for.
    affiliation: str | None = None


@dataclass(frozen=True, slots=True)
class Document:
    """One news article: its body text and metadata."""

    id: str  # file name without extension, or the `id` of a JSONL record
    text: str  # body (front matter removed); offsets refer to this text
    title: str | None = None
    url: str | None = None
    date: dt.date | None = None
    source: str | None = None  # path or other origin, for messages
    outlet: str | None = None  # who published it: "Reuters", a site name, a feed's title


@dataclass(frozen=True, slots=True)
class Evidence:
    """The sentence that states an edge, with its offsets in the document body."""

    doc_id: str
    sentence: str
    start: int | None  # None: a front-matter title, not part of the body
    end: int | None
    speaker: str | None = None  # who is reported as saying it, if anyone


@dataclass(frozen=True, slots=True)
class Edge:
    """One statement of a relation between two actors."""

    subject: Actor
    relation: str  # one of RELATIONS
    object: Actor
    evidence: Evidence
    negated: bool = False
    hypothetical: bool = False
    date: dt.date | None = None
    confidence: float = 0.5
    rule: str = ""

    @property
    def asserted(self) -> bool:
        """True when the edge is neither negated nor hypothetical."""
        return not (self.negated or self.hypothetical)

    def to_record(self) -> dict[str, Any]:
        """Flat JSON-ready record: the `extract --format jsonl` contract."""
        return {
            "doc": self.evidence.doc_id,
            "subject": self.subject.name,
            "subject_id": self.subject.id,
            "subject_kind": self.subject.kind,
            "relation": self.relation,
            "object": self.object.name,
            "object_id": self.object.id,
            "object_kind": self.object.kind,
            "sentence": self.evidence.sentence,
            "start": self.evidence.start,
            "end": self.evidence.end,
            "speaker": self.evidence.speaker,
            "negated": self.negated,
            "hypothetical": self.hypothetical,
            "date": self.date.isoformat() if self.date else None,
            "confidence": round(self.confidence, 3),
            "rule": self.rule,
        }


@dataclass(slots=True)
class Extraction:
    """Everything extracted from one document."""

    document: Document
    edges: list[Edge] = field(default_factory=list)

    def actors(self) -> dict[str, Actor]:
        """The actors the edges mention, by id."""
        out: dict[str, Actor] = {}
        for e in self.edges:
            out.setdefault(e.subject.id, e.subject)
            out.setdefault(e.object.id, e.object)
        return out


def edge_from_record(rec: dict[str, Any]) -> Edge:
    """Rebuild an Edge from a `to_record` dict (e.g. a line of edges.jsonl)."""
    date = rec.get("date")
    return Edge(
        subject=Actor(rec["subject_id"], rec["subject"], rec["subject_kind"]),
        relation=rec["relation"],
        object=Actor(rec["object_id"], rec["object"], rec["object_kind"]),
        evidence=Evidence(
            rec["doc"], rec["sentence"],
            None if rec.get("start") is None else int(rec["start"]),
            None if rec.get("end") is None else int(rec["end"]),
            rec.get("speaker"),
        ),
        negated=bool(rec.get("negated", False)),
        hypothetical=bool(rec.get("hypothetical", False)),
        date=dt.date.fromisoformat(date) if date else None,
        confidence=float(rec.get("confidence", 0.5)),
        rule=rec.get("rule", ""),
    )


__all__ = [
    "KIND_LABELS",
    "RELATIONS",
    "Actor",
    "Document",
    "Edge",
    "Evidence",
    "Extraction",
    "asdict",
    "edge_from_record",
]
