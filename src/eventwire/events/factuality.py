"""Factuality of an event: asserted, threatened, intended, hypothetical, denied or reported.

Read from the parse around the event's anchor word (its trigger, or the cue that wraps it):
negation and "deny" -> denied; "if"/"unless" or could/would/might -> hypothetical; will/shall,
"plans to", "prepares to" or a purpose infinitive -> intended; inside a statement span of the
statements annotator, or under a reporting verb ("Lavrov added that ...") -> reported.
THREATEN events are "threatened" by definition (set by the caller).
"""

from __future__ import annotations

from typing import Any

from ..model import Article
from .patterns import Patterns
from .tree import EMBED_DEPS

# Links to climb from the anchor to the clauses that govern it: the embedding links, and
# coordination ("vowed to advance and crush the rebels").
_UP_DEPS = EMBED_DEPS | {"conj"}
_PRIORITY = ("denied", "hypothetical", "reported", "intended", "asserted")


def factuality_of(anchor: Any, article: Article, pats: Patterns) -> tuple[str, int | None]:
    """(factuality, index of the containing statement or None) for an event anchored at a token."""
    flags = factuality_of_flags(anchor, pats)
    statement = _statement_index(article, anchor.idx)
    if statement is not None:
        flags.add("reported")
    for name in _PRIORITY:
        if name in flags:
            return name, statement
    return "asserted", statement


def factuality_of_flags(anchor: Any, pats: Patterns) -> set[str]:
    """Every factuality cue found around the anchor, before they are ranked."""
    flags: set[str] = set()
    t, hops, evaluated = anchor, 0, False
    while True:
        # "it is not acceptable that the rebels attack": the negation judges, it does not deny
        _clause_flags(t, pats, flags, is_anchor=hops == 0, negation=not evaluated)
        evaluated = t.dep_ == "acomp"
        if (t.dep_ not in _UP_DEPS and not passes_clause_up(t)) or t.head.i == t.i or hops >= 6:
            break
        parent = t.head
        lemma = parent.lemma_.lower()
        if (
            parent.pos_ in ("VERB", "AUX")
            and lemma in pats.cue("report")
            and t.dep_ in ("ccomp", "xcomp", "dobj", "advcl")
        ) or (
            (lemma in pats.cue("allege") and t.dep_ == "prep" and t.lower_ in ("of", "for"))
            or (lemma in pats.cue("claim_nouns") and t.dep_ in ("acl", "ccomp", "prep"))
        ):
            # "were accused of looting", "blamed the rebels for shelling", "accusations that it
            # had used chemical weapons": a charge, not a fact
            flags.add("reported")
            break
        if (
            parent.pos_ == "VERB"
            and lemma in pats.cue("deny")
            and t.dep_ in ("ccomp", "dobj", "xcomp")
        ):
            flags.add("denied")
        if (
            parent.pos_ == "VERB"
            and lemma in pats.cue("intend")
            and t.dep_ in ("xcomp", "ccomp", "dobj")
        ):
            flags.add("intended")
        if (
            parent.pos_ == "ADJ"
            and lemma in pats.cue("intend_adjectives")
            and (t.dep_ == "xcomp" or (t.dep_ == "prep" and t.lower_ in ("for", "to")))
        ):
            flags.add("intended")  # "willing to withdraw", "ready to talk", "ready for talks"
        if t.dep_ in ("advcl", "acl", "relcl") and any(
            c.dep_ == "aux" and c.lower_ == "to" for c in t.children
        ):
            flags.add("intended")  # "formed a coalition to fight": a purpose, not a fight
        if t.dep_ == "conj":
            t, hops = parent, hops + 1
            continue
        t, hops = parent, hops + 1
    # "a suspected chemical attack (killed ...)", "the alleged massacre"
    # ("suspected militants hurled a grenade" did hurl it: only an event noun counts)
    named = [
        anchor,
        *(
            c
            for c in anchor.children
            if c.dep_ in ("nsubj", "nsubjpass") and c.lemma_.lower() in pats.nouns
        ),
    ]
    if _has_according_to(anchor.sent) or any(
        c.dep_ == "amod" and c.lower_ in pats.cue("alleged_modifiers")
        for t in named
        for c in t.children
    ):
        flags.add("reported")
    return flags


def passes_clause_up(t: Any) -> bool:
    """An adjective whose that-clause holds the event ("it is not acceptable that the rebels
    attack"), unlike one with an infinitive ("is willing to withdraw"), which is the intent."""
    return t.dep_ == "acomp" and any(c.dep_ == "ccomp" for c in t.children)


def _clause_flags(
    t: Any, pats: Patterns, flags: set[str], *, is_anchor: bool, negation: bool = True
) -> None:
    for c in t.children:
        low = c.lower_
        if negation and (c.dep_ == "neg" or (c.dep_ == "det" and low == "no" and is_anchor)):
            flags.add("denied")
        elif c.dep_ in ("aux", "auxpass"):
            if low in ("would", "'d") and _reported_future(t, pats):
                flags.add("intended")  # "said it would allow": the reported form of "will allow"
            elif low in pats.cue("modal_hypothetical"):
                flags.add("hypothetical")
            elif (
                low in pats.cue("modal_intended")
                or c.lemma_ == "will"
                or (low == "going" and any(g.lower_ == "to" for g in c.children))
            ):
                flags.add("intended")
        elif c.dep_ == "mark" and low in pats.cue("hypothetical_marks"):
            flags.add("hypothetical")
    if t.dep_ == "xcomp" and t.head.lemma_ == "go" and any(c.lower_ == "to" for c in t.children):
        flags.add("intended")  # "is going to attack"


def _conditional(t: Any, pats: Patterns) -> bool:
    """The clause carries an if/unless clause anywhere inside: "would let inspectors return if
    sanctions were lifted"."""
    marks = pats.cue("hypothetical_marks")
    return any(g.dep_ == "mark" and g.lower_ in marks for g in t.subtree)


def _reported_future(t: Any, pats: Patterns) -> bool:
    """A "would" clause reported by a speaker, with no condition attached, is a backshifted
    "will": "Iraq said it would allow inspectors" reports "Iraq will allow inspectors"."""
    return (
        t.dep_ == "ccomp"
        and t.head.pos_ in ("VERB", "AUX")
        and t.head.lemma_.lower() in pats.cue("report")
        and not _conditional(t, pats)
    )


def _has_according_to(sent: Any) -> bool:
    # "according to police": the whole sentence is attributed. The sentences that say so are
    # found once per document, not once per event.
    doc = sent.doc
    starts = doc.user_data.get("eventwire_according_to")
    if starts is None:
        starts = doc.user_data["eventwire_according_to"] = {
            t.sent.start
            for t in doc
            if t.lower_ == "according" and t.i + 1 < len(doc) and doc[t.i + 1].lower_ == "to"
        }
    return sent.start in starts


def _statement_index(article: Article, offset: int) -> int | None:
    for i, st in enumerate(article.statements):
        if st.start <= offset < st.end:
            return i
    return None
