"""Open the configured database for a loading benchmark: empty, with the schema."""

from __future__ import annotations

import sys

import neo4j

from graph_builder import reads, schema
from graph_builder.db import open_driver
from graph_builder.errors import GraphBuilderError, InputError
from graph_builder.settings import get_settings


def open_empty_database(wipe: bool) -> tuple[neo4j.Driver, str]:
    """A driver and the database name. Exits with a message when Neo4j cannot be
    reached, or when the database holds data and `wipe` is false (the benchmarks
    delete everything they write)."""
    try:
        return _open(wipe)
    except GraphBuilderError as exc:
        print(f"Error: {exc}", file=sys.stderr)
        raise SystemExit(1) from None


def _open(wipe: bool) -> tuple[neo4j.Driver, str]:
    settings = get_settings()
    driver = open_driver(settings)
    db = settings.neo4j_database
    try:
        stats = reads.graph_stats(driver, db)
        if stats["documents"] or stats["actors"] or stats["statements"]:
            if not wipe:
                raise InputError(
                    f"database {db!r} is not empty ({stats['documents']} documents); pass "
                    "--wipe to empty it, or use a second instance (see bench/load.py)"
                )
            schema.wipe_database(driver, db)
        schema.ensure_schema(driver, db)
    except GraphBuilderError:
        driver.close()
        raise
    return driver, db
