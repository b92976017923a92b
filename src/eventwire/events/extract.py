"""Placeholder: the events annotator is being written (issue 4)."""

from __future__ import annotations

from typing import Any

from ..annotators import annotator


@annotator("events", assigns="events", requires=("places", "actors", "statements"))
def annotate_events(doc: Any, article: Any) -> list[Any]:
    return []
