"""Shared helpers for the ingest tests: write small input files into tmp_path and read them."""
from __future__ import annotations

from pathlib import Path

import pytest

from sitrep.ingest import read_inputs
from sitrep.records import Article, Problem


@pytest.fixture
def articles_of():
    """articles_of(items) -> the Articles among them."""
    return lambda items: [item for item in items if isinstance(item, Article)]


@pytest.fixture
def problems_of():
    """problems_of(items) -> the Problems among them."""
    return lambda items: [item for item in items if isinstance(item, Problem)]


@pytest.fixture
def write(tmp_path: Path):
    """write(name, content) -> Path; content is str (UTF-8) or bytes, written exactly."""
    def _write(name: str, content: str | bytes) -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
        return path
    return _write


@pytest.fixture
def read():
    """read(*inputs, **options) -> list of Articles and Problems."""
    def _read(*inputs, **options):
        return list(read_inputs([str(item) for item in inputs], **options))
    return _read
