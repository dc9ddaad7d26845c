"""Document ids, outlets and the near-duplicate rule, without a database."""

from __future__ import annotations

from graph_builder.identity import document_id, normalise_url, outlet, url_host
from graph_builder.near_duplicates import THRESHOLD, shingles, signature, similarity

BODY = (
    "Government forces and the rebels fought for control of the river crossing on "
    "Tuesday, witnesses said, as convoys of displaced families moved south along the "
    "main road. Officials on both sides gave different accounts of the losses, and aid "
    "workers said the clinic in the market had run out of supplies by the evening."
)


def test_ids_come_from_the_url_else_the_content() -> None:
    assert document_id("any text", "https://Example.org/a/#top")[0] == document_id(
        "other text", "https://example.org/a"
    )[0]
    doc, scheme = document_id("Iran backs Hezbollah.\n", None)
    assert scheme == "content" and doc == document_id("  Iran backs Hezbollah.\r\n", "")[0]
    assert document_id("Iran backs Hezbollah.", None) != document_id("Iran backs Hamas.", None)
    assert normalise_url("HTTPS://WWW.X.org/a/?q=1#f") == "https://www.x.org/a?q=1"


def test_outlet_is_the_source_field_else_the_host() -> None:
    assert outlet("Wire Service", "https://x.org/a") == "wire service"
    assert outlet(None, "https://www.Daily.example/p") == url_host("https://daily.example") \
        == "daily.example"
    assert outlet(None, None) is None and outlet("  ", "not a url") is None


def test_near_duplicates_reach_the_threshold_and_other_stories_do_not() -> None:
    base = signature(BODY)
    copy = signature("By a staff writer. " + BODY + " Reporting by the desk.")
    other = signature(BODY.replace("fought for control of the river crossing", "met for talks"
                                   ).replace("displaced families", "trucks") + " " +
                      "A second, unrelated paragraph about elections in the capital follows "
                      "with several more sentences of its own about candidates and turnout.")
    assert base and copy and other
    assert similarity(base.values, copy.values) >= THRESHOLD
    assert set(base.bands) & set(copy.bands)
    assert similarity(base.values, other.values) < THRESHOLD
    assert signature(BODY) == base  # fixed seed: the same everywhere
    assert signature("...") is None and shingles("Two words") == {"two words"}
