"""Document identity and corroboration against a real Neo4j: ids from URL or content,
paths as a property, distinct outlets, near-duplicates, and migration of older graphs."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import neo4j
import pytest

from graph_builder.extract import Extractor
from graph_builder.loader import LoadSummary, load_extractions
from graph_builder.models import Document
from graph_builder.reader import read_documents
from graph_builder.schema import ensure_schema
from graph_builder.settings import Settings

pytestmark = pytest.mark.integration

STORY = (
    "Turkey supports the Syrian National Army in northern Syria, officials said on Monday. "
    "The army shelled positions held by the Kurdish-led forces near the town overnight, "
    "and residents reported heavy damage to houses and a school on the eastern edge. "
    "Aid groups said hundreds of families had fled toward the countryside since the "
    "weekend, and the United Nations called for an end to the fighting around the dam."
)


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor()


def ingest(
    driver: neo4j.Driver,
    settings: Settings,
    extractor: Extractor,
    paths: list[Path],
    **kw: Any,
) -> LoadSummary:
    problems: list[str] = []
    docs = list(read_documents(paths, problems.append))
    assert not problems
    ensure_schema(driver, settings.neo4j_database)
    return load_extractions(driver, extractor.extract_many(docs), settings.neo4j_database, **kw)


def load_docs(
    driver: neo4j.Driver, settings: Settings, extractor: Extractor, docs: list[Document], **kw: Any
) -> LoadSummary:
    ensure_schema(driver, settings.neo4j_database)
    return load_extractions(driver, extractor.extract_many(docs), settings.neo4j_database, **kw)


def documents(driver: neo4j.Driver, settings: Settings) -> list[dict[str, Any]]:
    records, _, _ = driver.execute_query(
        "MATCH (d:Document) RETURN d {.id, .paths, .source, .id_scheme, .story, .source_key}"
        " AS d ORDER BY d.id",
        database_=settings.neo4j_database,
    )
    return [r["d"] for r in records]


def edge(driver: neo4j.Driver, settings: Settings, source: str, rel: str, target: str) -> dict:
    records, _, _ = driver.execute_query(
        f"MATCH (:Actor {{id: $a}})-[r:{rel}]->(:Actor {{id: $b}}) RETURN properties(r) AS p",
        a=source, b=target, database_=settings.neo4j_database,
    )
    assert len(records) == 1, f"no edge {source} {rel} {target}"
    return dict(records[0]["p"])


def test_same_name_different_text_is_two_documents(
    clean_db: neo4j.Driver, settings: Settings, extractor: Extractor, tmp_path: Path
) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "12.txt").write_text("Iran backs Hezbollah, officials said.\n")
    (tmp_path / "b" / "12.txt").write_text("Russia supports Assad, the ministry said.\n")
    ingest(clean_db, settings, extractor, [tmp_path / "a"])
    summary = ingest(clean_db, settings, extractor, [tmp_path / "b"])
    assert summary.documents_written == 1 and summary.statements_deleted == 0  # nothing replaced
    docs = documents(clean_db, settings)
    assert len(docs) == 2 and all(d["id_scheme"] == "content" for d in docs)
    assert sorted(p for d in docs for p in d["paths"]) == sorted(
        str(tmp_path / x / "12.txt") for x in ("a", "b")
    )
    assert edge(clean_db, settings, "iran", "SUPPORTS", "hezbollah")["doc_count"] == 1
    assert edge(clean_db, settings, "russia", "SUPPORTS", "bashar-al-assad")["doc_count"] == 1


def test_same_text_under_two_names_is_one_document_with_both_paths(
    clean_db: neo4j.Driver, settings: Settings, extractor: Extractor, tmp_path: Path
) -> None:
    text = "Iran backs Hezbollah, officials said.\n"
    (tmp_path / "first.txt").write_text(text)
    (tmp_path / "copy of first.txt").write_text(text)
    (tmp_path / "later").mkdir()
    (tmp_path / "later" / "again.txt").write_text(text)
    ingest(clean_db, settings, extractor, [tmp_path / "first.txt", tmp_path / "copy of first.txt"])
    summary = ingest(clean_db, settings, extractor, [tmp_path / "later"])  # a later run
    assert summary.documents_unchanged == 1
    (doc,) = documents(clean_db, settings)
    assert sorted(doc["paths"]) == sorted(
        str(p) for p in (tmp_path / "first.txt", tmp_path / "copy of first.txt",
                         tmp_path / "later" / "again.txt")
    )  # fmt: skip
    props = edge(clean_db, settings, "iran", "SUPPORTS", "hezbollah")
    assert (props["evidence_count"], props["doc_count"], props["source_count"]) == (1, 1, 1)


def wire_copies() -> list[Document]:
    """One wire story as three outlets ran it: own headline, byline or closing line."""
    texts = [
        "By Staff Reporter. " + STORY,
        STORY + " Additional reporting from the border.",
        "(Wire) " + STORY.replace("on Monday", "on Monday morning"),
    ]
    hosts = ["news-one.example", "www.second-daily.example", "third.example"]
    return [
        Document(f"wire-{i}", text, title=f"Headline {i}", url=f"https://{host}/world/{i}",
                 date=dt.date(2024, 10, 7))
        for i, (text, host) in enumerate(zip(texts, hosts, strict=True))
    ]  # fmt: skip


@pytest.mark.parametrize(("near_duplicates", "sources"), [(True, 1), (False, 3)])
def test_a_wire_story_in_three_outlets_is_one_source_under_the_near_duplicate_rule(
    clean_db: neo4j.Driver,
    settings: Settings,
    extractor: Extractor,
    near_duplicates: bool,
    sources: int,
) -> None:
    first, *others = wire_copies()
    load_docs(clean_db, settings, extractor, [first], near_duplicates=near_duplicates)
    summary = load_docs(clean_db, settings, extractor, others, near_duplicates=near_duplicates)
    assert summary.near_duplicates == (2 if near_duplicates else 0)
    props = edge(clean_db, settings, "turkey", "SUPPORTS", "syrian-national-army")
    assert (props["doc_count"], props["source_count"]) == (3, sources)
    outlets = sorted(d["source"] for d in documents(clean_db, settings))
    assert outlets == ["news-one.example", "second-daily.example", "third.example"]
    # A different story from a fourth outlet is a source of its own in both modes.
    own = Document("own", "Turkey supports the Syrian National Army, a minister told "
                   "reporters in Ankara after a cabinet meeting.", url="https://fourth.example/a")
    load_docs(clean_db, settings, extractor, [own], near_duplicates=near_duplicates)
    props = edge(clean_db, settings, "turkey", "SUPPORTS", "syrian-national-army")
    assert (props["doc_count"], props["source_count"]) == (4, sources + 1)


def test_source_count_is_exact_when_a_copy_is_replaced_or_deleted(
    clean_db: neo4j.Driver, settings: Settings, extractor: Extractor
) -> None:
    from graph_builder.loader import delete_document

    docs = wire_copies()
    load_docs(clean_db, settings, extractor, docs, batch_size=1)
    key = ("turkey", "SUPPORTS", "syrian-national-army")
    assert edge(clean_db, settings, *key)["source_count"] == 1
    # The second outlet rewrites its copy into a story of its own: two sources now.
    rewritten = Document(
        docs[1].id, "Turkey supports the Syrian National Army, the second daily's own "
        "correspondent wrote from Gaziantep, citing commanders.", url=docs[1].url)
    load_docs(clean_db, settings, extractor, [rewritten])
    assert edge(clean_db, settings, *key)["source_count"] == 2
    delete_document(clean_db, rewritten.id, settings.neo4j_database)
    assert edge(clean_db, settings, *key)["source_count"] == 1


LEGACY_SHAPE = [
    # What the loader wrote before ids came from URLs or content: id = file name,
    # `source` = the path, no paths/outlet/near-duplicate data, edges without
    # source_count, no identity version on the lock node.
    "MATCH (b:MinHashBand) DETACH DELETE b",
    "MATCH (d:Document) SET d.id = d.legacy_id_for_test, d.source = d.paths[0] "
    "REMOVE d.paths, d.id_scheme, d.minhash, d.story, d.source_key, d.legacy_id_for_test",
    "MATCH (s:Statement) REMOVE s.source_key",
    "MATCH ()-[r]->() REMOVE r.source_count",
    "MATCH (l:LoadLock) REMOVE l.identity_version",
]


def test_a_graph_of_the_old_identity_migrates_on_the_next_ingest(
    clean_db: neo4j.Driver, settings: Settings, extractor: Extractor, tmp_path: Path, dump: Any
) -> None:
    (tmp_path / "12.txt").write_text("Iran backs Hezbollah, officials said.\n")
    (tmp_path / "13.txt").write_text("Russia supports Assad, the ministry said.\n")
    (tmp_path / "14.txt").write_text(
        "---\nurl: https://www.example.org/14\n---\nQatar hosted talks with Hamas.\n")
    ingest(clean_db, settings, extractor, [tmp_path])
    fresh = documents(clean_db, settings)
    edges_before = dump(clean_db)[1]
    db = settings.neo4j_database
    clean_db.execute_query(
        "MATCH (d:Document) WITH d, [p IN d.paths | split(split(p, '/')[-1], '.')[0]] AS stems "
        "SET d.legacy_id_for_test = stems[0]", database_=db)
    for statement in LEGACY_SHAPE:
        clean_db.execute_query(statement, database_=db)
    legacy = documents(clean_db, settings)
    assert sorted(d["id"] for d in legacy) == ["12", "13", "14"]

    summary = ingest(clean_db, settings, extractor, [tmp_path])  # the next ingest
    assert summary.documents_migrated == 3
    migrated = documents(clean_db, settings)
    assert migrated == fresh
    assert dump(clean_db)[1] == edges_before  # edges as a fresh load gives them
    assert ingest(clean_db, settings, extractor, [tmp_path]).documents_written == 0
