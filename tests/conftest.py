"""Shared fixtures: the ../shared folder (skipped when absent) and a parsed-once pipeline."""
from __future__ import annotations

from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[1].parent / "shared"


@pytest.fixture(scope="session")
def shared() -> Path:
    if not (SHARED / "data").is_dir():
        pytest.skip(f"../shared is absent ({SHARED}); evaluation data is needed for this test")
    return SHARED


@pytest.fixture(scope="session")
def seed_text(shared) -> str:
    return (shared / "seed" / "kirkuk-2017-10-20.txt").read_text(encoding="utf-8")
