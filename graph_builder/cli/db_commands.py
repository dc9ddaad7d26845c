"""`graph-builder ingest`, `stats` and `demo`: loading the graph and looking at it."""

from __future__ import annotations

import itertools
import json
import sys
from collections.abc import Iterable, Iterator, Sequence, Sized
from pathlib import Path
from typing import Any

import click
import neo4j

from graph_builder import loader, reads, schema
from graph_builder.cli.engine_options import engine_options
from graph_builder.cli.view_commands import check_api_port
from graph_builder.engine import EngineOptions
from graph_builder.errors import InputError
from graph_builder.models import RELATIONS, Document, Extraction
from graph_builder.settings import Settings, get_settings

SAMPLES_DIR = Path(__file__).resolve().parents[2] / "samples"
EXIT_PARTIAL = 3  # some inputs were skipped, the rest was loaded


def _warn(message: str) -> None:
    click.echo(f"Warning: {message}", err=True)


def read_inputs(
    paths: Sequence[str | Path], warnings: list[str], follow_links: bool = False
) -> Iterator[Document]:
    """The documents under `paths` (files, folders, URLs), streamed; problems (and empty
    documents) go to `warnings`."""
    from graph_builder.reader import read_documents

    def warn(message: str) -> None:
        warnings.append(message)
        _warn(message)

    for doc in read_documents(paths, warn, follow_links=follow_links):
        if doc.text.strip():
            yield doc
        else:
            warn(f"{doc.path or doc.id}: no text; skipped")


def ingest_documents(
    driver: neo4j.Driver,
    database: str,
    documents: Iterable[Document],
    include_unasserted: bool = False,
    batch_size: int = loader.DEFAULT_BATCH_SIZE,
    processes: int = 1,
    label: str = "Ingesting",
    near_duplicates: bool = True,
    total: int | None = None,
    engine: EngineOptions | None = None,
) -> loader.LoadSummary:
    """Extract edges from the documents (on `engine`, by default this process with
    `processes`) and load them, with a progress bar on stderr over `total` documents."""
    from graph_builder.engine import open_engine

    if total is None and isinstance(documents, Sized):
        total = len(documents)
    options = engine or EngineOptions(processes=processes)
    schema.ensure_schema(driver, database)
    with open_engine(options) as extractor, click.progressbar(
        length=total or 0, label=label, file=sys.stderr, show_pos=True
    ) as bar:

        def counted(items: Iterable[Extraction]) -> Iterator[Extraction]:
            for item in items:
                yield item
                bar.update(1)

        return loader.load_extractions(
            driver,
            counted(extractor.extract(documents)),
            database,
            include_unasserted=include_unasserted,
            batch_size=batch_size,
            near_duplicates=near_duplicates,
        )


def format_stats(stats: dict[str, Any]) -> str:
    """One line: documents, statements, actors, edges (per relation)."""
    per = ", ".join(f"{rel} {stats['edges_by_relation'][rel]}" for rel in RELATIONS)
    return (
        f"{stats['documents']} documents, {stats['statements']} statements, "
        f"{stats['actors']} actors, {stats['edges']} edges ({per})"
    )


def format_summary(summary: loader.LoadSummary) -> str:
    """What one ingest did."""
    text = (
        f"Loaded {summary.documents} documents ({summary.documents_written} new or changed, "
        f"{summary.documents_unchanged} unchanged): {summary.statements_written} statements "
        f"written, {summary.statements_deleted} replaced, "
        f"{summary.edges_added_to + summary.edges_recomputed} edges updated, "
        f"{summary.edges_deleted} removed"
    )
    if summary.documents_migrated:
        text += f"; {summary.documents_migrated} documents moved to their new ids"
    if summary.near_duplicates:
        text += f"; {summary.near_duplicates} near-duplicates of stored documents"
    if summary.statements_skipped:
        text += f"; {summary.statements_skipped} negated/hypothetical statements not loaded"
    return text


@click.command("ingest")
@click.argument("paths", nargs=-1, required=True, metavar="PATH_OR_URL...")
@click.option(
    "--include-unasserted",
    is_flag=True,
    help="Also store negated and hypothetical statements (they never count toward edges).",
)
@click.option(
    "--batch-size",
    type=click.IntRange(1, 100_000),
    default=loader.DEFAULT_BATCH_SIZE,
    show_default=True,
    help="Documents per transaction.",
)
@click.option(
    "--follow-links",
    is_flag=True,
    help="For feeds: fetch each entry's linked page and read its article text.",
)
@engine_options
def ingest_command(
    paths: tuple[str, ...],
    include_unasserted: bool,
    batch_size: int,
    follow_links: bool,
    engine: EngineOptions,
) -> None:
    """Extract relations from files, folders or URLs and load them into Neo4j.

    Reads .txt, .md, .jsonl, HTML pages (.html, .htm) and RSS/Atom feeds (.rss, .atom,
    .xml), and http(s) URLs of pages or feeds.

    Loading is idempotent: an unchanged document is skipped, a changed one replaces its
    earlier statements. Exit status: 0 all loaded, 3 some inputs skipped, 1 nothing loaded.
    """
    from graph_builder.db import open_driver
    from graph_builder.reader import count_documents

    settings = get_settings()
    warnings: list[str] = []
    documents = read_inputs(paths, warnings, follow_links=follow_links)
    first = next(documents, None)
    if first is None:
        raise InputError("nothing to ingest: no readable document in " + ", ".join(map(str, paths)))
    with open_driver(settings) as driver:
        summary = ingest_documents(
            driver,
            settings.neo4j_database,
            itertools.chain([first], documents),
            include_unasserted=include_unasserted,
            batch_size=batch_size,
            near_duplicates=settings.corroboration_near_duplicates,
            total=count_documents(paths),
            engine=engine,
        )
        stats = reads.graph_stats(driver, settings.neo4j_database)
    click.echo(format_summary(summary))
    click.echo("Graph: " + format_stats(stats))
    if warnings:
        click.echo(
            f"{len(warnings)} input problem(s), see the warnings above; exit status "
            f"{EXIT_PARTIAL}: some inputs were skipped.",
            err=True,
        )
        sys.exit(EXIT_PARTIAL)


@click.command("stats")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def stats_command(as_json: bool) -> None:
    """Counts of documents, statements, actors and edges per relation."""
    from graph_builder.db import open_driver

    settings = get_settings()
    with open_driver(settings) as driver:
        stats = reads.graph_stats(driver, settings.neo4j_database)
    if as_json:
        click.echo(json.dumps(stats, indent=2))
        return
    click.echo(f"documents   {stats['documents']}")
    click.echo(f"statements  {stats['statements']}")
    click.echo(f"actors      {stats['actors']}")
    click.echo(f"edges       {stats['edges']}")
    for rel in RELATIONS:
        click.echo(f"  {rel:<9} {stats['edges_by_relation'][rel]}")


@click.command("demo")
@click.option(
    "--corpus",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    default=None,
    help="Folder of documents to load (default: the bundled samples/).",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    default=Path("out/demo.html"),
    show_default=True,
    help="Where to write the HTML network view.",
)
@click.option("--host", default=None, help="API address (default: API_HOST).")
@click.option("--port", type=click.IntRange(1, 65535), default=None, help="API port.")
@click.option("--no-serve", is_flag=True, help="Stop after loading and writing the view.")
def demo_command(
    corpus: Path | None, output: Path, host: str | None, port: int | None, no_serve: bool
) -> None:
    """Start Neo4j if needed, load the sample corpus, write a view and serve the API."""
    from graph_builder import neo4j_server
    from graph_builder.db import database_uri, open_driver
    from graph_builder.views import write_view_from_db

    settings = get_settings()
    corpus = corpus or SAMPLES_DIR
    if not corpus.is_dir():
        raise InputError(f"sample corpus not found at {corpus}; pass --corpus FOLDER")
    host = host or settings.api_host
    port = port or settings.api_port
    if not no_serve:
        check_api_port(host, port)
    local = "neo4j_uri" not in settings.model_fields_set
    if local:
        neo4j_server.start(settings, _info)
    warnings: list[str] = []
    documents = list(read_inputs([corpus], warnings))
    if not documents:
        raise InputError(f"no documents in {corpus}")
    with open_driver(settings) as driver:
        summary = ingest_documents(driver, settings.neo4j_database, documents)
        stats = reads.graph_stats(driver, settings.neo4j_database)
        view = write_view_from_db(driver, settings.neo4j_database, output)
    click.echo(format_summary(summary))
    click.echo("Graph: " + format_stats(stats))
    _print_where(settings, local, view, host, port, no_serve, database_uri(settings))
    if no_serve:
        return
    import uvicorn

    from api.app import create_app

    uvicorn.run(create_app(settings), host=host, port=port, log_level="info")


def _print_where(
    settings: Settings, local: bool, view: Path, host: str, port: int, no_serve: bool, uri: str
) -> None:
    password = (
        "$NEO4J_PASSWORD"
        if settings.neo4j_password
        else f"the password stored in {settings.password_file}"
    )
    if local:
        from graph_builder.neo4j_server import browser_url

        click.echo(
            f"Neo4j Browser: {browser_url(settings)} (connect to {uri} as "
            f"{settings.neo4j_user} with {password}; try MATCH (a)-[r:SUPPORTS]->(b) RETURN *)"
        )
    else:
        click.echo(f"Neo4j: {uri}")
    click.echo(f"Network view: {view.resolve()}")
    if no_serve:
        click.echo(f"API: run `graph-builder serve` (http://{host}:{port}/docs)")
    else:
        click.echo(f"API: http://{host}:{port} (docs: http://{host}:{port}/docs); Ctrl-C stops it")


def _info(message: str) -> None:
    click.echo(message, err=True)


COMMANDS: list[click.Command] = [ingest_command, stats_command, demo_command]
