"""The options that choose where extraction runs, shared by `extract` and `ingest`."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

import click

from graph_builder.engine import DEFAULT_PARTITION, ENGINES, EngineOptions


def engine_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """Add --engine, --processes, --address, --workers, --partition-size; the command
    receives them as one `engine: EngineOptions` argument."""

    @functools.wraps(command)
    def wrapper(**kwargs: Any) -> Any:
        name = kwargs.pop("engine_name")
        processes = kwargs.pop("processes")
        address = kwargs.pop("address")
        workers = kwargs.pop("workers")
        partition_size = kwargs.pop("partition_size")
        if name == "local":
            for flag, value in (("--address", address), ("--workers", workers)):
                if value is not None:
                    raise click.BadParameter(
                        "applies to --engine dask only", param_hint=f"'{flag}'"
                    )
        else:
            if processes != 1:
                raise click.BadParameter(
                    "applies to --engine local only (with dask, use --workers or the "
                    "cluster's own workers)",
                    param_hint="'--processes'",
                )
            if address is not None and workers is not None:
                raise click.BadParameter(
                    "starts a local cluster; with --address the cluster has its own workers",
                    param_hint="'--workers'",
                )
        kwargs["engine"] = EngineOptions(
            name=name,
            processes=processes,
            address=address,
            workers=workers,
            partition_size=partition_size,
        )
        return command(**kwargs)

    options = [
        click.option(
            "--engine", "engine_name", type=click.Choice(ENGINES), default="local",
            show_default=True,
            help="Where extraction runs: this machine, or a Dask cluster "
                 "(needs the dask extra).",
        ),
        click.option(
            "--processes", "-p", type=click.IntRange(1, 64), default=1, show_default=True,
            help="Extraction processes on this machine (--engine local).",
        ),
        click.option(
            "--address", default=None, metavar="URL",
            help="Dask scheduler to use, e.g. tcp://10.0.0.5:8786 (--engine dask; "
                 "default: start a cluster on this machine).",
        ),
        click.option(
            "--workers", type=click.IntRange(1, 256), default=None,
            help="Worker processes of the local Dask cluster (default: one per core).",
        ),
        click.option(
            "--partition-size", type=click.IntRange(1, 10_000), default=DEFAULT_PARTITION,
            show_default=True, help="Documents per task sent to a Dask worker.",
        ),
    ]
    for option in reversed(options):
        wrapper = option(wrapper)
    return wrapper
