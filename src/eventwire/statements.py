"""Placeholder: the statements annotator is being written (see the issues)."""

from __future__ import annotations

from typing import Any

from .annotators import annotator


@annotator("statements", assigns="statements", requires=("actors",))
def annotate_statements(doc: Any, article: Any) -> list[Any]:
    return []
