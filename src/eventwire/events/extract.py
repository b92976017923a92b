"""The events annotator: triggers in the dependency parse -> coded PLOVER/CAMEO events.

Per sentence:
  1. triggers  - verbs and event nouns from the pattern lexicon (`patterns.yaml`), with their
                 conditions checked on the parse (object lemmas, prepositions, physical targets);
  2. wrapping  - an event embedded under "vow/threaten", "urge/demand", "refuse" or "agree/offer"
                 becomes THREATEN, REQUEST, REJECT or AGREE by the one who vows, urges, refuses or
                 agrees: "Russia and Syria vow an offensive" is a threat, not an assault; "X
                 claimed Y attacked" adds ACCUSE; "X said Y must ..." is a REQUEST of Y; a
                 conflict action under will/would is a THREATEN; an intent to cooperate is AGREE;
  3. arguments - actor and recipient lists from subject, object, passive agent, possessive and
                 prepositional phrases, coded through the actors annotator's mentions;
  4. precision - sport, weather and accident sentences, non-agent subjects ("winds") and abstract
                 targets ("attacked the plan") cannot yield ASSAULT or COERCE;
  5. factuality (`factuality.py`), place (the places annotator's `place_for_span`, kept only
     when the sentence names it), date (`dates.py`) and confidence.
Within a sentence events are listed main clause first; one subsumed by another is dropped.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable
from typing import Any

from ..actors import CountryContext
from ..annotators import annotator
from ..model import ActorRef, Article, Event, Place, PlaceRef
from .arguments import (
    ActorIndex,
    fallback_recipients,
    noun_args,
    performs,
    recipient_refs,
    refs,
    stray_subject,
    subject,
    subjects,
    verb_args,
)
from .dates import event_date
from .factuality import factuality_of, factuality_of_flags, passes_clause_up
from .ontology import COOPERATIVE_TYPES, ontology
from .patterns import Patterns, patterns
from .tree import EMBED_DEPS, child, governing_verb, is_passive, prep_objects
from .triggers import Candidate, candidates

try:  # the places engineer's helper; absent until geo/places.py provides it
    from ..geo.places import place_for_span as _place_for_span  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - depends on another module's progress
    _place_for_span = None

CONFLICT_TYPES = frozenset({"ASSAULT", "COERCE", "MOBILIZE", "SANCTION", "PROTEST"})
VIOLENT_TYPES = frozenset({"ASSAULT", "COERCE"})
# What a threat may be of: conflict actions, and a refusal ("threatened to veto").
THREATENED_TYPES = CONFLICT_TYPES | {"REJECT"}
# Harm that only people do: a kidnapping in a story that mentions a car is still a kidnapping.
INTENTIONAL_MODES = frozenset(
    {"abduct", "sexual", "torture", "targeted", "arrest", "crowd-control", "beat"}
)
# ASSAULT modes that a named weapon implies, most specific first: a suicide bomber's explosives
# make a suicide attack, a drone's missile a drone strike.
WEAPON_MODES = (
    "crowd-control",
    "suicide-attack",
    "drone",
    "aerial",
    "unconventional",
    "heavy-weapons",
    "explosives",
    "firearms",
    "primitive",
)
# Who did it when the text names no one, by type (see `_unnamed_doers`).
UNNAMED_DOERS = {
    "ASSAULT": ("unidentified armed group", "UAF"),
    "PROTEST": ("protesters", "PRE"),
    # "a curfew was imposed in Leh", "the curfew in Srinagar was lifted": only a state's
    # authorities impose and lift curfews, bans and detentions
    "COERCE": ("authorities", "GOV"),
    "CONCEDE": ("authorities", "GOV"),
}
ARMED_SECTORS = frozenset({"MIL", "REB", "COP", "UAF", "SPY", "CRM"})
VERBAL_TYPES = frozenset(
    {"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "REQUEST", "ACCUSE", "REJECT", "THREATEN"}
)
# Types where a compound actor already names both sides ("Lavrov and al-Muallem met").
MUTUAL_TYPES = frozenset({"CONSULT", "COOPERATE", "AGREE"})
STATE_SECTORS = frozenset({"GOV", "MIL", "COP", "JUD", "SPY", "LEG"})
THREAT_MODE = {
    "ASSAULT": "violence",
    "MOBILIZE": "violence",
    "SANCTION": "relations",
    "PROTEST": "restrict",
}
REQUEST_MODE = {
    "AID": "assist",
    "COOPERATE": "assist",
    "SUPPORT": "assist",
    "RETREAT": "yield",
    "CONCEDE": "yield",
    "CONSULT": "meet",
    "AGREE": "change",
}
# Conjunctions of a clause that tells the circumstances of a vow or a demand, not its content
# (unlike "until", "before", "if", "unless", "so that").
CIRCUMSTANCE_MARKS = frozenset(
    {"as", "while", "after", "because", "since", "when", "though", "although", "whereas", "once"}
    | {"amid", "during", "despite", "following"}
)
WRAPPER_TYPES = {
    "threaten": "THREATEN",
    "request": "REQUEST",
    "reject": "REJECT",
    "agree": "AGREE",
    "allege": "ACCUSE",
}


# --- wrapping: threats, requests, refusals, agreements -------------------------------------------


def _cue_kind(token: Any, pats: Patterns) -> str | None:
    lemma = token.lemma_.lower()
    if any(c.dep_ == "prt" for c in token.children):
        return None  # "called up reservists", "called off the talks": another verb than "call"
    if token.pos_ in ("VERB", "AUX"):
        for kind in ("threaten", "request", "reject", "agree"):
            if lemma in pats.cue(kind):
                if lemma in pats.cue("naming") and any(c.dep_ == "oprd" for c in token.children):
                    return None  # "calls the drills a rehearsal for invasion": it names them
                return kind
        if lemma in pats.cue("request_others") and _asks_another(token):
            return "request"
        obj = child(token, "dobj")
        if obj is not None and obj.lemma_.lower() in pats.cue("threaten_nouns"):
            return "threaten"
        if obj is not None and obj.lemma_.lower() in pats.cue("request_nouns"):
            return "request"  # "reiterated its demand that Israel ease restrictions"
    elif token.pos_ == "NOUN" and lemma in pats.cue("threaten_nouns"):
        return "threaten"
    elif token.pos_ == "NOUN" and lemma in pats.cue("request_nouns"):
        return "request"
    return None


def _asks_another(verb: Any) -> bool:
    """The verb puts an action on someone other than its subject: "ordered the army to
    withdraw" (object + infinitive), "wants Putin to attack" (an infinitive clause with its own
    subject)."""
    has_object = any(
        c.dep_ == "dobj" and c.pos_ in ("NOUN", "PROPN", "PRON") for c in verb.children
    )
    for c in verb.children:
        infinitive = any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)
        if c.dep_ == "xcomp" and has_object and infinitive:
            return True
        if c.dep_ == "ccomp" and infinitive and any(s.dep_ == "nsubj" for s in c.children):
            return True
    return False


def _find_wrapper(c: Candidate, pats: Patterns) -> tuple[str, Any] | None:
    t, hops = c.token, 0
    own_subject = False  # a clause on the way up names its own actor
    # "it is not acceptable that the rebels attack": an adjective passes its clause up
    while (t.dep_ in EMBED_DEPS or passes_clause_up(t)) and t.head.i != t.i and hops < 5:
        own_subject = own_subject or _named_subject(t)
        parent = t.head
        hops += 1
        if parent.lemma_.lower() in pats.cue("responsibility"):
            return None  # "claimed responsibility for the attack": the claimant did it
        if own_subject and parent.lemma_.lower() in pats.cue("warn_about_others"):
            # "officials warned that Moscow plans an offensive": Moscow's plan, not a threat
            # by the officials; "warned that it would strike" is still their threat
            return None
        if (
            parent.lemma_.lower() in pats.cue("allege")
            and parent.pos_ == "VERB"
            and c.trigger.type in CONFLICT_TYPES
        ):
            return "allege", parent  # "the US claimed that ISIL had attacked Iraq"
        if parent.lemma_.lower() in pats.cue("request") and _mandative(t):
            return "request", parent  # "insisted that Turkey withdraw its ship"
        if parent.lemma_.lower() in pats.cue("report") and parent.pos_ == "VERB":
            if c.trigger.type in VIOLENT_TYPES and t.dep_ == "ccomp" and not c.noun:
                # "the US said that Iraq had attacked": saying another did harm accuses them
                # (kept only where the speaker is a side of its own: _accused)
                return "allege", parent
            return None  # the claim's own words: what the speaker vows is inside, not above
        kind = _cue_kind(parent, pats)
        if kind is not None:
            if (t.dep_ == "prep" and t.lower_ in CIRCUMSTANCE_MARKS) or (
                t.dep_ == "advcl"
                and any(m.dep_ == "mark" and m.lower_ in CIRCUMSTANCE_MARKS for m in t.children)
            ):
                return None  # "urged calm as fighting entered a second day": beside it
            if t.dep_ == "dobj" and kind in ("reject", "agree") and not c.noun:
                return None
            if (
                kind == "request"
                and c.noun
                and c.trigger.needs_verb
                and parent.lemma_.lower() in c.trigger.needs_verb
            ):
                return None  # "called a strike": the verb the noun asks for, not a request
            if parent.lemma_.lower() in pats.cue("promise_with_to") and not (
                t.dep_ == "xcomp" or (t.dep_ == "prep" and t.lower_ == "to")
            ):
                return None  # "committed to sending troops" promises; "committed rapes" does not
            return kind, parent
        t = parent
    return None


def _mandative(clause: Any) -> bool:
    """A that-clause in the bare form ("insisted that Turkey withdraw"): a demand, not a report
    ("insisted that Turkey had withdrawn")."""
    return (
        clause.dep_ == "ccomp"
        and clause.tag_ == "VB"
        and child(clause, "nsubj") is not None
        and child(clause, "aux", "auxpass") is None
    )


def _named_subject(token: Any) -> bool:
    """The token is a verb whose subject is a noun or a name, not a pronoun."""
    return token.pos_ in ("VERB", "AUX") and any(
        c.dep_ in ("nsubj", "nsubjpass") and c.pos_ in ("NOUN", "PROPN") for c in token.children
    )


def _wrapped_mode(kind: str, inner: Candidate) -> str | None:
    itype = inner.trigger.type
    if kind == "threaten":
        if itype == "COERCE":
            return "arrest" if inner.trigger.mode == "arrest" else "restrict"
        if itype == "SANCTION" and inner.trigger.mode == "expel":
            return "expel"
        return THREAT_MODE.get(itype)
    if kind in ("request", "reject"):
        return REQUEST_MODE.get(itype, "change")
    if kind == "allege":
        return "allege"  # accused of a conflict action: CAMEO 112
    return None


# --- the annotator -----------------------------------------------------------------------------


@annotator("events", assigns="events", requires=("places", "actors", "statements"))
def annotate_events(doc: Any, article: Article) -> list[Event]:
    """Extract the coded events of one parsed article."""
    return extract_events(doc, article)


def extract_events(doc: Any, article: Article, pats: Patterns | None = None) -> list[Event]:
    pats = pats or patterns()
    index = ActorIndex(article.actors, CountryContext.from_article(doc, article))
    events: list[Event] = []
    seen: dict[tuple, set[str | None]] = {}
    for sent in doc.sents:
        sentence_events: list[Event] = []
        for ev in _drop_subsumed(_sentence_events(sent, article, index, pats)):
            key = (
                ev.plover,
                ev.start,
                tuple(a.name for a in ev.actors),
                tuple(r.name for r in ev.recipients),
            )
            modes = seen.setdefault(key, set())
            if modes and not _another_act(ev, modes):
                continue
            modes.add(ev.mode)
            events.append(ev)
            sentence_events.append(ev)
        for ev in sentence_events:  # later sentences may point back to them ("the attack")
            index.remember(ev)
    return events


def _another_act(ev: Event, modes: set[str | None]) -> bool:
    """ "Abducted and shot dead": two violent acts on the same people, told apart by mode."""
    return ev.plover in VIOLENT_TYPES and ev.mode is not None and not modes & {None, ev.mode}


def _drop_subsumed(events: list[Event]) -> list[Event]:
    """One sentence, one happening: "a bomb exploded ..., killing ten" is one ASSAULT. An event
    whose actors and recipients are all named by another of the same type adds nothing, unless
    it happened and the other did not ("rallied to protest": the rally is the asserted one)."""
    kept = []
    for i, e in enumerate(events):
        names_a = {a.name for a in e.actors}
        names_r = {r.name for r in e.recipients}
        if any(
            j != i
            and f.plover == e.plover
            and (e.mode is None or e.mode == f.mode)
            and names_a <= {a.name for a in f.actors}
            and names_r <= {r.name for r in f.recipients}
            and (len(f.actors) + len(f.recipients) > len(e.actors) + len(e.recipients) or j < i)
            and (f.factuality == e.factuality or e.factuality != "asserted")
            for j, f in enumerate(events)
        ):
            continue
        kept.append(e)
    return kept


def _sentence_events(sent: Any, article: Article, index: ActorIndex, pats: Patterns) -> list[Event]:
    cands = candidates(sent, pats)
    obligations = _obligations(sent, pats)
    if not cands and not obligations:
        return []  # most sentences: nothing more to look at
    nouns = {t.lemma_.lower() for t in sent if t.pos_ in ("NOUN", "PROPN")}
    off_topic = bool(nouns & pats.cue("non_conflict"))
    by_token = {c.token.i: c for c in cands}
    out: list[tuple[Any, Event]] = []
    wrapped_by: dict[int, list[Candidate]] = {}
    said: set[int] = set()  # accusations made by saying another did harm
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
        if kind == "threaten" and c.trigger.type not in THREATENED_TYPES:
            continue
        if cue.lemma_.lower() == "fail" and c.trigger.type not in COOPERATIVE_TYPES:
            continue  # "failed to reach agreement" is a refusal; "failed to kill him" is not
        c.wrapper = (kind, cue)
        c.suppressed = kind != "allege"  # an alleged attack is also kept, as reported
        wrapped_by.setdefault(cue.i, []).append(c)
    for report, clause in obligations:
        inner = by_token.get(clause.i)
        if inner is not None and (inner.suppressed or inner.trigger.type in CONFLICT_TYPES):
            continue
        ev = _obligation_event(report, clause, inner, sent, article, index, pats)
        if ev is not None:
            out.append((report, ev))
            if inner is not None:
                inner.suppressed = True
    for cue_i, inners in wrapped_by.items():
        kind, cue = inners[0].wrapper  # type: ignore[misc]
        own = by_token.get(cue_i)
        if own is not None:
            own.suppressed = True  # "threatened to attack": one event, coded from the cue
            if own.wrapper is not None and own.wrapper[0] != "allege":
                continue  # "pressed both sides to agree to a truce": asked for, not agreed
        ev = _wrapper_event(kind, cue, inners[0], sent, article, index, pats)
        if ev is not None and kind == "allege" and cue.lemma_.lower() not in pats.cue("allege"):
            # "the US said Iraq attacked": the attack is what the sentence reports; the charge
            # it makes ranks right after it
            said.add(id(ev))
            out.append((inners[0].token, ev))
        elif ev is not None:
            out.append((cue, ev))
    for c in cands:
        if c.suppressed:
            continue
        ev = _plain_event(c, sent, article, index, pats, off_topic)
        if ev is not None:
            out.append((c.token, ev))
    out = _fold_when_clauses(_fold_participles(_fold_causes(out)), pats)
    out = _joint_actions(out, pats)
    _mark_riots(out, pats)
    # Main clause first: the event the sentence reports, then those embedded in it; a purpose
    # clause ("staged a protest to demand ...") ranks below its host.
    out.sort(
        key=lambda pair: (
            _depth(pair[0]) + _purpose(pair[0]),
            id(pair[1]) in said,
            -pair[1].confidence,
        )
    )
    return [ev for _, ev in out]


def _non_agent(token: Any, pats: Patterns) -> bool:
    """A subject that cannot act ("winds", "the crash"), unless it is a wave or a hail of
    something that can ("a wave of air strikes killed dozens")."""
    non_agents = pats.cue("non_agents")
    if token.lemma_.lower() not in non_agents and token.lower_ not in non_agents:
        return False
    of_what = [g for p in token.children if p.lower_ == "of" for g in p.children]
    return not any(
        g.lemma_.lower() in pats.nouns or g.lemma_.lower() in pats.cue("weapon_words")
        for g in of_what
    )


def _fold_participles(out: list[tuple[Any, Event]]) -> list[tuple[Any, Event]]:
    """ "Russian forces shelled Kharkiv, killing four civilians": the participle tells the toll
    of the attack it hangs on, so it is that attack, and its victims are that attack's."""
    return _fold(
        out,
        lambda tok, ev, host: (
            ev.plover == "ASSAULT" and tok.tag_ == "VBG" and tok.dep_ in ("advcl", "xcomp", "conj")
        ),
    )


def _fold_causes(out: list[tuple[Any, Event]]) -> list[tuple[Any, Event]]:
    """ "Shelling by government forces killed five people", "the bombing killed 12": the attack
    that kills is the killing, so its means set the mode and its doers are the killers."""

    def adopt(tok: Any, ev: Event, host: Event) -> None:
        if host.mode is None and ev.mode is not None:
            _recode(host, "ASSAULT", ev.mode, ev.cameo)
        if ev.actors and all(a.sector == "UAF" for a in host.actors):
            host.actors = ev.actors

    return _fold(
        out,
        lambda tok, ev, host: ev.plover == "ASSAULT" and tok.dep_ in ("nsubj", "csubj"),
        adopt,
    )


def _fold_when_clauses(out: list[tuple[Any, Event]], pats: Patterns) -> list[tuple[Any, Event]]:
    """ "Seven people were wounded when a grenade exploded", "... injured as police fired rubber
    bullets": the clause of time tells how the harm it hangs on was done, so it is that attack,
    and its means set the attack's mode."""

    def tells_how(tok: Any, ev: Event, host: Event) -> bool:
        return (
            (ev.plover == "ASSAULT" or (ev.plover, ev.mode) == ("MOBILIZE", "weapons"))
            and tok.dep_ == "advcl"
            and any(m.dep_ in ("mark", "advmod") and m.lower_ in WHEN_MARKS for m in tok.children)
            and host.mode is None
            and _unnamed_or_same(host.actors, ev.actors)
        )

    def adopt(tok: Any, ev: Event, host: Event) -> None:
        mode = ev.mode if ev.plover == "ASSAULT" else _weapon_mode(tok, pats)
        _recode(host, "ASSAULT", mode, ev.cameo if ev.mode == mode else None)
        if all(a.sector == "UAF" for a in host.actors):
            host.actors = ev.actors or host.actors  # the bomber named in the clause

    return _fold(out, tells_how, adopt)


def _fold(
    out: list[tuple[Any, Event]],
    tells: Callable[[Any, Event, Event], bool],
    adopt: Callable[[Any, Event, Event], None] | None = None,
) -> list[tuple[Any, Event]]:
    """Merge into the attack a clause hangs on the events that `tells` says are that attack:
    their victims become its victims, and `adopt` takes what else they say."""
    by_token = {tok.i: ev for tok, ev in out}
    kept = []
    for tok, ev in out:
        host = by_token.get(tok.head.i)
        if host is None or host is ev or host.plover != "ASSAULT" or not tells(tok, ev, host):
            kept.append((tok, ev))
            continue
        if adopt is not None:
            adopt(tok, ev, host)
        host.recipients += [
            r for r in ev.recipients if all(r.name != h.name for h in host.recipients)
        ]
    return kept


def _joint_actions(out: list[tuple[Any, Event]], pats: Patterns) -> list[tuple[Any, Event]]:
    """ "Colombian and Ecuadorean police jointly dismantled a network", "a coordinated operation
    by Spanish and Moroccan police": forces of two countries acting together cooperate (CAMEO
    06), which the story reports first; the action itself follows."""
    kept = []
    for tok, ev in out:
        if (
            ev.plover not in COOPERATIVE_TYPES
            and len({a.country for a in ev.actors if a.country}) > 1
            and _done_jointly(tok, pats)
        ):
            joint = dataclasses.replace(ev, recipients=[])
            armed = all(a.sector in ARMED_SECTORS for a in ev.actors)
            _recode(joint, "COOPERATE", None, "062" if armed else "060")
            kept.append((tok, joint))
        kept.append((tok, ev))
    return kept


def _done_jointly(token: Any, pats: Patterns) -> bool:
    words = pats.cue("joint_words")
    near = [*token.children, *(g for c in token.children if c.dep_ == "dobj" for g in c.children)]
    return any(c.lower_ in words for c in near if c.dep_ in ("advmod", "amod"))


def _mark_riots(out: list[tuple[Any, Event]], pats: Patterns) -> None:
    """A demonstration is a riot (PLOVER PROTEST:riot, CAMEO 145) when its sentence has the
    crowd doing violence ("demonstrators clashed with police") or calls it violent."""
    crowd_violence = any(
        ev.plover == "ASSAULT" and any(a.sector == "PRE" for a in ev.actors) for _, ev in out
    )
    for tok, ev in out:
        if (ev.plover, ev.mode) != ("PROTEST", "demo"):
            continue
        violent = any(
            c.dep_ in ("amod", "acomp", "oprd") and c.lower_ in pats.cue("riot_modifiers")
            for c in tok.children
        )
        if crowd_violence or violent:
            _recode(ev, "PROTEST", "riot")


def _recode(ev: Event, plover: str, mode: str | None, cameo: str | None = None) -> None:
    """Give an event built already another mode, with the codes that go with it."""
    coding = ontology().code(plover, mode, cameo)
    ev.plover, ev.mode, ev.cameo = coding.plover, coding.mode, coding.cameo
    ev.quad_class, ev.goldstein = coding.quad_class, coding.goldstein


def _unnamed_or_same(host: list[ActorRef], inner: list[ActorRef]) -> bool:
    """The host names no doer of its own, or the same ones: "residents fought back after the
    soldiers had shot" is two sides, not one attack."""
    names = {a.name for a in host if a.sector != "UAF"}
    return not names or names == {a.name for a in inner}


# Clauses of time that tell how an attack was done ("killed when gunmen opened fire").
WHEN_MARKS = frozenset({"when", "as", "after"})


def _demand_target(token: Any, actors: list[ActorRef], index: ActorIndex, pats: Patterns) -> list:
    """Protesters target whom their demand names: "marched to demand the resignation of
    President X", "demonstrated calling for independence from Iraq"."""
    request = pats.cue("request")
    hosts = [token]
    verb = governing_verb(token) if token.pos_ == "NOUN" else None
    if verb is not None:
        hosts.append(verb)
    for host in hosts:
        for clause in host.children:
            if clause.dep_ in ("advcl", "xcomp", "acl", "conj") and (
                clause.lemma_.lower() in request
            ):
                found = fallback_recipients(clause, actors, index)
                if found:
                    return found
    return []


def _purpose(token: Any) -> int:
    return int(
        token.dep_ in ("advcl", "acl", "xcomp")
        and any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children)
    )


def _depth(token: Any) -> int:
    depth = 0
    if token.pos_ in ("NOUN", "PROPN"):
        # an event noun ranks with the verb it hangs on: "went on strike to demand pay" reports
        # the strike first; below it when the verb's subject does not do it ("protested against
        # the killing": the protest is the news)
        verb = governing_verb(token)
        if verb is not None:
            depth = 0 if performs(token, verb) else 2
            token = verb
    while token.head.i != token.i and depth < 50:
        token, depth = token.head, depth + 1
    return depth


def _obligations(sent: Any, pats: Patterns) -> list[tuple[Any, Any]]:
    """(reporting verb, clause) pairs where the clause says someone must or should act."""
    report, modals = pats.cue("report"), pats.cue("obligation_modals")
    out = []
    for t in sent:
        if t.pos_ != "VERB" or t.lemma_.lower() not in report | {"conclude", "insist"}:
            continue
        for clause in t.children:
            if clause.dep_ != "ccomp":
                continue
            kids = list(clause.children)
            if any(k.dep_ == "aux" and k.lower_ in modals for k in kids) and not any(
                k.dep_ == "neg" for k in kids
            ):
                out.append((t, clause))
    return out


def _obligation_event(
    report: Any,
    clause: Any,
    inner: Candidate | None,
    sent: Any,
    article: Article,
    index: ActorIndex,
    pats: Patterns,
) -> Event | None:
    """ "Russia said that Sudan must return the helicopter": REQUEST by Russia of Sudan."""
    speaker = subject(report)
    actors = refs(speaker, index, article) if speaker is not None else []
    subj = child(clause, "nsubj", "nsubjpass")
    recips = refs(subj, index, article) if subj is not None else []
    recips = [r for r in recips if all(r.name != a.name for a in actors)]
    if not actors or not recips:
        return None
    mode = REQUEST_MODE.get(inner.trigger.type, "change") if inner is not None else "change"
    return _event(
        "REQUEST", mode, None, actors, recips, report, sent, article, index, pats, confidence=0.6
    )


def _cue_args(cue: Any) -> tuple[list[Any], list[Any]]:
    if cue.pos_ == "NOUN":  # "signals to an offensive", "the threat of an attack"
        # "reiterated its demand": a possessive pronoun is the subject of the verb it hangs on
        poss = [c for c in cue.children if c.dep_ == "poss" and c.pos_ != "PRON"]
        verb = governing_verb(cue)
        subj = subject(verb) if verb is not None else None
        return poss or ([subj] if subj is not None else []), []
    if cue.dep_ == "acl" and cue.tag_ == "VBN":  # "firms accused of helping Moscow"
        return prep_objects(cue, ("by",))[:1], [cue.head]
    subj = subjects(cue)
    if is_passive(cue):
        subj = prep_objects(cue, ("by",))[:1]
    objs = [
        x for x in [child(cue, "dobj")] if x is not None and x.pos_ in ("PROPN", "NOUN", "PRON")
    ]
    objs += prep_objects(cue, ("on", "upon"))
    return subj, objs


def _wrapper_event(
    kind: str,
    cue: Any,
    inner: Candidate,
    sent: Any,
    article: Article,
    index: ActorIndex,
    pats: Patterns,
) -> Event | None:
    plover = WRAPPER_TYPES[kind]
    mode = _wrapped_mode(kind, inner)
    a_tok, r_tok = _cue_args(cue)
    if not a_tok and cue.pos_ != "NOUN":
        a_tok = [x for x in [stray_subject(cue, index)] if x is not None]
    actors = [r for t in a_tok for r in refs(t, index, article)]
    recips = [r for t in r_tok for r in refs(t, index, article)]
    inner_a, inner_r = (noun_args if inner.noun else verb_args)(inner, index)
    inner_recips = recipient_refs(inner_r, index, article, actors)
    if kind == "request" and not recips:
        recips = [r for t in inner_a for r in refs(t, index, article)]
    if kind in ("threaten", "agree") and inner_recips and not recips:
        recips = inner_recips  # "warned Iran it would face ...": the one warned comes first
    recips = [r for r in recips if all(r.name != a.name for a in actors)]
    if not actors and not recips:
        return None
    cameo = None
    if kind == "agree" and inner.trigger.type == "AGREE":
        cameo = inner.trigger.cameo
    if kind == "threaten" and inner.trigger.type == "ASSAULT":
        cameo = "138"  # threaten with military force
    if kind == "request" and cue.lemma_.lower() in pats.cue("appeal"):
        cameo = "020"  # "urged", "asked", "appealed": CAMEO appeal rather than demand
    if kind == "allege":
        doers = [r for t in inner_a for r in refs(t, index, article)]
        said = cue.lemma_.lower() not in pats.cue("allege")
        # "told reporters that ...": the one told is not the accused
        recips = _accused(actors, doers, cue, inner, pats) if said else recips or doers
        recips = [r for r in recips if all(r.name != a.name for a in actors)]
        if not actors or (said and not recips):
            return None
    if not recips:
        recips = fallback_recipients(cue, actors, index)
    return _event(
        plover,
        mode,
        cameo,
        actors,
        recips,
        cue,
        sent,
        article,
        index,
        pats,
        confidence=0.75 if actors else 0.55,
    )


def _accused(
    speakers: list[ActorRef], doers: list[ActorRef], cue: Any, inner: Candidate, pats: Patterns
) -> list[ActorRef]:
    """Whom a speaker accuses by saying they did harm: the named doers not on the speaker's own
    side, where the speaker is a state, an organisation or a party to the conflict (a witness,
    a hospital or a news agency reports; it does not accuse) and the harm is said to have been
    done (not "could attack")."""
    flags = factuality_of_flags(inner.token, pats)
    if flags & {"hypothetical", "denied"} or _modal_future(inner.token, pats):
        return []
    if inner.token.i < cue.i:
        return []  # "Rebels attacked the town, police said": a source named, not a charge made
    if not any(
        s.sector in ACCUSER_SECTORS and (s.country or s.sector in ("IGO", "NGO")) for s in speakers
    ):
        return []  # "officials said": no side named
    return [d for d in doers if d.sector != "UAF" and not any(_same_side(d, s) for s in speakers)]


# Who accuses by saying that another did harm: states and their organs, international and
# non-governmental organisations, parties and armed groups.
ACCUSER_SECTORS = frozenset({None, "GOV", "MIL", "LEG", "JUD", "IGO", "NGO", "OPP", "PTY", "REB"})


def _same_side(a: ActorRef, b: ActorRef) -> bool:
    """ "The US Central Command said US jets struck": the state speaks of its own forces."""
    if a.name == b.name:
        return True
    if not a.country or a.country != b.country:
        return False
    sectors = {a.sector, b.sector}
    return None in sectors or len(sectors) == 1 or sectors <= STATE_SECTORS


def _own_side_warns(
    token: Any, actors: list[ActorRef], index: ActorIndex, article: Article, pats: Patterns
) -> bool:
    """ "Erdogan says the army could launch an incursion": a side saying its own forces could
    strike threatens ("Ukraine said Russia could attack" does not: it warns of another)."""
    clause = governing_verb(token) if token.pos_ == "NOUN" else token
    if clause is None or not any(
        c.dep_ == "aux" and c.lower_ in ("could", "may", "might") for c in clause.children
    ):
        return False
    speaker = _reporting_subject(clause, pats)
    said_by = refs(speaker, index, article) if speaker is not None else []
    return any(
        s.country and (a.country == s.country or (a.country is None and a.sector in STATE_SECTORS))
        for s in said_by
        for a in actors
    )


def _gathered_for(c: Candidate, plover: str, article: Article, pats: Patterns) -> bool:
    """A protest or a consultation in the purpose clause of a verb of coming together that
    happened ("rallied to protest", "met in Geneva to discuss")."""
    head = c.token.head
    return (
        (
            plover == "PROTEST"
            or (plover == "CONSULT" and head.lemma_.lower() in pats.cue("convene"))
        )
        and bool(_purpose(c.token))
        and head.pos_ == "VERB"
        and factuality_of(head, article, pats)[0] in ("asserted", "reported")
    )


def _orders_out(verb: Any, pats: Patterns) -> bool:
    """ "ordered the ambassador to leave the country": an order to leave is an expulsion."""
    return verb.lemma_.lower() in pats.cue("order_out") and any(
        c.dep_ in ("xcomp", "ccomp") and c.lemma_.lower() in pats.cue("leave")
        for c in verb.children
    )


def _plain_event(
    c: Candidate, sent: Any, article: Article, index: ActorIndex, pats: Patterns, off_topic: bool
) -> Event | None:
    """The event a trigger reports on its own: its participants, then its coding as they and
    the clause's modality shape it."""
    trig = c.trigger
    a_tok, r_tok = (noun_args if c.noun else verb_args)(c, index)
    if trig.swap:
        # "received weapons from X": X gives, the subject receives; "came under fire": no giver
        a_tok, r_tok = ([] if c.noun else prep_objects(c.token, ("from",))), a_tok
    if (trig.type in VIOLENT_TYPES or trig.type == "MOBILIZE") and any(
        _non_agent(t, pats) for t in a_tok
    ):
        return None  # "winds pushed the bushfire", "the crash killed two"
    actors = [r for t in a_tok for r in refs(t, index, article)]
    recips = _recipients(c, r_tok, actors, index, article, pats)
    coding = _coding_by_participants(c, actors, recips, r_tok, pats, off_topic)
    if coding is None or not _has_participants(c, coding, actors, recips, sent, pats):
        return None
    plover, mode, cameo = coding
    if plover == "REQUEST" and _orders_out(c.token, pats):
        plover, mode, cameo = "SANCTION", "expel", None  # "ordered the UN mission to leave"
    if plover == "ASSAULT" and trig.untargeted and not recips and not _has_target(r_tok, pats):
        # "fired a missile into the sea": a show of force, not an attack on anyone
        plover, _, untargeted_mode = trig.untargeted.partition(":")
        mode, cameo = untargeted_mode or None, None
    (plover, mode, cameo), actors = _coding_by_modality(
        c, (plover, mode, cameo), actors, index, article, pats
    )
    confidence = 0.5 + 0.15 * bool(actors) + 0.1 * bool(recips) + (0.05 if not c.noun else 0.0)
    ev = _event(
        plover,
        mode,
        cameo,
        actors,
        recips,
        c.token,
        sent,
        article,
        index,
        pats,
        confidence=confidence,
    )
    if ev.factuality == "intended" and _gathered_for(c, plover, article, pats):
        # "thousands rallied / took to the streets to protest", "the ministers sat down to
        # discuss": coming together for it is doing it, as certain as the verb that brings them
        ev.factuality = factuality_of(c.token.head, article, pats)[0]  # type: ignore[assignment]
    if plover == "REJECT" and trig.type != "REJECT" and ev.factuality == "denied":
        # "would never sit down with him": the negation made the refusal, which is stated
        ev.factuality = "reported" if ev.statement is not None else "asserted"
    return ev


# (PLOVER type, mode, CAMEO code or None for the type's own)
Reading = tuple[str, str | None, str | None]


def _recipients(
    c: Candidate,
    r_tok: list[Any],
    actors: list[ActorRef],
    index: ActorIndex,
    article: Article,
    pats: Patterns,
) -> list[ActorRef]:
    """Whom the event is done to: its object, else who a protest demands of, whose act a
    reaction points back to, or the first other actor in the clause."""
    trig = c.trigger
    recips = recipient_refs(
        r_tok, index, article, actors, physical=trig.type in VIOLENT_TYPES or trig.physical
    )
    recips = [r for r in recips if all(r.name != a.name for a in actors)]
    if not recips and trig.type == "PROTEST":
        recips = _demand_target(c.token, actors, index, pats)
    if trig.type in REACTION_TYPES:
        # "condemned the launch": the launch's doers, before anything its phrase names
        recips = _earlier_doers(r_tok, actors, index, pats) or recips
    if not recips and not trig.swap and not (len(actors) > 1 and trig.type in MUTUAL_TYPES):
        recips = fallback_recipients(c.token, actors, index, instrument=trig.instrument)
    return recips


def _coding_by_participants(
    c: Candidate,
    actors: list[ActorRef],
    recips: list[ActorRef],
    r_tok: list[Any],
    pats: Patterns,
    off_topic: bool,
) -> Reading | None:
    """The trigger's reading as its participants and means shape it; None when they show it is
    no event (an attack on an idea, violence in a sports story)."""
    trig = c.trigger
    plover, mode, cameo = trig.type, trig.mode, trig.cameo
    for who, reading in trig.by:
        if ACTED_BY[who](actors):
            plover, _, reading_mode = reading.partition(":")
            mode, cameo = reading_mode or None, None
    armed_reading = any(who == "armed" for who, _ in trig.by)
    if (plover == "MOBILIZE" or armed_reading) and _clause_words(c.token) & pats.cue(
        "peacekeeping"
    ):
        # peacekeepers sent or arriving: aid (CAMEO 074), not a show of force
        plover, mode, cameo = "AID", None, "074"
    elif plover == "MOBILIZE" and _purpose_lemmas(c.token) & pats.cue("relief_purposes"):
        # "deployed helicopters to evacuate stranded tourists": humanitarian aid (CAMEO 073)
        plover, mode, cameo = "AID", None, "073"
    if plover == "ASSAULT" and (wmd := _mass_destruction(c.token, pats)):
        mode, cameo = "unconventional", wmd  # whatever else the trigger says ("dropped")
    elif (
        plover == "ASSAULT"
        and cameo in (None, "190")
        and (mode is None or mode in pats.cue("weapon_modes_replace"))
    ):
        weapon_mode = _weapon_mode(c.token, pats)
        if weapon_mode is not None:
            mode, cameo = weapon_mode, None  # the mode's own CAMEO code is the more specific one
    if (
        (trig.physical or (c.noun and plover in VIOLENT_TYPES))
        and r_tok
        and all(_abstract(t, pats) for t in r_tok)
    ):
        if c.token.lemma_.lower() not in ("attack", "hit", "target", "strike", "slam", "blast"):
            return None
        plover, mode, cameo = "ACCUSE", "disapprove", None  # "attacked the plan": criticism
    if (
        plover in VIOLENT_TYPES
        and off_topic
        and not any(r.sector in ARMED_SECTORS for r in actors + recips)
    ):
        return None  # sport, weather, accidents: "beat France 2-1", "winds fanned the fire"
    if (
        plover == "ASSAULT"
        and mode in (None, "primitive", "destroy", "beat")
        and (
            any(a.sector == "PRE" for a in actors)
            or (any(a.sector == "OPP" for a in actors) and any(r.sector == "COP" for r in recips))
        )
    ):
        # "protesters clashed with police", "opposition supporters fought riot police"
        plover, mode, cameo = "PROTEST", "riot", None
    elif (
        plover == "ASSAULT"
        and any(r.sector == "PRE" for r in recips)
        and any(a.sector in ("COP", "MIL", "GOV") for a in actors)
    ):
        mode, cameo = "crowd-control", None  # police against protesters
    elif (
        plover == "ASSAULT"
        and cameo is None
        and mode is None
        and (
            any(r.sector in ("MIL", "REB", "UAF") for r in actors + recips)
            or any(a.country and a.sector is None for a in actors)
        )
    ):
        # armed forces on either side, or a state as attacker: CAMEO's "use conventional
        # military force" (19) rather than an unarmed assault (18)
        cameo = "190"
    if (
        plover in ("COERCE", "ASSAULT")
        and c.token.lemma_.lower() in pats.cue("take_verbs")
        and any(_is_territory(t, pats) for t in r_tok)
    ):
        plover, mode, cameo = "ASSAULT", None, "192"  # "captured the town": taking territory
    return plover, mode, cameo


def _has_participants(
    c: Candidate,
    coding: Reading,
    actors: list[ActorRef],
    recips: list[ActorRef],
    sent: Any,
    pats: Patterns,
) -> bool:
    """Whether the event has the participants its kind needs to be reported at all."""
    plover, mode, _ = coding
    if (
        plover in VIOLENT_TYPES
        and not actors
        and mode not in INTENTIONAL_MODES
        and _agentless_disaster(sent, pats)
    ):
        return False  # "77 people were killed in flash floods", "58 were injured" in a flood story
    if (
        c.noun
        and not actors
        and not recips
        and plover != "PROTEST"
        and not (plover == "ASSAULT" and _happened_noun(c.token, sent, pats))
    ):
        return False
    if c.noun and c.trigger.needs_actor and not actors:
        return False
    if not c.noun and not actors and not recips and plover not in ("ASSAULT", "PROTEST", "COERCE"):
        return plover == "CONCEDE" and is_passive(c.token)  # "the curfew was lifted"
    # a statement or a demand needs its maker ("diplomats accused of spying")
    return not (plover in VERBAL_TYPES and not actors and (not recips or c.token.dep_ == "acl"))


def _coding_by_modality(
    c: Candidate,
    coding: Reading,
    actors: list[ActorRef],
    index: ActorIndex,
    article: Article,
    pats: Patterns,
) -> tuple[Reading, list[ActorRef]]:
    """The coding as the clause's modality changes it: a stated conflict action is a threat, a
    refused concession a rejection, a stated will to cooperate an agreement."""
    plover, mode, cameo = coding
    flags = factuality_of_flags(c.token, pats)
    if plover == "ASSAULT" and _governed_by(c.token, pats.cue("prepare")):
        # "the army prepared to resume shelling": the build-up is the event (a show of force)
        plover, mode, cameo = "MOBILIZE", "troops", None
    elif (
        plover in CONFLICT_TYPES
        and flags & {"intended", "hypothetical"}
        and "denied" not in flags
        and (_modal_future(c.token, pats) or _own_side_warns(c.token, actors, index, article, pats))
        and not (plover == "SANCTION" and _governed_by(c.token, pats.cue("performative")))
    ):
        # "said they would boycott", "will blockade Paris": a stated conflict action is a threat
        # ("announced it would prohibit aid" is the sanction decided, not a threat of one)
        mode = _wrapped_mode("threaten", c)
        plover, cameo = "THREATEN", ("138" if plover == "ASSAULT" else None)
        if not actors:  # "Lavrov stated that both countries should wipe off ...": his threat
            speaker = _reporting_subject(c.token, pats)
            actors = refs(speaker, index, article) if speaker is not None else []
    elif plover == "RETREAT" and _has_unless(c.token):
        plover, mode, cameo = "THREATEN", None, None  # "will withdraw unless ..."
    elif plover in COOPERATIVE_TYPES and "denied" in flags and _modal_future(c.token, pats):
        # "would not give permission", "will not withdraw": a refusal
        plover, mode, cameo = "REJECT", REQUEST_MODE.get(plover, "change"), None
    if (
        plover in INTENT_AGREE_CAMEO
        and "denied" not in flags
        and ("intended" in flags or ("hypothetical" in flags and _modal_future(c.token, pats)))
        and not _gathered_for(c, plover, article, pats)
    ):
        # A stated intent to cooperate is itself the event: PLOVER AGREE (CAMEO 03); so is a
        # conditional offer ("would meet the mediator if ...").
        cameo, plover, mode = INTENT_AGREE_CAMEO[plover], "AGREE", None
    return (plover, mode, cameo), actors


# CAMEO 03x "express intent to ...": AID 033, material cooperation 031, yield 035, meet 036.
INTENT_AGREE_CAMEO = {
    "AID": "033",
    "COOPERATE": "031",
    "RETREAT": "035",
    "CONCEDE": "035",
    "SUPPORT": "032",
    "CONSULT": "036",
}


def _purpose_lemmas(token: Any) -> set[str]:
    """The verbs of the trigger's purpose clauses ("sent troops to evacuate ...")."""
    return {
        c.lemma_.lower()
        for c in token.children
        if c.dep_ in ("xcomp", "advcl") and any(a.lower_ == "to" for a in c.children)
    }


def _clause_words(token: Any, skip: Callable[[Any], bool] | None = None) -> set[str]:
    """Lemmas and forms of the nouns and adjectives in the trigger's own clause (without the
    subtrees `skip` rejects)."""
    return {
        w
        for t in _own_clause(token, skip)
        if t.pos_ in ("NOUN", "PROPN", "ADJ")
        for w in (t.lemma_.lower(), t.lower_)
    }


def _describes_target(token: Any) -> bool:
    """A participle describing a noun other than the subject: "stone-throwing youths"."""
    return (
        token.dep_ == "amod"
        and token.pos_ == "VERB"
        and token.head.dep_ not in ("nsubj", "nsubjpass")
    )


# Who acts, for a trigger's readings by actor (`by_state`, ... in patterns.yaml).
ACTED_BY: dict[str, Callable[[list[ActorRef]], bool]] = {
    # a country named as actor is its state: "Turkey blocked access"
    "state": lambda actors: any(
        a.sector in STATE_SECTORS or (a.country and not a.sector) for a in actors
    ),
    "armed": lambda actors: any(a.sector in ARMED_SECTORS for a in actors),
    "legal": lambda actors: any(a.sector in ("COP", "JUD") for a in actors),
    "allies": lambda actors: len({a.country for a in actors if a.country}) > 1,
}


# Types whose target may be an earlier event: "condemned the attack", "welcomed the decision".
REACTION_TYPES = frozenset({"ACCUSE", "SUPPORT", "REJECT"})


def _earlier_doers(
    objects: list[Any], actors: list[ActorRef], index: ActorIndex, pats: Patterns
) -> list[ActorRef]:
    """ "Ukraine condemned the attack": a definite event noun points back to the latest event
    the article reported, and its doers are the ones condemned."""
    pointing = [
        t
        for t in objects
        if t.pos_ == "NOUN"
        and any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in t.children)
        and (t.lemma_.lower() in pats.nouns or t.lemma_.lower() in pats.cue("abstract_targets"))
    ]
    if not pointing:
        return []
    names = {a.name for a in actors}
    # "denounced the invasion" points back to the latest invasion, not the latest event
    kinds = {t.type for p in pointing for t in pats.nouns.get(p.lemma_.lower(), ())}
    for ev in reversed(index.recent):
        if kinds and ev.plover not in kinds:
            continue
        doers = [a for a in ev.actors if a.name not in names]
        if doers and len(doers) == len(ev.actors):
            return doers
    return []


def _weapon_mode(token: Any, pats: Patterns) -> str | None:
    """The ASSAULT mode implied by the means named in the trigger's own clause, leaving out what
    describes the target ("fired at stone-throwing youths": the stones are theirs)."""
    words = _clause_words(token, skip=_describes_target)
    for mode in WEAPON_MODES:
        if words & pats.cue(f"weapons_{mode}"):
            return mode
    if _mass_destruction(token, pats):
        return "unconventional"
    # "the bombings by al Qaeda killed 200": an attack noun that kills names the means
    subj = child(token, "nsubj")
    if subj is not None and subj.pos_ == "NOUN":
        readings = pats.nouns.get(subj.lemma_.lower()) or pats.nouns.get(subj.lower_) or []
        return next((t.mode for t in readings if t.type == "ASSAULT" and t.mode), None)
    return None


def _mass_destruction(token: Any, pats: Patterns) -> str | None:
    """CAMEO's code for weapons of mass destruction named as the means in the trigger's clause:
    2042 nuclear, 2041 chemical or biological ("used chemical weapons", not "attacked a nuclear
    plant")."""
    kinds, means = pats.cue("mass_destruction"), pats.cue("mass_destruction_means")
    for t in _own_clause(token, _describes_target):
        if t.lower_ in kinds and t.head.lemma_.lower() in means:
            return "2042" if t.lower_ in pats.cue("nuclear") else "2041"
    return None


def _reporting_subject(token: Any, pats: Patterns) -> Any | None:
    report = pats.cue("report")
    t = token
    for _ in range(5):
        if t.head.i == t.i:
            return None
        t = t.head
        if t.pos_ == "VERB" and t.lemma_.lower() in report:
            return child(t, "nsubj")
    return None


def _modal_future(token: Any, pats: Patterns) -> bool:
    """A will/would/shall/should on the event's own clause (not a purpose or "if" clause)."""
    modals = pats.cue("modal_intended") | {"would", "should", "must"}
    t = token
    for _ in range(3):
        if any(c.dep_ == "aux" and c.lower_ in modals for c in t.children):
            return not any(c.dep_ == "mark" and c.lower_ in ("if",) for c in t.children)
        if t.dep_ not in ("xcomp", "conj") or t.head.i == t.i:
            return False
        t = t.head
    return False


def _governed_by(token: Any, lemmas: frozenset[str]) -> bool:
    """A verb of `lemmas` governs the event within a few clause links ("prepared to resume
    shelling", "announced it would prohibit aid")."""
    t = token
    for _ in range(3):
        if t.dep_ not in EMBED_DEPS | {"conj"} or t.head.i == t.i:
            return False
        t = t.head
        if t.pos_ == "VERB" and t.lemma_.lower() in lemmas:
            return True
    return False


def _has_unless(token: Any) -> bool:
    return any(
        g.lower_ == "unless" for c in token.children if c.dep_ == "advcl" for g in c.children
    )


def _has_target(tokens: list[Any], pats: Patterns) -> bool:
    """ "fired shells at targets in Jericho", "at the village": aimed at something, unlike "into
    the sea" or "into the air" (a show of force)."""
    spaces = pats.cue("open_spaces")
    return any(
        t.pos_ in ("NOUN", "PROPN")
        and t.ent_type_ not in ("DATE", "TIME", "CARDINAL", "ORDINAL", "QUANTITY")
        and t.lemma_.lower() not in spaces
        and t.lower_ not in spaces
        for t in tokens
    )


def _is_territory(token: Any, pats: Patterns) -> bool:
    if token.lemma_.lower() == "control":  # "seized control of the city"
        return any(
            _is_territory(g, pats) for p in token.children if p.lower_ == "of" for g in p.children
        )
    return token.ent_type_ in ("GPE", "LOC", "FAC") or token.lemma_.lower() in pats.cue("territory")


def _abstract(token: Any, pats: Patterns) -> bool:
    """An idea, not a target: "the plan", "its rivals' pricing strategy"."""
    words = pats.cue("abstract_targets")
    if token.lemma_.lower() in words:
        return True
    return any(c.dep_ == "compound" and c.lemma_.lower() in words for c in token.children)


def _agentless_disaster(sent: Any, pats: Patterns) -> bool:
    """A sentence with no weapon in it, about a flood, a crash or a fire, or in a story whose
    lead is about one ("At least 58 people were injured" in a flood report)."""
    lemmas = _content_words(sent)
    if lemmas & pats.cue("weapon_words"):
        return False
    if any(t.pos_ == "VERB" and t.lemma_.lower() in pats.cue("weapon_verbs") for t in sent):
        return False  # "security forces fired rubber bullets": the fire is gunfire
    if lemmas & pats.cue("disasters"):
        return True
    lead = list(sent.doc.sents)[:LEAD_SENTENCES]
    words = set().union(*(_content_words(s) for s in lead)) if lead else set()
    return bool(words & pats.cue("disasters")) and not words & pats.cue("weapon_words")


# How many opening sentences say what a story is about.
LEAD_SENTENCES = 2


def _content_words(span: Any) -> set[str]:
    tokens = [t for t in span if t.pos_ in ("NOUN", "VERB", "PROPN")]
    return {t.lemma_.lower() for t in tokens} | {t.lower_ for t in tokens}


def _happened_noun(noun: Any, sent: Any, pats: Patterns) -> bool:
    """An attack with no named attacker still counts when the sentence says it hit someone."""
    if noun.dep_ in ("nsubj", "nsubjpass"):
        return True
    return any(t.lemma_.lower() in pats.cue("casualty_words") for t in sent)


def _event(
    plover: str,
    mode: str | None,
    cameo: str | None,
    actors: list[ActorRef],
    recips: list[ActorRef],
    anchor: Any,
    sent: Any,
    article: Article,
    index: ActorIndex,
    pats: Patterns,
    confidence: float,
) -> Event:
    coding = ontology().code(plover, mode, cameo)
    fact, statement = factuality_of(anchor, article, pats)
    # spaCy keeps the paragraph break after a sentence in it; evidence ends at its last character
    evidence = sent.text.rstrip()
    if plover == "THREATEN" and fact != "denied":
        fact = "threatened"
    place = _place(article, anchor, sent)
    actors = _unique(_doers(coding.plover, actors, anchor, place, article, index, pats))
    recips = _unique(recips)
    return Event(
        plover=coding.plover,
        mode=coding.mode,
        cameo=coding.cameo,
        quad_class=coding.quad_class,
        goldstein=coding.goldstein,
        actors=actors,
        recipients=recips,
        place=place,
        date=event_date(article.published, sent),
        factuality=fact,  # type: ignore[arg-type]
        statement=statement,
        sentence=evidence,
        start=sent.start_char,
        end=sent.start_char + len(evidence),
        confidence=round(min(confidence, 1.0), 2),
    )


def _unique(refs: list[ActorRef]) -> list[ActorRef]:
    """One entry per name: several words of a sentence may point to the same actor."""
    out: list[ActorRef] = []
    for r in refs:
        if all(r.name != o.name for o in out):
            out.append(r)
    return out


def _doers(
    plover: str,
    actors: list[ActorRef],
    anchor: Any,
    place: PlaceRef | None,
    article: Article,
    index: ActorIndex,
    pats: Patterns,
) -> list[ActorRef]:
    """The event's doers: those the arguments named, less a weapon the model took for a name
    ("Missiles struck ..."); when none is named, the story's or ACLED's unnamed doers."""
    actors = [a for a in actors if a.sector or a.country or not _weapon_word(a.name, pats)]
    if actors or plover not in UNNAMED_DOERS or not (_no_subject(anchor) and _reported(anchor)):
        return actors
    return _recent_doers(plover, index) or _unnamed_doers(plover, place, article)


def _recent_doers(plover: str, index: ActorIndex) -> list[ActorRef]:
    """The doers of the article's latest events of this type, when they are all the same
    ("Russian forces shelled Kharkiv ... Missiles struck two apartment blocks"); none when the
    story has named more than one side for them."""
    earlier = [e for e in index.recent if e.plover == plover][-3:]
    sides = {frozenset(a.name for a in e.actors) for e in earlier}
    if len(sides) != 1 or not earlier[-1].actors:
        return []
    if any(a.name == UNNAMED_DOERS[plover][0] for a in earlier[-1].actors):
        return []
    return list(earlier[-1].actors)


def _weapon_word(name: str, pats: Patterns) -> bool:
    return any(name.lower() in pats.cue(f"weapons_{mode}") for mode in WEAPON_MODES)


def _reported(anchor: Any) -> bool:
    """The trigger reports its event rather than names one as the topic of a comment or as an
    occasion ("after denouncing the invasion of Ukraine")."""
    if anchor.pos_ not in ("NOUN", "PROPN"):
        return True
    verb = governing_verb(anchor)
    return verb is None or performs(anchor, verb)


def _no_subject(anchor: Any) -> bool:
    """The trigger names no doer at all: passive, a noun, or a subject that is only a weapon
    ("a bomb killed"), not a pronoun the parse could not resolve ("if it attacked")."""
    return not any(c.dep_ in ("nsubj", "csubj") and c.tag_ == "PRP" for c in anchor.children)


def _unnamed_doers(plover: str, place: PlaceRef | None, article: Article) -> list[ActorRef]:
    """ACLED's convention for an attack or a protest nobody is named for ("a roadside bomb near
    Samarra killed ...", "thousands rallied in Tbilisi"): an unidentified armed group, or
    protesters, of the country where it happened, so that counts by country and by dyad still
    see the event. Nothing when the place has no country."""
    if place is None:
        return []
    country = next(
        (
            p.country
            for p in article.places
            if p.country
            and (p.name == place.name or (p.geonames_id and p.geonames_id == place.geonames_id))
        ),
        None,
    )
    name, sector = UNNAMED_DOERS[plover]
    return [ActorRef(name, country, sector)] if country else []


def _place(article: Article, anchor: Any, sent: Any) -> PlaceRef | None:
    """Where the event happened: a place named in the trigger's own clause (not in a relative or
    reported clause hanging off it, and not just the article's main place)."""
    if _place_for_span is None or not any(
        p.lat is not None and any(sent.start_char <= s < sent.end_char for s, _ in p.mentions)
        for p in article.places
    ):
        return None  # the sentence names no resolved place: nothing below could find one
    own = _own_clause(anchor)
    start = min(t.idx for t in own)
    end = max(t.idx + len(t.text) for t in own)
    try:
        place = _place_for_span(article, start, end)
    except Exception:  # another module's helper must not cost us the article's events
        return None
    offsets = _location_offsets(own)
    if place is not None and any(
        (p.name == place.name or (p.geonames_id and p.geonames_id == place.geonames_id))
        and any(s in offsets for s, _ in _as_location(p, article))
        for p in article.places
    ):
        return place
    # Failing that, the sentence's place when it names only one.
    offsets = _location_offsets(sent)
    in_sentence = [
        p
        for p in article.places
        if p.lat is not None and any(s in offsets for s, _ in _as_location(p, article))
    ]
    if len({p.name for p in in_sentence}) != 1:
        return None
    try:
        return _place_for_span(article, sent.start_char, sent.end_char)
    except Exception:
        return None


def _location_offsets(tokens: Any) -> set[int]:
    """Where a place may be named as a location: not as a clause's actor ("Hungary lifted its
    objection"); possessives are judged by `_as_location`."""
    return {t.idx for t in tokens if t.dep_ not in ("nsubj", "nsubjpass")}


def _as_location(place: Place, article: Article) -> list[list[int]]:
    """The mentions that name the place as a location: not a demonym ("Russian forces") nor a
    possessive ("Russia's defence ministry"), which name the country as an actor, unless what
    it owns is a part of it ("Senegal's capital", "Syria's northern Idlib province")."""
    return [
        m
        for m in place.mentions
        if m not in place.demonym_mentions
        and (
            not article.text.startswith("'s", m[1])
            or _PLACE_PART.match(article.text, m[1] + 2) is not None
        )
    ]


_PLACE_PART = re.compile(
    r"\s+(?:[\w-]+\s+){0,2}?(?:capital|north|south|east|west|north-?east|north-?west|"
    r"south-?east|south-?west|province|region|city|town|village|border|borders|coast|interior|"
    r"territory|airspace|waters|outskirts|centre|center|heartland|district|state)\b",
    re.IGNORECASE,
)


_CLAUSE_DEPS = frozenset({"relcl", "acl", "ccomp", "advcl", "parataxis", "conj", "csubj"})


def _own_clause(anchor: Any, skip: Callable[[Any], bool] | None = None) -> list[Any]:
    out, todo = [], [anchor]
    while todo:
        t = todo.pop()
        out.append(t)
        todo.extend(
            c for c in t.children if c.dep_ not in _CLAUSE_DEPS and (skip is None or not skip(c))
        )
    return out
