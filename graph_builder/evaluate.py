"""Score extracted edges against a gold file, as the annotation guidelines define.

Per document, predicted edges are mapped to actors through an alias table and
deduplicated. A prediction is a true positive when it matches a gold edge
(same relation, subject and object among the acceptable actors, either order
for `met_with`), else a false positive. Recall counts required gold edges.
"""

from __future__ import annotations

import json
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from graph_builder.errors import InputError
from graph_builder.models import RELATIONS, Edge

DEFAULT_ALIASES = Path(__file__).resolve().parent / "data" / "eval_aliases.yaml"


def _norm(name: str) -> str:
    folded = unicodedata.normalize("NFKD", name.replace("\u2019", "'"))
    folded = "".join(ch for ch in folded if not unicodedata.combining(ch))
    words = folded.lower().split()
    if len(words) > 1 and words[0] in ("the", "a", "an"):
        words = words[1:]  # "the presidential palace" is "presidential palace"
    return " ".join(words)


@dataclass
class AliasTable:
    """Maps any name to its canonical actor name (lower-cased)."""

    canonical: dict[str, str] = field(default_factory=dict)

    @classmethod
    def load(cls, *paths: Path) -> AliasTable:
        table = cls()
        for path in paths:
            try:
                data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
            except (OSError, yaml.YAMLError) as exc:
                raise InputError(f"{path}: cannot read alias table ({exc})") from None
            if not isinstance(data, dict):
                raise InputError(f"{path}: alias table must map names to lists of aliases")
            for name, aliases in data.items():
                canon = _norm(str(name))
                table.canonical[canon] = canon
                for alias in aliases or []:
                    table.canonical.setdefault(_norm(str(alias)), canon)
        return table

    def __call__(self, name: str) -> str:
        key = _norm(name)
        return self.canonical.get(key, key)


@dataclass(frozen=True)
class GoldEdge:
    doc: str
    subjects: frozenset[str]
    relation: str
    objects: frozenset[str]
    required: bool
    evidence: str

    def matches(self, subject: str, relation: str, obj: str) -> bool:
        if relation != self.relation:
            return False
        if subject in self.subjects and obj in self.objects:
            return True
        return relation == "met_with" and obj in self.subjects and subject in self.objects


def load_gold(path: Path, canon: AliasTable) -> list[GoldEdge]:
    """Read a gold JSONL file (one edge per line)."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise InputError(f"{path}: cannot read gold file ({exc.strerror or exc})") from None
    gold = []
    for lineno, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            rec = json.loads(line)
            gold.append(
                GoldEdge(
                    doc=rec["doc"],
                    subjects=frozenset(canon(s) for s in rec["subject"]),
                    relation=rec["relation"],
                    objects=frozenset(canon(o) for o in rec["object"]),
                    required=bool(rec.get("required", True)),
                    evidence=rec.get("evidence", ""),
                )
            )
        except (json.JSONDecodeError, KeyError, TypeError) as exc:
            raise InputError(f"{path}: line {lineno}: not a gold edge ({exc})") from None
    return gold


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    matched_required: int = 0
    required: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.matched_required / self.required if self.required else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, other: Counts) -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.matched_required += other.matched_required
        self.required += other.required

    def row(self) -> str:
        """'precision recall f1' with three decimals."""
        return f"{self.precision:.3f} {self.recall:.3f} {self.f1:.3f}"


@dataclass
class Report:
    by_relation: dict[str, Counts]
    overall: Counts
    # doc, subject, relation, object, rule, sentence
    false_positives: list[tuple[str, str, str, str, str, str]]
    misses: list[GoldEdge]

    def as_dict(self) -> dict[str, dict[str, float]]:
        def row(c: Counts) -> dict[str, float]:
            return {
                "precision": round(c.precision, 4), "recall": round(c.recall, 4),
                "f1": round(c.f1, 4), "tp": c.tp, "fp": c.fp,
                "required_matched": c.matched_required, "required": c.required,
            }

        return {"overall": row(self.overall)} | {r: row(c) for r, c in self.by_relation.items()}


def score(
    edges_by_doc: Mapping[str, Iterable[Edge]], gold: list[GoldEdge], canon: AliasTable
) -> Report:
    """Score asserted predicted edges of the given documents against the gold."""
    gold_by_doc: dict[str, list[GoldEdge]] = defaultdict(list)
    for g in gold:
        gold_by_doc[g.doc].append(g)
    by_relation: dict[str, Counts] = {r: Counts() for r in RELATIONS}
    fps: list[tuple[str, str, str, str, str, str]] = []
    misses: list[GoldEdge] = []
    for doc_id, edges in edges_by_doc.items():
        doc_gold = gold_by_doc.get(doc_id, [])
        predicted: dict[tuple[str, str, str], Edge] = {}
        for edge in edges:
            if not edge.asserted:
                continue
            key = (canon(edge.subject.name), edge.relation, canon(edge.object.name))
            if key[1] == "met_with" and key[0] > key[2]:
                key = (key[2], key[1], key[0])
            predicted.setdefault(key, edge)
        matched: set[int] = set()
        for (subj, rel, obj), edge in predicted.items():
            hits = [i for i, g in enumerate(doc_gold) if g.matches(subj, rel, obj)]
            counts = by_relation.setdefault(rel, Counts())
            if hits:
                counts.tp += 1
                matched.update(hits)
            else:
                counts.fp += 1
                fps.append((doc_id, edge.subject.name, rel, edge.object.name, edge.rule,
                            edge.evidence.sentence.strip()))
        for i, g in enumerate(doc_gold):
            if not g.required:
                continue
            counts = by_relation.setdefault(g.relation, Counts())
            counts.required += 1
            if i in matched:
                counts.matched_required += 1
            else:
                misses.append(g)
    overall = Counts()
    for c in by_relation.values():
        overall.add(c)
    return Report(by_relation, overall, fps, misses)


def format_report(report: Report, errors: bool = False) -> str:
    """A plain-text table, with the errors listed when asked."""
    lines = [f"{'relation':<10} {'precision':>9} {'recall':>7} {'f1':>6} {'tp':>4} {'fp':>4} "
             f"{'req.matched':>11}"]
    rows = [*report.by_relation.items(), ("overall", report.overall)]
    for name, c in rows:
        lines.append(
            f"{name:<10} {c.precision:>9.3f} {c.recall:>7.3f} {c.f1:>6.3f} {c.tp:>4} {c.fp:>4} "
            f"{c.matched_required:>5}/{c.required:<5}"
        )
    if errors:
        lines.append("")
        lines.append(f"False positives ({len(report.false_positives)}):")
        for doc, s, r, o, rule, sentence in report.false_positives:
            lines.append(f"  FP {doc}: {s} -{r}-> {o}  [{rule}] | {sentence[:160]}")
        lines.append(f"Missed required edges ({len(report.misses)}):")
        for g in report.misses:
            lines.append(
                f"  MISS {g.doc}: {'/'.join(sorted(g.subjects))} -{g.relation}-> "
                f"{'/'.join(sorted(g.objects))}  | {g.evidence[:160]}"
            )
    return "\n".join(lines)


def construction_of(rule: str) -> str:
    """The construction an edge's rule id names ('verb:attack' -> 'verb'; a model edge
    'model:<version>' -> 'model')."""
    return rule.partition(":")[0] or "(none)"


def by_rule(
    edges_by_doc: dict[str, list[Edge]], gold: list[GoldEdge], canon: AliasTable
) -> dict[str, Counts]:
    """Each construction scored alone: only its edges, against the whole gold."""
    names = sorted({construction_of(e.rule) for es in edges_by_doc.values() for e in es})
    out: dict[str, Counts] = {}
    for name in names:
        only = {
            doc: [e for e in es if construction_of(e.rule) == name]
            for doc, es in edges_by_doc.items()
        }
        out[name] = score(only, gold, canon).overall
    return out


def format_by_construction(table: dict[str, Counts]) -> str:
    lines = [f"{'construction':<22} {'precision':>9} {'tp':>4} {'fp':>4} {'req.found':>9}"]
    for name, c in sorted(table.items(), key=lambda kv: -(kv[1].tp + kv[1].fp)):
        lines.append(
            f"{name:<22} {c.precision:>9.3f} {c.tp:>4} {c.fp:>4} {c.matched_required:>9}"
        )
    return "\n".join(lines)
