"""Neo4j Browser ready on first open: the project's style and its saved queries.

Browser runs `browser.post_connect_cmd` (from neo4j.conf) after every connection.
`graph-builder neo4j start` sets it to

* `:style {...}` with `cypher/browser-style.grass` inline, as the JSON Browser keeps
  styles in (it has no `;`, which separates post-connect commands), so every actor
  kind and relationship type is drawn in the project's colours at once;
* `:play <API>/browser/guide`, a guide the API serves (allowed by
  `browser.remote_content_hostname_whitelist`) with one slide per saved query of
  `cypher/queries/`: its `:param` lines and the query, each runnable with one click.
  The guide shows while the API runs (`graph-builder serve`, `make demo`).
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

from graph_builder.cypher import CYPHER_DIR
from graph_builder.settings import Settings

STYLE_FILE = CYPHER_DIR / "browser-style.grass"
QUERIES_DIR = CYPHER_DIR / "queries"
GUIDE_PATH = "/browser/guide"
_RULE = re.compile(r"([^{}]+)\{([^{}]*(?:\{[^{}]*\}[^{}]*)*)\}")
_PARAM = re.compile(r"^//\s*(:param\s+.+?)\s*$")


def grass_rules(text: str) -> dict[str, dict[str, str]]:
    """A GraSS stylesheet as Browser's selector -> {property: value} map (quotes dropped)."""
    rules: dict[str, dict[str, str]] = {}
    for selector, body in _RULE.findall(text):
        props = rules.setdefault(selector.strip(), {})
        for declaration in body.split(";"):
            name, sep, value = declaration.partition(":")
            if sep and name.strip():
                props[name.strip()] = value.strip().strip("'\"")
    return rules


def style_command(path: Path = STYLE_FILE) -> str:
    """`style {...}`: the stylesheet as one Browser command without semicolons."""
    return "style " + json.dumps(grass_rules(path.read_text(encoding="utf-8")),
                                 separators=(",", ":"))


def api_host(settings: Settings) -> str:
    """The host Browser reaches the API at (a wildcard bind is reached on loopback)."""
    return settings.api_host if settings.api_host not in ("0.0.0.0", "::", "") else "127.0.0.1"


def guide_url(settings: Settings) -> str:
    return f"http://{api_host(settings)}:{settings.api_port}{GUIDE_PATH}"


def conf_lines(settings: Settings) -> list[str]:
    """The neo4j.conf settings that style Browser and offer the saved-queries guide.

    Browser allows remote guides by host name (without port), hence the allowlist entry.
    """
    return [
        f"browser.post_connect_cmd={style_command()}; guide {guide_url(settings)}",
        f"browser.remote_content_hostname_whitelist={api_host(settings)}",
    ]


def saved_queries() -> list[tuple[str, list[str], list[str], str]]:
    """(name, description lines, `:param` lines, query) for each file of cypher/queries/."""
    out = []
    for path in sorted(QUERIES_DIR.glob("*.cypher")):
        description: list[str] = []
        params: list[str] = []
        body: list[str] = []
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.startswith("//"):
                param = _PARAM.match(line)
                if param:
                    params.append(param.group(1))
                elif not body:
                    text = line.lstrip("/").strip()
                    if text and not text.lower().startswith("set in neo4j browser"):
                        description.append(text)
            elif line.strip() or body:
                body.append(line)
        out.append((path.stem, description, params, "\n".join(body).strip()))
    return out


def guide_html() -> str:
    """The Browser guide: a first slide listing the queries, then one slide per query."""
    queries = saved_queries()
    items = "".join(
        f"<li><b>{html.escape(name.replace('_', ' '))}</b>: "
        f"{html.escape(' '.join(desc))}</li>"
        for name, desc, _, _ in queries
    )
    slides = [
        "<slide class='row-fluid'><div class='col-sm-12'>"
        "<h3>Saved queries of the conflict actor graph</h3>"
        "<p>Each following slide holds one saved query (<code>cypher/queries/</code>). "
        "Click a block to put it in the editor, then run it: first the "
        "<code>:param</code> line, then the query.</p>"
        f"<ul>{items}</ul>"
        "<pre class='code runnable'>MATCH (a:Actor)-[r:SUPPORTS|OPPOSES|MET_WITH|SEIZED]->(b)"
        " RETURN a, r, b LIMIT 100</pre>"
        "</div></slide>"
    ]
    for name, desc, params, query in queries:
        runnable = "".join(
            f"<pre class='code runnable'>{html.escape(p)}</pre>" for p in params
        )
        slides.append(
            "<slide class='row-fluid'><div class='col-sm-12'>"
            f"<h3 data-query='{html.escape(name)}'>{html.escape(name.replace('_', ' '))}</h3>"
            f"<p>{html.escape(' '.join(desc))}</p>{runnable}"
            f"<pre class='code runnable'>{html.escape(query)}</pre>"
            "</div></slide>"
        )
    return (
        "<article class='guide'><carousel class='deck container-fluid'>"
        + "".join(slides)
        + "</carousel></article>"
    )
