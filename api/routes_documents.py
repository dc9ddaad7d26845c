"""Writes: add a document (extract and load it) or delete one. Both need the API key."""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING, Annotated, Any

from fastapi import APIRouter, Path, Request

from api.deps import DatabaseDep, LiveDriverDep, WriteAccess
from api.responses import errors
from api.schemas import DeletedOut, DocumentIn, DocumentOut
from graph_builder.loader import delete_document, load_extractions
from graph_builder.models import Extraction
from graph_builder.reader import make_document
from graph_builder.schema import ensure_schema

if TYPE_CHECKING:
    from graph_builder.extract import Extractor

router = APIRouter(tags=["documents"], dependencies=[WriteAccess])
ERRORS = errors(401, 422, 503)
DELETE_ERRORS = errors(404, 401, 422, 503)
_lock = threading.Lock()  # one extraction at a time; the pipeline is built once


def extractor(request: Request) -> Extractor:
    """The app's extractor, built on first use (loading spaCy takes a few seconds)."""
    state = request.app.state
    if state.extractor is None:
        from graph_builder.extract import Extractor  # imports spaCy: only when needed

        state.extractor = Extractor()
    built: Extractor = state.extractor
    return built


@router.post(
    "/documents",
    response_model=DocumentOut,
    status_code=201,
    responses=ERRORS,
    summary="Extract a news text and load it; returns its edges",
)
def add_document(
    body: DocumentIn, request: Request, driver: LiveDriverDep, database: DatabaseDep
) -> dict[str, Any]:
    document = make_document(
        body.text, title=body.title, url=body.url, date=body.date, doc_id=body.id,
        source=body.source,
    )
    with _lock:
        edges = extractor(request).extract(document)
    if not request.app.state.schema_ready:
        ensure_schema(driver, database)
        request.app.state.schema_ready = True
    summary = load_extractions(driver, [Extraction(document, edges)], database=database)
    return {
        "doc_id": document.id,
        "title": document.title,
        "edges": [e.to_record() for e in edges],
        "loaded": summary.as_dict(),
    }


@router.delete(
    "/documents/{doc_id:path}",
    response_model=DeletedOut,
    responses=DELETE_ERRORS,
    summary="Delete a document and every edge left without evidence",
)
def remove_document(
    doc_id: Annotated[
        str,
        Path(
            min_length=1,
            max_length=1000,
            description="The id of a stored document (any id, `/` included, percent-encoded).",
        ),
    ],
    driver: LiveDriverDep,
    database: DatabaseDep,
) -> dict[str, Any]:
    summary = delete_document(driver, doc_id, database)
    return {"doc_id": doc_id, "deleted": True, "detail": summary.as_dict()}
