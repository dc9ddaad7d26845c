"""The options that choose part of the graph (`view`, `export`), given as one `GraphFilter`."""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable
from typing import Any

import click

from graph_builder.models import RELATIONS
from graph_builder.subgraph import MAX_DEPTH, GraphFilter

Command = Callable[..., None]


def iso_date(_: click.Context, __: click.Parameter, value: str | None) -> dt.date | None:
    """A click callback: the option's ISO date, or a one-line error naming it."""
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not an ISO date (YYYY-MM-DD)") from None


def graph_filter_options(center_help: str, max_nodes: int, max_nodes_help: str) -> Callable[
    [Command], Command
]:
    """--center, --depth, --relation, --since, --until and --max-nodes (1..`max_nodes`),
    passed to the command as `where`."""

    def decorate(command: Command) -> Command:
        @functools.wraps(command)
        def run(
            *args: Any,
            center: str | None,
            depth: int,
            relation: tuple[str, ...],
            since: dt.date | None,
            until: dt.date | None,
            max_nodes: int,
            **kwargs: Any,
        ) -> None:
            where = GraphFilter(center, depth, list(relation) or None, since, until, max_nodes)
            command(*args, where=where, **kwargs)

        options = [
            click.option("--center", metavar="NAME", help=center_help),
            click.option(
                "--depth", type=click.IntRange(1, MAX_DEPTH), default=2, show_default=True,
                help="Hops from the centre.",
            ),
            click.option(
                "--relation", type=click.Choice(RELATIONS), multiple=True,
                help="Only this relation (repeatable).",
            ),
            click.option(
                "--since", callback=iso_date, metavar="DATE",
                help="Only edges last seen on or after (ISO).",
            ),
            click.option(
                "--until", callback=iso_date, metavar="DATE",
                help="Only edges first seen on or before (ISO).",
            ),
            click.option(
                "--max-nodes", type=click.IntRange(1, max_nodes), default=2000,
                show_default=True, help=max_nodes_help,
            ),
        ]  # fmt: skip
        for option in reversed(options):
            run = option(run)
        return run

    return decorate
