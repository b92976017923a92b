"""Bytes to text: detect the charset, refuse binary, never produce mojibake."""

from __future__ import annotations

import codecs
import re

import charset_normalizer

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
# Control characters other than tab, newline, form feed and carriage return.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_SAMPLE = 65_536


class DecodeError(ValueError):
    pass


def decode(data: bytes, *, html: bool = False) -> str:
    """Decode `data` to text. Raises `DecodeError` for binary content.

    Order: a byte-order mark; UTF-16 without a BOM (text with every other byte zero); strict
    UTF-8 (most of the web); for HTML the charset its `<meta>` declares;
    Windows-1252 for text that is mostly ASCII letters; then charset-normalizer's best guess
    (Cyrillic, Greek, East Asian code pages).
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _checked(data.decode(encoding, errors="replace"))
    # Before UTF-8: ASCII text in UTF-16 is valid UTF-8 too, full of NUL characters.
    if (utf16 := _bomless_utf16(data)) is not None:
        return _checked(utf16)
    try:
        return _checked(data.decode("utf-8"))
    except UnicodeDecodeError:
        pass
    if html and (declared := _declared_charset(data)):
        try:
            return _checked(data.decode(declared))
        except (LookupError, UnicodeDecodeError):
            pass
    if b"\x00" in data[:_SAMPLE]:
        raise DecodeError("binary content (NUL bytes), not text")
    if (western := _western(data)) is not None:
        return _checked(western)
    match = charset_normalizer.from_bytes(data[: _SAMPLE * 4]).best()
    if match is None or match.encoding is None:
        raise DecodeError("binary content: no text encoding fits")
    return _checked(data.decode(match.encoding, errors="replace"))


def _declared_charset(data: bytes) -> str | None:
    found = _META_CHARSET.search(data[:4096])
    return found.group(1).decode("ascii", "ignore") if found else None


def _western(data: bytes) -> str | None:
    """Windows-1252 (a superset of Latin-1's printable range) for mostly-ASCII text.

    Statistical detectors misread short Western text as Baltic or Central European code pages
    ("Café" as "Cafķ"). In Western languages accented letters are a small minority of letters;
    in Cyrillic or Greek single-byte text they are nearly all of them, so that ratio decides.
    """
    for encoding in ("cp1252", "latin-1"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        return None
    letters = [c for c in text[:_SAMPLE] if c.isalpha()]
    if not letters:
        return None
    accented = sum(not c.isascii() for c in letters)
    return text if accented / len(letters) < 0.3 else None


def _bomless_utf16(data: bytes) -> str | None:
    sample = data[:4096]
    if len(sample) < 4:
        return None
    even_zeros = sample[0::2].count(0) / len(sample[0::2])
    odd_zeros = sample[1::2].count(0) / len(sample[1::2])
    encoding = None
    if odd_zeros > 0.4 and even_zeros < 0.05:
        encoding = "utf-16-le"
    elif even_zeros > 0.4 and odd_zeros < 0.05:
        encoding = "utf-16-be"
    if encoding is None:
        return None
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        return None


def _checked(text: str) -> str:
    """Refuse text that is mostly control characters: binary that happened to decode."""
    sample = text[:_SAMPLE]
    if sample and len(_CONTROL.findall(sample)) > 0.01 * len(sample):
        raise DecodeError("binary content (control characters), not text")
    return text
