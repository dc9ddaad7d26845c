"""Read news documents from `.txt`, `.md` and `.jsonl` files.

`.txt`/`.md` files may start with a YAML front-matter block between `---`
lines holding `title`, `url` and `date`. A `.jsonl` file holds one document
per line: `{"text": ..., "id"?, "title"?, "url"?, "date"?}`.

Problems with one file are reported through a `warn` callback and that file
is skipped, so one bad file never stops a run.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import re
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import IO, Any

import yaml

from graph_builder.errors import InputError
from graph_builder.models import Document

SUFFIXES = (".txt", ".md", ".jsonl")
Warn = Callable[[str], None]

_FRONT_MATTER_OPEN = re.compile(r"\A\ufeff?---[ \t]*\r?\n")
_FRONT_MATTER_CLOSE = re.compile(r"^(?:---|\.\.\.)[ \t]*\r?$", re.MULTILINE)
_BINARY_SNIFF = 8192


def read_documents(paths: Sequence[str | Path], warn: Warn) -> Iterator[Document]:
    """Yield the documents under `paths` (files, or folders searched recursively)."""
    for path in iter_files(paths, warn):
        try:
            yield from read_file(path, warn)
        except InputError as exc:
            warn(str(exc))
        except OSError as exc:
            warn(f"{path}: cannot be read ({exc.strerror or exc})")


def iter_files(paths: Sequence[str | Path], warn: Warn) -> Iterator[Path]:
    """Expand folders into their supported files (README files excepted), in a stable
    order (sorted by path), walking one folder at a time so a huge tree is never held."""
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found = False
            for file in _walk(path, warn):
                found = True
                yield file
            if not found:
                warn(f"{path}: no .txt, .md or .jsonl files in this folder")
        elif path.is_file():
            if path.suffix.lower() in SUFFIXES:
                yield path
            else:
                warn(f"{path}: unsupported file type (expected .txt, .md or .jsonl); skipped")
        else:
            warn(f"{path}: no such file or folder")


def _walk(folder: Path, warn: Warn) -> Iterator[Path]:
    """The supported files under `folder`, depth first with names sorted (the order of
    sorting all their paths); symlinked folders are not followed."""
    try:
        with os.scandir(folder) as entries:
            names = sorted(
                (e.name, e.is_dir(follow_symlinks=False))
                for e in entries
                if e.is_dir(follow_symlinks=False)
                or (
                    e.is_file()
                    and os.path.splitext(e.name)[1].lower() in SUFFIXES
                    and not e.name.upper().startswith("README")
                )
            )
    except OSError as exc:
        warn(f"{folder}: cannot be read ({exc.strerror or exc})")
        return
    for name, is_dir in names:
        if is_dir:
            yield from _walk(folder / name, warn)
        else:
            yield folder / name


def count_documents(paths: Sequence[str | Path]) -> int:
    """About how many documents `paths` hold (a file each, a JSONL file a line each),
    found by one quick pass that parses nothing: the length of a progress bar."""
    total = 0
    for path in iter_files(paths, lambda _message: None):
        if path.suffix.lower() != ".jsonl":
            total += 1
            continue
        try:
            with path.open("rb") as fh:
                total += sum(1 for line in fh if line.strip())
        except OSError:
            continue
    return total


def read_file(path: Path, warn: Warn) -> Iterator[Document]:
    """Yield the document(s) of one file (a JSONL file is read line by line)."""
    with path.open("rb") as fh:
        head = fh.read(_BINARY_SNIFF)
        if b"\x00" in head:
            warn(f"{path}: looks like a binary file; skipped")
            return
        if path.suffix.lower() == ".jsonl":
            fh.seek(0)
            yield from _read_jsonl(path, fh, warn)
            return
        raw = head + fh.read()
    yield parse_text(_decode(raw, path, warn), doc_id=path.stem, source=str(path))


def _decode(raw: bytes, where: object, warn: Warn, offset: int = 0) -> str:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        warn(
            f"{where}: not valid UTF-8 (first bad byte at offset {offset + exc.start}); "
            "decoded with replacement"
        )
        return raw.decode("utf-8", errors="replace")


def parse_text(text: str, doc_id: str, source: str | None = None) -> Document:
    """Split off the front matter (if any) and build the Document."""
    meta, body = split_front_matter(text, source or doc_id)
    title = meta.get("title")
    if title is None:
        title = _first_line(body)
    return Document(
        id=doc_id,
        text=body,
        title=str(title) if title is not None else None,
        url=str(meta["url"]) if meta.get("url") is not None else None,
        date=_parse_date(meta.get("date"), f"{source or doc_id}: front matter 'date'"),
        source=source,
    )


def split_front_matter(text: str, where: str) -> tuple[dict[str, Any], str]:
    """Return (metadata, body). Raise InputError naming the line when malformed."""
    opening = _FRONT_MATTER_OPEN.match(text)
    if not opening:
        return {}, text.lstrip("\ufeff")
    closing = _FRONT_MATTER_CLOSE.search(text, opening.end())
    if not closing:
        raise InputError(f"{where}: line 1: front matter opened with '---' is never closed")
    block = text[opening.end() : closing.start()]
    try:
        meta = yaml.safe_load(block) if block.strip() else {}
    except yaml.YAMLError as exc:
        # Where the faulty construct starts, else where the parser noticed.
        mark = getattr(exc, "context_mark", None) or getattr(exc, "problem_mark", None)
        line = mark.line + 2 if mark is not None else 2
        problem = getattr(exc, "problem", None) or "invalid YAML"
        raise InputError(f"{where}: line {line}: malformed front matter ({problem})") from None
    except ValueError as exc:  # a YAML date that is no date: "date: 2024-13-45"
        line = next((n for n, row in enumerate(block.splitlines(), start=2)
                     if row.strip().startswith("date")), 2)
        raise InputError(f"{where}: line {line}: front matter 'date' is not a date ({exc})") \
            from None
    if not isinstance(meta, dict):
        raise InputError(f"{where}: line 2: front matter must be a mapping of title/url/date")
    body_start = closing.end()
    if text[body_start : body_start + 2] == "\r\n":
        body_start += 2
    elif text[body_start : body_start + 1] == "\n":
        body_start += 1
    return meta, text[body_start:]


def make_document(
    text: str,
    title: str | None = None,
    url: str | None = None,
    date: dt.date | str | None = None,
    doc_id: str | None = None,
) -> Document:
    """Build a Document from values (e.g. an API request); the id defaults to a content hash."""
    if doc_id is None:
        digest = hashlib.sha1(f"{title or ''}\n{url or ''}\n{text}".encode()).hexdigest()
        doc_id = f"doc-{digest[:16]}"
    if title is None:
        title = _first_line(text)
    return Document(
        id=doc_id,
        text=text,
        title=title,
        url=url,
        date=_parse_date(date, "date"),
        source="api",
    )


def _read_jsonl(path: Path, lines: IO[bytes], warn: Warn) -> Iterator[Document]:
    """One document per line, streamed; text that is not UTF-8 is reported once."""
    offset = 0
    reported = False

    def warn_once(message: str) -> None:
        nonlocal reported
        if not reported:
            reported = True
            warn(message)

    for lineno, raw in enumerate(lines, start=1):
        start, offset = offset, offset + len(raw)
        if not raw.strip():
            continue
        line = _decode(raw, path, warn_once, start)
        where = f"{path}: line {lineno}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            warn(f"{where}: not valid JSON ({exc.msg}); skipped")
            continue
        except RecursionError:
            warn(f"{where}: JSON nested too deeply; skipped")
            continue
        if not isinstance(record, dict) or not isinstance(record.get("text"), str):
            warn(f"{where}: expected an object with a string 'text' field; skipped")
            continue
        try:
            yield Document(
                id=str(record.get("id") or f"{path.stem}-{lineno}"),
                text=record["text"],
                title=_opt_str(record.get("title")) or _first_line(record["text"]),
                url=_opt_str(record.get("url")),
                date=_parse_date(record.get("date"), f"{where}: 'date'"),
                source=f"{path}:{lineno}",
            )
        except InputError as exc:
            warn(f"{exc}; skipped")


def _parse_date(value: object, where: str) -> dt.date | None:
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip()[:10])
        except ValueError:
            pass
    raise InputError(f"{where}: {value!r} is not a date (expected YYYY-MM-DD)")


def _opt_str(value: object) -> str | None:
    return None if value is None else str(value)


def _first_line(text: str) -> str | None:
    for line in text.splitlines():
        if line.strip():
            return line.strip()[:300]
    return None
