"""`sitrep control` and `sitrep history` on a store built from hand-made records."""
from __future__ import annotations

import dataclasses
import json
from datetime import date

from click.testing import CliRunner

from sitrep.cli import main
from sitrep.records import Article, Event, Span
from sitrep.store import open_store

IRAQ = "Military Forces of Iraq"
PESHMERGA = "Military Forces of Kurdistan Regional Government (Peshmerga)"
CLASH = Event(event_date="2017-10-20", time_precision=1, event_type="Battles", sub_event_type="Armed clash",
              actor1=IRAQ, inter1=1, actor2=PESHMERGA, inter2=1, country="Iraq", iso3="IRQ", admin1="Kirkuk",
              location="Altun Kupri", latitude=35.77, longitude=44.23, geo_precision=2, fatalities=4,
              evidence=[Span("event_type", 0, 6, "clash")])
ITEMS = [
    (Article(text="Iraqi and Kurdish forces clashed near Altun Kupri.", published=date(2017, 10, 20), source="Wire A"),
     [CLASH]),
    (Article(text="Iraqi troops took control of Altun Kupri.", published=date(2017, 10, 21), source="Wire B"),
     [dataclasses.replace(CLASH, sub_event_type="Government regains territory", fatalities=2)]),
]


def build(tmp_path) -> str:
    path = str(tmp_path / "c.duckdb")
    with open_store(path) as store:
        for article, events in ITEMS:
            store.add_article(article, events)
    return path


def test_control_table_csv_and_geojson(tmp_path):
    db = build(tmp_path)
    runner = CliRunner()
    table = runner.invoke(main, ["control", "--db", db, "--place", "Altun Kupri"])
    assert table.exit_code == 0
    assert f"Altun Kupri (IRQ): {PESHMERGA} -> {IRAQ}  2017-10-20 .. now" in table.output
    csv_out = runner.invoke(main, ["control", "--db", db, "--as-of", "2017-10-21", "--country", "IQ", "--format", "csv"])
    assert csv_out.output.splitlines()[1].startswith("Altun Kupri,Iraq,IRQ")
    geo = runner.invoke(main, ["control", "--db", db, "--format", "geojson"])
    assert json.loads(geo.output)["features"][0]["properties"]["holder"] == IRAQ


def test_control_errors(tmp_path):
    runner = CliRunner()
    missing = runner.invoke(main, ["control", "--db", str(tmp_path / "none.duckdb")])
    assert missing.exit_code == 3 and "no such database" in missing.output
    bad = runner.invoke(main, ["control", "--db", build(tmp_path), "--as-of", "2017-13-40"])
    assert bad.exit_code == 2


def test_history_lists_fields_per_article(tmp_path):
    db = build(tmp_path)
    with open_store(db, read_only=True) as store:
        (incident,) = list(store.iter_incidents())
    result = CliRunner().invoke(main, ["history", incident.incident_id, "--db", db])
    assert result.exit_code == 0
    assert "Wire B  fatalities: 4 -> 2" in result.output
    assert CliRunner().invoke(main, ["history", "inc-none", "--db", db]).exit_code == 3
