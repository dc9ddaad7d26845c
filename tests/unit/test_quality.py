"""Extraction quality against gold: the seed articles and the held-out style dev set."""

from __future__ import annotations

from pathlib import Path

import pytest

from graph_builder.evaluate import DEFAULT_ALIASES, AliasTable, load_gold, score
from graph_builder.extract import Extractor
from graph_builder.reader import read_documents

REPO = Path(__file__).resolve().parents[2]
SHARED = REPO.parent / "shared"
DEV = REPO / "tests" / "data" / "dev"


def _score(extractor: Extractor, gold: Path, paths: list[Path], *aliases: Path):
    if not gold.exists():
        pytest.fail(f"{gold} is missing: the shared/ folder must sit beside the repository")
    canon = AliasTable.load(DEFAULT_ALIASES, *aliases)
    warnings: list[str] = []
    docs = list(read_documents(paths, warnings.append))
    edges = {ex.document.name: ex.edges for ex in extractor.extract_many(docs)}
    return score(edges, load_gold(gold, canon), canon)


@pytest.fixture(scope="module", params=["rules", "both"])
def any_mode(request: pytest.FixtureRequest, extractor: Extractor) -> Extractor:
    """The rules alone, and rules with the shipped relation model (the default)."""
    return Extractor(nlp=extractor.nlp, catalog=extractor.catalog, mode=request.param)


def test_seed_articles_meet_the_quality_bar(any_mode: Extractor) -> None:
    report = _score(any_mode, SHARED / "gold" / "seeds.jsonl", [SHARED / "seeds"])
    assert report.overall.precision >= 0.85, report.as_dict()
    assert report.overall.f1 >= 0.85, report.as_dict()


def test_dev_articles_do_not_regress(any_mode: Extractor) -> None:
    """Twelve articles the rules were not written from (other conflicts and wording)."""
    report = _score(
        any_mode, DEV / "gold.jsonl", sorted(DEV.glob("*.txt")), DEV / "aliases.yaml"
    )
    assert report.overall.precision >= 0.85, report.as_dict()
    assert report.overall.f1 >= 0.75, report.as_dict()
