"""Query and path parameters shared by the routes, with their bounds and messages."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from typing import Annotated, Any

from fastapi import Path, Query
from pydantic import BeforeValidator

from api.schemas import RelationName

MAX_LIMIT = 1000
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _iso_date(value: Any) -> Any:
    if isinstance(value, str):
        if not _ISO_DATE.fullmatch(value.strip()):
            raise ValueError("must be an ISO date, YYYY-MM-DD")
        return dt.date.fromisoformat(value.strip())
    return value


def _lower(value: Any) -> Any:
    if isinstance(value, list):
        return [v.strip().lower() if isinstance(v, str) else v for v in value]
    return value.strip().lower() if isinstance(value, str) else value


IsoDate = Annotated[dt.date, BeforeValidator(_iso_date)]
Relation = Annotated[RelationName, BeforeValidator(_lower)]

Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description=f"Page size, 1..{MAX_LIMIT}.")]
Offset = Annotated[int, Query(ge=0, le=1_000_000, description="Rows to skip.")]
# The two bounds are independent: `since` after `until` asks for the edges stated
# both before `until` and after `since` (those that span the gap).
Since = Annotated[
    IsoDate | None,
    Query(description="Only edges last seen on or after this ISO date.", examples=["2024-12-01"]),
]
Until = Annotated[
    IsoDate | None,
    Query(description="Only edges first seen on or before this ISO date.", examples=["2024-12-31"]),
]
Relations = Annotated[
    list[Relation] | None,
    Query(description="Relation type(s); repeat the parameter for several. Default: all."),
]
MinEvidence = Annotated[
    int, Query(ge=1, le=1_000_000, description="Only edges with at least this many statements.")
]
ActorPath = Annotated[
    str,
    Path(
        min_length=1,
        max_length=200,
        description="Actor id, name or alias (any case).",
        examples=["russia"],
    ),
]


def actor_query(description: str, example: str) -> Any:
    return Query(min_length=1, max_length=200, description=description, examples=[example])


def types_of(relations: Sequence[str] | None) -> list[str]:
    """Relationship type names (e.g. SUPPORTS) for the chosen relations, all by default."""
    chosen = relations or ["supports", "opposes", "met_with", "seized"]
    return sorted({r.upper() for r in chosen})
