"""Document identity and outlets.

A document's id comes from its URL when it has one (``url-`` + 16 hex digits of
sha1 of the normalised URL), else from its body (``doc-`` + 16 hex digits of sha1
of the text with line endings and outer whitespace normalised); an explicit id
(a JSONL ``id``, the API's ``id``) is kept as given. Where a document was read
(its path) is a property, never its identity: the same text under two file
names is one document, two different texts under one name are two.

Documents loaded before this scheme had the file name as id; `legacy_id` gives
that old id so that re-ingesting migrates them (see `graph_builder.loader`).
"""

from __future__ import annotations

import hashlib
from typing import Literal
from urllib.parse import urlsplit, urlunsplit

IdScheme = Literal["url", "content", "given"]


def normalise_url(url: str) -> str:
    """Scheme and host lower-cased, no fragment, no trailing slash on the path."""
    parts = urlsplit(url.strip())
    path = parts.path.rstrip("/") if parts.path != "/" else ""
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), path, parts.query, ""))


def url_host(url: str | None) -> str | None:
    """The host of a URL without `www.`, or None when there is none."""
    if not url:
        return None
    host = (urlsplit(url.strip()).hostname or "").lower()
    host = host.removeprefix("www.")
    return host or None


def content_hash(text: str) -> str:
    """sha1 of the body with line endings and surrounding whitespace normalised."""
    body = text.replace("\r\n", "\n").replace("\r", "\n").strip()
    return hashlib.sha1(body.encode("utf-8")).hexdigest()


def document_id(text: str, url: str | None) -> tuple[str, IdScheme]:
    """The id of a document without an explicit one, and how it was made."""
    if url and urlsplit(url.strip()).netloc:
        digest = hashlib.sha1(normalise_url(url).encode("utf-8")).hexdigest()
        return f"url-{digest[:16]}", "url"
    return f"doc-{content_hash(text)[:16]}", "content"


def outlet(source: str | None, url: str | None) -> str | None:
    """Who published a document: its `source` field, else its URL's host."""
    if source and source.strip():
        return source.strip().lower()
    return url_host(url)
