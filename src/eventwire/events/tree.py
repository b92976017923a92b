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
    return any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children)


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
