"""Statement rows read from Neo4j, shaped as the API and CLI show them."""

from __future__ import annotations

import datetime as dt
from typing import Any


def native_date(value: Any) -> dt.date | None:
    """A Neo4j date (or None) as a Python date."""
    if value is None:
        return None
    native = value.to_native() if hasattr(value, "to_native") else value
    return native if isinstance(native, dt.date) else None


def statement_row(s: Any) -> dict[str, Any]:
    """A statement map (`id`, `sentence`, ..., `doc_id`, `doc_title`, `doc_url`, `doc_date`,
    `source`, `relation`, `target`) as a dict with its document nested."""
    return {
        "id": s["id"],
        "source": s["source"],
        "relation": str(s["relation"]).lower(),
        "target": s["target"],
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


def actor_ref(a: Any) -> dict[str, str]:
    """An actor map (`id`, `name`, `kind`) as a plain dict."""
    return {"id": a["id"], "name": a["name"], "kind": a["kind"]}
