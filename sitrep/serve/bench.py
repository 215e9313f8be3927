"""`sitrep bench --serve`: API latency and page load time over a store of 100,000 events.

The events are made from real ones: the pipeline extracts the demo articles, and each extracted
event is copied with another date (over three years), place (a real event's place, moved up to
about 150 km), actors (swapped between real events of the same type) and fatality count. They
are inserted in bulk (Arrow tables), one incident per event, as a large store would hold them.
"""
from __future__ import annotations

import json
import random
import statistics
import tempfile
import threading
import time
from datetime import date, timedelta
from pathlib import Path
from typing import Iterable, Iterator

import pyarrow as pa

EVENTS = 100_000
EVENTS_PER_ARTICLE = 10
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--headless", "--disable-background-networking", "--disable-gpu",
                 "--disable-component-update", "--no-first-run"]


def run_serve_bench(events: int = EVENTS, seed: int = 7) -> Iterable[str]:
    with tempfile.TemporaryDirectory(prefix="sitrep-bench-") as folder:
        path = Path(folder) / "bench.duckdb"
        started = time.perf_counter()
        count = build_store(path, events, seed)
        yield f"store: {count:,} events and incidents generated from the demo articles' real events, " \
              f"inserted in bulk in {time.perf_counter() - started:.1f} s"
        yield from api_latency(path, seed)
        yield from page_load(path)


def build_store(path: Path, total: int, seed: int) -> int:
    import sitrep.demo
    from sitrep.api import process
    from sitrep.records import EVENT_COLUMNS
    from sitrep.store import open_store
    from sitrep.store.db import _arrow_type

    results = [r for r in process(sitrep.demo.demo_articles()) if r.events]
    real = [(result.article, event) for result in results for event in result.events]
    rng = random.Random(seed)
    by_type: dict[str, list] = {}
    for _, event in real:
        by_type.setdefault(event.event_type, []).append(event)
    first_day = date(2021, 1, 1)
    articles, rows = [], []
    for number in range(total):
        article, event = real[number % len(real)]
        article_id = f"bench-{number // EVENTS_PER_ARTICLE}"
        if number % EVENTS_PER_ARTICLE == 0:
            articles.append([article_id, article.title, article.text, first_day + timedelta(days=rng.randrange(1100)),
                             "", f"Bench Wire {rng.randrange(40)}"])
        other = rng.choice(by_type[event.event_type])
        place = rng.choice(real)[1]
        values = event.to_dict()
        values.update(
            event_id=f"{article_id}-{number % EVENTS_PER_ARTICLE + 1}", article_id=article_id,
            event_date=first_day + timedelta(days=rng.randrange(1100)),
            actor1=other.actor1 or event.actor1, actor2=rng.choice([event.actor2, other.actor2]),
            latitude=(place.latitude or 0) + rng.uniform(-1.4, 1.4),
            longitude=(place.longitude or 0) + rng.uniform(-1.4, 1.4),
            country=place.country, iso3=place.iso3, admin1=place.admin1, location=place.location,
            fatalities=max(0, int(rng.expovariate(0.3))) if event.fatalities else 0,
            evidence=json.dumps(values["evidence"], ensure_ascii=False),
        )
        rows.append(values)
    with open_store(path) as store:
        con = store.connection
        bench_articles = pa.table({name: pa.array([a[i] for a in articles], type=_arrow_type(name))
                                   for i, name in enumerate(["id", "title", "text", "published", "url", "source"])})
        con.execute("INSERT INTO articles (id, title, text, published, url, source) SELECT * FROM bench_articles")
        columns = list(EVENT_COLUMNS)
        table = {name: pa.array([r[name] for r in rows], type=_arrow_type(name)) for name in columns}
        table["incident_id"] = pa.array([f"inc-{r['event_id']}" for r in rows], type=pa.string())
        bench_events = pa.table(table)  # noqa: F841 (read by the SQL below)
        names = ", ".join(columns)
        con.execute(f"INSERT INTO events ({names}, incident_id) SELECT {names}, incident_id FROM bench_events")
        con.execute(f"INSERT INTO incidents (incident_id, {names}) SELECT incident_id, {names} FROM bench_events")
        return con.execute("SELECT count(*) FROM incidents").fetchone()[0]


def bench_queries(rng: random.Random) -> Iterator[tuple[str, dict]]:
    """What the page asks while an analyst works: lists, map and timeline under filters."""
    types = ["Battles", "Protests", "Explosions/Remote violence", "Violence against civilians", "Riots"]
    while True:
        start = date(2021, 1, 1) + timedelta(days=rng.randrange(900))
        window = {"date_from": start.isoformat(), "date_to": (start + timedelta(days=rng.choice([7, 30, 180]))).isoformat()}
        yield "/api/incidents", {**window, "event_type": rng.choice(types)}
        yield "/api/incidents", {"q": rng.choice(["Kampala", "Sake", "Juba", "clash"]), "sort": "fatalities"}
        yield "/api/incidents", {"bbox": "25,-5,35,5", "fatalities_min": 2, "offset": 50}
        yield "/api/incidents", {"actor": rng.choice(["Shabaab", "Protesters", "Military"]), **window}
        yield "/api/map", {**window, "zoom": 3}
        yield "/api/map", {"zoom": 2}
        yield "/api/timeline", {"event_type": rng.choice(types)}
        yield "/api/timeline", {}
        yield "/api/events", {"country": "Nigeria", **window}


def api_latency(path: Path, seed: int, rounds: int = 270) -> Iterator[str]:
    from fastapi.testclient import TestClient

    from sitrep.serve import ServeSettings, create_app

    rng = random.Random(seed)
    timings: dict[str, list[float]] = {}
    with TestClient(create_app(ServeSettings(db=str(path)))) as client:
        queries = bench_queries(rng)
        for _ in range(20):  # warm DuckDB's caches as a running server would be
            route, params = next(queries)
            client.get(route, params=params)
        for _ in range(rounds):
            route, params = next(queries)
            began = time.perf_counter()
            response = client.get(route, params=params)
            timings.setdefault(route, []).append((time.perf_counter() - began) * 1000)
            if response.status_code != 200:
                raise RuntimeError(f"{route} {params}: {response.status_code} {response.text[:200]}")
        incident_id = client.get("/api/incidents", params={"limit": 1}).json()["items"][0]["incident_id"]
        for _ in range(30):
            began = time.perf_counter()
            client.get(f"/api/incidents/{incident_id}")
            timings.setdefault("/api/incidents/{id}", []).append((time.perf_counter() - began) * 1000)
    everything = [t for values in timings.values() for t in values]
    yield (f"filtered API queries: {len(everything)} requests, p50 {percentile(everything, 50):.1f} ms, "
           f"p95 {percentile(everything, 95):.1f} ms (target < 100 ms)")
    for route, values in sorted(timings.items()):
        yield f"  {route:24} n={len(values):3}  p50 {percentile(values, 50):6.1f} ms  p95 {percentile(values, 95):6.1f} ms"


def page_load(path: Path) -> Iterator[str]:
    """Time from navigation until the page is usable: map markers, outlines, timeline and table."""
    if not Path(CHROMIUM).exists():
        yield f"page: not measured ({CHROMIUM} is absent; apt-get install -y chromium)"
        return
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        yield "page: not measured (playwright is not installed: pip install -e '.[test]')"
        return
    import socket

    import uvicorn

    from sitrep.serve import ServeSettings, create_app

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(create_app(ServeSettings(db=str(path))), host="127.0.0.1",
                                          port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.05)
    try:
        timings = []
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            for _ in range(4):
                page = browser.new_page(viewport={"width": 1400, "height": 900})
                began = time.perf_counter()
                page.goto(f"http://127.0.0.1:{port}/")
                page.wait_for_selector("body[data-ready=true][data-outlines=drawn]", state="attached", timeout=30_000)
                timings.append(time.perf_counter() - began)
                page.close()
            browser.close()
        yield (f"page usable (map, outlines, timeline, table) in {statistics.median(timings[1:]):.2f} s median of "
               f"{len(timings) - 1} loads, first load {timings[0]:.2f} s (target < 2 s)")
    finally:
        server.should_exit = True
        thread.join(timeout=10)


def percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(pct / 100 * len(ordered) + 0.5) - 1))
    return ordered[index]
