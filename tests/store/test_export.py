"""Exports read back by the tools analysts use: pandas, pyarrow, DuckDB, plain JSON."""
from __future__ import annotations

import io
import json

import duckdb
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from sitrep.records import ACLED_COLUMNS, Event, Incident
from sitrep.store import export, write_records

from .conftest import make_clash


def test_csv_has_acled_columns_first_and_reads_back_with_pandas(filled, tmp_path):
    path = tmp_path / "events.csv"
    assert export(filled, "events", "csv", path) == 3
    frame = pd.read_csv(path)
    review_marks = ["review_status", "reviewed_fields", "reviewed_by", "reviewed_at"]
    assert list(frame.columns) == ACLED_COLUMNS + ["plover_type", "confidence", "evidence"] + review_marks
    assert set(frame["review_status"]) == {"unreviewed"}
    clash = frame[frame["location"] == "Altun Kupri"].iloc[0]
    assert clash["event_date"] == "2017-10-20" and clash["interaction"] == 11
    assert json.loads(clash["evidence"]) == [{"field": "event_type", "start": 0, "end": 7, "text": "Clashes"}]


def test_incident_csv_adds_incident_id_and_sources(filled, tmp_path):
    path = tmp_path / "incidents.csv"
    export(filled, kind="incidents", fmt="csv", out=path)
    frame = pd.read_csv(path)
    assert list(frame.columns[-6:-4]) == ["incident_id", "sources"]
    sources = [json.loads(cell) for cell in frame["sources"]]
    assert sorted(len(s) for s in sources) == [1, 2]


def test_jsonl_round_trips_records(filled):
    out = io.StringIO()
    export(filled, "events", "jsonl", out)
    lines = out.getvalue().splitlines()
    assert [Event.from_dict(json.loads(line)) for line in lines] == filled.events()
    out = io.StringIO()
    export(filled, "incidents", "jsonl", out)
    rows = [json.loads(line) for line in out.getvalue().splitlines()]
    assert {len(row["sources"]) for row in rows} == {1, 2} and all(row["incident_id"] for row in rows)


def test_geojson_is_a_feature_collection_of_points(filled, tmp_path):
    filled.add_article(*_unplaced_article())
    path = tmp_path / "events.geojson"
    assert export(filled, "events", "geojson", path) == 3  # the unplaced event has no feature
    collection = json.loads(path.read_text(encoding="utf-8"))
    assert collection["type"] == "FeatureCollection"
    first = collection["features"][0]
    assert first["geometry"] == {"type": "Point", "coordinates": [44.14, 35.75]}
    assert first["properties"]["location"] == "Altun Kupri"


def test_parquet_is_typed_and_readable_by_pyarrow_and_duckdb(filled, tmp_path):
    path = tmp_path / "events.parquet"
    assert export(filled, "events", "parquet", path) == 3
    table = pq.read_table(path)
    assert table.column_names[: len(ACLED_COLUMNS)] == ACLED_COLUMNS
    assert table.schema.field("event_date").type == pa.date32()
    assert table.schema.field("latitude").type == pa.float64()
    assert table.column("evidence").to_pylist()[0][0]["text"] == "Clashes"
    count = duckdb.sql(f"SELECT count(*) FROM read_parquet('{path}') WHERE event_type = 'Battles'").fetchall()
    assert count == [(2,)]
    incidents = tmp_path / "incidents.parquet"
    export(filled, "incidents", "parquet", incidents)
    sources = pq.read_table(incidents).column("sources").to_pylist()
    assert sorted(len(s) for s in sources) == [1, 2]


def test_write_records_needs_no_database():
    events = [make_clash(event_id="e1"), make_clash(event_id="e2", latitude=None, longitude=None)]
    for fmt in ("csv", "jsonl", "geojson"):
        out = io.StringIO()
        write_records(iter(events), fmt, out)
        assert out.getvalue()
    out = io.StringIO()
    assert write_records(events, "geojson", out) == 1
    assert len(json.loads(out.getvalue())["features"]) == 1
    binary = io.BytesIO()
    write_records(events, "parquet", binary)
    assert pq.read_table(io.BytesIO(binary.getvalue())).num_rows == 2


def test_write_records_picks_incident_columns_from_the_records():
    incident = Incident(**vars(make_clash(event_id="e1")), incident_id="inc-e1")
    out = io.StringIO()
    write_records([incident], "csv", out)
    assert out.getvalue().splitlines()[0].endswith("incident_id,sources")


def test_empty_exports_are_still_valid(store, tmp_path):
    out = io.StringIO()
    assert write_records([], "csv", out) == 0
    assert out.getvalue().strip() == ",".join(ACLED_COLUMNS + ["plover_type", "confidence", "evidence"])
    out = io.StringIO()
    write_records([], "geojson", out)
    assert json.loads(out.getvalue()) == {"type": "FeatureCollection", "features": []}
    export(store, "incidents", "parquet", tmp_path / "empty.parquet")
    assert pq.read_table(tmp_path / "empty.parquet").num_rows == 0


def test_dash_means_stdout_and_bad_arguments_are_refused(filled, capsys):
    export(filled, "events", "jsonl", "-")
    assert len(capsys.readouterr().out.splitlines()) == 3
    with pytest.raises(ValueError, match="format"):
        write_records([], "xml", io.StringIO())
    with pytest.raises(ValueError, match="kind"):
        export(filled, "articles", "csv", io.StringIO())


def _unplaced_article():
    from .conftest import make_article

    event = make_clash(event_date="2017-10-25", latitude=None, longitude=None, geonameid=None,
                       location="", geo_precision=3)
    return make_article("Somewhere, a clash."), [event]


def test_exports_carry_analysts_edits_and_leave_out_rejections(filled, tmp_path):
    from sitrep.store.review import review_event

    clash, _, protest = filled.events()
    review_event(filled.connection, clash.event_id, "edit", "analyst", {"fatalities": 4}, "checked the sources")
    review_event(filled.connection, protest.event_id, "reject", "analyst", None, "not a protest")
    path = tmp_path / "reviewed.csv"
    export(filled, "events", "csv", path)
    frame = pd.read_csv(path)
    assert protest.event_id not in set(frame["event_id"])
    edited = frame[frame["event_id"] == clash.event_id].iloc[0]
    assert edited["fatalities"] == 4 and edited["review_status"] == "edited" and edited["reviewed_by"] == "analyst"
    assert "fatalities" in edited["reviewed_fields"]
