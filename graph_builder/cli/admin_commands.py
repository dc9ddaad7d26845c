"""`graph-builder delete` and `graph-builder wipe`: commands that destroy stored data.

Each asks before it deletes anything and needs `--yes` to run without asking; with
no answer (no terminal, end of input) nothing is deleted.
"""

from __future__ import annotations

import click

from graph_builder import loader, reads, schema
from graph_builder.cli.db_commands import format_stats
from graph_builder.errors import InputError, NotFoundError
from graph_builder.settings import get_settings

YES = click.option("--yes", "-y", is_flag=True, help="Do not ask for confirmation.")


def confirm(action: str, yes: bool) -> None:
    """Ask whether to go on with `action`; raise InputError unless the answer is yes."""
    if yes:
        return
    try:
        if click.confirm(f"{action}. Continue?", default=False, err=True):
            return
    except click.exceptions.Abort:
        pass
    raise InputError(f"not confirmed, nothing deleted ({action}); pass --yes to skip the question")


@click.command("delete")
@click.argument("doc_ids", nargs=-1, required=True)
@YES
def delete_command(doc_ids: tuple[str, ...], yes: bool) -> None:
    """Delete documents by id, with their statements and the edges left without evidence."""
    from graph_builder.db import database_uri, open_driver

    settings = get_settings()
    with open_driver(settings) as driver:
        confirm(
            f"This deletes {len(doc_ids)} document(s) from {settings.neo4j_database!r} at "
            f"{database_uri(settings)}",
            yes,
        )
        missing = []
        for doc_id in doc_ids:
            try:
                loader.delete_document(driver, doc_id, settings.neo4j_database)
                click.echo(f"Deleted {doc_id}")
            except NotFoundError as exc:
                missing.append(doc_id)
                click.echo(f"Warning: {exc}", err=True)
        stats = reads.graph_stats(driver, settings.neo4j_database)
    click.echo("Graph: " + format_stats(stats))
    if missing:
        raise InputError(f"{len(missing)} of {len(doc_ids)} document(s) not found")


@click.command("wipe")
@YES
def wipe_command(yes: bool) -> None:
    """Delete every document, statement, actor and edge of the configured database."""
    from graph_builder.db import database_uri, open_driver

    settings = get_settings()
    with open_driver(settings) as driver:
        stats = reads.graph_stats(driver, settings.neo4j_database)
        confirm(
            f"This deletes the whole graph in {settings.neo4j_database!r} at "
            f"{database_uri(settings)}: " + format_stats(stats),
            yes,
        )
        schema.wipe_database(driver, settings.neo4j_database)
    click.echo("Deleted the whole graph (" + format_stats(stats) + ")")


COMMANDS: list[click.Command] = [delete_command, wipe_command]
