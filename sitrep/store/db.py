"""The DuckDB store: one file, no services; articles, their events, and merged incidents."""
from __future__ import annotations

import dataclasses
import json
import math
from datetime import date, timedelta
from pathlib import Path
from typing import Any, Iterable, Iterator, Optional, Sequence, Union

import duckdb
import pyarrow as pa

from sitrep import incidents as incident_stage
from sitrep.records import EVENT_COLUMNS, Article, Event, Incident, Source, Span, iso_date
from sitrep.store.migrations import LATEST_VERSION, current_version, migrate

DEFAULT_PATH = "sitrep.duckdb"
# The columns the store reads and writes, in record order (incidents add their id first).
STORED_EVENT_COLUMNS = list(EVENT_COLUMNS)
STORED_INCIDENT_COLUMNS = ["incident_id"] + STORED_EVENT_COLUMNS
ARTICLE_COLUMNS = ["id", "title", "text", "published", "url", "source"]
FETCH_BATCH = 2000
KM_PER_DEGREE_LATITUDE = 111.32


class StoreError(RuntimeError):
    """The database file cannot be used as asked (wrong schema version, read-only...)."""


def open_store(path: Union[str, Path] = DEFAULT_PATH, read_only: bool = False) -> "Store":
    """Open (creating and migrating when writable) a sitrep database file; ":memory:" works too."""
    target = str(path)
    if read_only and target != ":memory:" and not Path(target).exists():
        raise StoreError(f"{target}: no such database (run `sitrep ingest` first)")
    con = duckdb.connect(target, read_only=read_only)
    try:
        version = current_version(con)
        if version > LATEST_VERSION:
            raise StoreError(
                f"{target}: schema version {version} is newer than this sitrep knows "
                f"({LATEST_VERSION}); upgrade sitrep"
            )
        if version < LATEST_VERSION:
            if read_only:
                raise StoreError(
                    f"{target}: schema version {version}, expected {LATEST_VERSION}; "
                    "open it once without read_only to migrate it"
                )
            migrate(con)
    except BaseException:
        con.close()
        raise
    return Store(con, target, read_only)


class Store:
    """Articles, events and incidents in one DuckDB database. Use as a context manager."""

    def __init__(self, con: duckdb.DuckDBPyConnection, path: str, read_only: bool) -> None:
        self._con = con
        self.path = path
        self.read_only = read_only

    # -- lifecycle --------------------------------------------------------------------------

    def close(self) -> None:
        self._con.close()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc_info: Any) -> None:
        self.close()

    @property
    def schema_version(self) -> int:
        return current_version(self._con)

    @property
    def connection(self) -> duckdb.DuckDBPyConnection:
        """The DuckDB connection, for SQL the API does not cover (read it, do not reshape it)."""
        return self._con

    # -- writing ----------------------------------------------------------------------------

    def has_article(self, article_id: str) -> bool:
        row = self._con.execute("SELECT 1 FROM articles WHERE id = ?", [article_id]).fetchone()
        return row is not None

    def add_article(self, article: Article, events: Sequence[Event]) -> bool:
        """Store an article, its events and their incidents in one transaction.

        Returns False, changing nothing, when the article id is already stored (re-ingesting is
        a no-op). Any error rolls the whole article back. The caller's records are not changed.
        """
        return self._add_batch([(article, events)])[0]

    def add_articles(
        self, items: Iterable[tuple[Article, Sequence[Event]]], batch_size: int = 64
    ) -> list[bool]:
        """``add_article`` for many articles, faster: one transaction per batch of articles.

        Same outcome as calling ``add_article`` in a loop: the result per article, duplicates
        (also within the input) stored once, and on an error every article before the failing
        one is stored, the failing one is not, and the error is raised.
        """
        results: list[bool] = []
        batch: list[tuple[Article, Sequence[Event]]] = []
        for item in items:
            batch.append(item)
            if len(batch) >= batch_size:
                results.extend(self._add_batch_or_each(batch))
                batch = []
        results.extend(self._add_batch_or_each(batch))
        return results

    def _add_batch_or_each(self, batch: list[tuple[Article, Sequence[Event]]]) -> list[bool]:
        try:
            return self._add_batch(batch)
        except Exception:
            if len(batch) == 1:
                raise
        # the batch was rolled back: redo it article by article so the culprit fails alone
        return [self.add_article(article, events) for article, events in batch]

    def _add_batch(self, batch: list[tuple[Article, Sequence[Event]]]) -> list[bool]:
        """Store new articles of ``batch`` in ONE transaction (all or nothing); per article, True
        if stored, False if its id was already there."""
        if self.read_only:
            raise StoreError(f"{self.path}: opened read-only")
        if not batch:
            return []
        self._con.begin()
        try:
            fresh = self._fresh_articles(batch)
            if not any(fresh):
                self._con.rollback()
                return fresh
            kept = [item for item, is_fresh in zip(batch, fresh) if is_fresh]
            reports = [(article, prepare_events(article, events)) for article, events in kept]
            self._insert_rows("articles", ARTICLE_COLUMNS, [_article_values(a) for a, _ in reports])
            links = self._assign_incidents(reports)
            self._insert_rows(
                "events", STORED_EVENT_COLUMNS + ["incident_id"],
                [_event_values(e) + [links[e.event_id]] for _, events in reports for e in events],
            )
            self._con.commit()
        except BaseException:
            self._con.rollback()
            raise
        return fresh

    def _fresh_articles(self, batch: list[tuple[Article, Sequence[Event]]]) -> list[bool]:
        """Per item: not stored yet and not an earlier item's id (one query for the batch)."""
        ids = [article.id for article, _ in batch]
        marks = ", ".join("?" for _ in ids)
        stored = {row[0] for row in self._con.execute(
            f"SELECT id FROM articles WHERE id IN ({marks})", ids).fetchall()}
        fresh = []
        for article_id in ids:
            fresh.append(article_id not in stored)
            stored.add(article_id)
        return fresh

    def _assign_incidents(self, reports: list[tuple[Article, list[Event]]]) -> dict[str, str]:
        """Merge each event into the incident it reports, or start a new one; returns each
        event's incident id.

        One candidate query for the whole batch, then the incidents stage decides in Python;
        incidents created or merged by earlier events are candidates for later ones.
        Statements are batched because each DuckDB statement costs far more than its rows.
        """
        all_events = [event for _, events in reports for event in events]
        pool = CandidatePool(self._candidate_incidents(all_events))
        stored_before = pool.ids()
        changed: dict[str, Incident] = {}
        links: dict[str, str] = {}
        steps: list[tuple[Optional[Incident], Incident, Event]] = []  # for history and control
        for article, events in reports:
            for event in events:
                source = incident_stage.report_source(article, event)
                match = incident_stage.match_incident(event, pool.near(event))
                if match is None:
                    incident = incident_stage.new_incident(event, source)
                else:
                    incident = incident_stage.merge_into(match, event, source)
                pool.put(incident)
                steps.append((match, incident, event))
                changed[incident.incident_id] = incident
                if event.event_id in links:
                    raise ValueError(f"event id {event.event_id!r} given twice")
                links[event.event_id] = incident.incident_id
        created = [i for key, i in changed.items() if key not in stored_before]
        self._insert_rows("incidents", STORED_INCIDENT_COLUMNS, [_incident_values(i) for i in created])
        for key, incident in changed.items():
            if key in stored_before:
                self._update_incident(incident)
        from sitrep.store import control as control_store  # field history, control timeline

        control_store.record_merges(self, steps)
        return links

    def _update_incident(self, incident: Incident) -> None:
        values = _incident_values(incident)
        assignments = ", ".join(f"{name} = ?" for name in STORED_INCIDENT_COLUMNS[1:])
        self._con.execute(
            f"UPDATE incidents SET {assignments} WHERE incident_id = ?", values[1:] + [values[0]]
        )

    def _candidate_incidents(self, events: list[Event]) -> list[Incident]:
        """Stored incidents that could be the same as one of ``events``: same type, near in time
        and space. A coarse SQL filter; ``match_incident`` applies the exact rule.

        The events go in as an Arrow table of probes joined to incidents, so the SQL text (and
        DuckDB's planning cost) is the same for one event or a batch of hundreds.
        """
        probes = _candidate_probes(events)
        if probes is None:
            return []
        sitrep_probes = probes  # noqa: F841 (read by the SQL below, a DuckDB replacement scan)
        dates = [d for name in ("near_from", "near_to", "month_from", "month_to") for d in probes.column(name).to_pylist()]
        rows = self._con.execute(_CANDIDATE_SQL, [min(dates), max(dates)]).fetchall()
        # one row per (incident, probe) pair: an incident near two of the events comes twice
        unique = {row[0]: row for row in rows}
        return [_row_to_event(row, Incident, STORED_INCIDENT_COLUMNS) for row in unique.values()]  # type: ignore[misc]

    def _insert_rows(self, table: str, columns: list[str], rows: list[list[Any]]) -> None:
        """All rows in one statement, handed over as an Arrow table: a DuckDB statement costs
        about a millisecond to plan, and bound parameters cost far more per value than Arrow."""
        if not rows:
            return
        arrays = {
            name: pa.array([row[i] for row in rows], type=_arrow_type(name))
            for i, name in enumerate(columns)
        }
        names = ", ".join(columns)
        # DuckDB finds the Arrow table by this local name (a replacement scan): no register /
        # unregister round trips, which would double the cost of a small insert
        sitrep_insert_rows = pa.table(arrays)  # noqa: F841 (read by the SQL below)
        self._con.execute(f"INSERT INTO {table} ({names}) SELECT {names} FROM sitrep_insert_rows")

    # -- reading ----------------------------------------------------------------------------

    def article(self, article_id: str) -> Optional[Article]:
        rows = self._con.execute(
            f"SELECT {', '.join(ARTICLE_COLUMNS)} FROM articles WHERE id = ?", [article_id]
        ).fetchall()
        return _row_to_article(rows[0]) if rows else None

    def articles(self) -> list[Article]:
        rows = self._con.execute(f"SELECT {', '.join(ARTICLE_COLUMNS)} FROM articles ORDER BY seq")
        return [_row_to_article(row) for row in rows.fetchall()]

    def events(self, **filters: Any) -> list[Event]:
        """Events matching the filters (see ``iter_events``), by date then ingestion order."""
        return list(self.iter_events(**filters))

    def iter_events(self, **filters: Any) -> Iterator[Event]:
        """Filters: article_id, incident_id, event_type, sub_event_type, country, iso3, actor
        (either side), date_from, date_to (inclusive), bbox=(min_lon, min_lat, max_lon, max_lat),
        limit, offset."""
        where, params = _filter_clause(filters, kind="events")
        sql = f"SELECT {', '.join(STORED_EVENT_COLUMNS)} FROM events WHERE {where} "
        sql += "ORDER BY event_date NULLS LAST, seq" + _paging(filters)
        for row in self._stream(sql, params):
            yield _row_to_event(row, Event, STORED_EVENT_COLUMNS)

    def incidents(self, **filters: Any) -> list[Incident]:
        """Incidents (with every merged report in ``sources``); same filters as ``iter_events``."""
        return list(self.iter_incidents(**filters))

    def iter_incidents(self, **filters: Any) -> Iterator[Incident]:
        where, params = _filter_clause(filters, kind="incidents")
        order = "event_date NULLS LAST, seq" + _paging(filters)
        batch: list[Incident] = []
        for incident in self._iter_incident_rows(where, params, order):
            batch.append(incident)
            if len(batch) >= FETCH_BATCH:
                yield from self._with_sources(batch)
                batch = []
        yield from self._with_sources(batch)

    def incident_evidence(self, incident_id: str) -> dict[str, list[Span]]:
        """Evidence spans of an incident per article (offsets index into that article's text)."""
        rows = self._con.execute(
            "SELECT article_id, evidence FROM events WHERE incident_id = ? ORDER BY seq",
            [incident_id],
        ).fetchall()
        spans: dict[str, list[Span]] = {}
        for article_id, evidence in rows:
            spans.setdefault(article_id, []).extend(_spans_from_json(evidence))
        return spans

    def counts(self) -> dict[str, int]:
        return {
            table: self._con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
            for table in ("articles", "events", "incidents")
        }

    def to_dataframe(self, kind: str = "events", **filters: Any):
        """A pandas DataFrame of events or incidents (record columns; event_date as datetime)."""
        import pandas as pd

        if kind not in ("events", "incidents"):
            raise ValueError(f"kind must be 'events' or 'incidents', not {kind!r}")
        records = self.iter_events(**filters) if kind == "events" else self.iter_incidents(**filters)
        columns = STORED_EVENT_COLUMNS if kind == "events" else STORED_INCIDENT_COLUMNS + ["sources"]
        frame = pd.DataFrame([r.to_dict() for r in records], columns=columns)
        frame["event_date"] = pd.to_datetime(frame["event_date"], errors="coerce")
        frame["geonameid"] = frame["geonameid"].astype("Int64")  # ids stay integers despite gaps
        return frame

    def _iter_incident_rows(self, where: str, params: list[Any], order: str) -> Iterator[Incident]:
        for row in self._stream(_incident_select(where, order), params):
            yield _row_to_event(row, Incident, STORED_INCIDENT_COLUMNS)  # type: ignore[misc]

    def _with_sources(self, incidents: list[Incident]) -> list[Incident]:
        """Fill each incident's sources from the incident_sources view, in ingestion order."""
        if not incidents:
            return incidents
        by_id = {incident.incident_id: incident for incident in incidents}
        marks = ", ".join("?" for _ in by_id)
        rows = self._con.execute(
            "SELECT incident_id, article_id, source, source_url, published FROM incident_sources "
            f"WHERE incident_id IN ({marks}) ORDER BY seq",
            list(by_id),
        ).fetchall()
        for incident in incidents:
            incident.sources = []
        for incident_id, article_id, source, url, published in rows:
            by_id[incident_id].sources.append(
                Source(article_id, source or "", url or "", published.isoformat() if published else None)
            )
        return incidents

    def _stream(self, sql: str, params: list[Any]) -> Iterator[tuple]:
        # a cursor of its own, so a caller may query the store while iterating (a cursor is a
        # separate connection: it does not see an open transaction's writes, so never use it there)
        cursor = self._con.cursor()
        try:
            cursor.execute(sql, params)
            while True:
                rows = cursor.fetchmany(FETCH_BATCH)
                if not rows:
                    break
                yield from rows
        finally:
            cursor.close()


class CandidatePool:
    """The incidents a batch may merge into, bucketed by type and day so that each event is
    checked against a handful of them, not the whole batch (the exact rule is the stage's)."""

    def __init__(self, incidents: Iterable[Incident]) -> None:
        self._window = incident_stage.candidate_window_days()
        self._by_id: dict[str, Incident] = {}
        self._buckets: dict[tuple[str, int], dict[str, Incident]] = {}
        for incident in incidents:
            self.put(incident)

    def ids(self) -> set[str]:
        return set(self._by_id)

    def put(self, incident: Incident) -> None:
        """Add an incident, or replace it by its merged version (its date may have changed)."""
        old = self._by_id.get(incident.incident_id)
        if old is not None:
            self._buckets.get(self._key(old), {}).pop(old.incident_id, None)
        self._by_id[incident.incident_id] = incident
        self._buckets.setdefault(self._key(incident), {})[incident.incident_id] = incident

    def near(self, event: Event) -> list[Incident]:
        day = iso_date(event.event_date)
        if day is None:
            return []
        # buckets are windows of `_window` days: the event's and its neighbours cover ±window
        slot = day.toordinal() // self._window
        found: list[Incident] = []
        for event_type in incident_stage.candidate_types(event.event_type or ""):
            for step in (-1, 0, 1):
                found.extend(self._buckets.get((event_type, slot + step), {}).values())
        return found

    def _key(self, incident: Incident) -> tuple[str, int]:
        day = iso_date(incident.event_date)
        slot = day.toordinal() // self._window if day else -10  # undated: never near anything
        return (incident.event_type or "", slot)


def _incident_select(where: str, order: str) -> str:
    return f"SELECT {', '.join(STORED_INCIDENT_COLUMNS)} FROM incidents WHERE {where} ORDER BY {order}"


# -- records <-> rows ---------------------------------------------------------------------------


def prepare_events(article: Article, events: Sequence[Event]) -> list[Event]:
    """Copies of the events with article id, deterministic event ids and the article's source."""
    prepared = []
    for number, event in enumerate(events, start=1):
        copy = dataclasses.replace(event, evidence=list(event.evidence))
        copy.article_id = copy.article_id or article.id
        copy.event_id = copy.event_id or f"{article.id}-{number}"
        copy.source = copy.source or article.source
        copy.source_url = copy.source_url or article.url
        _checked_date(copy.event_date, copy)  # fail before any write
        prepared.append(copy)
    return prepared


def _event_values(event: Event) -> list[Any]:
    values = []
    for name in STORED_EVENT_COLUMNS:
        value = getattr(event, name)
        if name == "event_date":
            value = _checked_date(value, event)
        elif name == "evidence":
            value = json.dumps([span.to_dict() for span in value], ensure_ascii=False)
        values.append(value)
    return values


def _incident_values(incident: Incident) -> list[Any]:
    return [incident.incident_id] + _event_values(incident)


def _row_to_event(row: tuple, cls: type, columns: list[str]) -> Event:
    values: dict[str, Any] = {}
    for name, value in zip(columns, row):
        if name == "event_date":
            value = value.isoformat() if value is not None else None
        elif name == "evidence":
            value = _spans_from_json(value)
        elif value is None and name not in _NULLABLE_FIELDS:
            continue  # keep the dataclass default ("" or 0) for missing values
        values[name] = value
    return cls(**values)


_NULLABLE_FIELDS = {"latitude", "longitude", "geonameid", "event_date"}


_INTEGER_COLUMNS = {"time_precision", "inter1", "inter2", "interaction", "geo_precision", "fatalities",
                    "geonameid"}
_FLOAT_COLUMNS = {"latitude", "longitude", "confidence"}
_DATE_COLUMNS = {"event_date", "published"}


def _arrow_type(column: str):
    if column in _INTEGER_COLUMNS:
        return pa.int64()
    if column in _FLOAT_COLUMNS:
        return pa.float64()
    if column in _DATE_COLUMNS:
        return pa.date32()
    return pa.string()


def _article_values(article: Article) -> list[Any]:
    return [article.id, article.title, article.text, article.published, article.url, article.source]


def _row_to_article(row: tuple) -> Article:
    article_id, title, text, published, url, source = row
    return Article(text=text, id=article_id, title=title or "", published=published, url=url or "",
                   source=source or "")


def _spans_from_json(text: Optional[str]) -> list[Span]:
    return [Span(**span) for span in json.loads(text)] if text else []


def _checked_date(value: Any, event: Event) -> Optional[date]:
    day = iso_date(value)
    if value not in (None, "") and day is None:
        raise ValueError(f"event {event.event_id}: event_date {value!r} is not YYYY-MM-DD")
    return day




# -- SQL fragments ------------------------------------------------------------------------------


# An incident is a candidate for a probe (one event) when it has the same type, a date in the
# window, and: no point on either side, the same gazetteer entry, the same admin1, a point within
# the region distance, or a point inside the box for the pair's coarser precision (levels 1, 2, 3).
# The constant date bounds (?) let DuckDB skip whole row groups by their min/max dates.
_CANDIDATE_SQL = f"""
    SELECT {', '.join('i.' + name for name in STORED_INCIDENT_COLUMNS)}
    FROM incidents i JOIN sitrep_probes p ON i.event_type = p.event_type
    WHERE i.event_date BETWEEN ? AND ?
      -- the days incidents.same_day can accept: a few around the day while both dates are
      -- day or week precise, the whole month once one of them is vaguer
      AND (CASE WHEN greatest(coalesce(nullif(i.time_precision, 0), 3), p.time_precision) <= 2
                THEN i.event_date BETWEEN p.near_from AND p.near_to
                ELSE i.event_date BETWEEN p.month_from AND p.month_to END)
      AND (
        i.latitude IS NULL OR p.latitude IS NULL
        OR i.geonameid = p.geonameid
        -- one province: region-level pairs, and two places of it that one report names both of
        -- (incidents.place_named_by_both), or one province spelled two ways near each other
        OR (p.admin1 <> '' AND i.admin1 = p.admin1)
        OR (abs(i.latitude - p.latitude) <= p.dlat3
            AND least(abs(i.longitude - p.longitude), 360 - abs(i.longitude - p.longitude)) <= p.dlon3)
        OR (p.iso3 <> '' AND i.iso3 = p.iso3 AND i.event_date BETWEEN p.near_from AND p.near_to AND (
            p.country_only OR coalesce(i.location, '') = '' OR i.location = i.country))
        OR (abs(i.latitude - p.latitude) <= CASE coalesce(nullif(i.geo_precision, 0), 3)
                WHEN 1 THEN p.dlat1 WHEN 2 THEN p.dlat2 ELSE p.dlat3 END
            AND least(abs(i.longitude - p.longitude), 360 - abs(i.longitude - p.longitude))
                <= CASE coalesce(nullif(i.geo_precision, 0), 3)
                WHEN 1 THEN p.dlon1 WHEN 2 THEN p.dlon2 ELSE p.dlon3 END)
      )
    ORDER BY i.seq
"""


def _month_end(day: date) -> date:
    following = day.replace(day=28) + timedelta(days=4)
    return following - timedelta(days=following.day)


def _candidate_probes(events: list[Event]) -> Optional[pa.Table]:
    """One row per dated event: its type, date windows, point and per-level degree boxes."""
    near = timedelta(days=incident_stage.near_days())
    columns: dict[str, list[Any]] = {name: [] for name in _PROBE_TYPES}
    for event in events:
        day = iso_date(event.event_date)
        if day is None:
            continue  # undated reports never match (see incidents.same_day)
        for event_type in incident_stage.candidate_types(event.event_type or ""):
            _add_probe(columns, event, event_type, day, near)
    if not columns["event_type"]:
        return None
    return pa.table({name: pa.array(values, type=_PROBE_TYPES[name]) for name, values in columns.items()})


def _add_probe(columns: dict[str, list[Any]], event: Event, event_type: str, day: date, near: timedelta) -> None:
    """One probe row: the event as a candidate-seeker among incidents of ``event_type``."""
    own = event.geo_precision or 3
    row = {
        "event_type": event_type,
        "latitude": event.latitude, "longitude": event.longitude, "geonameid": event.geonameid,
        "admin1": event.admin1 or "", "geo_precision": own,
        # a report placed only in its country may still be one incident with a placed one,
        # by the rare place both name (incidents.same_place_as_written)
        "iso3": event.iso3 or "",
        "near_from": day - near, "near_to": day + near, "time_precision": event.time_precision or 3,
        "month_from": day.replace(day=1), "month_to": _month_end(day),
        "country_only": not event.location or event.location in (event.country, event.iso3),
    }
    for level in (1, 2, 3):
        # the rule compares at the coarser precision of the pair
        row[f"dlat{level}"], row[f"dlon{level}"] = _degree_box(
            event.latitude, incident_stage.match_radius_km(max(own, level)))
    for name, value in row.items():
        columns[name].append(value)


_PROBE_TYPES = {
    "event_type": pa.string(),
    "latitude": pa.float64(), "longitude": pa.float64(), "geonameid": pa.int64(),
    "admin1": pa.string(), "geo_precision": pa.int64(),
    "iso3": pa.string(), "country_only": pa.bool_(), "near_from": pa.date32(), "near_to": pa.date32(),
    "time_precision": pa.int64(), "month_from": pa.date32(), "month_to": pa.date32(),
    **{f"{axis}{level}": pa.float64() for level in (1, 2, 3) for axis in ("dlat", "dlon")},
}


def _degree_box(latitude: Optional[float], radius_km: float) -> tuple[float, float]:
    """Half-sizes in degrees (latitude, longitude) of a box holding a circle of radius_km."""
    dlat = radius_km / KM_PER_DEGREE_LATITUDE
    if latitude is None:
        return dlat, 360.0
    cos_lat = math.cos(math.radians(latitude))
    return dlat, 360.0 if cos_lat < 0.01 else radius_km / (KM_PER_DEGREE_LATITUDE * cos_lat)


_EQUALITY_FILTERS = ("article_id", "event_type", "sub_event_type", "country", "iso3")
_KNOWN_FILTERS = set(_EQUALITY_FILTERS) | {
    "incident_id", "actor", "date_from", "date_to", "bbox", "limit", "offset",
}


def _filter_clause(filters: dict[str, Any], kind: str) -> tuple[str, list[Any]]:
    unknown = set(filters) - _KNOWN_FILTERS
    if unknown:
        raise TypeError(f"unknown filter(s): {', '.join(sorted(unknown))}")
    where, params = ["TRUE"], []
    for name in _EQUALITY_FILTERS:
        value = filters.get(name)
        if value is None:
            continue
        if name == "article_id" and kind == "incidents":
            where.append("incident_id IN (SELECT incident_id FROM incident_sources WHERE article_id = ?)")
        else:
            where.append(f"{name} = ?")
        params.append(value)
    if filters.get("incident_id") is not None:
        if kind == "events":
            where.append("incident_id = ?")
        else:
            where.append("incident_id = ?")
        params.append(filters["incident_id"])
    if filters.get("actor"):
        where.append("(actor1 = ? OR actor2 = ? OR assoc_actor_1 LIKE ? OR assoc_actor_2 LIKE ?)")
        actor = filters["actor"]
        params += [actor, actor, f"%{actor}%", f"%{actor}%"]
    if filters.get("date_from"):
        where.append("event_date >= ?")
        params.append(iso_date(filters["date_from"]))
    if filters.get("date_to"):
        where.append("event_date <= ?")
        params.append(iso_date(filters["date_to"]))
    if filters.get("bbox"):
        min_lon, min_lat, max_lon, max_lat = filters["bbox"]
        where.append("longitude BETWEEN ? AND ? AND latitude BETWEEN ? AND ?")
        params += [min_lon, max_lon, min_lat, max_lat]
    return " AND ".join(where), params


def _paging(filters: dict[str, Any]) -> str:
    text = ""
    if filters.get("limit") is not None:
        text += f" LIMIT {int(filters['limit'])}"
    if filters.get("offset"):
        text += f" OFFSET {int(filters['offset'])}"
    return text
