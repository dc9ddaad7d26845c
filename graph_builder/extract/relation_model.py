"""The learned relation model: a linear classifier over hashed pair features.

For every candidate pair of mentions (in sentence order, first and second) it gives a
probability for each directed label: `supports>` (the first supports the second),
`supports<`, `opposes>`, `opposes<`, `met_with`, `seized>` (the first, an actor,
seized the second, a place) and `seized<`. The weights are trained by
`graph-builder train` (scikit-learn's logistic regression) and shipped as a small
`.npz` file; prediction is a sparse sum and a sigmoid, in numpy.
"""

from __future__ import annotations

import json
import zlib
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import cast

import numpy as np

MODEL_DIR = Path(__file__).resolve().parent.parent / "data" / "model"
MODEL_FILE = MODEL_DIR / "relations.npz"
HASH_BITS = 22
LABELS: tuple[str, ...] = (
    "supports>", "supports<", "opposes>", "opposes<", "met_with", "seized>", "seized<",
)


_MASK = (1 << HASH_BITS) - 1
_IDS: dict[str, int] = {}  # memo: news repeats its feature strings
_MEMO_LIMIT = 1_000_000


def _hash(feature: str) -> int:
    return zlib.crc32(feature.encode()) & _MASK


def feature_id(feature: str) -> int:
    """Stable hash of a feature string (crc32: the same in every process)."""
    found = _IDS.get(feature)
    if found is None:
        found = _hash(feature)
        if len(_IDS) < _MEMO_LIMIT:
            _IDS[feature] = found
    return found


def feature_ids(features: list[str]) -> np.ndarray:
    """Stable hashes of a pair's feature strings, each once."""
    return np.fromiter({feature_id(f) for f in features}, dtype=np.int64)


@dataclass(frozen=True)
class RelationModel:
    """Weights of the trained model and the thresholds chosen for it."""

    ids: np.ndarray  # sorted feature ids that have weights
    weights: np.ndarray  # (len(ids), len(LABELS)) float32
    bias: np.ndarray  # (len(LABELS),)
    version: str
    add_threshold: float  # the model adds an edge the rules missed at or above this
    veto_threshold: float  # a rule edge the model scores below this is dropped
    # memo: feature string -> its row in `weights`, or -1 when it has no weights
    _rows: dict[str, int] = field(default_factory=dict, compare=False, repr=False)

    def _row(self, feature: str) -> int:
        """The row of a feature's weights (-1 if none), memoised."""
        row = self._rows.get(feature)
        if row is None:
            fid = _hash(feature)  # not feature_id: one memo (this one), not two
            at = int(np.searchsorted(self.ids, fid))
            row = at if at < len(self.ids) and int(self.ids[at]) == fid else -1
            if len(self._rows) < _MEMO_LIMIT:
                self._rows[feature] = row
        return row

    @classmethod
    def load(cls, path: Path = MODEL_FILE) -> RelationModel:
        with np.load(path, allow_pickle=False) as data:
            meta = json.loads(str(data["meta"]))
            return cls(
                ids=data["ids"].astype(np.int64),
                weights=data["weights"].astype(np.float32),
                bias=data["bias"].astype(np.float32),
                version=meta["version"],
                add_threshold=float(meta["add_threshold"]),
                veto_threshold=float(meta["veto_threshold"]),
            )

    def probabilities(self, rows: list[list[str]]) -> np.ndarray:
        """One row of label probabilities per feature list (one numpy pass for all)."""
        out = np.tile(self.bias, (len(rows), 1))
        if not rows or not len(self.ids):
            return cast(np.ndarray, 1.0 / (1.0 + np.exp(-out)))
        rows_of = self._rows
        flat: list[int] = []
        counts: list[int] = []
        for feats in rows:
            try:
                found = {rows_of[f] for f in feats}
            except KeyError:
                found = {self._row(f) for f in feats}
            found.discard(-1)
            flat.extend(found)
            counts.append(len(found))
        owners = np.repeat(np.arange(len(rows)), counts)
        weights = self.weights[np.array(flat, dtype=np.int64)]
        for j in range(out.shape[1]):  # per label: bincount is far faster than np.add.at
            out[:, j] += np.bincount(owners, weights=weights[:, j], minlength=len(rows))
        return cast(np.ndarray, 1.0 / (1.0 + np.exp(-out)))


@cache
def shipped_model() -> RelationModel | None:
    """The model shipped with the package, or None if it has not been trained."""
    return RelationModel.load() if MODEL_FILE.exists() else None
