"""Documents from the web formats analysts keep: HTML pages, saved articles, RSS/Atom feeds.

* An HTML page (file or URL) gives its main text and metadata (title, date, canonical
  URL, site name as the outlet) through trafilatura, which drops menus, sidebars,
  comments and other boilerplate. A page without article text is skipped with a
  message naming it.
* A feed (file or URL) gives one document per entry through feedparser: its full
  content, else its summary, as text; the feed's title is the outlet. With
  `follow_links`, an entry's linked page is fetched and its article text used instead.

Problems go to the `warn` callback; one bad page or entry never stops a run.
"""

from __future__ import annotations

import datetime as dt
import re
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from typing import Any
from urllib.parse import urlsplit

import feedparser
import trafilatura

from graph_builder.errors import InputError
from graph_builder.identity import document_id
from graph_builder.models import Document

HTML_SUFFIXES = (".html", ".htm")
FEED_SUFFIXES = (".rss", ".atom", ".xml")
MAX_BYTES = 20 * 1024 * 1024  # a page or feed larger than this is refused
TIMEOUT = 20.0  # seconds per request
USER_AGENT = "graph-builder (conflict news reader)"
Warn = Callable[[str], None]

_FEED_SNIFF = re.compile(rb"<(rss|feed|rdf:RDF)[\s>]", re.IGNORECASE)


def is_url(value: object) -> bool:
    """True for an http(s) URL given where a path could be."""
    return isinstance(value, str) and value.lower().startswith(("http://", "https://"))


def looks_like_feed(raw: bytes, content_type: str = "") -> bool:
    """A feed by its media type, else by its root element among the first bytes."""
    kind = content_type.split(";")[0].strip().lower()
    if kind in ("application/rss+xml", "application/atom+xml", "application/rdf+xml"):
        return True
    if kind in ("text/html", "application/xhtml+xml"):
        return False
    return bool(_FEED_SNIFF.search(raw[:4096]))


def fetch(url: str) -> tuple[bytes, str]:
    """The body and media type at `url`; InputError naming the URL when it cannot be had."""
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT) as response:
            body = response.read(MAX_BYTES + 1)
            content_type = response.headers.get("Content-Type", "")
    except urllib.error.HTTPError as exc:
        raise InputError(f"{url}: the server answered {exc.code} {exc.reason}") from None
    except urllib.error.URLError as exc:
        raise InputError(f"{url}: cannot fetch ({exc.reason})") from None
    except (TimeoutError, OSError, ValueError) as exc:
        raise InputError(f"{url}: cannot fetch ({exc})") from None
    if len(body) > MAX_BYTES:
        raise InputError(f"{url}: larger than {MAX_BYTES // (1024 * 1024)} MB; skipped")
    return body, content_type


def read_url(url: str, warn: Warn, follow_links: bool = False) -> Iterator[Document]:
    """The document(s) at a URL: a feed's entries, or one page's article."""
    try:
        body, content_type = fetch(url)
    except InputError as exc:
        warn(str(exc))
        return
    if looks_like_feed(body, content_type):
        yield from read_feed(body, url, warn, follow_links=follow_links)
    else:
        doc = read_html(body, where=url, url=url, warn=warn)
        if doc is not None:
            yield doc


def read_html(
    raw: bytes | str, where: str, warn: Warn, url: str | None = None,
    legacy_id: str | None = None,
) -> Document | None:
    """The article of an HTML page, or None (with a warning) when it has no article text."""
    # `fast`: no baseline fallback, which would take a section page's menu for text;
    # no extensive date search, which would take a copyright line for the date.
    result = trafilatura.bare_extraction(
        raw,
        url=url,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        favor_precision=True,
        fast=True,
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    meta: dict[str, Any] = {}
    if isinstance(result, dict):
        meta = result
    elif result is not None:
        meta = result.as_dict()
    text = (meta.get("text") or "").strip()
    if not text:
        warn(f"{where}: no article text found in this page; skipped")
        return None
    page_url = meta.get("url") or url
    return _document(
        text=text,
        title=_clean(meta.get("title")) or _first_line(text),
        url=page_url,
        date=_date(meta.get("date")),
        path=where,
        source=_clean(meta.get("sitename")) or _host(page_url),
        legacy_id=legacy_id,
    )


def _document(text: str, title: str | None, url: str | None, date: dt.date | None,
              path: str, source: str | None, legacy_id: str | None = None) -> Document:
    """A Document whose id follows `graph_builder.identity` (the URL, else the text)."""
    doc_id, scheme = document_id(text, url)
    return Document(id=doc_id, text=text, title=title, url=url, date=date, source=source,
                    path=path, id_scheme=scheme, legacy_id=legacy_id)


def read_feed(
    raw: bytes | str, where: str, warn: Warn, follow_links: bool = False
) -> Iterator[Document]:
    """One document per entry of an RSS or Atom feed."""
    parsed = feedparser.parse(raw)
    entries = parsed.get("entries") or []
    if not entries:
        problem = parsed.get("bozo_exception")
        reason = f" ({type(problem).__name__}: {problem})" if problem else ""
        warn(f"{where}: not an RSS/Atom feed with entries{reason}; skipped")
        return
    feed = parsed.get("feed") or {}
    outlet = _clean(feed.get("title")) or _host(feed.get("link") or where)
    for number, entry in enumerate(entries, start=1):
        doc = _entry_document(entry, number, where, outlet, warn, follow_links)
        if doc is not None:
            yield doc


def _entry_document(
    entry: Any, number: int, where: str, outlet: str | None, warn: Warn, follow_links: bool
) -> Document | None:
    link = entry.get("link")
    title = _clean(entry.get("title"))
    label = f"{where}: entry {number}" + (f" ({title})" if title else "")
    date = _struct_date(entry.get("published_parsed") or entry.get("updated_parsed"))
    if follow_links and link:
        page = None
        try:
            body, _ = fetch(link)
            page = read_html(body, where=f"{label} -> {link}", url=link, warn=warn)
        except InputError as exc:
            warn(f"{label}: {exc}; using the feed's own text")
        if page is not None:
            return _document(
                text=page.text, title=title or page.title, url=page.url or link,
                date=date or page.date, path=f"{where} -> {link}",
                source=page.source or outlet,
            )
    contents = entry.get("content") or []
    html = contents[0].get("value") if contents else entry.get("summary")
    text = trafilatura.html2txt(f"<html><body>{html}</body></html>").strip() if html else ""
    if not text:
        warn(f"{label}: no text in this entry; skipped")
        return None
    return _document(
        text=text, title=title or _first_line(text), url=link, date=date, path=label,
        source=outlet,
    )


def _date(value: object) -> dt.date | None:
    if isinstance(value, str) and value:
        try:
            return dt.date.fromisoformat(value[:10])
        except ValueError:
            return None
    return None


def _struct_date(value: object) -> dt.date | None:
    if isinstance(value, time.struct_time):
        return dt.date(value.tm_year, value.tm_mon, value.tm_mday)
    return None


def _clean(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    text = " ".join(value.split())
    return text[:300] or None


def _host(url: object) -> str | None:
    if not isinstance(url, str) or not is_url(url):
        return None
    host = urlsplit(url).hostname or ""
    return host.removeprefix("www.") or None


def _first_line(text: str) -> str | None:
    for line in text.splitlines():
        if line.strip():
            return line.strip()[:300]
    return None
