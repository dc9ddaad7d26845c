"""Data files parsed once and then read from the pickled copy beside them."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from graph_builder import fast_yaml


def test_a_second_read_comes_from_the_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = tmp_path / "words.yaml"
    data.write_text("words: [a, b]\nwhen: 2024-12-08\n", encoding="utf-8")
    first = fast_yaml.load_file(data)
    assert fast_yaml.cache_path(data).exists()

    def no_parse(source: object) -> object:
        raise AssertionError("parsed again")

    monkeypatch.setattr(fast_yaml, "load", no_parse)
    assert fast_yaml.load_file(data) == first


def test_an_edited_file_is_parsed_again(tmp_path: Path) -> None:
    data = tmp_path / "words.yaml"
    data.write_text("words: [a]\n", encoding="utf-8")
    assert fast_yaml.load_file(data) == {"words": ["a"]}
    data.write_text("words: [a, b, c]\n", encoding="utf-8")
    stat = data.stat()
    os.utime(data, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))
    assert fast_yaml.load_file(data) == {"words": ["a", "b", "c"]}


def test_a_broken_cache_is_ignored(tmp_path: Path) -> None:
    data = tmp_path / "words.yaml"
    data.write_text("- x\n", encoding="utf-8")
    fast_yaml.load_file(data)
    fast_yaml.cache_path(data).write_bytes(b"not a pickle")
    assert fast_yaml.load_file(data) == ["x"]


def test_an_unwritable_folder_still_reads(tmp_path: Path) -> None:
    data = tmp_path / "words.yaml"
    data.write_text("- y\n", encoding="utf-8")
    (tmp_path / "__pycache__").write_text("a file where the folder would go", encoding="utf-8")
    assert fast_yaml.load_file(data) == ["y"]
