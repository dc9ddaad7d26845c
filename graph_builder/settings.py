"""One settings object, read from the environment (and an optional `.env`)."""

from __future__ import annotations

import os
import secrets
from pathlib import Path

from pydantic import Field, ValidationError, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from graph_builder.errors import InputError

NEO4J_VERSION = "5.26.30"
URI_SCHEMES = ("bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc")


def _default_home() -> Path:
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "graph-builder"


class Settings(BaseSettings):
    """Configuration for the CLI, the API and the local Neo4j server.

    Every field maps to an upper-case environment variable of the same name,
    e.g. `neo4j_uri` <- `NEO4J_URI`.
    """

    model_config = SettingsConfigDict(env_file=".env", extra="ignore")

    # bolt:// for one server; neo4j:// (routing: reads to followers, writes to the
    # leader) for a cluster or Aura; `+s` / `+ssc` add TLS.
    neo4j_uri: str = "bolt://127.0.0.1:7687"
    neo4j_user: str = "neo4j"
    neo4j_password: str | None = Field(default=None, repr=False)
    neo4j_database: str = "neo4j"

    # Local server provisioned from Maven Central (see graph_builder/neo4j_server.py).
    graph_builder_home: Path = Field(default_factory=_default_home)
    neo4j_version: str = NEO4J_VERSION
    neo4j_bolt_port: int = 7687
    neo4j_http_port: int = 7474
    neo4j_heap: str = "1g"
    neo4j_pagecache: str = "512m"
    # Seconds a read may take: Neo4j aborts it then, and the caller stops waiting then
    # even when the server does not answer at all (the API answers 503).
    neo4j_query_timeout: float = Field(default=30.0, gt=0, le=3600)

    # HTTP API.
    api_host: str = "127.0.0.1"
    api_port: int = 8000
    graph_api_key: str | None = Field(default=None, repr=False)
    # Largest request body accepted (413 beyond it); checked before the body is read.
    api_max_body_bytes: int = Field(default=16 * 1024 * 1024, ge=1024)

    # Corroboration: a near-duplicate of a stored document (wire copy republished by
    # another outlet) counts toward an edge's source_count as the outlet it copies.
    corroboration_near_duplicates: bool = True

    @field_validator("neo4j_uri")
    @classmethod
    def _known_scheme(cls, uri: str) -> str:
        scheme = uri.partition("://")[0].lower() if "://" in uri else ""
        if scheme not in URI_SCHEMES:
            raise ValueError(
                f"{uri!r} has no known scheme; expected one of "
                + ", ".join(f"{s}://" for s in URI_SCHEMES)
            )
        return uri

    @property
    def password_file(self) -> Path:
        return self.graph_builder_home / "neo4j-password"

    @property
    def api_key_file(self) -> Path:
        return self.graph_builder_home / "api-key"

    def password(self, create: bool = False) -> str | None:
        """The Neo4j password: `NEO4J_PASSWORD`, else the stored one.

        With `create`, a random password is generated and stored (mode 0600)
        when none exists yet.
        """
        if self.neo4j_password:
            return self.neo4j_password
        return _read_or_create_secret(self.password_file, create)

    def api_key(self) -> str:
        """The API key for write requests: `GRAPH_API_KEY`, else the stored one."""
        if self.graph_api_key:
            return self.graph_api_key
        key = _read_or_create_secret(self.api_key_file, create=True)
        assert key is not None
        return key


def _read_or_create_secret(path: Path, create: bool) -> str | None:
    if path.exists():
        return path.read_text(encoding="utf-8").strip() or None
    if not create:
        return None
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    value = secrets.token_urlsafe(18)
    while value.startswith("-"):  # a leading "-" would read as an option to neo4j-admin
        value = secrets.token_urlsafe(18)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(value + "\n")
    return value


def get_settings() -> Settings:
    """Read the settings from the environment; a bad value is an InputError naming it."""
    try:
        return Settings()
    except ValidationError as exc:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in err['loc']).upper()}: {err['msg']}"
            for err in exc.errors()
        )
        raise InputError(f"invalid setting in the environment: {problems}") from None
