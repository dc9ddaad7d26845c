"""The neo4j.conf lines that make Neo4j Browser ready on first open (no server needed)."""

from __future__ import annotations

import json

from graph_builder import neo4j_server
from graph_builder.browser_setup import (
    STYLE_FILE,
    conf_lines,
    grass_rules,
    guide_html,
    saved_queries,
    style_command,
)
from graph_builder.settings import Settings


def test_style_command_is_the_grass_file_as_one_command() -> None:
    command = style_command()
    assert command.startswith("style {") and ";" not in command  # `;` separates commands
    rules = json.loads(command.removeprefix("style "))
    assert rules == grass_rules(STYLE_FILE.read_text(encoding="utf-8"))
    assert rules["relationship.SUPPORTS"]["color"] == "#2CA02C"
    assert rules["node.Country"]["caption"] == "{name}"
    for label in ("Country", "Government", "Person", "ArmedGroup", "Organisation", "Place"):
        assert rules[f"node.{label}"]["color"].startswith("#")


def test_conf_styles_browser_and_points_at_the_guide() -> None:
    settings = Settings(api_host="0.0.0.0", api_port=8123)
    post, allow = conf_lines(settings)
    assert post.startswith("browser.post_connect_cmd=style {")
    assert post.endswith("; guide http://127.0.0.1:8123/browser/guide")
    assert allow == "browser.remote_content_hostname_whitelist=127.0.0.1"
    conf = neo4j_server.render_conf(settings, neo4j_server.server_paths(settings))
    assert post in conf.splitlines() and allow in conf.splitlines()


def test_guide_has_a_slide_per_saved_query_with_its_params() -> None:
    queries = saved_queries()
    assert {"who_supports", "edge_evidence", "edges_over_time"} <= {q[0] for q in queries}
    page = guide_html()
    assert page.count("<slide") == 1 + len(queries)
    who = next(q for q in queries if q[0] == "who_supports")
    assert who[2] == [":param actor => 'Bashar al-Assad'"]
    assert who[3].startswith("MATCH (x:Actor)")
    assert page.count("class='code runnable'") == 1 + sum(1 + len(q[2]) for q in queries)
