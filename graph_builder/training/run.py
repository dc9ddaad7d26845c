"""`graph-builder train`: rebuild the relation model from the corpus, reproducibly.

1. Parse and align the corpus (`corpus.py`).
2. Hold out every fifth document (by a hash of its id) as the tuning split; fit on the
   rest and choose the add and veto thresholds that maximise edge-level F1 of rules
   and model together on the tuning split, with precision no more than
   `PRECISION_MARGIN` below the rules' own precision there (of candidates within
   `F1_TIE` of the best F1, the most precise).
3. Fit again on every document with those thresholds and write `data/model/relations.npz`.
"""

from __future__ import annotations

import zlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from spacy.tokens import Doc

from graph_builder.extract.extractor import Extractor
from graph_builder.extract.pair_features import CueMap
from graph_builder.extract.relation_model import MODEL_FILE, RelationModel
from graph_builder.extract.statistical import ModelStep
from graph_builder.training.corpus import (
    CORPUS_DIR,
    AlignedDoc,
    Example,
    align,
    corpus_checksum,
    parse,
    read_corpus,
)
from graph_builder.training.fit import fit, save
from graph_builder.training.scoring import Tally, predict, score_docs

# Real reporting gives the model's additions lower precision than the corpus does; a
# floor 0.04 below the rules (0.06 until the fifth corpus round) keeps the project's dev
# articles at the precision their regression test asks for.
PRECISION_MARGIN = 0.04
F1_TIE = 0.002  # candidates this close to the best tuning F1 count as tied
ADD_GRID = (0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7, 0.8)
VETO_GRID = (0.0, 0.01, 0.02, 0.05)


def is_tuning(doc_id: str) -> bool:
    return zlib.crc32(doc_id.encode()) % 5 == 0


@dataclass
class Setup:
    """The corpus parsed and aligned once, with an extractor to score modes on it."""

    extractor: Extractor
    docs: list[AlignedDoc]
    parsed: list[Doc]

    @classmethod
    def load(cls, corpus: Path = CORPUS_DIR) -> Setup:
        extractor = Extractor(mode="rules")
        cdocs = read_corpus(corpus)
        parsed = parse(cdocs, extractor)
        return cls(extractor, list(align(cdocs, extractor, parsed)), parsed)

    def subset(self, keep: Callable[[AlignedDoc], bool]) -> Setup:
        pairs = [(d, p) for d, p in zip(self.docs, self.parsed, strict=True) if keep(d)]
        return Setup(self.extractor, [d for d, _ in pairs], [p for _, p in pairs])

    def evaluate(self, mode: str, model: RelationModel | None,
                 relation: str | None = None) -> Tally:
        ex = self.extractor
        ex.mode = mode
        ex.model_step = (
            ModelStep(model, CueMap(ex.lexicon), mode) if model is not None else None
        )
        try:
            return score_docs(predict(ex, self.docs, self.parsed), self.docs, relation)
        finally:
            ex.mode, ex.model_step = "rules", None


def examples(docs: Sequence[AlignedDoc]) -> list[Example]:
    return [e for d in docs for e in d.examples]


def choose_thresholds(train: Setup, tune: Setup, log: Callable[[str], None]) -> tuple[float, float]:
    model = fit(examples(train.docs))
    floor = tune.evaluate("rules", None).precision - PRECISION_MARGIN
    scored: list[tuple[float, float, float, float]] = []  # (f1, precision, add, veto)
    for add in ADD_GRID:
        for veto in VETO_GRID:
            t = tune.evaluate("both", replace(model, add_threshold=add, veto_threshold=veto))
            scored.append((t.f1, t.precision, add, veto))
    feasible = [c for c in scored if c[1] >= floor] or scored
    top = max(c[0] for c in feasible)
    # F1 differences this small are noise on the tuning split: of the candidates that
    # tie with the best, take the most precise
    f1, precision, add, veto = max(
        (c for c in feasible if c[0] >= top - F1_TIE), key=lambda c: (c[1], c[0])
    )
    log(f"thresholds: add {add}, veto {veto} (tuning F1 {f1:.3f}, precision {precision:.3f})")
    return add, veto


def train(corpus: Path = CORPUS_DIR, out: Path = MODEL_FILE,
          log: Callable[[str], None] = print) -> tuple[Setup, RelationModel]:
    setup = Setup.load(corpus)
    n_sent = sum(len(d.doc.sentences) for d in setup.docs)
    log(f"corpus: {len(setup.docs)} documents, {n_sent} sentences, "
        f"{len(examples(setup.docs))} candidate pairs")
    tune = setup.subset(lambda d: is_tuning(d.doc.id))
    rest = setup.subset(lambda d: not is_tuning(d.doc.id))
    add, veto = choose_thresholds(rest, tune, log)
    checksum = corpus_checksum(corpus)
    model = fit(examples(setup.docs), version=checksum[:8], add_threshold=add,
                veto_threshold=veto)
    save(model, {"corpus_sha": checksum, "documents": len(setup.docs), "sentences": n_sent},
         out)
    log(f"model {model.version}: {len(model.ids)} weights -> {out}")
    return setup, model
