"""Trigger matching: which words of a sentence start an event, and with which reading.

A verb matches by lemma, or as a phrasal verb ("pull out", "call for", "open fire"); an event
noun by lemma or with its compound ("air strike"). Each reading's conditions (object lemmas,
prepositions, a clause after it, a physical target, a governing verb for nouns) are checked on
the parse; the first reading that holds wins.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .ontology import COOPERATIVE_TYPES
from .patterns import Patterns, Trigger
from .tree import child, conjuncts, governing_verb, participle_as_root, patient


@dataclass(slots=True)
class Candidate:
    token: Any  # the trigger (head word)
    trigger: Trigger
    noun: bool
    suppressed: bool = False
    wrapper: tuple[str, Any] | None = None  # (kind, cue token) that this event is embedded in


# --- trigger matching --------------------------------------------------------------------------


def _object_lemmas(verb: Any, preps: frozenset[str], pats: Patterns) -> set[str]:
    out = set()
    if (verb.dep_ == "acl" and verb.tag_ == "VBN") or misparsed_predicate(verb):
        out |= {verb.head.lemma_.lower(), verb.head.lower_}  # "diplomats expelled by the US"
    for x in _patients(verb):
        out |= {x.lemma_.lower(), x.lower_}
    for c in verb.children:
        if c.dep_ in ("dobj", "nsubjpass", "attr", "oprd", "acomp"):
            heads = conjuncts(c)
            # "fired dozens of rockets", "a list of demands", "warned Syria of military action":
            # the noun after "of" counts ("released a video of the soldiers" did not release
            # them)
            heads += [
                g
                for h in heads
                if h.lemma_.lower() not in pats.cue("depiction_heads")
                for p in h.children
                if p.dep_ == "prep" and p.lower_ == "of"
                for g in p.children
                if g.dep_ == "pobj"
            ]
            # "raised the alert level": the noun's compound names it too
            heads += [m for h in heads for m in h.children if m.dep_ in ("compound", "amod")]
            out |= {x.lemma_.lower() for x in heads} | {x.lower_ for x in heads}
        if c.dep_ == "ccomp" and c.pos_ == "ADJ":
            out.add(c.lemma_.lower())  # "found the president guilty", parsed as a small clause
        if c.dep_ == "ccomp":
            # "allow inspectors to return" parsed as a clause: its subject is the verb's object
            out |= {
                w for x in c.children if x.dep_ == "nsubj" for w in (x.lemma_.lower(), x.lower_)
            }
        if c.dep_ == "prep" and c.lower_ in preps:
            for g in c.children:
                if g.dep_ == "pobj":  # "bowed to donor and opposition pressure": each conjunct
                    out |= {w for x in conjuncts(g) for w in (x.lemma_.lower(), x.lower_)}
        if c.dep_ in ("prep", "prt") and c.lower_ in PARTICLES:
            # "walked out of the talks": the particle carries the preposition
            for p in c.children:
                if p.dep_ == "prep" and p.lower_ in preps:
                    out |= {
                        w
                        for g in p.children
                        if g.dep_ == "pobj"
                        for w in (g.lemma_.lower(), g.lower_)
                    }
    return out


def _holds(trigger: Trigger, token: Any, pats: Patterns) -> bool:
    if trigger.needs_clause and not any(
        c.dep_ in ("xcomp", "ccomp") and c.pos_ in ("VERB", "AUX") for c in token.children
    ):
        return False
    if trigger.intransitive and any(c.dep_ == "dobj" for c in token.children):
        return False
    if (
        trigger.needs_target
        and not any(
            c.dep_ in ("dobj", "nsubjpass", "oprd")
            or (c.dep_ == "prep" and c.lower_ in ("at", "on", "upon", "into"))
            for c in token.children
        )
        and not _patients(token)
    ):
        return False  # "shot to fame", "hit back": no one is shot or hit
    if trigger.subjects is not None:
        head = token
        while head.dep_ == "conj" and child(head, "nsubj", "nsubjpass") is None:
            head = head.head  # "entered the town and left": the subject of the first verb
        subj = child(head, "nsubj", "nsubjpass")
        if subj is None or not {subj.lemma_.lower(), subj.lower_} & trigger.subjects:
            return False  # "prices exploded": only a device explodes
    if trigger.objects is not None:
        if not trigger.objects and trigger.preps:  # "rally against": the preposition must be there
            return any(
                c.dep_ == "prep"
                and c.lower_ in trigger.preps
                and any(
                    g.dep_ == "pobj" and g.ent_type_ not in ("DATE", "TIME") for g in c.children
                )  # "fired on Friday" is a date, not a target
                for c in token.children
            )
        if _object_lemmas(token, trigger.preps, pats) & trigger.objects:
            return True
        objects = [c for c in token.children if c.dep_ in ("dobj", "nsubjpass")]
        return trigger.actor_objects and any(_actor_like(c) for c in objects + _patients(token))
    if trigger.physical:
        obj = child(token, "dobj")
        if obj is not None and obj.lemma_.lower() in pats.cue("abstract_targets"):
            return False
    return True


def _patients(verb: Any) -> list[Any]:
    """Patients the verb does not hold as a child: a coordinated passive's ("were arrested and
    released") or a participle misparsed as the root ("the civilians imprisoned ... were")."""
    if participle_as_root(verb):
        return [child(verb, "nsubj")]
    shared = patient(verb)
    return [shared] if shared is not None and shared.head.i != verb.i else []


def _actor_like(token: Any) -> bool:
    """A person or group as object: a named person, organisation or state, or a role noun."""
    from ..actors import lexicon

    if token.ent_type_ in ("PERSON", "ORG", "NORP", "GPE"):
        return True
    lex = lexicon()
    key = (token.lemma_.lower(),)
    return key in lex.roles or (token.lower_,) in lex.roles or key in lex.titles


# Adverbs the parser sometimes gives a phrasal verb's particle as ("fired back").
PARTICLES = frozenset({"back", "off", "out", "up", "down", "over", "aside"})


def _verb_keys(token: Any) -> list[str]:
    lemma = token.lemma_.lower()
    keys = []
    for c in token.children:
        if c.dep_ in ("prt", "prep") or (c.dep_ == "advmod" and c.lower_ in PARTICLES):
            keys.append(f"{lemma} {c.lower_}")
        elif c.dep_ in ("dobj", "oprd") and c.pos_ == "NOUN":
            keys.append(f"{lemma} {c.lemma_.lower()}")
    keys.append(lemma)
    return keys


def match_verb(token: Any, pats: Patterns) -> Trigger | None:
    for key in _verb_keys(token):
        for trig in pats.verbs.get(key, ()):
            if _holds(trig, token, pats):
                return trig
        if key in pats.verbs and " " in key:
            return None  # a phrasal entry that failed its condition shadows the bare verb
    return None


def match_noun(token: Any, pats: Patterns) -> Trigger | None:
    lower, lemma = token.lower_, token.lemma_.lower()
    keys = []
    for c in token.children:
        if c.dep_ in ("compound", "amod") and c.i == token.i - 1:
            keys += [f"{c.lower_} {lower}", f"{c.lower_} {lemma}"]
    keys += [lower, lemma]
    for key in keys:
        for trig in pats.nouns.get(key, ()):
            if (
                trig.needs_verb is not None
                and not _by_a_crowd(token)
                and not _headline(token)
                and not _named_owner(token)
            ):
                verb = governing_verb(token)
                if verb is None or verb.lemma_.lower() not in trig.needs_verb:
                    continue
            if any(
                c.lower_ in pats.cue("metaphor_modifiers")
                for c in token.children
                if c.dep_ in ("compound", "amod")
            ):
                return None
            return trig
    return None


def misparsed_predicate(token: Any) -> bool:
    """A verb parsed as an adjective of its own object although it has a subject: "Japan
    scrambled fighter jets" read like "scrambled eggs"."""
    return token.dep_ == "amod" and token.pos_ == "VERB" and child(token, "nsubj") is not None


def headline_verb(token: Any) -> bool:
    """A headline's verb the tagger read as a plural noun: a root noun with a direct object
    ("Pakistan expels Indian diplomat")."""
    return token.dep_ == "ROOT" and token.tag_ == "NNS" and child(token, "dobj") is not None


def _nominal_gerund(token: Any) -> bool:
    """An -ing form the parser tagged as a verb where a noun stands: the subject or object of
    a verb ("Fighting ... raged"), or with a determiner or adjective ("by Russian shelling")."""
    return token.tag_ == "VBG" and (
        token.dep_ in ("nsubj", "nsubjpass")
        or any(c.dep_ in ("det", "amod", "poss") for c in token.children)
    )


def _headline(noun: Any) -> bool:
    """ "Thousands rally in Tbilisi against law": a verbless sentence is a headline and the
    event noun at its root is the news."""
    return noun.dep_ == "ROOT" and not any(t.pos_ in ("VERB", "AUX") for t in noun.sent)


def _named_owner(noun: Any) -> bool:
    """ "Russia's expulsion of 20 diplomats": a doer named as its owner makes the noun an event
    that took place, whatever verb it hangs on."""
    return any(
        c.dep_ == "poss" and c.ent_type_ in ("GPE", "ORG", "NORP", "PERSON") for c in noun.children
    )


def _by_a_crowd(noun: Any) -> bool:
    """ "A protest by thousands of teachers": a plural agent names a crowd, so the noun reports
    an event without a verb to hold it (a diplomatic protest is made by a state, singular)."""
    return any(
        c.dep_ == "prep"
        and c.lower_ == "by"
        and any(o.dep_ == "pobj" and o.tag_ == "NNS" for o in c.children)
        for c in noun.children
    )


def _modifies_a_thing(noun: Any, pats: Patterns) -> bool:
    """ "riot police", "protest leaders", "assault rifles": an event noun that only describes
    another noun that is no event itself names no event ("a mediation effort" still does)."""
    head = noun.head
    return (
        noun.dep_ in ("compound", "amod")
        and head.i != noun.i
        and head.pos_ in ("NOUN", "PROPN")
        and head.lemma_.lower() not in pats.nouns
        and head.lower_ not in pats.nouns
        and head.lemma_.lower() not in pats.cue("event_heads")
    )


def candidates(sent: Any, pats: Patterns) -> list[Candidate]:
    out: list[Candidate] = []
    for t in sent:
        pos = t.pos_
        if pos == "VERB" and _nominal_gerund(t):
            trig = match_noun(t, pats)  # "Fighting between X and Y raged", tagged as a verb
            if trig is not None:
                out.append(Candidate(t, trig, noun=True))
        elif pos == "VERB" and (
            t.dep_ != "amod" or misparsed_predicate(t)
        ):  # "the besieged city" describes, it reports nothing
            trig = match_verb(t, pats)
            if trig is not None:
                out.append(Candidate(t, trig, noun=False))
        elif pos == "NOUN" and headline_verb(t):
            trig = match_verb(t, pats)  # "Pakistan expels Indian diplomat", tagged as a noun
            if trig is not None:
                out.append(Candidate(t, trig, noun=False))
        elif pos in ("NOUN", "PROPN") and not _modifies_a_thing(t, pats):
            trig = match_noun(t, pats)
            if trig is not None:
                out.append(Candidate(t, trig, noun=True))
    # A noun that is the object a trigger verb asked for ("signed an agreement", "held talks")
    # is the same event as the verb. A cooperative noun that a verb of another kind is about
    # ("cancelled the meeting", "rejected the ceasefire", "welcomed the talks") did not happen
    # at the hands of that verb's subject: the verb's event is the one to code.
    verbs = {c.token.i: c for c in out if not c.noun}
    for c in out:
        if c.noun:
            v = governing_verb(c.token)
            host = verbs.get(v.i) if v is not None else None
            if host is None:
                continue
            if (
                host.trigger.type == c.trigger.type
                or (
                    c.token.dep_ in ("dobj", "pobj")
                    and c.trigger.type in COOPERATIVE_TYPES
                    and host.trigger.type in ABOUT_OTHERS
                )
                # "lifted the siege", "ended the blockade": what ends is not also begun
                or (c.token.dep_ == "dobj" and host.trigger.type in ("RETREAT", "CONCEDE"))
            ):
                c.suppressed = True
    return out


# Verbal or hostile acts whose object is what they are about, not something their subject does.
ABOUT_OTHERS = frozenset(
    {"REJECT", "SANCTION", "ACCUSE", "SUPPORT", "REQUEST", "PROTEST", "THREATEN", "COERCE"}
)
