"""CAMEO 01 codes of statements: declining to comment (011), concern (012), hope (013), a policy
option under consideration (014), owning up (015), a denial (016), a symbolic act (017) or
agreement with a view (019), from the `comments` rules of patterns.yaml.

PLOVER has no type for "make a public statement", so eventwire keeps these as statements, not
events; the code is what CAMEO users and GDELT-shaped exports need of them. Sympathy (018) is
coded by the events stage, as PLOVER's SUPPORT.
"""

from __future__ import annotations

import functools
from typing import Any

import numpy
from spacy.attrs import LEMMA, POS
from spacy.symbols import AUX, VERB

from .patterns import CommentRule, Patterns, patterns

PLAIN_STATEMENT = "010"


def comment_code(verb: Any | None, pats: Patterns | None = None) -> str:
    """The CAMEO 01 code of a statement made by `verb` (010 when no rule is more specific)."""
    if verb is None:
        return PLAIN_STATEMENT
    found = _match(verb, pats or patterns())
    return found[0].cameo if found else PLAIN_STATEMENT


def clause_comment_verbs(pats: Patterns | None = None) -> frozenset[str]:
    """The verbs that report a clause as a comment though they are not speech verbs ("hopes
    that the talks ...")."""
    return _verbs(tuple((pats or patterns()).comments), clause=True)


@functools.cache
def _verbs(rules: tuple[CommentRule, ...], clause: bool) -> frozenset[str]:
    """The verbs of the clause rules, or of the stance rules."""
    return frozenset(v for r in rules if (r.clause if clause else r.stance) for v in r.verbs)


def stances(doc: Any, pats: Patterns | None = None) -> list[tuple[int, int, Any]]:
    """(start, end, verb) of each stance that is a statement though no clause is reported:
    "expressed deep concern", "declined to comment", "denied any involvement". The span is the
    stance word with the words that grade it ("deep concern"), not what it is about, so that an
    event the stance is about keeps its own factuality."""
    pats = pats or patterns()
    # the arrays find the candidate verbs without a Token object for every word
    strings = doc.vocab.strings
    verbs = _verbs(tuple(pats.comments), clause=False)
    lemmas = numpy.array([strings[v] for v in verbs], dtype="uint64")
    parts = doc.to_array([POS, LEMMA])
    rows = numpy.isin(parts[:, 0], (VERB, AUX)) & numpy.isin(parts[:, 1], lemmas)
    out = []
    for i in rows.nonzero()[0].tolist():
        tok = doc[i]
        found = _match(tok, pats)
        if found is None or found[1] is None:
            continue
        stance = found[1]
        graded = [c for c in stance.lefts if c.dep_ in ("amod", "advmod", "compound")]
        start = min([stance.idx] + [c.idx for c in graded])
        out.append((start, stance.idx + len(stance.text), tok))
    return out


def _match(verb: Any, pats: Patterns) -> tuple[CommentRule, Any | None] | None:
    """The first rule a verb meets, with the word that met it (None for a clause rule)."""
    if any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children):
        return None  # "was denied entry", "is considered a threat": nobody comments
    lemma = verb.lemma_.lower()
    for rule in pats.comments:
        if lemma not in rule.verbs:
            continue
        word = _meets(rule, verb)
        if word is not None:
            return rule, (word if word is not verb else None)
    return None


def _meets(rule: CommentRule, verb: Any) -> Any | None:
    """The token that meets the rule (the verb itself for a rule of verbs only), or None."""
    for deps, words in (
        (("dobj",), rule.objects),
        (("xcomp",), rule.xcomps),
        (("acomp",), rule.adjectives),
    ):
        if words is None:
            continue
        return next(
            (
                c
                for c in verb.children
                if c.dep_ in deps and (c.lower_ in words or c.lemma_.lower() in words)
            ),
            None,
        )
    if rule.clause:
        return verb if any(c.dep_ == "ccomp" for c in verb.children) else None
    return verb
