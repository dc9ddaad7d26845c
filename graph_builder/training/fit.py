"""Fitting the relation model: one logistic regression per label (scikit-learn) over
hashed pair features, exported as plain arrays (`data/model/relations.npz`)."""

from __future__ import annotations

import datetime as dt
import json
import os
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import numpy as np
from scipy.sparse import csr_matrix
from sklearn.linear_model import LogisticRegression

from graph_builder.extract.relation_model import (
    HASH_BITS,
    LABELS,
    MODEL_FILE,
    RelationModel,
    feature_ids,
)
from graph_builder.training.corpus import Example

SEED = 13
C = 0.5  # inverse regularisation strength, chosen by conflict-held-out validation


def design_matrix(examples: Sequence[Example]) -> csr_matrix:
    """Binary sparse rows of hashed features, one per example."""
    indptr, indices = [0], []
    for ex in examples:
        ids = np.unique(feature_ids(ex.features))
        indices.extend(ids.tolist())
        indptr.append(len(indices))
    data = np.ones(len(indices), dtype=np.float32)
    return csr_matrix((data, indices, indptr), shape=(len(examples), 1 << HASH_BITS))


def fit(examples: Sequence[Example], c: float = C, version: str = "dev",
        add_threshold: float = 0.5, veto_threshold: float = 0.0) -> RelationModel:
    """Train on examples; deterministic for the same examples (fixed seed, liblinear)."""
    x = design_matrix(examples)
    used = np.unique(x.indices)
    x = x[:, used]
    weights = np.zeros((len(used), len(LABELS)), dtype=np.float32)
    bias = np.zeros(len(LABELS), dtype=np.float32)
    targets = [np.array([label in ex.labels for ex in examples], dtype=np.int8)
               for label in LABELS]
    # One independent fit per label; liblinear releases the GIL, so threads share the
    # matrix and the result does not depend on how many run at once.
    with ThreadPoolExecutor(max_workers=min(len(LABELS), os.cpu_count() or 1)) as pool:
        fitted = list(pool.map(lambda y: _fit_label(x, y, c), targets))
    for j, got in enumerate(fitted):
        if got is None:
            bias[j] = -10.0  # a label with no example
            continue
        weights[:, j], bias[j] = got
    keep = np.abs(weights).max(axis=1) > 1e-4
    return RelationModel(
        ids=used[keep].astype(np.int64), weights=weights[keep], bias=bias, version=version,
        add_threshold=add_threshold, veto_threshold=veto_threshold,
    )


def _fit_label(x: csr_matrix, y: np.ndarray, c: float) -> tuple[np.ndarray, float] | None:
    if y.sum() == 0:
        return None
    clf = LogisticRegression(C=c, solver="liblinear", random_state=SEED, max_iter=200)
    clf.fit(x, y)
    return clf.coef_[0], float(clf.intercept_[0])


def save(model: RelationModel, meta: dict[str, object], path: Path = MODEL_FILE) -> None:
    """Write the model as arrays plus a JSON header (no pickles)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    header = {
        "version": model.version,
        "add_threshold": model.add_threshold,
        "veto_threshold": model.veto_threshold,
        "labels": list(LABELS),
        "hash_bits": HASH_BITS,
        "trained": dt.date.today().isoformat(),
        **meta,
    }
    with path.open("wb") as fh:
        np.savez_compressed(
            fh, ids=model.ids.astype(np.int32), weights=model.weights.astype(np.float16),
            bias=model.bias, meta=np.array(json.dumps(header, sort_keys=True)),
        )
