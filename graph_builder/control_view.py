"""The control timeline of a place as one self-contained HTML page (no network use).

A bar per period of control, its width growing with the period's length, coloured per
holder; a date field that names the holder on that day; under it every period with
its statements (sentence, date, speaker, confidence, construction, source link).
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import jinja2
from markupsafe import Markup

from graph_builder.control import PlaceControl

PALETTE = [
    "#4e79a7", "#e15759", "#59a14f", "#f28e2b", "#b07aa1",
    "#76b7b2", "#edc948", "#9c755f", "#ff9da7", "#bab0ac",
]  # fmt: skip
MIN_SHARE = 0.08  # the shortest bar still takes this share of the line

_ENV = jinja2.Environment(
    loader=jinja2.FileSystemLoader(str(Path(__file__).resolve().parent / "data" / "templates")),
    autoescape=jinja2.select_autoescape(["html"]),
)


def safe_link(url: str | None) -> str | None:
    """`url` when it is an http(s) address, else None (no script or file links)."""
    if not url:
        return None
    return url if urlsplit(url).scheme in ("http", "https") else None


def _widths(control: PlaceControl) -> list[float]:
    """Relative bar widths: days held (the last period up to the latest date stated)."""
    periods = control.periods
    if not periods:
        return []
    end = max(p.last_stated or p.since for p in periods)
    days = [max(((p.until or end) - p.since).days, 1) for p in periods]
    total = sum(days)
    return [max(d, total * MIN_SHARE) for d in days]


def _statement(s: dict[str, Any]) -> dict[str, Any]:
    doc = s["document"]
    return {**s, "link": safe_link(doc.get("url")), "doc": doc}


def render_control_page(control: PlaceControl, per: int = 50, today: dt.date | None = None) -> str:
    """The page for one place's timeline, listing up to `per` statements per period."""
    colours: dict[str, str] = {}
    for holder in [h for p in control.periods for h in p.holders] + [
        u.holder for u in control.undated
    ]:
        colours.setdefault(holder["id"], PALETTE[len(colours) % len(PALETTE)])
    periods = [
        {
            "index": i,
            "holders": p.holders,
            "names": ", ".join(h["name"] for h in p.holders),
            "colour": colours[p.holders[0]["id"]],
            "since": p.since.isoformat(),
            "until": p.until.isoformat() if p.until else None,
            "last_stated": p.last_stated.isoformat() if p.last_stated else None,
            "count": len(p.statements),
            "statements": [_statement(s) for s in p.statements[:per]],
            "width": w,
        }
        for i, (p, w) in enumerate(zip(control.periods, _widths(control), strict=True))
    ]
    undated = [
        {
            "holder": u.holder,
            "colour": colours[u.holder["id"]],
            "count": len(u.statements),
            "statements": [_statement(s) for s in u.statements[:per]],
        }
        for u in control.undated
    ]
    spans = [{"since": p["since"], "until": p["until"], "names": p["names"]} for p in periods]
    data = json.dumps(spans).replace("<", "\\u003c")
    return _ENV.get_template("control.html").render(
        place=control.place,
        periods=periods,
        undated=undated,
        spans=Markup(data),
        first=periods[0]["since"] if periods else None,
        generated=(today or dt.date.today()).isoformat(),
    )


def write_control_page(control: PlaceControl, output: Path, per: int = 50) -> Path:
    """Write the page to `output` (folders created); returns the path."""
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(render_control_page(control, per), encoding="utf-8")
    return output
