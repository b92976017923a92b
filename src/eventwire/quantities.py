"""Counts of people: how many were killed, injured, displaced, arrested, ... and where.

The stage reads the spaCy parse and works in three steps per sentence:
  1. find number expressions: digits and words with scale words ("2.5 million", "three
     hundred"), vague amounts ("dozens", "tens of thousands"), ranges ("20 to 30"), hedges
     ("more than", "nearly") and fractions of a total stated just before ("half are rebels");
  2. drop what does not count people: money, percentages, dates, distances, ages, scores, votes;
  3. categorise the count from the words the parse attaches it to (its noun, the noun's
     modifiers, the governing verb and that verb's complements), using the lexicons in
     `data/quantities.yaml`, and read factuality off the same predicate.
Each count is then linked to a resolved place and to an event of the same sentence.
"""

from __future__ import annotations

import functools
import os
import re
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import yaml
from spacy.strings import get_string_id

from .annotators import annotator
from .model import QUANTITY_CATEGORIES, Article, Quantity

# Categories whose evidence on the verb outweighs the counted noun: "dozens of protesters were
# injured" is a count of injured people, not of protesters.
_VERB_FIRST = ("killed", "injured", "missing", "arrested", "displaced")
# Entity labels under which a number is never a head count.
_NOT_COUNT_ENTS = frozenset(
    {
        "MONEY",
        "PERCENT",
        "DATE",
        "TIME",
        "QUANTITY",
        "ORDINAL",
        "LAW",
        "PRODUCT",
        "WORK_OF_ART",
        "ORG",
        "FAC",
        "EVENT",
        "PERSON",
    }
)
_DIGITS = re.compile(r"^\d{1,3}(,\d{3})+(\.\d+)?$|^\d+(\.\d+)?$")
_SCORE = re.compile(r"^\d{1,3}[-–]\d{1,3}$")
_RANGE_WORDS = frozenset({"to", "-", "–", "or"})
_PASSIVE_DEPS = frozenset({"nsubjpass"})
_OBJECT_DEPS = frozenset({"dobj", "obj", "nsubjpass", "oprd"})
_SUBJECT_DEPS = frozenset({"nsubj", "csubj", "expl"})
_PREDICATE_CHILD_DEPS = frozenset({"acomp", "oprd", "attr", "xcomp", "ccomp", "advcl", "dobj"})
_PERSON_SUFFIXES = ("ists", "ians", "men", "ees", "ren", "eers", "iers", "ors", "ers", "ics")
_REACH_VERBS = frozenset(
    {"pass", "reach", "rise", "climb", "top", "exceed", "hit", "surpass", "stand", "near"}
)
_NOUN_MOD_DEPS = frozenset({"amod", "acl", "relcl", "compound", "appos", "nmod"})


@dataclass(frozen=True, slots=True)
class Category:
    name: str
    object_verbs: frozenset[str]
    subject_verbs: frozenset[str]
    adjectives: frozenset[str]
    nouns: frozenset[str]
    phrases: frozenset[tuple[str, str]]


@dataclass(frozen=True, slots=True)
class Lexicon:
    number_words: dict[str, float]
    scales: dict[str, float]
    vague: dict[str, tuple[float, float, float]]
    vague_units: dict[str, float]
    vague_only_with_scale: frozenset[str]
    fractions: dict[str, float]
    # every word that can open a number expression, other than digits and "twenty-five"
    amount_words: frozenset[str]
    hedges: dict[str, tuple[tuple[str, ...], ...]]
    longest_hedge: int  # words in the longest hedge phrase
    units: frozenset[str]
    currency: frozenset[str]
    non_people: frozenset[str]
    people: frozenset[str]
    categories: tuple[Category, ...]
    factuality: dict[str, frozenset[str]]


@dataclass(frozen=True, slots=True)
class Amount:
    """A parsed number expression: tokens [start, end) of the doc, best value and bounds."""

    start: int
    end: int
    value: float
    low: float | None
    high: float | None
    approximate: bool
    fraction: bool = False


def load_lexicon(extra: Path | None = None) -> Lexicon:
    """The packaged lexicon, with the lists of a user's YAML file of the same shape added."""
    text = resources.files("eventwire.data").joinpath("quantities.yaml").read_text("utf-8")
    data = yaml.safe_load(text)
    if extra is not None:
        _merge(data, yaml.safe_load(Path(extra).read_text("utf-8")) or {})
    return _build_lexicon(data)


# A user's extra lexicon for the pipeline: a YAML file of the same shape, whose lists are added.
LEXICON_ENV = "EVENTWIRE_QUANTITIES_LEXICON"


@functools.cache
def default_lexicon() -> Lexicon:
    """The lexicon the annotator uses: the packaged one, plus $EVENTWIRE_QUANTITIES_LEXICON."""
    extra = os.environ.get(LEXICON_ENV)
    return load_lexicon(Path(extra) if extra else None)


def _merge(base: dict[str, Any], extra: dict[str, Any]) -> None:
    for key, value in extra.items():
        if isinstance(value, dict) and isinstance(base.get(key), dict):
            _merge(base[key], value)
        elif isinstance(value, list) and isinstance(base.get(key), list):
            base[key] = list(base[key]) + value
        else:
            base[key] = value


def _words(items: list[Any] | None) -> frozenset[str]:
    # Multi-word lemmas are written with "_" in the YAML so that lists stay one token each.
    return frozenset(str(i).lower().replace("_", " ") for i in items or [])


def _build_lexicon(data: dict[str, Any]) -> Lexicon:
    categories = []
    for name, spec in data["categories"].items():
        if name not in QUANTITY_CATEGORIES:
            raise ValueError(f"quantities lexicon: unknown category {name!r}")
        phrases = frozenset(
            tuple(p.lower().split()[:2]) for p in spec.get("phrases") or [] if len(p.split()) >= 2
        )
        categories.append(
            Category(
                name=name,
                object_verbs=_words(spec.get("object_verbs")),
                subject_verbs=_words(spec.get("subject_verbs")),
                adjectives=_words(spec.get("adjectives")),
                nouns=_words(spec.get("nouns")),
                phrases=phrases,  # type: ignore[arg-type]
            )
        )
    hedges = {
        kind: tuple(tuple(h.lower().split()) for h in items)
        for kind, items in data["hedges"].items()
    }
    number_words = {k.lower(): float(v) for k, v in data["number_words"].items()}
    scales = {k.lower(): float(v) for k, v in data["scales"].items()}
    vague = {k.lower(): (float(v[0]), float(v[1]), float(v[2])) for k, v in data["vague"].items()}
    fractions = {k.lower(): float(v) for k, v in data["fractions"].items()}
    return Lexicon(
        number_words=number_words,
        scales=scales,
        vague=vague,
        vague_units={k.lower(): float(v) for k, v in data["vague_units"].items()},
        vague_only_with_scale=_words(data.get("vague_only_with_scale")),
        fractions=fractions,
        amount_words=frozenset([*number_words, *scales, *vague, *fractions, "a", "an"]),
        hedges=hedges,
        longest_hedge=max((len(p) for phrases in hedges.values() for p in phrases), default=0),
        units=_words(data.get("units")),
        currency=_words(data.get("currency_symbols")),
        non_people=_words(data.get("non_people")),
        people=_words(data.get("people")),
        categories=tuple(categories),
        factuality={k: _words(v) for k, v in data["factuality"].items()},
    )


# ---------------------------------------------------------------------------------------------
# Number expressions


def parse_number(words: list[str], lex: Lexicon | None = None) -> float | None:
    """The value of a number written in digits and/or words, or None.

    `["2.5", "million"]` -> 2500000; `["three", "hundred", "and", "twenty"]` -> 320;
    `["1,200"]` -> 1200; `["a", "dozen"]` -> 12.
    """
    lex = lex or default_lexicon()
    total = 0.0
    current: float | None = None
    seen = False
    for raw in words:
        word = raw.lower().strip()
        if word in ("and", "-", "a", "an", ""):
            continue
        parts = word.split("-")
        if len(parts) == 2 and all(p in lex.number_words for p in parts):
            current = (current or 0.0) + lex.number_words[parts[0]] + lex.number_words[parts[1]]
            seen = True
        elif _DIGITS.match(word):
            current = (current or 0.0) + float(word.replace(",", ""))
            seen = True
        elif word in lex.number_words:
            current = (current or 0.0) + lex.number_words[word]
            seen = True
        elif word in lex.scales:
            scale = lex.scales[word]
            base = 1.0 if current is None else current
            if scale >= 1000:
                total += base * scale
                current = None
            else:
                current = base * scale
            seen = True
        else:
            return None
    if not seen:
        return None
    return total + (current or 0.0)


def _is_number_token(tok: Any, lex: Lexicon) -> bool:
    return _is_number_word(tok.lower_, lex)


def _is_number_word(low: str, lex: Lexicon) -> bool:
    if low in lex.number_words or (low in lex.scales and low not in ("m", "mn", "bn")):
        return True
    if _DIGITS.match(low):
        return True
    parts = low.split("-")
    return len(parts) == 2 and all(p in lex.number_words for p in parts)


def _number_run(doc: Any, i: int, limit: int, lex: Lexicon) -> int:
    """End (exclusive) of the run of number tokens that starts at i."""
    j = i
    while j < limit:
        tok = doc[j]
        low = tok.lower_
        if _is_number_token(tok, lex) or (
            low in ("m", "mn", "bn") and j > i and _DIGITS.match(doc[j - 1].lower_)
        ):
            j += 1
        elif (
            low in ("and", "-")
            and j > i
            and j + 1 < limit
            and (doc[j + 1].lower_ in lex.number_words)
            and (doc[j - 1].lower_ in lex.scales or doc[j - 1].lower_ in lex.number_words)
        ):
            # "one hundred and twenty", "twenty-five" split by the tokenizer
            j += 1
        else:
            break
    return j


def _hedge_before(doc: Any, start: int, sent_start: int, lex: Lexicon) -> tuple[str | None, int]:
    """The hedge ending right before token `start` ("more than", "nearly"), and where it starts."""
    best: tuple[str | None, int] = (None, start)
    # the words a hedge could span, read once rather than once per phrase
    words = tuple(t.lower_ for t in doc[max(sent_start, start - lex.longest_hedge) : start])
    for kind, phrases in lex.hedges.items():
        for phrase in phrases:
            n = len(phrase)
            b = start - n
            if b < sent_start:
                continue
            if words[len(words) - n :] == phrase and b < best[1]:
                best = (kind, b)
    return best


def find_amounts(doc: Any, sent: Any, lex: Lexicon) -> list[Amount]:
    """The number expressions of one sentence, left to right."""
    out: list[Amount] = []
    first, limit = sent.start, sent.end
    i = first
    # the sentence's words once: most are no number, and are tested against several lists
    words = [t.lower_ for t in sent]
    while i < limit:
        low = words[i - first]
        if low not in lex.amount_words and not low[:1].isdecimal() and "-" not in low:
            i += 1  # no number: the tests below would all fail (`_DIGITS` starts with a digit)
            continue
        following = words[i + 1 - first] if i + 1 < limit else None
        amount: Amount | None = None
        if (
            low in lex.vague
            and not (i > first and words[i - 1 - first] in ("the",))
            and (low not in lex.vague_only_with_scale or following in lex.scales)
        ):
            amount = _vague_amount(doc, i, limit, lex)
        elif low in lex.fractions:
            amount = _fraction_amount(doc, i, limit, lex)
        elif (_is_number_word(low, lex) and low not in lex.scales) or (
            low in ("a", "an") and following == "dozen"
        ):
            amount = _plain_amount(doc, i, limit, lex)
        if (
            amount is not None
            and amount.value == 1
            and doc[amount.end : amount.end + 1].text == "of"
        ):
            amount = None  # "one of 300 migrants" picks one out of a count, it is not a count
        if amount is None:
            i += 1
            continue
        out.append(amount)
        i = amount.end
    return out


def _vague_amount(doc: Any, i: int, limit: int, lex: Lexicon) -> Amount:
    value, low, high = lex.vague[doc[i].lower_]
    end = i + 1
    # "several hundred", "a few thousand": the vague amount times the scale
    if end < limit and doc[end].lower_ in lex.scales and doc[end].lower_ not in ("m", "mn", "bn"):
        scale = lex.scales[doc[end].lower_]
        return Amount(i, end + 1, value * scale, low * scale, high * scale, True)
    # "tens of thousands", "hundreds of thousands": the vague amount in units of the scale
    if end + 1 < limit and doc[end].lower_ == "of" and doc[end + 1].lower_ in lex.vague_units:
        unit = lex.vague_units[doc[end + 1].lower_]
        value, low, high = value * unit, low * unit, (high + 1) * unit - 1
        end += 2
    return Amount(i, end, value, low, high, True)


def _fraction_amount(doc: Any, i: int, limit: int, lex: Lexicon) -> Amount | None:
    frac = lex.fractions[doc[i].lower_]
    # "half a million": a fraction of a scale is a plain number
    if i + 2 < limit and doc[i + 1].lower_ in ("a", "an") and doc[i + 2].lower_ in lex.scales:
        value = frac * lex.scales[doc[i + 2].lower_]
        return Amount(i, i + 3, value, value, value, False)
    # "half are rebels", "half of them": a share of an earlier total, resolved by the caller
    nxt = doc[i + 1].lower_ if i + 1 < limit else ""
    if doc[i].dep_ in ("nsubj", "nsubjpass", "dobj", "pobj") or nxt == "of":
        return Amount(i, i + 1, frac, None, None, False, fraction=True)
    return None


def _plain_amount(doc: Any, i: int, limit: int, lex: Lexicon) -> Amount | None:
    end = _number_run(doc, i + (1 if doc[i].lower_ in ("a", "an") else 0), limit, lex)
    words = [t.lower_ for t in doc[i:end]]
    value = parse_number(words, lex)
    if value is None:
        return None
    low: float | None = value
    high: float | None = value
    approximate = False
    # ranges: "20 to 30", "20-30", "between 20 and 30"
    if end + 1 < limit:
        joiner = doc[end].lower_
        between = i > 0 and doc[i - 1].lower_ == "between"
        if joiner in _RANGE_WORDS or (joiner == "and" and between):
            end2 = _number_run(doc, end + 1, limit, lex)
            second = parse_number([t.lower_ for t in doc[end + 1 : end2]], lex)
            if end2 > end + 1 and second is not None and second > value:
                # "20 to 30 thousand": the scale of the second applies to the first
                if second >= 1000 * value and value < 1000 and doc[end2 - 1].lower_ in lex.scales:
                    value *= lex.scales[doc[end2 - 1].lower_]
                low, high = value, second
                value = (value + second) / 2
                approximate = True
                end = end2
    return Amount(i, end, value, low, high, approximate)


def _with_hedge(amount: Amount, kind: str | None) -> Amount:
    if kind is None or amount.fraction:
        return amount
    v = amount.value
    if kind == "lower":
        low, high = (amount.low if amount.low is not None else v), None
    elif kind == "upper":
        low, high = None, (amount.high if amount.high is not None else v)
    else:
        low, high = amount.low, amount.high
        if low == high == v:
            low = high = None
    return Amount(amount.start, amount.end, v, low, high, True)


# ---------------------------------------------------------------------------------------------
# Is it people?


def _number_head(doc: Any, amount: Amount) -> Any:
    """The token of a multi-token number that the rest of the sentence attaches to."""
    head = doc[amount.end - 1]
    for t in doc[amount.start : amount.end]:
        if not (amount.start <= t.head.i < amount.end) or t.head.i == t.i:
            head = t
    return head


def _counted_noun(doc: Any, amount: Amount) -> Any:
    """The noun the number counts ("20 people" -> people), or the number's own head token."""
    head = _number_head(doc, amount)
    # "a 10,000-strong crowd": the noun that "strong" describes
    if amount.end + 1 < len(doc) and doc[amount.end].text == "-":
        strong = doc[amount.end + 1]
        if strong.lower_ == "strong" and strong.head.pos_ in ("NOUN", "PROPN"):
            return strong.head
    if head.dep_ in ("nummod", "quantmod", "compound", "amod", "det", "npadvmod") and (
        head.head.pos_ in ("NOUN", "PROPN", "PRON", "ADJ") and head.head.i >= amount.end
    ):
        return head.head
    # "dozens of protesters", "thousands of workers": the noun in the "of" phrase
    for child in head.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            for pobj in child.children:
                if pobj.dep_ == "pobj" and pobj.i > head.i:
                    return pobj
    # "3 civilians", when the parser leaves the noun unattached
    if amount.end < len(doc):
        nxt = doc[amount.end]
        if (nxt.tag_ in ("NNS", "NNPS") or nxt.ent_type_ == "NORP") and nxt.i < head.sent.end:
            return nxt
    return head


def _not_people(doc: Any, amount: Amount, noun: Any, lex: Lexicon) -> bool:
    first, last = doc[amount.start], doc[amount.end - 1]
    # the NER tags "hundreds" in "hundreds of people" DATE now and then; trust the noun
    people_noun = noun.i >= amount.end and _lemma(noun) in lex.people
    if not people_noun and any(
        t.ent_type_ in _NOT_COUNT_ENTS for t in doc[amount.start : amount.end]
    ):
        return True
    if amount.start > 0:
        prev = doc[amount.start - 1]
        if prev.lower_ in lex.currency or prev.text in lex.currency:
            return True
        # "a 38-year-old", "No. 5", scores "3-0" are written around the number
        if prev.lower_ in (
            "no",
            "no.",
            "number",
            "#",
            "article",
            "resolution",
            "page",
            "route",
            "flight",
            "chapter",
            "section",
            "level",
            "grade",
            "class",
        ):
            return True
    if amount.end < len(doc):
        nxt = doc[amount.end]
        if nxt.lower_ in lex.units:
            return True
        if nxt.text == "-" and amount.end + 1 < len(doc):
            after = doc[amount.end + 1]
            attached = not doc[amount.end - 1].whitespace_ and not nxt.whitespace_
            # "38-year-old", "3-0", "a 10,000-member force"; but "a 10,000-strong crowd" counts
            if (
                after.lower_ in lex.units
                or after.like_num
                or (attached and after.lower_ != "strong")
            ):
                return True
    if _SCORE.match(first.text) or "-year" in last.lower_ or "year-old" in last.lower_:
        return True
    if first.shape_ == "dddd" and 1800 <= amount.value <= 2100 and not people_noun:
        return True
    return _lemma(noun) in lex.non_people


def _counts_things(doc: Any, amount: Amount, noun: Any, lex: Lexicon) -> bool:
    """'evacuate all 21 settlements', 'two aid groups': the number counts a noun that is neither
    people nor a category word ('deaths', 'lives', 'dead'), so it is no head count."""
    if amount.start <= noun.i < amount.end or amount.fraction:
        return False
    if _is_person_noun(noun, lex):
        return False
    words = {_lemma(noun), noun.lower_}
    # "half a million displaced Rohingya" (tagged a product): the modifier says who they are
    # ("two aid groups" is not: a compound noun names the thing, not a state of people)
    words.update(_lemma(c) for c in noun.children if c.dep_ == "amod")
    words.update(c.lower_ for c in noun.children if c.dep_ == "amod")
    return not any(words & (c.nouns | c.adjectives) for c in lex.categories)


def _earlier_figure(noun: Any) -> bool:
    """'The death toll has risen to 34 from 21': 21 is the figure the new one replaces."""
    prep = noun.head
    if noun.dep_ != "pobj" or prep.lower_ != "from":
        return False
    return any(c.dep_ == "prep" and c.lower_ in ("to", "at") for c in prep.head.children)


def _lemma(tok: Any) -> str:
    return tok.lemma_.lower()


def _is_person_noun(tok: Any, lex: Lexicon) -> bool:
    if tok.pos_ not in ("NOUN", "PROPN", "PRON", "ADJ", "NUM"):
        return False
    lemma = _lemma(tok)
    if lemma in lex.people or tok.lower_ in lex.people:
        return True
    if tok.ent_type_ == "NORP" or (tok.ent_type_ == "PERSON" and tok.pos_ == "PROPN"):
        return True
    if tok.lower_ in ("them", "us", "whom", "those"):
        return True
    if any(_lemma(c) in lex.people for c in tok.children if c.dep_ == "compound"):
        return True
    # nouns for people the lexicon does not list: "schoolchildren", "paramedics", "loggers"
    return (
        tok.tag_ == "NNS" and lemma not in lex.non_people and tok.lower_.endswith(_PERSON_SUFFIXES)
    )


# ---------------------------------------------------------------------------------------------
# Category and factuality


@dataclass(slots=True)
class _Context:
    """The words the parse attaches a count to, collected once."""

    noun: Any
    anchor: Any  # the token that carries the count's grammatical role (noun, or number)
    verb: Any | None
    role: str  # "object", "subject", "agent", "other"
    verb_words: set[str]  # lemmas of the verb, its complements and prepositional objects
    noun_words: set[str]  # lemmas of the noun and its modifiers
    pair_words: set[str]  # objects of the verb, for phrases ("leave home")
    # the verb's own words, read once for all the categories `_verb_category` tries
    verb_lemma: str = ""
    verb_compound: str = ""  # the lemma with its particle: "break out"
    passive: bool = False
    xcomp_lemmas: tuple[str, ...] = ()  # "try to flee": the verbs of its open complements


def _context(doc: Any, amount: Amount, noun: Any, hedge_start: int | None = None) -> _Context:
    # "dozens of protesters were injured": the number, not the noun in its "of" phrase, holds
    # the role in the clause
    number = _number_head(doc, amount)
    anchor = number if noun.head.head.i == number.i and noun.i > number.i else noun
    # "killed 17 students and two teachers": a conjunct takes the role of the first
    while anchor.dep_ == "conj" and anchor.head.pos_ in ("NOUN", "PROPN", "NUM", "PRON"):
        anchor = anchor.head
    verb = None
    role = "other"
    dep = anchor.dep_
    head = anchor.head
    # "kidnapped up to 16 advisers": the parser reads the hedge as a preposition; the count is
    # still the verb's object
    if hedge_start is not None and dep == "pobj" and hedge_start <= head.i < amount.start:
        while head.dep_ in ("prep", "prt", "advmod", "quantmod") and hedge_start <= head.i:
            head = head.head
        dep = "dobj"
    if dep in _OBJECT_DEPS and head.pos_ in ("VERB", "AUX", "ADJ"):
        verb, role = head, "object"
    elif dep in _SUBJECT_DEPS and head.pos_ in ("VERB", "AUX", "ADJ", "NOUN"):
        verb = head
        role = "subject"
    elif dep == "pobj" and head.dep_ == "agent":
        verb, role = head.head, "agent"
    elif dep == "pobj":
        verb, role = head.head, "pobj"
    elif dep in ("nummod", "amod", "compound") and head.pos_ == "VERB":
        # "18 million Sudanese face hunger" misparsed as a noun phrase "Sudanese face": the
        # count is the subject of the verb after it
        verb, role = head, ("subject" if head.i > anchor.i else "object")
    elif dep in ("appos", "attr", "npadvmod", "ROOT") or head.i == anchor.i:
        verb = head if head.i != anchor.i else anchor
        role = "other"
    else:
        verb = head
    verb_words: set[str] = set()
    pair_words: set[str] = set()
    if verb is not None:
        verb_words.add(_lemma(verb))
        verb_words.add(verb.lower_)
        for child in verb.children:
            if child.dep_ in _PREDICATE_CHILD_DEPS or child.dep_ == "prt":
                verb_words.add(_lemma(child))
                verb_words.add(child.lower_)
                if child.dep_ == "dobj":
                    pair_words.add(_lemma(child))
            if child.dep_ == "prep":
                for pobj in child.children:
                    if pobj.dep_ == "pobj":
                        verb_words.add(_lemma(pobj))
                        pair_words.add(_lemma(pobj))
                        pair_words.add(child.lower_)
                        for mod in pobj.children:
                            if mod.dep_ == "prep":  # "in need of aid"
                                verb_words.update(_lemma(p) for p in mod.children)
                            # "among the 12 people killed": the group the count belongs to
                            if child.lower_ == "among" and mod.dep_ in ("acl", "amod", "relcl"):
                                verb_words.update((_lemma(mod), mod.lower_))
            if child.dep_ == "xcomp":
                # "were forced to leave their homes": the objects of the complement verb
                for grand in child.children:
                    if grand.dep_ == "dobj":
                        pair_words.add(_lemma(grand))
                    if grand.dep_ == "prep":
                        pair_words.update(_lemma(p) for p in grand.children if p.dep_ == "pobj")
        # "the death toll has risen to 20", "the number of refugees has passed 600,000": the
        # subject's words describe a count on "to"/"at" or the object of a verb of reaching
        if role == "pobj" or (role == "object" and _lemma(verb) in _REACH_VERBS):
            for child in verb.children:
                if child.dep_ in ("nsubj", "nsubjpass"):
                    verb_words.update(_lemma(t) for t in child.subtree)
    noun_words = {_lemma(noun), noun.lower_}
    for child in noun.children:
        if child.dep_ in _NOUN_MOD_DEPS or (child.dep_ == "prep" and child.lower_ == "of"):
            noun_words.add(_lemma(child))
            noun_words.add(child.lower_)
            if child.dep_ == "prep":
                noun_words.update(_lemma(p) for p in child.children)
    # "57 dead", "120 injured": the word right after the number
    if amount.end < len(doc) and noun.i < amount.end:
        noun_words.add(doc[amount.end].lower_)
    ctx = _Context(noun, anchor, verb, role, verb_words, noun_words, pair_words)
    if verb is not None:
        children = list(verb.children)
        ctx.verb_lemma = _lemma(verb)
        particle = next((c.lower_ for c in children if c.dep_ == "prt"), "")
        ctx.verb_compound = f"{ctx.verb_lemma} {particle}".strip()
        ctx.passive = any(c.dep_ == "auxpass" for c in children) or anchor.dep_ == "nsubjpass"
        ctx.xcomp_lemmas = tuple(_lemma(c) for c in children if c.dep_ == "xcomp")
    return ctx


def _verb_category(ctx: _Context, cat: Category) -> bool:
    if ctx.verb is None:
        return False
    lemma, compound, passive = ctx.verb_lemma, ctx.verb_compound, ctx.passive
    if (lemma in cat.object_verbs or compound in cat.object_verbs) and (
        ctx.role == "object" or (ctx.role == "subject" and passive)
    ):
        return True
    if ctx.role == "subject" and not passive and lemma in cat.subject_verbs:
        return True
    # "are missing", "remain trapped", "were among the dead"; not for the agent of an active
    # casualty verb ("bombers killed 23"), whose own lemma would match
    if (
        ctx.role != "pobj"
        and ctx.verb_words & cat.adjectives
        and not (ctx.role == "subject" and not passive and lemma in cat.object_verbs)
    ):
        return True
    if any(v in ctx.verb_words and o in ctx.pair_words | ctx.verb_words for v, o in cat.phrases):
        return True
    if (ctx.role == "pobj" or (ctx.role == "object" and lemma in _REACH_VERBS)) and (
        ctx.verb_words & cat.nouns
    ):
        return True
    # a verb of the category governs the clause the count's verb opens: "try to flee"
    return ctx.role == "subject" and any(x in cat.subject_verbs for x in ctx.xcomp_lemmas)


def categorise(
    doc: Any, amount: Amount, noun: Any, lex: Lexicon, hedge_start: int | None = None
) -> tuple[str | None, Any]:
    """The category of a count of people, and the predicate token it hangs on."""
    ctx = _context(doc, amount, noun, hedge_start)
    # "57 dead and 120 injured": a category word right after a bare number decides
    if noun.i < amount.end and amount.end < len(doc):
        after = doc[amount.end].lower_
        for cat in lex.categories:
            if after in cat.adjectives:
                return cat.name, ctx.verb
    for cat in lex.categories:
        if cat.name in _VERB_FIRST and _verb_category(ctx, cat):
            return cat.name, ctx.verb
    for cat in lex.categories:
        if ctx.noun_words & (cat.nouns | cat.adjectives):
            return cat.name, ctx.verb
    for cat in lex.categories:
        if cat.name not in _VERB_FIRST and _verb_category(ctx, cat):
            return cat.name, ctx.verb
    # "went on strike", "are in urgent need of aid", "are registered as refugees": a category
    # noun on the predicate of the count's clause
    if ctx.role == "subject" or ctx.anchor.dep_ == "nsubjpass":
        for cat in lex.categories:
            if ctx.verb_words & cat.nouns:
                return cat.name, ctx.verb
    # agents of a casualty verb ("two bombers killed 23") and other people: counted as other
    if _is_person_noun(noun, lex) and noun.i != doc[amount.end - 1].i:
        return "other", ctx.verb
    # "half are rebels": the people are named by the copula's attribute
    if (
        ctx.role == "subject"
        and ctx.verb is not None
        and any(c.dep_ == "attr" and _is_person_noun(c, lex) for c in ctx.verb.children)
    ):
        return "other", ctx.verb
    return None, ctx.verb


def factuality_of(predicate: Any, lex: Lexicon) -> str:
    """Factuality of a count from the auxiliaries and governing verbs of its predicate."""
    if predicate is None:
        return "asserted"
    # the predicate's own auxiliaries first: "could be displaced ..., the UN warned" is
    # hypothetical; then the verbs it is the complement of ("denied that 17 died"), but not
    # its coordinated clauses, which make their own claims
    tok = predicate
    for _ in range(4):
        words = {_lemma(tok)}
        for c in tok.children:
            if c.dep_ in ("aux", "neg", "advmod", "auxpass", "det"):
                words.add(_lemma(c))
                words.add(c.lower_)
        for kind in ("denied", "threatened", "hypothetical", "intended"):
            if words & lex.factuality.get(kind, frozenset()):
                return kind
        if tok.dep_ not in ("xcomp", "ccomp", "advcl") or tok.head.i == tok.i:
            break
        tok = tok.head
    return "asserted"


# ---------------------------------------------------------------------------------------------
# The annotator


def extract_quantities(doc: Any, article: Article, lex: Lexicon | None = None) -> list[Quantity]:
    """The counts of people in a parsed article, linked to places, events and statements."""
    lex = lex or default_lexicon()
    out: list[Quantity] = []
    totals: list[Quantity] = []  # counts stated in numbers, which a later "half" can divide
    for sent in doc.sents:
        previous_total = totals[-1] if totals else None
        for raw in find_amounts(doc, sent, lex):
            total = None
            kind, hedge_start = _hedge_before(doc, raw.start, sent.start, lex)
            amount = _with_hedge(raw, kind)
            noun = _counted_noun(doc, amount)
            if amount.fraction:
                total = _total_for_fraction(totals, previous_total, sent)
                if total is None:
                    continue
                v = amount.value * total.value
                amount = Amount(amount.start, amount.end, v, None, None, total.approximate)
            if _not_people(doc, amount, noun, lex) or _earlier_figure(noun):
                continue
            category, predicate = categorise(doc, amount, noun, lex, hedge_start)
            if category is None and raw.fraction and total is not None:
                category = total.category  # "half of them": a share of the same people
            in_sentence = [q for q in totals if q.start >= sent.start_char]
            if category == "other" and noun.lower_ in ("them", "those") and in_sentence:
                category = in_sentence[-1].category  # "700 were injured, 40 of them seriously"
            if category is None or _counts_things(doc, amount, noun, lex):
                continue
            start = doc[hedge_start].idx
            last = noun if amount.end <= noun.i <= amount.end + 3 else doc[amount.end - 1]
            end = last.idx + len(last.text)
            quantity = Quantity(
                value=amount.value,
                low=amount.low,
                high=amount.high,
                approximate=amount.approximate,
                category=category,
                factuality=_factuality(predicate, start, end, article, lex),
                place=_place_in(sent, start, article, predicate),
                event=_event_in(sent, predicate, start, article),
                sentence=sent.text.rstrip(),
                start=start,
                end=end,
            )
            if raw.fraction and total is not None and total.place:
                quantity.place = total.place  # "half" lives where the whole does
            out.append(quantity)
            if not raw.fraction:
                totals.append(quantity)
        out.extend(_singular_victims(doc, sent, article, lex, out))
    out.sort(key=lambda q: q.start)
    return out


def _total_for_fraction(out: list[Quantity], previous: Quantity | None, sent: Any) -> Any:
    in_sentence = [q for q in out if q.start >= sent.start_char]
    return in_sentence[-1] if in_sentence else previous


def _factuality(predicate: Any, start: int, end: int, article: Article, lex: Lexicon) -> str:
    fact = factuality_of(predicate, lex)
    if fact == "asserted" and any(s.start <= start and end <= s.end for s in article.statements):
        return "reported"
    return fact


def _place_in(sent: Any, start: int, article: Article, predicate: Any = None) -> str | None:
    """The resolved place of the count's sentence: one in the count's own clause first ("live
    in Idlib", "flee the border of Turkey"), else the nearest, after the count before before."""
    clause = (predicate.left_edge.idx, predicate.right_edge.idx) if predicate is not None else None
    best: tuple[int, int, str] | None = None
    for place in article.places:
        for m_start, m_end in place.mentions:
            if not (sent.start_char <= m_start and m_end <= sent.end_char):
                continue
            outside = int(clause is None or not (clause[0] <= m_start <= clause[1]))
            distance = abs(m_start - start) + (0 if m_start >= start else 1000)
            if best is None or (outside, distance) < best[:2]:
                best = (outside, distance, place.name)
    return best[2] if best else None


def _event_in(sent: Any, predicate: Any, start: int, article: Article) -> int | None:
    anchor = predicate.idx if predicate is not None else start
    best: tuple[int, int] | None = None
    for index, event in enumerate(article.events):
        if event.start < sent.start_char or event.end > sent.end_char:
            continue
        distance = 0 if event.start <= anchor < event.end else abs(event.start - anchor)
        if best is None or distance < best[0]:
            best = (distance, index)
    return best[1] if best else None


_SINGULAR_CATEGORIES = ("killed", "injured", "arrested", "missing")
# The tags and roles of a noun that can name one victim, as the ids spaCy stores: comparing ids
# skips building a string for every token of the sentence.
_SINGULAR_TAG_IDS = frozenset(get_string_id(t) for t in ("NN", "NNP"))
_SINGULAR_DEP_IDS = frozenset(get_string_id(d) for d in ("nsubj", "nsubjpass", "dobj"))


def _singular_victims(
    doc: Any, sent: Any, article: Article, lex: Lexicon, found: list[Quantity]
) -> list[Quantity]:
    """One person killed, injured, arrested or missing, named without a number.

    "A Palestinian prisoner died", "a journalist has been killed", "killed the deputy chief".
    """
    out: list[Quantity] = []
    taken = [(q.start, q.end) for q in found]
    cats = [c for c in lex.categories if c.name in _SINGULAR_CATEGORIES]
    for tok in sent:
        if tok.tag not in _SINGULAR_TAG_IDS or tok.dep not in _SINGULAR_DEP_IDS:
            continue
        if any(c.dep_ in ("nummod",) or c.like_num for c in tok.children):
            continue
        det = [c for c in tok.children if c.dep_ in ("det", "poss")]
        if not det or not _is_person_noun(tok, lex) or tok.lower_ in ("police", "militia"):
            continue
        # "its neighbor" is a country's; "no one", "every soldier" are not one person
        if det[0].lower_ in ("no", "every", "each", "any", "some", "all", "another", "its"):
            continue
        left = min(det[0].i, min((c.i for c in tok.children if c.dep_ == "amod"), default=tok.i))
        start, end = doc[left].idx, tok.idx + len(tok.text)
        if any(s <= start < e or s < end <= e for s, e in taken):
            continue
        amount = Amount(tok.i, tok.i + 1, 1.0, 1.0, 1.0, False)
        ctx = _context(doc, amount, tok)
        category = next((c.name for c in cats if _verb_category(ctx, c)), None)
        if category is None:
            continue
        out.append(
            Quantity(
                value=1.0,
                low=1.0,
                high=1.0,
                approximate=False,
                category=category,
                factuality=_factuality(ctx.verb, start, end, article, lex),
                place=_place_in(sent, start, article, ctx.verb),
                event=_event_in(sent, ctx.verb, start, article),
                sentence=sent.text.rstrip(),
                start=start,
                end=end,
            )
        )
    return out


@annotator("quantities", assigns="quantities", requires=("places", "events", "statements"))
def annotate_quantities(doc: Any, article: Article) -> list[Quantity]:
    return extract_quantities(doc, article)
