"""Bring a graph written by an older version up to the current model, once.

Version 1 (document identity): documents stored under their file name get their
path as `paths` and lose the path they held as `source` (which now names the
outlet); every edge gets its `source_count`. Documents themselves move to their new
ids (URL or content hash) when they are next ingested: the loader replaces the old
node (`load/legacy_documents`). The version is kept on the `(:LoadLock)` node.
"""

from __future__ import annotations

import neo4j

from graph_builder.cypher import query

IDENTITY_VERSION = 1


def migrate_graph(driver: neo4j.Driver, database: str) -> bool:
    """Migrate the graph if it is older than this code; return whether it was."""
    with driver.session(database=database) as session:
        version = session.run(query("migrate/version")).single(strict=True)["version"]
        if version >= IDENTITY_VERSION:
            return False
        session.run(query("migrate/legacy_documents")).consume()
        session.run(query("migrate/edge_sources")).consume()
        session.run(query("migrate/set_version"), version=IDENTITY_VERSION).consume()
    return True
