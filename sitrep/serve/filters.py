"""Query parameters shared by the list, map, timeline and export routes."""
from __future__ import annotations

from datetime import date
from typing import Optional

from fastapi import HTTPException, Query

from sitrep.store.browse import Filters


def query_filters(
    date_from: Optional[date] = Query(None, description="first event date, YYYY-MM-DD (inclusive)"),
    date_to: Optional[date] = Query(None, description="last event date, YYYY-MM-DD (inclusive)"),
    bbox: Optional[str] = Query(None, description="min_lon,min_lat,max_lon,max_lat", max_length=120),
    country: list[str] = Query([], description="country name or ISO3 code; repeat for several"),
    admin1: list[str] = Query([], description="first-level region; repeat for several"),
    event_type: list[str] = Query([], description="ACLED event type; repeat for several"),
    sub_event_type: list[str] = Query([], description="ACLED sub-event type; repeat for several"),
    actor: str = Query("", max_length=200, description="part of an actor's name, either side"),
    fatalities_min: Optional[int] = Query(None, ge=0),
    fatalities_max: Optional[int] = Query(None, ge=0),
    q: str = Query("", max_length=200, description="words that must all appear (place, actors, notes)"),
    review_status: list[str] = Query([], description="unreviewed, confirmed, edited or rejected"),
    include_rejected: bool = Query(False, description="also show records an analyst rejected"),
) -> Filters:
    return Filters(
        date_from=date_from, date_to=date_to, bbox=parse_bbox(bbox), country=country, admin1=admin1,
        event_type=event_type, sub_event_type=sub_event_type, actor=actor.strip(),
        fatalities_min=fatalities_min, fatalities_max=fatalities_max, text=q.strip(),
        review_status=review_status, include_rejected=include_rejected,
    )


def parse_bbox(text: Optional[str]) -> Optional[tuple[float, float, float, float]]:
    if not text:
        return None
    try:
        min_lon, min_lat, max_lon, max_lat = (float(part) for part in text.split(","))
    except ValueError:
        raise HTTPException(422, f"bbox must be four numbers min_lon,min_lat,max_lon,max_lat, not {text!r}")
    if not (-90 <= min_lat <= max_lat <= 90 and -540 <= min_lon <= 540 and -540 <= max_lon <= 540):
        raise HTTPException(422, f"bbox {text!r} is not a box of longitudes and latitudes")
    if max_lon - min_lon >= 360:
        return (-180.0, min_lat, 180.0, max_lat)
    # a map that scrolled round the world gives longitudes past ±180: bring them back
    wrap = lambda lon: ((lon + 180) % 360) - 180  # noqa: E731
    return (wrap(min_lon), min_lat, wrap(max_lon) if max_lon != 180 else 180.0, max_lat)
