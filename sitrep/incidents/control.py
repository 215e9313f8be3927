"""Territorial control over time: who holds a place from which date, on which evidence.

Events that change who holds a place:
- Battles / Government regains territory and Non-state actor overtakes territory: actor1 takes
  the place from actor2 (ACLED's convention: the side gaining territory is actor1);
- Strategic developments / Non-violent transfer of territory: actor1 takes over, actor2 (if
  named) hands over or withdraws;
- withdrawals (PLOVER RETREAT with a place): actor1 leaves; who holds it next is unknown until
  another event says so.

A place's timeline is its changes in date order; the holder as of a date is the holder set by the
last change on or before it. Plain functions over records; the store keeps the changes in the
``control_changes`` table and calls these to build timelines.
"""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Iterable, Optional

from sitrep.records import Event, Incident, Span, iso_date

TAKEOVER_SUB_EVENTS = frozenset({"Government regains territory", "Non-state actor overtakes territory"})
TRANSFER_SUB_EVENT = "Non-violent transfer of territory"
WITHDRAWAL_PLOVER = "RETREAT"
# evidence fields worth keeping with a change: why we believe who took what, where and when
EVIDENCE_FIELDS = frozenset({"sub_event_type", "event_type", "actor1", "actor2", "location", "event_date", "trigger"})
UNKNOWN_HOLDER = ""


@dataclass
class ControlChange:
    """One event that changed (or emptied) who holds a place."""
    place_key: str
    location: str
    change_date: str  # YYYY-MM-DD
    holder: str  # who holds the place from change_date ("" after a withdrawal: not known)
    previous_holder: str = ""
    kind: str = "takeover"  # takeover | transfer | withdrawal
    time_precision: int = 1
    holder_inter: int = 0
    country: str = ""
    iso3: str = ""
    admin1: str = ""
    latitude: Optional[float] = None
    longitude: Optional[float] = None
    geonameid: Optional[int] = None
    geo_precision: int = 3
    sub_event_type: str = ""
    incident_id: str = ""
    event_id: str = ""
    evidence: list[Span] = field(default_factory=list)

    def to_dict(self) -> dict:
        row = dataclasses.asdict(self)
        row["evidence"] = [span.to_dict() for span in self.evidence]
        return row


@dataclass
class Holding:
    """A period in a place's timeline: ``holder`` from ``since`` until ``until`` (None: still)."""
    place_key: str
    location: str
    holder: str
    since: str
    until: Optional[str]
    change: ControlChange


def change_from(record: Event) -> Optional[ControlChange]:
    """The control change an event or incident records, or None if it changes nothing."""
    if not record.event_date or not (record.location or record.geonameid is not None or record.latitude is not None):
        return None  # a change of control needs a place and a date
    if record.sub_event_type in TAKEOVER_SUB_EVENTS and record.actor1:
        kind, holder, previous, inter = "takeover", record.actor1, record.actor2, record.inter1
    elif record.sub_event_type == TRANSFER_SUB_EVENT and record.actor1:
        kind, holder, previous, inter = "transfer", record.actor1, record.actor2, record.inter1
    elif record.plover_type == WITHDRAWAL_PLOVER and record.actor1:
        kind, holder, previous, inter = "withdrawal", UNKNOWN_HOLDER, record.actor1, 0
    else:
        return None
    return ControlChange(
        place_key=place_key(record), location=record.location, change_date=record.event_date,
        holder=holder, previous_holder=previous, kind=kind, time_precision=record.time_precision,
        holder_inter=inter, country=record.country, iso3=record.iso3, admin1=record.admin1,
        latitude=record.latitude, longitude=record.longitude, geonameid=record.geonameid,
        geo_precision=record.geo_precision, sub_event_type=record.sub_event_type,
        incident_id=getattr(record, "incident_id", "") or "", event_id=record.event_id,
        evidence=sorted((span for span in record.evidence if span.field in EVIDENCE_FIELDS),
                        key=lambda span: span.field != "sub_event_type"),  # what says who took it, first
    )


def place_key(record: Event) -> str:
    """One key per place: the gazetteer id when there is one, else the written name in its
    country (places computed from an offset, like Altun Kupri, have no id)."""
    if record.geonameid is not None:
        return f"geonames:{record.geonameid}"
    name = " ".join((record.location or "").casefold().split())
    if name:
        return f"name:{name}|{(record.iso3 or record.country or '').upper()}"
    return f"point:{record.latitude:.2f},{record.longitude:.2f}"


def timelines(changes: Iterable[ControlChange]) -> dict[str, list[Holding]]:
    """Per place, its holdings in date order (a later change ends the holding before it)."""
    by_place: dict[str, list[ControlChange]] = {}
    for change in changes:
        by_place.setdefault(change.place_key, []).append(change)
    result: dict[str, list[Holding]] = {}
    for key, items in by_place.items():
        items.sort(key=lambda c: (c.change_date, c.kind != "withdrawal"))  # a withdrawal, then who entered
        holdings = []
        for index, change in enumerate(items):
            until = items[index + 1].change_date if index + 1 < len(items) else None
            holdings.append(Holding(key, change.location, change.holder, change.change_date, until, change))
        result[key] = holdings
    return result


def holder_as_of(holdings: list[Holding], as_of: str) -> Optional[Holding]:
    """The holding in force on ``as_of`` (YYYY-MM-DD), or None before the first known change."""
    day = iso_date(as_of)
    current = None
    for holding in holdings:
        since = iso_date(holding.since)
        if since is not None and day is not None and since <= day:
            current = holding
    return current


def control_as_of(changes: Iterable[ControlChange], as_of: str) -> list[Holding]:
    """Every place's holding in force on ``as_of``, in place-name order."""
    found = []
    for holdings in timelines(changes).values():
        holding = holder_as_of(holdings, as_of)
        if holding is not None:
            found.append(holding)
    return sorted(found, key=lambda h: (h.location.casefold(), h.place_key))


def changes_from(records: Iterable[Event | Incident]) -> list[ControlChange]:
    return [change for change in (change_from(r) for r in records) if change is not None]
