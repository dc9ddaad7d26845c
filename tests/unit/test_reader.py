"""Reading documents: front matter, JSONL, encodings and bad files."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from graph_builder.errors import InputError
from graph_builder.identity import content_hash, document_id
from graph_builder.reader import make_document, parse_text, read_documents


def _read(paths: list[Path]) -> tuple[list, list[str]]:
    warnings: list[str] = []
    return list(read_documents(paths, warnings.append)), warnings


def test_front_matter_is_metadata_and_not_body(tmp_path: Path) -> None:
    f = tmp_path / "a.md"
    f.write_text("---\ntitle: Rebels take Hama\nurl: https://x.org/a\ndate: 2024-12-05\n---\n"
                 "Rebels took Hama.\n", encoding="utf-8")
    (doc,), warnings = _read([f])
    assert doc.id == document_id("", "https://x.org/a")[0] and doc.id.startswith("url-")
    assert doc.path == str(f) and doc.legacy_id == "a" and doc.id_scheme == "url"
    assert doc.title == "Rebels take Hama" and doc.url == "https://x.org/a"
    assert doc.date == dt.date(2024, 12, 5)
    assert doc.text == "Rebels took Hama.\n"
    assert warnings == []


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("---\ntitle: [unclosed\n---\nBody", 2),
        ("---\ntitle: ok\ndate: not a date\n---\nBody", None),
        ("---\ntitle: ok\nBody without closing", 1),
        ("---\n- a list\n---\nBody", 2),
    ],
)
def test_malformed_front_matter_names_file_and_line(text: str, line: int | None) -> None:
    with pytest.raises(InputError) as err:
        parse_text(text, path="bad.md")
    assert "bad.md" in str(err.value)
    if line is not None:
        assert f"line {line}" in str(err.value)


def test_bad_files_are_reported_and_the_rest_read(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02PNG")
    (tmp_path / "latin1.txt").write_bytes("Caf\xe9 talks in Doha.".encode("latin-1"))
    (tmp_path / "broken.md").write_text("---\ntitle: [x\n---\nbody", encoding="utf-8")
    (tmp_path / "ok.txt").write_text("Russia backs Assad.", encoding="utf-8")
    (tmp_path / "notes.csv").write_text("a,b", encoding="utf-8")
    docs, warnings = _read([tmp_path, tmp_path / "missing.txt"])
    assert sorted(d.legacy_id for d in docs) == ["empty", "latin1", "ok"]
    text = "\n".join(warnings)
    assert "binary.txt: line 1: looks like a binary file" in text
    assert "latin1.txt: line 1: not valid UTF-8" in text
    assert "broken.md: line 2" in text
    assert "missing.txt: no such file or folder" in text
    assert next(d for d in docs if d.legacy_id == "latin1").text.startswith("Caf\ufffd")


def test_jsonl_records_and_bad_lines(tmp_path: Path) -> None:
    f = tmp_path / "batch.jsonl"
    f.write_text(
        '{"id": "n1", "text": "Iran backs Hezbollah.", "date": "2024-10-01"}\n'
        "not json\n"
        '{"title": "no text"}\n'
        '{"text": "Turkey condemned the strikes.", "date": "yesterday"}\n'
        '{"text": "Qatar hosted talks."}\n',
        encoding="utf-8",
    )
    docs, warnings = _read([f])
    assert [d.id for d in docs] == ["n1", "doc-" + content_hash("Qatar hosted talks.")[:16]]
    assert [d.legacy_id for d in docs] == [None, "batch-5"]
    assert docs[0].date == dt.date(2024, 10, 1)
    assert len(warnings) == 3
    assert "line 2: not valid JSON" in warnings[0]


def test_make_document_ids_are_stable() -> None:
    a = make_document("Russia backs Assad.", title="T")
    b = make_document("Russia backs Assad.", title="T")
    assert a.id == b.id and a.id.startswith("doc-")
    with pytest.raises(InputError):
        make_document("x", date="31/12/2024")


def test_an_impossible_date_skips_one_file_only(tmp_path: Path) -> None:
    (tmp_path / "bad.md").write_text("---\ntitle: x\ndate: 2024-13-45\n---\nText.\n")
    (tmp_path / "good.txt").write_text("Iran backs Hezbollah.\n")
    docs, warnings = _read([tmp_path])
    assert [d.legacy_id for d in docs] == ["good"]
    assert any("bad.md: line 3" in w and "not a date" in w for w in warnings), warnings


def test_deeply_nested_json_is_one_bad_line(tmp_path: Path) -> None:
    path = tmp_path / "docs.jsonl"
    path.write_text("[" * 100_000 + "\n" + '{"text": "Iran backs Hezbollah."}\n')
    docs, warnings = _read([path])
    assert len(docs) == 1
    assert any("line 1" in w and "nested too deeply" in w for w in warnings), warnings
