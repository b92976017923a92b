"""The trigger lexicon: verbs, event nouns and cue words (data/events/patterns.yaml + user files).

Users add or override entries with YAML files in the folders named by `EVENTWIRE_EVENTS_DIR`
(os.pathsep-separated); they are read after the built-in file, key by key.
"""

from __future__ import annotations

import functools
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

PATTERNS_FILE = Path(__file__).parent.parent / "data" / "events" / "patterns.yaml"
ENV_DIR = "EVENTWIRE_EVENTS_DIR"


# The actors a reading can depend on, as `by_<who>` keys of an entry, in the order they apply.
BY_WHOM = ("state", "armed", "legal", "allies")


@dataclass(frozen=True, slots=True)
class Trigger:
    """One reading of a trigger word, with the conditions under which it holds."""

    type: str
    mode: str | None = None
    cameo: str | None = None
    objects: frozenset[str] | None = None  # required object lemmas (None: any)
    preps: frozenset[str] = frozenset()
    physical: bool = False
    needs_verb: frozenset[str] | None = None  # nouns: the verb they must hang on
    needs_actor: bool = False
    swap: bool = False  # the object gives, the subject receives ("received aid from X")
    actor_objects: bool = False  # `objects` is also met by a person or group ("released the mayor")
    # (who, "TYPE:mode"): the reading when a state, armed forces, the police or courts, or
    # actors of two countries do it ("blocked roads", "troops arrived", "charged with treason")
    by: tuple[tuple[str, str], ...] = ()
    instrument: bool = False  # the object is the means ("deployed troops to X"), not the target
    untargeted: str | None = None  # "TYPE:mode" when nobody is targeted ("fired into the sea")
    needs_target: bool = False  # only with an object or passive subject ("shot him", not "shot to")
    subjects: frozenset[str] | None = None  # allowed subject lemmas ("a bomb exploded")
    needs_clause: bool = False  # only with a clause after it: "offered to hand over"
    intransitive: bool = False  # only without a direct object: "they protested"


@dataclass(frozen=True, slots=True)
class CommentRule:
    """When a statement is a CAMEO 01 comment of a given code (see `comments` in patterns.yaml)."""

    cameo: str
    verbs: frozenset[str]
    objects: frozenset[str] | None = None
    xcomps: frozenset[str] | None = None
    adjectives: frozenset[str] | None = None
    clause: bool = False

    @property
    def stance(self) -> bool:
        """Whether the rule names what was said, so that it makes a statement without a clause."""
        return bool(self.objects or self.xcomps or self.adjectives)


@dataclass(slots=True)
class Patterns:
    verbs: dict[str, list[Trigger]] = field(default_factory=dict)
    nouns: dict[str, list[Trigger]] = field(default_factory=dict)
    cues: dict[str, frozenset[str]] = field(default_factory=dict)
    comments: list[CommentRule] = field(default_factory=list)

    def cue(self, name: str) -> frozenset[str]:
        return self.cues.get(name, frozenset())


def _word(value: Any) -> str:
    # YAML 1.1 reads a bare on/off/yes/no as a boolean; in a word list they are words.
    if value is True:
        return "on"
    if value is False:
        return "off"
    return str(value).lower()


def _words(values: Any) -> frozenset[str]:
    return frozenset(_word(v) for v in values or ())


def _trigger(spec: Any) -> list[Trigger]:
    if isinstance(spec, str):
        type_, _, mode = spec.partition(":")
        return [Trigger(type_, mode or None)]
    if "alt" in spec:
        return [t for alt in spec["alt"] for t in _trigger(alt)]
    objects = spec.get("objects")
    needs_verb = spec.get("needs_verb")
    return [
        Trigger(
            type=spec["type"],
            mode=spec.get("mode"),
            cameo=str(spec["cameo"]) if spec.get("cameo") else None,
            objects=_words(objects) if objects is not None else None,
            preps=_words(spec.get("preps")),
            physical=bool(spec.get("physical", False)),
            needs_verb=_words(needs_verb) if needs_verb is not None else None,
            needs_actor=bool(spec.get("needs_actor", False)),
            swap=bool(spec.get("swap", False)),
            actor_objects=bool(spec.get("actor_objects", False)),
            by=tuple((who, str(spec[f"by_{who}"])) for who in BY_WHOM if spec.get(f"by_{who}")),
            instrument=bool(spec.get("instrument", False)),
            untargeted=spec.get("untargeted"),
            needs_target=bool(spec.get("needs_target", False)),
            subjects=_words(spec["subjects"]) if spec.get("subjects") is not None else None,
            needs_clause=bool(spec.get("needs_clause", False)),
            intransitive=bool(spec.get("intransitive", False)),
        )
    ]


def _comment_rule(spec: dict) -> CommentRule:
    def words(key: str) -> frozenset[str] | None:
        return _words(spec[key]) if spec.get(key) is not None else None

    return CommentRule(
        cameo=str(spec["cameo"]),
        verbs=_words(spec["verbs"]),
        objects=words("objects"),
        xcomps=words("xcomps"),
        adjectives=words("adjectives"),
        clause=bool(spec.get("clause", False)),
    )


def build_patterns(files: list[Path]) -> Patterns:
    """Merge pattern files; a later file's key replaces an earlier one's, and its comment rules
    are tried before the earlier ones'."""
    p = Patterns()
    for path in files:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        p.comments = [_comment_rule(r) for r in data.get("comments") or ()] + p.comments
        for key, spec in (data.get("verbs") or {}).items():
            p.verbs[str(key).lower()] = _trigger(spec)
        for key, spec in (data.get("nouns") or {}).items():
            p.nouns[str(key).lower()] = _trigger(spec)
        for key, words in (data.get("cues") or {}).items():
            p.cues[key] = _words(words)
    return p


def patterns() -> Patterns:
    """The merged patterns, read once per process and per value of EVENTWIRE_EVENTS_DIR."""
    return _patterns_for(os.environ.get(ENV_DIR, ""))


@functools.cache
def _patterns_for(env: str) -> Patterns:
    files = [PATTERNS_FILE]
    for folder in filter(None, env.split(os.pathsep)):
        files += sorted(Path(folder).glob("*.y*ml"))
    return build_patterns(files)
