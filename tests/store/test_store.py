"""The DuckDB store: idempotent ingestion, transactions, migrations, incidents, queries."""
from __future__ import annotations

import dataclasses

import duckdb
import pytest

import sitrep.incidents as incident_stage
from sitrep.records import EVENT_COLUMNS, Span
from sitrep.store import LATEST_VERSION, StoreError, open_store

from .conftest import IRAQ, make_article, make_clash


def test_adding_the_same_article_twice_stores_it_once(store):
    article = make_article("Clashes in Altun Kupri killed 3.")
    assert store.add_article(article, [make_clash()]) is True
    assert store.add_article(article, [make_clash()]) is False
    assert store.has_article(article.id)
    assert store.counts() == {"articles": 1, "events": 1, "incidents": 1}


def test_event_ids_are_deterministic_and_callers_ids_are_kept(store):
    article = make_article("Two events.")
    events = [make_clash(), make_clash(event_id="mine", event_date="2017-10-19")]
    store.add_article(article, events)
    assert sorted(e.event_id for e in store.events()) == sorted([f"{article.id}-1", "mine"])
    assert events[0].event_id == "" and events[0].article_id == ""  # the caller's records unchanged
    stored = store.events(article_id=article.id)
    assert all(e.article_id == article.id and e.source == "Wire A" for e in stored)


def test_a_failure_rolls_the_whole_article_back(store, monkeypatch):
    article = make_article("Two clashes.")
    events = [make_clash(), make_clash(event_date="2017-10-18")]
    real = incident_stage.new_incident
    calls = []

    def fail_on_second(event, source):
        calls.append(event)
        if len(calls) == 2:
            raise RuntimeError("simulated failure")
        return real(event, source)

    monkeypatch.setattr(incident_stage, "new_incident", fail_on_second)
    with pytest.raises(RuntimeError, match="simulated"):
        store.add_article(article, events)
    assert store.counts() == {"articles": 0, "events": 0, "incidents": 0}
    assert not store.has_article(article.id)
    monkeypatch.setattr(incident_stage, "new_incident", real)
    assert store.add_article(article, events) is True
    assert store.counts() == {"articles": 1, "events": 2, "incidents": 2}


def test_bad_events_store_nothing_of_their_article(store):
    store.add_article(make_article("First."), [make_clash(event_id="taken")])
    article = make_article("Duplicate ids.")
    with pytest.raises(duckdb.ConstraintException):  # the database refuses: all rolled back
        store.add_article(article, [make_clash(event_id="new"), make_clash(event_id="taken")])
    with pytest.raises(ValueError, match="given twice"):
        store.add_article(article, [make_clash(event_id="same"), make_clash(event_id="same")])
    with pytest.raises(ValueError, match="event_date"):
        store.add_article(article, [make_clash(event_date="20 October")])
    assert store.counts() == {"articles": 1, "events": 1, "incidents": 1}


def test_a_new_file_is_migrated_and_reopens_with_its_data(tmp_path):
    path = tmp_path / "fresh.duckdb"
    with open_store(path) as store:
        assert store.schema_version == LATEST_VERSION
        store.add_article(make_article("Clashes in Altun Kupri killed 3."), [make_clash()])
    with open_store(path) as store:  # reopening applies nothing twice
        assert store.schema_version == LATEST_VERSION
        versions = store.connection.execute("SELECT version FROM schema_version ORDER BY 1").fetchall()
        assert [v for (v,) in versions] == list(range(1, LATEST_VERSION + 1))
        assert store.counts()["events"] == 1
    with open_store(path, read_only=True) as store:
        assert store.events()[0].actor1 == IRAQ
        with pytest.raises(StoreError, match="read-only"):
            store.add_article(make_article("more"), [])


def test_schema_has_a_typed_column_for_every_event_field(store):
    columns = dict(store.connection.execute(
        "SELECT column_name, data_type FROM information_schema.columns WHERE table_name = 'events'"
    ).fetchall())
    assert set(EVENT_COLUMNS) <= set(columns)
    assert (columns["event_date"], columns["latitude"], columns["evidence"]) == ("DATE", "DOUBLE", "JSON")


def test_unusable_files_are_refused(tmp_path):
    with pytest.raises(StoreError, match="no such database"):
        open_store(tmp_path / "missing.duckdb", read_only=True)
    path = tmp_path / "future.duckdb"
    with open_store(path) as store:
        store.connection.execute("INSERT INTO schema_version (version) VALUES (?)", [LATEST_VERSION + 1])
    with pytest.raises(StoreError, match="newer"):
        open_store(path)


def test_a_partly_migrated_file_gets_the_missing_steps(tmp_path):
    path = tmp_path / "old.duckdb"
    con = duckdb.connect(str(path))
    con.execute("CREATE TABLE schema_version (version INTEGER PRIMARY KEY, applied_at TIMESTAMP)")
    con.close()
    with pytest.raises(StoreError, match="migrate"):
        open_store(path, read_only=True)
    with open_store(path) as store:
        assert store.schema_version == LATEST_VERSION


def test_two_articles_about_one_clash_make_one_incident_with_two_sources(filled):
    incidents = filled.incidents()
    assert filled.counts() == {"articles": 3, "events": 3, "incidents": 2}
    clash = next(i for i in incidents if i.event_type == "Battles")
    assert [s.source for s in clash.sources] == ["Wire A", "Wire B"]
    assert [s.published for s in clash.sources] == ["2017-10-20", "2017-10-21"]
    assert clash.fatalities == 3 and clash.geo_precision == 1 and clash.geonameid == 100
    per_article = filled.incident_evidence(clash.incident_id)
    assert [len(spans) for spans in per_article.values()] == [1, 1]
    assert len(filled.events(incident_id=clash.incident_id)) == 2
    protest = next(i for i in incidents if i.event_type == "Protests")
    assert len(protest.sources) == 1


def test_other_days_places_and_types_stay_apart(store):
    store.add_article(make_article("A."), [make_clash()])
    store.add_article(make_article("B."), [make_clash(event_date="2017-10-21")])
    store.add_article(make_article("C."), [make_clash(geonameid=300, latitude=36.19, longitude=44.01)])
    store.add_article(make_article("D."), [make_clash(event_type="Riots", sub_event_type="Mob violence")])
    assert store.counts()["incidents"] == 4


def test_a_protest_and_a_report_of_it_as_a_riot_meet_in_the_store(store):
    def demonstration(event_type, sub_event_type, crowd):
        return make_clash(event_type=event_type, sub_event_type=sub_event_type, actor1=f"{crowd} (Iraq)", inter1=6,
                          actor2="", inter2=0, notes="Students demonstrated in Altun Kupri against unpaid grants.")
    store.add_article(make_article("Students protested."), [demonstration("Protests", "Protest with intervention", "Protesters")])
    store.add_article(make_article("Students rioted."), [demonstration("Riots", "Violent demonstration", "Rioters")])
    [incident] = store.incidents()
    assert (incident.event_type, incident.sub_event_type, len(incident.sources)) == ("Riots", "Violent demonstration", 2)


def test_events_of_one_article_are_separate_incidents(store):
    # the events stage has already merged what one article tells twice
    store.add_article(make_article("Two clashes."), [make_clash(), make_clash(fatalities=2)])
    assert [len(i.sources) for i in store.incidents()] == [1, 1]
    store.add_article(make_article("The clash again."), [make_clash(fatalities=2)])
    assert sorted(len(i.sources) for i in store.incidents()) == [1, 2]


def test_query_filters(filled):
    assert len(filled.events(event_type="Protests")) == 1
    assert len(filled.events(date_from="2017-10-21")) == 1
    assert len(filled.events(date_to="2017-10-20")) == 2
    assert len(filled.events(actor=IRAQ)) == 2
    assert len(filled.events(bbox=(47.0, 30.0, 48.0, 31.0))) == 1
    assert len(filled.events(limit=1)) == 1
    article = filled.articles()[1]
    assert [i.event_type for i in filled.incidents(article_id=article.id)] == ["Battles"]
    with pytest.raises(TypeError, match="unknown filter"):
        filled.events(colour="red")


def test_articles_round_trip(filled):
    articles = filled.articles()
    assert [a.source for a in articles] == ["Wire A", "Wire B", "Wire A"]
    assert filled.article(articles[0].id) == dataclasses.replace(articles[0])
    assert filled.article("nope") is None


def test_events_round_trip_with_their_evidence(store):
    event = make_clash(evidence=[Span("actor1", 3, 9, "Iraqi"), Span("fatalities", 20, 21, "3")],
                       geonameid=None, notes="Iraqi forces — and \"militias\"")
    store.add_article(make_article("Round trip."), [event])
    [stored] = store.events()
    assert stored.evidence == event.evidence and stored.notes == event.notes
    assert stored.geonameid is None and stored.event_date == "2017-10-20"


def test_to_dataframe(filled):
    events = filled.to_dataframe("events")
    assert len(events) == 3 and list(events.columns) == EVENT_COLUMNS
    assert str(events["event_date"].dtype).startswith("datetime64")
    incidents = filled.to_dataframe(kind="incidents")
    assert len(incidents) == 2 and incidents.columns[0] == "incident_id"
    assert sorted(len(s) for s in incidents["sources"]) == [1, 2]
    with pytest.raises(ValueError):
        filled.to_dataframe("articles")


def test_add_articles_batches_like_a_loop_of_add_article(store):
    first, second = make_article("One."), make_article("Two.", source="Wire B")
    results = store.add_articles([(first, [make_clash()]), (second, [make_clash()]), (first, [make_clash()])],
                                 batch_size=2)
    assert results == [True, True, False]
    [incident] = store.incidents()  # the batch's second report merged into the first's incident
    assert [s.source for s in incident.sources] == ["Wire A", "Wire B"]
    assert store.add_articles([(second, [make_clash()])]) == [False]


def test_add_articles_stores_everything_before_a_failing_article(store):
    good, bad, later = make_article("Good."), make_article("Bad."), make_article("Later.")
    items = [(good, [make_clash()]), (bad, [make_clash(event_date="someday")]), (later, [make_clash()])]
    with pytest.raises(ValueError, match="event_date"):
        store.add_articles(items)
    assert store.has_article(good.id) and not store.has_article(bad.id) and not store.has_article(later.id)
    assert store.counts() == {"articles": 1, "events": 1, "incidents": 1}


def test_incident_link_views(filled):
    links = filled.connection.execute("SELECT count(*), count(DISTINCT incident_id) FROM incident_events").fetchall()
    assert links == [(3, 2)]
    sources = filled.connection.execute(
        "SELECT incident_id, count(*) FROM incident_sources GROUP BY 1 ORDER BY 2").fetchall()
    assert [n for _, n in sources] == [1, 2]


def test_stored_candidates_follow_the_date_precision(store):
    # a report dated only to its month matches a day-precise one of that month, weeks apart
    store.add_article(make_article("Early May, vaguely."), [make_clash(event_date="2017-05-01", time_precision=3)])
    store.add_article(make_article("On 20 May."), [make_clash(event_date="2017-05-20")])
    store.add_article(make_article("On 3 June."), [make_clash(event_date="2017-06-03")])
    store.add_article(make_article("On 6 June."), [make_clash(event_date="2017-06-06")])   # 3 days: week
    store.add_article(make_article("Week of 5 June."), [make_clash(event_date="2017-06-05", time_precision=2)])
    dates = sorted(sorted(s.article_id for s in incident.sources) for incident in store.incidents())
    assert store.counts()["incidents"] == 3, dates
