"""Opening the one Neo4j driver a process uses (created at startup, passed in)."""

from __future__ import annotations

import weakref
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from typing import Any

import neo4j
from neo4j.exceptions import (
    AuthError,
    ConfigurationError,
    DatabaseError,
    Neo4jError,
    ServiceUnavailable,
    TransientError,
)

from graph_builder.errors import DatabaseUnavailableError, GraphBuilderError, InputError
from graph_builder.settings import Settings

# Reads run on these threads so that a caller can stop waiting for a server that does
# not answer at all (a frozen process never closes the socket). A read stuck there
# holds its thread until the server answers again; later reads queue and time out.
_READERS = ThreadPoolExecutor(max_workers=16, thread_name_prefix="neo4j-read")
_TIMEOUTS: weakref.WeakKeyDictionary[neo4j.Driver, float] = weakref.WeakKeyDictionary()
DEFAULT_QUERY_TIMEOUT = 30.0
GRACE = 1.0  # seconds past the server-side timeout before the caller gives up

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
    _TIMEOUTS[driver] = settings.neo4j_query_timeout
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


def query_timeout(driver: neo4j.Driver) -> float:
    """The read timeout of a driver made by `open_driver` (`NEO4J_QUERY_TIMEOUT`)."""
    return _TIMEOUTS.get(driver, DEFAULT_QUERY_TIMEOUT)


def run_read(
    driver: neo4j.Driver, database: str, text: str, params: dict[str, Any]
) -> list[neo4j.Record]:
    """One auto-commit read query with a deadline.

    Neo4j aborts the query after the driver's timeout; if the server does not answer
    at all (stalled, frozen), the caller gets DatabaseUnavailableError shortly after
    that instead of waiting for as long as the stall lasts. No automatic retries.
    """
    timeout = query_timeout(driver)

    def work() -> list[neo4j.Record]:
        with driver.session(database=database, default_access_mode=neo4j.READ_ACCESS) as s:
            return list(s.run(neo4j.Query(text, timeout=timeout), params))

    future = _READERS.submit(work)
    try:
        return future.result(timeout=timeout + GRACE)
    except FutureTimeout:
        future.cancel()
        raise DatabaseUnavailableError(
            f"Neo4j did not answer within {timeout:g} s (NEO4J_QUERY_TIMEOUT)"
        ) from None


def neo4j_problem(exc: Neo4jError, what: str) -> GraphBuilderError | None:
    """What a Neo4j error raised by `what` means: bad input (a value Neo4j cannot
    store), the database unavailable for now (busy, failing, refusing us), or None:
    a mistake in our own queries, a bug to be reported as such."""
    message = (exc.message or str(exc))[:300]
    if "too large to index" in message:
        return InputError(f"{what} holds a value too long for Neo4j to store ({message})")
    code = exc.code or ""
    if isinstance(exc, TransientError | DatabaseError) or code.startswith(
        ("Neo.ClientError.Security.", "Neo.ClientError.Transaction.TransactionTimedOut")
    ):
        return DatabaseUnavailableError(f"Neo4j could not complete {what} ({code}: {message})")
    return None
