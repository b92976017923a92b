"""The events annotator: triggers in the dependency parse -> coded PLOVER/CAMEO events.

Per sentence:
  1. triggers  - verbs and event nouns from the pattern lexicon (`patterns.yaml`), with their
                 conditions checked on the parse (object lemmas, prepositions, physical targets);
  2. wrapping  - an event embedded under "vow/threaten", "urge/demand", "refuse" or "agree/offer"
                 becomes THREATEN, REQUEST, REJECT or AGREE by the one who vows, urges, refuses or
                 agrees: "Russia and Syria vow an offensive" is a threat, not an assault;
  3. arguments - actor and recipient lists from subject, object, passive agent, possessive and
                 prepositional phrases, coded through the actors annotator's mentions;
  4. precision - sport, weather and accident sentences, non-agent subjects ("winds") and abstract
                 targets ("attacked the plan") cannot yield ASSAULT or COERCE;
  5. factuality (see `factuality.py`), place, date and confidence.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from typing import Any

from ..actors import actor_for_span, code_text
from ..annotators import annotator
from ..model import Actor, ActorRef, Article, Event, PlaceRef
from .factuality import factuality_of
from .ontology import ontology
from .patterns import Patterns, Trigger, patterns

try:  # the places engineer's helper; absent until geo/places.py provides it
    from ..geo.places import place_for_span as _place_for_span  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - depends on another module's progress
    _place_for_span = None

CONFLICT_TYPES = frozenset({"ASSAULT", "COERCE", "MOBILIZE", "SANCTION", "PROTEST"})
VIOLENT_TYPES = frozenset({"ASSAULT", "COERCE"})
ARMED_SECTORS = frozenset({"MIL", "REB", "COP", "UAF", "SPY", "CRM"})
COOPERATIVE_TYPES = frozenset({"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT"})
# Links along which an event is embedded in the verb or noun above it.
EMBED_DEPS = frozenset({"xcomp", "ccomp", "dobj", "pobj", "prep", "acl", "pcomp", "dative", "attr",
                        "oprd", "advcl", "relcl"})
SUBJECT_DEPS = ("nsubj", "csubj")
RECIPIENT_PREPS = {
    "ASSAULT": ("against", "on", "at", "with", "upon", "into", "targeting"),
    "COERCE": ("against", "on", "of"),
    "CONSULT": ("with", "between"),
    "COOPERATE": ("with",),
    "AID": ("to", "for"),
    "AGREE": ("with", "to"),
    "SUPPORT": ("for",),
    "REQUEST": ("on", "to", "from"),
    "ACCUSE": ("against",),
    "THREATEN": ("against", "on", "with"),
    "SANCTION": ("against", "on"),
    "PROTEST": ("against", "outside"),
    "MOBILIZE": ("against", "to", "into"),
    "RETREAT": ("from",),
    "REJECT": (),
    "CONCEDE": ("to",),
}
THREAT_MODE = {"ASSAULT": "violence", "MOBILIZE": "violence", "SANCTION": "relations",
               "PROTEST": "restrict"}
REQUEST_MODE = {"AID": "assist", "COOPERATE": "assist", "SUPPORT": "assist", "RETREAT": "yield",
                "CONCEDE": "yield", "CONSULT": "meet", "AGREE": "change"}
WRAPPER_TYPES = {"threaten": "THREATEN", "request": "REQUEST", "reject": "REJECT", "agree": "AGREE"}


@dataclass(slots=True)
class _Candidate:
    token: Any  # the trigger (head word)
    trigger: Trigger
    noun: bool
    suppressed: bool = False
    wrapper: tuple[str, Any] | None = None  # (kind, cue token) that this event is embedded in
    embedded: list[_Candidate] = field(default_factory=list)


# --- actor lookup by token ----------------------------------------------------------------------

class _ActorIndex:
    """The article's actor mentions by character offset, for coding argument tokens."""

    def __init__(self, actors: list[Actor]) -> None:
        spans = sorted((s, e, a) for a in actors for s, e in a.mentions)
        self.spans = spans
        self.starts = [s for s, _, _ in spans]

    def at(self, token: Any) -> Actor | None:
        k = bisect.bisect_right(self.starts, token.idx) - 1
        while k >= 0 and k >= len(self.spans) - 0 - len(self.spans):
            s, e, actor = self.spans[k]
            if s <= token.idx < e:
                return actor
            if token.idx - s > 400:
                break
            k -= 1
        return None


def _ref(actor: Actor) -> ActorRef:
    return ActorRef(actor.name, actor.country, actor.sector)


def _conjuncts(token: Any) -> list[Any]:
    """The token and everything coordinated or in apposition with it ("Russia and Syria")."""
    out, todo = [], [token]
    while todo:
        t = todo.pop()
        if t in out:
            continue
        out.append(t)
        for c in t.children:
            if c.dep_ in ("conj", "appos"):
                todo.append(c)
            elif c.dep_ == "prep" and c.lower_ in ("with", "alongside") and \
                    any(x.lower_ in ("along", "together") for x in c.lefts):
                todo.extend(g for g in c.children if g.dep_ == "pobj")
            elif c.dep_ == "advmod" and c.lower_ in ("along", "together"):
                for p in c.children:
                    if p.dep_ == "prep" and p.lower_ == "with":
                        todo.extend(g for g in p.children if g.dep_ == "pobj")
            elif c.dep_ == "prep" and c.lower_ == "along":
                for p in c.children:
                    if p.dep_ == "prep" and p.lower_ == "with":
                        todo.extend(g for g in p.children if g.dep_ == "pobj")
    return sorted(out, key=lambda t: t.i)


def _code_token(token: Any, index: _ActorIndex, article: Article) -> ActorRef | None:
    actor = index.at(token)
    if actor is not None:
        return _ref(actor)
    if token.pos_ not in ("NOUN", "PROPN"):
        return None
    # The head word is not an actor; a modifier may be ("the Syrian army's positions" -> no,
    # "officials of Syria" -> yes): look in the compact noun phrase and its of-phrase.
    near = [c for c in token.children if c.dep_ in ("compound", "amod", "poss", "nmod")]
    for c in token.children:
        if c.dep_ == "prep" and c.lower_ == "of":
            near += [g for g in c.children if g.dep_ == "pobj"]
    for c in near:
        actor = index.at(c)
        if actor is not None and c.dep_ != "poss":
            return _ref(actor)
    left = min([token.i] + [t.i for c in near if c.i < token.i for t in c.subtree])
    span = token.doc[left : token.i + 1]
    return code_text(span.text) if len(span) <= 6 else None


def _refs(token: Any | None, index: _ActorIndex, article: Article) -> list[ActorRef]:
    if token is None:
        return []
    out: list[ActorRef] = []
    for t in _conjuncts(token):
        ref = _code_token(t, index, article)
        if ref is not None and all(ref.name != r.name for r in out):
            out.append(ref)
    return out


# --- argument finding --------------------------------------------------------------------------

def _child(token: Any, *deps: str) -> Any | None:
    for c in token.children:
        if c.dep_ in deps:
            return c
    return None


def _prep_objects(token: Any, preps: tuple[str, ...]) -> list[Any]:
    out = []
    for c in token.children:
        if c.dep_ in ("prep", "agent") and c.lower_ in preps:
            out += [g for g in c.children if g.dep_ == "pobj"]
    return out


def _subject(verb: Any, depth: int = 0) -> Any | None:
    subj = _child(verb, *SUBJECT_DEPS)
    if subj is not None:
        if subj.tag_ in ("WDT", "WP") and verb.dep_ == "relcl":
            return verb.head
        return subj
    if depth > 3:
        return None
    if verb.dep_ == "relcl":
        return verb.head
    if verb.dep_ == "xcomp":
        # "urged Israel to withdraw": object control; "vowed to attack": subject control.
        obj = _child(verb.head, "dobj")
        return obj if obj is not None and verb.head.lemma_ in _OBJECT_CONTROL else _subject(verb.head, depth + 1)
    if verb.dep_ in ("conj", "advcl", "ccomp", "pcomp", "acl") and verb.head.pos_ in ("VERB", "AUX"):
        return _subject(verb.head, depth + 1)
    if verb.dep_ == "pcomp" or (verb.dep_ == "pobj" and verb.head.dep_ == "prep"):
        head = verb.head.head
        if head.pos_ in ("VERB", "AUX"):
            return _subject(head, depth + 1)
    return None


_OBJECT_CONTROL = frozenset({"urge", "ask", "call", "press", "order", "tell", "force", "persuade",
                             "encourage", "invite", "allow", "help", "push", "implore", "request"})


def _is_passive(verb: Any) -> bool:
    return any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children)


def _governing_verb(noun: Any) -> Any | None:
    """The verb a noun hangs on: "launched an attack", "told ... after a meeting"."""
    t, hops = noun, 0
    while t.dep_ in ("dobj", "pobj", "prep", "attr", "oprd", "conj", "appos", "nsubj", "nsubjpass",
                     "compound", "dative") and hops < 4:
        t = t.head
        hops += 1
        if t.pos_ in ("VERB", "AUX"):
            return t
    return None


def _verb_args(c: _Candidate) -> tuple[list[Any], list[Any]]:
    verb = c.token
    if _is_passive(verb):
        actors = _prep_objects(verb, ("by",))
        recips = [x for x in [_child(verb, "nsubjpass")] if x is not None]
        if recips and recips[0].tag_ in ("WDT", "WP") and verb.dep_ == "relcl":
            recips = [verb.head]
        return actors, recips
    actors = [x for x in [_subject(verb)] if x is not None]
    recips = [x for x in [_child(verb, "dobj"), _child(verb, "dative", "iobj")]
              if x is not None and x.pos_ in ("NOUN", "PROPN", "PRON")]
    if c.trigger.type in ("CONSULT", "COOPERATE") and not recips and actors:
        pass
    if not recips:
        recips = _prep_objects(verb, RECIPIENT_PREPS.get(c.trigger.type, ()))
    return actors, recips


def _noun_args(c: _Candidate) -> tuple[list[Any], list[Any]]:
    noun = c.token
    actors: list[Any] = []
    for ch in noun.children:
        if ch.dep_ == "poss" or (ch.dep_ in ("amod", "compound", "nmod") and ch.pos_ in ("PROPN", "ADJ", "NOUN")):
            actors.append(ch)
    actors += _prep_objects(noun, ("by", "from"))
    between = _prep_objects(noun, ("between", "among"))
    actors += between
    recips = _prep_objects(noun, RECIPIENT_PREPS.get(c.trigger.type, ()))
    if c.trigger.type in ("COERCE", "ASSAULT") and not recips:
        recips = _prep_objects(noun, ("of",))
    if not actors:
        verb = _governing_verb(noun)
        if verb is not None:
            if _is_passive(verb):
                actors = _prep_objects(verb, ("by",))
            else:
                subj = _subject(verb)
                if subj is not None and subj.i != noun.i:
                    actors = [subj]
    return actors, recips


# --- trigger matching --------------------------------------------------------------------------

def _object_lemmas(verb: Any, preps: frozenset[str]) -> set[str]:
    out = set()
    for c in verb.children:
        if c.dep_ in ("dobj", "nsubjpass", "attr", "oprd"):
            out |= {x.lemma_.lower() for x in _conjuncts(c)} | {x.lower_ for x in _conjuncts(c)}
        if c.dep_ == "prep" and c.lower_ in preps:
            for g in c.children:
                if g.dep_ == "pobj":
                    out |= {g.lemma_.lower(), g.lower_}
    return out


def _holds(trigger: Trigger, token: Any, pats: Patterns) -> bool:
    if trigger.objects is not None:
        if not trigger.objects and trigger.preps:  # "rally against": the preposition must be there
            return any(c.dep_ == "prep" and c.lower_ in trigger.preps for c in token.children)
        return bool(_object_lemmas(token, trigger.preps) & trigger.objects)
    if trigger.physical:
        obj = _child(token, "dobj")
        if obj is not None and obj.lemma_.lower() in pats.cue("abstract_targets"):
            return False
    return True


def _verb_keys(token: Any) -> list[str]:
    lemma = token.lemma_.lower()
    keys = []
    for c in token.children:
        if c.dep_ == "prt":
            keys.append(f"{lemma} {c.lower_}")
        elif c.dep_ == "prep":
            keys.append(f"{lemma} {c.lower_}")
        elif c.dep_ in ("dobj", "oprd") and c.pos_ == "NOUN":
            keys.append(f"{lemma} {c.lemma_.lower()}")
    keys.append(lemma)
    return keys


def _match_verb(token: Any, pats: Patterns) -> Trigger | None:
    for key in _verb_keys(token):
        for trig in pats.verbs.get(key, ()):
            if _holds(trig, token, pats):
                return trig
        if key in pats.verbs and " " in key:
            return None  # a phrasal entry that failed its condition shadows the bare verb
    return None


def _match_noun(token: Any, pats: Patterns) -> Trigger | None:
    lower, lemma = token.lower_, token.lemma_.lower()
    keys = []
    for c in token.children:
        if c.dep_ in ("compound", "amod") and c.i == token.i - 1:
            keys += [f"{c.lower_} {lower}", f"{c.lower_} {lemma}"]
    keys += [lower, lemma]
    for key in keys:
        for trig in pats.nouns.get(key, ()):
            if trig.needs_verb is not None:
                verb = _governing_verb(token)
                if verb is None or verb.lemma_.lower() not in trig.needs_verb:
                    continue
            if any(c.lower_ in pats.cue("metaphor_modifiers") for c in token.children
                   if c.dep_ in ("compound", "amod")):
                return None
            return trig
    return None


def _candidates(sent: Any, pats: Patterns) -> list[_Candidate]:
    out: list[_Candidate] = []
    for t in sent:
        if t.pos_ == "VERB":
            trig = _match_verb(t, pats)
            if trig is not None:
                out.append(_Candidate(t, trig, noun=False))
        elif t.pos_ in ("NOUN", "PROPN"):
            trig = _match_noun(t, pats)
            if trig is not None:
                out.append(_Candidate(t, trig, noun=True))
    # A noun that is the object a trigger verb asked for ("signed an agreement", "held talks")
    # is the same event as the verb.
    verbs = {c.token.i: c for c in out if not c.noun}
    for c in out:
        if c.noun:
            v = _governing_verb(c.token)
            if v is not None and v.i in verbs and verbs[v.i].trigger.type == c.trigger.type:
                c.suppressed = True
    return out


# --- wrapping: threats, requests, refusals, agreements -------------------------------------------

def _cue_kind(token: Any, pats: Patterns) -> str | None:
    lemma = token.lemma_.lower()
    if token.pos_ in ("VERB", "AUX"):
        for kind in ("threaten", "request", "reject", "agree"):
            if lemma in pats.cue(kind):
                return kind
        obj = _child(token, "dobj")
        if obj is not None and obj.lemma_.lower() in pats.cue("threaten_nouns"):
            return "threaten"
    elif token.pos_ == "NOUN" and lemma in pats.cue("threaten_nouns"):
        return "threaten"
    return None


def _find_wrapper(c: _Candidate, pats: Patterns) -> tuple[str, Any] | None:
    t, hops = c.token, 0
    while t.dep_ in EMBED_DEPS and t.head.i != t.i and hops < 5:
        parent = t.head
        hops += 1
        if parent.lemma_.lower() in pats.cue("report") and parent.pos_ == "VERB":
            return None  # the claim's own words: what the speaker vows is inside, not above
        kind = _cue_kind(parent, pats)
        if kind is not None:
            if t.dep_ == "dobj" and kind in ("reject", "agree") and not c.noun:
                return None
            return kind, parent
        t = parent
    return None


def _wrapped_mode(kind: str, inner: _Candidate) -> str | None:
    itype = inner.trigger.type
    if kind == "threaten":
        if itype == "COERCE":
            return "arrest" if inner.trigger.mode == "arrest" else "restrict"
        if itype == "SANCTION" and inner.trigger.mode == "expel":
            return "expel"
        return THREAT_MODE.get(itype)
    if kind in ("request", "reject"):
        return REQUEST_MODE.get(itype, "change")
    return None


# --- the annotator -----------------------------------------------------------------------------

@annotator("events", assigns="events", requires=("places", "actors", "statements"))
def annotate_events(doc: Any, article: Article) -> list[Event]:
    """Extract the coded events of one parsed article."""
    return extract_events(doc, article)


def extract_events(doc: Any, article: Article, pats: Patterns | None = None) -> list[Event]:
    pats = pats or patterns()
    index = _ActorIndex(article.actors)
    events: list[Event] = []
    seen: set[tuple] = set()
    for sent in doc.sents:
        nouns = {t.lemma_.lower() for t in sent if t.pos_ in ("NOUN", "PROPN")}
        off_topic = bool(nouns & pats.cue("non_conflict"))
        for ev in _sentence_events(sent, article, index, pats, off_topic):
            key = (ev.plover, ev.start, tuple(a.name for a in ev.actors),
                   tuple(r.name for r in ev.recipients))
            if key in seen:
                continue
            seen.add(key)
            events.append(ev)
    return events


def _sentence_events(sent: Any, article: Article, index: _ActorIndex, pats: Patterns,
                     off_topic: bool) -> list[Event]:
    cands = _candidates(sent, pats)
    by_token = {c.token.i: c for c in cands}
    out: list[Event] = []
    wrapped_by: dict[int, list[_Candidate]] = {}
    for c in cands:
        if c.suppressed:
            continue
        w = _find_wrapper(c, pats)
        if w is None:
            continue
        kind, cue = w
        if kind in ("threaten",) and c.trigger.type in COOPERATIVE_TYPES:
            if cue.lemma_.lower() in pats.cue("agree"):
                kind = "agree"  # "pledged to send aid": a promise, coded AGREE
            else:
                continue
        if kind == "threaten" and c.trigger.type not in CONFLICT_TYPES:
            continue
        c.wrapper = (kind, cue)
        c.suppressed = True
        wrapped_by.setdefault(cue.i, []).append(c)
    for cue_i, inners in wrapped_by.items():
        kind, cue = inners[0].wrapper  # type: ignore[misc]
        own = by_token.get(cue_i)
        if own is not None:
            own.suppressed = True  # "threatened to attack": one event, coded from the cue
        ev = _wrapper_event(kind, cue, inners[0], sent, article, index, pats)
        if ev is not None:
            out.append(ev)
    for c in cands:
        if c.suppressed:
            continue
        ev = _plain_event(c, sent, article, index, pats, off_topic)
        if ev is not None:
            out.append(ev)
    out.sort(key=lambda e: e.confidence, reverse=True)
    return out


def _cue_args(cue: Any) -> tuple[list[Any], list[Any]]:
    if cue.pos_ == "NOUN":  # "signals to an offensive", "the threat of an attack"
        poss = [c for c in cue.children if c.dep_ == "poss"]
        verb = _governing_verb(cue)
        subj = _subject(verb) if verb is not None else None
        return poss or ([subj] if subj is not None else []), []
    subj = _subject(cue)
    if _is_passive(cue):
        subj = next(iter(_prep_objects(cue, ("by",))), None)
    objs = [x for x in [_child(cue, "dobj")] if x is not None and x.pos_ in ("PROPN", "NOUN", "PRON")]
    objs += _prep_objects(cue, ("on", "upon"))
    return ([subj] if subj is not None else []), objs


def _wrapper_event(kind: str, cue: Any, inner: _Candidate, sent: Any, article: Article,
                   index: _ActorIndex, pats: Patterns) -> Event | None:
    plover = WRAPPER_TYPES[kind]
    mode = _wrapped_mode(kind, inner)
    a_tok, r_tok = _cue_args(cue)
    actors = [r for t in a_tok for r in _refs(t, index, article)]
    recips = [r for t in r_tok for r in _refs(t, index, article)]
    inner_a, inner_r = (_noun_args if inner.noun else _verb_args)(inner)
    inner_recips = [r for t in inner_r for r in _refs(t, index, article)]
    if kind == "request" and not recips:
        recips = [r for t in inner_a for r in _refs(t, index, article)]
    if kind in ("threaten", "agree") and inner_recips:
        recips = recips if kind == "agree" and recips else inner_recips
    recips = [r for r in recips if all(r.name != a.name for a in actors)]
    if not actors and not recips:
        return None
    cameo = None
    if kind == "agree" and inner.trigger.type == "AGREE":
        cameo = inner.trigger.cameo
    if kind == "threaten" and inner.trigger.type == "ASSAULT":
        cameo = "1384" if inner.trigger.cameo in (None, "190") else "138"
        cameo = "138"
    return _event(plover, mode, cameo, actors, recips, cue, sent, article, pats,
                  confidence=0.75 if actors else 0.55)


def _plain_event(c: _Candidate, sent: Any, article: Article, index: _ActorIndex, pats: Patterns,
                 off_topic: bool) -> Event | None:
    trig = c.trigger
    a_tok, r_tok = (_noun_args if c.noun else _verb_args)(c)
    if trig.type in VIOLENT_TYPES or trig.type in ("MOBILIZE",):
        non_agents = pats.cue("non_agents")
        if any(t.lemma_.lower() in non_agents or t.lower_ in non_agents for t in a_tok):
            return None  # "winds pushed the bushfire", "the crash killed two"
        if not c.noun and _child(c.token, *SUBJECT_DEPS) is None and any(
            t.lemma_.lower() in non_agents for t in c.token.head.subtree
            if c.token.dep_ == "advcl" and t.dep_ in SUBJECT_DEPS
        ):
            return None
    actors = [r for t in a_tok for r in _refs(t, index, article)]
    recips = [r for t in r_tok for r in _refs(t, index, article)]
    recips = [r for r in recips if all(r.name != a.name for a in actors)]
    plover, mode = trig.type, trig.mode
    if trig.physical and r_tok and all(t.lemma_.lower() in pats.cue("abstract_targets") for t in r_tok):
        if c.token.lemma_.lower() in ("attack", "hit", "target", "strike", "slam", "blast"):
            plover, mode = "ACCUSE", "disapprove"  # "attacked the plan": criticism
        else:
            return None
    if plover in VIOLENT_TYPES and off_topic and not any(
        r.sector in ARMED_SECTORS for r in actors + recips
    ):
        return None  # sport, weather, accidents: "beat France 2-1", "winds fanned the fire"
    if c.noun and not actors and not recips and plover not in ("PROTEST",):
        return None
    if c.noun and c.trigger.needs_actor and not actors:
        return None
    if not c.noun and not actors and not recips and plover not in ("ASSAULT", "PROTEST", "COERCE"):
        return None
    confidence = 0.5 + 0.15 * bool(actors) + 0.1 * bool(recips) + (0.05 if not c.noun else 0.0)
    return _event(plover, mode, trig.cameo, actors, recips, c.token, sent, article, pats,
                  confidence=confidence)


def _event(plover: str, mode: str | None, cameo: str | None, actors: list[ActorRef],
           recips: list[ActorRef], anchor: Any, sent: Any, article: Article, pats: Patterns,
           confidence: float) -> Event:
    coding = ontology().code(plover, mode, cameo)
    fact, statement = factuality_of(anchor, article, pats)
    if plover == "THREATEN" and fact in ("asserted", "reported", "intended"):
        fact = "threatened"
    return Event(
        plover=coding.plover,
        mode=coding.mode,
        cameo=coding.cameo,
        quad_class=coding.quad_class,
        goldstein=coding.goldstein,
        actors=actors,
        recipients=recips,
        place=_place(article, anchor, sent),
        date=article.published,
        factuality=fact,  # type: ignore[arg-type]
        statement=statement,
        sentence=sent.text,
        start=sent.start_char,
        end=sent.end_char,
        confidence=round(min(confidence, 1.0), 2),
    )


def _place(article: Article, anchor: Any, sent: Any) -> PlaceRef | None:
    if _place_for_span is None:
        return None
    try:
        sub = list(anchor.subtree)
        place = _place_for_span(article, sub[0].idx, sub[-1].idx + len(sub[-1].text))
        return place or _place_for_span(article, sent.start_char, sent.end_char)
    except Exception:  # another module's helper must not cost us the article's events
        return None
