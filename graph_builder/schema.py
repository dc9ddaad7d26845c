"""The database's schema (constraints, indexes, migrations of older graphs) and wiping it."""

from __future__ import annotations

import neo4j

from graph_builder.cypher import statements


def ensure_schema(driver: neo4j.Driver, database: str) -> None:
    """Create the constraints and indexes of `cypher/schema.cypher` (idempotent), and
    migrate a graph written by an older version (`graph_builder.migrate`)."""
    from graph_builder.migrate import migrate_graph

    with driver.session(database=database) as session:
        for statement in statements("schema"):
            session.run(statement).consume()
        session.run("CALL db.awaitIndexes(300)").consume()
    migrate_graph(driver, database)


def wipe_database(driver: neo4j.Driver, database: str) -> None:
    """Delete all nodes and relationships (constraints and indexes stay)."""
    with driver.session(database=database) as session:
        for statement in statements("admin/wipe"):
            session.run(statement).consume()
