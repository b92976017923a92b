"""Who said what: direct quotes and reported speech, with the speaker resolved to an actor.

Three kinds of statement, each with the character span of the reported content only (what was
said, not "Lavrov stated that"), because the events stage links an event to the statement whose
span contains it:
  1. direct quotes: the text between quote marks (straight or typographic, one sentence or
     several), attributed to the speech verb next to the quote ("...," he said / said Lavrov /
     Lavrov said: "...");
  2. reported speech: the clause a speech verb governs ("Lavrov stated that both countries ...");
  3. "according to X": the clause that the phrase qualifies.
A speaker is the subject of the speech verb. Names resolve to the article's actors; "he"/"she"
to the previous speaker or person; "the minister", "Syrian minister" to the earlier person whose
description shares those words ("his Syrian counterpart Walid al-Muallem").
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from typing import Any

from spacy.attrs import POS
from spacy.symbols import VERB

from .annotators import annotator
from .events.comments import clause_comment_verbs, comment_code, stances
from .model import ActorRef, Article, Statement

try:  # the actors stage exposes its resolver; until it does, match names here
    from .actors import actor_for_span as _actor_for_span
except ImportError:  # pragma: no cover - depends on the actors module's progress
    _actor_for_span = None

SPEECH_VERBS = frozenset(
    {
        "say",
        "state",
        "tell",
        "add",
        "claim",
        "announce",
        "warn",
        "insist",
        "argue",
        "deny",
        "report",
        "confirm",
        "stress",
        "note",
        "explain",
        "allege",
        "assert",
        "declare",
        "maintain",
        "predict",
        "promise",
        "suggest",
        "emphasise",
        "emphasize",
        "reiterate",
        "acknowledge",
        "admit",
        "complain",
        "charge",
        "accuse",
        "write",
        "tweet",
        "reply",
        "respond",
        "recall",
        "estimate",
        "caution",
        "concede",
        "contend",
        "observe",
        "remark",
        "vow",
        "pledge",
        "threaten",
        "assure",
        "disclose",
        "reveal",
        "testify",
        "point",
        "indicate",
        "conclude",
        "continue",
        "comment",
        "believe",
        "think",
        "ask",
        "demand",
    }
)
# Head nouns of a description that refers back to a named person ("the minister said"); a
# "government" or "ministry" is an organisation, not the last person with that word nearby.
PERSON_TITLES = frozenset(
    {
        "minister",
        "president",
        "premier",
        "chancellor",
        "king",
        "queen",
        "prince",
        "emir",
        "sheikh",
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "secretary",
        "general",
        "commander",
        "chief",
        "head",
        "leader",
        "envoy",
        "ambassador",
        "governor",
        "mayor",
        "counterpart",
        "diplomat",
        "senator",
        "lawmaker",
        "prosecutor",
        "judge",
        "director",
        "chairman",
        "chairwoman",
        "chair",
        "colonel",
        "officer",
        "official",
        "candidate",
        "negotiator",
        "mediator",
        "representative",
        "delegate",
        "monarch",
        "pope",
        "cleric",
        "ayatollah",
        "man",
        "woman",
        "activist",
        "lawyer",
        "witness",
        "resident",
        "doctor",
        "father",
        "mother",
        "politician",
        "opponent",
        "rival",
        "incumbent",
        "founder",
        "ceo",
    }
)
# Verbs that take a "that" clause but whose subject is not a speaker ("it was estimated").
_IMPERSONAL = frozenset({"it", "there", "this", "which", "that", "what", "who"})
_PRONOUNS = frozenset({"he", "she", "they", "him", "her", "them"})
_QUOTE_PAIRS = (("“", "”"), ("«", "»"), ("„", "“"))
_STRAIGHT = '"'
# Compiled once: the text between a pair of typographic marks, within a paragraph
_PAIRED_QUOTE_RES = tuple(
    re.compile(re.escape(opening) + r"([^" + closing + r"\n]+)" + re.escape(closing))
    for opening, closing in _QUOTE_PAIRS
)
_STRAIGHT_RE = re.compile(re.escape(_STRAIGHT))
_PARAGRAPH_RE = re.compile(r"[^\n]+")
_MIN_QUOTE_WORDS = 4  # shorter quoted strings are names or scare quotes, not statements
_NEAR_CHARS = 60  # how far from a quote mark its speech verb may sit
_PUNCT_EDGES = " \t\n,.;:\"'“”‘’«»„"
_SPACE_PUNCT = " \t\n,.;:"
_QUOTE_MARKS = '"“”«»„'


@dataclass(frozen=True, slots=True)
class Quote:
    start: int  # first character inside the marks
    end: int  # first character after the content, before the closing mark


@dataclass(slots=True)
class _Person:
    """A named person in the text, with the words that describe them nearby."""

    start: int
    end: int
    name: str
    words: frozenset[str]
    nations: frozenset[str]  # the nationality words among `words` ("syrian")


def find_quotes(text: str) -> list[Quote]:
    """Quoted passages of at least a few words, straight or typographic, across sentences."""
    quotes: list[Quote] = []
    for pattern in _PAIRED_QUOTE_RES:
        for m in pattern.finditer(text):
            quotes.append(Quote(m.start(1), m.end(1)))
    for paragraph in _PARAGRAPH_RE.finditer(text):
        marks = [m.start() for m in _STRAIGHT_RE.finditer(text, *paragraph.span())]
        for a, b in zip(marks[::2], marks[1::2], strict=False):
            quotes.append(Quote(a + 1, b))
    quotes = [_trim(q, text) for q in quotes]
    return sorted(
        (q for q in quotes if len(text[q.start : q.end].split()) >= _MIN_QUOTE_WORDS),
        key=lambda q: q.start,
    )


def _trim(q: Quote, text: str) -> Quote:
    start, end = q.start, q.end
    while start < end and text[start] in _PUNCT_EDGES:
        start += 1
    while end > start and text[end - 1] in " \t\n,;:":
        end -= 1
    return Quote(start, end)


def extract_statements(doc: Any, article: Article) -> list[Statement]:
    """The statements of a parsed article, in text order."""
    # the article's text is the parsed text; `doc.text` would join it anew from the tokens
    text = article.text or doc.text
    # `doc.ents` builds its spans anew on every access: once here, for every speaker
    ents = doc.ents
    quotes = find_quotes(text)
    persons = _persons(doc, ents)
    out: list[Statement] = []
    quote_speakers: dict[Quote, list[ActorRef | None]] = {}
    used_verbs: set[int] = set()
    # speech verbs next to quotes attribute them; the others report speech in their clause
    all_verbs = _verbs_of(doc)
    verbs = [t for t in all_verbs if _is_speech_verb(t)]
    for quote in quotes:
        verb = _verb_for_quote(quote, verbs, quotes, text)
        if verb is not None:
            used_verbs.add(verb.i)
    reported: list[tuple[int, int, Any]] = []
    for verb in verbs:
        if verb.i in used_verbs or _inside(verb.idx, quotes):
            continue
        span = _content_span(verb, text)
        if span is not None:
            reported.append((span[0], span[1], verb))
    reported.extend(_according_to(doc, text))
    # "hopes that the talks ...": a verb of comment that reports a clause like a speech verb
    taken = used_verbs | {v.i for _, _, v in reported}
    commenting = clause_comment_verbs()
    for verb in all_verbs:
        if verb.i not in taken and verb.lemma_.lower() in commenting:
            span = _content_span(verb, text)
            if span is not None:
                reported.append((span[0], span[1], verb))
                taken.add(verb.i)
    # "expressed deep concern", "declined to comment": a stance is a statement of its own
    reported += [(s, e, v) for s, e, v in stances(doc) if v.i not in taken]
    # resolve speakers in text order, so that "he" finds the speaker before it
    items: list[tuple[int, str, Any]] = [(q.start, "quote", q) for q in quotes]
    items += [(s, "reported", (s, e, v)) for s, e, v in reported]
    items.sort(key=lambda item: item[0])
    last_speaker: ActorRef | None = None
    previous_quote: Quote | None = None
    for _, kind, item in items:
        if kind == "quote":
            verb = _verb_for_quote(item, verbs, quotes, text)
            if verb is None:
                # a quote inside reported speech ('said that France had "repeatedly violated
                # Mali's sovereignty"') is the reporting speaker's; else a verb it is an object of
                verb = next(
                    (v for s_, e_, v in reported if s_ <= item.start and item.end <= e_), None
                ) or _verb_quoting(item, doc)
            speakers = (
                _speakers(verb, doc, ents, article, persons, last_speaker) if verb else [None]
            )
            if (
                speakers == [None]
                and last_speaker is not None
                and _continues(item, text, previous_quote)
            ):
                speakers = [last_speaker]
            previous_quote = item
            quote_speakers[item] = speakers
            start, end, direct = item.start, item.end, True
        else:
            start, end, verb = item
            speakers = _speakers(verb, doc, ents, article, persons, last_speaker)
            # "it is estimated that ...": hedging, not a statement by anyone
            speakers = [s for s in speakers if s is not None]
            direct = False
        code = comment_code(verb if verb is not None and verb.dep_ != "pobj" else None)
        for speaker in speakers:
            out.append(Statement(speaker, text[start:end], direct, start, end, code))
        if speakers and speakers[-1] is not None:
            last_speaker = speakers[0]
    return out


def _verbs_of(doc: Any) -> list[Any]:
    """The verbs of a parse. The array of parts of speech finds them without a Token object for
    every word."""
    return [doc[i] for i in (doc.to_array(POS) == VERB).nonzero()[0].tolist()]


def _is_speech_verb(tok: Any) -> bool:
    if tok.pos_ != "VERB" or tok.lemma_.lower() not in SPEECH_VERBS:
        return False
    # "point out" is speech, "point" alone is not
    return tok.lemma_.lower() != "point" or any(c.lower_ == "out" for c in tok.children)


def _inside(pos: int, quotes: list[Quote]) -> bool:
    return any(q.start <= pos < q.end for q in quotes)


def _verb_for_quote(quote: Quote, verbs: list[Any], quotes: list[Quote], text: str) -> Any:
    """The speech verb attributing a quote: just after its close, else just before its open."""
    after = [
        v
        for v in verbs
        if quote.end <= v.idx <= quote.end + _NEAR_CHARS
        and not _inside(v.idx, quotes)
        and not _quote_between(quote.end, v.idx, quotes)
        and "\n" not in text[quote.end : v.idx]
        # '...," he said': the quote ends its clause; '..." and warned' goes on the sentence
        and re.match(r"^[^\w]*[,.!?—–]", text[quote.end : v.idx])
    ]
    if after:
        return min(after, key=lambda v: v.idx)
    before = [
        v
        for v in verbs
        if quote.start - 2 * _NEAR_CHARS <= v.idx < quote.start
        and not _inside(v.idx, quotes)
        and not _quote_between(v.idx, quote.start, quotes)
        and re.search(r"[:,]\s*[\"“«„]?\s*$", text[v.idx : quote.start])
    ]
    return max(before, key=lambda v: v.idx) if before else None


def _verb_quoting(quote: Quote, doc: Any) -> Any:
    """A verb before the quote whose argument the quote is ('He called the decision "a betrayal
    of everything"'): its subject is the one quoted, though the verb is not a speech verb."""
    span = doc.char_span(quote.start, quote.end, alignment_mode="expand")
    if span is None:
        return None
    verb = span.root
    while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
        verb = verb.head
    if verb.pos_ not in ("VERB", "AUX") or verb.idx >= quote.start:
        return None
    return verb if any(c.dep_ == "nsubj" for c in verb.children) else None


def _quote_between(a: int, b: int, quotes: list[Quote]) -> bool:
    return any(a < q.start and q.end < b for q in quotes)


def _continues(quote: Quote, text: str, previous: Quote | None) -> bool:
    """Whether an unattributed quote goes on the words of the quote before it.

    True when only that quote's attribution and punctuation separate them ('"...," he said.
    "..."'), the next paragraph included.
    """
    if previous is None:
        return False
    gap = text[previous.end : quote.start]
    return len(gap) <= _NEAR_CHARS + 10 and gap.count("\n\n") <= 1


def _content_span(verb: Any, text: str) -> tuple[int, int] | None:
    """The reported content of a speech verb: its complement clause, without "that"."""
    clause = next((c for c in verb.children if c.dep_ == "ccomp"), None)
    if clause is None:
        # "told the media after a meeting that ...": the parser hangs the clause elsewhere
        clause = next(
            (
                t
                for t in verb.subtree
                if t.i > verb.i
                and t.pos_ in ("VERB", "AUX")
                and any(c.dep_ == "mark" and c.lower_ == "that" for c in t.children)
            ),
            None,
        )
    if clause is None or not any(
        c.dep_ in ("nsubj", "nsubjpass", "expl", "csubj") or (c.dep_ == "mark")
        for c in clause.children
    ):
        return None  # "reported continued fighting": an object, not a reported clause
    # "said that France had ... and warned that ...": the parser puts the second speech verb
    # inside the first one's clause; it is a statement of its own
    cut = set()
    for c in clause.children:
        if c.dep_ == "conj" and _is_speech_verb(c):
            cut.update(t.i for t in c.subtree)
            cut.update(t.i for t in clause.children if t.dep_ == "cc" and t.i < c.i)
    tokens = [
        t
        for t in clause.subtree
        if not (t.dep_ == "mark" and t.head.i == clause.i and t.i == clause.left_edge.i)
        and t.i not in cut
    ]
    if clause.i > verb.i:
        tokens = [t for t in tokens if t.i > verb.i]
    else:
        tokens = [t for t in tokens if t.i < verb.i]
    if len(tokens) < 2:
        return None
    start = tokens[0].idx
    end = tokens[-1].idx + len(tokens[-1].text)
    start, end = _trim_edges(text, start, end)
    return (start, end) if end > start else None


def _trim_edges(text: str, start: int, end: int) -> tuple[int, int]:
    """Drop punctuation and spaces at both ends of a span; a quote mark only when unpaired, so
    that 'France had "violated Mali's sovereignty"' keeps its closing mark."""
    while start < end:
        c = text[start]
        if c in _SPACE_PUNCT or (c in _QUOTE_MARKS and _unpaired(text[start:end])):
            start += 1
        else:
            break
    while end > start:
        c = text[end - 1]
        if c in _SPACE_PUNCT or (c in _QUOTE_MARKS and _unpaired(text[start:end])):
            end -= 1
        else:
            break
    return start, end


def _unpaired(span: str) -> bool:
    straight = span.count('"') % 2 == 1
    curly = span.count("“") != span.count("”") or span.count("«") != span.count("»")
    return straight or curly


def _according_to(doc: Any, text: str) -> list[tuple[int, int, Any]]:
    """'..., according to X': the clause qualified, with X as the speaker token."""
    out: list[tuple[int, int, Any]] = []
    if "according" not in text.lower():
        return out  # most articles: no token to look for
    for tok in doc:
        if tok.lower_ != "according" or tok.i + 1 >= len(doc) or doc[tok.i + 1].lower_ != "to":
            continue
        source = next((c for c in doc[tok.i + 1].children if c.dep_ == "pobj"), None)
        if source is None:
            continue
        phrase_start, phrase_end = tok.i, source.right_edge.i + 1
        sent = tok.sent
        if phrase_start - sent.start > sent.end - phrase_end:
            first, last = sent.start, phrase_start - 1  # the claim comes before the phrase
        else:
            first, last = phrase_end, sent.end - 1
        if last <= first:
            continue
        start, end = doc[first].idx, doc[last].idx + len(doc[last].text)
        start, end = _trim_edges(text, start, end)
        out.append((start, end, source))
    return out


# ---------------------------------------------------------------------------------------------
# Speakers


def _persons(doc: Any, ents: tuple[Any, ...]) -> list[_Person]:
    """Named persons with the words around their name that describe them (titles, nations)."""
    out = []
    # sentence starts once: Span.sent walks the document for every entity
    starts = [s.start for s in doc.sents]
    for ent in ents:
        if ent.label_ != "PERSON":
            continue
        sent_start = starts[bisect.bisect_right(starts, ent.start) - 1]
        window = doc[max(sent_start, ent.start - 5) : ent.start]
        words = {t.lemma_.lower() for t in window if t.pos_ in ("NOUN", "ADJ", "PROPN")}
        # "Russian foreign minister, Sergei Lavrov": the apposition's head describes the name
        head = ent.root.head
        if ent.root.dep_ == "appos":
            words |= {
                t.lemma_.lower()
                for t in head.subtree
                if t.pos_ in ("NOUN", "ADJ")
                and t.i < ent.start
                and t.i >= head.left_edge.i
                and t.ent_type_ != "PERSON"
            }
            words &= {t.lemma_.lower() for t in doc[max(sent_start, head.left_edge.i) : ent.start]}
        nations = {t.lemma_.lower() for t in window if t.ent_type_ == "NORP"} & words
        out.append(
            _Person(ent.start_char, ent.end_char, ent.text, frozenset(words), frozenset(nations))
        )
    return out


def _subject(verb: Any) -> Any:
    tok = verb
    for _ in range(4):  # "He smiled and said ...": the subject of the first conjunct
        subj = next((c for c in tok.children if c.dep_ in ("nsubj", "agent")), None)
        if subj is None and tok.lemma_ == "quote":  # "Lavrov was quoted as saying that ..."
            subj = next((c for c in tok.children if c.dep_ == "nsubjpass"), None)
        if subj is not None:
            if subj.dep_ == "agent":
                subj = next((c for c in subj.children if c.dep_ == "pobj"), None)
            return subj
        if (
            tok.dep_ == "conj"
            and tok.head.dep_ == "ccomp"
            and _is_speech_verb(tok.head.head)
            and _is_speech_verb(tok)
        ):
            tok = tok.head.head  # "X said that A had ... and warned that ...": X warned
        elif tok.dep_ in ("conj", "xcomp", "advcl", "pcomp", "prep") and tok.head.i != tok.i:
            tok = tok.head
        else:
            break
    return None


def _speakers(
    verb: Any,
    doc: Any,
    ents: tuple[Any, ...],
    article: Article,
    persons: list[_Person],
    last: ActorRef | None,
) -> list[ActorRef | None]:
    if verb.dep_ == "pobj":  # "according to X": X itself, or the name inside it
        named = [
            e
            for e in ents
            if e.label_ in ("PERSON", "ORG", "GPE", "NORP")
            and verb.left_edge.i <= e.start
            and e.end <= verb.right_edge.i + 1
        ]
        if named:
            # "a report by a pathologist sent to Israel by Physicians for Human Rights": an
            # organisation or person is the source, a place only when nothing else is named
            e = min(named, key=lambda e: (e.label_ not in ("PERSON", "ORG"), e.start))
            return [_ref(article, e.start_char, e.end_char, e.text, persons)]
    subject = verb if verb.dep_ == "pobj" else _subject(verb)
    if subject is not None and subject.lower_ in ("who", "that") and subject.head.dep_ == "relcl":
        subject = subject.head.head  # "Lavrov, who said that ...": the noun the clause describes
    if subject is not None and subject.lower_ == "it" and _reports(verb):
        subject = _subject(verb.head)  # "Japan said it was concerned": Japan is
    if subject is None or subject.lower_ in _IMPERSONAL:
        return [None]
    if subject.lower_ in _PRONOUNS:
        return [last if last is not None else _previous_person(subject, persons, article)]
    # "Russian foreign minister, Sergei Lavrov and his Syrian counterpart Walid al-Muallem"
    lo, hi = subject.left_edge.i, subject.right_edge.i + 1
    names = [
        e
        for e in ents
        if e.label_ == "PERSON" and lo <= e.start and e.end <= hi and _names_subject(e, subject)
    ]
    if names:
        return [_ref(article, e.start_char, e.end_char, e.text, persons) for e in names]
    if subject.ent_type_ in ("PERSON", "ORG", "GPE", "NORP"):
        ent = next(e for e in ents if e.start <= subject.i < e.end)
        whole = doc[subject.left_edge.i : subject.right_edge.i + 1]
        if all(t.ent_type_ == "ORG" or t.lower_ in ("and", "&", "of") for t in whole):
            ent = whole  # "The Bangladesh Garment Manufacturers and Exporters Association"
        ref = _ref(article, ent.start_char, ent.end_char, ent.text, persons)
        return [_own_name(ref, ent.text, subject)]
    # "the minister", "Syrian minister": a person named earlier with that description; "a
    # police spokesman" introduces someone new, so it is coded as it stands
    span = doc[_phrase_start(subject) : subject.i + 1]
    definite = not any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in subject.children)
    if subject.pos_ == "NOUN" and definite and subject.lemma_.lower() in PERSON_TITLES:
        person = _described_person(span, persons)
        if person is not None:
            return [_ref(article, person.start, person.end, person.name, persons)]
    ref = _actor_ref(article, span.start_char, span.end_char)
    name = _strip_det(span.text)
    return [_own_name(ref, name, subject) if ref is not None else ActorRef(name)]


def _reports(verb: Any) -> bool:
    """Whether a verb is the clause a speech verb reports."""
    return verb.dep_ == "ccomp" and _is_speech_verb(verb.head)


def _own_name(ref: ActorRef, phrase: str, head: Any) -> ActorRef:
    """Keep the speaker's own name when the actor found is only a part of it: "the Bangladesh
    Garment Manufacturers Association" or "Mali's government" coded by the country inside."""
    inside = ref.name.lower() in phrase.lower() and len(ref.name) < len(phrase)
    if inside and head.lower_ not in ref.name.lower():
        return ActorRef(_strip_det(phrase), ref.country, None)
    return ref


def _names_subject(ent: Any, subject: Any) -> bool:
    """Whether a name is the subject or stands beside it (apposition, "and"), not inside one of
    its phrases ("a teacher from Maarat al-Numan")."""
    tok = ent.root
    while tok.i != subject.i:
        if tok.dep_ in ("pobj", "prep", "relcl", "acl", "poss") or tok.head.i == tok.i:
            return False  # "a teacher from Maarat al-Numan", "Mali's government"
        tok = tok.head
    return True


def _phrase_start(tok: Any) -> int:
    start = tok.i
    for child in tok.lefts:
        if child.dep_ in ("det", "amod", "compound", "poss", "nmod"):
            start = min(start, child.left_edge.i)
    return start


def _strip_det(text: str) -> str:
    return re.sub(r"^(the|a|an)\s+", "", text, flags=re.IGNORECASE).strip()


def _described_person(span: Any, persons: list[_Person]) -> _Person | None:
    """The latest earlier person whose description shares the most words with `span`."""
    words = {t.lemma_.lower() for t in span if t.pos_ in ("NOUN", "ADJ", "PROPN")}
    nations = {t.lemma_.lower() for t in span if t.ent_type_ == "NORP"}
    best: tuple[int, int, _Person] | None = None
    for person in persons:
        if person.start >= span.start_char:
            break
        # a nationality that matches outweighs a shared title: "Syrian minister" is the Syrian
        # counterpart, not the Russian foreign minister
        score = len(words & person.words) + 2 * len(nations & person.nations)
        if nations and person.nations and not nations & person.nations:
            score -= 2
        if score > 0 and (best is None or score >= best[0]):
            best = (score, person.start, person)
    return best[2] if best else None


def _previous_person(tok: Any, persons: list[_Person], article: Article) -> ActorRef | None:
    before = [p for p in persons if p.end <= tok.idx]
    if not before:
        return None
    p = before[-1]
    return _ref(article, p.start, p.end, p.name, persons)


def _ref(article: Article, start: int, end: int, name: str, persons: list[_Person]) -> ActorRef:
    ref = _actor_ref(article, start, end)
    if ref is not None:
        return ref
    # "Lavrov" after "Sergei Lavrov": the fullest earlier form of the same name
    for person in persons:
        if person.start < start and person.name != name and person.name.endswith(name):
            return ActorRef(person.name)
    return ActorRef(name)


def _actor_ref(article: Article, start: int, end: int) -> ActorRef | None:
    """The article's actor at a span: the actors stage's resolver, else mention and name match."""
    if _actor_for_span is not None:
        ref = _actor_for_span(article, start, end)
        if ref is not None:
            return ref
    for actor in article.actors:
        if any(s < end and start < e for s, e in actor.mentions):
            return ActorRef(actor.name, actor.country, actor.sector)
    text = _strip_det(article.text[start:end]).lower()
    if not text:
        return None
    for actor in article.actors:
        name = actor.name.lower()
        if name == text or name.endswith(" " + text) or text.endswith(" " + name):
            return ActorRef(actor.name, actor.country, actor.sector)
    return None


@annotator("statements", assigns="statements", requires=("actors",))
def annotate_statements(doc: Any, article: Article) -> list[Statement]:
    return extract_statements(doc, article)
