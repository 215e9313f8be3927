"""Territorial control timelines from takeover, transfer and withdrawal events."""
from __future__ import annotations

import dataclasses

from sitrep.incidents.control import change_from, control_as_of, holder_as_of, place_key, timelines
from sitrep.records import Event, Span

IRAQ = "Military Forces of Iraq"
PESHMERGA = "Military Forces of Kurdistan Regional Government (Peshmerga)"
IS = "Islamic State"


def takeover(**changes) -> Event:
    base = Event(event_id="e1", event_date="2017-10-20", time_precision=1, event_type="Battles",
                 sub_event_type="Government regains territory", actor1=IRAQ, inter1=1, actor2=PESHMERGA,
                 inter2=1, country="Iraq", iso3="IRQ", location="Altun Kupri", latitude=35.77,
                 longitude=44.23, geo_precision=2, evidence=[Span("event_type", 0, 12, "took control")])
    return dataclasses.replace(base, **changes)


def test_takeover_gives_the_place_to_actor1():
    change = change_from(takeover())
    assert (change.holder, change.previous_holder, change.kind) == (IRAQ, PESHMERGA, "takeover")
    assert change.place_key == "name:altun kupri|IRQ" and change.evidence[0].text == "took control"


def test_events_that_change_nothing_are_ignored():
    assert change_from(takeover(sub_event_type="Armed clash")) is None
    assert change_from(takeover(event_date=None)) is None
    assert change_from(takeover(actor1="")) is None


def test_transfer_and_withdrawal():
    transfer = change_from(takeover(event_type="Strategic developments", sub_event_type="Non-violent transfer of territory",
                                    actor1=PESHMERGA, actor2=IS))
    assert (transfer.kind, transfer.holder, transfer.previous_holder) == ("transfer", PESHMERGA, IS)
    withdrawal = change_from(takeover(event_type="", sub_event_type="", plover_type="RETREAT", actor1=PESHMERGA, actor2=""))
    assert (withdrawal.kind, withdrawal.holder, withdrawal.previous_holder) == ("withdrawal", "", PESHMERGA)


def test_timeline_and_as_of():
    changes = [
        change_from(takeover(event_id="b", event_date="2017-10-20")),
        change_from(takeover(event_id="a", event_date="2014-06-12", sub_event_type="Non-state actor overtakes territory",
                             actor1=PESHMERGA, actor2=IRAQ)),
        change_from(takeover(event_id="c", location="Kirkuk", geonameid=94787, event_date="2017-10-16")),
    ]
    lines = timelines(changes)
    altun = lines["name:altun kupri|IRQ"]
    assert [(h.holder, h.since, h.until) for h in altun] == [
        (PESHMERGA, "2014-06-12", "2017-10-20"), (IRAQ, "2017-10-20", None)]
    assert holder_as_of(altun, "2016-01-01").holder == PESHMERGA
    assert holder_as_of(altun, "2017-10-20").holder == IRAQ
    assert holder_as_of(altun, "2010-01-01") is None
    assert [(h.location, h.holder) for h in control_as_of(changes, "2017-10-18")] == [
        ("Altun Kupri", PESHMERGA), ("Kirkuk", IRAQ)]


def test_place_key_prefers_the_gazetteer_id():
    assert place_key(takeover(geonameid=94787)) == "geonames:94787"
