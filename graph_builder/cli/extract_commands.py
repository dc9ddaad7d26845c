"""`graph-builder extract` and `graph-builder evaluate`: extraction without a database."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from graph_builder.evaluate import DEFAULT_ALIASES, AliasTable, format_report, load_gold, score
from graph_builder.reader import read_documents


def _warn(message: str) -> None:
    click.echo(f"warning: {message}", err=True)


def _extractor():
    from graph_builder.extract import Extractor

    return Extractor()


@click.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--format", "fmt", type=click.Choice(["jsonl", "table"]), default="jsonl", show_default=True,
    help="One JSON object per edge, or a readable table.",
)
@click.option("--all", "include_all", is_flag=True,
              help="Also print negated and hypothetical statements (flagged).")
@click.option("--processes", "-p", type=click.IntRange(1, 64), default=1, show_default=True,
              help="Worker processes.")
def extract(paths: tuple[Path, ...], fmt: str, include_all: bool, processes: int) -> None:
    """Print the edges stated in PATHS (files or folders of .txt, .md, .jsonl)."""
    extractor = _extractor()
    out = sys.stdout
    documents = read_documents(paths, _warn)
    for extraction in extractor.extract_many(documents, n_process=processes):
        for edge in extraction.edges:
            if not (include_all or edge.asserted):
                continue
            if fmt == "jsonl":
                out.write(json.dumps(edge.to_record(), ensure_ascii=False) + "\n")
            else:
                flags = "".join(
                    f for f, on in (("!neg ", edge.negated), ("?hyp ", edge.hypothetical)) if on
                )
                out.write(
                    f"{edge.evidence.doc_id}\t{flags}{edge.subject.name} -{edge.relation}-> "
                    f"{edge.object.name}\t{edge.date or ''}\t{edge.rule}\n"
                )


@click.command()
@click.option("--gold", "gold_path", required=True, type=click.Path(path_type=Path),
              help="Gold edges, one JSON object per line.")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--errors", is_flag=True, help="List every false positive and missed edge.")
@click.option("--aliases", "alias_files", multiple=True, type=click.Path(path_type=Path),
              help="Extra alias table(s) (YAML: canonical name -> aliases).")
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON.")
def evaluate(
    gold_path: Path, paths: tuple[Path, ...], errors: bool, alias_files: tuple[Path, ...],
    as_json: bool,
) -> None:
    """Score extraction of PATHS against a gold file: precision, recall, F1."""
    canon = AliasTable.load(DEFAULT_ALIASES, *alias_files)
    gold = load_gold(gold_path, canon)
    extractor = _extractor()
    edges = {
        ex.document.id: ex.edges
        for ex in extractor.extract_many(read_documents(paths, _warn))
    }
    report = score(edges, gold, canon)
    if as_json:
        click.echo(json.dumps(report.as_dict(), indent=2))
    else:
        click.echo(format_report(report, errors=errors))


COMMANDS: list[click.Command] = [extract, evaluate]
