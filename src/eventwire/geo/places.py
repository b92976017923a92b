"""The places annotator and the event-location helper.

`annotate_places` finds place mentions (`mentions.py`), resolves them against the gazetteer by
the article's context (`resolve.py`) and groups them into one `Place` per resolved place.
`place_for_span` gives the events annotator the place where something in a sentence happened:
a literal mention inside the span, else the article's focus place.
"""

from __future__ import annotations

import logging
import re
from collections import Counter

from spacy.tokens import Doc, Span

from ..annotators import annotator
from ..model import Article, Place, PlaceRef
from .gazetteer import Candidate, get_gazetteer
from .mentions import find_mentions
from .resolve import Resolution, resolve

log = logging.getLogger(__name__)

MAX_TEXT_CHARS = 2_000_000


@annotator("places", assigns="places")
def annotate_places(doc: Doc, article: Article) -> list[Place]:
    """One `Place` per place the article names, with every mention's character span."""
    if not article.text or len(article.text) > MAX_TEXT_CHARS:
        return []
    # A broken gazetteer raises GazetteerError: the pipeline records it per article and goes on.
    gaz = get_gazetteer()
    resolutions = resolve(find_mentions(doc, gaz), article.text)
    return places_from_resolutions(resolutions)


def places_from_resolutions(resolutions: list[Resolution]) -> list[Place]:
    """Group resolved mentions by the place they resolve to, in order of first mention."""
    by_place: dict[object, list[Resolution]] = {}
    for r in resolutions:
        cand = r.candidate
        key: object = (
            cand.place_id
            if cand is not None and not cand.is_approximate
            else ("?", r.mention.text.lower())
        )
        by_place.setdefault(key, []).append(r)
    places = []
    for group in by_place.values():
        cand = group[0].candidate
        literal = [r for r in group if not r.mention.demonym]
        names = Counter(r.mention.text for r in (literal or group))
        places.append(
            Place(
                name=_display_name(names.most_common(1)[0][0], cand, bool(literal)),
                mentions=[[r.mention.start, r.mention.end] for r in group],
                geonames_id=cand.geonames_id if cand else None,
                lat=round(cand.lat, 5) if cand else None,
                lon=round(cand.lon, 5) if cand else None,
                feature=cand.feature or None if cand else None,
                country=cand.country if cand else None,
                admin1=cand.admin1 if cand else None,
                confidence=max(r.confidence for r in group),
                demonym_mentions=[
                    [r.mention.start, r.mention.end] for r in group if r.mention.demonym
                ],
            )
        )
    return places


def _display_name(surface: str, cand: Candidate | None, literal: bool) -> str:
    # As the article writes it ("Deraa"), except that a place named only by a demonym is
    # called by its own name (Syria, not "Syrian").
    if cand is not None and not literal:
        return cand.name
    return surface


# ---------------------------------------------------------------------------------------------
# Event location

# A place right after one of these is where something is or happens.
_LOCATIVE_RE = re.compile(
    r"\b(?:in|at|near|from|to|into|across|outside|around|inside|toward|towards|throughout|"
    r"within|through|over|on|of|off|between|along|via|north of|south of|east of|west of)\s+"
    r"(?:the\s+)?(?:[A-Za-z-]+\s+){0,2}$",
    re.IGNORECASE,
)
# A place followed by one of these is an actor ("Turkey said"), not a location.
_METONYMIC_RE = re.compile(
    r"^(?:'s|’s|\s+(?:has|have|had|will|would|could|may|also|has also|is|was)?\s*"
    r"(?:said|says|say|warned|warns|accused|accuses|announced|announces|denied|denies|urged|"
    r"urges|called|calls|condemned|condemns|stated|states|claimed|claims|rejected|rejects|"
    r"threatened|threatens|agreed|agrees|demanded|demands|vowed|vows|insisted|insists|"
    r"signed|signs|sent|sends|backed|backs|supports|supported|wants|wanted|formed|forms|"
    r"along with|and its|government|officials|president|minister|ministry|forces|army|"
    r"troops|military|embassy))\b",
    re.IGNORECASE,
)

_SPECIFICITY = {"P": 1.0, "S": 1.0, "A": 0.4, "L": 0.5, "H": 0.5, "T": 0.6}


def _mention_score(article: Article, place: Place, start: int, end: int) -> float:
    text = article.text
    before = text[max(0, start - 40) : start]
    after = text[end : end + 30]
    score = 0.0
    if _LOCATIVE_RE.search(before):
        score += 2.0
    if _METONYMIC_RE.match(after):
        score -= 3.0
    # The more specific place wins: a town over its division, a division over its country.
    feature = place.feature or ""
    if feature == "L.CONT":
        score -= 0.5
    elif not feature.startswith("A.PCL"):
        score += _SPECIFICITY.get(feature[:1], 0.0)
    return score + place.confidence * 0.1


def _ref(place: Place) -> PlaceRef:
    return PlaceRef(name=place.name, lat=place.lat, lon=place.lon, geonames_id=place.geonames_id)


def focus_place(article: Article) -> Place | None:
    """The place the article is most about: most literal mentions, the more specific on a tie."""
    best: tuple[float, Place] | None = None
    for place in article.places:
        if place.lat is None:
            continue
        literal = len(place.mentions) - len(place.demonym_mentions)
        if literal <= 0:
            continue
        feature = place.feature or ""
        specific = 0.5 if not feature.startswith(("A.PCL", "L.CONT")) else 0.0
        score = literal + specific
        if best is None or score > best[0]:
            best = (score, place)
    return best[1] if best else None


def place_for_span(
    article: Article, start: int, end: int, *, sentence: Span | None = None
) -> PlaceRef | None:
    """The place where what `article.text[start:end]` reports happened.

    The best literal place mentioned inside [start, end) (a clause or a sentence): not a demonym,
    not a country used as an actor ("Turkey said"); a place after "in/at/near ..." and the more
    specific one first. If none fits and `sentence` (a spaCy Span) is given, the same inside the
    sentence; then the article's focus place; None if the article names no resolved place.
    """
    windows = [(start, end)]
    if sentence is not None:
        windows.append((sentence.start_char, sentence.end_char))
    for lo, hi in windows:
        best = _best_in(article, lo, hi)
        if best is not None:
            return _ref(best)
    focus = focus_place(article)
    return _ref(focus) if focus is not None else None


def _best_in(article: Article, start: int, end: int) -> Place | None:
    best: tuple[float, Place] | None = None
    for place in article.places:
        if place.lat is None:
            continue
        demonyms = {tuple(m) for m in place.demonym_mentions}
        for m_start, m_end in place.mentions:
            if m_start < start or m_end > end or (m_start, m_end) in demonyms:
                continue
            score = _mention_score(article, place, m_start, m_end)
            if score >= 0 and (best is None or score > best[0]):
                best = (score, place)
    return best[1] if best else None
