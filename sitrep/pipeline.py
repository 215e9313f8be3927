"""Compose the stages: articles in, events (with the places found) out, in batches."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable, Iterator, Optional

from sitrep.dates import find_dates
from sitrep.events import extract_events
from sitrep.events.verbal import verbal_events
from sitrep.geo import geoparse_doc
from sitrep.ingest.cleaning import footer_start
from sitrep.language import analyze, load_nlp
from sitrep.records import Article, Event, PlaceMention


@dataclass
class ArticleResult:
    article: Article
    events: list[Event] = field(default_factory=list)
    places: list[PlaceMention] = field(default_factory=list)


class Pipeline:
    """Loads the language model and gazetteer once; then processes any number of articles."""

    def __init__(self, batch_size: int = 16, n_process: Optional[int] = None, verbal: bool = True):
        self.batch_size = batch_size
        self.verbal = verbal
        self.n_process = n_process
        self.nlp = load_nlp()
        from sitrep.geo import Gazetteer

        self.gazetteer = Gazetteer.load()

    def process(self, articles: Iterable[Article]) -> Iterator[ArticleResult]:
        for article, doc in analyze(articles, batch_size=self.batch_size, n_process=self.n_process):
            yield self.process_parsed(article, doc)

    def process_parsed(self, article: Article, doc) -> ArticleResult:
        body_end = footer_start(article.text)
        places = geoparse_doc(doc)
        dates = find_dates(article.text, article.published)
        events = extract_events(article, doc, places, dates, body_end)
        if self.verbal:
            # what the parties said or decided: PLOVER-typed records with no ACLED type
            events += renumbered(article, verbal_events(article, doc, places, dates), start=len(events) + 1)
        return ArticleResult(article, events, places)


def renumbered(article: Article, events: list[Event], start: int) -> list[Event]:
    """Event ids go on from the last ACLED event's number, so every id in an article is unique."""
    for number, event in enumerate(events, start=start):
        event.event_id = f"{article.id}-{number}"
    return events


_DEFAULT: Optional[Pipeline] = None


def default_pipeline() -> Pipeline:
    global _DEFAULT
    if _DEFAULT is None:
        _DEFAULT = Pipeline()
    return _DEFAULT
