"""Merge the writer's and the second annotator's edges of a batch.

    python merge.py disagreements BATCH   -> $CORPUS_WORK/disagree/BATCH.jsonl (to settle)
    python merge.py final BATCH           -> corpus/BATCH.jsonl

Two edges agree when their relation is the same and their subjects and objects name the
same actor (the same `*_name`, or overlapping text in the sentence; either order for
`met_with`). Agreed edges are kept (optional if either annotator made them optional);
each disagreement is settled by a third reading against the guidelines
(`decisions/BATCH.jsonl`: {"id", "keep", "required"}).
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
# Where the lists of disagreements go (outside the repository: they are working files).
WORK = Path(os.environ.get("CORPUS_WORK", Path(tempfile.gettempdir()) / "corpus-work"))


Record = dict[str, Any]  # one JSON object of a batch file


def _load(path: Path) -> list[Record]:
    return [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]


def _norm(name: str) -> str:
    return " ".join(name.lower().replace("the ", "").split())


def _spans(text: str, part: str) -> list[tuple[int, int]]:
    out, at = [], text.find(part)
    while at != -1:
        out.append((at, at + len(part)))
        at = text.find(part, at + 1)
    return out


def _same_side(text: str, a: Record, b: Record, side_a: str, side_b: str) -> bool:
    if _norm(a[side_a + "_name"]) == _norm(b[side_b + "_name"]):
        return True
    return any(lo < hi2 and lo2 < hi for lo, hi in _spans(text, a[side_a])
               for lo2, hi2 in _spans(text, b[side_b]))


def agree(text: str, a: Record, b: Record) -> bool:
    if a["relation"] != b["relation"]:
        return False
    if _same_side(text, a, b, "subject", "subject") and _same_side(text, a, b, "object", "object"):
        return True
    return a["relation"] == "met_with" and _same_side(text, a, b, "subject", "object") and \
        _same_side(text, a, b, "object", "subject")


def compare(
    batch: str,
) -> Iterator[tuple[Record, int, str, Record, Record | None, str]]:
    first = _load(HERE / "batches" / f"{batch}.jsonl")
    second = {d["doc"]: d for d in _load(HERE / "second" / f"{batch}.jsonl")}
    for doc in first:
        other = second[doc["doc"]]
        for i, (s1, s2) in enumerate(zip(doc["sentences"], other["sentences"], strict=True)):
            e1, e2 = s1["edges"], s2["edges"]
            matched2: set[int] = set()
            for n, a in enumerate(e1):
                hit = next((m for m, b in enumerate(e2) if m not in matched2
                            and agree(s1["text"], a, b)), None)
                if hit is not None:
                    matched2.add(hit)
                    yield doc, i, "both", a, e2[hit], f"{doc['doc']}:{i}:a{n}"
                else:
                    yield doc, i, "first", a, None, f"{doc['doc']}:{i}:a{n}"
            for m, b in enumerate(e2):
                if m not in matched2:
                    yield doc, i, "second", b, None, f"{doc['doc']}:{i}:b{m}"


def disagreements(batch: str) -> None:
    out = WORK / "disagree" / f"{batch}.jsonl"
    out.parent.mkdir(parents=True, exist_ok=True)
    agreed = only = 0
    with out.open("w", encoding="utf-8") as fh:
        for doc, i, who, edge, _, ident in compare(batch):
            if who == "both":
                agreed += 1
                continue
            only += 1
            fh.write(json.dumps({
                "id": ident, "sentence": doc["sentences"][i]["text"],
                "context": " ".join(s["text"] for s in doc["sentences"][max(0, i - 2):i]),
                "date": doc.get("date"),
                "edge": {k: edge[k] for k in ("subject", "relation", "object", "subject_name",
                                              "object_name", "required")},
            }, ensure_ascii=False) + "\n")
    print(f"{batch}: {agreed} agreed, {only} to settle -> {out}")


def final(batch: str) -> None:
    decided = {d["id"]: d for d in _load(HERE / "decisions" / f"{batch}.jsonl")}
    docs = _load(HERE / "batches" / f"{batch}.jsonl")
    merged: dict[tuple[str, int], list[Record]] = {}
    missing = 0
    for doc, i, who, edge, twin, ident in compare(batch):
        keep = dict(edge)
        if who == "both":
            assert twin is not None
            keep["required"] = bool(edge["required"] and twin["required"])
        else:
            d = decided.get(ident)
            if d is None:
                missing += 1
                continue
            if not d["keep"]:
                continue
            keep["required"] = bool(d.get("required", edge["required"]))
        merged.setdefault((doc["doc"], i), []).append(keep)
    out = HERE / "corpus" / f"{batch}.jsonl"
    out.parent.mkdir(exist_ok=True)
    with out.open("w", encoding="utf-8") as fh:
        for doc in docs:
            for i, s in enumerate(doc["sentences"]):
                s["edges"] = merged.get((doc["doc"], i), [])
            fh.write(json.dumps(doc, ensure_ascii=False) + "\n")
    print(f"{batch}: written {out} ({missing} disagreements without a decision dropped)")


if __name__ == "__main__":
    {"disagreements": disagreements, "final": final}[sys.argv[1]](sys.argv[2])
