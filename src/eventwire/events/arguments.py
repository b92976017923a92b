"""Arguments of an event: actor and recipient lists from the dependency parse.

Subject (inherited through xcomp, conj, relative and purpose clauses), object, passive agent,
possessive, "by"/"between" phrases and the prepositions each type takes ("attack on", "aid to").
Each argument word is coded through the actors annotator's mentions (so "he" and "the latter"
resolve as the actors annotator resolved them), then through the lexicon alone.
"""

from __future__ import annotations

import bisect
from typing import Any

from ..actors import code_text
from ..model import Actor, ActorRef, Article
from .tree import child, conjuncts, governing_verb, is_passive, prep_objects
from .triggers import Candidate

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


# --- actor lookup by token ----------------------------------------------------------------------


class ActorIndex:
    """The article's actor mentions by character offset, for coding argument tokens."""

    def __init__(self, actors: list[Actor]) -> None:
        spans = sorted(((s, e, a) for a in actors for s, e in a.mentions), key=lambda x: x[:2])
        self.spans = spans
        self.starts = [s for s, _, _ in spans]

    def at(self, token: Any) -> Actor | None:
        k = bisect.bisect_right(self.starts, token.idx) - 1
        while k >= 0:
            s, e, actor = self.spans[k]
            if s <= token.idx < e:
                return actor
            if token.idx - s > 400:
                break
            k -= 1
        return None


def ref_of(actor: Actor) -> ActorRef:
    return ActorRef(actor.name, actor.country, actor.sector)


_SPEAKER_PRONOUNS = frozenset({"it", "they", "he", "she", "we", "i"})


def code_token(token: Any, index: ActorIndex, article: Article) -> ActorRef | None:
    actor = index.at(token)
    if actor is not None:
        return ref_of(actor)
    if token.pos_ == "PRON":
        speaker = speaker_of(token) if token.lower_ in _SPEAKER_PRONOUNS else None
        return code_token(speaker, index, article) if speaker is not None else None
    if token.pos_ == "ADJ":
        return code_text(token.text)  # "Palestinian riots"
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
            return ref_of(actor)
    tokens = [token] + [t for c in near for t in c.subtree]
    left, right = min(t.i for t in tokens), max(t.i for t in tokens)
    span = token.doc[left : right + 1]
    return code_text(span.text) if len(span) <= 8 else None


def speaker_of(pronoun: Any) -> Any | None:
    """ "Hungary has said it will support ...": a pronoun subject of a reported clause is the
    speaker, when the speaker is named (not itself a pronoun)."""
    from .patterns import patterns as _patterns

    report = _patterns().cue("report") | _patterns().cue("deny")
    t, hops = pronoun, 0
    while t.head.i != t.i and hops < 4:
        t, hops = t.head, hops + 1
        if t.pos_ == "VERB" and t.lemma_.lower() in report:
            subj = child(t, "nsubj")
            if subj is not None and subj.pos_ != "PRON" and subj.i != pronoun.i:
                return subj
            return None
    return None


def refs(token: Any | None, index: ActorIndex, article: Article) -> list[ActorRef]:
    if token is None:
        return []
    out: list[ActorRef] = []
    for t in conjuncts(token):
        ref = code_token(t, index, article)
        if ref is not None and all(ref.name != r.name for r in out):
            out.append(ref)
            out += [r for r in _coordinated_modifiers(t, ref) if all(r.name != o.name for o in out)]
    return out


def _coordinated_modifiers(head: Any, ref: ActorRef) -> list[ActorRef]:
    """ "Hungarian and Romanian officials": one more actor per coordinated country modifier."""
    extra = []
    for mod in head.children:
        if mod.dep_ not in ("amod", "compound"):
            continue
        for conj in mod.children:
            if conj.dep_ != "conj":
                continue
            coded = code_text(conj.text)
            if coded is not None and coded.country and coded.country != ref.country:
                extra.append(ActorRef(f"{conj.text} {head.text}", coded.country, ref.sector))
    return extra


# --- argument finding --------------------------------------------------------------------------


def subject(verb: Any, depth: int = 0) -> Any | None:
    subj = child(verb, *SUBJECT_DEPS)
    if subj is not None:
        if subj.tag_ in ("WDT", "WP") and verb.dep_ == "relcl":
            return verb.head
        return subj
    if depth > 3:
        return None
    infinitive = any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)
    if verb.dep_ == "relcl" and not infinitive:
        return verb.head
    if verb.dep_ in ("acl", "relcl") and verb.head.pos_ in ("NOUN", "PROPN"):
        # "formed a coalition to fight X": whoever formed the coalition fights
        gov = governing_verb(verb.head)
        return subject(gov, depth + 1) if gov is not None else None
    if verb.dep_ == "xcomp" and verb.head.pos_ == "ADJ":
        return subject(verb.head.head, depth + 1)  # "Syria is willing to withdraw"
    if verb.dep_ == "xcomp":
        # "urged Israel to withdraw": object control; "vowed to attack": subject control.
        obj = child(verb.head, "dobj")
        return (
            obj
            if obj is not None and verb.head.lemma_ in _OBJECT_CONTROL
            else subject(verb.head, depth + 1)
        )
    if verb.dep_ in ("conj", "advcl", "ccomp", "pcomp", "acl") and verb.head.pos_ in (
        "VERB",
        "AUX",
    ):
        return subject(verb.head, depth + 1)
    if verb.dep_ == "pcomp" or (verb.dep_ == "pobj" and verb.head.dep_ == "prep"):
        head = verb.head.head
        if head.pos_ in ("VERB", "AUX"):
            return subject(head, depth + 1)
    return None


_OBJECT_CONTROL = frozenset(
    {
        "urge",
        "ask",
        "call",
        "press",
        "order",
        "tell",
        "force",
        "persuade",
        "encourage",
        "invite",
        "allow",
        "help",
        "push",
        "implore",
        "request",
    }
)


def verb_args(c: Candidate, index: ActorIndex) -> tuple[list[Any], list[Any]]:
    verb = c.token
    if is_passive(verb):
        actors = prep_objects(verb, ("by",))
        recips = [x for x in [child(verb, "nsubjpass")] if x is not None]
        if recips and recips[0].tag_ in ("WDT", "WP") and verb.dep_ == "relcl":
            recips = [verb.head]
        return actors, recips
    if verb.dep_ == "acl" and verb.tag_ == "VBN":
        # "diplomats accused of spying": a participle is passive; its noun undergoes it
        return prep_objects(verb, ("by",)), [verb.head]
    actors = [x for x in [subject(verb)] if x is not None]
    # "deployed troops to Ukraine", "sent aid to Sudan": the object is the means, not the target
    objects = ["dative", "iobj"] if c.trigger.instrument else ["dobj", "dative", "iobj"]
    recips = [
        x for x in [child(verb, *objects)] if x is not None and x.pos_ in ("NOUN", "PROPN", "PRON")
    ]
    if not recips:
        preps = RECIPIENT_PREPS.get(c.trigger.type, ())
        if c.trigger.instrument:
            preps = (*preps, "to", "into", "against", "at", "on", "toward", "towards")
        recips = prep_objects(verb, preps)
    return actors, recips


def noun_args(c: Candidate, index: ActorIndex) -> tuple[list[Any], list[Any]]:
    noun = c.token
    actors: list[Any] = []
    for ch in noun.children:
        if ch.dep_ == "poss" or (
            ch.dep_ in ("amod", "compound", "nmod")
            and (index.at(ch) is not None or (ch.pos_ == "ADJ" and code_text(ch.text)))
        ):  # "Russia's offensive", "Israeli airstrikes", "Palestinian riots"
            actors.append(ch)
    actors += prep_objects(noun, ("by", "from"))
    between = prep_objects(noun, ("between", "among"))
    actors += between
    if not any(code_token(t, index, t.doc) for t in actors):
        actors = []  # "its invasion": fall back to the verb's subject below
    recips = prep_objects(noun, RECIPIENT_PREPS.get(c.trigger.type, ()))
    if c.trigger.type in ("COERCE", "ASSAULT") and not recips:
        recips = prep_objects(noun, ("of",))
    if not actors:
        verb = governing_verb(noun)
        if verb is not None:
            if is_passive(verb):
                actors = prep_objects(verb, ("by",))
            else:
                subj = subject(verb)
                if subj is not None and subj.i != noun.i:
                    actors = [subj]
    return actors, recips


def fallback_recipients(anchor: Any, actors: list[ActorRef], index: ActorIndex) -> list[ActorRef]:
    """The first other actor named after the trigger inside its clause: "demanded that the US
    cancel", "aid to Mozambique", "demonstrated in Serbia" (PLOVER's target convention)."""
    names = {a.name for a in actors}
    # Not the subject, and not a relative or adverbial clause: "the meeting that freed Syria".
    skip = {
        t.i
        for c in anchor.children
        if c.dep_ in (*SUBJECT_DEPS, "relcl", "acl", "advcl", "parataxis")
        for t in c.subtree
    }
    for t in anchor.subtree:
        if t.i <= anchor.i or t.i in skip:
            continue
        actor = index.at(t)
        if actor is not None and actor.name not in names:
            return [ref_of(actor)]
    return []
