"""Hand-built articles and events for the store tests (no NLP)."""
from __future__ import annotations

import dataclasses
from datetime import date

import pytest

from sitrep.records import Article, Event, Span

IRAQ = "Military Forces of Iraq (2014-2018)"
PESHMERGA = "Military Forces of Kurdistan (Peshmerga)"


def make_article(text: str, published: str = "2017-10-20", source: str = "Wire A", url: str = "") -> Article:
    return Article(text=text, title=text.split(".")[0], published=date.fromisoformat(published),
                   source=source, url=url or f"https://news.example/{abs(hash(text)) % 10_000}")


def make_clash(**changes) -> Event:
    base = Event(
        event_date="2017-10-20", time_precision=1, event_type="Battles", sub_event_type="Armed clash",
        actor1=IRAQ, inter1=1, actor2=PESHMERGA, inter2=1, interaction=11,
        country="Iraq", iso3="IRQ", admin1="Kirkuk", location="Altun Kupri",
        latitude=35.75, longitude=44.14, geo_precision=1, geonameid=100, fatalities=3,
        plover_type="FIGHT", evidence=[Span("event_type", 0, 7, "Clashes")], confidence=0.8,
    )
    return dataclasses.replace(base, **changes)


@pytest.fixture
def store(tmp_path):
    from sitrep.store import open_store

    with open_store(tmp_path / "test.duckdb") as opened:
        yield opened


@pytest.fixture
def filled(store):
    """Two reports of one clash, and an unrelated protest in another city on another day."""
    store.add_article(make_article("Clashes in Altun Kupri killed 3."), [make_clash()])
    store.add_article(
        make_article("Fighting near Altun Kupri left 5 dead.", published="2017-10-21", source="Wire B"),
        [make_clash(fatalities=5, geonameid=None, latitude=35.76, longitude=44.15, geo_precision=2,
                    evidence=[Span("fatalities", 31, 32, "5")])],
    )
    store.add_article(
        make_article("Protesters marched in Basra.", published="2017-10-23"),
        [make_clash(event_date="2017-10-22", event_type="Protests", sub_event_type="Peaceful protest",
                    actor1="Protesters (Iraq)", inter1=6, actor2="", inter2=0, interaction=60,
                    admin1="Basra", location="Basra", latitude=30.51, longitude=47.78, geonameid=200,
                    fatalities=0, plover_type="PROTEST")],
    )
    return store
