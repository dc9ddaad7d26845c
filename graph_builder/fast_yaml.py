"""YAML reading with libyaml's C parser when PyYAML was built with it (several times
faster than the pure-Python parser on the bundled data files, which matters at startup).

`load_file` also keeps a pickled copy of each parsed data file in a `__pycache__`
folder beside it, as Python does for compiled modules: building Python objects from
the YAML events is most of the parse time, and unpickling is twenty times faster.
"""

from __future__ import annotations

import os
import pickle
import sys
from pathlib import Path
from typing import IO, Any

import yaml

Loader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load(source: str | IO[str]) -> Any:
    """Parse one YAML document safely (no arbitrary objects)."""
    return yaml.load(source, Loader=Loader)


def cache_path(path: Path) -> Path:
    return path.parent / "__pycache__" / f"{path.name}.{sys.implementation.cache_tag}.pickle"


def load_file(path: Path) -> Any:
    """Parse a data file, or read the copy cached beside it while the file's size and
    modification time are unchanged. A cache that cannot be read or written is skipped."""
    stat = path.stat()
    stamp = (str(path.resolve()), stat.st_size, stat.st_mtime_ns, yaml.__version__)
    cached = cache_path(path)
    try:
        with cached.open("rb") as fh:
            found, data = pickle.load(fh)
        if found == stamp:
            return data
    except (OSError, EOFError, ValueError, TypeError, pickle.UnpicklingError):
        pass
    data = load(path.read_text(encoding="utf-8"))
    try:
        cached.parent.mkdir(exist_ok=True)
        partial = cached.with_name(f"{cached.name}.{os.getpid()}.tmp")
        with partial.open("wb") as fh:
            pickle.dump((stamp, data), fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(partial, cached)  # atomic: a reader never sees half a file
    except OSError:
        pass
    return data
