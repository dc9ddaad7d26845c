"""Rows read from Neo4j (statements, edges, actors), shaped as the API and CLI show them."""

from __future__ import annotations

import datetime as dt
from typing import Any


def native_date(value: Any) -> dt.date | None:
    """A Neo4j date (or None) as a Python date."""
    if value is None:
        return None
    native = value.to_native() if hasattr(value, "to_native") else value
    return native if isinstance(native, dt.date) else None


def statement_fields(s: Any) -> dict[str, Any]:
    """A statement map (`id`, `sentence`, ..., `doc_id`, `doc_title`, `doc_url`,
    `doc_date`) as a dict with its document nested."""
    return {
        "id": s["id"],
        "sentence": s["sentence"],
        "start": s["start"],
        "end": s["end"],
        "speaker": s["speaker"],
        "date": native_date(s["date"]),
        "confidence": s["confidence"],
        "rule": s["rule"],
        "document": {
            "id": s["doc_id"],
            "title": s["doc_title"],
            "url": s["doc_url"],
            "date": native_date(s["doc_date"]),
        },
    }


def statement_row(s: Any) -> dict[str, Any]:
    """Like `statement_fields`, with the edge it states (`source`, `relation`, `target`)."""
    fields = statement_fields(s)
    return {
        "id": fields.pop("id"),
        "source": s["source"],
        "relation": str(s["relation"]).lower(),
        "target": s["target"],
        **fields,
    }


def actor_ref(a: Any) -> dict[str, str]:
    """An actor map (`id`, `name`, `kind`) as a plain dict."""
    return {"id": a["id"], "name": a["name"], "kind": a["kind"]}


def edge_row(r: Any) -> dict[str, Any]:
    """An aggregated edge with both actors (`source_*`/`target_*` columns), as EdgeOut."""
    return {
        "source": {"id": r["source_id"], "name": r["source_name"], "kind": r["source_kind"]},
        "relation": r["relation"].lower(),
        "target": {"id": r["target_id"], "name": r["target_name"], "kind": r["target_kind"]},
        "evidence_count": r["evidence_count"] or 0,
        "doc_count": r["doc_count"] or 0,
        "source_count": r.get("source_count") or 0,
        "first_seen": native_date(r["first_seen"]),
        "last_seen": native_date(r["last_seen"]),
        "confidence": float(r["confidence"] or 0.0),
    }
