"""Load Cypher text from `cypher/*.cypher` by name."""

from __future__ import annotations

from functools import cache
from pathlib import Path

CYPHER_DIR = Path(__file__).resolve().parent.parent / "cypher"


@cache
def query(name: str) -> str:
    """Return the text of `cypher/<name>.cypher` (`name` may contain `queries/`)."""
    path = CYPHER_DIR / f"{name}.cypher"
    return path.read_text(encoding="utf-8")


def statements(name: str) -> list[str]:
    """Split a multi-statement file (e.g. the schema) on `;` into statements."""
    text = "\n".join(
        line for line in query(name).splitlines() if not line.lstrip().startswith("//")
    )
    return [s.strip() for s in text.split(";") if s.strip()]
