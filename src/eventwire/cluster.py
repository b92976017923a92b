"""Folding duplicates: near-duplicate articles, and one event reported by many articles.

Two jobs, both pure functions over data; `store/` calls them inside its write transaction so
that grouping is incremental (each new article is compared with everything already stored).

1. Near-duplicate articles (syndicated wire copy, lightly edited re-posts): MinHash over word
   3-shingles, 128 permutations, and LSH with 64 bands of 2 rows to find candidates; a candidate
   whose estimated Jaccard similarity is at least `DUPLICATE_THRESHOLD` puts the new article in
   its group (and an article near two groups joins them: copies A and B may each be near the
   original without being near each other). An own implementation (numpy multiply-shift
   hashing, ~60 lines) rather than datasketch: it needs nothing beyond numpy, which spaCy
   already brings, and its signatures are plain bytes that the store keeps in a BLOB column.
2. Event merging: precision first. Two events are the same event only when they have the same
   PLOVER type; both are dated (event date, else the article's) within `MERGE_DAYS` of the
   cluster's date range; both are placed and the places agree (within `MERGE_KM`, or the same
   name when a side lacks coordinates); and their actors share a real identity (`actor_keys`):
   a proper name (a person, an organization, a country; never a role noun such as
   "officials"), the same country+sector pair, or the same ISO3 country. An unknown date or
   place blocks a merge. Events whose actors give no identity on either side merge on type,
   date and place alone; one side with an identity and the other without does not merge. The
   range grows as reports arrive, so a cluster follows an event over its whole life.
"""

from __future__ import annotations

import hashlib
import math
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache

import numpy as np

from .model import Article, Event

NUM_PERM = 128
BANDS = 64
ROWS = NUM_PERM // BANDS
SHINGLE_WORDS = 3
# Measured on benchmarks/dedup.py (real articles): a copy with a dateline, a dropped paragraph,
# a cut tail and 5% of words changed keeps only 0.25-0.6 of the original's 3-shingles, while
# the most similar unrelated pair reaches 0.12. 0.3 sits between; LSH with 64 bands of 2 rows
# finds a pair at J=0.3 with probability 0.998 (and one at J=0.05 with 0.15, checked in full).
DUPLICATE_THRESHOLD = 0.3
# A new article this close to a stored one is not added to the LSH buckets (store/sqlite.py).
REDUNDANT_SIMILARITY = 0.9
MERGE_KM = 50.0
MERGE_DAYS = 3

_WORD = re.compile(r"\w+", re.UNICODE)
_MASK32 = np.uint64(0xFFFFFFFF)
# Fixed seeds: signatures stored today must compare with those computed next year.
_RNG = np.random.default_rng(20241130)
_A = _RNG.integers(1, 2**63, size=NUM_PERM, dtype=np.uint64) | np.uint64(1)
_B = _RNG.integers(0, 2**63, size=NUM_PERM, dtype=np.uint64)


# --- near-duplicate articles -------------------------------------------------------------


def shingles(text: str, k: int = SHINGLE_WORDS) -> set[str]:
    """The set of k-word shingles of the lower-cased text (the whole text if shorter)."""
    words = _WORD.findall(text.lower())
    if len(words) <= k:
        return {" ".join(words)} if words else set()
    return {" ".join(words[i : i + k]) for i in range(len(words) - k + 1)}


def signature(text: str) -> np.ndarray | None:
    """The MinHash signature (NUM_PERM uint32) of a text, or None for a text without words."""
    grams = shingles(text)
    if not grams:
        return None
    hashes = np.fromiter(
        (
            int.from_bytes(hashlib.blake2b(g.encode(), digest_size=8).digest(), "little")
            for g in grams
        ),
        dtype=np.uint64,
        count=len(grams),
    )
    # Multiply-shift hashing: (a*x + b) mod 2^64, keep the high 32 bits; overflow is the modulus.
    with np.errstate(over="ignore"):
        permuted = (hashes[:, None] * _A[None, :] + _B[None, :]) >> np.uint64(32)
    return (permuted.min(axis=0) & _MASK32).astype(np.uint32)


def _digest8(data: bytes) -> bytes:
    return hashlib.blake2b(data, digest_size=8).digest()


def similarity(a: np.ndarray, b: np.ndarray) -> float:
    """Estimated Jaccard similarity of two signatures."""
    return float(np.count_nonzero(a == b)) / len(a)


def band_keys(sig: np.ndarray) -> list[int]:
    """One bucket key per LSH band, as signed 64-bit integers (SQLite's INTEGER)."""
    keys = []
    for band in range(BANDS):
        chunk = sig[band * ROWS : (band + 1) * ROWS].tobytes()
        digest = hashlib.blake2b(chunk, digest_size=8).digest()
        keys.append(int.from_bytes(digest, "little", signed=True))
    return keys


def signature_bytes(sig: np.ndarray) -> bytes:
    return sig.astype("<u4").tobytes()


def signature_from_bytes(data: bytes) -> np.ndarray:
    return np.frombuffer(data, dtype="<u4")


def group_pairs(groups: list[set[str]]) -> set[frozenset[str]]:
    """All unordered pairs of members that share a group (for pair precision/recall)."""
    pairs: set[frozenset[str]] = set()
    for group in groups:
        members = sorted(group)
        for i, a in enumerate(members):
            for b in members[i + 1 :]:
                pairs.add(frozenset((a, b)))
    return pairs


# --- event merging -----------------------------------------------------------------------


@dataclass(slots=True)
class EventKey:
    """What decides whether two events are one: type, actors, place and date."""

    plover: str
    actors: frozenset[str]
    date: date | None
    place_key: str | None
    lat: float | None
    lon: float | None


@dataclass(slots=True)
class ClusterView:
    """A stored cluster as the merge rule sees it."""

    id: int
    plover: str
    actors: set[str] = field(default_factory=set)
    first: date | None = None
    last: date | None = None
    place_key: str | None = None
    lat: float | None = None
    lon: float | None = None


def actor_keys(event: Event) -> frozenset[str]:
    """The identities of an event's actors and recipients (see `identity_keys`)."""
    keys: set[str] = set()
    for ref in (*event.actors, *event.recipients):
        keys |= identity_keys(ref.name, ref.country, ref.sector)
    return frozenset(keys)


def identity_keys(name: str | None, country: str | None, sector: str | None) -> set[str]:
    """What identifies one actor across reports: "c:RUS" (its country), "cs:RUS/MIL" (country
    and sector) and "n:sergei lavrov" (its folded name, only when that is a proper name)."""
    keys = set()
    if country:
        keys.add(f"c:{country.upper()}")
        if sector:
            keys.add(f"cs:{country.upper()}/{sector.upper()}")
    if name and is_proper_name(name):
        keys.add(f"n:{fold_name(name)}")
    return keys


# Words that describe rather than name an actor, beyond the lexicon's role nouns.
_GENERIC_WORDS = frozenset(
    """a an the of and or for in on at to from with by pro anti
    some several many most both all other others two three four five dozens hundreds thousands
    his her their its our
    senior top local foreign federal national regional provincial state security armed new former
    unidentified unknown unnamed anonymous interim acting chief head deputy
    officials official leaders leader police people authorities government governments forces
    force troops residents resident sources source witnesses witness members member group groups
    men man women woman protesters protester demonstrators workers worker owners owner company
    companies firm firms businesses business union unions students student staff crowd crowds
    spokesman spokeswoman spokesperson representatives representative experts analysts
    """.split()  # noqa: SIM905 (a word list reads better as text)
)


@lru_cache(maxsize=65536)
def is_proper_name(name: str) -> bool:
    """Whether an actor name is a proper name (a person, an organization): some capitalized word
    that is neither a role noun ("officials", "leaders", "police", "people") nor a country, its
    demonym or capital (a country is an identity of its own, "c:ISO3")."""
    generic = _generic_words()
    plain = unicodedata.normalize("NFKD", name)
    plain = "".join(c for c in plain if not unicodedata.combining(c))
    return any(w[0].isupper() and w.lower() not in generic for w in _WORD.findall(plain))


@lru_cache(maxsize=1)
def _generic_words() -> frozenset[str]:
    from . import actors  # the lexicon: role nouns and country names, demonyms, capitals

    lex = actors.lexicon()
    words = set(_GENERIC_WORDS)
    for key in lex.roles:
        words.update(w.lower().rstrip(".") for w in key)
    for table in (lex.exact, lex.lower):
        for key, entry in table.items():
            if entry.kind == "country":
                words.update(w.lower() for w in key)
    return frozenset(words)


def event_key(event: Event, article: Article) -> EventKey:
    place = event.place
    return EventKey(
        plover=event.plover,
        actors=actor_keys(event),
        date=parse_day(event.date) or parse_day(article.published),
        place_key=fold_name(place.name) if place and place.name else None,
        lat=place.lat if place else None,
        lon=place.lon if place else None,
    )


def matches(
    key: EventKey, cluster: ClusterView, *, km: float = MERGE_KM, days: int = MERGE_DAYS
) -> bool:
    """Whether an event belongs to a cluster (the merge rule of the module docstring)."""
    if key.plover != cluster.plover:
        return False
    # An unknown date or place blocks a merge: "same place, same days" must be known, not assumed.
    if key.date is None or cluster.first is None or cluster.last is None:
        return False
    window = timedelta(days=days)
    if not cluster.first - window <= key.date <= cluster.last + window:
        return False
    if _place_agrees(key, cluster, km) is not True:
        return False
    if key.actors or cluster.actors:
        return bool(key.actors & cluster.actors)
    # Neither side names an identifiable actor: the same type, place and days tie them.
    return True


def _place_agrees(key: EventKey, cluster: ClusterView, km: float) -> bool | None:
    """True (same place), False (different places) or None (one side does not say)."""
    if None not in (key.lat, key.lon, cluster.lat, cluster.lon):
        return haversine_km(key.lat, key.lon, cluster.lat, cluster.lon) <= km  # type: ignore[arg-type]
    if key.place_key and cluster.place_key:
        return key.place_key == cluster.place_key
    return None


def best_cluster(key: EventKey, candidates: list[ClusterView], **rule: float) -> ClusterView | None:
    """The matching candidate sharing most actors (ties: the oldest cluster)."""
    found = [c for c in candidates if matches(key, c, **rule)]  # type: ignore[arg-type]
    if not found:
        return None
    return max(found, key=lambda c: (len(key.actors & c.actors), -c.id))


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(h)))


def parse_day(text: str | None) -> date | None:
    """The calendar day of an ISO date or timestamp; None when there is none."""
    if not text or len(text) < 10:
        return None
    try:
        return date.fromisoformat(text[:10])
    except ValueError:
        return None


@lru_cache(maxsize=65536)  # the same names recur in every batch
def fold_name(name: str) -> str:
    """Lower case, no diacritics, single spaces: the key names are compared by."""
    decomposed = unicodedata.normalize("NFKD", name)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c)).lower()
    return " ".join(_WORD.findall(plain))


def name_terms(name: str) -> set[str]:
    """Search terms for an actor name: the whole folded name and each word of 3+ letters."""
    folded = fold_name(name)
    if not folded:
        return set()
    return {folded} | {w for w in folded.split() if len(w) >= 3}
