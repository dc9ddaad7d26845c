"""Request and response models of the HTTP API (with examples for /docs)."""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field
from pydantic.config import JsonDict

RelationName = Literal["supports", "opposes", "met_with", "seized"]
KindName = Literal[
    "country", "government", "person", "armed_group", "organisation", "group", "place"
]

# Any character but `/` and control characters, with at least one that is neither a
# dot nor blank: every id can be named in a URL path (`/documents/{id}`).
DOC_ID_PATTERN = r"^[^/\x00-\x1f\x7f]*[^/\x00-\x1f\x7f.\s][^/\x00-\x1f\x7f]*$"

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _iso_date_text(value: Any) -> Any:
    """A body date is an ISO date string (JSON has no dates): `0` or `true` is no date."""
    if value is None or isinstance(value, dt.date):
        return value
    if isinstance(value, str) and _ISO_DATE.fullmatch(value):
        return value
    raise ValueError("must be an ISO date string, YYYY-MM-DD")


BodyDate = Annotated[dt.date, BeforeValidator(_iso_date_text)]

RUSSIA: JsonDict = {"id": "russia", "name": "Russia", "kind": "country"}
ASSAD: JsonDict = {"id": "bashar-al-assad", "name": "Bashar al-Assad", "kind": "person"}


class ErrorOut(BaseModel):
    """Every error response: a short code and a message naming the problem."""

    error: str = Field(examples=["not_found"])
    detail: str = Field(examples=["unknown actor: 'Atlantis'"])
    errors: list[dict[str, Any]] | None = Field(
        default=None, description="For 422: one entry per invalid parameter."
    )
    request_id: str | None = Field(
        default=None, description="For 500: the id under which the error was logged."
    )


class HealthOut(BaseModel):
    status: Literal["ok", "unavailable"]
    neo4j: str = Field(examples=["bolt://127.0.0.1:7687"])
    database: str = Field(examples=["neo4j"])
    detail: str | None = None


class ActorRef(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [RUSSIA]})

    id: str
    name: str
    kind: str


class ActorOut(ActorRef):
    model_config = ConfigDict(
        json_schema_extra={"examples": [{**RUSSIA, "aliases": ["Moscow"], "affiliation": None}]}
    )

    aliases: list[str] = []
    affiliation: str | None = None


class Page(BaseModel):
    limit: int
    offset: int
    next_offset: int | None = Field(
        default=None, description="Offset of the next page, or null on the last page."
    )


class ActorPage(Page):
    items: list[ActorOut]


class RelationCount(BaseModel):
    outgoing: int = 0
    incoming: int = 0


class ActorDetail(ActorOut):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    **RUSSIA,
                    "aliases": ["Moscow", "Kremlin"],
                    "affiliation": None,
                    "relations": {"supports": {"outgoing": 1, "incoming": 0}},
                    "statements": 4,
                    "documents": 2,
                }
            ]
        }
    )

    relations: dict[RelationName, RelationCount]
    statements: int = Field(description="Statements behind the edges of this actor.")
    documents: int


class EdgeOut(BaseModel):
    """One aggregated edge: how often and when it was stated, and how confidently."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "source": RUSSIA,
                    "relation": "supports",
                    "target": ASSAD,
                    "evidence_count": 3,
                    "doc_count": 2,
                    "source_count": 2,
                    "first_seen": "2024-12-02",
                    "last_seen": "2024-12-05",
                    "confidence": 0.97,
                }
            ]
        }
    )

    source: ActorRef
    relation: RelationName
    target: ActorRef
    evidence_count: int
    doc_count: int
    source_count: int = Field(0, description="distinct outlets, near-duplicates counted once")
    first_seen: dt.date | None = None
    last_seen: dt.date | None = None
    confidence: float


class EdgePage(Page):
    items: list[EdgeOut]


class DocumentRef(BaseModel):
    id: str
    title: str | None = None
    url: str | None = None
    date: dt.date | None = None


class StatementOut(BaseModel):
    """One sentence stating the edge, with its offsets in the document body
    (null for a title given in front matter, which is not part of the body)."""

    id: str
    sentence: str
    start: int | None
    end: int | None
    speaker: str | None = None
    date: dt.date | None = None
    confidence: float | None = None
    rule: str | None = None
    document: DocumentRef


class EvidenceOut(BaseModel):
    edge: EdgeOut
    statements: list[StatementOut]
    limit: int
    offset: int


class PathHop(BaseModel):
    source: str
    relation: RelationName
    target: str
    evidence_count: int | None = None
    confidence: float | None = None


class PathOut(BaseModel):
    length: int
    nodes: list[ActorRef]
    hops: list[PathHop] = Field(description="Edges along the path, as stored (direction kept).")


class PathsOut(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "source": RUSSIA,
                    "target": ASSAD,
                    "max_hops": 4,
                    "paths": [
                        {
                            "length": 1,
                            "nodes": [RUSSIA, ASSAD],
                            "hops": [
                                {
                                    "source": "russia",
                                    "relation": "supports",
                                    "target": "bashar-al-assad",
                                    "evidence_count": 3,
                                    "confidence": 0.97,
                                }
                            ],
                        }
                    ],
                }
            ]
        }
    )

    source: ActorRef
    target: ActorRef
    max_hops: int
    paths: list[PathOut]


class GraphEvidence(BaseModel):
    sentence: str
    doc_id: str
    title: str | None = None
    url: str | None = None
    date: dt.date | None = None
    speaker: str | None = None
    confidence: float | None = None
    rule: str | None = Field(default=None, description="What produced the statement.")


class GraphEdgeOut(BaseModel):
    source: str
    relation: RelationName
    target: str
    evidence_count: int
    doc_count: int
    first_seen: dt.date | None = None
    last_seen: dt.date | None = None
    confidence: float
    evidence: list[GraphEvidence] = []


class GraphOut(BaseModel):
    center: str | None
    truncated: bool = Field(description="True when max_nodes cut the subgraph short.")
    nodes: list[ActorOut]
    edges: list[GraphEdgeOut]


class DocumentIn(BaseModel):
    """A news text to extract and load."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "text": "Russia said it would keep supporting Bashar al-Assad.",
                    "title": "Russia backs Assad",
                    "url": "https://example.org/russia-assad",
                    "date": "2024-12-02",
                    "source": "Example News",
                }
            ]
        },
    )

    text: str = Field(
        min_length=1, max_length=1_000_000, pattern=r"\S", description="Not blank."
    )
    title: str | None = Field(default=None, max_length=1000)
    url: str | None = Field(default=None, max_length=2000)
    date: BodyDate | None = None
    source: str | None = Field(
        default=None, max_length=300, description="The outlet that published it."
    )
    id: str | None = Field(
        default=None,
        max_length=200,
        pattern=DOC_ID_PATTERN,
        description="Document id (no `/` or control characters, not only dots or blanks); "
        "derived from title/text if absent.",
    )


class ExtractedEdge(BaseModel):
    """One statement found in the posted document (the `extract` JSONL record)."""

    subject: str
    subject_id: str
    relation: RelationName
    object: str
    object_id: str
    sentence: str
    start: int | None
    end: int | None
    speaker: str | None = None
    negated: bool
    hypothetical: bool
    date: dt.date | None = None
    confidence: float


class DocumentOut(BaseModel):
    doc_id: str
    title: str | None = None
    edges: list[ExtractedEdge]
    loaded: dict[str, Any] = Field(description="The loader's summary of what was written.")


class DeletedOut(BaseModel):
    doc_id: str
    deleted: bool = True
    detail: dict[str, Any] | None = None


class StatsOut(BaseModel):
    model_config = ConfigDict(
        extra="allow",
        json_schema_extra={
            "examples": [
                {
                    "documents": 5,
                    "statements": 60,
                    "actors": 30,
                    "edges": 40,
                    "edges_by_relation": {
                        "supports": 12,
                        "opposes": 15,
                        "met_with": 9,
                        "seized": 4,
                    },
                }
            ]
        },
    )

    documents: int
    statements: int
    actors: int
    edges: int
    edges_by_relation: dict[str, int]
