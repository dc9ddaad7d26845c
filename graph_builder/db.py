"""Opening the one Neo4j driver a process uses (created at startup, passed in)."""

from __future__ import annotations

import neo4j
from neo4j.exceptions import AuthError, ConfigurationError, ServiceUnavailable

from graph_builder.errors import DatabaseUnavailableError
from graph_builder.settings import Settings

START_HINT = "start it with `graph-builder neo4j start` (or `docker compose up -d neo4j`)"


def database_uri(settings: Settings) -> str:
    """`NEO4J_URI` when set, else the local server on `NEO4J_BOLT_PORT`."""
    if "neo4j_uri" in settings.model_fields_set:
        return settings.neo4j_uri
    return f"bolt://127.0.0.1:{settings.neo4j_bolt_port}"


def open_driver(settings: Settings, verify: bool = True) -> neo4j.Driver:
    """A driver for the configured Neo4j; with `verify`, checks it answers and accepts us.

    Raises DatabaseUnavailableError (with what to do) when Neo4j cannot be reached,
    no password is known, or the credentials are refused.
    """
    uri = database_uri(settings)
    password = settings.password()
    if password is None:
        raise DatabaseUnavailableError(
            f"no Neo4j password: set NEO4J_PASSWORD, or {START_HINT} (it stores one in "
            f"{settings.password_file})"
        )
    try:
        driver = neo4j.GraphDatabase.driver(
            uri,
            auth=(settings.neo4j_user, password),
            connection_timeout=5.0,
            notifications_min_severity="OFF",
        )
    except (ConfigurationError, ValueError) as exc:
        raise DatabaseUnavailableError(f"invalid NEO4J_URI {uri!r}: {exc}") from None
    if not verify:
        return driver
    try:
        driver.verify_connectivity()
    except AuthError:
        driver.close()
        raise DatabaseUnavailableError(
            f"Neo4j at {uri} refused the credentials of user {settings.neo4j_user!r}; "
            "check NEO4J_USER / NEO4J_PASSWORD"
        ) from None
    except (ServiceUnavailable, OSError) as exc:
        driver.close()
        raise DatabaseUnavailableError(
            f"Neo4j is not reachable at {uri} ({type(exc).__name__}); {START_HINT}"
        ) from None
    return driver
