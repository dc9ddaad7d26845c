"""`graph-builder extract` and `graph-builder evaluate`: extraction without a database."""

from __future__ import annotations

import dataclasses
import json
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

import click

from graph_builder.cli.engine_options import engine_options
from graph_builder.engine import EngineOptions
from graph_builder.evaluate import (
    DEFAULT_ALIASES,
    AliasTable,
    by_rule,
    format_by_construction,
    format_report,
    load_gold,
    score,
)
from graph_builder.models import Extraction
from graph_builder.reader import read_documents

if TYPE_CHECKING:
    from graph_builder.extract import Extractor


def _warn(message: str) -> None:
    click.echo(f"warning: {message}", err=True)


def _extractor(mode: str = "both") -> Extractor:
    from graph_builder.extract import Extractor

    return Extractor(mode=mode)


EXTRACTOR_OPTION = click.option(
    "--extractor", "mode", type=click.Choice(["rules", "model", "both"]), default="both",
    show_default=True,
    help="What states edges: the construction rules, the learned relation model, or both.",
)


@click.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--format", "fmt", type=click.Choice(["jsonl", "table"]), default="jsonl", show_default=True,
    help="One JSON object per edge, or a readable table.",
)
@click.option("--all", "include_all", is_flag=True,
              help="Also print negated and hypothetical statements (flagged).")
@EXTRACTOR_OPTION
@engine_options
def extract(
    paths: tuple[Path, ...], fmt: str, include_all: bool, mode: str, engine: EngineOptions
) -> None:
    """Print the edges stated in PATHS (files or folders of .txt, .md, .jsonl)."""
    from graph_builder.engine import open_engine

    out = sys.stdout
    documents = read_documents(paths, _warn)
    with open_engine(dataclasses.replace(engine, mode=mode)) as extractor:
        _print_edges(extractor.extract(documents), fmt, include_all, out)


def _print_edges(
    extractions: Iterable[Extraction], fmt: str, include_all: bool, out: TextIO
) -> None:
    for extraction in extractions:
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
@click.option("--by-construction", is_flag=True,
              help="Also score each construction (the rule id of an edge) alone.")
@EXTRACTOR_OPTION
def evaluate(
    gold_path: Path, paths: tuple[Path, ...], errors: bool, alias_files: tuple[Path, ...],
    as_json: bool, by_construction: bool, mode: str,
) -> None:
    """Score extraction of PATHS against a gold file: precision, recall, F1."""
    canon = AliasTable.load(DEFAULT_ALIASES, *alias_files)
    gold = load_gold(gold_path, canon)
    extractor = _extractor(mode)
    edges = {
        ex.document.name: ex.edges
        for ex in extractor.extract_many(read_documents(paths, _warn))
    }
    report = score(edges, gold, canon)
    if as_json:
        click.echo(json.dumps(report.as_dict(), indent=2))
    else:
        click.echo(format_report(report, errors=errors))
    if by_construction:
        click.echo("")
        click.echo(format_by_construction(by_rule(edges, gold, canon)))


@click.command()
@click.option("--corpus", type=click.Path(path_type=Path, file_okay=False), default=None,
              help="Folder of corpus batches (default: the packaged corpus).")
@click.option("--out", type=click.Path(path_type=Path, dir_okay=False), default=None,
              help="Where to write the model (default: the packaged model file).")
@click.option("--report", is_flag=True,
              help="Also print leave-one-conflict-out scores, learning curves and "
                   "per-relation and per-style figures (takes a few minutes).")
def train(corpus: Path | None, out: Path | None, report: bool) -> None:
    """Rebuild the relation model from the annotated corpus (fixed seed: reproducible)."""
    from graph_builder.extract.relation_model import MODEL_FILE
    from graph_builder.training.corpus import CORPUS_DIR
    from graph_builder.training.run import train as run_train

    corpus = corpus or CORPUS_DIR
    if not corpus.is_dir() or not any(corpus.glob("*.jsonl")):
        raise click.BadParameter(f"{corpus} holds no .jsonl batches", param_hint="--corpus")
    setup, model = run_train(corpus, out or MODEL_FILE, log=click.echo)
    if report:
        from graph_builder.training.report import full_report

        click.echo(full_report(setup, model))


COMMANDS: list[click.Command] = [extract, evaluate, train]
