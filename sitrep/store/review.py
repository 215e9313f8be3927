"""Analysts' reviews: confirm, edit or reject events and incidents; merge and split incidents.

The pipeline's rows (``events``, ``incidents``) are never changed here. A review is kept as:

- ``reviews``: the audit log, one row per change with who, when, before and after (append-only);
- ``event_reviews``, ``incident_reviews``, ``event_links``: the analysts' decisions (a status,
  the edited fields with the value each replaced, and which incident an event was moved to);
- ``reviewed_events``, ``reviewed_incidents``: the records as reviewed, rebuilt by ``refresh``
  from the decisions and the pipeline's current rows.

The views ``events_current`` and ``incidents_current`` give the pipeline's rows with reviewed
ones in their place; the API and the reviewed exports read them. Decisions are keyed by the
pipeline's deterministic ids, so re-running the pipeline (or ingesting more reports of a reviewed
incident) never discards them: ``refresh`` applies them again to whatever the pipeline produced.
"""
from __future__ import annotations

import json
from datetime import date, datetime
from typing import Any, Iterable, Optional

import duckdb
import pyarrow as pa

from sitrep import incidents as incident_stage
from sitrep.records import (
    EVENT_TYPES, SUB_EVENT_TO_TYPE, Event, Incident, Source, interaction_code, iso_date,
)
from sitrep.store.migrations import _EVENT_COLUMN_NAMES

EVENT_FIELDS = [name.strip() for name in _EVENT_COLUMN_NAMES.split(",")]
CURRENT_EVENT_COLUMNS = ["event_id"] + EVENT_FIELDS + [
    "incident_id", "seq", "review_status", "reviewed_fields", "reviewed_by", "reviewed_at"]
CURRENT_INCIDENT_COLUMNS = ["incident_id", "event_id"] + EVENT_FIELDS + [
    "seq", "review_status", "reviewed_fields", "reviewed_by", "reviewed_at"]
REVIEW_MARK_COLUMNS = ["review_status", "reviewed_fields", "reviewed_by", "reviewed_at"]

# What an analyst may change; the rest (evidence, ids, sources) is the pipeline's account.
EDITABLE_FIELDS = {
    "event_date": "date", "time_precision": "precision", "event_type": "text",
    "sub_event_type": "text", "actor1": "text", "assoc_actor_1": "text", "inter1": "inter",
    "actor2": "text", "assoc_actor_2": "text", "inter2": "inter", "country": "text",
    "iso3": "text", "admin1": "text", "admin2": "text", "location": "text",
    "latitude": "latitude", "longitude": "longitude", "geo_precision": "precision",
    "fatalities": "count", "notes": "text", "plover_type": "text",
}
ACTIONS = ("confirm", "edit", "reject", "reopen")
# statuses that take a record out of the views (it lives on in the audit and decisions)
HIDDEN_STATUSES = ("merged", "empty")
TEXT_LIMIT = 2000


class ReviewError(ValueError):
    """A review that cannot be applied as asked (unknown id, bad field value...)."""


class NotFound(ReviewError):
    pass


# -- validation ---------------------------------------------------------------------------------


def validate_changes(changes: dict[str, Any]) -> dict[str, Any]:
    """Edited fields checked and normalised; raises ReviewError naming the field and why."""
    if not isinstance(changes, dict) or not changes:
        raise ReviewError("an edit needs at least one field in 'changes'")
    clean: dict[str, Any] = {}
    for name, value in changes.items():
        kind = EDITABLE_FIELDS.get(name)
        if kind is None:
            raise ReviewError(f"field {name!r} cannot be edited (editable: {', '.join(sorted(EDITABLE_FIELDS))})")
        clean[name] = _checked_value(name, kind, value)
    event_type, sub_type = clean.get("event_type"), clean.get("sub_event_type")
    if event_type and event_type not in EVENT_TYPES:
        raise ReviewError(f"event_type {event_type!r} is not an ACLED event type")
    if sub_type and sub_type not in SUB_EVENT_TO_TYPE:
        raise ReviewError(f"sub_event_type {sub_type!r} is not an ACLED sub-event type")
    if event_type and sub_type and SUB_EVENT_TO_TYPE[sub_type] != event_type:
        raise ReviewError(f"sub_event_type {sub_type!r} belongs to {SUB_EVENT_TO_TYPE[sub_type]!r}, not {event_type!r}")
    return clean


def _checked_value(name: str, kind: str, value: Any) -> Any:
    if kind == "text":
        if value is None:
            return ""
        if not isinstance(value, str) or len(value) > TEXT_LIMIT:
            raise ReviewError(f"{name} must be text of at most {TEXT_LIMIT} characters")
        return value.strip()
    if kind == "date":
        day = iso_date(value) if isinstance(value, str) and len(value) == 10 else None
        if day is None:
            raise ReviewError(f"{name} must be a date written YYYY-MM-DD, not {value!r}")
        return day.isoformat()
    if kind in ("latitude", "longitude"):
        limit = 90 if kind == "latitude" else 180
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not -limit <= value <= limit:
            raise ReviewError(f"{name} must be a number from {-limit} to {limit}")
        return float(value)
    allowed = {"precision": range(1, 4), "inter": range(0, 9), "count": range(0, 1_000_000)}[kind]
    if isinstance(value, bool) or not isinstance(value, int) or value not in allowed:
        raise ReviewError(f"{name} must be a whole number from {allowed.start} to {allowed.stop - 1}")
    return value


# -- actions ------------------------------------------------------------------------------------


def review_event(con: duckdb.DuckDBPyConnection, event_id: str, action: str, who: str,
                 changes: Optional[dict[str, Any]] = None, note: str = "") -> dict[str, Any]:
    """Confirm, edit, reject or reopen (forget the decision on) one event; returns it as reviewed."""
    return _decide(con, "event", event_id, action, who, changes, note)


def review_incident(con: duckdb.DuckDBPyConnection, incident_id: str, action: str, who: str,
                    changes: Optional[dict[str, Any]] = None, note: str = "") -> dict[str, Any]:
    """Confirm, edit, reject or reopen an incident as a whole; returns it as reviewed."""
    return _decide(con, "incident", incident_id, action, who, changes, note)


def merge_incidents(con: duckdb.DuckDBPyConnection, target_id: str, other_ids: Iterable[str],
                    who: str, note: str = "") -> dict[str, Any]:
    """Fold other incidents into ``target_id`` (their reports become its sources)."""
    who = _checked_who(who)
    others = [i for i in dict.fromkeys(other_ids) if i != target_id]
    if not others:
        raise ReviewError("name at least one other incident to merge into this one")
    with _transaction(con):
        before = {i: _current(con, "incident", i) for i in [target_id] + others}
        for incident_id, record in before.items():
            if record is None:
                raise NotFound(f"incident {incident_id!r} not found")
        for other in others:
            _upsert_incident_decision(con, other, "merged", {}, who, merged_into=target_id)
            # decisions that pointed at the merged incident follow it
            con.execute("UPDATE incident_reviews SET merged_into = ? WHERE merged_into = ?", [target_id, other])
            con.execute("UPDATE event_links SET incident_id = ? WHERE incident_id = ?", [target_id, other])
        refresh(con)
        after = {target_id: _current(con, "incident", target_id)}
        _audit(con, who, "incident", target_id, "merge", before, after, note)
    return after[target_id]


def split_incident(con: duckdb.DuckDBPyConnection, incident_id: str, event_ids: Iterable[str],
                   who: str, note: str = "") -> dict[str, Any]:
    """Move some reports (events) of an incident into a new incident; returns the new one."""
    who = _checked_who(who)
    moving = list(dict.fromkeys(event_ids))
    with _transaction(con):
        record = _current(con, "incident", incident_id)
        if record is None:
            raise NotFound(f"incident {incident_id!r} not found")
        members = member_event_ids(con, incident_id)
        strangers = [e for e in moving if e not in members]
        if strangers:
            raise ReviewError(f"event(s) {', '.join(strangers)} are not reports of incident {incident_id}")
        if not moving or len(moving) >= len(members):
            raise ReviewError("a split moves some, not all, of an incident's reports: choose at least one and leave one")
        new_id = _split_id(con, incident_id)
        now = datetime.now()
        for event_id in moving:
            con.execute("DELETE FROM event_links WHERE event_id = ?", [event_id])
            con.execute("INSERT INTO event_links VALUES (?, ?, ?, ?)", [event_id, new_id, who, now])
        before = {incident_id: record}
        refresh(con)
        after = {incident_id: _current(con, "incident", incident_id), new_id: _current(con, "incident", new_id)}
        _audit(con, who, "incident", incident_id, "split", before, after, note)
    return after[new_id]


def _decide(con, kind: str, target_id: str, action: str, who: str,
            changes: Optional[dict[str, Any]], note: str) -> dict[str, Any]:
    who = _checked_who(who)
    if action not in ACTIONS:
        raise ReviewError(f"action must be one of {', '.join(ACTIONS)}, not {action!r}")
    clean = validate_changes(changes or {}) if action == "edit" else {}
    if action != "edit" and changes:
        raise ReviewError(f"'changes' go with the action 'edit', not {action!r}")
    with _transaction(con):
        before = _current(con, kind, target_id)
        if before is None:
            raise NotFound(f"{kind} {target_id!r} not found")
        table, key = ("event_reviews", "event_id") if kind == "event" else ("incident_reviews", "incident_id")
        old = con.execute(f"SELECT status, changes FROM {table} WHERE {key} = ?", [target_id]).fetchone()
        kept = json.loads(old[1]) if old else {}
        if action == "reopen":
            con.execute(f"DELETE FROM {table} WHERE {key} = ?", [target_id])
        else:
            status = {"confirm": "confirmed", "edit": "edited", "reject": "rejected"}[action]
            if action == "edit":
                for name, value in clean.items():
                    # the value it replaced, as the pipeline had it, to show later disagreements
                    was = kept.get(name, {}).get("was", before.get(name))
                    kept[name] = {"value": value, "was": _jsonable(was)}
            elif kept and action == "confirm":
                status = "edited"  # confirming an edited record keeps the edit
            if kind == "event":
                con.execute("DELETE FROM event_reviews WHERE event_id = ?", [target_id])
                con.execute("INSERT INTO event_reviews VALUES (?, ?, ?, ?, ?)",
                            [target_id, status, json.dumps(kept), who, datetime.now()])
            else:
                _upsert_incident_decision(con, target_id, status, kept, who)
        refresh(con)
        after = _current(con, kind, target_id)
        _audit(con, who, kind, target_id, action, before, after, note)
    return after


def _upsert_incident_decision(con, incident_id: str, status: str, changes: dict, who: str,
                              merged_into: Optional[str] = None) -> None:
    con.execute("DELETE FROM incident_reviews WHERE incident_id = ?", [incident_id])
    con.execute("INSERT INTO incident_reviews VALUES (?, ?, ?, ?, ?, ?)",
                [incident_id, status, json.dumps(changes), merged_into, who, datetime.now()])


def _split_id(con, incident_id: str) -> str:
    number = 1
    while True:
        candidate = f"{incident_id}.s{number}"
        taken = con.execute(
            "SELECT 1 FROM event_links WHERE incident_id = ? UNION ALL "
            "SELECT 1 FROM incident_reviews WHERE incident_id = ?", [candidate, candidate]).fetchone()
        if not taken:
            return candidate
        number += 1


def _checked_who(who: str) -> str:
    if not isinstance(who, str) or not who.strip():
        raise ReviewError("say who reviews: 'who' must be a non-empty name")
    if len(who) > 200:
        raise ReviewError("'who' must be at most 200 characters")
    return who.strip()


class _transaction:
    def __init__(self, con) -> None:
        self.con = con

    def __enter__(self):
        self.con.begin()

    def __exit__(self, kind, *rest) -> None:
        if kind is None:
            self.con.commit()
        else:
            self.con.rollback()


def _audit(con, who: str, kind: str, target_id: str, action: str, before: Any, after: Any, note: str) -> None:
    con.execute(
        "INSERT INTO reviews (made_at, who, target_kind, target_id, action, before, after, note) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        [datetime.now(), who, kind, target_id, action, json.dumps(_jsonable(before)),
         json.dumps(_jsonable(after)), (note or "")[:TEXT_LIMIT]],
    )


# -- reading ------------------------------------------------------------------------------------


def current_event(con, event_id: str) -> Optional[dict[str, Any]]:
    return _current(con, "event", event_id)


def current_incident(con, incident_id: str) -> Optional[dict[str, Any]]:
    return _current(con, "incident", incident_id)


def _current(con, kind: str, target_id: str) -> Optional[dict[str, Any]]:
    """The record as reviewed (or as the pipeline left it), hidden ones (merged) included."""
    if kind == "event":
        rows = con.execute(f"SELECT {', '.join(CURRENT_EVENT_COLUMNS)} FROM events_current WHERE event_id = ?",
                           [target_id]).fetchall()
        return row_dict(CURRENT_EVENT_COLUMNS, rows[0]) if rows else None
    rows = con.execute(
        f"SELECT {', '.join(CURRENT_INCIDENT_COLUMNS)} FROM incidents_current WHERE incident_id = ?",
        [target_id]).fetchall()
    if rows:
        return row_dict(CURRENT_INCIDENT_COLUMNS, rows[0])
    hidden = con.execute(
        f"SELECT {', '.join(CURRENT_INCIDENT_COLUMNS)} FROM reviewed_incidents WHERE incident_id = ?",
        [target_id]).fetchall()
    return row_dict(CURRENT_INCIDENT_COLUMNS, hidden[0]) if hidden else None


def member_event_ids(con, incident_id: str) -> list[str]:
    """The reports (events) an incident is made of, after merges and splits, in ingestion order."""
    rows = con.execute("SELECT event_id FROM events_current WHERE incident_id = ? ORDER BY seq",
                       [incident_id]).fetchall()
    return [row[0] for row in rows]


def history(con, target_ids: Iterable[str]) -> list[dict[str, Any]]:
    """Audit rows about these events or incidents, oldest first."""
    ids = list(dict.fromkeys(target_ids))
    if not ids:
        return []
    marks = ", ".join("?" for _ in ids)
    rows = con.execute(
        "SELECT review_id, made_at, who, target_kind, target_id, action, before, after, note "
        f"FROM reviews WHERE target_id IN ({marks}) ORDER BY review_id", ids).fetchall()
    names = ["review_id", "made_at", "who", "target_kind", "target_id", "action", "before", "after", "note"]
    out = []
    for row in rows:
        item = row_dict(names, row)
        item["before"] = json.loads(item["before"]) if item["before"] else None
        item["after"] = json.loads(item["after"]) if item["after"] else None
        out.append(item)
    return out


def recent_reviews(con, limit: int = 100) -> list[dict[str, Any]]:
    ids = [r[0] for r in con.execute(
        "SELECT DISTINCT target_id FROM (SELECT target_id FROM reviews ORDER BY review_id DESC LIMIT ?)",
        [limit]).fetchall()]
    return history(con, ids)[-limit:]


def edited_but_changed(con, kind: str, target_id: str) -> list[str]:
    """Edited fields whose pipeline value has changed since the edit (e.g. a new report came in):
    the analyst's value is kept, and these are shown so the change is not silent."""
    table, key, base = (("event_reviews", "event_id", "events") if kind == "event"
                        else ("incident_reviews", "incident_id", "incidents"))
    row = con.execute(f"SELECT changes FROM {table} WHERE {key} = ?", [target_id]).fetchone()
    if not row:
        return []
    changes = json.loads(row[0])
    base_rows = con.execute(f"SELECT {', '.join(EVENT_FIELDS)} FROM {base} WHERE {key} = ?", [target_id]).fetchall()
    if not base_rows:
        return []
    now = row_dict(EVENT_FIELDS, base_rows[0])
    return [name for name, change in changes.items() if _jsonable(now.get(name)) != change.get("was")]


def row_dict(columns: list[str], row: tuple) -> dict[str, Any]:
    item = dict(zip(columns, row))
    for name in ("event_date", "reviewed_at", "made_at"):
        if isinstance(item.get(name), (date, datetime)):
            item[name] = item[name].isoformat()
    if isinstance(item.get("evidence"), str):
        item["evidence"] = json.loads(item["evidence"])
    return item


def _jsonable(value: Any) -> Any:
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_jsonable(v) for v in value]
    return value


# -- rebuilding the reviewed records ------------------------------------------------------------


def refresh(con: duckdb.DuckDBPyConnection) -> None:
    """Rebuild reviewed_events and reviewed_incidents from the decisions and the pipeline's rows.

    Cheap: it touches only reviewed events and incidents (and the reports of those incidents).
    Run after every decision and after new articles are stored.
    """
    event_decisions = {r[0]: (r[1], json.loads(r[2]), r[3], r[4]) for r in con.execute(
        "SELECT event_id, status, changes, who, decided_at FROM event_reviews").fetchall()}
    incident_decisions = {r[0]: (r[1], json.loads(r[2]), r[3], r[4], r[5]) for r in con.execute(
        "SELECT incident_id, status, changes, merged_into, who, decided_at FROM incident_reviews").fetchall()}
    links = {r[0]: (r[1], r[2], r[3]) for r in con.execute(
        "SELECT event_id, incident_id, who, decided_at FROM event_links").fetchall()}
    merged_into = {i: d[2] for i, d in incident_decisions.items() if d[2]}

    def home(event_id: str, raw: str) -> str:
        target = links[event_id][0] if event_id in links else raw
        seen = set()
        while target in merged_into and target not in seen:
            seen.add(target)
            target = merged_into[target]
        return target

    events = _load_events(con, set(event_decisions) | set(links),
                          set(incident_decisions) | {v[0] for v in links.values()})
    # an incident whose reports moved in or out, or whose reports were reviewed, is rebuilt
    touched = set(incident_decisions)
    for event in events.values():
        touched.add(event.incident_id)
        touched.add(home(event.event_id, event.incident_id))
    events.update(_load_events(con, set(), touched))
    event_rows, members = [], {}
    for event_id, event in sorted(events.items(), key=lambda item: item[1].seq):
        target = home(event_id, event.incident_id)
        decision = event_decisions.get(event_id)
        reviewed = _apply_changes(event, decision[1] if decision else {})
        moved_by = links[event_id][1:] if event_id in links else (None, None)
        who, when = (decision[2], decision[3]) if decision else moved_by
        members.setdefault(target, []).append((reviewed, decision[0] if decision else "", who, when))
        if decision is None and target == event.incident_id:
            continue
        fields = sorted(decision[1]) if decision else []
        if target != event.incident_id:
            fields.append("incident_id")
        status = decision[0] if decision else "edited"
        event_rows.append(_event_row(reviewed, target, event.seq, status, fields, who, when))
    base = _load_incidents(con, touched | set(members))
    incident_rows = [
        row for incident_id in sorted(touched | set(members))
        if (row := _incident_row(incident_id, base.get(incident_id), members.get(incident_id, []),
                                 incident_decisions.get(incident_id), events)) is not None
    ]
    con.execute("DELETE FROM reviewed_events")
    con.execute("DELETE FROM reviewed_incidents")
    _insert(con, "reviewed_events", CURRENT_EVENT_COLUMNS, event_rows)
    _insert(con, "reviewed_incidents", CURRENT_INCIDENT_COLUMNS, incident_rows)


def _load_events(con, event_ids: set[str], incident_ids: set[str]) -> dict[str, Event]:
    """Pipeline events by id or by (pipeline) incident; each carries incident_id and seq."""
    if not event_ids and not incident_ids:
        return {}
    probe = pa.table({"id": pa.array(sorted(event_ids | incident_ids), type=pa.string())})  # noqa: F841
    sql = (f"SELECT event_id, {_EVENT_COLUMN_NAMES}, incident_id, seq FROM events "
           "WHERE event_id IN (SELECT id FROM probe) OR incident_id IN (SELECT id FROM probe)")
    found = {}
    for row in con.execute(sql).fetchall():
        values = row_dict(["event_id"] + EVENT_FIELDS + ["incident_id", "seq"], row)
        event = Event.from_dict(values)
        event.incident_id = values["incident_id"]  # type: ignore[attr-defined]
        event.seq = values["seq"]  # type: ignore[attr-defined]
        found[event.event_id] = event
    return found


def _load_incidents(con, incident_ids: set[str]) -> dict[str, tuple[Incident, int]]:
    if not incident_ids:
        return {}
    probe = pa.table({"id": pa.array(sorted(incident_ids), type=pa.string())})  # noqa: F841
    columns = ["incident_id", "event_id"] + EVENT_FIELDS + ["seq"]
    rows = con.execute(f"SELECT {', '.join(columns)} FROM incidents WHERE incident_id IN (SELECT id FROM probe)").fetchall()
    out = {}
    for row in rows:
        values = row_dict(columns, row)
        incident = Incident.from_dict(values)
        incident.incident_id = values["incident_id"]
        out[incident.incident_id] = (incident, values["seq"])
    return out


def _apply_changes(record: Event, changes: dict[str, Any]) -> Event:
    if not changes:
        return record
    values = record.to_dict()
    values.update({name: change["value"] for name, change in changes.items()})
    if "event_type" in changes and "sub_event_type" not in changes:
        if SUB_EVENT_TO_TYPE.get(values.get("sub_event_type") or "") != values["event_type"]:
            values["sub_event_type"] = ""  # a sub-type of the old type would contradict the new one
    values["interaction"] = interaction_code(values.get("inter1") or 0, values.get("inter2") or 0)
    out = type(record).from_dict(values)
    for extra in ("incident_id", "seq"):
        if hasattr(record, extra):
            setattr(out, extra, getattr(record, extra))
    if isinstance(record, Incident):
        out.incident_id = record.incident_id  # type: ignore[attr-defined]
        out.sources = record.sources  # type: ignore[attr-defined]
    return out


def _incident_row(incident_id: str, base: Optional[tuple[Incident, int]],
                  members: list[tuple[Event, str, Optional[str], Any]], decision: Optional[tuple],
                  events: dict) -> Optional[list]:
    """The reviewed row of one incident, or None when the pipeline's row stands as it is."""
    status, changes, merged_into, who, when = decision if decision else ("", {}, None, None, None)
    own = [e for e in events.values() if e.incident_id == incident_id]  # type: ignore[attr-defined]
    member_ids = {m.event_id for m, *_ in members}
    moved = any(e.event_id not in member_ids for e in own) or any(
        m.incident_id != incident_id for m, *_ in members)  # type: ignore[attr-defined]
    events_reviewed = [s for _, s, *_ in members if s]
    reviewed_events_changed = any(s in ("edited", "rejected") for s in events_reviewed)
    live = [m for m, s, *_ in members if s != "rejected"]
    fields: list[str] = []
    if merged_into:
        record, status = (base[0] if base else None), "merged"
        if record is None:
            return None
    elif not members:
        if base is None:
            return None
        record, status = base[0], "empty"
    elif base is not None and not moved and not reviewed_events_changed:
        record = base[0]
    else:
        record = _rebuilt(incident_id, live or [m for m, *_ in members])
        fields = _differences(base[0], record) if base else ["incident_id"]
        if moved:
            fields.append("sources")
        if not live and not status:
            status = "rejected"
    if not status:
        if not decision and not fields and not (events_reviewed and all(s == "confirmed" for s in events_reviewed)
                                                and len(events_reviewed) == len(members)):
            return None  # nothing reviewed: the pipeline's row stands
        status = "edited" if fields else "confirmed"
    record = _apply_changes(record, changes)
    fields = sorted(set(fields) | set(changes))
    if not who:  # a derived status: credit the latest decision on its reports
        who, when = max(((w, t) for _, _, w, t in members if t is not None), key=lambda x: x[1],
                        default=(None, None))
    seq = base[1] if base else min(getattr(m, "seq", 0) for m, *_ in members)
    values = record.to_dict()
    values["evidence"] = json.dumps(values["evidence"], ensure_ascii=False)
    return [incident_id, values["event_id"]] + [_cell(values, name) for name in EVENT_FIELDS] + [
        seq, status, ",".join(fields), who, when]


def _rebuilt(incident_id: str, members: list[Event]) -> Incident:
    """The incident as the incidents stage would merge these reports (sources are read live)."""
    first = members[0]
    incident = incident_stage.new_incident(first, Source(first.article_id))
    for event in members[1:]:
        incident = incident_stage.merge_into(incident, event, Source(event.article_id))
    incident.incident_id = incident_id
    return incident


def _differences(before: Event, after: Event) -> list[str]:
    return [name for name in EDITABLE_FIELDS if getattr(before, name) != getattr(after, name)]


def _event_row(event: Event, incident_id: str, seq: int, status: str, fields: list[str],
               who: Optional[str], when: Optional[datetime]) -> list:
    values = event.to_dict()
    values["evidence"] = json.dumps(values["evidence"], ensure_ascii=False)
    return [event.event_id] + [_cell(values, name) for name in EVENT_FIELDS] + [
        incident_id, seq, status, ",".join(fields), who, when]


def _cell(values: dict[str, Any], name: str) -> Any:
    value = values.get(name)
    if name == "event_date":
        return iso_date(value)
    return value


def _insert(con, table: str, columns: list[str], rows: list[list]) -> None:
    if not rows:
        return
    marks = ", ".join("?" for _ in columns)
    con.executemany(f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})", rows)
