"""Arguments of an event: actor and recipient lists from the dependency parse.

Subject (inherited through xcomp, conj, relative and purpose clauses), object, passive agent,
possessive, "by"/"between" phrases and the prepositions each type takes ("attack on", "aid to").
Each argument word is coded through the actors annotator's mentions (so "he" and "the latter"
resolve as the actors annotator resolved them), then through the lexicon alone.
"""

from __future__ import annotations

import bisect
from typing import Any

from ..actors import STATELESS, CountryContext, code_text, dateline, lexicon
from ..model import Actor, ActorRef, Article, Event
from .patterns import Patterns, patterns
from .tree import (
    child,
    conjuncts,
    governing_verb,
    is_passive,
    participle_as_root,
    patient,
    prep_objects,
)
from .triggers import Candidate, headline_verb, match_noun, match_verb, misparsed_predicate

SUBJECT_DEPS = ("nsubj", "csubj")
RECIPIENT_PREPS = {
    "ASSAULT": ("against", "on", "at", "with", "upon", "into", "targeting"),
    "COERCE": ("against", "on", "of"),
    "CONSULT": ("with", "between"),
    "COOPERATE": ("with",),
    "AID": ("to", "for", "in"),  # "deposited $2 billion in Egypt's central bank"
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

    def __init__(self, actors: list[Actor], context: CountryContext | None = None) -> None:
        spans = sorted(((s, e, a) for a in actors for s, e in a.mentions), key=lambda x: x[:2])
        self.spans = spans
        self.starts = [s for s, _, _ in spans]
        self.context = context  # where the text is, for words that name no country
        # What the article has reported so far, for phrases that point back to it: the parties
        # of its first two-sided event ("the two sides") and its latest events ("the attack").
        self.dyad: list[ActorRef] = []
        self.recent: list[Event] = []

    def remember(self, event: Event) -> None:
        self.recent = [*self.recent[-9:], event]
        parties = list({r.name: r for r in event.actors + event.recipients}.values())
        if not self.dyad and len(parties) >= 2:
            self.dyad = parties[:2]

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
    if token.lemma_.lower() in _COLLECTIVES:
        for c in near:
            coded = code_text(c.text) if c.dep_ in ("amod", "compound") else None
            if coded is not None and coded.country:
                return ActorRef(f"{c.text} {token.text}", coded.country, coded.sector)
    tokens = [token] + [t for c in near for t in c.subtree]
    left, right = min(t.i for t in tokens), max(t.i for t in tokens)
    span = token.doc[left : right + 1]
    ref = code_text(span.text) if len(span) <= 8 else None
    if (
        ref is not None
        and ref.country is None
        and ref.sector is not None
        and ref.sector not in STATELESS
        and index.context is not None
        and _is_role_noun(token)
    ):
        # "refugees fleeing the war in Liberia", "the government" of the country in view
        near_tokens = tokens + [t for c in token.children if c.dep_ == "prep" for t in c.subtree]
        country = index.context.country_for(near_tokens, token, ref.sector)
        ref = ActorRef(ref.name, country, ref.sector)
    return ref


def _is_role_noun(token: Any) -> bool:
    """The word names a body of people ("police", "the government", "rebel positions"), not a
    thing that an adjective of role describes ("an official protest")."""
    roles = lexicon().roles

    def named(t: Any) -> bool:
        return (t.lower_,) in roles or (t.lemma_.lower(),) in roles

    # "rebel positions": a noun modifier names the people the thing belongs to
    return named(token) or any(c.dep_ == "compound" and named(c) for c in token.children)


def speaker_of(pronoun: Any) -> Any | None:
    """ "Hungary has said it will support ...": a pronoun subject of a reported clause is the
    speaker, when the speaker is named (not itself a pronoun). A participle's speaker is the
    subject of the clause it hangs on: "North Korea vowed revenge, saying it would strike"."""
    report = patterns().cue("report") | patterns().cue("deny")
    t, hops = pronoun, 0
    while t.head.i != t.i and hops < 4:
        t, hops = t.head, hops + 1
        if t.pos_ == "VERB" and t.lemma_.lower() in report:
            subj = child(t, "nsubj") or (subject(t) if t.tag_ == "VBG" else None)
            if subj is not None and subj.pos_ != "PRON" and subj.i != pronoun.i:
                return subj
            return None
    return None


# Nouns for a group of parties that a country modifier or an earlier pair of countries names:
# "the Turkish and Greek sides", "the two countries", "both governments".
_COLLECTIVES = frozenset(
    {
        "side",
        "party",
        "country",
        "nation",
        "government",
        "neighbour",
        "neighbor",
        "state",
        "delegation",
        "leader",
        "capital",
        "army",
        "community",
    }
)


def _pair_antecedents(token: Any, index: ActorIndex) -> list[ActorRef]:
    """ "the two countries", "both sides": the parties of the article's first two-sided event,
    else the last two countries named before the phrase."""
    if token.lemma_.lower() not in _COLLECTIVES or token.tag_ not in ("NNS", "NNPS"):
        return []
    if not any(
        (c.dep_ == "nummod" and c.lower_ == "two") or c.lower_ == "both" for c in token.children
    ):
        return []
    if index.dyad:
        return list(index.dyad)
    found: list[ActorRef] = []
    for s, _, actor in reversed(index.spans):
        if s >= token.idx or actor.country is None:
            continue
        if all(actor.country != r.country for r in found):
            found.append(ref_of(actor))
        if len(found) == 2:
            return found[::-1]
    return []


def refs(token: Any | None, index: ActorIndex, article: Article) -> list[ActorRef]:
    if token is None:
        return []
    out: list[ActorRef] = []
    for t in conjuncts(token):
        pair = _pair_antecedents(t, index)  # "the two sides": before any coding of "sides"
        out += [r for r in pair if all(r.name != o.name for o in out)]
        ref = code_token(t, index, article) if not pair else None
        if ref is not None and all(ref.name != r.name for r in out):
            extra = _coordinated_modifiers(t, ref)
            if extra:  # "Ethiopian and Eritrean troops": the first is "Ethiopian troops"
                theirs = {e.name.split()[0] for e in extra}
                name = " ".join(w for w in ref.name.split() if w not in theirs)
                ref = ActorRef(name, ref.country, ref.sector)
            out.append(ref)
            out += [r for r in extra if all(r.name != o.name for o in out)]
    return out


# Prepositions that name whom a non-actor noun is about: "an official protest with Albania",
# "the removal of President X", "contact with the United States", "independence from Iraq".
TARGET_PREPS = ("with", "of", "from", "against", "to", "toward", "towards", "on", "into", "for")
# Where a physical target stands: "targets in Jericho", "a checkpoint near Kandahar".
PLACE_PREPS = ("in", "at", "near", "outside", "inside")
OWN_MEANS_SECTORS = frozenset({"MIL", "COP", "GOV", "SPY", "UAF"})
_OWN_POSSESSIVES = frozenset({"its", "their", "his", "her", "our"})


def _coded(ref: ActorRef) -> bool:
    return bool(ref.country) or ref.sector in STATELESS


def place_ref(token: Any, index: ActorIndex) -> ActorRef | None:
    """A resolved place (not a demonym) as a target, coded with its country: "shelled Idlib"."""
    ctx = index.context
    hit = ctx.by_token.get(token.i) if ctx is not None else None
    if hit is None or not hit[2]:
        return None
    words = [t for t in token.subtree if t.dep_ not in ("det", "punct", "prep") and t.i <= token.i]
    name = " ".join(t.text for t in words) if len(words) <= 4 else token.text
    return ActorRef(name, hit[0], None)


def recipient_refs(
    tokens: list[Any],
    index: ActorIndex,
    article: Article,
    actors: list[ActorRef],
    physical: bool = False,
) -> list[ActorRef]:
    """Recipients from argument tokens. A word that is no coded actor ("an official protest",
    "contact") yields the actor its prepositional phrase names; the actor's own forces or
    envoys ("withdraw its troops from Lebanon") yield the place or party they move from or to.
    With `physical` (an attack, a seizure), a target that is a place, or stands in one, is coded
    with the place's country ("fired at targets in Jericho")."""
    out: list[ActorRef] = []
    own_countries = {a.country for a in actors if a.country}
    for t in tokens:
        got = refs(t, index, article)
        own = bool(got) and all(
            r.sector in OWN_MEANS_SECTORS and (r.country is None or r.country in own_countries)
            for r in got
        )
        own = own and (
            any(c.dep_ == "poss" and c.lower_ in _OWN_POSSESSIVES for c in t.children)
            or all(r.country in own_countries for r in got)
        )
        if own or not any(_coded(r) for r in got):
            objs = prep_objects(t, TARGET_PREPS)
            if own and t.dep_ == "dobj":
                objs += prep_objects(t.head, ("from", "to", "into", "toward", "towards"))
            better = [r for o in objs for r in refs(o, index, article) if _coded(r)]
            better = [r for r in better if r.country not in own_countries or not own]
            if better:
                got = better
        if physical and not any(_coded(r) for r in got):
            here = place_ref(t, index)
            if here is None:
                here = next(
                    (
                        p
                        for o in prep_objects(t, PLACE_PREPS)
                        if (p := place_ref(o, index)) is not None
                    ),
                    None,
                )
            if here is not None and here.country not in own_countries:
                got = [here]
        out += [r for r in got if all(r.name != o.name for o in out)]
    return out


def _coordinated_modifiers(head: Any, ref: ActorRef) -> list[ActorRef]:
    """ "Hungarian and Romanian officials": one more actor per coordinated country modifier."""
    extra = []
    for mod in head.children:
        if mod.dep_ not in ("amod", "compound", "nmod"):  # "US and British forces": nmod
            continue
        for conj in mod.children:
            if conj.dep_ != "conj":
                continue
            coded = code_text(conj.text)
            if coded is not None and coded.country and coded.country != ref.country:
                extra.append(ActorRef(f"{conj.text} {head.text}", coded.country, ref.sector))
    return extra


# --- argument finding --------------------------------------------------------------------------


def _main_verb_as_clause(verb: Any) -> bool:
    """ "Militiamen hacked to death 30 villagers", "The rebels called on Russia", parsed as a
    noun with a clause: a past tense, or a participle with an object, is the main verb."""
    return (
        verb.dep_ == "acl"
        and verb.head.dep_ == "ROOT"
        and (verb.tag_ == "VBD" or (verb.tag_ == "VBN" and child(verb, "dobj") is not None))
    )


def subject(verb: Any, depth: int = 0) -> Any | None:
    subj = child(verb, *SUBJECT_DEPS)
    if subj is not None and subj.i in dateline(subj.doc):
        # "NAIROBI, June 25 (AP) - Kenyan police fired": the parser may make the dateline the
        # subject; the verb's own is another subject, or the dateline's apposition
        subj = next(
            (c for c in verb.children if c.dep_ in SUBJECT_DEPS and c.i != subj.i),
            child(subj, "appos"),
        )
    if subj is not None and subj.pos_ == "VERB":
        # "The Red Cross operating in Iraq said ...": the parser made the participle the
        # subject and the body its subject
        subj = child(subj, "nsubj") or subj
    if subj is not None:
        if subj.tag_ in ("WDT", "WP") and verb.dep_ == "relcl":
            return verb.head
        return subj
    if depth > 3:
        return None
    infinitive = any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)
    if (verb.dep_ == "relcl" and not infinitive) or _main_verb_as_clause(verb):
        return verb.head
    if verb.dep_ in ("acl", "relcl") and verb.head.pos_ in ("NOUN", "PROPN"):
        # "formed a coalition to fight X": whoever formed the coalition fights
        gov = governing_verb(verb.head)
        return subject(gov, depth + 1) if gov is not None else None
    if verb.dep_ == "xcomp" and verb.head.pos_ == "ADJ":
        return subject(verb.head.head, depth + 1)  # "Syria is willing to withdraw"
    if verb.dep_ == "xcomp":
        # "urged Israel to withdraw": object control; "vowed to attack": subject control;
        # "Israel was urged to withdraw", "the EU is set to lift": the passive's subject
        obj = child(verb.head, "dobj")
        if obj is not None and verb.head.lemma_ in _OBJECT_CONTROL:
            return obj
        return child(verb.head, "nsubjpass") or subject(verb.head, depth + 1)
    if (
        verb.dep_ == "pcomp"
        and verb.head.lower_ in ("of", "for")
        and (named := _named_object(verb.head.head)) is not None
    ):
        return named  # "accused Congo of backing militias", "praised Japan for sending aid"
    if verb.dep_ == "pcomp" and verb.head.lower_ in ("of", "for"):
        participle = verb.head.head
        if participle.dep_ == "acl" and participle.tag_ == "VBN":
            return participle.head  # "villagers suspected of helping the rebels"
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


def subjects(verb: Any) -> list[Any]:
    """The verb's subject, and any second subject the parse set beside it after a comma or an
    "and" ("Iran, Saudi Arabia agree to restore ties")."""
    first = subject(verb)
    if first is None:
        return []
    doc, end = verb.doc, first.right_edge.i
    # the separator may hang on the first subject (its right edge) or stand after it
    sep = end if doc[end].lower_ in (",", "and") else end + 1
    if sep >= len(doc) or doc[sep].lower_ not in (",", "and"):
        return [first]
    return [first] + [c for c in verb.children if c.dep_ == "nsubj" and c.left_edge.i == sep + 1]


def _named_object(verb: Any) -> Any | None:
    """The person, group or state a verb acts on, if it names one (object or passive subject)."""
    if verb.pos_ not in ("VERB", "AUX"):
        return None
    obj = child(verb, "dobj", "nsubjpass")
    if obj is None or not (
        obj.pos_ == "PRON"
        or obj.ent_type_ in ("PERSON", "ORG", "NORP", "GPE")
        or _is_role_noun(obj)
    ):
        return None
    return obj


def stray_subject(verb: Any, index: ActorIndex) -> Any | None:
    """The actor a misparsed main verb belongs to. When the parser hangs the subject somewhere
    else ("With the signing of a memorandum, the government and the rebels have agreed ...": the
    subject becomes a conjunct of "memorandum"), the sentence's root has no subject at all; the
    nearest actor before the verb is then its subject."""
    top = verb
    while top.dep_ in ("xcomp", "conj") and top.head.i != top.i:
        top = top.head
    if top.dep_ != "ROOT" or child(top, *SUBJECT_DEPS, "nsubjpass", "expl") is not None:
        return None
    for t in reversed(list(top.sent[: top.i - top.sent.start])):
        if t.pos_ in ("NOUN", "PROPN") and index.at(t) is not None:
            while t.dep_ == "conj" and index.at(t.head) is not None:
                t = t.head  # "the government and SPLM/A": the first conjunct carries the others
            return t
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
        actors = _through_events(prep_objects(verb, ("by",)), index)
        if not actors:  # "killed in an ambush by Hezbollah guerrillas"
            actors = _through_events(prep_objects(verb, ("in", "during")), index, only=True)
        recips = [x for x in [patient(verb)] if x is not None]
        if recips and recips[0].tag_ in ("WDT", "WP") and verb.dep_ == "relcl":
            recips = [verb.head]
        return actors, recips
    if participle_as_root(verb):
        return _through_events(prep_objects(verb, ("by",)), index), [child(verb, "nsubj")]
    if verb.dep_ == "acl" and verb.tag_ == "VBN" and not _main_verb_as_clause(verb):
        # "diplomats accused of spying": a participle is passive; its noun undergoes it
        return _through_events(prep_objects(verb, ("by",)), index), [verb.head]
    if verb.tag_ == "VBG" and child(verb, *SUBJECT_DEPS) is None and prep_objects(verb, ("by",)):
        # "Shelling by government forces killed five": a gerund used as a noun names its doer
        # with "by", and what it hits with "of" or "on"
        targets = prep_objects(verb, ("of", "on", "against")) or [child(verb, "dobj")]
        return _through_events(prep_objects(verb, ("by",)), index), [t for t in targets if t]
    actors = _through_events(
        subjects(verb) or [x for x in [stray_subject(verb, index)] if x], index
    )
    if not actors and headline_verb(verb) and verb.sent[0].ent_type_ in ("GPE", "ORG", "PERSON"):
        actors = [verb.sent[0]]  # "Pakistan expels Indian diplomat": tagged as its modifier
    # "deployed troops to Ukraine", "sent aid to Sudan": the object is the means, not the target
    objects = ["dative", "iobj"] if c.trigger.instrument else ["dobj", "dative", "iobj"]
    obj = verb.head if misparsed_predicate(verb) and "dobj" in objects else child(verb, *objects)
    recips = [x for x in [obj] if x is not None and x.pos_ in ("NOUN", "PROPN", "PRON")]
    if not recips:
        preps = RECIPIENT_PREPS.get(c.trigger.type, ())
        if c.trigger.instrument:
            preps = (*preps, "to", "into", "against", "at", "on", "toward", "towards")
        recips = prep_objects(verb, preps)
    return actors, recips


def _through_events(tokens: list[Any], index: ActorIndex, only: bool = False) -> list[Any]:
    """The doers of an event noun stand for it as a verb's actor: "an air strike by Syrian
    forces killed ...", "Israeli shelling wounded ..."; an attack without doers stands for
    nobody. Other words are kept, unless `only`."""
    out, pats = [], patterns()
    for t in tokens:
        trig = match_noun(t, pats) if t.pos_ == "NOUN" else None
        doers = _noun_doers(t, index) if trig is not None else []
        if doers or (trig is not None and trig.type == "ASSAULT"):
            out += doers  # "the bombing of the embassy killed 200": no doer, not the embassy
        elif not only:
            out.append(t)  # "the deployment of NATO troops arrived": the troops
    return out


def _noun_doers(noun: Any, index: ActorIndex, retreat: bool = False) -> list[Any]:
    """Who an event noun names as its doers: "Russia's offensive", "Israeli airstrikes",
    "Palestinian riots", "an attack by rebels", "shelling from the army" (but a withdrawal
    "from Lebanon" names the place left)."""
    doers = [
        ch
        for ch in noun.children
        if ch.dep_ == "poss"
        or (
            ch.dep_ in ("amod", "compound", "nmod")
            and (index.at(ch) is not None or (ch.pos_ in ("ADJ", "PROPN") and _demonym(ch)))
        )
    ]
    # "a strike called by unions", "an attack carried out by militants"
    made_by = [g for ch in noun.children if ch.dep_ == "acl" for g in prep_objects(ch, ("by",))]
    return doers + prep_objects(noun, ("by",) if retreat else ("by", "from")) + made_by


def _demonym(token: Any) -> bool:
    """A modifier that names a country or a group ("Israeli", "Palestinian"), not a role word
    used as an adjective ("a general strike")."""
    ref = code_text(token.text)
    return ref is not None and (ref.country is not None or ref.sector in STATELESS)


def noun_args(c: Candidate, index: ActorIndex) -> tuple[list[Any], list[Any]]:
    noun = c.token
    actors = _noun_doers(noun, index, retreat=c.trigger.type == "RETREAT")
    # "a mediation effort between the Emirates and Saudi Arabia": the phrase may hang on the
    # event's head noun; a mediator's parties are its recipients, talks' parties its actors
    between = prep_objects(noun, ("between", "among"))
    if noun.dep_ == "compound" and noun.head.pos_ == "NOUN":
        between += prep_objects(noun.head, ("between", "among"))
    if c.trigger.mode == "third-party":
        mediated, between = between, []
    else:
        mediated = []
    actors += between
    coded = [r for t in actors if (r := code_token(t, index, t.doc)) is not None]
    if not coded:
        actors = []  # "its invasion": fall back to the verb's subject below
    recips = mediated or prep_objects(noun, RECIPIENT_PREPS.get(c.trigger.type, ()))
    if c.trigger.type in ("COERCE", "ASSAULT") and not recips:
        recips = prep_objects(noun, ("of",))
    places = [t for t in actors if t.dep_ == "compound" and t.ent_type_ in ("GPE", "LOC")]
    if places and len(places) == len(actors) and c.trigger.type in ("ASSAULT", "COERCE"):
        # "the army could launch a Syria incursion": a place before an attack is its target
        performer = _performer(noun, c)
        if performer:
            actors, recips = performer, recips or places
    if not actors:
        actors = _performer(noun, c)
    elif not any(r.country for r in coded):
        # "China staged military drills": a bare sector word yields to a subject with a country
        performer = _performer(noun, c)
        if any((r := code_token(t, index, t.doc)) is not None and r.country for t in performer):
            actors = performer
    return actors, recips


def _performer(noun: Any, c: Candidate) -> list[Any]:
    """Who carries out an event noun: the subject (or passive agent) of the verb it hangs on."""
    verb = governing_verb(noun) or _ready_for(noun)
    # a verb the noun's entry asks for ("called a strike", "held talks") is its performance
    asked_for = (
        c.trigger.needs_verb is not None
        and verb is not None
        and (verb.lemma_.lower() in c.trigger.needs_verb)
    )
    if verb is None or (
        c.trigger.type in HOSTILE_TYPES and not asked_for and not performs(noun, verb)
    ):
        return []
    if is_passive(verb):
        return prep_objects(verb, ("by",))
    subj = subject(verb)
    return [subj] if subj is not None and subj.i != noun.i else []


# Verbs whose subject comments on an event rather than carries it out: "France condemned the
# bombing" is not a bombing by France. Besides these, any verb of the lexicon that is itself a
# verbal event (ACCUSE, REQUEST, REJECT, SUPPORT) or a reporting verb.
COMMENTING_TYPES = frozenset({"ACCUSE", "REQUEST", "REJECT", "SUPPORT"})
# Only for hostile events: those who speak "after a meeting" did meet; those who speak after an
# attack did not attack.
HOSTILE_TYPES = frozenset({"ASSAULT", "COERCE", "MOBILIZE", "PROTEST", "SANCTION"})
# "sorrow for the shootings", "after the attack": the event is the occasion, not the act.
OCCASION_PREPS = frozenset(
    {
        "after",
        "before",
        "since",
        "following",
        "during",
        "despite",
        "over",
        "for",
        "about",
        "amid",
        "against",
        "into",
    }
)


def performs(noun: Any, verb: Any) -> bool:
    """Whether the subject of `verb` carries out the event `noun` ("launched an attack", "took
    part in the raid"), rather than comments on it or meets it as an occasion."""
    pats = patterns()
    lemma = verb.lemma_.lower()
    path = _path_up(noun, verb)
    if any(t.lemma_.lower() in pats.cue("responsibility") for t in path):
        return True  # "claimed (denied) responsibility for the attack": (not) their attack
    if lemma in pats.cue("commenting") or (
        lemma in pats.cue("report") and lemma not in pats.cue("performative")
    ):
        return False
    # the reading that holds here: "held talks", not "held the army responsible"
    reading = match_verb(verb, pats)
    if reading is not None and reading.type in COMMENTING_TYPES:
        return False
    for t in path:
        if t.dep_ == "pobj" and t.head.lower_ in OCCASION_PREPS:
            return False
        if t.dep_ == "pobj" and t.head.lower_ == "on" and _restriction(t.head.head, pats):
            return False  # "imposed a ban on protests": what is banned is not done
        if t.i != noun.i and t.pos_ == "NOUN" and _verbal_event_noun(t, pats):
            return False  # "launched an investigation into the massacre": they investigate
    return True


def _path_up(token: Any, top: Any) -> list[Any]:
    """The tokens from `token` up its heads to `top` (not included)."""
    out = []
    while token.i != top.i and token.head.i != token.i:
        out.append(token)
        token = token.head
    return out


def _ready_for(noun: Any) -> Any | None:
    """The verb of "Iran is ready for talks", "open to dialogue": whoever is ready would hold
    them."""
    prep, adj = noun.head, noun.head.head
    if (
        noun.dep_ == "pobj"
        and prep.lower_ in ("for", "to")
        and adj.dep_ == "acomp"
        and adj.lemma_.lower() in patterns().cue("intend_adjectives")
    ):
        return adj.head
    return None


def _restriction(noun: Any, pats: Patterns) -> bool:
    trig = match_noun(noun, pats) if noun.pos_ == "NOUN" else None
    return trig is not None and trig.type in ("COERCE", "SANCTION")


def _verbal_event_noun(noun: Any, pats: Patterns) -> bool:
    trig = match_noun(noun, pats)
    return trig is not None and trig.type not in HOSTILE_TYPES


# Words that belong to the means itself: "thousands of additional troops", "its air force".
_MEANS_WORDS = frozenset({"compound", "amod", "nummod", "quantmod", "det", "poss"})


def fallback_recipients(
    anchor: Any, actors: list[ActorRef], index: ActorIndex, instrument: bool = False
) -> list[ActorRef]:
    """The first other actor named after the trigger inside its clause: "demanded that the US
    cancel", "aid to Mozambique", "demonstrated in Serbia" (PLOVER's target convention). With
    `instrument`, the object is the means and not a candidate ("called up reservists")."""
    names = {a.name for a in actors}
    # Not the subject, not a relative or adverbial clause ("the meeting that freed Syria"), not
    # a coordinated verb's arguments ("condemned the attack and called on the UN") and not the
    # source ("according to local officials").
    skip = {
        t.i
        for c in anchor.children
        if c.dep_ in (*SUBJECT_DEPS, "relcl", "acl", "advcl", "parataxis", "conj")
        or (c.dep_ == "prep" and c.lower_ == "according")
        for t in c.subtree
    }
    if instrument:  # the means and its words, not where it goes ("troops to Ladakh")
        skip |= {
            t.i
            for c in anchor.children
            if c.dep_ == "dobj"
            for m in c.children
            if m.dep_ in _MEANS_WORDS or (m.dep_ == "prep" and m.lower_ == "of")
            for t in m.subtree
        }
        skip |= {c.i for c in anchor.children if c.dep_ == "dobj"}
    for t in anchor.subtree:
        if t.i <= anchor.i or t.i in skip:
            continue
        actor = index.at(t)
        if actor is not None and actor.name not in names:
            # "blows to the United States and Israel": the whole coordination
            found = [ref_of(actor)]
            while t.dep_ == "compound" and t.head.i != t.i:
                t = t.head  # "United" of "the United States": coordination hangs on the head
            for c in conjuncts(t)[1:]:
                other = index.at(c)
                if other is not None and all(other.name != f.name for f in found):
                    found.append(ref_of(other))
            return found
    return []
