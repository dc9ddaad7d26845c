"""Read queries behind the API: parameterised Cypher from `cypher/api/`, rows as dicts."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import neo4j

from graph_builder.lookup import read_query

_LUCENE_SPECIAL = re.compile(r'[+\-!(){}\[\]^"~*?:\\/&|]')


def read(driver: neo4j.Driver, database: str, name: str, **params: Any) -> list[neo4j.Record]:
    """Run `cypher/<name>.cypher` with `params` (a read, no retries)."""
    return read_query(driver, database, name, params)


def native(value: Any) -> Any:
    """Neo4j temporal values to Python ones."""
    return value.to_native() if hasattr(value, "to_native") else value


def page(rows: list[Any], limit: int, offset: int) -> tuple[list[Any], int | None]:
    """Rows were fetched with limit + 1: cut to `limit` and give the next offset."""
    return rows[:limit], (offset + limit if len(rows) > limit else None)


def edge_row(r: neo4j.Record | dict[str, Any]) -> dict[str, Any]:
    """An EdgeOut-shaped dict from a row with source_*/target_* columns."""
    return {
        "source": {"id": r["source_id"], "name": r["source_name"], "kind": r["source_kind"]},
        "relation": r["relation"].lower(),
        "target": {"id": r["target_id"], "name": r["target_name"], "kind": r["target_kind"]},
        "evidence_count": r["evidence_count"] or 0,
        "doc_count": r["doc_count"] or 0,
        "source_count": r["source_count"] or 0,
        "first_seen": native(r["first_seen"]),
        "last_seen": native(r["last_seen"]),
        "confidence": float(r["confidence"] or 0.0),
    }


def actor_row(r: neo4j.Record) -> dict[str, Any]:
    return {
        "id": r["id"],
        "name": r["name"],
        "kind": r["kind"],
        "aliases": list(r["aliases"] or []),
        "affiliation": r["affiliation"],
    }


def lucene_query(text: str) -> str | None:
    """A Lucene query matching every word of `text` as a prefix (special characters
    escaped, operators neutralised); None when no word is left."""
    terms = []
    for word in text.lower().split():
        word = _LUCENE_SPECIAL.sub(lambda m: "\\" + m.group(0), word)
        if any(c.isalnum() for c in word):
            terms.append(f"{word}*")
    return " AND ".join(terms) if terms else None


def search_actors(
    driver: neo4j.Driver, database: str, q: str | None, kind: str | None, limit: int, offset: int
) -> tuple[list[dict[str, Any]], int | None]:
    """Actors by full-text search over names and aliases, plus id/substring matches."""
    params = dict(kind=kind, offset=offset, limit=limit + 1)
    if q is None or not q.strip():
        rows = read(driver, database, "api/actors_search", q=None, **params)
        return page([actor_row(r) for r in rows], limit, offset)
    lucene = lucene_query(q)
    found = read(driver, database, "api/actors_fulltext", lucene=lucene, **params) if lucene else []
    if not found:  # e.g. a fragment inside a word or an id: fall back to a substring scan
        found = read(driver, database, "api/actors_search", q=q.strip().lower(), **params)
    return page([actor_row(r) for r in found], limit, offset)


def actor_detail(driver: neo4j.Driver, database: str, actor_id: str) -> dict[str, Any] | None:
    rows = read(driver, database, "api/actor_detail", id=actor_id)
    if not rows:
        return None
    r = rows[0]
    counts: dict[str, dict[str, int]] = {}
    for side in ("outgoing", "incoming"):
        for rel_type in r[side]:
            entry = counts.setdefault(rel_type.lower(), {"outgoing": 0, "incoming": 0})
            entry[side] += 1
    return {
        **actor_row(r),
        "relations": counts,
        "statements": r["statements"],
        "documents": r["documents"],
    }


def actor_relations(
    driver: neo4j.Driver,
    database: str,
    actor_id: str,
    types: list[str],
    direction: str,
    since: dt.date | None,
    until: dt.date | None,
    min_evidence: int,
    limit: int,
    offset: int,
) -> tuple[list[dict[str, Any]], int | None] | None:
    """The edges of the actor with this exact id; None when there is no such actor."""
    rows = read(
        driver,
        database,
        "api/actor_relations",
        id=actor_id,
        types=types,
        direction=direction,
        since=since,
        until=until,
        min_evidence=min_evidence,
        offset=offset,
        limit=limit + 1,
    )
    if not rows:
        return None
    return page([edge_row(r) for r in rows[0]["edges"]], limit, offset)


def relations(
    driver: neo4j.Driver,
    database: str,
    source: str | None,
    target: str | None,
    types: list[str],
    since: dt.date | None,
    until: dt.date | None,
    min_evidence: int,
    limit: int,
    offset: int,
) -> tuple[list[dict[str, Any]], int | None]:
    params = dict(
        types=types,
        since=since,
        until=until,
        min_evidence=min_evidence,
        offset=offset,
        limit=limit + 1,
    )
    if source is None and target is None:
        rows = read(driver, database, "api/relations_all", **params)
    else:
        rows = read(
            driver,
            database,
            "api/relations_anchored",
            anchor=source or target,
            source=source,
            target=target,
            **params,
        )
    return page([edge_row(r) for r in rows], limit, offset)


def edge_evidence(
    driver: neo4j.Driver,
    database: str,
    source: str,
    relation: str,
    target: str,
    limit: int,
    offset: int,
) -> dict[str, Any] | None:
    rows = read(
        driver,
        database,
        "api/edge_evidence",
        source=source,
        target=target,
        type=relation.upper(),
        offset=offset,
        limit=limit,
    )
    if not rows:
        return None
    r = rows[0]
    statements = [
        {
            "id": s["id"],
            "sentence": s["sentence"],
            "start": s["start"],
            "end": s["end"],
            "speaker": s["speaker"],
            "date": native(s["date"]),
            "confidence": s["confidence"],
            "rule": s["rule"],
            "document": {
                "id": s["doc_id"],
                "title": s["doc_title"],
                "url": s["doc_url"],
                "date": native(s["doc_date"]),
            },
        }
        for s in r["statements"]
    ]
    return {"edge": edge_row(r), "statements": statements, "limit": limit, "offset": offset}


def paths(
    driver: neo4j.Driver,
    database: str,
    source: str,
    target: str,
    types: list[str],
    max_hops: int,
    all_shortest: bool,
    limit: int,
) -> dict[str, Any]:
    """Shortest paths of at most `max_hops` (none when the shortest is longer) between the
    actors with ids `source` and `target`; `source`/`target` are None when no such id."""
    name = "api/paths_all_shortest" if all_shortest else "api/paths_shortest"
    r = read(driver, database, name, source=source, target=target, types=types, limit=limit)[0]
    out = []
    for p in r["paths"]:
        if len(p["hops"]) > max_hops:
            continue
        hops = [{**h, "relation": h["relation"].lower()} for h in p["hops"]]
        out.append({"length": len(hops), "nodes": p["nodes"], "hops": hops})
    return {"source": r["source"], "target": r["target"], "paths": out}
