"""The package's data files (vocabularies, patterns, context words) are well formed."""
from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "sitrep"
JSON_FILES = sorted(p for p in PACKAGE.rglob("*.json") if "__pycache__" not in p.parts)


def _keys_written_twice(path: Path) -> list[str]:
    twice: list[str] = []

    def check(pairs):
        counts = Counter(key for key, _ in pairs)
        twice.extend(key for key, n in counts.items() if n > 1)
        return dict(pairs)

    json.loads(path.read_text(encoding="utf-8"), object_pairs_hook=check)
    return twice


def test_there_are_data_files_to_check():
    assert any(p.name == "vocab.json" for p in JSON_FILES)


@pytest.mark.parametrize("path", JSON_FILES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_no_key_is_written_twice(path):
    # json keeps the last of two equal keys without a word: a list added under a name already
    # used would silently replace the first one
    assert _keys_written_twice(path) == []
