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


@dataclass(slots=True)
class Patterns:
    verbs: dict[str, list[Trigger]] = field(default_factory=dict)
    nouns: dict[str, list[Trigger]] = field(default_factory=dict)
    cues: dict[str, frozenset[str]] = field(default_factory=dict)

    def cue(self, name: str) -> frozenset[str]:
        return self.cues.get(name, frozenset())


def _trigger(spec: Any) -> list[Trigger]:
    if isinstance(spec, str):
        type_, _, mode = spec.partition(":")
        return [Trigger(type_, mode or None)]
    if "alt" in spec:
        return [t for alt in spec["alt"] for t in _trigger(alt)]
    objects = spec.get("objects")
    needs_verb = spec.get("needs_verb")
    return [Trigger(
        type=spec["type"],
        mode=spec.get("mode"),
        cameo=str(spec["cameo"]) if spec.get("cameo") else None,
        objects=frozenset(objects) if objects is not None else None,
        preps=frozenset(spec.get("preps") or ()),
        physical=bool(spec.get("physical", False)),
        needs_verb=frozenset(needs_verb) if needs_verb is not None else None,
        needs_actor=bool(spec.get("needs_actor", False)),
    )]


def build_patterns(files: list[Path]) -> Patterns:
    """Merge pattern files; a later file's key replaces an earlier one's."""
    p = Patterns()
    for path in files:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for key, spec in (data.get("verbs") or {}).items():
            p.verbs[str(key).lower()] = _trigger(spec)
        for key, spec in (data.get("nouns") or {}).items():
            p.nouns[str(key).lower()] = _trigger(spec)
        for key, words in (data.get("cues") or {}).items():
            p.cues[key] = frozenset(str(w).lower() for w in words or ())
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
