"""WARC and ARC files (Common Crawl CC-NEWS, web archives) -> `RawDocument`s.

One document per HTML response (or resource) record; request, metadata and non-HTML records
are not documents and are passed over. The uri is the record's WARC-Target-URI. WARC-Date is
when the crawler fetched the page, not when it was published (a CC-NEWS file holds articles
of any age), so it goes to `fetched` and the publication date is left to extraction, which
reads it from the page. A file warcio cannot read becomes one error record.
"""

from __future__ import annotations

import gzip
import hashlib
from collections.abc import Iterator
from pathlib import Path

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from ..model import Error, RawDocument
from .decode import DecodeError, decode

WARC_SUFFIXES: tuple[str, ...] = (".warc", ".warc.gz", ".arc", ".arc.gz")
_RECORD_TYPES = frozenset({"response", "resource"})


def is_warc(path: Path) -> bool:
    return path.name.lower().endswith(WARC_SUFFIXES)


def read_warc(path: Path, *, max_bytes: int) -> Iterator[RawDocument]:
    """The HTML pages archived in a WARC/ARC file (gzipped or not), in file order."""
    uri = str(path)
    try:
        # warcio reads almost any bytes as a malformed record; check the magic first.
        if not _starts_like_an_archive(path):
            yield _failed(uri, "not a WARC or ARC file")
            return
        with path.open("rb") as stream:
            for record in ArchiveIterator(stream, arc2warc=True):
                doc = _document(record, source=uri, max_bytes=max_bytes)
                if doc is not None:
                    yield doc
    except (ArchiveLoadFailed, OSError, ValueError) as exc:
        yield _failed(uri, f"cannot read WARC: {exc}")


def _starts_like_an_archive(path: Path) -> bool:
    with path.open("rb") as raw:
        head = raw.read(2)
        raw.seek(0)
        stream = gzip.GzipFile(fileobj=raw) if head == b"\x1f\x8b" else raw
        try:
            start = stream.read(16).lstrip()
        except (OSError, EOFError):
            return False
    return start.startswith((b"WARC/", b"filedesc://"))


def _document(record: object, *, source: str, max_bytes: int) -> RawDocument | None:
    if record.rec_type not in _RECORD_TYPES:  # type: ignore[attr-defined]
        return None
    headers = record.rec_headers  # type: ignore[attr-defined]
    target = headers.get_header("WARC-Target-URI") or source
    http = record.http_headers  # type: ignore[attr-defined]
    if http is not None:
        status = (http.get_statuscode() or "200")[:1]
        if status != "2":  # redirects and errors carry no article
            return None
        content_type = http.get_header("Content-Type") or ""
    else:
        content_type = headers.get_header("Content-Type") or ""
    if "html" not in content_type.lower():
        return None
    data = record.content_stream().read(max_bytes + 1)  # type: ignore[attr-defined]
    fetched = headers.get_header("WARC-Date")
    if len(data) > max_bytes:
        return _failed(target, f"record too large: over {max_bytes} bytes", fetched=fetched)
    try:
        text = _decode(data, content_type)
    except DecodeError as exc:
        return _failed(target, str(exc), fetched=fetched)
    from . import content_id  # the package imports this module: bind late

    doc_id = content_id(text)
    return RawDocument(
        id=doc_id, uri=target, content=text, media_type="text/html", url=target, fetched=fetched
    )


def _decode(data: bytes, content_type: str) -> str:
    """The HTTP header's charset when it decodes cleanly, else the usual detection."""
    for part in content_type.split(";"):
        name, _, value = part.strip().partition("=")
        if name.lower() == "charset" and value:
            try:
                return data.decode(value.strip("\"' "))
            except (LookupError, UnicodeDecodeError):
                break
    return decode(data, html=True)


def _failed(uri: str, message: str, *, fetched: str | None = None) -> RawDocument:
    doc_id = hashlib.sha256(f"{uri}\n{message}".encode("utf-8", "replace")).hexdigest()[:16]
    return RawDocument(
        id=doc_id, uri=uri, content="", fetched=fetched, error=Error(stage="read", message=message)
    )
