"""Reading stays bounded: an oversized document or JSONL line is one warning."""

from __future__ import annotations

import json
from pathlib import Path

from graph_builder.reader import MAX_DOCUMENT_BYTES, read_documents


def _read(path: Path) -> tuple[list, list[str]]:
    warnings: list[str] = []
    return list(read_documents([path], warnings.append)), warnings


def test_a_100_mb_jsonl_line_is_one_bad_line(tmp_path: Path) -> None:
    path = tmp_path / "docs.jsonl"
    with path.open("wb") as fh:
        fh.write(json.dumps({"id": "a", "text": "Iran backs Hezbollah."}).encode() + b"\n")
        chunk = b"[" * 2**20
        for _ in range(100):
            fh.write(chunk)
        fh.write(b"\n")
        fh.write(json.dumps({"id": "b", "text": "Russia backs Assad."}).encode() + b"\n")
    docs, warnings = _read(path)
    assert [d.id for d in docs] == ["a", "b"]
    assert len(warnings) == 1 and "line 2: 100.0 MB is over the 10.0 MB limit" in warnings[0]


def test_a_nested_line_under_the_size_limit_is_skipped_too(tmp_path: Path) -> None:
    path = tmp_path / "docs.jsonl"
    path.write_bytes(b"[" * 100_000 + b"\n" + b'{"text": "Iran backs Hezbollah."}\n')
    docs, warnings = _read(path)
    assert len(docs) == 1 and len(warnings) == 1 and "line 1" in warnings[0]


def test_an_oversized_text_file_is_skipped_with_one_line(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    with big.open("wb") as fh:
        fh.truncate(MAX_DOCUMENT_BYTES + 1)  # sparse: no disk needed
    (tmp_path / "small.txt").write_text("Iran backs Hezbollah.", encoding="utf-8")
    docs, warnings = _read(tmp_path)
    assert [Path(d.path or "").name for d in docs] == ["small.txt"]
    assert len(warnings) == 1 and "big.txt: 10.0 MB is over the 10.0 MB limit" in warnings[0]


def test_invalid_utf8_in_one_jsonl_line_names_that_line(tmp_path: Path) -> None:
    path = tmp_path / "docs.jsonl"
    path.write_bytes(b'{"text": "ok"}\n{"text": "caf\xe9"}\n')
    docs, warnings = _read(path)
    assert [d.text for d in docs] == ["ok", "caf\ufffd"]
    assert len(warnings) == 1 and "line 2: not valid UTF-8" in warnings[0]
