"""Control timelines, the change-feed classification and the timeline page, without
services (statement rows built here)."""

from __future__ import annotations

import datetime as dt
import re

from graph_builder.changes import KeyStatements, classify, pair_keys, stance
from graph_builder.cli.timeline_commands import format_control, format_held
from graph_builder.control import build_control
from graph_builder.control_view import render_control_page, safe_link

D = dt.date.fromisoformat
PLACE = {"id": "palmyra", "name": "Palmyra", "kind": "place"}
IS = {"id": "islamic-state", "name": "Islamic State", "kind": "armed_group"}
SYRIA = {"id": "syria", "name": "Syria", "kind": "country"}
RUSSIA = {"id": "russia", "name": "Russia", "kind": "country"}


def stmt(n: int, date: str | None, sentence: str = "", url: str | None = None) -> dict:
    return {
        "id": f"s{n}",
        "source": "x",
        "relation": "seized",
        "target": "palmyra",
        "sentence": sentence or f"statement {n}",
        "start": 0,
        "end": 10,
        "speaker": None,
        "date": D(date) if date else None,
        "confidence": 0.9,
        "rule": "verb:seize",
        "document": {"id": f"d{n}", "title": f"Doc {n}", "url": url, "date": None},
    }


def test_periods_follow_the_seizures_in_date_order() -> None:
    control = build_control(
        PLACE,
        [
            (SYRIA, stmt(3, "2016-03-27")),
            (IS, stmt(1, "2015-05-21")),
            (IS, stmt(2, "2015-06-01")),  # restated by the holder: same period
            (IS, stmt(4, "2016-12-11")),
            (SYRIA, stmt(5, None)),
        ],
    )
    spans = [
        ([h["id"] for h in p.holders], p.since, p.until, p.last_stated) for p in control.periods
    ]
    assert spans == [
        (["islamic-state"], D("2015-05-21"), D("2016-03-27"), D("2015-06-01")),
        (["syria"], D("2016-03-27"), D("2016-12-11"), D("2016-03-27")),
        (["islamic-state"], D("2016-12-11"), None, D("2016-12-11")),
    ]
    assert [s["id"] for s in control.periods[0].statements] == ["s1", "s2"]
    assert [(u.holder["id"], len(u.statements)) for u in control.undated] == [("syria", 1)]
    assert control.at(D("2015-01-01")) is None
    assert control.at(D("2016-03-26")).holders == [IS]
    assert control.at(D("2016-03-27")).holders == [SYRIA]  # the day it changed hands
    assert control.at(D("2030-01-01")).holders == [IS]
    assert control.at(None) is control.periods[-1]


def test_same_day_seizures_are_held_jointly_and_a_partner_restates() -> None:
    control = build_control(
        PLACE,
        [
            (IS, stmt(1, "2020-01-01")),
            (SYRIA, stmt(2, "2020-01-01")),
            (SYRIA, stmt(3, "2020-02-01")),
        ],
    )
    assert len(control.periods) == 1
    period = control.periods[0]
    assert [h["id"] for h in period.holders] == ["islamic-state", "syria"]
    assert period.last_stated == D("2020-02-01") and len(period.statements) == 3
    later = build_control(PLACE, [(IS, stmt(1, "2020-01-01")), (RUSSIA, stmt(2, "2020-01-02"))])
    assert [p.holders[0]["id"] for p in later.periods] == ["islamic-state", "russia"]


def test_no_seizure_gives_an_empty_timeline() -> None:
    control = build_control(PLACE, [])
    assert control.periods == [] and control.undated == [] and control.at(None) is None


def ks(key: str, n: int, last: str | None, first: str | None = None) -> KeyStatements:
    return KeyStatements(key, n, D(last) if last else None, [], D(first) if first else None)


def test_classify_new_grown_and_flipped() -> None:
    window = {
        "a|SUPPORTS|b": ks("a|SUPPORTS|b", 2, "2024-02-01", "2024-01-05"),
        "b|OPPOSES|a": ks("b|OPPOSES|a", 1, "2024-03-01", "2024-03-01"),
        "c|MET_WITH|d": ks("c|MET_WITH|d", 1, "2024-01-02", "2024-01-02"),
    }
    before = {
        "a|SUPPORTS|b": ks("a|SUPPORTS|b", 3, "2023-05-01"),
        "b|OPPOSES|a": ks("b|OPPOSES|a", 0, None),
        "c|MET_WITH|d": ks("c|MET_WITH|d", 0, None),
    }
    new, grew, flipped = classify(window, before, ["SUPPORTS", "OPPOSES", "MET_WITH", "SEIZED"])
    assert sorted(new) == ["b|OPPOSES|a", "c|MET_WITH|d"]
    assert grew == ["a|SUPPORTS|b"]
    # last stated before: a supports b; last stated since: b opposes a
    assert flipped == [("a", "b", "SUPPORTS", "OPPOSES")]
    only_met = classify(window, before, ["MET_WITH"])
    assert only_met == (["c|MET_WITH|d"], [], [])


def test_a_stance_stated_both_ways_on_its_last_day_is_mixed() -> None:
    items = [ks("a|SUPPORTS|b", 1, "2024-01-01"), ks("a|OPPOSES|b", 1, "2024-01-01")]
    assert stance(items)[0] is None
    assert stance([ks("a|SUPPORTS|b", 1, "2023-01-01"), ks("a|OPPOSES|b", 1, "2024-01-01")])[0] == (
        "OPPOSES"
    )
    assert stance([]) == (None, [])
    assert set(pair_keys("a", "b")) == {
        "a|SUPPORTS|b",
        "b|SUPPORTS|a",
        "a|OPPOSES|b",
        "b|OPPOSES|a",
    }


def test_page_escapes_text_and_links_only_web_addresses() -> None:
    hostile = '<img src=x onerror="window.pwned=1"> took it'
    control = build_control(
        {**PLACE, "name": "Pal<b>myra</b>"},
        [
            (IS, stmt(1, "2015-05-21", hostile, "javascript:alert(1)")),
            (SYRIA, stmt(2, "2016-03-27", "Retaken.", "https://example.org/a?b=1&c=2")),
        ],
    )
    page = render_control_page(control, today=D("2024-01-01"))
    assert "<img src=x" not in page and "<b>myra" not in page
    assert "javascript:alert" not in page
    assert 'href="https://example.org/a?b=1&amp;c=2"' in page
    assert len(re.findall(r'class="period-bar', page)) == 2
    assert not re.search(r"<(script|link|img)[^>]+(src|href)=", page)  # nothing fetched
    assert safe_link("file:///etc/passwd") is None and safe_link(None) is None


def test_cli_text_names_holders_and_dates() -> None:
    control = build_control(PLACE, [(IS, stmt(1, "2015-05-21")), (SYRIA, stmt(2, "2016-03-27"))])
    text = "\n".join(format_control(control, per=1))
    assert "2015-05-21 – 2016-03-27  Islamic State" in text
    assert "2016-03-27 – latest" in text and "Syria" in text
    held = "\n".join(format_held([(PLACE, control.periods[1])], D("2017-01-01")))
    assert held.splitlines() == ["Held on 2017-01-01:", "  Palmyra  Syria (since 2016-03-27)"]
