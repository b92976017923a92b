"""Place-name keys: the normalised forms under which the gazetteer files names.

Two keys per name. `name_key` folds what never distinguishes two places in English news: case,
diacritics, apostrophes and ‘ayn/hamza marks, hyphens, a leading "the", a possessive "'s", and
the Arabic article (Al-, al , Ar-, Ash- ...), so "Al-Qāmishlī", "Qamishli" and "qamishli" meet.
`loose_key` also folds vowel spellings that transliterations disagree on (Deraa = Daraa = Dar'a,
Homs/Hums) and doubled letters; it is only consulted when the exact key finds nothing.
"""

from __future__ import annotations

import functools
import re
import unicodedata

MAX_NAME_CHARS = 200  # no real place name is longer; longer input is junk, not a lookup

_APOSTROPHES = "'’‘`´ʻʼʽʾʿˈ′"
_APOSTROPHE_RE = re.compile(f"[{_APOSTROPHES}]")
_POSSESSIVE_RE = re.compile(f"[{_APOSTROPHES}]s?$")
_NON_WORD_RE = re.compile(r"[^\w]+")
# The Arabic article with its sun-letter assimilations, written joined ("Al-") or apart ("al ").
_ARTICLE_RE = re.compile(r"^(?:al|el|ar|as|ash|ad|an|at|az|adh|ath|az|ed|es|er|en)[\s-]+(?=\w{3})")
_THE_RE = re.compile(r"^the\s+")
_LOOSE_SUBS = (
    ("ou", "u"),
    ("ee", "i"),
    ("oo", "u"),
    ("ie", "i"),
    ("e", "a"),
    ("o", "u"),
    ("y", "i"),
    ("w", "u"),
    ("q", "k"),
    ("c", "k"),
    ("j", "g"),
)
_DOUBLE_RE = re.compile(r"(.)\1+")


def fold(text: str) -> str:
    """Lower case without diacritics, ligatures or compatibility forms."""
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return stripped.replace("ß", "ss").replace("ø", "o").replace("đ", "d").replace("ł", "l").lower()


@functools.lru_cache(maxsize=65536)
def name_key(name: str) -> str:
    """The exact-match key of a place name; "" for something that cannot be a place name."""
    if not name or len(name) > MAX_NAME_CHARS:
        return ""
    text = fold(name).strip()
    text = _POSSESSIVE_RE.sub("", text)
    text = _APOSTROPHE_RE.sub("", text)
    text = _NON_WORD_RE.sub(" ", text).replace("_", " ").strip()
    text = _THE_RE.sub("", text)
    text = _ARTICLE_RE.sub("", text)
    return " ".join(text.split())


def loose_key(name: str) -> str:
    """A coarser key that merges transliteration variants of the same name."""
    key = name_key(name)
    if not key:
        return ""
    for old, new in _LOOSE_SUBS:
        key = key.replace(old, new)
    key = key.replace("h", "") if len(key) > 4 else key  # Hims/Homs, Deraa/Dera'a/Derha
    return _DOUBLE_RE.sub(r"\1", key).replace(" ", "")
