"""Read news documents from `.txt`, `.md`, `.jsonl`, HTML and RSS/Atom files or URLs.

`.txt`/`.md` files may start with a YAML front-matter block between `---`
lines holding `title`, `url`, `date` and `source` (the outlet). A `.jsonl` file
holds one document per line: `{"text": ..., "id"?, "title"?, "url"?, "date"?,
"source"?}`. Ids follow `graph_builder.identity` (URL, else content hash). HTML pages
(`.html`, `.htm`), feeds (`.rss`, `.atom`, `.xml`) and http(s) URLs are read by `web_inputs`.

Problems with one file are reported through a `warn` callback as one line naming
the file (and line) and that input is skipped, so one bad file never stops a run.
Files are read within a size limit and JSONL line by line, so memory stays bounded
whatever the input.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import re
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

import yaml

from graph_builder import web_inputs
from graph_builder.errors import InputError
from graph_builder.identity import document_id
from graph_builder.models import Document

SUFFIXES = (".txt", ".md", ".jsonl", *web_inputs.HTML_SUFFIXES, *web_inputs.FEED_SUFFIXES)
_KINDS = ".txt, .md, .jsonl, .html, .htm, .rss, .atom or .xml"
Warn = Callable[[str], None]

_FRONT_MATTER_OPEN = re.compile(r"\A\ufeff?---[ \t]*\r?\n")
_FRONT_MATTER_CLOSE = re.compile(r"^(?:---|\.\.\.)[ \t]*\r?$", re.MULTILINE)
_BINARY_SNIFF = 8192
# The largest document (a .txt/.md file, or one JSONL line) read; larger ones are skipped.
MAX_DOCUMENT_BYTES = 10 * 1024 * 1024
_SKIP_CHUNK = 1024 * 1024


def read_documents(
    paths: Sequence[str | Path], warn: Warn, follow_links: bool = False
) -> Iterator[Document]:
    """Yield the documents under `paths` (files, folders searched recursively, or URLs).

    `follow_links`: a feed entry's text is its linked page's article (fetched).
    """
    for raw in paths:
        if web_inputs.is_url(raw):
            yield from web_inputs.read_url(str(raw), warn, follow_links=follow_links)
            continue
        for path in iter_files([raw], warn):
            try:
                yield from read_file(path, warn, follow_links=follow_links)
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
                warn(f"{path}: no {_KINDS.replace(' or ', ', ')} files in this folder")
        elif path.is_file():
            if path.suffix.lower() in SUFFIXES:
                yield path
            else:
                warn(f"{path}: unsupported file type (expected {_KINDS}); skipped")
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
    found by one quick pass that parses nothing: the length of a progress bar (a URL
    counts as one)."""
    urls = [p for p in paths if web_inputs.is_url(p)]
    total = len(urls)
    for path in iter_files([p for p in paths if p not in urls], lambda _message: None):
        if path.suffix.lower() != ".jsonl":
            total += 1
            continue
        try:
            with path.open("rb") as fh:
                total += sum(1 for line in fh if line.strip())
        except OSError:
            continue
    return total


def read_file(path: Path, warn: Warn, follow_links: bool = False) -> Iterator[Document]:
    """Yield the document(s) of one file."""
    suffix = path.suffix.lower()
    if suffix in web_inputs.HTML_SUFFIXES or suffix in web_inputs.FEED_SUFFIXES:
        yield from _read_web_file(path, warn, follow_links)
        return
    if path.suffix.lower() == ".jsonl":
        yield from _read_jsonl(path, warn)
        return
    raw = _read_bounded(path, warn)
    if raw is None:
        return
    text = _decode(raw, path, 1, warn)
    yield parse_text(text, path=str(path), legacy_id=path.stem)


def _read_bounded(path: Path, warn: Warn) -> bytes | None:
    """The bytes of a one-document file, or None (with a warning) when it is over the
    size limit or looks binary."""
    size = path.stat().st_size
    if size > MAX_DOCUMENT_BYTES:
        warn(f"{path}: {_mb(size)} is over the {_mb(MAX_DOCUMENT_BYTES)} limit for one "
             "document; skipped")
        return None
    raw = path.read_bytes()
    if (nul := raw.find(b"\x00", 0, _BINARY_SNIFF)) >= 0:
        line = raw.count(b"\n", 0, nul) + 1
        warn(f"{path}: line {line}: looks like a binary file (a NUL byte); skipped")
        return None
    return raw


def _read_web_file(path: Path, warn: Warn, follow_links: bool) -> Iterator[Document]:
    """An HTML page or a feed saved as a file (`web_inputs`), within the size limit."""
    raw = _read_bounded(path, warn)
    if raw is None:
        return
    if path.suffix.lower() in web_inputs.HTML_SUFFIXES:
        doc = web_inputs.read_html(raw, where=str(path), warn=warn, legacy_id=path.stem)
        if doc is not None:
            yield doc
    else:
        yield from web_inputs.read_feed(raw, str(path), warn, follow_links=follow_links)


def parse_text(
    text: str, path: str | None = None, legacy_id: str | None = None, doc_id: str | None = None
) -> Document:
    """Split off the front matter (if any) and build the Document."""
    meta, body = split_front_matter(text, path or doc_id or "text")
    where = path or doc_id or "text"
    title = meta.get("title")
    if title is None:
        title = _first_line(body)
    url = _opt_str(meta.get("url"))
    scheme = "given"
    if doc_id is None:
        doc_id, scheme = document_id(body, url)
    return Document(
        id=doc_id,
        text=body,
        title=str(title) if title is not None else None,
        url=url,
        date=_parse_date(meta.get("date"), f"{where}: front matter 'date'"),
        source=_opt_str(meta.get("source")),
        path=path,
        id_scheme=scheme,
        legacy_id=legacy_id,
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
    source: str | None = None,
) -> Document:
    """Build a Document from values (e.g. an API request); the id defaults to the URL's
    or the content's hash (`graph_builder.identity`)."""
    scheme, legacy = "given", None
    if doc_id is None:
        doc_id, scheme = document_id(text, url)
        # The id older versions gave a document posted without one.
        old = hashlib.sha1(f"{title or ''}\n{url or ''}\n{text}".encode()).hexdigest()
        legacy = f"doc-{old[:16]}"
    if title is None:
        title = _first_line(text)
    return Document(
        id=doc_id,
        text=text,
        title=title,
        url=url,
        date=_parse_date(date, "date"),
        source=source,
        path="api",
        id_scheme=scheme,
        legacy_id=legacy,
    )


def _read_jsonl(path: Path, warn: Warn) -> Iterator[Document]:
    """One document per line, read line by line; an over-long line is skipped unread."""
    with path.open("rb") as fh:
        if b"\x00" in fh.peek(_BINARY_SNIFF)[:_BINARY_SNIFF]:
            warn(f"{path}: looks like a binary file; skipped")
            return
        lineno = 0
        while raw := fh.readline(MAX_DOCUMENT_BYTES + 1):
            lineno += 1
            where = f"{path}: line {lineno}"
            if len(raw) > MAX_DOCUMENT_BYTES and not raw.endswith(b"\n"):
                size = len(raw) + _skip_line(fh)
                warn(f"{where}: {_mb(size)} is over the {_mb(MAX_DOCUMENT_BYTES)} limit for "
                     "one document; skipped")
                continue
            line = _decode(raw, path, lineno, warn)
            if line.strip():
                yield from _jsonl_document(path, lineno, line, warn)


def _jsonl_document(path: Path, lineno: int, line: str, warn: Warn) -> Iterator[Document]:
    where = f"{path}: line {lineno}"
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        warn(f"{where}: not valid JSON ({exc.msg}); skipped")
        return
    except RecursionError:
        warn(f"{where}: JSON nested too deeply; skipped")
        return
    if not isinstance(record, dict) or not isinstance(record.get("text"), str):
        warn(f"{where}: expected an object with a string 'text' field; skipped")
        return
    text, url = record["text"], _opt_str(record.get("url"))
    given = record.get("id")
    doc_id, scheme = (str(given), "given") if given else document_id(text, url)
    try:
        yield Document(
            id=doc_id,
            text=text,
            title=_opt_str(record.get("title")) or _first_line(text),
            url=url,
            date=_parse_date(record.get("date"), f"{where}: 'date'"),
            source=_opt_str(record.get("source")),
            path=f"{path}:{lineno}",
            id_scheme=scheme,
            legacy_id=None if given else f"{path.stem}-{lineno}",
        )
    except InputError as exc:
        warn(f"{exc}; skipped")


def _skip_line(fh: Any) -> int:
    """Read past the rest of a line in bounded chunks; return how many bytes it had."""
    skipped = 0
    while chunk := fh.readline(_SKIP_CHUNK):
        skipped += len(chunk)
        if chunk.endswith(b"\n"):
            break
    return skipped


def _decode(raw: bytes, path: Path, first_line: int, warn: Warn) -> str:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = first_line + raw.count(b"\n", 0, exc.start)
        warn(f"{path}: line {line}: not valid UTF-8 (first bad byte at offset {exc.start}); "
             "decoded with replacement")
        return raw.decode("utf-8", errors="replace")


def _mb(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MB"


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
