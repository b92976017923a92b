"""Readers: every input document becomes exactly one RawDocument, bad ones with an error."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from eventwire import sources
from eventwire.sources import content_id, read_paths, read_stream
from eventwire.sources.decode import DecodeError, decode

ARTICLE = "Protesters gathered in the capital on Monday. Police said 12 people were arrested.\n"
# Words outside ASCII that single-byte charsets encode differently.
ACCENTED = "Café owners in Zürich said the protest was “peaceful” – about 200 attended.\n"


def test_text_html_and_jsonl_files_in_a_folder_are_read_recursively(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.html").write_text(f"<html><body><p>{ARTICLE}</p></body></html>")
    (tmp_path / "sub" / "c.jsonl").write_text(
        json.dumps({"text": ARTICLE, "url": "https://example.org/x", "title": "T"})
        + "\n\n"
        + json.dumps({"html": f"<p>{ARTICLE}</p>"})
        + "\n"
    )
    (tmp_path / "notes.md").write_text("not an input format")

    docs = list(read_paths([tmp_path]))

    assert [d.media_type for d in docs] == ["text/plain", "text/html", "text/plain", "text/html"]
    assert docs[2].uri == "https://example.org/x"
    assert docs[2].title == "T"
    assert docs[3].uri == f"{tmp_path / 'sub' / 'c.jsonl'}#3"
    assert all(d.error is None for d in docs)


def test_ids_are_stable_and_ignore_whitespace() -> None:
    assert content_id("a  b\n\nc") == content_id(" a b c ")
    assert content_id("a b c") != content_id("a b d")
    assert len(content_id("x")) == 16


def test_bad_jsonl_lines_become_error_records_and_the_rest_is_read(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    path.write_text(
        json.dumps({"text": ARTICLE})
        + "\n{not json\n"
        + json.dumps([1, 2])
        + "\n"
        + json.dumps({"title": "no body"})
        + "\n"
        + json.dumps({"text": ARTICLE + " More."})
        + "\n"
    )

    docs = list(read_paths([path]))

    assert len(docs) == 5
    assert [d.error is None for d in docs] == [True, False, False, False, True]
    assert "line 2 is not valid JSON" in docs[1].error.message
    assert docs[1].uri.endswith("#2")
    assert "not a JSON object" in docs[2].error.message
    assert "no `text` or `html`" in docs[3].error.message
    assert {d.error.stage for d in docs if d.error} == {"read"}


def test_binary_file_is_an_error_record(tmp_path: Path) -> None:
    path = tmp_path / "image.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 20)

    [doc] = read_paths([path])

    assert doc.error is not None
    assert doc.error.stage == "read"
    assert "binary" in doc.error.message
    assert doc.content == ""


def test_oversized_file_is_refused_without_reading_it(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as f:
        f.truncate(50 * 1024 * 1024)  # 50 MB, sparse: the reader must not load it

    [doc] = read_paths([path])

    assert doc.error is not None
    assert "too large" in doc.error.message


def test_unreadable_path_is_an_error_record(tmp_path: Path) -> None:
    [doc] = read_paths([tmp_path / "missing.txt"])
    assert doc.error is not None
    assert "cannot read file" in doc.error.message


@pytest.mark.parametrize("encoding", ["latin-1", "cp1252", "utf-16", "utf-16-le", "utf-8-sig"])
def test_charsets_decode_without_mojibake(tmp_path: Path, encoding: str) -> None:
    text = ACCENTED if encoding != "latin-1" else ACCENTED.replace("“", '"').replace("”", '"')
    text = text.replace("–", "-") if encoding == "latin-1" else text
    path = tmp_path / "article.txt"
    path.write_bytes((text * 5).encode(encoding))

    [doc] = read_paths([path])

    assert doc.error is None
    assert doc.content == text * 5


def test_html_meta_charset_is_honoured() -> None:
    html = '<html><head><meta charset="windows-1251"></head><body><p>Москва заявила</p></body>'
    assert "Москва заявила" in decode(html.encode("windows-1251"), html=True)


def test_decode_refuses_binary_that_happens_to_decode() -> None:
    with pytest.raises(DecodeError):
        decode(bytes(range(1, 32)) * 100)


def test_stdin_is_one_document_or_json_lines() -> None:
    [doc] = read_stream(io.BytesIO(ARTICLE.encode()), uri="stdin")
    assert doc.content == ARTICLE
    docs = list(read_stream(io.BytesIO(b'{"text": "a b"}\n{"text": "c d"}\n'), uri="stdin"))
    assert [d.uri for d in docs] == ["stdin#1", "stdin#2"]


def test_max_bytes_applies_to_jsonl_records(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sources, "MAX_BYTES", 100)
    path = tmp_path / "big.jsonl"
    path.write_text(json.dumps({"text": "x " * 200}) + "\n" + json.dumps({"text": "short"}) + "\n")

    docs = list(read_paths([path]))

    assert docs[0].error is not None and "too large" in docs[0].error.message
    assert docs[1].error is None


def test_single_byte_cyrillic_is_not_read_as_western() -> None:
    text = "Министерство обороны России заявило о наступлении на город. " * 3
    assert decode(text.encode("cp1251")) == text


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_ascii_text_in_utf16_without_bom_is_decoded(tmp_path: Path, encoding: str) -> None:
    path = tmp_path / "article.txt"
    path.write_bytes((ARTICLE * 3).encode(encoding))

    [doc] = read_paths([path])

    assert doc.error is None
    assert doc.content == ARTICLE * 3
