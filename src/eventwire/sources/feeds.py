"""RSS and Atom feeds, from files or http(s) URLs -> `RawDocument`s, one per entry.

For each entry the article page is fetched when its link is reachable (the feed's summary is
usually a teaser); when it is not, the feed's own content (or summary) stands in. The feed
is downloaded here with urllib and handed to feedparser as bytes, so that timeouts and size
limits are ours and feedparser never touches the network. The entry's uri is its link, so an
article edited after publication becomes a new version of the same uri in the store.
"""

from __future__ import annotations

import hashlib
import os
import re
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import feedparser

from ..model import Error, RawDocument
from .decode import DecodeError, decode

_BLOCK_END = re.compile(r"(?i)</(?:p|div|li|h[1-6]|blockquote)>|<br\s*/?>")
FEED_SUFFIXES = frozenset({".rss", ".atom", ".xml"})
FETCH_TIMEOUT = float(os.environ.get("EVENTWIRE_FETCH_TIMEOUT", 10))
USER_AGENT = "eventwire/0.1 (+https://github.com/eventwire)"


class FetchError(OSError):
    pass


def is_feed_url(source: str) -> bool:
    return source.startswith(("http://", "https://"))


def is_feed_file(path: Path) -> bool:
    return path.suffix.lower() in FEED_SUFFIXES


def read_feed_url(url: str, *, max_bytes: int, fetch_pages: bool = True) -> Iterator[RawDocument]:
    """The entries of the feed at an http(s) URL."""
    try:
        data, _ = fetch(url, max_bytes=max_bytes)
    except FetchError as exc:
        yield _failed(url, f"cannot fetch feed: {exc}")
        return
    yield from read_feed_bytes(data, source=url, max_bytes=max_bytes, fetch_pages=fetch_pages)


def read_feed_file(
    path: Path, *, max_bytes: int, fetch_pages: bool = True
) -> Iterator[RawDocument]:
    """The entries of a feed saved as a file."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        yield _failed(str(path), f"cannot read file: {exc.strerror or exc}")
        return
    yield from read_feed_bytes(data, source=str(path), max_bytes=max_bytes, fetch_pages=fetch_pages)


def read_feed_bytes(
    data: bytes, *, source: str, max_bytes: int, fetch_pages: bool = True
) -> Iterator[RawDocument]:
    """One document per entry; a feed that parses to no entries becomes one error record."""
    parsed = feedparser.parse(data)
    entries = parsed.get("entries") or []
    if not entries:
        problem = parsed.get("bozo_exception")
        yield _failed(source, f"not a feed, or a feed without entries: {problem or 'empty'}")
        return
    for number, entry in enumerate(entries, start=1):
        yield _entry_document(
            entry, fallback_uri=f"{source}#{number}", max_bytes=max_bytes, fetch_pages=fetch_pages
        )


def fetch(url: str, *, max_bytes: int, timeout: float = FETCH_TIMEOUT) -> tuple[bytes, str]:
    """GET a URL: its body (at most `max_bytes`) and Content-Type; FetchError on any failure."""
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            body = response.read(max_bytes + 1)
            content_type = response.headers.get("Content-Type", "")
    except (urllib.error.URLError, OSError, ValueError) as exc:
        raise FetchError(str(getattr(exc, "reason", exc))) from exc
    if len(body) > max_bytes:
        raise FetchError(f"response over {max_bytes} bytes")
    return body, content_type


def _entry_document(
    entry: Any, *, fallback_uri: str, max_bytes: int, fetch_pages: bool
) -> RawDocument:
    link = entry.get("link") if isinstance(entry.get("link"), str) else None
    uri = link or entry.get("id") or fallback_uri
    title = entry.get("title") or None
    published = _iso(entry.get("published_parsed") or entry.get("updated_parsed"))
    if fetch_pages and link and is_feed_url(link):
        page = _fetch_page(link, max_bytes=max_bytes)
        if page is not None:
            return _document(page, uri=uri, url=link, title=title, published=published, html=True)
    content, html = _feed_content(entry)
    if not content:
        return _failed(uri, "entry has no content and its page could not be fetched")
    return _document(content, uri=uri, url=link, title=title, published=published, html=html)


def _fetch_page(url: str, *, max_bytes: int) -> str | None:
    """The HTML of an article page, or None when it cannot be had (the feed's text is used)."""
    try:
        body, content_type = fetch(url, max_bytes=max_bytes)
    except FetchError:
        return None
    if content_type and "html" not in content_type.lower():
        return None
    try:
        return decode(body, html=True)
    except DecodeError:
        return None


def _feed_content(entry: Any) -> tuple[str, bool]:
    """The fullest text the feed itself carries (content:encoded, else the summary), as plain
    text: feed HTML is a fragment without the page around it, which page extraction rejects."""
    text, kind = "", ""
    for item in entry.get("content") or []:
        if (item.get("value") or "").strip():
            text, kind = item["value"], item.get("type") or "text/html"
            break
    if not text:
        text = entry.get("summary") or ""
        kind = (entry.get("summary_detail") or {}).get("type") or "text/html"
    if "html" in kind and text:
        text = _fragment_text(text)
    return text.strip(), False


def _fragment_text(fragment: str) -> str:
    """Plain text of an HTML fragment, a blank line between blocks."""
    import lxml.html

    marked = _BLOCK_END.sub("\n\n", fragment)
    try:
        root = lxml.html.fragment_fromstring(marked, create_parent="div")
    except (ValueError, lxml.etree.ParserError):
        return fragment
    lines = (" ".join(line.split()) for line in root.text_content().split("\n\n"))
    return "\n\n".join(line for line in lines if line)


def _document(
    content: str, *, uri: str, url: str | None, title: str | None, published: str | None, html: bool
) -> RawDocument:
    from . import content_id  # the package imports this module: bind late

    return RawDocument(
        id=content_id(content),
        uri=uri,
        content=content,
        media_type="text/html" if html else "text/plain",
        url=url,
        title=title,
        published=published,
    )


def _iso(parsed: time.struct_time | None) -> str | None:
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", parsed) if parsed else None


def _failed(uri: str, message: str) -> RawDocument:
    doc_id = hashlib.sha256(f"{uri}\n{message}".encode("utf-8", "replace")).hexdigest()[:16]
    return RawDocument(id=doc_id, uri=uri, content="", error=Error(stage="read", message=message))
