"""The learned relation model: training, the shipped artifact, and the extractor modes."""

from __future__ import annotations

import time
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from graph_builder.extract import Extractor
from graph_builder.extract.relation_model import LABELS, MODEL_FILE, RelationModel
from graph_builder.models import Document
from graph_builder.training.corpus import CORPUS_DIR, align, corpus_checksum, read_corpus
from graph_builder.training.fit import fit, save
from graph_builder.training.run import train


@pytest.fixture(scope="module")
def small_slice(extractor: Extractor) -> list:
    docs = read_corpus()[:40]
    return [e for d in align(docs, extractor) for e in d.examples]


def test_a_small_slice_trains_deterministically(small_slice, tmp_path: Path) -> None:
    first, second = fit(small_slice), fit(small_slice)
    assert np.array_equal(first.ids, second.ids)
    assert np.array_equal(first.weights, second.weights)
    path = tmp_path / "m.npz"
    save(first, {"corpus_sha": "test"}, path)
    loaded = RelationModel.load(path)
    probs = loaded.probabilities([small_slice[0].features, []])
    assert probs.shape == (2, len(LABELS))
    assert ((probs >= 0) & (probs <= 1)).all()


def test_positive_pairs_score_higher_than_negatives(small_slice) -> None:
    model = fit(small_slice)
    probs = model.probabilities([e.features for e in small_slice])
    pos = [probs[n, LABELS.index(next(iter(e.labels)))] for n, e in enumerate(small_slice)
           if e.labels]
    neg = [probs[n].max() for n, e in enumerate(small_slice) if not e.labels]
    assert np.mean(pos) > np.mean(neg) + 0.3


def test_shipped_model_is_the_one_the_corpus_gives(tmp_path: Path) -> None:
    """`graph-builder train` from a fresh clone reproduces the shipped file exactly."""
    start = time.perf_counter()
    shipped = RelationModel.load(MODEL_FILE)
    assert time.perf_counter() - start < 1.0
    assert shipped.version == corpus_checksum()[:8], "retrain: graph-builder train"
    train(CORPUS_DIR, tmp_path / "retrained.npz", log=lambda m: None)
    rebuilt = RelationModel.load(tmp_path / "retrained.npz")
    assert np.array_equal(shipped.ids, rebuilt.ids)
    assert np.allclose(shipped.weights, rebuilt.weights, atol=1e-3)
    assert (shipped.add_threshold, shipped.veto_threshold) == (
        rebuilt.add_threshold, rebuilt.veto_threshold
    )


@pytest.mark.parametrize("mode", ["rules", "model", "both"])
def test_every_mode_extracts(mode: str, extractor: Extractor) -> None:
    ex = Extractor(nlp=extractor.nlp, catalog=extractor.catalog, mode=mode)
    edges = ex.extract(Document("t", "Rwanda has backed the M23 rebels for years."))
    assert any(e.relation == "supports" for e in edges), edges
    rules = {e.rule.partition(":")[0] for e in edges}
    if mode == "rules":
        assert "model" not in rules
    if mode == "model":
        assert rules == {"model"}


def test_model_edges_say_so(extractor: Extractor) -> None:
    eager = replace(RelationModel.load(MODEL_FILE), add_threshold=0.2)
    ex = Extractor(nlp=extractor.nlp, catalog=extractor.catalog, mode="model", model=eager)
    edges = ex.extract(Document("t", "Hezbollah fired rockets at Israel on Monday."))
    assert edges and all(e.rule.startswith("model:") for e in edges)
    assert all(0 < e.confidence <= 1 for e in edges)


def test_unknown_mode_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown extractor"):
        Extractor(mode="magic")


def test_a_bad_lexicon_is_named(tmp_path: Path) -> None:
    from graph_builder.extract.lexicon import LEXICON_FILE, load_lexicon

    text = LEXICON_FILE.read_text(encoding="utf-8").replace("speech_verbs:", "speach_verbs:")
    bad = tmp_path / "relations.yaml"
    bad.write_text(text, encoding="utf-8")
    with pytest.raises(ValueError, match="speach_verbs"):
        load_lexicon(bad)
