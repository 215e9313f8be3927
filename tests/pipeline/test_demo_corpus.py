"""The shipped demo articles come out as their expected records say."""
from __future__ import annotations

import math
from pathlib import Path

import pytest

import sitrep
from sitrep.demo import demo_articles, expected_documents
from sitrep.records import VIOLENT_TYPES


def km(lat1, lon1, lat2, lon2):
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 6371 * 2 * math.asin(math.sqrt(a))


@pytest.fixture(scope="module")
def results():
    articles = demo_articles()
    return {Path(r.article.origin).stem: r.events for r in sitrep.process(articles)}


def cases():
    return sorted(expected_documents().items())


@pytest.mark.parametrize("stem,expected", cases(), ids=[c[0] for c in cases()])
def test_demo_article(stem, expected, results):
    events = results[stem]
    if not expected["events"]:
        assert [e for e in events if e.event_type in VIOLENT_TYPES] == [], [(e.event_type, e.notes) for e in events]
        return
    for gold in expected["events"]:
        same_type = [e for e in events if e.event_type == gold["event_type"]]
        assert same_type, f"{stem}: no {gold['event_type']} in {[(e.event_type, e.sub_event_type) for e in events]}"
        best = min(same_type, key=lambda e: km(e.latitude or 0, e.longitude or 0, gold["latitude"], gold["longitude"]))
        assert best.sub_event_type == gold["sub_event_type"], stem
        assert best.latitude is not None and km(best.latitude, best.longitude, gold["latitude"], gold["longitude"]) < 25, (stem, best.location)
        assert best.event_date == gold["event_date"], stem
        assert best.fatalities == gold["fatalities"], stem
        if gold["sub_event_type"] == "Armed clash":  # who is actor1 in a clash is a coder's call
            assert {best.inter1, best.inter2} == {gold["inter1"], gold["inter2"]}, (stem, best.actor1, best.actor2)
        else:
            assert best.inter1 == gold["inter1"], (stem, best.actor1)
