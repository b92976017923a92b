"""Placeholder: the quantities annotator is being written (see the issues)."""

from __future__ import annotations

from typing import Any

from .annotators import annotator


@annotator("quantities", assigns="quantities")
def annotate_quantities(doc: Any, article: Any) -> list[Any]:
    return []
