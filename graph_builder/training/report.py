"""Honest figures for the relation model, printed by `graph-builder train --report`:
leave-one-conflict-out scores, learning curves, per relation and per house style.

Every figure is edge-level on corpus documents the model did not see: rules alone,
model alone and both, with the thresholds of the shipped model."""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from graph_builder import fast_yaml
from graph_builder.extract.relation_model import RelationModel
from graph_builder.models import RELATIONS
from graph_builder.training.corpus import AlignedDoc
from graph_builder.training.fit import SEED, fit
from graph_builder.training.run import Setup, examples, is_tuning

CURVE_SIZES = (250, 500, 1000, 2000, 4000, 8000)
CONFLICTS_FILE = Path(__file__).resolve().parent.parent / "data" / "train" / "conflicts.yaml"


def _modes(setup: Setup, model: RelationModel) -> str:
    r, m, b = (setup.evaluate(mode, model if mode != "rules" else None)
               for mode in ("rules", "model", "both"))
    return f"| {r.row()} | {m.row()} | {b.row()} |"


def _fold(setup: Setup, held: Callable[[AlignedDoc], bool], shipped: RelationModel) -> str:
    train = setup.subset(lambda d: not held(d))
    test = setup.subset(held)
    model = replace(fit(examples(train.docs)), add_threshold=shipped.add_threshold,
                    veto_threshold=shipped.veto_threshold)
    return _modes(test, model)


def conflict_of(groups_file: Path = CONFLICTS_FILE) -> dict[str, str]:
    """Each corpus `conflict` label's conflict (`data/train/conflicts.yaml`): the labels
    writers gave ("Sudan civil war", "Sudan conflict (2023-present)") name one war."""
    groups = fast_yaml.load(groups_file.read_text(encoding="utf-8")) or {}
    return {label: name for name, labels in groups.items() for label in labels}


def leave_one_conflict_out(setup: Setup, shipped: RelationModel) -> list[str]:
    group = conflict_of()
    of = {d.doc.id: group.get(d.doc.conflict, d.doc.conflict) for d in setup.docs}
    lines = ["| conflict | docs | rules P R F1 | model P R F1 | both P R F1 |",
             "| --- | --- | --- | --- | --- |"]
    for name in sorted(set(of.values())):
        n = sum(1 for d in setup.docs if of[d.doc.id] == name)
        def held(d: AlignedDoc, name: str = name) -> bool:
            return of[d.doc.id] == name

        row = _fold(setup, held, shipped)
        lines.append(f"| {name} | {n} {row}")
    return lines


def learning_curve(setup: Setup, shipped: RelationModel) -> list[str]:
    tune = setup.subset(lambda d: is_tuning(d.doc.id))
    rest = [d for d in setup.docs if not is_tuning(d.doc.id)]
    random.Random(SEED).shuffle(rest)
    total = sum(len(d.doc.sentences) for d in rest)
    lines = ["| training sentences | model P R F1 | both P R F1 |", "| --- | --- | --- |"]
    for size in (*[s for s in CURVE_SIZES if s < total], total):
        chosen, count = [], 0
        for d in rest:
            if count >= size:
                break
            chosen.append(d)
            count += len(d.doc.sentences)
        model = replace(fit(examples(chosen)), add_threshold=shipped.add_threshold,
                        veto_threshold=shipped.veto_threshold)
        m, b = tune.evaluate("model", model), tune.evaluate("both", model)
        lines.append(f"| {count} | {m.row()} | {b.row()} |")
    return lines


def per_relation_and_style(setup: Setup, shipped: RelationModel) -> list[str]:
    tune = setup.subset(lambda d: is_tuning(d.doc.id))
    rest = setup.subset(lambda d: not is_tuning(d.doc.id))
    model = replace(fit(examples(rest.docs)), add_threshold=shipped.add_threshold,
                    veto_threshold=shipped.veto_threshold)
    lines = ["| relation | rules P R F1 | both P R F1 |", "| --- | --- | --- |"]
    for rel in RELATIONS:
        r = tune.evaluate("rules", None, rel)
        b = tune.evaluate("both", model, rel)
        lines.append(f"| {rel} | {r.row()} | {b.row()} |")
    lines += ["", "| style | docs | rules P R F1 | model P R F1 | both P R F1 |",
              "| --- | --- | --- | --- | --- |"]
    for style in sorted({d.doc.style for d in tune.docs}):
        def in_style(d: AlignedDoc, style: str = style) -> bool:
            return d.doc.style == style

        part = tune.subset(in_style)
        lines.append(f"| {style} | {len(part.docs)} {_modes(part, model)}")
    return lines


def full_report(setup: Setup, shipped: RelationModel) -> str:
    parts = [
        "Tuning split (every fifth document), model fitted on the rest:",
        *per_relation_and_style(setup, shipped), "",
        "Learning curve (tuning split):", *learning_curve(setup, shipped), "",
        "Leave one conflict out (fitted on all other conflicts):",
        *leave_one_conflict_out(setup, shipped),
    ]
    return "\n".join(parts)
