"""Toponym mentions: where in a parsed text a place is named.

Three sources, in order of trust:
  1. spaCy GPE/LOC/FAC entities, trimmed of "the" and possessives; a multi-word entity the
     gazetteer does not know is searched for a known name inside it ("northern Idlib province").
  2. NORP entities and other words that are demonyms ("Syrian"): mentions of their country.
  3. Names the model missed or mislabelled ("Ghouta" as ORG, "Aleppo," as WORK_OF_ART) and place
     names inside organisation names ("Aleppo University"): capitalised word sequences whose key
     is a prominent gazetteer name (a country, division, region or city of 100,000+).
Every mention carries its character span in `doc.text` and the gazetteer candidates for it.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from .gazetteer import DEMONYM, Candidate, Gazetteer
from .normalize import name_key

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
# Labels the small model gives places by mistake, or that contain place names.
CONTAINER_LABELS = frozenset(
    {"ORG", "WORK_OF_ART", "PRODUCT", "EVENT", "LAW", "PERSON", "NORP", "LANGUAGE"}
)
SKIP_LABELS = frozenset({"DATE", "TIME", "PERCENT", "MONEY", "QUANTITY", "ORDINAL", "CARDINAL"})
MAX_NGRAM = 4
# Capitalised words that name places but far more often mean something else in news text.
_AMBIGUOUS_WORDS = frozenset(
    [
        "may",
        "march",
        "june",
        "august",
        "university",
        "college",
        "hospital",
        "street",
        "church",
        "school",
        "mobile",
        "reading",
        "independence",
        "union",
        # Common nouns that GeoNames lists as short names of countries: "Economic Community
        # of West African States" is not about the United States.
        "states",
        "emirates",
        "republic",
        "kingdom",
        "nations",
        "islands",
        "victoria",
        "justice",
        "police",
        "army",
        "president",
        "minister",
        "ministry",
        "house",
        "god",
        "jesus",
        "christ",
        "liberty",
        "hope",
        "unity",
        "progress",
        "commerce",
        "university",
        "bank",
        "trust",
    ]
)


@dataclass(slots=True)
class Mention:
    start: int
    end: int
    text: str
    source: str  # "ner", "nested", "gazetteer"
    demonym: bool
    candidates: tuple[Candidate, ...]


def _trim(tokens: list[Token]) -> list[Token]:
    while tokens and (tokens[0].lower_ in ("the", "a", "an") or tokens[0].is_punct):
        tokens = tokens[1:]
    while tokens and (tokens[-1].is_punct or tokens[-1].lower_ in ("'s", "’s", "'")):
        tokens = tokens[:-1]
    return tokens


def _span_text(doc: Doc, tokens: list[Token]) -> tuple[int, int, str]:
    start = tokens[0].idx
    end = tokens[-1].idx + len(tokens[-1].text)
    # Built from the tokens: `doc.text` re-joins the whole document on every access.
    text = "".join(t.text_with_ws for t in tokens[:-1]) + tokens[-1].text
    return start, end, text


def _capitalised(token: Token) -> bool:
    return token.text[:1].isupper()


def _demonyms_only(cands: tuple[Candidate, ...]) -> tuple[Candidate, ...]:
    return tuple(c for c in cands if c.name_kind == DEMONYM)


def _places_only(cands: tuple[Candidate, ...]) -> tuple[Candidate, ...]:
    return tuple(c for c in cands if c.name_kind != DEMONYM)


def split_readings(cands: tuple[Candidate, ...]) -> tuple[tuple[Candidate, ...], bool]:
    """The candidates a name should be read as, and whether that reading is a demonym.

    "Canadian" is also a town in Australia and "Spanish" one in Canada: a demonym reading wins
    unless a place of that name is a country, a division or a city of 100,000+.
    """
    dem = _demonyms_only(cands)
    places = _places_only(cands)
    if dem and not any(c.is_country or c.is_admin1 or c.population >= 100_000 for c in places):
        return dem, True
    return places, False


def _nested(
    doc: Doc, tokens: list[Token], gaz: Gazetteer, *, source: str, skip_whole: bool
) -> list[Mention]:
    """Prominent place names and demonyms inside a token sequence, longest first, no overlaps."""
    found: list[Mention] = []
    used: set[int] = set()
    n = len(tokens)
    # Each token's text and flag once, not once per window it is in; the window's text is
    # built from them as `_span_text` builds it.
    words = [t.text for t in tokens]
    spaced = [t.text_with_ws for t in tokens]
    capitalised = [w[:1].isupper() for w in words]
    for size in range(min(MAX_NGRAM, n), 0, -1):
        for i in range(0, n - size + 1):
            if skip_whole and size == n:
                continue
            last = i + size - 1
            if not capitalised[i] or not capitalised[last]:
                continue
            window = tokens[i : last + 1]
            if used and any(t.i in used for t in window):
                continue
            text = "".join(spaced[i:last]) + words[last]
            start, end = window[0].idx, window[-1].idx + len(words[last])
            key = name_key(text)
            if not key or key not in gaz.prominent_keys or key in _AMBIGUOUS_WORDS:
                continue
            readings, demonym = split_readings(gaz.lookup(text, loose=False))
            if not readings:
                continue
            found.append(Mention(start, end, text, source, demonym, readings))
            used.update(t.i for t in window)
    return found


def find_mentions(doc: Doc, gaz: Gazetteer) -> list[Mention]:
    """All place mentions in `doc`, sorted by position, without overlaps."""
    mentions: list[Mention] = []
    covered: set[int] = set()

    for ent in doc.ents:
        label = ent.label_
        if label in SKIP_LABELS:
            # The small model reads some country names as dates ("the crisis in Niger"): a
            # date of capitalised words without numbers is left to the scan of names below.
            if not (label == "DATE" and all(_capitalised(t) and not t.like_num for t in ent)):
                covered.update(range(ent.start, ent.end))
            continue
        tokens = _trim(list(ent))
        if not tokens:
            continue
        covered.update(range(ent.start, ent.end))
        start, end, text = _span_text(doc, tokens)
        if label in PLACE_LABELS:
            readings, demonym = split_readings(gaz.lookup(text))
            if readings:
                mentions.append(Mention(start, end, text, "ner", demonym, readings))
                continue
            inner = _nested(doc, tokens, gaz, source="nested", skip_whole=True)
            if inner:
                mentions.extend(inner)
            elif label != "FAC" and _looks_like_a_name(tokens):
                # A place the gazetteer does not know: still a toponym, left unresolved.
                mentions.append(Mention(start, end, text, "ner", False, ()))
        elif label in CONTAINER_LABELS:
            if label == "NORP" or len(tokens) == 1:
                cands = gaz.lookup(text, loose=False)
                dem = _demonyms_only(cands)
                if dem and label != "LANGUAGE":
                    mentions.append(Mention(start, end, text, "ner", True, dem))
                    continue
                if label in ("NORP", "LANGUAGE"):
                    # The model calls some city names NORP or LANGUAGE ("Aleppo"); a language
                    # named after a people ("English") is not a mention of their country.
                    mentions.extend(
                        m
                        for m in _nested(doc, tokens, gaz, source="nested", skip_whole=False)
                        if not m.demonym
                    )
                    continue
            after_preposition = _after_locative(doc, tokens, gaz)
            if after_preposition is not None:
                mentions.append(after_preposition)
                continue
            if label == "PERSON" and not _person_is_place(tokens, gaz):
                continue
            mentions.extend(_nested(doc, tokens, gaz, source="nested", skip_whole=False))

    # Words outside any entity: runs of capitalised tokens, plus demonyms.
    run: list[Token] = []
    for token in doc:
        if token.i not in covered and _capitalised(token) and not token.is_punct:
            run.append(token)
            continue
        if run:
            mentions.extend(_scan_run(doc, run, gaz))
            run = []
    if run:
        mentions.extend(_scan_run(doc, run, gaz))

    mentions.sort(key=lambda m: (m.start, -m.end))
    out: list[Mention] = []
    last_end = -1
    for m in mentions:
        if m.start >= last_end:
            out.append(m)
            last_end = m.end
    return out


def _looks_like_a_name(tokens: list[Token]) -> bool:
    # The small model's GPE/LOC misfires are often common words ("marijuana", "n't") or names
    # of people; an unknown place is kept only if it is written like a multi-word proper name.
    return len(tokens) > 1 and all(t.text[:1].isupper() or t.is_stop for t in tokens)


def _person_is_place(tokens: list[Token], gaz: Gazetteer) -> bool:
    # The small model tags some place names as PERSON ("Aleppo", "Al Khums"). A whole PERSON span
    # counts as a place only if it is the full name of a country, division or city of 100,000+;
    # 1,000,000+ for a lone word ("Jordan" and "Chad" are often people), unless it follows "the"
    # ("the Cairns police"), which people's names rarely do.
    text = " ".join(t.text for t in tokens)
    first = tokens[0]
    after_the = first.i > 0 and first.doc[first.i - 1].lower_ == "the"
    floor = 1_000_000 if len(tokens) == 1 and not after_the else 100_000
    return any(
        c.is_country or c.is_admin1 or c.population >= floor
        for c in gaz.lookup(text, loose=False)
        if c.name_kind != DEMONYM
    )


# "in X", "near X": a capitalised name here is a place if the gazetteer knows one by that name.
LOCATIVE_PREPOSITIONS = frozenset(
    ("in", "near", "outside", "across", "around", "from", "into", "inside", "throughout", "to")
)


def _after_locative(doc: Doc, tokens: list[Token], gaz: Gazetteer) -> Mention | None:
    first = tokens[0].i
    if first == 0 or doc[first - 1].lower_ not in LOCATIVE_PREPOSITIONS or len(tokens) > MAX_NGRAM:
        return None
    if not all(_capitalised(t) or t.is_punct for t in tokens):
        return None
    start, end, text = _span_text(doc, tokens)
    if name_key(text) in _AMBIGUOUS_WORDS:
        return None
    places = tuple(
        c
        for c in _places_only(gaz.lookup(text, loose=False))
        if c.population >= 1000 or not c.feature.startswith("P.")
    )
    return Mention(start, end, text, "gazetteer", False, places) if places else None


def _scan_run(doc: Doc, run: list[Token], gaz: Gazetteer) -> list[Mention]:
    whole = _after_locative(doc, run, gaz)
    if whole is not None:
        return [whole]
    found = _nested(doc, run, gaz, source="gazetteer", skip_whole=False)
    kept = []
    for m in found:
        first = doc.char_span(m.start, m.end, alignment_mode="expand")
        # Sentence-initial single words are capitalised anyway; trust only countries/divisions
        # and demonyms there.
        # Datelines ("ALBUQUERQUE, N.M. -") and "Aleppo, the ..." are names all the same.
        if (
            first is not None
            and first[0].is_sent_start
            and len(first) == 1
            and not m.demonym
            and not first[0].is_upper
            and not (first.end < len(doc) and doc[first.end].text == ",")
            and not any(c.is_country or c.is_admin1 for c in m.candidates)
        ):
            continue
        kept.append(m)
    return kept


def candidates_for(text: str, gaz: Gazetteer) -> tuple[tuple[Candidate, ...], bool]:
    """Candidates for a given toponym string, and whether they are demonym readings.

    For a span known to be a toponym (a gold span, a user's query): the whole string, else the
    longest run of its words the gazetteer knows ("Colorado State University" -> Colorado).
    """
    cands = gaz.lookup(text)
    if not cands:
        words = text.split()
        for size in range(min(len(words) - 1, MAX_NGRAM), 0, -1):
            for i in range(len(words) - size + 1):
                part = " ".join(words[i : i + size])
                key = name_key(part)
                if part[:1].isupper() and key in gaz.prominent_keys and key not in _AMBIGUOUS_WORDS:
                    cands = gaz.lookup(part, loose=False)
                    if cands:
                        break
            if cands:
                break
    return split_readings(cands)


def sentence_of(doc: Doc, start: int, end: int) -> Span | None:
    span = doc.char_span(start, end, alignment_mode="expand")
    return span.sent if span is not None else None
