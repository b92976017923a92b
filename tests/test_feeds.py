"""RSS/Atom feeds from files and from a real HTTP server on localhost (no other network)."""

from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import ClassVar

import pytest

from eventwire.sources import read_paths
from eventwire.sources.feeds import read_feed_bytes

ARTICLE = (
    "<html><head><title>Talks in Nairobi</title></head><body><article><h1>Talks in Nairobi</h1>"
    "<p>Delegations met in Nairobi on Thursday for a second round of talks.</p>"
    "</article></body></html>"
)


def rss(base: str) -> str:
    return f"""<?xml version="1.0"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>Test news</title><link>{base}/</link>
<item><title>Talks in Nairobi</title><link>{base}/articles/talks</link>
<pubDate>Thu, 09 Jan 2025 10:00:00 GMT</pubDate><description>Teaser only.</description></item>
<item><title>Gone page</title><link>{base}/articles/gone</link>
<pubDate>Fri, 10 Jan 2025 10:00:00 GMT</pubDate>
<content:encoded><![CDATA[<p>Full text from the feed: floods displaced 4,000 people.</p>]]>
</content:encoded>
</item>
</channel></rss>"""


class _Site(BaseHTTPRequestHandler):
    pages: ClassVar[dict[str, tuple[str, str]]] = {}
    hits: ClassVar[list[str]] = []

    def do_GET(self):
        self.hits.append(self.path)
        found = self.pages.get(self.path)
        if found is None:
            self.send_error(404)
            return
        content_type, body = found
        data = body.encode("utf-8")
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args):
        pass


@pytest.fixture
def site():
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Site)
    base = f"http://127.0.0.1:{server.server_address[1]}"
    _Site.pages = {
        "/feed.xml": ("application/rss+xml", rss(base)),
        "/articles/talks": ("text/html; charset=utf-8", ARTICLE),
    }
    _Site.hits = []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield base
    server.shutdown()
    server.server_close()


def test_feed_url_fetches_pages_and_falls_back_to_feed_content(site):
    docs = list(read_paths([f"{site}/feed.xml"]))
    assert [d.uri for d in docs] == [f"{site}/articles/talks", f"{site}/articles/gone"]
    page, gone = docs
    assert page.media_type == "text/html"
    assert "second round of talks" in page.content  # the page, not the teaser
    assert page.title == "Talks in Nairobi"
    assert page.published == "2025-01-09T10:00:00Z"
    assert "displaced 4,000 people" in gone.content  # the page is 404: the feed's own text
    assert gone.error is None
    assert "/articles/gone" in _Site.hits


def test_feed_file_with_atom(tmp_path, site):
    atom = f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Atom news</title>
<entry><title>Talks</title><link href="{site}/articles/talks"/><id>tag:1</id>
<updated>2025-01-09T10:00:00Z</updated><summary>Teaser.</summary></entry>
<entry><title>Offline</title><link href="http://127.0.0.1:9/nowhere"/><id>tag:2</id>
<updated>2025-01-11T10:00:00Z</updated>
<content type="html">&lt;p&gt;Only in the feed.&lt;/p&gt;</content></entry>
</feed>"""
    path = tmp_path / "news.atom"
    path.write_text(atom, encoding="utf-8")
    docs = list(read_paths([tmp_path]))
    assert len(docs) == 2
    assert "second round of talks" in docs[0].content
    assert "Only in the feed." in docs[1].content
    assert docs[1].uri == "http://127.0.0.1:9/nowhere"


def test_not_a_feed_is_one_error_record(tmp_path):
    docs = list(read_feed_bytes(b"<html>hello</html>", source="x.xml", max_bytes=1000))
    assert len(docs) == 1 and docs[0].error is not None


def test_unreachable_feed_url_is_an_error_record():
    docs = list(read_paths(["http://127.0.0.1:9/feed.xml"]))
    assert len(docs) == 1
    assert docs[0].error is not None
    assert "cannot fetch feed" in docs[0].error.message


def test_reingesting_a_feed_changes_nothing(tmp_path, site):
    from typer.testing import CliRunner

    from eventwire.cli import app
    from eventwire.store import open_store

    db = tmp_path / "s.db"
    runner = CliRunner()
    for _ in range(2):
        result = runner.invoke(app, ["ingest", f"{site}/feed.xml", "--db", str(db), "--no-table"])
        assert result.exit_code == 0, result.output
    assert "2 already in the store" in result.output
    # The article page is edited: a new version of the same uri, not a second article.
    _Site.pages["/articles/talks"] = ("text/html", ARTICLE.replace("second", "third"))
    result = runner.invoke(app, ["ingest", f"{site}/feed.xml", "--db", str(db), "--no-table"])
    with open_store(db) as store:
        rows = store.connection.execute(
            "SELECT uri, version, latest FROM articles ORDER BY uri, version"
        ).fetchall()
    assert rows == [
        (f"{site}/articles/gone", 1, 1),
        (f"{site}/articles/talks", 1, 0),
        (f"{site}/articles/talks", 2, 1),
    ]
