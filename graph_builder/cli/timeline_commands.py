"""`graph-builder control` (who held which place when) and `graph-builder changes`
(what the statements since a date changed)."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import click

from graph_builder.changes import Changes
from graph_builder.control import Period, PlaceControl
from graph_builder.errors import InputError
from graph_builder.models import RELATIONS
from graph_builder.settings import get_settings

SENTENCE_WIDTH = 110


def _iso(_: click.Context, param: click.Parameter, value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        raise click.BadParameter(f"{value!r} is not an ISO date (YYYY-MM-DD)") from None


def _json(value: Any) -> str:
    return json.dumps(value, indent=2, default=lambda v: v.isoformat(), ensure_ascii=False)


def _clip(text: str, width: int = SENTENCE_WIDTH) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def _source(s: dict[str, Any]) -> str:
    doc = s["document"]
    return str(doc.get("url") or doc.get("title") or doc["id"])


def _evidence_lines(statements: list[dict[str, Any]], total: int) -> Iterator[str]:
    for s in statements:
        said = f", said by {s['speaker']}" if s.get("speaker") else ""
        yield f'      {s["date"] or "undated"}  "{_clip(s["sentence"])}"{said} [{_source(s)}]'
    if total > len(statements):
        yield f"      … and {total - len(statements)} more"


def _holders(period: Period) -> str:
    return ", ".join(h["name"] for h in period.holders)


def format_control(control: PlaceControl, per: int) -> Iterator[str]:
    """The timeline of one place, one line per period and its statements under it."""
    place = control.place
    yield f"{place['name']} ({place['kind'].replace('_', ' ')}, id {place['id']})"
    if not control.periods:
        yield "  no dated seizure recorded"
    for p in control.periods:
        until = p.until.isoformat() if p.until else "latest"
        n = len(p.statements)
        yield (
            f"  {p.since} – {until:<10}  {_holders(p)}  "
            f"({n} statement{'s' if n != 1 else ''}, last stated {p.last_stated})"
        )
        yield from _evidence_lines(p.statements[:per], n)
    for u in control.undated:
        n = len(u.statements)
        plural = "s" if n != 1 else ""
        yield f"  undated{' ' * 19}{u.holder['name']}  ({n} statement{plural})"
        yield from _evidence_lines(u.statements[:per], n)


def format_held(rows: list[tuple[dict[str, str], Period]], at: dt.date | None) -> Iterator[str]:
    """One line per place: its holders on `at` and since when."""
    yield f"Held on {at}:" if at else "Latest holders:"
    if not rows:
        yield "  no place has a recorded holder" + (f" on {at}" if at else "")
    width = max((len(place["name"]) for place, _ in rows), default=0)
    for place, p in rows:
        until = f" until {p.until}" if p.until else ""
        yield f"  {place['name']:<{width}}  {_holders(p)} (since {p.since}{until})"


def _edge_text(e: dict[str, Any]) -> str:
    return f"{e['source']['name']} {e['relation'].replace('_', ' ')} {e['target']['name']}"


def format_changes(changes: Changes, limit: int) -> Iterator[str]:
    """The three kinds of change, each with its statements."""
    window = f"since {changes.since}" + (f" until {changes.until}" if changes.until else "")
    totals = changes.totals()
    yield (
        f"Changes {window}: {totals['new']} new, {totals['grew']} grown, "
        f"{totals['flipped']} flipped"
    )
    sections = (("New relations", changes.new), ("Evidence grew", changes.grew))
    for title, items in sections:
        if items:
            yield f"{title}:"
        for c in items[:limit]:
            prior = f"{c['statements_before']} before, " if "statements_before" in c else ""
            yield f"  {c['first']}  {_edge_text(c['edge'])}  ({prior}{c['statements_since']} since)"
            yield from _evidence_lines(c["statements"], c["statements_since"])
    if changes.flipped:
        yield "Flipped:"
    for f in changes.flipped[:limit]:
        a, b = (x["name"] for x in f["actors"])
        yield (f"  {f['first']}  {a} / {b}: {f['from']} (last {f['last_before']}) -> {f['to']}")
        yield "    before:"
        yield from _evidence_lines(f["statements_before"], len(f["statements_before"]))
        yield "    since:"
        yield from _evidence_lines(f["statements"], len(f["statements"]))


@click.command("control")
@click.argument("place", required=False)
@click.option(
    "--at", callback=_iso, metavar="DATE", help="Who held it (or every place) on this ISO date."
)
@click.option("--json", "as_json", is_flag=True, help="Print JSON (as the API answers).")
@click.option(
    "--html",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Also write the place's timeline page to this file.",
)
@click.option(
    "--statements",
    type=click.IntRange(0, 1000),
    default=3,
    show_default=True,
    help="Statements shown per period.",
)
def control_command(
    place: str | None, at: dt.date | None, as_json: bool, html: Path | None, statements: int
) -> None:
    """Territorial control from `seized` statements: who held PLACE when.

    Without PLACE, every place's holder on --at (the latest holders without it).
    """
    from graph_builder.control import control_at, control_dict, period_dict, place_control
    from graph_builder.db import open_driver

    if html is not None and place is None:
        raise InputError("--html needs a PLACE")
    settings = get_settings()
    with open_driver(settings) as driver:
        if place is None:
            rows = control_at(driver, settings.neo4j_database, at)
            if as_json:
                items = [{"place": p, **period_dict(per, statements)} for p, per in rows]
                click.echo(_json({"at": at, "items": items}))
            else:
                click.echo("\n".join(format_held(rows, at)))
            return
        control = place_control(driver, settings.neo4j_database, place)
    if html is not None:
        from graph_builder.control_view import write_control_page

        write_control_page(control, html)
        click.echo(f"Wrote {html}", err=True)
    if at is not None:
        period = control.at(at)
        if as_json:
            click.echo(
                _json(
                    {
                        "place": control.place,
                        "at": at,
                        "period": period and period_dict(period, statements),
                    }
                )
            )
        elif period is None:
            click.echo(f"{control.place['name']}: no holder recorded on {at}")
        else:
            click.echo("\n".join(format_held([(control.place, period)], at)))
            click.echo(
                "\n".join(_evidence_lines(period.statements[:statements], len(period.statements)))
            )
        return
    if as_json:
        click.echo(_json(control_dict(control, statements)))
    else:
        click.echo("\n".join(format_control(control, statements)))


@click.command("changes")
@click.option("--since", callback=_iso, required=True, metavar="DATE", help="Window start (ISO).")
@click.option("--until", callback=_iso, metavar="DATE", help="Window end (ISO; default none).")
@click.option(
    "--relation",
    type=click.Choice(RELATIONS),
    multiple=True,
    help="Only this relation (repeatable).",
)
@click.option("--json", "as_json", is_flag=True, help="Print JSON (as the API answers).")
@click.option(
    "--limit",
    type=click.IntRange(1, 100_000),
    default=50,
    show_default=True,
    help="Most changes shown of each kind.",
)
@click.option(
    "--statements",
    type=click.IntRange(1, 100),
    default=3,
    show_default=True,
    help="Statements shown per change.",
)
def changes_command(
    since: dt.date,
    until: dt.date | None,
    relation: tuple[str, ...],
    as_json: bool,
    limit: int,
    statements: int,
) -> None:
    """Relations new since a date, relations whose evidence grew, and pairs whose stance
    flipped (supports then opposes, or the reverse), with the statements behind each."""
    from graph_builder.changes import fetch_changes
    from graph_builder.db import open_driver

    if until is not None and until < since:
        raise InputError(f"--since ({since}) must not be after --until ({until})")
    settings = get_settings()
    with open_driver(settings) as driver:
        found = fetch_changes(
            driver, settings.neo4j_database, since, until, list(relation) or None, statements
        )
    if as_json:
        click.echo(
            _json(
                {
                    "since": found.since,
                    "until": found.until,
                    "totals": found.totals(),
                    "new": found.new[:limit],
                    "grew": found.grew[:limit],
                    "flipped": found.flipped[:limit],
                }
            )
        )
    else:
        click.echo("\n".join(format_changes(found, limit)))


COMMANDS: list[click.Command] = [control_command, changes_command]
