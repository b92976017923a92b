"""Toponym resolution: which gazetteer candidate each mention means, judged by the article.

Each candidate gets a score in "log-population" units:
  prior    log10(population), with fixed weights for countries, divisions, continents and the
           curated regions, and a bonus for a capital; a name that is only an alternate name or a
           transliteration variant of the candidate counts less than its own name.
  context  two passes: the first resolves on the prior alone; the countries, divisions and
           places it found (demonyms included) then vote: a candidate in a country the article
           names, in a division it names, within 150 km of another place it names, or written
           "Place, Division" / "Place, Country" scores higher in the second pass.
One sense per discourse: every mention of the same name in an article resolves alike.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass

from .gazetteer import ALTERNATE, LOOSE, Candidate, distance_km
from .mentions import Mention
from .normalize import name_key

NEARBY_KM = 150.0


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
    elif c.feature.startswith("P."):
        score = pop + (1.5 if c.feature == "P.PPLC" else 0.0)
    else:  # curated regions, seas, rivers: few, and named because news uses them
        score = 7.0
    if c.name_kind == ALTERNATE:
        score -= 1.0
    elif c.name_kind == LOOSE:
        score -= 2.0
    return score


@dataclass(slots=True)
class _Context:
    countries: Counter[str]
    admin1: set[str]
    points: list[tuple[str, float, float]]  # (name key, lat, lon) of non-country places
    total: int


def _context(groups: dict[str, list[Mention]], winners: dict[str, Candidate]) -> _Context:
    countries: Counter[str] = Counter()
    admin1: set[str] = set()
    points: list[tuple[str, float, float]] = []
    for key, cand in winners.items():
        n = len(groups[key])
        if cand.country:
            countries[cand.country] += n
        if cand.is_admin1 and cand.admin1_code:
            admin1.add(cand.admin1_code)
        if not cand.is_country and cand.feature not in ("L.CONT",) and cand.feature != "L.RGN":
            points.append((key, cand.lat, cand.lon))
    return _Context(countries, admin1, points, sum(countries.values()))


def _context_score(c: Candidate, key: str, ctx: _Context, follow: Candidate | None) -> float:
    score = 0.0
    if c.country and ctx.total:
        own = ctx.countries.get(c.country, 0)
        if own:
            score += 2.0 + 2.0 * own / ctx.total
    if c.admin1_code and c.admin1_code in ctx.admin1 and not c.is_admin1:
        score += 1.5
    if follow is not None and (
        (follow.is_admin1 and follow.admin1_code == c.admin1_code and not c.is_admin1)
        or (follow.is_country and follow.country == c.country and not c.is_country)
    ):
        score += 4.0
    if c.feature.startswith("P."):
        for other, lat, lon in ctx.points:
            if other != key and distance_km(c.lat, c.lon, lat, lon) < NEARBY_KM:
                score += 1.0
                break
    return score


def _softmax_top(scores: list[float]) -> float:
    top = max(scores)
    total = sum(math.exp(s - top) for s in scores)
    return 1.0 / total


_SOURCE_WEIGHT = {"ner": 1.0, "nested": 0.85, "gazetteer": 0.8}


def resolve(mentions: list[Mention], text: str) -> list[Resolution]:
    """Pick a candidate for every mention; unresolvable mentions get `candidate=None`."""
    groups: dict[str, list[Mention]] = {}
    for m in mentions:
        groups.setdefault(name_key(m.text) + ("#d" if m.demonym else ""), []).append(m)

    cands = {k: ms[0].candidates for k, ms in groups.items()}
    winners = {
        k: max(cs, key=_prior) for k, cs in cands.items() if cs
    }  # pass 1: the prior alone
    ctx = _context(groups, winners)
    # "Place, Division" and "Place, Country": the mention right after a comma.
    follows = _following(mentions, text, winners)

    chosen: dict[str, tuple[Candidate, float]] = {}
    for key, cs in cands.items():
        if not cs:
            continue
        follow = follows.get(key)
        scored = [(_prior(c) + _context_score(c, key, ctx, follow), c) for c in cs]
        best_score, best = max(scored, key=lambda sc: sc[0])
        conf = _softmax_top([s for s, _ in scored])
        chosen[key] = (best, conf)
        del best_score

    out = []
    for key, ms in groups.items():
        for m in ms:
            if key in chosen:
                cand, conf = chosen[key]
                out.append(Resolution(m, cand, round(conf * _SOURCE_WEIGHT[m.source], 3)))
            else:
                out.append(Resolution(m, None, 0.0))
    out.sort(key=lambda r: r.mention.start)
    return out


def _following(
    mentions: list[Mention], text: str, winners: dict[str, Candidate]
) -> dict[str, Candidate]:
    found: dict[str, Candidate] = {}
    for a, b in zip(mentions, mentions[1:], strict=False):
        gap = text[a.end : b.start]
        if gap.strip() != "," or b.demonym:
            continue
        # The container's own candidates decide: "Paris, Texas" needs Texas the division.
        for c in b.candidates:
            if c.is_admin1 or c.is_country:
                key = name_key(a.text)
                if any(
                    (c.is_admin1 and x.admin1_code == c.admin1_code)
                    or (c.is_country and x.country == c.country)
                    for x in a.candidates
                    if x is not c
                ):
                    found[key] = c
                    break
    del winners
    return found
