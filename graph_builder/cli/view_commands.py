"""`graph-builder view` (HTML network view) and `graph-builder serve` (the HTTP API)."""

from __future__ import annotations

import json
import socket
from pathlib import Path

import click

from graph_builder.cli.graph_options import graph_filter_options
from graph_builder.errors import InputError, ServerError
from graph_builder.models import Edge, edge_from_record
from graph_builder.settings import get_settings
from graph_builder.subgraph import GraphFilter


def read_edges(path: Path) -> list[Edge]:
    """Edges from an `extract --format jsonl` file (InputError names the bad line)."""
    edges = []
    with path.open(encoding="utf-8") as fh:
        for number, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                edges.append(edge_from_record(json.loads(line)))
            except (ValueError, KeyError, TypeError) as exc:
                raise InputError(f"{path}:{number}: not an edge record ({exc})") from None
    return edges


@click.command("view")
@graph_filter_options(
    "Centre actor (id, name or alias).", 20_000, "Most actors drawn (from Neo4j)."
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    required=True,
    help="HTML file to write.",
)
@click.option(
    "--from",
    "source",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Read edges from this JSONL file instead of Neo4j.",
)
@click.option(
    "--show-rejected",
    is_flag=True,
    help="Also draw evidence analysts rejected (dashed, struck through; from Neo4j).",
)
def view_command(
    where: GraphFilter, output: Path, source: Path | None, show_rejected: bool
) -> None:
    """Write an interactive HTML network view (self-contained, works offline)."""
    from graph_builder.views import write_view_from_db, write_view_from_edges

    if where.since and where.until and where.since > where.until:
        raise click.BadParameter(
            f"--since ({where.since}) must not be after --until ({where.until})",
            param_hint="--since",
        )
    if source is not None:
        path = write_view_from_edges(read_edges(source), output, where)
    else:
        from graph_builder.db import open_driver

        settings = get_settings()
        with open_driver(settings) as driver:
            path = write_view_from_db(
                driver, settings.neo4j_database, output, where, show_rejected=show_rejected
            )
    click.echo(f"Wrote {path}")


def check_api_port(host: str, port: int) -> None:
    """Fail with a clear message when the API cannot listen on host:port."""
    with socket.socket() as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind((host, port))
        except OSError as exc:
            raise ServerError(
                f"cannot serve the API on {host}:{port} ({exc.strerror}); choose another "
                "with --port or API_PORT"
            ) from None


@click.command("serve")
@click.option("--host", default=None, help="Address to bind (default: API_HOST, 127.0.0.1).")
@click.option(
    "--port", type=click.IntRange(1, 65535), default=None, help="Port (default: API_PORT, 8000)."
)
@click.option(
    "--workers", type=click.IntRange(1, 32), default=1, show_default=True, help="Worker processes."
)
def serve_command(host: str | None, port: int | None, workers: int) -> None:
    """Serve the HTTP API (docs at /docs)."""
    import uvicorn

    settings = get_settings()
    host = host or settings.api_host
    port = port or settings.api_port
    check_api_port(host, port)
    click.echo(f"API on http://{host}:{port} (docs: http://{host}:{port}/docs)")
    if workers > 1:
        uvicorn.run(
            "api.app:create_app",
            factory=True,
            host=host,
            port=port,
            workers=workers,
            log_level="warning",
        )
    else:
        from api.app import create_app

        uvicorn.run(create_app(settings), host=host, port=port, log_level="info")


COMMANDS: list[click.Command] = [view_command, serve_command]
