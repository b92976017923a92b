"""Placeholder: the actors annotator is being written (see the issues)."""

from __future__ import annotations

from typing import Any

from .annotators import annotator


@annotator("actors", assigns="actors")
def annotate_actors(doc: Any, article: Any) -> list[Any]:
    return []
