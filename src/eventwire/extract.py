"""RawDocument -> clean article text and metadata.

HTML goes through trafilatura (which repairs broken markup with lxml's parser, as browsers
do) with comments excluded; plain text gets our own cleaning, because trafilatura finds
boilerplate by markup and plain text has none. Both then pass the same line filter, a safety
net for footers an HTML extractor let through. Finally the language is detected: eventwire's
analysis is English-only, and other languages get a clear error instead of garbage.
"""

from __future__ import annotations

import functools
import os
import re
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from urllib.parse import urlsplit

import lxml.etree
import lxml.html
import trafilatura
import yaml
from py3langid.langid import MODEL_FILE, LanguageIdentifier

from .model import Extracted, RawDocument

MAX_CHARS = 1_000_000
TITLE_MAX_CHARS = 200
# The language of a news article is clear from its first paragraphs; more text costs time.
LANGUAGE_SAMPLE_CHARS = 1500
_SENTENCE_END = re.compile(r"[.!:;,]$")
_BLANK_LINES = re.compile(r"\n\s*\n+")
_SPACES = re.compile(r"[ \t\u00a0]+")
_INVISIBLE = ("script", "style", "noscript", "nav", "header", "footer", "aside", "form")
_BLOCKS = ("p", "div", "li", "br", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "blockquote")


class ExtractionError(ValueError):
    """The document has no usable English article text.

    `extracted` holds what was found anyway (title, language...), for the error record.
    """

    def __init__(self, message: str, extracted: Extracted | None = None) -> None:
        super().__init__(message)
        self.extracted = extracted


@dataclass(frozen=True, slots=True)
class Boilerplate:
    footer_start: re.Pattern[str]
    line: re.Pattern[str]


def extract(doc: RawDocument) -> Extracted:
    """Clean text and metadata of one document. Raises `ExtractionError` when there is none."""
    if doc.media_type == "text/html":
        extracted = extract_html(doc.content, url=doc.url)
    else:
        extracted = extract_text(doc.content)
    extracted.title = doc.title or extracted.title
    extracted.published = doc.published or extracted.published
    if doc.url and not extracted.site:
        extracted.site = urlsplit(doc.url).hostname
    if not extracted.text.strip():
        raise ExtractionError("no article text found", extracted)
    if len(extracted.text) > MAX_CHARS:
        message = f"text too long: {len(extracted.text)} characters (limit {MAX_CHARS})"
        extracted.text = ""
        raise ExtractionError(message, extracted)
    extracted.language = detect_language(extracted.text)
    if extracted.language != "en":
        raise ExtractionError(f"unsupported language: {extracted.language}", extracted)
    return extracted


def extract_html(html: str, *, url: str | None = None) -> Extracted:
    """Main text and metadata of an HTML page, via trafilatura."""
    # fast=True skips trafilatura's fallback extractors: on the dev half of the ScrapingHub
    # pages it was both faster and more precise (benchmarks/extraction.py --split dev).
    result = trafilatura.bare_extraction(
        html,
        url=url,
        fast=True,
        with_metadata=True,
        include_comments=False,
        deduplicate=False,
    )
    title = (result.title or None) if result is not None else None
    body = (result.text or "") if result is not None else ""
    if not body.strip() and "<body" not in html[:4096].lower():
        # trafilatura gives up on fragments too short to score ("<p>Rebels attacked ...</p>"
        # in a JSON Lines record); their visible text is the article. A whole page where it
        # finds nothing is no article, and stays empty.
        body = visible_text(html)
    text = remove_boilerplate(normalize_whitespace(body), title=title)
    if result is None:
        return Extracted(text=text)
    return Extracted(
        text=text,
        title=title,
        published=result.date or None,
        site=result.sitename or result.hostname or None,
        author=result.author or None,
    )


def visible_text(html: str) -> str:
    """The text a reader sees in an HTML fragment: no scripts, styles or navigation, one
    line per block element."""
    try:
        root = lxml.html.fromstring(html)
    except (lxml.etree.ParserError, ValueError):
        return ""
    for element in root.iter(*_INVISIBLE):
        element.drop_tree()
    for element in root.iter(*_BLOCKS):
        element.tail = "\n" + (element.tail or "")
    return root.text_content()


def extract_text(text: str) -> Extracted:
    """Title (a short first line) and body of a plain-text article, boilerplate removed."""
    text = normalize_whitespace(text)
    title, body = split_title(text)
    return Extracted(text=remove_boilerplate(body, title=title), title=title)


def normalize_whitespace(text: str) -> str:
    """Unix newlines, single spaces, paragraphs separated by one blank line."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = (_SPACES.sub(" ", line).strip() for line in text.split("\n"))
    return _BLANK_LINES.sub("\n\n", "\n".join(lines)).strip()


def split_title(text: str) -> tuple[str | None, str]:
    """A first line that reads as a headline (short, no closing punctuation) is the title."""
    first, sep, rest = text.partition("\n")
    first = first.strip()
    if (
        sep
        and rest.strip()
        and len(first) <= TITLE_MAX_CHARS
        and not _SENTENCE_END.search(first)
        and len(first.split()) >= 2
    ):
        return first, rest.strip()
    return None, text


def remove_boilerplate(text: str, *, title: str | None = None) -> str:
    """Drop boilerplate lines, the headline repeated as a body line, and the footer from its
    first line in the second half of the text onward."""
    rules = boilerplate_rules()
    half = len(text) // 2
    title_key = _line_key(title) if title else None
    position = 0
    kept: list[str] = []
    for line in text.split("\n"):
        stripped = line.strip()
        if position >= half and rules.footer_start.fullmatch(stripped):
            break
        position += len(line) + 1
        if stripped and (rules.line.fullmatch(stripped) or _line_key(stripped) == title_key):
            continue
        kept.append(line)
    return _BLANK_LINES.sub("\n\n", "\n".join(kept)).strip()


def _line_key(line: str) -> str:
    return " ".join(line.casefold().split())


@functools.cache
def boilerplate_rules() -> Boilerplate:
    """The packaged patterns, plus the user's file named by EVENTWIRE_BOILERPLATE."""
    packaged = resources.files("eventwire") / "data" / "boilerplate.yaml"
    data = yaml.safe_load(packaged.read_text(encoding="utf-8"))
    if extra := os.environ.get("EVENTWIRE_BOILERPLATE"):
        user = yaml.safe_load(Path(extra).read_text(encoding="utf-8")) or {}
        for key in ("footer_start", "line"):
            data[key] = data[key] + list(user.get(key, []))
    return Boilerplate(
        footer_start=_alternation(data["footer_start"]),
        line=_alternation(data["line"]),
    )


def _alternation(patterns: list[str]) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE)


@functools.cache
def _language_identifier() -> LanguageIdentifier:
    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect_language(text: str) -> str:
    """ISO 639-1 code of the text's language; "en" unless another language is clear."""
    sample = text[:LANGUAGE_SAMPLE_CHARS]
    if len(sample) < 40:
        return "en"
    language, probability = _language_identifier().classify(sample)
    return language if probability >= 0.5 else "en"
