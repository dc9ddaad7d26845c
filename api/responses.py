"""The error answers routes document in the OpenAPI schema (their `responses`)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from api.schemas import ErrorOut

Responses = dict[int | str, dict[str, Any]]

# HTML pages answer errors in JSON too: said explicitly, since a `model` would be
# documented under the route's own media type (text/html).
_JSON_ERROR = {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorOut"}}}


def errors(*codes: int, described: Mapping[int, str] | None = None) -> Responses:
    """`ErrorOut` answers for these status codes, some with a description."""
    out: Responses = {}
    for code in codes:
        out[code] = {"model": ErrorOut}
        if described and code in described:
            out[code]["description"] = described[code]
    return out


def page_errors(not_found: str) -> Responses:
    """The JSON errors of an HTML page: 404 (`not_found`), 422 and 503."""
    return {
        404: {"description": not_found, "content": _JSON_ERROR},
        422: {"description": "Invalid parameter (named).", "content": _JSON_ERROR},
        503: {"description": "Neo4j unavailable.", "content": _JSON_ERROR},
    }
