"""Incremental merging in the store: field history per article, control table, re-ingest is a no-op."""
from __future__ import annotations

import dataclasses
import io
import json
from datetime import date

import pytest

from sitrep.records import Article, Event, Span
from sitrep.store import open_store
from sitrep.store.control import (
    control_as_of, control_changes, control_timeline, incident_history, rebuild_control, write_holdings,
)

IRAQ = "Military Forces of Iraq"
PESHMERGA = "Military Forces of Kurdistan Regional Government (Peshmerga)"


def report(text: str, published: str, source: str) -> Article:
    return Article(text=text, published=date.fromisoformat(published), source=source)


def clash(**changes) -> Event:
    base = Event(event_date="2017-10-20", time_precision=1, event_type="Battles", sub_event_type="Armed clash",
                 actor1=IRAQ, inter1=1, actor2=PESHMERGA, inter2=1, country="Iraq", iso3="IRQ",
                 admin1="Kirkuk", location="Altun Kupri", latitude=35.77, longitude=44.23, geo_precision=2,
                 fatalities=4, evidence=[Span("event_type", 0, 6, "clash")])
    return dataclasses.replace(base, **changes)


FIRST = report("Iraqi and Kurdish forces clashed near Altun Kupri; four died.", "2017-10-20", "Wire A")
SECOND = report("Iraqi troops took control of Altun Kupri from the Peshmerga; two were killed.", "2017-10-21", "Wire B")
ITEMS = [
    (FIRST, [clash()]),
    (SECOND, [clash(sub_event_type="Government regains territory", fatalities=2,
                    evidence=[Span("sub_event_type", 13, 25, "took control")])]),
]


def snapshot(store) -> tuple:
    con = store.connection
    return (
        con.execute("SELECT * EXCLUDE (seq) FROM incidents ORDER BY incident_id").fetchall(),
        con.execute("SELECT * EXCLUDE (seq) FROM incident_history ORDER BY seq").fetchall(),
        con.execute("SELECT * FROM control_changes ORDER BY incident_id").fetchall(),
    )


@pytest.fixture
def store(tmp_path):
    with open_store(tmp_path / "s.duckdb") as opened:
        for article, events in ITEMS:
            opened.add_article(article, events)
        yield opened


def test_two_reports_make_one_incident_with_history_per_article(store):
    (incident,) = list(store.iter_incidents())
    assert incident.sub_event_type == "Government regains territory" and incident.fatalities == 2
    history = incident_history(store, incident.incident_id)
    by_article = {}
    for row in history:
        by_article.setdefault(row["article_id"], {})[row["field"]] = (row["old"], row["new"])
    assert by_article[FIRST.id]["fatalities"] == (None, 4)
    assert by_article[SECOND.id]["fatalities"] == (4, 2)
    assert by_article[SECOND.id]["sub_event_type"] == ("Armed clash", "Government regains territory")
    assert "actor1" not in by_article[SECOND.id]  # unchanged fields are not repeated
    assert {row["source"] for row in history} == {"Wire A", "Wire B"}


def test_reingesting_changes_nothing(store):
    before = snapshot(store)
    assert store.add_articles(ITEMS) == [False, False]
    assert snapshot(store) == before


def test_control_follows_the_merged_incident(store):
    (change,) = control_changes(store)
    assert (change.location, change.holder, change.previous_holder) == ("Altun Kupri", IRAQ, PESHMERGA)
    assert change.change_date == "2017-10-20" and change.evidence[0].text == "took control"
    assert [h.holder for h in control_as_of(store, "2017-10-21", country="IQ")] == [IRAQ]
    assert control_as_of(store, "2017-10-21", country="IRQ") and control_as_of(store, "2017-10-21", country="iraq")
    assert control_as_of(store, "2017-10-21", country="SY") == []
    assert control_as_of(store, "2017-10-19") == []
    assert list(control_timeline(store, place="altun")) == ["name:altun kupri|IRQ"]
    assert rebuild_control(store) == 1 and len(control_changes(store)) == 1


def test_read_only_store_answers_the_same(store, tmp_path):
    path = store.path
    store.close()
    with open_store(path, read_only=True) as again:
        assert [h.holder for h in control_as_of(again, "2018-01-01")] == [IRAQ]


def test_csv_and_geojson_exports(store):
    holdings = control_as_of(store, "2017-10-21")
    out = io.StringIO()
    assert write_holdings(holdings, "csv", out) == 1
    header, row = out.getvalue().splitlines()
    assert header.startswith("location,country,iso3") and row.startswith("Altun Kupri,Iraq,IRQ")
    out = io.StringIO()
    write_holdings(holdings, "geojson", out)
    feature = json.loads(out.getvalue())["features"][0]
    assert feature["geometry"]["coordinates"] == [44.23, 35.77]
    assert feature["properties"]["holder"] == IRAQ


def test_a_version_2_file_gains_the_control_and_history_tables(tmp_path):
    import duckdb

    from sitrep.store.migrations import MIGRATIONS, _statements

    path = tmp_path / "v2.duckdb"
    con = duckdb.connect(str(path))
    con.execute("CREATE TABLE schema_version (version INTEGER PRIMARY KEY, applied_at TIMESTAMP DEFAULT current_timestamp)")
    for number, step in enumerate(MIGRATIONS[:2], start=1):
        for statement in _statements(step):
            con.execute(statement)
        con.execute("INSERT INTO schema_version (version) VALUES (?)", [number])
    con.close()
    with open_store(path) as migrated:
        assert migrated.schema_version >= 3
        for article, events in ITEMS:
            migrated.add_article(article, events)
        assert [h.holder for h in control_as_of(migrated, "2017-10-21")] == [IRAQ]
