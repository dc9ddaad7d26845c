"""The change feed: what the statements dated in a window add to the graph.

Dates are those of the statements (the date a sentence states, else its document's),
the same dates `first_seen` and `last_seen` of an edge are made of; statements with
no date have no place in time and are left out. For a window from `since` (to `until`):

* **new**: edges with statements in the window and none dated before `since`;
* **grew**: edges with statements before `since` and more in the window;
* **flipped**: pairs of actors whose stance (supports or opposes, in either
  direction) as last stated before `since` differs from their stance as last stated
  in the window. A stance is taken from the statements of the latest date; when they
  disagree (both on one day) the stance is mixed and no flip is reported.

Each change carries the statements behind it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import neo4j

from graph_builder.reads import read_query
from graph_builder.statement_rows import edge_row, native_date, statement_row

STANCES = ("SUPPORTS", "OPPOSES")


@dataclass(frozen=True, slots=True)
class KeyStatements:
    """The statements of one edge key in a span of dates."""

    key: str
    count: int
    last: dt.date | None
    statements: list[dict[str, Any]]
    first: dt.date | None = None

    @property
    def parts(self) -> tuple[str, str, str]:
        source, type_, target = self.key.split("|")
        return source, type_, target


@dataclass(slots=True)
class Changes:
    """The three kinds of change, each a list of dicts; `totals` before any limit."""

    since: dt.date
    until: dt.date | None
    new: list[dict[str, Any]] = field(default_factory=list)
    grew: list[dict[str, Any]] = field(default_factory=list)
    flipped: list[dict[str, Any]] = field(default_factory=list)

    def totals(self) -> dict[str, int]:
        return {"new": len(self.new), "grew": len(self.grew), "flipped": len(self.flipped)}


def pair_keys(a: str, b: str) -> list[str]:
    """The stance edge keys between two actors, both directions."""
    return [f"{x}|{t}|{y}" for t in STANCES for x, y in ((a, b), (b, a))]


def stance(items: Sequence[KeyStatements]) -> tuple[str | None, list[KeyStatements]]:
    """The relation as last stated among `items` (None when mixed or none), and the
    items stated on that last date."""
    dated = [i for i in items if i.count and i.last is not None]
    if not dated:
        return None, []
    last = max(i.last for i in dated if i.last is not None)
    latest = [i for i in dated if i.last == last]
    relations = {i.parts[1] for i in latest}
    return (relations.pop() if len(relations) == 1 else None), latest


def classify(
    window: dict[str, KeyStatements],
    before: dict[str, KeyStatements],
    types: Sequence[str],
) -> tuple[list[str], list[str], list[tuple[str, str, str, str]]]:
    """Edge keys that are new, keys that grew, and flipped pairs (a, b, from, to), a < b."""
    new: list[str] = []
    grew: list[str] = []
    for key, w in window.items():
        if w.parts[1] not in types:
            continue
        prior = before.get(key)
        (grew if prior is not None and prior.count else new).append(key)
    flipped = []
    if any(t in STANCES for t in types):
        pairs = {
            tuple(sorted((w.parts[0], w.parts[2])))
            for w in window.values()
            if w.parts[1] in STANCES
        }
        for a, b in sorted(pairs):
            keys = pair_keys(a, b)
            was, _ = stance([before[k] for k in keys if k in before])
            now, _ = stance([window[k] for k in keys if k in window])
            if was and now and was != now:
                flipped.append((a, b, was, now))
    return new, grew, flipped


def _key_rows(records: Sequence[neo4j.Record], with_first: bool) -> dict[str, KeyStatements]:
    return {
        r["key"]: KeyStatements(
            r["key"],
            r["n"],
            native_date(r["last"]),
            [statement_row(s) for s in r["statements"]],
            native_date(r["first"]) if with_first else None,
        )
        for r in records
    }


def fetch_changes(
    driver: neo4j.Driver,
    database: str,
    since: dt.date,
    until: dt.date | None = None,
    relations: Sequence[str] | None = None,
    per: int = 10,
) -> Changes:
    """The changes stated from `since` to `until` (inclusive), at most `per` statements
    for each; `relations` (lower-case names) limits new and grown edges."""
    # `until` before `since` is an empty window (no changes), as the API's other ranges.
    types = (
        [r.upper() for r in relations]
        if relations
        else ["SUPPORTS", "OPPOSES", "MET_WITH", "SEIZED"]
    )
    params = {"since": since, "until": until, "per": per}
    window = _key_rows(read_query(driver, database, "changes/window", params), True)
    stances = any(t in STANCES for t in types)
    chosen = {
        k: w
        for k, w in window.items()
        if w.parts[1] in types or (stances and w.parts[1] in STANCES)
    }
    pairs = sorted({tuple(sorted((w.parts[0], w.parts[2]))) for w in chosen.values()})
    edges = {
        r["key"]: edge_row(r)
        for r in read_query(driver, database, "changes/pair_edges", {"pairs": pairs})
    }
    # Earlier statements matter only for edges first seen before the window (grown
    # ones, and the stance edges of pairs that may have flipped): first_seen is the
    # earliest statement date.
    older = {k for k, e in edges.items() if e["first_seen"] is not None and e["first_seen"] < since}
    keys = {k for k in older if k in chosen and window[k].parts[1] in types}
    if stances:
        for a, b in pairs:
            stance_keys = [k for k in pair_keys(a, b) if k in edges]
            if any(k in older for k in stance_keys):
                keys.update(stance_keys)
    before = _key_rows(
        read_query(
            driver, database, "changes/before", {"keys": sorted(keys), "since": since, "per": per}
        ),
        False,
    )
    new, grew, flipped = classify(chosen, before, types)
    out = Changes(since, until)
    for key in new:
        if key in edges:
            w = window[key]
            out.new.append(
                {
                    "edge": edges[key],
                    "first": w.first,
                    "statements_since": w.count,
                    "statements": w.statements,
                }
            )
    for key in grew:
        if key in edges:
            w, prior = window[key], before[key]
            out.grew.append(
                {
                    "edge": edges[key],
                    "first": w.first,
                    "statements_before": prior.count,
                    "statements_since": w.count,
                    "statements": w.statements,
                }
            )
    for a, b, was, now in flipped:
        keys_ab = pair_keys(a, b)
        _, old = stance([before[k] for k in keys_ab if k in before])
        _, recent = stance([window[k] for k in keys_ab if k in window])
        actors = _pair_actors(a, b, [edges[k] for k in keys_ab if k in edges])
        if actors is None:
            continue
        out.flipped.append(
            {
                "actors": actors,
                "from": was.lower(),
                "to": now.lower(),
                "last_before": max(i.last for i in old if i.last),
                "first": min(s["date"] for i in recent for s in i.statements if s["date"]),
                "edges": [edges[k] for k in keys_ab if k in edges],
                "statements_before": [s for i in old for s in i.statements],
                "statements": [s for i in recent for s in i.statements],
            }
        )
    for items in (out.new, out.grew, out.flipped):
        items.sort(key=lambda c: (c["first"], _sort_key(c)))
    return out


def _sort_key(change: dict[str, Any]) -> str:
    if "edge" in change:
        e = change["edge"]
        return f"{e['source']['id']}|{e['relation']}|{e['target']['id']}"
    return "|".join(a["id"] for a in change["actors"])


def _pair_actors(a: str, b: str, edges: list[dict[str, Any]]) -> list[dict[str, str]] | None:
    known = {}
    for e in edges:
        known[e["source"]["id"]] = e["source"]
        known[e["target"]["id"]] = e["target"]
    if a not in known or b not in known:
        return None
    return [known[a], known[b]]
