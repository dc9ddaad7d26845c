"""`graph-builder neo4j start | stop | status`: the local Neo4j server."""

from __future__ import annotations

import sys

import click

from graph_builder import neo4j_server
from graph_builder.settings import Settings, get_settings


def _info(message: str) -> None:
    click.echo(message, err=True)


@click.group("neo4j")
def neo4j() -> None:
    """Run a local Neo4j Community server (fetched from Maven Central; needs Java 17)."""


@neo4j.command("start")
@click.option("--timeout", default=180.0, show_default=True, help="Seconds to wait for Bolt.")
def start_command(timeout: float) -> None:
    """Provision Neo4j if needed, start it and wait until it answers."""
    settings = get_settings()
    started = neo4j_server.start(settings, _info, timeout=timeout)
    state = neo4j_server.status(settings)
    verb = "started" if started else "is already running"
    click.echo(
        f"Neo4j {verb} (pid {state.pid}): Bolt {neo4j_server.bolt_uri(settings)}, "
        f"Browser {neo4j_server.browser_url(settings)}, user {settings.neo4j_user}, "
        f"password {_password_hint(settings)}"
    )


@neo4j.command("stop")
def stop_command() -> None:
    """Stop the local server started by `neo4j start`."""
    settings = get_settings()
    pid = neo4j_server.stop(settings)
    if pid is None:
        click.echo(f"Neo4j is not running (home {neo4j_server.server_paths(settings).home}).")
    else:
        click.echo(f"Neo4j stopped (pid {pid}).")


@neo4j.command("status")
def status_command() -> None:
    """Say whether the local server runs; exit 0 if it does, 3 if not."""
    settings = get_settings()
    state = neo4j_server.status(settings)
    if state.running:
        click.echo(
            f"Neo4j is running (pid {state.pid}): Bolt {neo4j_server.bolt_uri(settings)}, "
            f"Browser {neo4j_server.browser_url(settings)}, home {state.home}"
        )
        return
    extra = "" if state.provisioned else " (not yet downloaded)"
    click.echo(f"Neo4j is not running{extra}; home {state.home}")
    sys.exit(3)


def _password_hint(settings: Settings) -> str:
    if settings.neo4j_password:
        return "from NEO4J_PASSWORD"
    return f"in {settings.password_file}"


COMMANDS: list[click.Command] = [neo4j]
