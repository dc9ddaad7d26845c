"""YAML reading with libyaml's C parser when PyYAML was built with it (several times
faster than the pure-Python parser on the bundled data files, which matters at startup)."""

from __future__ import annotations

from typing import IO, Any

import yaml

Loader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load(source: str | IO[str]) -> Any:
    """Parse one YAML document safely (no arbitrary objects)."""
    return yaml.load(source, Loader=Loader)
