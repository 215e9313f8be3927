"""Territorial control as of a date, when the store has a control timeline.

The control timeline comes from the incidents stage (``sitrep.store.control`` over the
``control_changes`` table of migration 3). This route reads it when present and says so when
not, so the page can leave the layer out. A plain ``control`` table also works; its expected columns (first match wins): a place (``location``/``place``/``name``), ``latitude``,
``longitude``, the holder (``actor``/``holder``/``controlled_by``), the period
(``date_from``/``since``/``valid_from``/``start_date`` .. ``date_to``/``until``/``valid_to``/
``end_date``, open-ended when NULL); any other columns are passed through.
"""
from __future__ import annotations

from datetime import date
from typing import Any, Optional

from fastapi import APIRouter, Depends, Query

from sitrep.records import iso_date
from sitrep.serve.routes_browse import reader

router = APIRouter(prefix="/api", tags=["control"])
TABLE = "control"
ROLES = {
    "place": ("location", "place", "name", "place_name"),
    "actor": ("actor", "holder", "controlled_by", "controller"),
    "since": ("date_from", "since", "valid_from", "start_date", "from_date"),
    "until": ("date_to", "until", "valid_to", "end_date", "to_date"),
}


def stage_holdings(con, as_of: date) -> Optional[dict[str, Any]]:
    """Holdings from sitrep.store.control (the incidents stage's control_changes), if present."""
    try:
        from sitrep.store import control as control_store
    except ImportError:
        return None
    if not hasattr(control_store, "control_as_of") or control_columns(con, "control_changes") is None:
        return None
    from sitrep.store import Store

    features = []
    for holding in control_store.control_as_of(Store(con, "", read_only=True), as_of):
        row = control_store.holding_row(holding)
        if row.get("latitude") is None or row.get("longitude") is None:
            continue
        row.update(place=row.get("location"), until=row.get("until") or None)
        features.append({"type": "Feature", "properties": row,
                         "geometry": {"type": "Point", "coordinates": [row["longitude"], row["latitude"]]}})
    return {"available": True, "as_of": as_of.isoformat(), "type": "FeatureCollection", "features": features}


def control_columns(con, table: str = TABLE) -> Optional[list[str]]:
    rows = con.execute("SELECT column_name FROM information_schema.columns WHERE table_name = ? "
                       "ORDER BY ordinal_position", [table]).fetchall()
    return [r[0] for r in rows] or None


def holdings(con, as_of: date) -> dict[str, Any]:
    """The incidents stage's control timeline when the store has one, else a plain ``control``
    table (rows of holder and period), else word that there is none."""
    from_stage = stage_holdings(con, as_of)
    if from_stage is not None:
        return from_stage
    columns = control_columns(con)
    if columns is None:
        return {"available": False, "as_of": as_of.isoformat(), "features": [],
                "reason": "this store has no control timeline yet"}
    role = {name: next((c for c in options if c in columns), None) for name, options in ROLES.items()}
    if not (role["place"] and role["actor"] and "latitude" in columns and "longitude" in columns):
        return {"available": False, "as_of": as_of.isoformat(), "features": [],
                "reason": f"the {TABLE} table lacks a place, holder or point column"}
    features = []
    for row in con.execute(f"SELECT {', '.join(columns)} FROM {TABLE}").fetchall():
        item = dict(zip(columns, row))
        since = iso_date(item.get(role["since"])) if role["since"] else None
        until = iso_date(item.get(role["until"])) if role["until"] else None
        if (since and since > as_of) or (until and until < as_of) or item["latitude"] is None:
            continue
        properties = {k: (v.isoformat() if isinstance(v, date) else v) for k, v in item.items()}
        properties.update(place=item[role["place"]], holder=item[role["actor"]],
                          since=since.isoformat() if since else None, until=until.isoformat() if until else None)
        features.append({"type": "Feature", "properties": properties,
                         "geometry": {"type": "Point", "coordinates": [item["longitude"], item["latitude"]]}})
    return {"available": True, "as_of": as_of.isoformat(), "type": "FeatureCollection", "features": features}


@router.get("/control", summary="Who holds which place on a date (when the store has a control timeline)")
def control(as_of: Optional[date] = Query(None, description="YYYY-MM-DD; today when left out"), con=Depends(reader)):
    return holdings(con, as_of or date.today())
