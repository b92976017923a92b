"""Toponym resolution: which gazetteer candidate each mention means, judged by the article.

Each candidate gets a score in "log-population" units:
  prior    log10(population), with fixed weights for countries, divisions, continents and the
           curated regions, and a bonus for a capital and a smaller one for a division's seat
           (which never lifts a town above a division or country); a name that is only an
           alternate name or a transliteration variant of the candidate counts less than its
           own name.
  context  two passes: the first resolves on the prior alone; the countries, divisions and
           places it found (demonyms included) then vote: a candidate in a country the article
           names, in a division it names, within 150 km of another place it names (towns, and
           counties named by their own name), or written "Place, Division" / "Place, Country"
           scores higher in the second pass; a division scores higher when the article names a
           town in it, unless a town of the same name lies in it (New York, Idlib). A name never
           votes for its own readings ("Montana" must not make Montana City likelier).
One sense per discourse: every mention of the same name in an article resolves alike.
A name the gazetteer does not know (a church, a district, a lake) gets the point of the town
named around it, with no id and a low confidence (`_locate_unknown`).
"""

from __future__ import annotations

import itertools
import math
from collections import Counter
from dataclasses import dataclass

from .gazetteer import (
    ALIAS,
    ALTERNATE,
    APPROXIMATE_PLACE_ID,
    GENERIC_NAMES,
    LOOSE,
    Candidate,
    distance_km,
)
from .mentions import Mention
from .normalize import name_key

NEARBY_KM = 150.0
# A town that gives its name to its division (Venice, Idlib, Parma) is nearly always the division's
# seat, better known than its population says: it beats a same-named town up to twice its size.
SEAT_BONUS = 0.3
# Context weights: a country the article names elsewhere, a division it names, a place nearby.
COUNTRY_BASE, COUNTRY_SHARE, ADMIN1_BONUS, NEARBY_BONUS = 2.0, 2.0, 1.5, 1.0
# A division in which the article names a town ("Washington" with Seattle: the state, not D.C.).
CONTAINS_BONUS = 1.0
# What an alternate name of a town of 5,000+ (an exonym: "Venice") costs against its own name.
ALT_PENALTY = 0.5


@dataclass(slots=True)
class Resolution:
    mention: Mention
    candidate: Candidate | None
    confidence: float


def _prior(c: Candidate) -> float:
    pop = math.log10(c.population + 1)
    if c.is_country:
        score = max(pop, 6.0) + 2.5
    elif c.feature == "L.CONT":
        score = 9.0
    elif c.is_admin1:
        score = pop - 0.8
    elif c.feature == "A.ADM2":
        score = pop - 1.5
    elif c.feature.startswith("P."):
        score = pop + (1.5 if c.feature == "P.PPLC" else 0.0)
    else:  # curated regions, seas, rivers: few, and named because news uses them
        score = 8.0
    if c.name_kind == ALTERNATE:
        # An exonym of a city ("Venice") is good evidence; an alternate name of a hamlet that is
        # also a word or a region ("Western", "Delaware") is not.
        score -= ALT_PENALTY if c.population >= 5_000 or not c.feature.startswith("P.") else 2.0
    elif c.name_kind == LOOSE:
        score -= 2.0
    if name_key(c.name) in GENERIC_NAMES:
        score -= 3.0  # "Western", "Central": a division of that name only when its country is
    return score


@dataclass(slots=True)
class _Context:
    votes: dict[str, Counter[str]]  # country -> mentions per name key that resolved into it
    admin1: dict[str, set[str]]  # division code -> name keys of the mentions that named it
    towns_in: dict[str, set[str]]  # division code -> name keys of the towns named in it
    # (name key, lat, lon, place id) of non-country places
    points: list[tuple[str, float, float, int]]
    total: Counter[str]  # name key -> its number of mentions
    # The sums of `total` and of each country's `votes`, taken once for all the candidates
    mentions: int
    country_mentions: dict[str, int]


def _context(groups: dict[str, list[Mention]], winners: dict[str, Candidate]) -> _Context:
    votes: dict[str, Counter[str]] = {}
    admin1: dict[str, set[str]] = {}
    towns_in: dict[str, set[str]] = {}
    points: list[tuple[str, float, float, int]] = []
    total: Counter[str] = Counter()
    for key, cand in winners.items():
        n = len(groups[key])
        total[key] = n
        if cand.country:
            votes.setdefault(cand.country, Counter())[key] += n
        if cand.is_admin1 and cand.admin1_code:
            admin1.setdefault(cand.admin1_code, set()).add(key)
        elif cand.admin1_code and cand.feature.startswith("P."):
            towns_in.setdefault(cand.admin1_code, set()).add(key)
        if not cand.is_country and cand.feature not in ("L.CONT", "L.RGN"):
            points.append((key, cand.lat, cand.lon, cand.place_id))
    country_mentions = {country: counts.total() for country, counts in votes.items()}
    return _Context(votes, admin1, towns_in, points, total, total.total(), country_mentions)


def _context_score(
    c: Candidate, key: str, ctx: _Context, pinned: set[int], twins: frozenset[str] = frozenset()
) -> float:
    # Every vote leaves out the mention's own name: a name must not confirm its own reading.
    score = 0.0
    if c.country:
        others = ctx.mentions - ctx.total[key]
        votes = ctx.votes.get(c.country)
        own = ctx.country_mentions[c.country] - votes[key] if votes is not None else 0
        if own > 0 and others > 0:
            score += COUNTRY_BASE + COUNTRY_SHARE * own / others
    # A division the article names elsewhere, by another name ("Mont."): it supports the places
    # in it and itself; a name never supports itself ("Montana" must not vote for Montana City).
    if c.admin1_code and ctx.admin1.get(c.admin1_code, set()) - {key}:
        score += ADMIN1_BONUS
    if (
        c.is_admin1
        and c.admin1_code not in twins
        and ctx.towns_in.get(c.admin1_code, set()) - {key}
    ):
        score += CONTAINS_BONUS
    if c.place_id in pinned:
        score += 4.0
    if c.feature.startswith("P.") or (c.feature == "A.ADM2" and c.name_kind <= ALIAS):
        # Another name of the same place ("Plymouth Co.", "Plymouth County") is not a place nearby.
        for other, lat, lon, place in ctx.points:
            if (
                other != key
                and place != c.place_id
                and distance_km(c.lat, c.lon, lat, lon) < NEARBY_KM
            ):
                score += NEARBY_BONUS
                break
    return score


def _softmax_top(scores: list[float]) -> float:
    top = max(scores)
    total = sum(math.exp(s - top) for s in scores)
    return 1.0 / total


_SOURCE_WEIGHT = {"ner": 1.0, "nested": 0.85, "gazetteer": 0.8}


# Regions named relative to a country ("separatists in the South"): placed only in a country
# the story names otherwise.
COMPASS_NAMES = frozenset(
    {"north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest"}
    | {"north east", "north west", "south east", "south west"}
)


def resolve(mentions: list[Mention], text: str) -> list[Resolution]:
    """Pick a candidate for every mention; unresolvable mentions get `candidate=None`."""
    groups: dict[str, list[Mention]] = {}
    for m in mentions:
        groups.setdefault(name_key(m.text) + ("#d" if m.demonym else ""), []).append(m)

    cands = {k: ms[0].candidates for k, ms in groups.items()}
    # each candidate's prior, computed once for both passes
    priors = {k: [_prior(c) for c in cs] for k, cs in cands.items()}
    winners = {  # pass 1: prior alone (the first of equal priors, as `max` picks)
        k: cs[max(range(len(cs)), key=priors[k].__getitem__)] for k, cs in cands.items() if cs
    }
    ctx = _context(groups, winners)
    pinned = _pinned(mentions, text)

    chosen: dict[str, tuple[Candidate, float]] = {}
    for key, cs in cands.items():
        if not cs:
            continue
        prior_of = priors[key]
        if key in COMPASS_NAMES:
            keep = [i for i, c in enumerate(cs) if set(ctx.votes.get(c.country or "", ())) - {key}]
            cs, prior_of = [cs[i] for i in keep], [prior_of[i] for i in keep]
            if not cs:
                continue
        pins = pinned.get(key, set())
        # Divisions with a same-named town inside them (New York, Idlib): no support from the
        # towns named in them, which would as well support the town.
        twins = frozenset(c.admin1_code for c in cs if c.admin1_code and not c.is_admin1)
        scored = _with_seat_bonus(
            [
                (prior + _context_score(c, key, ctx, pins, twins), c)
                for prior, c in zip(prior_of, cs, strict=True)
            ]
        )
        best = max(scored, key=lambda sc: sc[0])[1]
        chosen[key] = (best, _softmax_top([s for s, _ in scored]))

    out = []
    for key, ms in groups.items():
        for m in ms:
            if key in chosen:
                cand, conf = chosen[key]
                out.append(Resolution(m, cand, round(conf * _SOURCE_WEIGHT[m.source], 3)))
            else:
                out.append(Resolution(m, None, 0.0))
    out.sort(key=lambda r: r.mention.start)
    _locate_unknown(out)
    return out


# How much an unknown name's approximate point (the town named around it) is trusted.
APPROXIMATE_CONFIDENCE = 0.2
# A town named this close (characters) to an unknown name is the town it is in.
NEIGHBOUR_CHARS = 200


def _locate_unknown(out: list[Resolution]) -> None:
    """Give a name the gazetteer does not know ("Third Presbyterian Church", "Faubourg Marigny",
    "Lake Manassas") the point of the town around it: in news, a building, a district or a street
    lies in the town the story names. The town named nearest to the name's first mention (within
    `NEIGHBOUR_CHARS`), else the town the article names most. The result has no GeoNames id, no
    feature code and a low confidence (`Candidate.is_approximate`); a story that names no town
    (only countries or divisions) leaves the name unresolved."""
    if all(r.candidate is not None for r in out):
        return
    local = [
        r
        for r in out
        if r.candidate is not None
        and not r.mention.demonym
        and not r.candidate.is_approximate
        and r.candidate.geonames_id is not None
        and (r.candidate.feature.startswith("P.") or r.candidate.feature == "A.ADM2")
    ]
    if not local:
        return
    counts = Counter(r.candidate.place_id for r in local if r.candidate)
    top = max(local, key=lambda r: counts[r.candidate.place_id] if r.candidate else 0).candidate
    placed: dict[str, Candidate] = {}  # one point per name through the article
    for i, r in enumerate(out):
        if r.candidate is not None:
            continue
        key = name_key(r.mention.text)
        approx = placed.get(key)
        if approx is None:
            start = r.mention.start
            near = [x for x in local if abs(x.mention.start - start) <= NEIGHBOUR_CHARS]
            base = min(near, key=lambda x: abs(x.mention.start - start)).candidate if near else top
            if base is None:
                continue
            approx = placed[key] = Candidate(
                None,
                r.mention.text,
                base.lat,
                base.lon,
                "",
                base.country,
                base.admin1,
                base.admin1_code,
                0,
                LOOSE,
                place_id=APPROXIMATE_PLACE_ID,
            )
        out[i] = Resolution(r.mention, approx, APPROXIMATE_CONFIDENCE)


def _with_seat_bonus(scored: list[tuple[float, Candidate]]) -> list[tuple[float, Candidate]]:
    """A division's seat gets `SEAT_BONUS` over same-named towns elsewhere ("Parma" is Parma,
    Italy, not Perm, whose alternate name it also is), but never rises above a division or country
    it did not outrank already: "New York" stays the state where the state wins without the
    bonus, as annotators mostly read it, and "Quebec" the province."""
    above = [s for s, c in scored if not c.feature.startswith("P.")]
    out = []
    for s, c in scored:
        own_name = c.name_kind <= ALIAS
        bonus = SEAT_BONUS if c.seat and c.feature == "P.PPL" and own_name else 0.0
        if bonus:
            caps = [a - s - 1e-6 for a in above if a > s]
            bonus = max(0.0, min([bonus, *caps]))
        out.append((s + bonus, c))
    return out


def _pinned(mentions: list[Mention], text: str) -> dict[str, set[int]]:
    """Readings fixed by "Place, Division" / "Place, Country": both names, each by the other."""
    pinned: dict[str, set[int]] = {}
    for a, b in itertools.pairwise(mentions):
        if text[a.end : b.start].strip() != "," or a.demonym or b.demonym:
            continue
        for c in b.candidates:
            if not (c.is_admin1 or c.is_country):
                continue
            inside = {
                x.place_id
                for x in a.candidates
                if x.place_id != c.place_id
                and (
                    (c.is_admin1 and x.admin1_code == c.admin1_code and not x.is_admin1)
                    or (c.is_country and x.country == c.country and not x.is_country)
                )
            }
            if inside:
                pinned.setdefault(name_key(a.text), set()).update(inside)
                pinned.setdefault(name_key(b.text), set()).add(c.place_id)
    return pinned
