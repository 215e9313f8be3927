"""The Python API: what the CLI calls, and what a notebook calls.

    import sitrep
    events = sitrep.extract("Gunmen killed 12 villagers in Zamfara on Sunday ...", published="2020-05-11")
    sitrep.to_dataframe(events)
    report = sitrep.ingest(["articles/"], db="conflict.duckdb")
"""
from __future__ import annotations

import dataclasses
import logging
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Callable, Iterable, Iterator, Optional, Union

from sitrep.records import Article, Event, PlaceMention, Problem

log = logging.getLogger("sitrep")

ArticleLike = Union[str, Article, dict]


def _as_date(value: Union[str, date, None]) -> Optional[date]:
    if value is None or isinstance(value, date):
        return value
    from sitrep.ingest import parse_published

    return parse_published(value)


def as_article(item: ArticleLike, published: Union[str, date, None] = None) -> Article:
    """An Article from a string of text, a dict with the JSONL fields, or an Article."""
    default = _as_date(published)
    if isinstance(item, Article):
        if item.published is None and default is not None:
            return dataclasses.replace(item, published=default)
        return item
    if isinstance(item, str):
        return Article(text=item, published=default)
    if isinstance(item, dict):
        own = item.get("published")
        return Article(
            text=item["text"], id=str(item.get("id") or ""), title=item.get("title") or "",
            published=_as_date(own) if own else default, url=item.get("url") or "",
            source=item.get("source") or "",
        )
    raise TypeError(f"cannot make an article from {type(item).__name__}")


def read(inputs: Iterable[str], published: Union[str, date, None] = None, source: str = "") -> Iterator[Union[Article, Problem]]:
    """Articles from files, folders, URLs or '-' (stdin); a Problem for each unreadable item."""
    from sitrep.ingest import read_inputs

    return read_inputs(inputs, published=_as_date(published), default_source=source)


def process(articles: Iterable[ArticleLike], published: Union[str, date, None] = None):
    """Run the pipeline; yields one ArticleResult (article, events, places) per article."""
    from sitrep.pipeline import default_pipeline

    return default_pipeline().process(as_article(a, published) for a in articles)


def extract(articles: Union[ArticleLike, Iterable[ArticleLike]], published: Union[str, date, None] = None) -> list[Event]:
    """Events from one article (text, dict or Article) or many."""
    if isinstance(articles, (str, Article, dict)):
        articles = [articles]
    return [event for result in process(articles, published) for event in result.events]


def geoparse(articles: Union[ArticleLike, Iterable[ArticleLike]]) -> list[list[PlaceMention]]:
    """Places named in each article, resolved against the gazetteer."""
    if isinstance(articles, (str, Article, dict)):
        articles = [articles]
    return [result.places for result in process(articles)]


def to_dataframe(records: Iterable):
    """A pandas DataFrame with ACLED's columns (evidence stays a list of dicts)."""
    import pandas as pd
    from sitrep.records import EVENT_COLUMNS, INCIDENT_COLUMNS

    rows = [r.to_dict() for r in records]
    columns = INCIDENT_COLUMNS if rows and "incident_id" in rows[0] else EVENT_COLUMNS
    return pd.DataFrame(rows, columns=columns)


def open_store(path: Union[str, Path] = "sitrep.duckdb", read_only: bool = False):
    from sitrep.store import open_store as _open

    return _open(path, read_only=read_only)


@dataclass
class IngestReport:
    read: int = 0
    stored: int = 0
    already_stored: int = 0
    events: int = 0
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def ingest(inputs: Iterable[Union[str, Article]], db: Union[str, Path] = "sitrep.duckdb", published: Union[str, date, None] = None,
           source: str = "", on_problem: Optional[Callable[[Problem], None]] = None,
           on_article: Optional[Callable[[Article, int], None]] = None) -> IngestReport:
    """Read, extract and store articles. Safe to re-run: stored articles are skipped, not duplicated."""
    from sitrep.pipeline import default_pipeline

    report = IngestReport()

    def items() -> Iterator[Union[Article, Problem]]:
        paths = []
        for item in inputs:
            if isinstance(item, Article):
                yield item
            else:
                paths.append(item)
        if paths:
            yield from read(paths, published, source)

    def fresh_articles(store) -> Iterator[Article]:
        for item in items():
            if isinstance(item, Problem):
                report.problems.append(item)
                if on_problem:
                    on_problem(item)
                continue
            report.read += 1
            if store.has_article(item.id):
                report.already_stored += 1
                log.info("skipped %s: already stored as %s", item.origin or item.id, item.id)
                if on_article:
                    on_article(item, -1)
                continue
            yield item

    with open_store(db) as store:
        for result in default_pipeline().process(fresh_articles(store)):
            try:
                added = store.add_article(result.article, result.events)
            except Exception as error:  # one bad article must not stop the run
                problem = Problem(result.article.origin or result.article.id, f"not stored: {error}")
                report.problems.append(problem)
                if on_problem:
                    on_problem(problem)
                continue
            if added:
                report.stored += 1
                report.events += len(result.events)
            else:
                report.already_stored += 1
            if on_article:
                on_article(result.article, len(result.events) if added else -1)
    return report
