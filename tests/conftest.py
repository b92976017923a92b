"""Shared fixtures. Data from ../shared is read in place; tests that need it skip without it."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
EXAMPLES = ROOT / "examples"
SAMPLE = SHARED / "samples" / "idlib-offensive.txt"


def shared_path(*parts: str) -> Path:
    """A path under ../shared, or a skip when the folder is not beside the checkout."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} is absent: ../shared is not beside this checkout")
    return path


@pytest.fixture(scope="session")
def sample_text() -> str:
    return shared_path("samples", "idlib-offensive.txt").read_text(encoding="utf-8")
