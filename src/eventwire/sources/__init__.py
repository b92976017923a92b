"""Readers: files, folders, JSON Lines, WARC/ARC, RSS/Atom feeds and stdin in, `RawDocument`s out.

Every input document yields exactly one `RawDocument`; one that cannot be read carries an
`Error` (stage "read") instead of content, so it still becomes an output record.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, BinaryIO

from ..model import Error, RawDocument
from .decode import DecodeError, decode
from .feeds import FEED_SUFFIXES, is_feed_file, is_feed_url, read_feed_file, read_feed_url
from .warc import is_warc, read_warc

TEXT_SUFFIXES = frozenset({".txt", ".text"})
HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson"})
SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES | FEED_SUFFIXES
# Larger inputs are refused with an error record rather than parsed: no news article is
# this long, and a parse of it would hold the whole batch's memory.
MAX_BYTES = int(os.environ.get("EVENTWIRE_MAX_BYTES", 5_000_000))
_WHITESPACE = re.compile(r"\s+")


def content_id(text: str) -> str:
    """A stable id: the hash of the whitespace-normalized content."""
    normalized = _WHITESPACE.sub(" ", text).strip()
    return hashlib.sha256(normalized.encode("utf-8")).hexdigest()[:16]


def document_from_text(
    text: str,
    *,
    uri: str | None = None,
    media_type: str | None = None,
    url: str | None = None,
    title: str | None = None,
    published: str | None = None,
) -> RawDocument:
    """A document from a string already in memory (the Python API, tests)."""
    doc_id = content_id(text)
    if media_type is None:
        media_type = "text/html" if _looks_like_html(text) else "text/plain"
    return RawDocument(
        id=doc_id,
        uri=uri or url or f"text:{doc_id}",
        content=text,
        media_type=media_type,  # type: ignore[arg-type]
        url=url,
        title=title,
        published=published,
    )


def read_paths(paths: Iterable[str | Path]) -> Iterator[RawDocument]:
    """Documents from files, folders (walked recursively, sorted), feed URLs and `-` (stdin)."""
    for path in paths:
        if str(path) == "-":
            yield from read_stream(sys.stdin.buffer, uri="stdin")
            continue
        if is_feed_url(str(path)):
            yield from read_feed_url(str(path), max_bytes=MAX_BYTES)
            continue
        path = Path(path)
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                if child.is_file() and (child.suffix.lower() in SUFFIXES or is_warc(child)):
                    yield from read_file(child)
        else:
            yield from read_file(path)


def read_file(path: Path) -> Iterator[RawDocument]:
    """The documents in one file: one for .txt/.html, one per line for .jsonl."""
    uri = str(path)
    if is_warc(path):
        yield from read_warc(path, max_bytes=MAX_BYTES)
        return
    if is_feed_file(path):
        yield from read_feed_file(path, max_bytes=MAX_BYTES)
        return
    try:
        size = path.stat().st_size
        if path.suffix.lower() in JSONL_SUFFIXES:
            with path.open("rb") as stream:
                yield from read_jsonl(stream, uri=uri)
            return
        if size > MAX_BYTES:
            yield _failed(uri, f"file too large: {size} bytes (limit {MAX_BYTES})", key=uri)
            return
        data = path.read_bytes()
    except OSError as exc:
        yield _failed(uri, f"cannot read file: {exc.strerror or exc}", key=uri)
        return
    yield from _from_bytes(data, uri=uri, html=path.suffix.lower() in HTML_SUFFIXES)


def read_stream(stream: BinaryIO, *, uri: str) -> Iterator[RawDocument]:
    """Stdin: JSON Lines if the first non-blank character opens an object, else one document."""
    data = stream.read(MAX_BYTES + 1)
    if data.lstrip()[:1] == b"{":
        yield from read_jsonl(data.splitlines(), uri=uri)
    elif len(data) > MAX_BYTES:
        yield _failed(uri, f"input too large: over {MAX_BYTES} bytes", key=uri)
    else:
        yield from _from_bytes(data, uri=uri, html=None)


def read_jsonl(lines: Iterable[bytes], *, uri: str) -> Iterator[RawDocument]:
    """One document per non-blank line; `text` or `html`, optional `url`, `title`, `published`."""
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        line_uri = f"{uri}#{number}"
        if len(line) > MAX_BYTES:
            yield _failed(line_uri, f"record too large: {len(line)} bytes", key=line_uri)
            continue
        try:
            record = json.loads(line)
        except (json.JSONDecodeError, UnicodeDecodeError) as exc:
            yield _failed(line_uri, f"line {number} is not valid JSON: {exc}", key=line_uri)
            continue
        yield _from_record(record, line_uri)


def _from_record(record: Any, line_uri: str) -> RawDocument:
    if not isinstance(record, dict):
        return _failed(line_uri, "record is not a JSON object", key=line_uri)
    html, text = record.get("html"), record.get("text")
    content = html if isinstance(html, str) and html.strip() else text
    if not isinstance(content, str):
        return _failed(line_uri, "record has no `text` or `html` string", key=line_uri)
    url = record.get("url") if isinstance(record.get("url"), str) else None
    return document_from_text(
        content,
        uri=url or line_uri,
        media_type="text/html" if content is html else "text/plain",
        url=url,
        title=_string(record.get("title")),
        published=_string(record.get("published")),
    )


def _from_bytes(data: bytes, *, uri: str, html: bool | None) -> Iterator[RawDocument]:
    try:
        text = decode(data, html=bool(html) or _looks_like_html_bytes(data))
    except DecodeError as exc:
        yield _failed(uri, str(exc), key=hashlib.sha256(data).hexdigest())
        return
    if html is None:
        html = _looks_like_html(text)
    yield document_from_text(text, uri=uri, media_type="text/html" if html else "text/plain")


def _failed(uri: str, message: str, *, key: str) -> RawDocument:
    doc_id = hashlib.sha256(key.encode("utf-8", "replace")).hexdigest()[:16]
    return RawDocument(id=doc_id, uri=uri, content="", error=Error(stage="read", message=message))


def _looks_like_html(text: str) -> bool:
    head = text[:2048].lstrip().lower()
    return head.startswith(("<!doctype html", "<html")) or "<body" in head or "<p>" in head


def _looks_like_html_bytes(data: bytes) -> bool:
    return _looks_like_html(data[:2048].decode("latin-1"))


def _string(value: Any) -> str | None:
    return value if isinstance(value, str) and value.strip() else None
