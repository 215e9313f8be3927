"""The demo corpus: twelve short news articles written for sitrep, with the events a careful ACLED
coder would record from each one.

Each article is ``articles/NN-slug.txt`` (headline, blank line, paragraphs) and sits next to
``articles/NN-slug.expected.json``::

    {"published": "YYYY-MM-DD", "source": "...", "events": [{ACLED fields...}, ...]}

The corpus is the package's demo (``sitrep extract`` on it shows what sitrep does) and a fixture
for tests. Articles are keyed by their file stem, e.g. ``"01-sake-clash"``.
"""
from __future__ import annotations

import json
from datetime import date
from importlib.resources import files
from pathlib import Path
from typing import Any

from sitrep.records import Article

ARTICLE_SUFFIX = ".txt"
EXPECTED_SUFFIX = ".expected.json"


def _articles_dir() -> Path:
    # The package ships as plain files (wheel or editable install), so the resource is a real path.
    return Path(str(files(__package__) / "articles"))


def demo_paths() -> list[Path]:
    """The article files, sorted by name (which is also their reading order)."""
    return sorted(p for p in _articles_dir().iterdir() if p.name.endswith(ARTICLE_SUFFIX))


def expected_path(article_path: Path) -> Path:
    """The expected-records file that belongs to an article file."""
    return article_path.with_name(article_path.name[: -len(ARTICLE_SUFFIX)] + EXPECTED_SUFFIX)


def _read_expected(article_path: Path) -> dict[str, Any]:
    return json.loads(expected_path(article_path).read_text(encoding="utf-8"))


def expected_documents() -> dict[str, dict[str, Any]]:
    """Every expected file as written: stem -> {"published", "source", "events"}."""
    return {p.stem: _read_expected(p) for p in demo_paths()}


def expected_records() -> dict[str, list[dict[str, Any]]]:
    """The expected events of each article: stem -> list of ACLED-style event dicts
    (an empty list for the articles that report no conflict event)."""
    return {stem: doc["events"] for stem, doc in expected_documents().items()}


def demo_articles() -> list[Article]:
    """The corpus as Article records: text is the whole file (so offsets match the file),
    title its first line, published and source from the expected file."""
    articles = []
    for path in demo_paths():
        text = path.read_text(encoding="utf-8")
        meta = _read_expected(path)
        articles.append(Article(
            text=text,
            title=text.split("\n", 1)[0].strip(),
            published=date.fromisoformat(meta["published"]),
            source=meta["source"],
            origin=str(path),
        ))
    return articles
