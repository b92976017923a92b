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
2. Event merging: two events are the same event when they have the same PLOVER type, their
   actors overlap (a shared country code or name), their places agree (same name, or within
   `MERGE_KM`) and their dates fall within `MERGE_DAYS` of the cluster's date range. The range
   grows as reports arrive, so a cluster follows an event over its whole life.
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
    """Country codes ("c:RUS") and folded names ("n:sergei lavrov") of actors and recipients."""
    keys = set()
    for ref in (*event.actors, *event.recipients):
        if ref.country:
            keys.add(f"c:{ref.country.upper()}")
        if ref.name:
            keys.add(f"n:{fold_name(ref.name)}")
    return frozenset(keys)


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
    if key.date and cluster.first and cluster.last:
        window = timedelta(days=days)
        if not cluster.first - window <= key.date <= cluster.last + window:
            return False
    place = _place_agrees(key, cluster, km)
    if key.actors and cluster.actors:
        return bool(key.actors & cluster.actors) and place is not False
    # Without actors on one side, only a known, agreeing place ties two reports together.
    return place is True


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
