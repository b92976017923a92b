"""Small helpers over the spaCy dependency tree, shared by trigger matching and arguments."""

from __future__ import annotations

from typing import Any

# Links along which an event is embedded in the verb or noun above it.
EMBED_DEPS = frozenset(
    {
        "xcomp",
        "ccomp",
        "dobj",
        "pobj",
        "prep",
        "acl",
        "pcomp",
        "dative",
        "attr",
        "oprd",
        "advcl",
        "relcl",
    }
)


def child(token: Any, *deps: str) -> Any | None:
    for c in token.children:
        if c.dep_ in deps:
            return c
    return None


def conjuncts(token: Any) -> list[Any]:
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
            elif c.ent_iob_ == "I" and t.ent_type_ and c.i == t.i + 1:
                # "Barack Obama and Vladimir Putin" parsed with "Obama" under "Barack": the
                # rest of the name carries the conjunct
                todo.append(c)
            elif (
                c.dep_ == "prep"
                and c.lower_ in ("with", "alongside")
                and any(x.lower_ in ("along", "together") for x in c.lefts)
            ):
                todo.extend(g for g in c.children if g.dep_ == "pobj")
            elif (c.dep_ == "advmod" and c.lower_ in ("along", "together")) or (
                c.dep_ == "prep" and c.lower_ == "along"
            ):
                for p in c.children:
                    if p.dep_ == "prep" and p.lower_ == "with":
                        todo.extend(g for g in p.children if g.dep_ == "pobj")
    return sorted(out, key=lambda t: t.i)


def prep_objects(token: Any, preps: tuple[str, ...]) -> list[Any]:
    out = []
    for c in token.children:
        if c.dep_ in ("prep", "agent") and c.lower_ in preps:
            out += [g for g in c.children if g.dep_ == "pobj"]
    return out


def is_passive(verb: Any) -> bool:
    return any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children) or (
        verb.dep_ == "conj"
        and verb.tag_ == "VBN"
        and child(verb, "aux", "nsubj", "dobj") is None
        and is_passive(verb.head)
    )  # "were arrested and later released": the second participle is passive too


def participle_as_root(verb: Any) -> bool:
    """ "The civilians imprisoned for ... were released by Putin": the parser made the
    participle of a reduced relative the root and the real verb its conjunct. The participle
    has a subject but no auxiliary; the conjunct has a passive auxiliary and no subject."""
    return (
        verb.dep_ == "ROOT"
        and verb.tag_ in ("VBN", "VBD")  # the misparse often tags it a past tense as well
        and child(verb, "nsubj") is not None
        and child(verb, "aux", "auxpass", "dobj", "cc") is None  # "attacked X and were ..."
        and any(
            c.dep_ == "conj"
            and child(c, "auxpass") is not None
            and child(c, "nsubj", "nsubjpass") is None
            for c in verb.children
        )
    )


def patient(verb: Any) -> Any | None:
    """Who a passive verb acts on: its passive subject, or for a conjunct without one the
    subject of the verb it is coordinated with ("were arrested on Monday and released")."""
    own = child(verb, "nsubjpass")
    if own is not None or verb.dep_ != "conj" or child(verb, "nsubj", "dobj") is not None:
        return own
    head = verb.head
    if child(verb, "auxpass") is None and not is_passive(head):
        return None
    if not participle_as_root(head) and not _opens_conjunct(verb):
        return None  # "... and [IS prisoners] had been abducted": a subject the parse lost
    # "Rebels attacked and were repelled", "the civilians imprisoned ... were released": the
    # first verb's subject undergoes the second
    return child(head, "nsubjpass", "nsubj") or patient(head)


def _opens_conjunct(verb: Any) -> bool:
    """Only auxiliaries and adverbs stand between "and" (or a comma) and the verb."""
    t = verb.i - 1
    while t >= 0 and verb.doc[t].head.i == verb.i and verb.doc[t].dep_ in _VERB_GROUP:
        t -= 1
    return t >= 0 and (verb.doc[t].dep_ == "cc" or verb.doc[t].text in (",", ";"))


_VERB_GROUP = frozenset({"aux", "auxpass", "advmod", "neg"})


def governing_verb(noun: Any) -> Any | None:
    """The verb a noun hangs on: "launched an attack", "told ... after a meeting"."""
    t, hops = noun, 0
    while (
        t.dep_
        in (
            "dobj",
            "pobj",
            "prep",
            "attr",
            "oprd",
            "conj",
            "appos",
            "nsubj",
            "nsubjpass",
            "compound",
            "dative",
        )
        and hops < 4
    ):
        t = t.head
        hops += 1
        if t.pos_ in ("VERB", "AUX"):
            return t
    return None
