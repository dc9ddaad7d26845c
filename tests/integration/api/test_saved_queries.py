"""Every saved Browser query runs against the seed graph, with the `:param` values its
header documents, and returns rows."""

from __future__ import annotations

import ast
import re

import neo4j
import pytest

from graph_builder.cypher import CYPHER_DIR, query

pytestmark = pytest.mark.integration

PARAM = re.compile(r"^//\s+:param\s+(\w+)\s*=>\s*(.+?)\s*$")
QUERIES = sorted(p.stem for p in (CYPHER_DIR / "queries").glob("*.cypher"))
# Values that do not depend on the dates the extractor finds.
OVERRIDES = {"new_edges_since": {"since": "2000-01-01"}}


def header_params(name: str) -> dict:
    """The first `:param name => value` line for each parameter in the header."""
    params: dict = {}
    for line in query(f"queries/{name}").splitlines():
        m = PARAM.match(line)
        if m and m.group(1) not in params:
            raw = m.group(2)
            params[m.group(1)] = None if raw == "null" else ast.literal_eval(raw)
    return params


def test_the_expected_queries_exist() -> None:
    assert set(QUERIES) >= {
        "who_supports",
        "allies_and_adversaries",
        "paths_between",
        "seizures_by_date",
        "edge_evidence",
        "shared_adversaries",
        "new_edges_since",
        "place_control",
    }


@pytest.mark.parametrize("name", QUERIES)
def test_saved_query_returns_rows(name: str, seeded: neo4j.Driver, api_settings) -> None:
    text = query(f"queries/{name}")
    assert text.startswith("//"), "a saved query starts with a comment saying what it does"
    params = {**header_params(name), **OVERRIDES.get(name, {})}
    used = set(re.findall(r"\$(\w+)", text.split("\n", 1)[1]))
    assert used <= set(params), f"undocumented parameters: {used - set(params)}"
    records, _, _ = seeded.execute_query(text, params, database_=api_settings.neo4j_database)
    assert records, f"{name} returned no rows with {params}"
