"""PLOVER types and modes with CAMEO code, QuadClass and Goldstein value (ontology.yaml)."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

import yaml

ONTOLOGY_FILE = Path(__file__).parent.parent / "data" / "events" / "ontology.yaml"

# PLOVER 0.5 names (2016 gold data) -> current names, with the mode the old name implies.
OLD_NAMES: dict[str, tuple[str, str | None]] = {
    "DEMAND": ("REQUEST", None),
    "DISAPPROVE": ("ACCUSE", "disapprove"),
    "INVESTIGATE": ("ACCUSE", "investigate"),
    "FIGHT": ("ASSAULT", None),
}


@dataclass(frozen=True, slots=True)
class Coding:
    plover: str
    mode: str | None
    cameo: str
    quad_class: int
    goldstein: float


@dataclass(frozen=True, slots=True)
class Ontology:
    types: dict[str, dict]  # type -> {"cameo": code, "modes": {mode: code}}
    goldstein_by_root: dict[str, float]

    def code(self, plover: str, mode: str | None = None, cameo: str | None = None) -> Coding:
        """The full coding of a PLOVER type/mode; `cameo` overrides the table's code."""
        spec = self.types[plover]
        if mode is not None and mode not in spec["modes"]:
            mode = None  # an unknown mode is dropped rather than invented
        code = cameo or (spec["modes"].get(mode) if mode else None) or spec["cameo"]
        root = code[:2]
        return Coding(plover, mode, code, quad_class(root), self.goldstein_by_root[root])


def quad_class(root: str) -> int:
    """GDELT's QuadClass of a CAMEO root code."""
    n = int(root)
    return 1 if n <= 5 else 2 if n <= 8 else 3 if n <= 13 else 4


@functools.cache
def ontology() -> Ontology:
    data = yaml.safe_load(ONTOLOGY_FILE.read_text(encoding="utf-8"))
    types = {
        name: {
            "cameo": str(spec["cameo"]),
            "modes": {m: str(c) for m, c in (spec.get("modes") or {}).items()},
        }
        for name, spec in data["types"].items()
    }
    return Ontology(types, {str(k): float(v) for k, v in data["goldstein_by_root"].items()})


PLOVER_TYPES: tuple[str, ...] = (
    "AGREE",
    "CONSULT",
    "SUPPORT",
    "CONCEDE",
    "COOPERATE",
    "AID",
    "RETREAT",
    "REQUEST",
    "ACCUSE",
    "REJECT",
    "THREATEN",
    "PROTEST",
    "SANCTION",
    "MOBILIZE",
    "COERCE",
    "ASSAULT",
)
# The types of cooperation (PLOVER's first seven): what a threat cannot wrap, what an intent to
# do turns into AGREE, and what a verb of another kind is about rather than does.
COOPERATIVE_TYPES: frozenset[str] = frozenset(
    {"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT"}
)
