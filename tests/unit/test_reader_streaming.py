"""Readers stream: folders are walked a folder at a time, JSONL files a line at a time."""

from __future__ import annotations

import itertools
import json
import os
import tracemalloc
from pathlib import Path

from graph_builder.reader import count_documents, iter_files, read_documents


def test_folder_walk_keeps_the_sorted_path_order(tmp_path: Path) -> None:
    for name in ["b.txt", "a/z.md", "a.txt", "a/b/c.jsonl", "A/x.txt", "README.md",
                 "a/README.txt", "skip.pdf", "a-b/y.txt"]:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("Iran backs Hezbollah.\n", encoding="utf-8")
    elsewhere = tmp_path.parent / f"{tmp_path.name}-linked"
    elsewhere.mkdir()
    (elsewhere / "outside.txt").write_text("x", encoding="utf-8")
    os.symlink(elsewhere, tmp_path / "link")  # a symlinked folder is not followed
    expected = sorted(
        p for p in tmp_path.rglob("*")
        if p.is_file() and p.suffix in {".txt", ".md", ".jsonl"}
        and not p.name.upper().startswith("README")
    )
    warnings: list[str] = []
    assert list(iter_files([tmp_path], warnings.append)) == expected
    assert warnings == [] and len(expected) == 6


def test_a_big_jsonl_file_is_read_line_by_line(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    line = json.dumps({"text": "Russia backs Assad. " * 50}) + "\n"  # about 1 KB
    with path.open("w", encoding="utf-8") as out:
        out.writelines(itertools.repeat(line, 20_000))  # about 20 MB
    tracemalloc.start()
    try:
        seen = sum(1 for _ in read_documents([path], lambda message: None))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert seen == 20_000
    assert peak < 2_000_000, f"peak {peak} bytes: the file was held in memory"


def test_bad_utf8_in_jsonl_is_reported_per_line_and_lines_are_kept(tmp_path: Path) -> None:
    path = tmp_path / "mixed.jsonl"
    good = b'{"id": "a", "text": "Iran backs Hezbollah."}\n'
    bad = b'{"id": "b", "text": "Caf\xe9 talks."}\n'
    path.write_bytes(good + bad + b"\n" + bad.replace(b'"b"', b'"c"'))
    warnings: list[str] = []
    docs = list(read_documents([path], warnings.append))
    assert [d.id for d in docs] == ["a", "b", "c"]
    assert docs[1].text == "Caf\ufffd talks." and docs[2].path == f"{path}:4"
    assert len(warnings) == 2 and "line 2: not valid UTF-8" in warnings[0]
    assert "line 4: not valid UTF-8" in warnings[1]


def test_count_documents_counts_files_and_jsonl_lines(tmp_path: Path) -> None:
    (tmp_path / "one.txt").write_text("Iran backs Hezbollah.", encoding="utf-8")
    (tmp_path / "two.jsonl").write_text('{"text": "a"}\n\n{"text": "b"}\n', encoding="utf-8")
    (tmp_path / "other.pdf").write_bytes(b"%PDF")
    assert count_documents([tmp_path, tmp_path / "missing"]) == 3
