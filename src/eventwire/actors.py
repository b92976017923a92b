"""Actors: who appears in an article, coded with country (ISO3), sector and title.

Knowledge is data: `data/actors/*.yaml` (countries with names, demonyms and capitals; role nouns
and titles with their sector; known groups) plus any YAML files in the folders named by the
environment variable `EVENTWIRE_ACTORS_DIR` (os.pathsep-separated), read after the built-in ones so
that a user's entry overrides ours.

Detection works on the spaCy parse of the whole article:
  1. dictionary names (countries, capitals, demonyms, groups) and role nouns ("troops", "regime");
  2. PERSON entities, coded from a title or country in front of the name or in apposition
     ("Russian foreign minister, Sergei Lavrov"); a title found anywhere codes the person
     everywhere, and a bare surname later is the same person;
  3. noun phrases built on a role noun ("the Syrian regime forces" -> SYR MIL);
  4. he/she, "the latter" and "the <title>" resolve to the nearest earlier fitting actor;
     "its troops", "their forces" belong to the subject of the clause that governs them (else the
     nearest coded actor before them in the sentence); "Britain mobilized army reservists": the
     object of a deploying verb is the subject's own; "the junta" is the junta named before;
     a capital used as a metonym is the government (GOV); "former president X" is an elite (ELI);
     a role noun before a generic head gives its sector ("intelligence officials" are SPY);
  5. an actor that names no country takes one from its context (`CountryContext`): a capital,
     country or resolved place in its own phrase ("Kabul police", "rebels in Idlib", "a newspaper
     based in Beirut"), else the one country or place of its sentence, else the article's
     dominant country. Persons do so only with a domestic title (president, mayor, general); UN
     and NGO actors never; "ethnic Albanians" live where the text puts them, "Bosnian Serbs" in
     Bosnia, "Iran-backed militias" are not Iranian, "the Iraqi Red Crescent" is Iraq's branch.
`actor_for_span` turns any character span of an analysed article into an `ActorRef`; events and
statements use it to code their arguments and speakers.
"""

from __future__ import annotations

import functools
import os
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .annotators import annotator
from .model import Actor, ActorRef, Article

DATA_DIR = Path(__file__).parent / "data" / "actors"
ENV_DIR = "EVENTWIRE_ACTORS_DIR"


@dataclass(frozen=True, slots=True)
class Entry:
    """One dictionary name: what it refers to and how it is coded."""

    name: str
    kind: str  # country | organization | group
    country: str | None
    sector: str | None
    form: str  # name | demonym | capital | group


@dataclass(slots=True)
class Lexicon:
    exact: dict[tuple[str, ...], Entry] = field(default_factory=dict)  # acronyms, case kept
    lower: dict[tuple[str, ...], Entry] = field(default_factory=dict)
    roles: dict[tuple[str, ...], str] = field(default_factory=dict)  # lower words -> sector
    titles: set[tuple[str, ...]] = field(default_factory=set)
    domestic_titles: set[str] = field(default_factory=set)  # offices held within one country
    not_actors: set[str] = field(default_factory=set)
    people: dict[str, tuple[str, str | None, str | None, str | None]] = field(default_factory=dict)
    max_len: int = 1
    _starts: dict[str, tuple[int, ...]] | None = None

    def starts(self) -> dict[str, tuple[int, ...]]:
        """First word (lower-cased) -> the lengths of entries starting with it, longest first."""
        if self._starts is None:
            table: dict[str, set[int]] = {}
            for key in (*self.exact, *self.lower, *self.roles):
                table.setdefault(key[0].lower(), set()).add(len(key))
            self._starts = {w: tuple(sorted(ls, reverse=True)) for w, ls in table.items()}
        return self._starts


_TOKEN_RE = re.compile(r"['\u2019]s\b|\w+(?:\.\w+)*\.?|[^\w\s]")


def _words(text: str) -> tuple[str, ...]:
    # Split like spaCy does for names: "al-Nusra Front" -> al - Nusra Front, "People's" ->
    # People 's.
    return tuple(_TOKEN_RE.findall(text))


def _is_acronym(words: tuple[str, ...]) -> bool:
    # "US", "IS", "WHO", "AP", "LeT": case matters, or "us", "is", "who" become actors.
    text = "".join(words)
    return len(words) == 1 and (len(text) <= 4 or text.replace(".", "").isupper())


def _add_name(lex: Lexicon, text: str, entry: Entry) -> None:
    words = _words(text.removeprefix("the ").removeprefix("The "))
    if not words:
        return
    if _is_acronym(words):
        lex.exact[words] = entry
    else:
        lex.lower[tuple(w.lower() for w in words)] = entry
    lex.max_len = max(lex.max_len, len(words))


def _data_files() -> list[Path]:
    files = sorted(DATA_DIR.glob("*.yaml"))
    for folder in filter(None, os.environ.get(ENV_DIR, "").split(os.pathsep)):
        files += sorted(Path(folder).glob("*.y*ml"))
    return files


def build_lexicon(files: list[Path]) -> Lexicon:
    """Merge actor data files, later files overriding earlier ones."""
    lex = Lexicon()
    for path in files:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for c in data.get("countries") or []:
            names = c.get("names") or []
            if not names:
                continue
            canonical, iso3 = names[0], c["iso3"]
            for n in names:
                _add_name(lex, n, Entry(canonical, "country", iso3, None, "name"))
            for n in c.get("demonyms") or []:
                _add_name(lex, n, Entry(canonical, "country", iso3, None, "demonym"))
            for n in c.get("capitals") or []:
                _add_name(lex, n, Entry(canonical, "country", iso3, None, "capital"))
        for g in data.get("groups") or []:
            entry = Entry(g["name"], "organization", g.get("country"), g.get("sector"), "group")
            for n in [g["name"], *(g.get("aliases") or [])]:
                _add_name(lex, n, entry)
        for sector, nouns in (data.get("sectors") or {}).items():
            for noun in nouns or []:
                words = tuple(w.lower() for w in _words(str(noun)))
                lex.roles[words] = sector
                lex.max_len = max(lex.max_len, len(words))
        for p in data.get("people") or []:
            coding = (p["name"], p.get("country"), p.get("sector"), p.get("title"))
            for n in [p["name"], *(p.get("aliases") or [])]:
                lex.people[n.lower()] = coding
            lex.people.setdefault(p["name"].split()[-1].lower(), coding)
        for title in data.get("titles") or []:
            lex.titles.add(tuple(w.lower() for w in _words(str(title))))
        lex.not_actors.update(str(w).lower() for w in data.get("not_actors") or [])
        lex.domestic_titles.update(str(w).lower() for w in data.get("domestic_titles") or [])
    return lex


def lexicon() -> Lexicon:
    """The merged actor lexicon, read once per process and per value of EVENTWIRE_ACTORS_DIR."""
    return _lexicon_for(os.environ.get(ENV_DIR, ""))


@functools.cache
def _lexicon_for(_env: str) -> Lexicon:
    return build_lexicon(_data_files())


_lex = lexicon


# --- mention detection over the parse ---------------------------------------------------------


@dataclass(slots=True)
class _Match:
    start: int  # token indexes, end exclusive
    end: int
    entry: Entry | None = None  # dictionary name
    sector: str | None = None  # role noun


def _dictionary_matches(doc: Any, lex: Lexicon) -> list[_Match]:
    """Longest-first matches of names and role nouns over the token sequence."""
    texts = [t.text for t in doc]
    lows = [w.lower() for w in texts]
    lemmas = [t.lemma_.lower() for t in doc]
    starts = lex.starts()
    out: list[_Match] = []
    i, n = 0, len(texts)
    while i < n:
        found = None
        # Only lengths some entry starting with this word has: most tokens start none.
        lengths = (
            starts.get(lows[i], ())
            if lemmas[i] == lows[i]
            else (
                sorted(set(starts.get(lows[i], ())) | set(starts.get(lemmas[i], ())), reverse=True)
            )
        )
        for length in lengths:
            if i + length > n:
                continue
            raw = tuple(texts[i : i + length])
            low = tuple(lows[i : i + length])
            entry = lex.exact.get(raw) or lex.lower.get(low)
            if entry is not None and not _common_word(entry, raw, doc[i + length - 1]):
                found = _Match(i, i + length, entry=entry)
                break
            sector = lex.roles.get(low) or lex.roles.get(tuple(lemmas[i : i + length]))
            if (
                sector is not None
                and low == ("state",)
                and (_state_of(lows, i) or _territory_named(doc, i))
            ):
                sector = None  # "Borno state", "a state of emergency": not a government
            if sector is not None and doc[i + length - 1].pos_ in ("NOUN", "PROPN"):
                found = _Match(i, i + length, sector=sector)
                break
        if found is None:
            i += 1
            continue
        out.append(found)
        i = found.end
    return out


def _territory_named(doc: Any, i: int) -> bool:
    """ "Borno state", "Rakhine State": a name before the word makes it a territory."""
    before = doc[i - 1] if i > 0 else None
    return (
        before is not None
        and before.pos_ == "PROPN"
        and before.head.i == i
        and before.ent_type_ != "NORP"
    )


def _state_of(lows: Sequence[str], i: int) -> bool:
    """ "a state of emergency", "a state of siege": the word at i is a condition."""
    return lows[i] == "state" and i + 1 < len(lows) and lows[i + 1] == "of"


def _common_word(entry: Entry, raw: tuple[str, ...], last: Any) -> bool:
    """ "granted amnesty to prisoners": an organisation's name written in lower case and used
    as a common noun is the word, not the organisation."""
    return entry.form == "group" and all(w.islower() for w in raw) and last.pos_ == "NOUN"


def _title_in(tokens: list[Any], lex: Lexicon) -> str | None:
    """The longest title phrase among tokens (lower-cased), if any."""
    low = [t.lower_ for t in tokens]
    best: str | None = None
    for i in range(len(low)):
        for j in range(len(low), i, -1):
            if tuple(low[i:j]) in lex.titles:
                cand = " ".join(low[i:j])
                if best is None or len(cand) > len(best):
                    best = cand
                break
    return best


@dataclass(slots=True)
class _Builder:
    name: str
    kind: str
    country: str | None = None
    sector: str | None = None
    title: str | None = None
    mentions: list[tuple[int, int]] = field(default_factory=list)  # token spans
    heads: set[int] = field(default_factory=set)


def _descriptor_tokens(doc: Any, ent: Any, lex: Lexicon) -> list[Any]:
    """Tokens that describe a person: the title/country words before the name, or an apposition."""
    tokens: list[Any] = []
    i = ent.start - 1
    # Walk left over modifiers of the name ("Russian foreign minister Sergei ..."); a comma is
    # crossed only when a title stands before it ("Russian foreign minister, Sergei Lavrov").
    while i >= 0 and ent.start - i <= 7:
        t = doc[i]
        if (
            t.text == ","
            and i > 0
            and _title_in([doc[i - 1]], lex)
            and all(x.lower_ in _HONORIFICS for x in tokens)
        ):  # "Qatar's emir, Sheikh Hamad": an honorific may stand between
            i -= 1
            continue
        if (t.is_punct and t.text not in ("-", "'s")) or t.pos_ in ("VERB", "AUX", "ADP", "CCONJ"):
            break
        if t.pos_ == "PRON" and t.dep_ != "poss":
            break
        if t.ent_type_ == "PERSON":
            break
        tokens.insert(0, t)
        i -= 1
    if _title_in(tokens, lex):
        return tokens  # a title right before the name beats a (often misattached) apposition
    root = ent.root
    if root.dep_ == "appos" and root.head.i < ent.start and root.head.ent_type_ != "PERSON":
        tokens += [t for t in _np_tokens(root.head) if t.i < ent.start]
    for child in root.children:
        if child.dep_ == "appos" and child.ent_type_ != "PERSON":
            tokens += [t for t in child.subtree if t.i >= ent.end][:12]
    return tokens


def _country_of(tokens: list[Any], matches_by_token: dict[int, _Match]) -> str | None:
    for t in tokens:
        m = matches_by_token.get(t.i)
        if m is not None and m.entry is not None and m.entry.country:
            return m.entry.country
    return None


def _member_of(ent: Any, by_token: dict[int, _Match]) -> list[Any]:
    """The object of "of"/"from" right after a person's name, when it is a group or country."""
    for child in ent.root.rights:
        if child.dep_ == "prep" and child.lower_ in ("of", "from") and child.i == ent.end:
            objs = [g for g in child.children if g.dep_ == "pobj"]
            if objs and objs[0].i in by_token and by_token[objs[0].i].entry is not None:
                return list(objs[0].subtree)
    return []


def _group_of(tokens: list[Any], matches_by_token: dict[int, _Match]) -> Entry | None:
    for t in tokens:
        m = matches_by_token.get(t.i)
        if m is not None and m.entry is not None and m.entry.form == "group":
            return m.entry
    return None


def _role_of(tokens: list[Any], matches_by_token: dict[int, _Match]) -> str | None:
    for t in reversed(tokens):
        m = matches_by_token.get(t.i)
        if m is not None and m.sector is not None:
            return m.sector
    return None


_PRONOUNS = {"he", "she"}
# Nouns that name a body of people and take their sector from a modifier ("opposition groups").
GROUP_HEADS = frozenset(
    {
        "group",
        "member",
        "leader",
        "movement",
        "faction",
        "supporter",
        "wing",
        "camp",
        "unit",
        "fighter",
        "commander",
        "official",
        "representative",
        "delegation",
        "figure",
        "spokesman",
        "element",
        "cell",
        "force",
        "officer",
        "chief",
        "agent",
        "personnel",
    }
)
# A role noun before a generic head names whose it is: "intelligence officials" are SPY, "army
# officers" MIL, "union leaders" LAB. Civilians' and refugees' officials are not civilians.
_NO_TRANSFER = frozenset({"CVL", "REF", "GOV"})
_POSS_PRONOUNS = frozenset({"its", "their", "his", "her"})
_HONORIFICS = frozenset(
    {"sheikh", "sheik", "shaikh", "mr", "mr.", "mrs", "mrs.", "ms", "ms.", "dr", "dr.", "sir"}
)
_FORMER = frozenset({"former", "ex", "ex-", "onetime", "erstwhile"})
# Verbs whose object is the subject's own means: "Britain mobilized army reservists".
_OWN_MEANS_VERBS = frozenset(
    {
        "mobilize",
        "mobilise",
        "deploy",
        "send",
        "dispatch",
        "withdraw",
        "station",
        "recall",
        "mass",
        "reinforce",
        "airlift",
        "rush",
        "redeploy",
    }
)
_OWN_MEANS_SECTORS = frozenset({"MIL", "COP", "UAF", "SPY"})
# Sectors for which "the <role noun>" points back to the one named before ("the junta").
_ANAPHORIC_SECTORS = frozenset({"GOV", "MIL", "LEG", "JUD", "SPY", "REB", "OPP", "PTY", "UAF"})
_LOCATIVE_PREPS = {
    "in",
    "at",
    "to",
    "from",
    "into",
    "near",
    "across",
    "through",
    "toward",
    "towards",
    "around",
    "inside",
    "outside",
    "within",
    "throughout",
    "via",
}


# Sectors that belong to no one country: a UN or NGO actor never inherits one from its context.
STATELESS = frozenset({"IGO", "NGO"})
# Sectors of the state: a government, army or police with no country is the one its sentence names.
STATE_SECTORS = frozenset({"GOV", "MIL", "COP", "JUD", "LEG", "SPY"})


class CountryContext:
    """Where the text is, for actors that name no country of their own.

    Country mentions by token: dictionary countries, capitals and demonyms (not "ethnic
    Albanians", who may live anywhere) and the places annotator's resolved places with their
    ISO3 country. `country_for` looks, in order, at the actor's own words ("Kandahar police",
    "rebels in Idlib"), its sentence (the one country it names, or the one place it is in),
    then the article's dominant country (the most mentioned, clearly ahead of the next).
    """

    __slots__ = ("by_token", "dominant", "order")

    def __init__(self, mentions: dict[int, tuple[str, bool, bool]]) -> None:
        # token index -> (iso3, where the clause happens, a resolved place rather than a demonym)
        self.by_token = mentions
        self.order = sorted(mentions)
        counts: dict[str, int] = {}
        for iso3, _, _ in mentions.values():
            counts[iso3] = counts.get(iso3, 0) + 1
        ranked = sorted(counts.items(), key=lambda kv: -kv[1])
        top = ranked[0] if ranked else None
        clear = top is not None and (len(ranked) == 1 or top[1] > ranked[1][1])
        self.dominant = top[0] if clear and top is not None and top[1] >= 2 else None

    @classmethod
    def from_parse(cls, doc: Any, matches: list[_Match], places: list[Any]) -> CountryContext:
        mentions: dict[int, tuple[str, bool, bool]] = {}
        for m in matches:
            e = m.entry
            if e is None or e.kind != "country" or not e.country:
                continue
            if e.form == "demonym" and m.start > 0 and doc[m.start - 1].lower_ == "ethnic":
                continue
            located = e.form != "demonym" and _locative(doc[m.end - 1])
            mentions[m.start] = (e.country, located, located)
        for place in places:
            if not getattr(place, "country", None):
                continue
            demonyms = {tuple(x) for x in place.demonym_mentions}
            for s, e in place.mentions:
                span = doc.char_span(s, e, alignment_mode="expand")
                if span is None or len(span) == 0:
                    continue
                if span[0].i > 0 and doc[span[0].i - 1].lower_ == "ethnic":
                    continue
                literal = (s, e) not in demonyms
                located = literal and _locative(span.root)
                mentions.setdefault(span[0].i, (place.country, located, literal))
        return cls(mentions)

    @classmethod
    def from_article(cls, doc: Any, article: Article) -> CountryContext:
        """The same, from an analysed article: its country actors' mentions and its places."""
        mentions: dict[int, tuple[str, bool, bool]] = {}
        for place in article.places:
            if not place.country:
                continue
            demonyms = {tuple(x) for x in place.demonym_mentions}
            for s, e in place.mentions:
                span = doc.char_span(s, e, alignment_mode="expand")
                if span is not None and len(span) and not _after_ethnic(span[0]):
                    literal = (s, e) not in demonyms
                    located = literal and _locative(span.root)
                    mentions[span[0].i] = (place.country, located, literal)
        for actor in article.actors:
            if actor.kind != "country" or not actor.country:
                continue
            for s, e in actor.mentions:
                span = doc.char_span(s, e, alignment_mode="expand")
                if span is not None and len(span) and not _after_ethnic(span[0]):
                    mentions.setdefault(span[0].i, (actor.country, False, False))
        return cls(mentions)

    def in_range(self, lo: int, hi: int) -> list[tuple[int, tuple[str, bool, bool]]]:
        """Country mentions at token indexes [lo, hi), with their token index."""
        import bisect

        k = bisect.bisect_left(self.order, lo)
        out = []
        while k < len(self.order) and self.order[k] < hi:
            out.append((self.order[k], self.by_token[self.order[k]]))
            k += 1
        return out

    def country_for(
        self,
        near: list[Any],
        head: Any,
        sector: str | None = None,
        exclude: frozenset[int] = frozenset(),
        only_near: bool = False,
    ) -> str | None:
        for t in sorted(near, key=lambda t: t.i):
            hit = self.by_token.get(t.i)
            if hit is not None and t.i not in exclude:
                return hit[0]
        if only_near:
            return None
        sent = head.sent
        found = [
            m
            for i, m in self.in_range(sent.start, sent.end)
            if i not in exclude and not _addressed(head.doc[i])
        ]
        located = {c for c, loc, _ in found if loc}
        if len(located) == 1:  # "... in Idlib": where it happens
            return next(iter(located))
        countries = {c for c, _, _ in found}
        if len(countries) == 1:
            only = next(iter(countries))
            # A state body belongs to the one state its sentence names; people only live there
            # when it is where the article is ("flee towards the border of Turkey").
            if sector in STATE_SECTORS or self.dominant in (None, only):
                return only
            return self.dominant
        if countries:  # several: the article's own country if it is among them
            return self.dominant if self.dominant in countries else None
        return self.dominant


def _addressed(token: Any) -> bool:
    """A country named as the one acted on ("called on Russia", "accused Russia", "rallied
    against France"): not the nationality of others in the sentence."""
    while token.dep_ == "compound" and token.head.i != token.i:
        token = token.head
    return token.dep_ in ("dobj", "dative") or (
        token.dep_ == "pobj" and token.head.lower_ in _ADDRESSED_PREPS
    )


_ADDRESSED_PREPS = frozenset({"on", "against", "upon"})


# Prepositions that put someone in a place ("police in Kabul"), not on the way to it ("fled
# towards Turkey": refugees heading for Turkey are not Turkish).
_IN_PLACE_PREPS = frozenset(
    {"in", "at", "near", "inside", "within", "throughout", "across", "around", "outside"}
)


def _locative(token: Any) -> bool:
    """A place where something is ("in Idlib", "in Kandahar province", "Kabul police"), not a
    country acting ("Turkey formed a coalition") or a destination ("towards Turkey")."""
    if token.dep_ == "compound" and token.head.i != token.i:
        if token.head.pos_ == "NOUN" and (token.head.lower_,) in _lex().roles:
            return True  # "Kabul police"
        token = token.head
    prep = token.head
    if token.dep_ != "pobj" or prep.lower_ not in _IN_PLACE_PREPS:
        return False
    # Not the post of someone who has a country of their own: "the US commander in Iraq".
    return not any(
        c.dep_ in ("compound", "amod", "poss", "nmod") and c.ent_type_ in ("GPE", "NORP")
        for c in prep.head.children
    )


def _after_ethnic(token: Any) -> bool:
    return token.i > 0 and token.doc[token.i - 1].lower_ == "ethnic"


def _person_countries(doc: Any, persons: dict[str, _Builder], ctx: CountryContext) -> None:
    """A president, minister, mayor or general with no country of their own holds an office of
    the country their context names ("President Bouteflika ... in Algiers")."""
    domestic = _lex().domestic_titles
    for b in persons.values():
        if b.country is not None or not b.title or b.sector in STATELESS:
            continue
        # "Oleh Syniehubov, the head of the Kharkiv regional administration": a place in the
        # person's own description
        own = next((ctx.by_token[i] for i in sorted(b.heads) if i in ctx.by_token), None)
        if own is not None and own[2]:
            b.country = own[0]
            continue
        if (
            b.title not in domestic
            and not (set(b.title.split()) & domestic)
            and b.sector not in STATE_SECTORS
        ):
            continue  # a journalist, a rebel leader: their context is not their country
        s, e = min(b.mentions)
        b.country = ctx.country_for(list(doc[s:e]), doc[e - 1], b.sector or "GOV")


def detect(doc: Any, article: Article | None = None) -> list[Actor]:
    """All actors of a parsed article, each with its character-offset mentions.

    With `article` (its places already resolved), an actor that names no country of its own
    ("police", "the government", "President X") takes one from its context: see `CountryContext`.
    """
    lex = _lex()
    matches = _dictionary_matches(doc, lex)
    by_token: dict[int, _Match] = {}
    for m in matches:
        for i in range(m.start, m.end):
            by_token[i] = m
    ctx = CountryContext.from_parse(doc, matches, article.places if article is not None else [])
    builders: dict[str, _Builder] = {}
    covered: set[int] = set()
    # A name the places stage resolved is a place the model mistook for a person ("Mingora").
    place_spans = [
        (start, end)
        for place in (article.places if article is not None else [])
        if place.lat is not None
        for start, end in place.mentions
    ]
    persons = _persons(doc, lex, by_token, builders, covered, place_spans)
    foreign = _foreign_places(doc, by_token, article.places if article is not None else [])
    for i, iso3 in foreign.items():
        if i in ctx.by_token:  # where the text is: the town, not the country
            ctx.by_token[i] = (iso3, ctx.by_token[i][1], True)
    _dictionary_actors(doc, lex, matches, by_token, builders, covered, persons, ctx, foreign)
    _resolve_references(doc, lex, builders, persons, covered)
    _person_countries(doc, persons, ctx)
    actors = []
    for b in builders.values():
        spans = sorted(set(b.mentions))
        mentions = [[doc[s].idx, doc[e - 1].idx + len(doc[e - 1].text)] for s, e in spans]
        actors.append(Actor(b.name, b.kind, b.country, b.sector, b.title, mentions))  # type: ignore[arg-type]
    actors.sort(key=lambda a: a.mentions[0][0] if a.mentions else 0)
    return actors


def _foreign_places(doc: Any, by_token: dict[int, _Match], places: list[Any]) -> dict[int, str]:
    """Country names the places stage resolved to a town of another country ("Bahrain", a
    village in Swat): token index -> the town's country."""
    out: dict[int, str] = {}
    for place in places:
        feature = getattr(place, "feature", None) or ""
        if not place.country or feature.startswith("A.PCL") or not feature:
            continue
        for s, e in place.mentions:
            span = doc.char_span(s, e, alignment_mode="expand")
            if span is None or not len(span):
                continue
            m = by_token.get(span[0].i)
            if (
                m is not None
                and m.entry is not None
                and m.entry.kind == "country"
                and m.entry.form == "name"
                and m.entry.country != place.country
            ):
                out[m.start] = place.country
    return out


def _not_a_name(doc: Any, ent: Any, by_token: dict[int, _Match], lex: Lexicon) -> bool:
    """ "Riot police", "Flash floods": a capitalised common word the model took for a person."""
    matched = [by_token.get(i) for i in range(ent.start, ent.end)]
    if all(m is not None and m.sector is not None for m in matched):
        return True  # the words of a role noun ("Riot police")
    words = [t for t in ent if not t.is_space]  # a paragraph break may lead the entity
    if len(words) != 1:
        return False
    tok = words[0]
    if any(not t.is_space for t in doc[ent.sent.start : tok.i]) or tok.lower_ in lex.people:
        return False
    if any(t.text == tok.text and t.i != tok.i for t in doc):
        return False  # written the same way elsewhere in the article: a name after all
    # A sentence's first word tagged as a plural common noun ("Missiles struck ..."): names are
    # proper nouns. Or one modifying a common noun that is no role ("Flash floods").
    return tok.tag_ == "NNS" or (
        tok.dep_ in ("compound", "amod")
        and tok.head.pos_ == "NOUN"
        and tok.head.i > tok.i
        and tok.head.i not in by_token
    )


def _persons(
    doc: Any,
    lex: Lexicon,
    by_token: dict[int, _Match],
    builders: dict[str, _Builder],
    covered: set[int],
    place_spans: list[tuple[int, int]],
) -> dict[str, _Builder]:
    """PERSON entities, merged by surname, coded from titles anywhere in the article."""
    persons: dict[str, _Builder] = {}  # surname -> builder
    ents = [e for e in doc.ents if e.label_ == "PERSON"]
    surnames = {e[-1].text for e in ents if len(e) > 1}
    # The small model tags a lone surname as ORG/GPE or nothing; a known surname is the person.
    candidates = [i for i, w in enumerate(t.text for t in doc) if w in surnames] if surnames else []
    extra = [
        doc[i : i + 1]
        for i in candidates
        if doc[i].ent_type_ != "PERSON" and doc[i].pos_ == "PROPN"
    ]
    for ent in sorted(ents + extra, key=lambda e: (-len(e), e.start)):
        if any(i in covered for i in range(ent.start, ent.end)):
            continue
        if any(s <= ent.start_char and ent.end_char <= e for s, e in place_spans):
            continue
        matched = [by_token.get(i) for i in range(ent.start, ent.end)]
        if any(m is not None and m.entry is not None and m.entry.form == "group" for m in matched):
            continue
        if all(m is not None and m.entry is not None for m in matched):
            continue  # the model tagged a country as a person ("Benin was still refusing")
        if _not_a_name(doc, ent, by_token, lex):
            continue
        words = [t for t in ent if not t.is_punct or t.text == "-"]
        if not words:
            continue
        surname = ent[-1].text
        key = f"person:{surname}"
        b = persons.get(surname)
        if b is None:
            b = _Builder(ent.text, "person")
            persons[surname] = b
            builders[key] = b
        elif len(ent.text) > len(b.name):
            b.name = ent.text
        desc = _descriptor_tokens(doc, ent, lex)
        # "Abu Obeida of Hamas", "Ahmed Hassan from Somalia": membership codes, the group stays
        coding = desc + _member_of(ent, by_token)
        title = _title_in(desc, lex)
        country = _country_of(coding, by_token)
        if country is None and ent.root.dep_ == "appos" and ent.root.head.i < ent.start:
            # "The US commander in Iraq, General David Petraeus": the noun it stands beside
            country = _country_of(_np_tokens(ent.root.head), by_token)
        sector = _role_of(desc, by_token) if title or desc else None
        group = _group_of(coding, by_token)
        if group is not None:  # "U.N. Secretary-General Kofi Annan", "Hamas leader X"
            country = country or group.country
            if group.sector in STATELESS or sector is None:
                sector = group.sector
        if title and any(t.lower_ in _FORMER for t in desc):
            sector = "ELI"  # "former president Carlos Menem": an elite, no longer the state
        if title and (b.title is None or len(title) > len(b.title)):
            b.title = title
        if country and b.country is None:
            b.country = country
        if sector and b.sector is None:
            b.sector = sector
        start = min([ent.start] + [t.i for t in desc if t.i < ent.start])
        b.mentions.append((start, ent.end))
        b.heads.add(ent.root.i)
        covered.update(range(start, ent.end))
        for t in desc:
            if t.i > ent.end:  # appositive after the name belongs to the same mention
                covered.add(t.i)
        for t in desc:
            if t.i < ent.start or t.i >= ent.end:
                b.heads.add(t.i)
    for b in persons.values():
        # A known person keeps what the text says and gets the rest from the people list.
        known = lex.people.get(b.name.lower()) or lex.people.get(b.name.split()[-1].lower())
        if known is not None:
            b.country = b.country or known[1]
            b.sector = b.sector or known[2]
            b.title = b.title or known[3]
    ordered = sorted(persons.values(), key=lambda b: min(s for s, _ in b.mentions))
    previous: _Builder | None = None
    for b in ordered:
        # "Lavrov and his Syrian counterpart al-Muallem": a counterpart holds the same office.
        if b.title == "counterpart" and previous is not None and previous.title:
            b.title = previous.title
            b.sector = previous.sector or b.sector
        if b.title and b.sector is None:
            b.sector = "GOV"
        if b.title:
            previous = b
    return persons


def _np_tokens(head: Any) -> list[Any]:
    """The head noun and its left modifiers (compound, amod, poss, nmod): a compact noun phrase."""
    out = [head]
    skip = dateline(head.doc)
    for child in head.lefts:
        if child.dep_ in ("compound", "amod", "nmod", "poss", "npadvmod"):
            out += [t for t in child.subtree if t.i not in skip]
    return sorted(out, key=lambda t: t.i)


_DASHES = frozenset({"-", "--", "\u2013", "\u2014"})
_PARAGRAPH_CAPS = re.compile(r"(?:^|\n)[ \t\r\n]*(?=[A-Z]{3})")


def dateline(doc: Any) -> frozenset[int]:
    """Tokens of the datelines that open paragraphs ("BRUSSELS, Feb 23 (Reuters) -"): where the
    story was filed, never an actor nor part of one's name."""
    cached = doc.user_data.get("eventwire_dateline")
    if cached is not None:
        return cached
    found: set[int] = set()
    # only the words in capitals that open a paragraph can start one: found in the text, so that
    # no other token is looked at
    for m in _PARAGRAPH_CAPS.finditer(doc.text):
        span = doc.char_span(m.end(), m.end() + 1, alignment_mode="expand")
        if span is None:
            continue
        tok = span[0]
        i = tok.i
        starts = i == 0 or "\n" in doc[i - 1].text
        if not starts or not (tok.is_upper and tok.is_alpha and len(tok) > 2):
            continue
        # a dash standing alone ("BRUSSELS, Feb 23 (Reuters) - "), not a hyphen ("NATO-led")
        dash = next(
            (
                t.i
                for t in doc[i + 1 : i + 12]
                if t.text in _DASHES and t.whitespace_ and doc[t.i - 1].whitespace_
            ),
            None,
        )
        if dash is not None:
            found.update(range(i, dash + 1))
    cached = doc.user_data["eventwire_dateline"] = frozenset(found)
    return cached


def _person_with(persons: dict[str, _Builder], country: str, title_word: str) -> _Builder | None:
    found = [
        b
        for b in persons.values()
        if b.country == country and b.title and title_word in b.title.split()
    ]
    return found[0] if len(found) == 1 else None


def _dictionary_actors(
    doc: Any,
    lex: Lexicon,
    matches: list[_Match],
    by_token: dict[int, _Match],
    builders: dict[str, _Builder],
    covered: set[int],
    persons: dict[str, _Builder],
    ctx: CountryContext | None = None,
    foreign_places: dict[int, str] | None = None,
) -> None:
    foreign_places = foreign_places or {}
    named_before: dict[tuple[str, str | None], _Builder] = {}  # (lemma, sector) -> last coded
    for m in matches:
        if any(i in covered for i in range(m.start, m.end)):
            continue
        head = doc[m.end - 1]
        if m.entry is not None:
            e = m.entry
            if e.form == "capital" and not _metonym_position(head):
                continue
            if e.form == "demonym" or (e.kind == "country" and head.dep_ in ("amod", "compound")):
                # "Syrian troops": the country modifies a role noun, coded with it below.
                governor = head.head if head.dep_ in ("amod", "compound", "nmod") else None
                if governor is not None and governor.i != head.i:
                    gm = by_token.get(governor.i)
                    if gm is not None and gm.sector is not None:
                        continue
                    if gm is not None and gm.entry is not None and gm.entry.form == "group":
                        continue
                    if governor.lemma_.lower() in lex.not_actors or governor.pos_ in ("NOUN",):
                        continue
                if e.form == "demonym" and head.tag_ in ("NNS", "NNPS"):
                    # "Bosnian Serbs", "Iraqi Kurds": the first demonym says where they live;
                    # "ethnic Albanians" live where the context says.
                    country, start = e.country, m.start
                    prev = by_token.get(m.start - 1)
                    if prev is not None and prev.entry is not None and prev.entry.country:
                        country, start = prev.entry.country, prev.start
                    elif m.start > 0 and doc[m.start - 1].lower_ == "ethnic" and ctx is not None:
                        country = ctx.country_for([], head)
                    _add(
                        builders,
                        f"cvl:{country}:{e.country}",
                        f"{head.text}",
                        "group",
                        country,
                        "CVL",
                        (start, m.end),
                        head.i,
                    )
                    continue
                if e.form == "demonym" and head.dep_ not in (
                    "nsubj",
                    "nsubjpass",
                    "pobj",
                    "dobj",
                    "conj",
                    "appos",
                    "ROOT",
                ):
                    continue
            prev = by_token.get(m.start - 1)
            if (
                e.form == "group"
                and e.country is None
                and e.sector not in ("IGO",)
                and prev is not None
                and prev.entry is not None
                and prev.entry.kind == "country"
                and prev.entry.country
            ):
                # "the Iraqi Red Crescent", "Iraqi al-Qaeda": a national branch of the group
                country = prev.entry.country
                name = doc[prev.start : m.end].text
                key = f"{e.kind}:{e.name}:{country}"
                _add(builders, key, name, e.kind, country, e.sector, (prev.start, m.end), head.i)
                covered.update(range(prev.start, m.end))
                continue
            if (
                e.kind == "country"
                and e.form == "name"
                and foreign_places.get(m.start, e.country) != e.country
            ):
                continue  # a town named like a country ("Bahrain" in Swat), resolved elsewhere
            key, sector = f"{e.kind}:{e.name}", e.sector
            if e.form == "capital":  # "Moscow said": the capital stands for the government
                key, sector = f"{key}:GOV", "GOV"
            _add(builders, key, e.name, e.kind, e.country, sector, (m.start, m.end), head.i)
            continue
        # A role noun: the noun phrase around it is the actor ("the Syrian regime forces").
        if head.lemma_.lower() in lex.not_actors:
            continue
        gov_match = by_token.get(head.head.i)
        if (
            head.dep_ in ("compound", "amod", "nmod")
            and head.head.i > head.i
            and head.head.lemma_.lower() in GROUP_HEADS
            and (
                gov_match is None
                or (
                    gov_match.sector is not None
                    and gov_match.start == head.head.i
                    and m.sector not in _NO_TRANSFER
                )
            )
        ):
            head = head.head  # "opposition groups", "rebel leaders": the group takes the sector
        elif head.dep_ == "npadvmod" or (
            head.dep_ in ("compound", "amod", "nmod")
            and head.head.pos_ == "NOUN"
            and head.head.i not in by_token
        ):
            continue  # "rebel-held", "rebel control": a modifier, not an actor
        phrase = _np_tokens(head)
        # "Turkey-backed Syrian fighters": the backer is not their country ("Saudi-led" is)
        backer = {
            t.i
            for c in head.children
            # "Turkey-backed fighters", "the rebels, backed by Rwanda,"
            if c.dep_ in ("amod", "acl") and c.lemma_.lower() in _BACKING
            for t in c.subtree
        }
        # "pro-Russia rebels", "anti-American militants": the country they are for or against
        backer |= {t.i for t in phrase if _after_pro_or_anti(t)}
        country = _country_of([t for t in phrase if t.i not in backer], by_token)
        # "envoys from the African Union (in Nairobi)", "officials of the UN": they serve the body
        body = None if country is not None else _stateless_group(_of_phrase(head), by_token)
        if country is None and body is None:
            country = _country_of(_of_phrase(head), by_token)
        group = next(
            (
                by_token[t.i].entry
                for t in phrase
                if t.i in by_token
                and by_token[t.i].entry is not None
                and by_token[t.i].entry.form == "group"
            ),
            None,
        )  # type: ignore[union-attr]
        sector = m.sector
        if group is None and country is None:
            group = body
        if group is not None:
            country = country or group.country
            if head.lemma_.lower() in GROUP_HEADS:  # "Red Cross officials" speak for the group
                sector = group.sector or sector
            elif group.sector in STATELESS and country is None:
                sector = group.sector  # "UN troops", "EU foreign ministers": no country to code
        owner = None
        if country is None and group is None:
            pron = next(
                (c for c in head.children if c.dep_ == "poss" and c.lower_ in _POSS_PRONOUNS), None
            )
            owner = _antecedent(doc, pron, builders) if pron is not None else None
            if (
                owner is None
                and sector in _OWN_MEANS_SECTORS
                and head.dep_ == "dobj"
                and head.head.lemma_.lower() in _OWN_MEANS_VERBS
            ):
                owner = _subject_actor(head.head, builders)
            if owner is not None:  # "the Kremlin denied that its troops ...": the Kremlin's
                country = owner.country
                if owner.sector in STATELESS and country is None:
                    sector = owner.sector
        if (
            country is None
            and group is None
            and owner is None
            and ctx is not None
            and sector not in STATELESS
        ):
            # "Kandahar police", "rebels in Idlib", then the sentence, then the article
            near = phrase + _of_phrase(head) + _based_in(head)
            country = ctx.country_for(near, head, sector, frozenset(backer), only_near=True)
            if (
                country is None
                and sector in _ANAPHORIC_SECTORS
                and any(c.dep_ == "det" and c.lower_ == "the" for c in head.children)
            ):
                earlier = named_before.get((head.lemma_.lower(), sector))
                country = earlier.country if earlier is not None else None  # "the junta"
            if country is None:
                country = ctx.country_for(near, head, sector, frozenset(backer))
        if (head.lower_,) in lex.titles and country:
            person = _person_with(persons, country, head.lower_)
            if person is not None:  # "the Syrian minister" after "Syrian counterpart al-Muallem"
                start = min(t.i for t in phrase)
                person.mentions.append((start, head.i + 1))
                covered.update(range(start, head.i + 1))
                continue
        # Keep the words that code the actor, not "last remaining" or "most important".
        words = [
            t
            for t in phrase
            if (t.i in by_token or t.dep_ == "compound" or t.pos_ == "PROPN") and t.i not in backer
        ]
        name = re.sub(r" - ", "-", " ".join(t.text for t in words)) or head.text
        key = f"role:{country}:{sector}:{head.lemma_.lower()}"
        start = min(t.i for t in phrase)
        _add(builders, key, name, "group", country, sector, (start, head.i + 1), head.i)
        covered.update(range(start, head.i + 1))
        if country is not None:
            named_before[(head.lemma_.lower(), sector)] = builders[key]


def _stateless_group(tokens: list[Any], by_token: dict[int, _Match]) -> Entry | None:
    for t in tokens:
        m = by_token.get(t.i)
        if m is not None and m.entry is not None and m.entry.form == "group":
            return m.entry if m.entry.sector in STATELESS and not m.entry.country else None
    return None


def _antecedent(doc: Any, pron: Any, builders: dict[str, _Builder]) -> _Builder | None:
    """Whose "its troops", "their forces", "his aides": the subject of a clause that governs the
    pronoun ("the Kremlin denied that its troops ..."), else the nearest actor before it in the
    sentence. "its"/"their" point to a country, group or body, "his"/"her" to a person; only an
    antecedent with a country (or a UN/NGO body) counts."""
    sent = pron.sent
    person = pron.lower_ in ("his", "her")
    owner: dict[int, _Builder] = {}
    for b in builders.values():
        if (b.kind == "person") != person or not (b.country or b.sector in STATELESS):
            continue
        for s, e in b.mentions:
            if sent.start <= s < pron.i:
                for i in range(s, min(e, pron.i)):
                    owner[i] = b
    if not owner:
        return None
    t, hops = pron.head, 0
    while hops < 6:
        for c in t.children:
            if c.dep_ in ("nsubj", "nsubjpass") and c.i < pron.i and c.i in owner:
                return owner[c.i]
        if t.head.i == t.i:
            break
        t, hops = t.head, hops + 1
    return owner[max(owner)]


def _subject_actor(verb: Any, builders: dict[str, _Builder]) -> _Builder | None:
    """The coded actor that is the subject of `verb` ("Britain" in "Britain mobilized ...")."""
    subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subj is None:
        return None
    for b in builders.values():
        if b.country and subj.i in b.heads:
            return b
    return None


def _after_pro_or_anti(token: Any) -> bool:
    doc, i = token.doc, token.i
    if i >= 1 and doc[i - 1].lower_ in ("pro-", "anti-"):
        return True
    return i >= 2 and doc[i - 1].text == "-" and doc[i - 2].lower_ in ("pro", "anti")


_BACKING = frozenset({"back", "backed", "support", "sponsor", "fund", "arm", "train", "finance"})


def _based_in(head: Any) -> list[Any]:
    # "a newspaper based in Beirut", "troops stationed in Mali"
    out: list[Any] = []
    for child in head.rights:
        if child.dep_ == "acl" and child.tag_ == "VBN":
            for p in child.children:
                if p.dep_ == "prep" and p.lower_ in ("in", "at", "near"):
                    out += list(p.subtree)
    return out


def _of_phrase(head: Any) -> list[Any]:
    # "officials of the Syrian government", "security forces in Guinea": the country sits in
    # the prepositional phrase.
    for child in head.rights:
        if child.dep_ == "prep" and child.lower_ in ("of", "in", "from", "throughout", "across"):
            return list(child.subtree)
    return []


def _metonym_position(token: Any) -> bool:
    """A capital acts as its government unless it is where something happens ("in Moscow") or
    where the story was filed (a dateline)."""
    if token.i in dateline(token.doc):
        return False
    if token.dep_ == "pobj" and token.head.lower_ in _LOCATIVE_PREPS:
        return False
    if token.dep_ == "compound" and (token.head.lemma_.lower(),) in _lex().roles:
        return (
            False  # "a Moscow court", "Kyiv authorities": where the body sits, not a second actor
        )
    return token.dep_ in ("nsubj", "nsubjpass", "poss", "pobj", "dobj", "conj", "compound")


def _add(
    builders: dict[str, _Builder],
    key: str,
    name: str,
    kind: str,
    country: str | None,
    sector: str | None,
    span: tuple[int, int],
    head: int,
) -> None:
    b = builders.get(key)
    if b is None:
        b = builders[key] = _Builder(name, kind, country, sector)
    b.mentions.append(span)
    b.heads.add(head)


def _resolve_references(
    doc: Any,
    lex: Lexicon,
    builders: dict[str, _Builder],
    persons: dict[str, _Builder],
    covered: set[int],
) -> None:
    """he/she -> the last person named; "the latter" -> the last actor; "the minister" -> the
    last person with that title. Only subjects and objects, where the parse is reliable."""
    events: list[tuple[int, _Builder]] = []
    for b in builders.values():
        for s, _e in b.mentions:
            events.append((s, b))
    events.sort(key=lambda x: x[0])
    starts = [s for s, _ in events]

    def last_before(i: int, pred: Any) -> _Builder | None:
        import bisect

        k = bisect.bisect_left(starts, i) - 1
        while k >= 0:
            if pred(events[k][1]):
                return events[k][1]
            k -= 1
        return None

    for t in doc:
        if t.i in covered or t.dep_ not in ("nsubj", "nsubjpass", "dobj", "pobj"):
            continue
        low = t.lower_
        target = None
        if low in _PRONOUNS:
            target = last_before(t.i, lambda b: b.kind == "person")
        elif low == "latter":
            target = last_before(t.i, lambda b: True)
        elif (
            t.pos_ == "NOUN" and any(c.lower_ == "the" for c in t.lefts) and len(list(t.lefts)) == 1
        ):
            title = t.lower_
            if (title,) in lex.titles:
                target = last_before(
                    t.i,
                    lambda b, title=title: (
                        b.kind == "person" and bool(b.title) and title in (b.title or "")
                    ),
                )
        if target is not None:
            start = min([t.i] + [c.i for c in t.lefts])
            target.mentions.append((start, t.i + 1))
            covered.update(range(start, t.i + 1))


@annotator("actors", assigns="actors", requires=("places",))
def annotate_actors(doc: Any, article: Article) -> list[Actor]:
    """Detect and code the actors of one article (see the module docstring)."""
    return detect(doc, article)


# --- coding a span, for events and statements ------------------------------------------------


def actor_for_span(article: Article, start: int, end: int) -> ActorRef | None:
    """The actor named by the characters [start, end) of `article.text`, or None.

    A mention of a detected actor that overlaps the span wins (the one overlapping most); failing
    that, the span's words are coded from the lexicon alone ("Syrian officials" -> SYR GOV).
    """
    best: tuple[int, int, Actor] | None = None
    for actor in article.actors:
        for s, e in actor.mentions:
            overlap = min(e, end) - max(s, start)
            if overlap > 0:
                rank = (overlap, -(e - s))
                if best is None or rank > best[:2]:
                    best = (rank[0], rank[1], actor)
    if best is not None:
        a = best[2]
        return ActorRef(a.name, a.country, a.sector)
    return code_text(article.text[start:end])


def code_text(text: str) -> ActorRef | None:
    """Code a short phrase with the lexicon only, without a parse: a country and a role noun."""
    lex = _lex()
    words = _words(text)
    low = tuple(w.lower() for w in words)
    country = sector = None
    name_entry: Entry | None = None
    for i in range(len(words)):
        for j in range(min(len(words), i + lex.max_len), i, -1):
            entry = lex.exact.get(words[i:j]) or lex.lower.get(low[i:j])
            if entry is not None and entry.form == "group" and words[i:j] == low[i:j]:
                entry = None  # "amnesty" in lower case is the word (see _common_word)
            if entry is not None:
                country = country or entry.country
                name_entry = name_entry or entry
                break
            role = lex.roles.get(low[i:j]) or lex.roles.get(tuple(w.rstrip("s") for w in low[i:j]))
            if role is not None and j == i + 1 and _state_of(low, i):
                role = None
            if role is not None:
                sector = role
                break
    if name_entry is not None and name_entry.form == "group" and sector is None:
        return ActorRef(name_entry.name, name_entry.country, name_entry.sector)
    if country is None and sector is None:
        return None
    if sector is None and name_entry is not None and name_entry.form != "demonym":
        return ActorRef(name_entry.name, country, None)
    return ActorRef(text.strip(), country, sector)
