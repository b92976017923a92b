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
CONTAINER_LABELS = frozenset({"ORG", "WORK_OF_ART", "PRODUCT", "EVENT", "LAW", "PERSON", "NORP"})
SKIP_LABELS = frozenset(
    {"DATE", "TIME", "PERCENT", "MONEY", "QUANTITY", "ORDINAL", "CARDINAL", "LANGUAGE"}
)
MAX_NGRAM = 4
# Words around a name that are not part of it ("northern Idlib province").
_MODIFIERS = frozenset(
    "north south east west northern southern eastern western central northeastern northwestern "
    "southeastern southwestern north-east north-west south-east south-west north-eastern "
    "north-western south-eastern south-western rural greater upper lower downtown "
    "province governorate city county region district state town village area countryside "
    "capital suburbs outskirts".split()
)
# Capitalised words that name places but far more often mean something else in news text.
_AMBIGUOUS_WORDS = frozenset(
    "may march june august university college hospital street church school mobile reading "
    "independence union victoria justice police army president minister ministry house "
    "god jesus christ liberty hope unity progress commerce university bank trust".split()
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
    return start, end, doc.text[start:end]


def _capitalised(token: Token) -> bool:
    return token.text[:1].isupper()


def _demonyms_only(cands: tuple[Candidate, ...]) -> tuple[Candidate, ...]:
    return tuple(c for c in cands if c.name_kind == DEMONYM)


def _places_only(cands: tuple[Candidate, ...]) -> tuple[Candidate, ...]:
    return tuple(c for c in cands if c.name_kind != DEMONYM)


def _nested(
    doc: Doc, tokens: list[Token], gaz: Gazetteer, *, source: str, skip_whole: bool
) -> list[Mention]:
    """Prominent place names and demonyms inside a token sequence, longest first, no overlaps."""
    found: list[Mention] = []
    used: set[int] = set()
    n = len(tokens)
    for size in range(min(MAX_NGRAM, n), 0, -1):
        for i in range(0, n - size + 1):
            if skip_whole and size == n:
                continue
            window = tokens[i : i + size]
            if any(t.i in used for t in window):
                continue
            if not _capitalised(window[0]) or not _capitalised(window[-1]):
                continue
            if window[0].lower_ in _MODIFIERS or window[-1].lower_ in _MODIFIERS:
                continue
            start, end, text = _span_text(doc, window)
            key = name_key(text)
            if not key or key not in gaz.prominent_keys or key in _AMBIGUOUS_WORDS:
                continue
            cands = gaz.lookup(text, loose=False)
            dem = _demonyms_only(cands)
            places = _places_only(cands)
            if places:
                found.append(Mention(start, end, text, source, False, places))
            elif dem:
                found.append(Mention(start, end, text, source, True, dem))
            else:
                continue
            used.update(t.i for t in window)
    return found


def find_mentions(doc: Doc, gaz: Gazetteer) -> list[Mention]:
    """All place mentions in `doc`, sorted by position, without overlaps."""
    mentions: list[Mention] = []
    covered: set[int] = set()

    for ent in doc.ents:
        label = ent.label_
        if label in SKIP_LABELS:
            covered.update(range(ent.start, ent.end))
            continue
        tokens = _trim(list(ent))
        if not tokens:
            continue
        covered.update(range(ent.start, ent.end))
        start, end, text = _span_text(doc, tokens)
        if label in PLACE_LABELS:
            cands = gaz.lookup(text)
            places = _places_only(cands)
            if places:
                mentions.append(Mention(start, end, text, "ner", False, places))
                continue
            dem = _demonyms_only(cands)
            if dem:
                mentions.append(Mention(start, end, text, "ner", True, dem))
                continue
            inner = _nested(doc, tokens, gaz, source="nested", skip_whole=True)
            if inner:
                mentions.extend(inner)
            elif label != "FAC":
                # A place the gazetteer does not know: still a toponym, left unresolved.
                mentions.append(Mention(start, end, text, "ner", False, ()))
        elif label in CONTAINER_LABELS:
            if label == "NORP" or len(tokens) == 1:
                cands = gaz.lookup(text, loose=False)
                dem = _demonyms_only(cands)
                if dem:
                    mentions.append(Mention(start, end, text, "ner", True, dem))
                    continue
                if label == "NORP":
                    mentions.extend(_nested(doc, tokens, gaz, source="nested", skip_whole=True))
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


def _person_is_place(tokens: list[Token], gaz: Gazetteer) -> bool:
    # The small model tags some lone place names as PERSON ("Aleppo"); a real person's name is
    # usually two or more tokens. Accept only single tokens naming a country, division or big city.
    if len(tokens) != 1:
        return False
    for c in gaz.lookup(tokens[0].text, loose=False):
        if c.is_country or c.is_admin1 or c.population >= 1_000_000:
            return True
    return False


def _scan_run(doc: Doc, run: list[Token], gaz: Gazetteer) -> list[Mention]:
    found = _nested(doc, run, gaz, source="gazetteer", skip_whole=False)
    kept = []
    for m in found:
        first = doc.char_span(m.start, m.end, alignment_mode="expand")
        # Sentence-initial single words are capitalised anyway; trust only countries/divisions
        # and demonyms there.
        if first is not None and first[0].is_sent_start and len(first) == 1 and not m.demonym:
            if not any(c.is_country or c.is_admin1 for c in m.candidates):
                continue
        kept.append(m)
    return kept


def sentence_of(doc: Doc, start: int, end: int) -> Span | None:
    span = doc.char_span(start, end, alignment_mode="expand")
    return span.sent if span is not None else None
