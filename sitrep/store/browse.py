"""Filtered, paged, sorted reads of the reviewed records (the ``*_current`` views) for the API.

Every query here reads the views that put analysts' reviews in place of the pipeline's rows, so
the map, the table and the exports agree with what the analysts decided.
"""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Iterator, Optional

from sitrep.store.review import (
    CURRENT_EVENT_COLUMNS, CURRENT_INCIDENT_COLUMNS, row_dict,
)

SORTABLE = ("event_date", "fatalities", "event_type", "sub_event_type", "location", "country",
            "admin1", "actor1", "actor2", "review_status", "confidence")
# the columns a table row needs (the full record comes with the one-incident view)
LIST_COLUMNS = ["incident_id", "event_date", "event_type", "sub_event_type", "actor1", "actor2",
                "country", "admin1", "location", "latitude", "longitude", "fatalities",
                "review_status", "reviewed_fields"]
MAX_PAGE = 1000
ACTOR_COLUMNS = ("actor1", "assoc_actor_1", "actor2", "assoc_actor_2")
TEXT_COLUMNS = ("location", "admin1", "admin2", "country") + ACTOR_COLUMNS + ("sub_event_type", "notes")
MAX_POINTS = 2500  # above this many in view, the map gets grid cells instead of points


@dataclass
class Filters:
    """What the analyst narrowed the records to. Empty fields filter nothing."""
    date_from: Optional[date] = None
    date_to: Optional[date] = None
    bbox: Optional[tuple[float, float, float, float]] = None  # min_lon, min_lat, max_lon, max_lat
    country: list[str] = field(default_factory=list)
    admin1: list[str] = field(default_factory=list)
    event_type: list[str] = field(default_factory=list)
    sub_event_type: list[str] = field(default_factory=list)
    actor: str = ""
    fatalities_min: Optional[int] = None
    fatalities_max: Optional[int] = None
    text: str = ""
    review_status: list[str] = field(default_factory=list)
    include_rejected: bool = False

    def without_dates(self) -> "Filters":
        return dataclasses.replace(self, date_from=None, date_to=None)


def where_clause(filters: Filters) -> tuple[str, list[Any]]:
    """SQL condition and parameters over a ``*_current`` view."""
    where, params = ["TRUE"], []
    if filters.date_from:
        where.append("event_date >= ?")
        params.append(filters.date_from)
    if filters.date_to:
        where.append("event_date <= ?")
        params.append(filters.date_to)
    if filters.bbox:
        min_lon, min_lat, max_lon, max_lat = filters.bbox
        where.append("latitude BETWEEN ? AND ?")
        params += [min_lat, max_lat]
        if min_lon <= max_lon:
            where.append("longitude BETWEEN ? AND ?")
            params += [min_lon, max_lon]
        else:  # a box across the antimeridian
            where.append("(longitude >= ? OR longitude <= ?)")
            params += [min_lon, max_lon]
    for name in ("country", "admin1", "event_type", "sub_event_type", "review_status"):
        values = getattr(filters, name)
        if values:
            if name == "country":  # a country by name or ISO3 code
                where.append(f"(country IN ({_marks(values)}) OR iso3 IN ({_marks(values)}))")
                params += list(values) * 2
            else:
                where.append(f"{name} IN ({_marks(values)})")
                params += list(values)
    if filters.actor:
        clause, values = _contains_any(ACTOR_COLUMNS, filters.actor)
        where.append(clause)
        params += values
    if filters.fatalities_min is not None:
        where.append("fatalities >= ?")
        params.append(filters.fatalities_min)
    if filters.fatalities_max is not None:
        where.append("fatalities <= ?")
        params.append(filters.fatalities_max)
    if filters.text:
        for word in filters.text.split()[:8]:
            clause, values = _contains_any(TEXT_COLUMNS, word)
            where.append(clause)
            params += values
    if not filters.include_rejected and "rejected" not in filters.review_status:
        where.append("review_status <> 'rejected'")
    return " AND ".join(where), params


def list_records(con, kind: str, filters: Filters, sort: str = "event_date", descending: bool = True,
                 limit: int = 50, offset: int = 0) -> dict[str, Any]:
    """One page of incidents or events and the total that match."""
    view, columns = _view(kind)
    if sort not in SORTABLE:
        raise ValueError(f"sort must be one of {', '.join(SORTABLE)}, not {sort!r}")
    limit = max(1, min(int(limit), MAX_PAGE))
    where, params = where_clause(filters)
    direction = "DESC" if descending else "ASC"
    wanted = LIST_COLUMNS if kind == "incidents" else ["event_id", "article_id"] + LIST_COLUMNS
    # two queries, not a count(*) OVER (): a window function stops DuckDB's top-N sort
    sql = (f"SELECT {', '.join(wanted)} FROM {view} WHERE {where} "
           f"ORDER BY {sort} {direction} NULLS LAST, seq {direction} LIMIT {limit} OFFSET {max(0, int(offset))}")
    rows = con.execute(sql, params).fetchall()
    total = _count(con, view, where, params)
    items = [row_dict(wanted, row) for row in rows]
    if kind == "incidents":
        _add_source_counts(con, items)
    return {"total": total, "offset": offset, "limit": limit, "items": items}


def timeline(con, filters: Filters) -> dict[str, Any]:
    """Counts (and fatalities) per day, week or month, per event type, for the histogram."""
    where, params = where_clause(filters)
    span = con.execute(f"SELECT min(event_date), max(event_date) FROM incidents_current WHERE {where}",
                       params).fetchone()
    if span[0] is None:
        return {"unit": "day", "first": None, "last": None, "bins": []}
    days = (span[1] - span[0]).days
    unit = "day" if days <= 400 else "week" if days <= 1500 else "month"
    rows = con.execute(
        f"SELECT date_trunc('{unit}', event_date)::DATE AS bin, event_type, count(*), sum(fatalities) "
        f"FROM incidents_current WHERE {where} AND event_date IS NOT NULL "
        "GROUP BY ALL ORDER BY bin", params).fetchall()
    return {"unit": unit, "first": span[0].isoformat(), "last": span[1].isoformat(),
            "bins": [[b.isoformat(), t or "", n, int(f or 0)] for b, t, n, f in rows]}


def map_features(con, filters: Filters, zoom: int = 2) -> dict[str, Any]:
    """Points when few enough for the page to cluster them; else grid cells for this zoom."""
    where, params = where_clause(filters)
    where += " AND latitude IS NOT NULL AND longitude IS NOT NULL"
    count = _count(con, "incidents_current", where, params)
    if count <= MAX_POINTS:
        rows = con.execute(
            "SELECT incident_id, latitude, longitude, event_type, fatalities, location, event_date "
            f"FROM incidents_current WHERE {where}", params).fetchall()
        return {"mode": "points", "count": count, "points": [
            [i, round(la, 5), round(lo, 5), t or "", f or 0, loc or "", d.isoformat() if d else None]
            for i, la, lo, t, f, loc, d in rows]}
    cell = 360.0 / (2 ** max(0, min(int(zoom), 18))) / 6  # about six cells across a 256px tile
    rows = con.execute(
        f"SELECT floor(latitude / {cell}) AS y, floor(longitude / {cell}) AS x, count(*), "
        "sum(fatalities), avg(latitude), avg(longitude), mode(event_type) "
        f"FROM incidents_current WHERE {where} GROUP BY ALL", params).fetchall()
    return {"mode": "grid", "count": count, "cell_degrees": cell, "cells": [
        [round(la, 4), round(lo, 4), n, int(f or 0), t or ""] for _, _, n, f, la, lo, t in rows]}


def facets(con) -> dict[str, Any]:
    """Values the filters offer: event types, countries, admin1 areas, review statuses."""
    out = {}
    for name in ("event_type", "country", "admin1", "review_status"):
        rows = con.execute(
            f"SELECT {name}, count(*) FROM incidents_current WHERE coalesce({name}, '') <> '' "
            "GROUP BY 1 ORDER BY 2 DESC LIMIT 300").fetchall()
        out[name] = [[value, n] for value, n in rows]
    return out


def incident_detail(con, incident_id: str) -> Optional[dict[str, Any]]:
    """An incident as reviewed, its reports (events) and the article of each, with evidence."""
    from sitrep.store.review import current_incident, edited_but_changed, history

    incident = current_incident(con, incident_id)
    if incident is None:
        return None
    rows = con.execute(
        f"SELECT {', '.join(CURRENT_EVENT_COLUMNS)} FROM events_current WHERE incident_id = ? ORDER BY seq",
        [incident_id]).fetchall()
    events = [row_dict(CURRENT_EVENT_COLUMNS, row) for row in rows]
    for event in events:
        event["pipeline_changed"] = edited_but_changed(con, "event", event["event_id"])
    article_ids = list(dict.fromkeys(e["article_id"] for e in events))
    articles = []
    if article_ids:
        found = {r[0]: r for r in con.execute(
            f"SELECT id, title, text, published, url, source FROM articles WHERE id IN ({_marks(article_ids)})",
            article_ids).fetchall()}
        for article_id in article_ids:
            if article_id not in found:
                continue
            _, title, text, published, url, source = found[article_id]
            spans = [dict(span, event_id=e["event_id"]) for e in events if e["article_id"] == article_id
                     for span in e["evidence"] or []]
            articles.append({"id": article_id, "title": title or "", "text": text, "url": url or "",
                             "source": source or "", "published": published.isoformat() if published else None,
                             "evidence": sorted(spans, key=lambda s: (s["start"], -s["end"]))})
    incident["sources"] = [{"article_id": a["id"], "source": a["source"], "source_url": a["url"],
                            "published": a["published"]} for a in articles]
    return {
        "incident": incident, "events": events, "articles": articles,
        "pipeline_changed": edited_but_changed(con, "incident", incident_id),
        "history": history(con, [incident_id] + [e["event_id"] for e in events]),
    }


def iter_current(con, kind: str, filters: Filters, batch: int = 5000):
    """Full reviewed records (with their review marks) for exports, by date."""
    view, columns = _view(kind)
    where, params = where_clause(filters)
    cursor = con.cursor()
    try:
        cursor.execute(f"SELECT {', '.join(columns)} FROM {view} WHERE {where} ORDER BY event_date NULLS LAST, seq",
                       params)
        while rows := cursor.fetchmany(batch):
            for row in rows:
                yield row_dict(columns, row)
    finally:
        cursor.close()


def reviewed_records(con, kind: str, filters: Filters, batch: int = 2000) -> Iterator[dict[str, Any]]:
    """Records as reviewed, for exports; incidents get their current sources, a batch at a time."""
    pending: list[dict[str, Any]] = []

    def flush() -> list[dict[str, Any]]:
        if kind == "incidents" and pending:
            sources = sources_for(con, [r["incident_id"] for r in pending])
            for record in pending:
                record["sources"] = sources.get(record["incident_id"], [])
        done = list(pending)
        pending.clear()
        return done

    for record in iter_current(con, kind, filters):
        pending.append(record)
        if len(pending) >= batch:
            yield from flush()
    yield from flush()


def sources_for(con, incident_ids: list[str]) -> dict[str, list[dict[str, Any]]]:
    """Each incident's sources (one per article among its current reports)."""
    if not incident_ids:
        return {}
    rows = con.execute(
        "SELECT e.incident_id, a.id, coalesce(nullif(a.source, ''), max(e.source), ''), "
        "coalesce(nullif(a.url, ''), max(e.source_url), ''), a.published FROM events_current e "
        f"JOIN articles a ON a.id = e.article_id WHERE e.incident_id IN ({_marks(incident_ids)}) "
        "GROUP BY e.incident_id, a.id, a.source, a.url, a.published, a.seq ORDER BY a.seq", incident_ids).fetchall()
    out: dict[str, list[dict[str, Any]]] = {i: [] for i in incident_ids}
    for incident_id, article_id, source, url, published in rows:
        out[incident_id].append({"article_id": article_id, "source": source, "source_url": url,
                                 "published": published.isoformat() if published else None})
    return out


def _add_source_counts(con, items: list[dict[str, Any]]) -> None:
    ids = [item["incident_id"] for item in items]
    if not ids:
        return
    counts = dict(con.execute(
        f"SELECT incident_id, count(DISTINCT article_id) FROM events_current WHERE incident_id IN ({_marks(ids)}) "
        "GROUP BY 1", ids).fetchall())
    for item in items:
        item["sources"] = counts.get(item["incident_id"], 0)


def _view(kind: str) -> tuple[str, list[str]]:
    if kind == "incidents":
        return "incidents_current", CURRENT_INCIDENT_COLUMNS
    if kind == "events":
        return "events_current", CURRENT_EVENT_COLUMNS
    raise ValueError(f"kind must be 'events' or 'incidents', not {kind!r}")


def _count(con, view: str, where: str, params: list[Any]) -> int:
    return con.execute(f"SELECT count(*) FROM {view} WHERE {where}", params).fetchone()[0]


def _marks(values) -> str:
    return ", ".join("?" for _ in values)


def _contains_any(columns: tuple[str, ...], text: str) -> tuple[str, list[str]]:
    """Case-insensitive substring test over several columns. contains() on each column is several
    times faster than ILIKE over their concatenation, and takes the user's % and _ literally."""
    needle = text.lower()
    return "(" + " OR ".join(f"contains(lower({c}), ?)" for c in columns) + ")", [needle] * len(columns)


__all__ = ["Filters", "LIST_COLUMNS", "MAX_POINTS", "SORTABLE", "facets", "incident_detail",
           "iter_current", "list_records", "map_features", "sources_for", "timeline", "where_clause"]
