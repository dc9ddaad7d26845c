"""The rows the loader sends to Neo4j, built from extractions without a database.

A document becomes one row holding its statements and a checksum of everything
written for it; its actors become rows of their own. How these rows change the
aggregated edges is worked out in `load_plan`.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from graph_builder.errors import InputError
from graph_builder.identity import outlet
from graph_builder.models import KIND_LABELS, RELATIONS, Actor, Edge, Extraction
from graph_builder.near_duplicates import signature

# Bumped when what the loader writes changes, so that a reload rewrites documents.
LOADER_VERSION = 3
SYMMETRIC = frozenset({"met_with"})


@dataclass(frozen=True, slots=True, order=True)
class EdgeKey:
    """One aggregated edge: (source, TYPE, target); met_with with source < target.

    Keys sort by (source, type, target), the order rows are sent in."""

    source: str
    type: str
    target: str

    @property
    def key(self) -> str:
        """The `edge_key` of the statements counting toward this edge."""
        return f"{self.source}|{self.type}|{self.target}"

    @classmethod
    def parse(cls, key: str) -> EdgeKey:
        """The inverse of `key` (actor ids are slugs, so they hold no `|`)."""
        source, type_, target = key.split("|")
        return cls(source, type_, target)

    def as_row(self) -> dict[str, str]:
        return {"key": self.key, "source": self.source, "type": self.type, "target": self.target}


@dataclass(slots=True)
class DocumentRows:
    """Everything written for one document, with its checksum."""

    doc_id: str
    document: dict[str, Any]  # properties, the checksum and the statement rows
    actors: dict[str, dict[str, Any]]
    asserted: list[tuple[EdgeKey, dict[str, Any]]]  # statements that count toward edges
    skipped: int = 0  # negated or hypothetical statements left out
    keys: set[EdgeKey] = field(default_factory=set)

    @property
    def statements(self) -> list[dict[str, Any]]:
        rows: list[dict[str, Any]] = self.document["statements"]
        return rows


def edge_key(subject_id: str, relation: str, object_id: str) -> EdgeKey:
    """The aggregated edge a statement counts toward."""
    if relation not in RELATIONS:
        raise InputError(f"unknown relation {relation!r} (expected one of {', '.join(RELATIONS)})")
    if relation in SYMMETRIC and object_id < subject_id:
        subject_id, object_id = object_id, subject_id
    return EdgeKey(subject_id, relation.upper(), object_id)


def statement_id(
    doc_id: str, start: int | None, end: int | None, relation: str, subject: str, obj: str
) -> str:
    """First 16 hex digits of sha1("doc|start|end|relation|subject|object")."""
    raw = f"{doc_id}|{start}|{end}|{relation}|{subject}|{obj}"
    return hashlib.sha1(raw.encode("utf-8")).hexdigest()[:16]


@lru_cache(maxsize=65_536)
def actor_row(actor: Actor) -> dict[str, Any]:
    """Parameters for merge_actors: properties plus the kind label to set and remove.

    Cached (actors are immutable): callers must not modify the row.
    """
    label = KIND_LABELS.get(actor.kind)
    return {
        "id": actor.id,
        "name": actor.name,
        "kind": actor.kind,
        "aliases": list(actor.aliases),
        "affiliation": actor.affiliation,
        "labels": [label] if label else [],
        "other_labels": [x for x in KIND_LABELS.values() if x != label],
    }


def statement_row(edge: Edge, key: EdgeKey, doc_date: dt.date | None) -> dict[str, Any]:
    """Properties of one Statement node (its date falls back to the document's)."""
    ev = edge.evidence
    return {
        "id": statement_id(
            ev.doc_id, ev.start, ev.end, edge.relation, edge.subject.id, edge.object.id
        ),
        "edge_key": key.key,
        "sentence": ev.sentence,
        "start": ev.start,
        "end": ev.end,
        "speaker": ev.speaker,
        "date": edge.date or doc_date,
        "negated": edge.negated,
        "hypothetical": edge.hypothetical,
        "confidence": float(edge.confidence),
        "rule": edge.rule,
    }


def document_rows(extraction: Extraction, include_unasserted: bool = False) -> DocumentRows:
    """The rows to write for one extraction, and the checksum that identifies them."""
    doc = extraction.document
    if not doc.id:
        raise InputError(f"{doc.path or 'a document'}: document without an id")
    statements: dict[str, dict[str, Any]] = {}
    actors: dict[str, Actor] = {}
    asserted: dict[str, EdgeKey] = {}
    keys: set[EdgeKey] = set()
    skipped = 0
    for edge in extraction.edges:
        if edge.evidence.doc_id != doc.id:
            raise InputError(
                f"{doc.id}: an edge's evidence names document {edge.evidence.doc_id!r}"
            )
        if not include_unasserted and not edge.asserted:
            skipped += 1
            continue
        key = edge_key(edge.subject.id, edge.relation, edge.object.id)
        row = statement_row(edge, key, doc.date)
        statements[row["id"]] = row
        actors[edge.subject.id] = edge.subject
        actors[edge.object.id] = edge.object
        if edge.asserted:
            asserted[row["id"]] = key
            keys.add(key)
    order = sorted(statements)
    actor_rows = {i: actor_row(actors[i]) for i in sorted(actors)}
    sig = signature(doc.text)
    document = {
        "id": doc.id,
        "title": doc.title,
        "url": doc.url,
        "date": doc.date,
        "source": outlet(doc.source, doc.url),
        "id_scheme": doc.id_scheme,
        "paths": [doc.path] if doc.path else [],
        "legacy_id": doc.legacy_id if doc.legacy_id != doc.id else None,
        "minhash": list(sig.values) if sig else None,
        "bands": list(sig.bands) if sig else [],
        # Set by the loader once it knows which stored document this one copies.
        "story": None,
        "source_key": None,
        "checksum": checksum(
            LOADER_VERSION,
            [doc.id, doc.title, doc.url, doc.date, doc.source, doc.text],
            [list(statements[i].values()) for i in order],
            [list(row.values()) for row in actor_rows.values()],
        ),
        "statements": [statements[i] for i in order],
    }
    counted = [(asserted[i], statements[i]) for i in order if i in asserted]
    return DocumentRows(doc.id, document, actor_rows, counted, skipped, keys)


def checksum(*parts: Any) -> str:
    """sha256 of the JSON rendering of `parts` (lists in a fixed order; dates as ISO)."""
    text = json.dumps(parts, ensure_ascii=False, default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
