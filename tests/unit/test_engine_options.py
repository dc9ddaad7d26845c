"""Choosing the engine: options, settings for routing URIs, partitions (no services)."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from graph_builder.cli import _register, cli
from graph_builder.engine import EngineError, EngineOptions, open_engine
from graph_builder.engine.dask_engine import partitions
from graph_builder.errors import InputError
from graph_builder.models import Document
from graph_builder.settings import get_settings

_register()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--address", "tcp://127.0.0.1:8786"], "'--address': applies to --engine dask only"),
        (["--workers", "2"], "'--workers': applies to --engine dask only"),
        (["--engine", "dask", "--processes", "2"], "'--processes': applies to --engine local"),
        (["--engine", "dask", "--address", "tcp://h:1", "--workers", "2"], "'--workers'"),
        (["--engine", "spark"], "'spark' is not one of 'local', 'dask'"),
    ],
)
def test_engine_options_that_do_not_fit_are_named(
    args: list[str], message: str
) -> None:
    for command in ("extract", "ingest"):
        result = CliRunner().invoke(cli, [command, *args, "samples"])
        assert result.exit_code == 2, result.output
        assert message in result.output


def test_an_unknown_engine_is_an_engine_error() -> None:
    with pytest.raises(EngineError, match="unknown engine 'spark'"), open_engine(
        EngineOptions(name="spark")
    ):
        pass


def test_partitions_cut_the_stream_in_order() -> None:
    docs = [Document(id=str(i), text="x") for i in range(7)]
    parts = list(partitions(iter(docs), 3))
    assert [[d.id for d in p] for p in parts] == [["0", "1", "2"], ["3", "4", "5"], ["6"]]


@pytest.mark.parametrize(
    "uri",
    ["bolt://127.0.0.1:7687", "neo4j://core1:7687", "neo4j+s://abc.databases.neo4j.io",
     "bolt+ssc://db:7687"],
)
def test_routing_and_direct_uris_are_accepted(
    monkeypatch: pytest.MonkeyPatch, uri: str
) -> None:
    monkeypatch.setenv("NEO4J_URI", uri)
    assert get_settings().neo4j_uri == uri


@pytest.mark.parametrize("uri", ["http://127.0.0.1:7474", "127.0.0.1:7687"])
def test_other_uris_are_refused_by_name(monkeypatch: pytest.MonkeyPatch, uri: str) -> None:
    monkeypatch.setenv("NEO4J_URI", uri)
    with pytest.raises(InputError, match=r"NEO4J_URI: .*expected one of bolt://"):
        get_settings()
