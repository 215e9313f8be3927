"""`sitrep bench --ingest`: does ingesting stay fast as the store grows?

The ACLED notes in ../shared (about 15,000) are ingested one article at a time into a temporary
store: parsed by the pipeline, then stored with ``Store.add_article`` (one transaction each,
incident merging included). Printed: articles/s over the first and the last thousand articles,
whole pipeline and store alone, so a slowdown of merging as incidents pile up shows.
"""
from __future__ import annotations

import tempfile
import time
from pathlib import Path
from typing import Iterator

from sitrep.records import Article

WINDOW = 1000
FILES = ("data/acled-2020-global/acled.csv", "data/acled-2015-asia/acled.csv")


def acled_articles(limit: int = 0) -> list[Article]:
    from sitrep.evaluate.acled import read_acled
    from sitrep.evaluate.corpora import shared_dir

    shared = shared_dir()
    if shared is None:
        return []
    articles: list[Article] = []
    for name in FILES:
        path = shared / name
        if path.is_file():
            articles.extend(g.article() for g in read_acled(path))
    return articles[:limit] if limit else articles


def run_ingest_bench(limit: int = 0) -> Iterator[str]:
    articles = acled_articles(limit)
    if not articles:
        yield "no ACLED notes found (../shared is absent)"
        return
    from sitrep.pipeline import default_pipeline
    from sitrep.store import open_store

    pipeline = default_pipeline()
    window = min(WINDOW, max(1, len(articles) // 2))
    yield f"corpus: {len(articles)} ACLED notes, ingested one article at a time (windows of {window})"
    started = time.perf_counter()
    ticks: list[tuple[float, float]] = []  # per article: wall clock at its end, seconds in the store
    with tempfile.TemporaryDirectory() as folder:
        with open_store(Path(folder) / "bench.duckdb") as store:
            for result in pipeline.process(iter(articles)):
                before = time.perf_counter()
                store.add_article(result.article, result.events)
                after = time.perf_counter()
                ticks.append((after, after - before))
            incidents = store.connection.execute("SELECT count(*) FROM incidents").fetchone()[0]
            events = store.connection.execute("SELECT count(*) FROM events").fetchone()[0]
    total = time.perf_counter() - started
    yield f"stored {len(ticks)} articles, {events} events, {incidents} incidents in {total:.1f} s ({len(ticks) / total:.1f} articles/s)"
    for label, part in (("first", slice(0, window)), ("last", slice(len(ticks) - window, len(ticks)))):
        chunk = ticks[part]
        start_clock = ticks[part.start - 1][0] if part.start > 0 else started
        wall = chunk[-1][0] - start_clock
        store_seconds = sum(seconds for _, seconds in chunk)
        yield (f"{label} {len(chunk)}: {len(chunk) / wall:.1f} articles/s whole ingest, "
               f"{len(chunk) / store_seconds:.1f} articles/s store alone ({1000 * store_seconds / len(chunk):.1f} ms per article)")
