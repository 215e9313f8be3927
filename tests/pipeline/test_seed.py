"""The seed article (../shared/seed) must come out right, by general rules."""
from __future__ import annotations

import math

import pytest

import sitrep
from sitrep.records import VIOLENT_TYPES


def km(lat1, lon1, lat2, lon2):
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371 * 2 * math.asin(math.sqrt(a))


@pytest.fixture(scope="module")
def seed_events(seed_text):
    return sitrep.extract(seed_text, published="2017-10-20")


def test_battle_at_altun_kupri_on_the_day(seed_events):
    battles = [e for e in seed_events if e.event_type == "Battles" and e.latitude is not None
               and km(e.latitude, e.longitude, 35.75, 44.15) < 25]
    assert battles, [(e.sub_event_type, e.location, e.latitude, e.longitude) for e in seed_events]
    battle = battles[0]
    assert battle.event_date == "2017-10-20"
    assert any(e.sub_event_type == "Government regains territory" for e in battles)
    sides = " ".join([battle.actor1, battle.assoc_actor_1, battle.actor2, battle.assoc_actor_2])
    assert "Iraq" in sides and "Peshmerga" in sides
    assert battle.fatalities == 0


def test_iraqi_forces_are_the_side_taking_control(seed_events):
    takeovers = [e for e in seed_events if e.sub_event_type == "Government regains territory"]
    assert takeovers
    assert all(e.actor1.startswith("Military Forces of Iraq") and e.inter1 == 1 for e in takeovers)
    assert any("Militia" in e.assoc_actor_1 or "Mobilization" in e.assoc_actor_1 for e in takeovers)


def test_no_violence_in_washington_tehran_or_baghdad(seed_events):
    for event in seed_events:
        if event.event_type in VIOLENT_TYPES | {"Battles"}:
            assert event.location not in ("Washington", "Tehran", "Baghdad"), event


def test_no_new_event_in_2014_or_at_the_referendum(seed_events):
    for event in seed_events:
        assert event.event_date == "2017-10-20" or event.time_precision > 1, event
        assert not (event.event_date or "").startswith("2014")
        assert event.event_type != "Protests"


def test_caption_clash_merges_with_the_body(seed_events):
    clashes_at_town = [e for e in seed_events if e.event_type == "Battles" and e.latitude is not None
                       and km(e.latitude, e.longitude, 35.75, 44.15) < 25]
    assert len(clashes_at_town) <= 2
    starts = [s.start for e in clashes_at_town for s in e.evidence if s.field == "event_type"]
    assert any(s < 400 for s in starts) and any(s > 400 for s in starts), starts


def test_evidence_spans_point_into_the_article(seed_events, seed_text):
    for event in seed_events:
        for span in event.evidence:
            assert seed_text[span.start:span.end] == span.text
