"""The `graph-builder` command line: one group, subcommands in sibling modules."""

from __future__ import annotations

import sys

import click

from graph_builder.errors import GraphBuilderError


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="graph-builder")
def cli() -> None:
    """Build and query an actor-relationship graph of conflict news."""


def _register() -> None:
    from graph_builder.cli import (
        admin_commands,
        db_commands,
        export_commands,
        extract_commands,
        neo4j_commands,
        review_commands,
        timeline_commands,
        view_commands,
    )

    modules = (
        neo4j_commands, db_commands, extract_commands, view_commands, review_commands,
        admin_commands, export_commands, timeline_commands,
    )
    for module in modules:
        for command in module.COMMANDS:
            cli.add_command(command)


def main(argv: list[str] | None = None) -> None:
    """Entry point: run the CLI, turning project errors into one-line messages."""
    _register()
    try:
        cli.main(args=argv, standalone_mode=False)
    except click.exceptions.Abort:
        click.echo("Aborted.", err=True)
        sys.exit(130)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except GraphBuilderError as exc:
        click.echo(f"Error: {exc}", err=True)
        sys.exit(1)
    except KeyboardInterrupt:
        click.echo("Interrupted.", err=True)
        sys.exit(130)
