"""`graph-builder review ...`: analyst decisions that outlast re-ingestion."""

from __future__ import annotations

import getpass
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click
import neo4j
from pydantic import ValidationError

from graph_builder.errors import InputError
from graph_builder.models import KIND_LABELS, RELATIONS
from graph_builder.settings import get_settings

if TYPE_CHECKING:
    from graph_builder.decisions.apply import Applied
    from graph_builder.decisions.model import Decision


def _default_user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown"


def _who(fn: Callable[..., Any]) -> Callable[..., Any]:
    fn = click.option("--reason", required=True, help="Why (kept with the decision).")(fn)
    return click.option(
        "--by", default=_default_user, show_default="your user name", help="Who decides."
    )(fn)


@contextmanager
def _driver() -> Iterator[tuple[neo4j.Driver, str]]:
    from graph_builder.db import open_driver

    settings = get_settings()
    with open_driver(settings) as driver:
        yield driver, settings.neo4j_database


def _decide(**fields: Any) -> None:
    from graph_builder.decisions.model import DecisionIn, describe
    from graph_builder.decisions.store import decide

    try:
        decided = DecisionIn(**{k: v for k, v in fields.items() if v is not None})
    except ValidationError as exc:
        raise InputError(describe(exc)) from None
    with _driver() as (driver, database):
        decision, applied = decide(driver, database, decided)
    click.echo(f"{decision.id}: {_summary(decision)}; {_changes(applied)}")


def _summary(d: Decision) -> str:
    if d.action == "reject_edge":
        return f"rejected {d.source} {d.relation} {d.target}"
    if d.action == "reject_statement":
        return f"rejected statement {d.statement}"
    if d.action == "merge":
        return f"merged {d.actor} into {d.into}"
    if d.action == "split":
        return f"split {d.alias!r} off {d.actor} as {d.new_id}"
    if d.action == "rename":
        return f"renamed {d.actor} to {d.name!r}"
    if d.action == "set_kind":
        return f"set the kind of {d.actor} to {d.kind}"
    return f"set the affiliation of {d.actor} to {d.affiliation or 'none'}"


def _changes(applied: Applied) -> str:
    c = applied.as_dict()
    return (
        f"{c['statements']} statement(s) changed, {c['edges_set']} edge(s) set, "
        f"{c['edges_deleted']} deleted, {c['actors_written']} actor(s) updated, "
        f"{c['actors_deleted']} deleted"
    )


@click.group("review")
def review() -> None:
    """Analyst decisions: reject, merge, split, rename, set kind or affiliation.

    Decisions are kept in Neo4j and applied whenever documents are loaded, so
    re-ingesting never brings back a rejected edge or an actor merged away.
    """


@review.command("reject")
@click.argument("source", required=False)
@click.argument("relation", required=False, type=click.Choice(RELATIONS))
@click.argument("target", required=False)
@click.option("--statement", metavar="ID", help="Reject one statement instead of an edge.")
@_who
def reject(
    source: str | None, relation: str | None, target: str | None, statement: str | None,
    by: str, reason: str,
) -> None:  # fmt: skip
    """Reject the edge SOURCE RELATION TARGET (actors by id, name or alias), or one
    statement with --statement ID. The statements stay, marked rejected."""
    if statement and (source or relation or target):
        raise click.UsageError("give either SOURCE RELATION TARGET or --statement, not both")
    if statement:
        _decide(action="reject_statement", statement=statement, by=by, reason=reason)
    elif source and relation and target:
        _decide(action="reject_edge", source=source, relation=relation, target=target, by=by,
                reason=reason)  # fmt: skip
    else:
        raise click.UsageError("give SOURCE RELATION TARGET, or --statement ID")


@review.command("merge")
@click.argument("actor")
@click.argument("into")
@_who
def merge(actor: str, into: str, by: str, reason: str) -> None:
    """Merge ACTOR into INTO: its statements move, its names become INTO's aliases."""
    _decide(action="merge", actor=actor, into=into, by=by, reason=reason)


@review.command("split")
@click.argument("actor")
@click.argument("alias")
@click.option("--new-id", help="Id of the actor the alias becomes (default: from the alias).")
@click.option("--name", help="Its name (default: the alias).")
@_who
def split(
    actor: str, alias: str, new_id: str | None, name: str | None, by: str, reason: str
) -> None:
    """Split ALIAS off ACTOR: statements whose sentence names the alias (and none of
    ACTOR's other names) go to a new actor (or an existing one, with --new-id)."""
    _decide(action="split", actor=actor, alias=alias, new_id=new_id, name=name, by=by,
            reason=reason)  # fmt: skip


@review.command("rename")
@click.argument("actor")
@click.argument("name")
@_who
def rename(actor: str, name: str, by: str, reason: str) -> None:
    """Give ACTOR the display name NAME (its id stays)."""
    _decide(action="rename", actor=actor, name=name, by=by, reason=reason)


@review.command("set-kind")
@click.argument("actor")
@click.argument("kind", type=click.Choice(list(KIND_LABELS)))
@_who
def set_kind(actor: str, kind: str, by: str, reason: str) -> None:
    """Set ACTOR's kind."""
    _decide(action="set_kind", actor=actor, kind=kind, by=by, reason=reason)


@review.command("set-affiliation")
@click.argument("actor")
@click.argument("affiliation")
@_who
def set_affiliation(actor: str, affiliation: str, by: str, reason: str) -> None:
    """Set the actor ACTOR belongs to (AFFILIATION `none` clears it)."""
    value = None if affiliation.strip().lower() == "none" else affiliation
    _decide(action="set_affiliation", actor=actor, affiliation=value, by=by, reason=reason)


@review.command("list")
@click.option("--all", "include_undone", is_flag=True, help="Include undone decisions.")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per line.")
def list_command(include_undone: bool, as_json: bool) -> None:
    """The decisions in force (oldest first)."""
    from graph_builder.decisions.store import list_decisions

    with _driver() as (driver, database):
        decisions = list_decisions(driver, database, include_undone=include_undone)
    for d in decisions:
        if as_json:
            click.echo(d.model_dump_json(exclude_none=True))
            continue
        undone = f"  [undone {d.undone_at:%Y-%m-%d} by {d.undone_by}]" if d.undone_at else ""
        click.echo(f"{d.id}  {d.at:%Y-%m-%d %H:%M}  {d.by}: {_summary(d)} ({d.reason}){undone}")
    if not decisions and not as_json:
        click.echo("No decisions.", err=True)


@review.command("undo")
@click.argument("decision_id", metavar="ID")
@click.option("--by", default=_default_user, show_default="your user name", help="Who undoes it.")
@click.option("--reason", help="Why.")
def undo_command(decision_id: str, by: str, reason: str | None) -> None:
    """Undo decision ID: it stays on record, marked undone, and no longer applies."""
    from graph_builder.decisions.store import undo

    with _driver() as (driver, database):
        decision, applied = undo(driver, database, decision_id, by, reason)
    click.echo(f"undone {decision.id} ({_summary(decision)}); {_changes(applied)}")


@review.command("export")
@click.argument("output", type=click.Path(dir_okay=False, allow_dash=True, path_type=Path))
@click.option("--all", "include_undone", is_flag=True, help="Include undone decisions.")
def export_command(output: Path, include_undone: bool) -> None:
    """Write the decisions to OUTPUT as JSONL (`-`: standard output)."""
    from graph_builder.decisions.model import to_jsonl
    from graph_builder.decisions.store import list_decisions

    with _driver() as (driver, database):
        decisions = list_decisions(driver, database, include_undone=include_undone)
    text = to_jsonl(decisions)
    if str(output) == "-":
        sys.stdout.write(text)
        return
    try:
        output.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise InputError(f"{output}: cannot write ({exc.strerror})") from None
    click.echo(f"Wrote {len(decisions)} decision(s) to {output}", err=True)


@review.command("import")
@click.argument("source", type=click.Path(dir_okay=False, allow_dash=False, path_type=Path))
def import_command(source: Path) -> None:
    """Store and apply the decisions of a JSONL file (from `review export`); those
    already stored (same id) are skipped."""
    from graph_builder.decisions.model import read_jsonl
    from graph_builder.decisions.store import import_decisions

    decisions = list(read_jsonl(source))
    with _driver() as (driver, database):
        imported, skipped = import_decisions(driver, database, decisions)
    click.echo(f"Imported {imported} decision(s), {skipped} already stored")


COMMANDS: list[click.Command] = [review]
