"""Placeholder: the places annotator is being written (issue 3)."""

from __future__ import annotations

from typing import Any

from ..annotators import annotator


@annotator("places", assigns="places")
def annotate_places(doc: Any, article: Any) -> list[Any]:
    return []
