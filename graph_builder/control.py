"""Territorial control over time, read from `seized` statements and their dates.

A place is held by whoever last seized it. The statements that some actor seized a
place are grouped by date; each date on which a different set of actors is said to
have seized it starts a new period of control, which lasts until the next such date.
A seizure by actors who already hold the place restates the current period (a later
report of the same capture). Actors said to seize a place on the same day hold that
period jointly (a contested or shared capture). Statements without any date cannot be
placed in time and are listed apart as `undated`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import neo4j

from graph_builder.errors import NotFoundError
from graph_builder.reads import read_query, resolve_actor
from graph_builder.statement_rows import actor_ref, statement_row

Actor = dict[str, str]  # {id, name, kind}
Statement = dict[str, Any]  # see statement_rows.statement_row


@dataclass(slots=True)
class Period:
    """A span during which `holders` held the place: from the first date they were said
    to seize it (`since`) to the date others did (`until`, None while it lasts)."""

    holders: list[Actor]
    since: dt.date
    until: dt.date | None = None
    last_stated: dt.date | None = None
    statements: list[Statement] = field(default_factory=list)

    @property
    def holder_ids(self) -> frozenset[str]:
        return frozenset(a["id"] for a in self.holders)

    def covers(self, day: dt.date) -> bool:
        return self.since <= day and (self.until is None or day < self.until)


@dataclass(slots=True)
class Undated:
    """Seizures stated without a date: who, and the statements."""

    holder: Actor
    statements: list[Statement] = field(default_factory=list)


@dataclass(slots=True)
class PlaceControl:
    """The sequence of holders of one place."""

    place: Actor
    periods: list[Period] = field(default_factory=list)
    undated: list[Undated] = field(default_factory=list)

    def at(self, day: dt.date | None) -> Period | None:
        """The period covering `day` (the latest when None); None before the first."""
        if not self.periods:
            return None
        if day is None:
            return self.periods[-1]
        return next((p for p in self.periods if p.covers(day)), None)


def build_control(place: Actor, seizures: Iterable[tuple[Actor, Statement]]) -> PlaceControl:
    """The control timeline of `place` from (holder, statement) pairs in any order."""
    by_date: dict[dt.date, dict[str, tuple[Actor, list[Statement]]]] = {}
    undated: dict[str, Undated] = {}
    for holder, statement in seizures:
        day = statement["date"]
        if day is None:
            undated.setdefault(holder["id"], Undated(holder)).statements.append(statement)
            continue
        entry = by_date.setdefault(day, {}).setdefault(holder["id"], (holder, []))
        entry[1].append(statement)
    control = PlaceControl(place, undated=sorted(undated.values(), key=lambda u: u.holder["id"]))
    for day in sorted(by_date):
        seized = by_date[day]
        statements = [s for _, (_, sts) in sorted(seized.items()) for s in sts]
        current = control.periods[-1] if control.periods else None
        if current is not None and set(seized) <= current.holder_ids:
            current.statements.extend(statements)
            current.last_stated = day
            continue
        if current is not None:
            current.until = day
        holders = [actor for _, (actor, _) in sorted(seized.items())]
        control.periods.append(Period(holders, day, None, day, statements))
    return control


def _seizure_rows(records: Sequence[neo4j.Record]) -> dict[str, list[tuple[Actor, Statement]]]:
    by_place: dict[str, list[tuple[Actor, Statement]]] = {}
    for r in records:
        by_place.setdefault(r["place"]["id"], []).append(
            (actor_ref(r["holder"]), statement_row(r["statement"]))
        )
    return by_place


def place_control(driver: neo4j.Driver, database: str, place: str) -> PlaceControl:
    """The timeline of the place named `place` (id, name or alias).

    NotFoundError when no actor has that name, or when it is not a place and nothing
    is recorded as seizing it."""
    try:
        node = resolve_actor(driver, database, place)
    except NotFoundError:
        raise NotFoundError(f"unknown place: {place!r}") from None
    records = read_query(driver, database, "control/place_seizures", {"place": node.id})
    control = build_control(
        {"id": node.id, "name": node.name, "kind": node.kind},
        _seizure_rows(records).get(node.id, []),
    )
    if node.kind != "place" and not control.periods and not control.undated:
        raise NotFoundError(
            f"{node.name!r} is a {node.kind.replace('_', ' ')}, not a place, "
            "and nothing is recorded as seizing it"
        )
    return control


def all_control(driver: neo4j.Driver, database: str) -> list[PlaceControl]:
    """The timelines of every place some actor seized, by place name."""
    records = read_query(driver, database, "control/all_seizures", {})
    places = {r["place"]["id"]: actor_ref(r["place"]) for r in records}
    out = [build_control(places[pid], rows) for pid, rows in _seizure_rows(records).items()]
    return sorted(out, key=lambda c: (c.place["name"].lower(), c.place["id"]))


def control_at(
    driver: neo4j.Driver, database: str, day: dt.date | None
) -> list[tuple[Actor, Period]]:
    """Who held each place on `day` (the latest holders when None): places whose first
    dated seizure is later than `day` are left out."""
    out = []
    for control in all_control(driver, database):
        period = control.at(day)
        if period is not None:
            out.append((control.place, period))
    return out


def period_dict(period: Period, per: int) -> dict[str, Any]:
    """A period as the API shows it, with its first `per` statements."""
    return {
        "holders": period.holders,
        "since": period.since,
        "until": period.until,
        "last_stated": period.last_stated,
        "statement_count": len(period.statements),
        "statements": period.statements[:per],
    }


def control_dict(control: PlaceControl, per: int) -> dict[str, Any]:
    """A place's timeline as the API shows it."""
    return {
        "place": control.place,
        "periods": [period_dict(p, per) for p in control.periods],
        "undated": [
            {
                "holder": u.holder,
                "statement_count": len(u.statements),
                "statements": u.statements[:per],
            }
            for u in control.undated
        ],
    }
