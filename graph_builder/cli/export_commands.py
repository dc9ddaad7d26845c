"""`graph-builder export`: the graph as GraphML, GEXF, CSV or JSON files."""

from __future__ import annotations

from pathlib import Path

import click

from graph_builder.cli.graph_options import graph_filter_options
from graph_builder.errors import InputError
from graph_builder.settings import get_settings
from graph_builder.subgraph import GraphFilter


@click.command("export")
@click.option(
    "--format", "fmt", type=click.Choice(["graphml", "gexf", "csv", "json"]), required=True,
    help="graphml/gexf for Gephi, Cytoscape or yEd; csv for spreadsheets; json (networkx "
    "node-link) for scripts.",
)
@click.option(
    "-o", "--output", type=click.Path(path_type=Path), required=True,
    help="File to write; for csv a folder that receives nodes.csv and edges.csv.",
)
@graph_filter_options(
    "Only the actors around this one (id or alias).", 100_000, "Most actors around --center."
)
def export_command(fmt: str, output: Path, where: GraphFilter) -> None:
    """Export the whole graph, or a filtered subgraph, with node and edge attributes."""
    from graph_builder.db import open_driver
    from graph_builder.export import check_format, export_graph, serialise

    chosen = check_format(fmt)
    if chosen == "csv" and output.exists() and not output.is_dir():
        raise InputError(f"{output}: for --format csv, -o names a folder (it is a file)")
    if chosen != "csv" and output.is_dir():
        raise InputError(f"{output}: is a folder; -o names the file to write")
    settings = get_settings()
    with open_driver(settings) as driver:
        graph = export_graph(driver, settings.neo4j_database, where)
    try:
        if chosen == "csv":
            output.mkdir(parents=True, exist_ok=True)
            written = []
            for table in ("nodes", "edges"):
                path = output / f"{table}.csv"
                path.write_bytes(serialise(graph, chosen, table))
                written.append(path)
        else:
            output.parent.mkdir(parents=True, exist_ok=True)
            output.write_bytes(serialise(graph, chosen))
            written = [output]
    except OSError as exc:
        raise InputError(f"{output}: cannot write ({exc.strerror or exc})") from None
    click.echo(
        f"Exported {graph.number_of_nodes()} actors and {graph.number_of_edges()} edges to "
        + ", ".join(map(str, written))
    )


COMMANDS: list[click.Command] = [export_command]
