"""WARC files: HTML responses become documents, everything else is passed over."""

from __future__ import annotations

import gzip
import io
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from eventwire.sources import read_paths
from eventwire.store import open_store

PAGE = (
    "<html><head><title>Shelling in Kharkiv</title>"
    '<meta property="article:published_time" content="2024-11-01T08:00:00Z"></head>'
    "<body><article><h1>Shelling in Kharkiv</h1><p>Russian forces shelled Kharkiv overnight, "
    "killing three people, the governor said.</p></article></body></html>"
)


def write_warc(path: Path, pages: list[tuple[str, str, str, str]], *, gz: bool = True) -> None:
    """pages: (uri, status, content type, body) per response record, with a request before."""
    with path.open("wb") as stream:
        writer = WARCWriter(stream, gzip=gz)
        writer.write_record(writer.create_warcinfo_record(path.name, {"software": "test"}))
        for uri, status, content_type, body in pages:
            request = writer.create_warc_record(
                uri,
                "request",
                payload=io.BytesIO(b"GET / HTTP/1.1\r\n\r\n"),
                http_headers=StatusAndHeaders("GET / HTTP/1.1", [], is_http_request=True),
            )
            writer.write_record(request)
            headers = StatusAndHeaders(
                status, [("Content-Type", content_type)], protocol="HTTP/1.1"
            )
            record = writer.create_warc_record(
                uri,
                "response",
                payload=io.BytesIO(body.encode("utf-8")),
                http_headers=headers,
                warc_headers_dict={"WARC-Date": "2024-11-30T10:00:00Z"},
            )
            writer.write_record(record)


def test_warc_response_records_become_documents(tmp_path):
    path = tmp_path / "CC-NEWS-20241130100000-00001.warc.gz"
    write_warc(
        path,
        [
            ("https://news.example/kharkiv", "200 OK", "text/html; charset=utf-8", PAGE),
            ("https://news.example/moved", "301 Moved", "text/html", "<html>moved</html>"),
            ("https://news.example/logo.png", "200 OK", "image/png", "PNG..."),
            ("https://news.example/feed.json", "200 OK", "application/json", "{}"),
        ],
    )
    docs = list(read_paths([tmp_path]))  # found in a folder walk too
    assert [d.uri for d in docs] == ["https://news.example/kharkiv"]
    doc = docs[0]
    assert doc.error is None
    assert doc.media_type == "text/html"
    assert "shelled Kharkiv" in doc.content
    assert doc.fetched == "2024-11-30T10:00:00Z"
    assert doc.published is None  # the fetch date is not the publication date
    assert doc.url == "https://news.example/kharkiv"
    # Same bytes, same id: a re-crawl of an unchanged page is not a new article.
    again = tmp_path / "again.warc"
    write_warc(again, [("https://news.example/kharkiv", "200 OK", "text/html", PAGE)], gz=False)
    assert [d.id for d in read_paths([again])] == [doc.id]


def test_a_broken_warc_is_one_error_record(tmp_path):
    path = tmp_path / "broken.warc.gz"
    path.write_bytes(gzip.compress(b"this is not a WARC file at all\r\n\r\n"))
    docs = list(read_paths([path]))
    assert len(docs) == 1
    assert docs[0].error is not None
    assert docs[0].error.stage == "read"


def test_fetched_date_reaches_the_store_and_the_page_date_wins(tmp_path):
    from typer.testing import CliRunner

    from eventwire.cli import app

    path = tmp_path / "one.warc.gz"
    write_warc(path, [("https://news.example/kharkiv", "200 OK", "text/html", PAGE)])
    db = tmp_path / "s.db"
    result = CliRunner().invoke(app, ["ingest", str(path), "--db", str(db), "--no-table"])
    assert result.exit_code == 0, result.output
    with open_store(db) as store:
        row = store.connection.execute("SELECT uri, published, fetched FROM articles").fetchone()
    assert row[0] == "https://news.example/kharkiv"
    assert row[2] == "2024-11-30T10:00:00Z"
    assert (row[1] or "").startswith("2024-11-01")


def _arc_gz(records: list[tuple[bytes, bytes, bytes]]) -> bytes:
    """An ARC v1 file, one gzip member per record (the Internet Archive's layout)."""
    header = b"1 0 test\nURL IP-address Archive-date Content-type Archive-length\n"
    out = gzip.compress(
        b"filedesc://test.arc 0.0.0.0 20241130100000 text/plain %d\n" % len(header) + header + b"\n"
    )
    for uri, content_type, body in records:
        payload = b"HTTP/1.0 200 OK\r\nContent-Type: " + content_type + b"\r\n\r\n" + body
        line = b"%s 1.2.3.4 20241130100000 %s %d\n" % (uri, content_type, len(payload))
        out += gzip.compress(line + payload + b"\n")
    return out


def test_arc_files_are_read_like_warc(tmp_path):
    path = tmp_path / "old-crawl.arc.gz"
    path.write_bytes(
        _arc_gz(
            [
                (b"http://news.example/a", b"text/html", PAGE.encode()),
                (b"http://news.example/b.jpg", b"image/jpeg", b"\xff\xd8"),
            ]
        )
    )
    docs = list(read_paths([tmp_path]))
    assert [d.uri for d in docs] == ["http://news.example/a"]
    assert docs[0].fetched == "2024-11-30T10:00:00Z"
    assert "shelled Kharkiv" in docs[0].content
