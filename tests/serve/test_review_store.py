"""Reviews in the store: kept apart from the pipeline's rows, so re-runs never discard them."""
from __future__ import annotations

import dataclasses
from datetime import date

import pytest

from sitrep.records import Article, Event, Span
from sitrep.store import open_store
from sitrep.store import review
from sitrep.store.browse import Filters, iter_current, list_records


def article(text: str, published: str, source: str) -> Article:
    return Article(text=text, title=text.split(".")[0], published=date.fromisoformat(published), source=source)


def clash(**changes) -> Event:
    base = Event(event_date="2017-10-20", time_precision=1, event_type="Battles", sub_event_type="Armed clash",
                 actor1="Military Forces of Iraq (2014-2018)", inter1=1,
                 actor2="Military Forces of Kurdistan (Peshmerga)", inter2=1, interaction=11,
                 country="Iraq", iso3="IRQ", admin1="Kirkuk", location="Altun Kupri", latitude=35.75,
                 longitude=44.14, geo_precision=1, geonameid=100, fatalities=3,
                 evidence=[Span("event_type", 0, 7, "Clashes")], confidence=0.8)
    return dataclasses.replace(base, **changes)


@pytest.fixture
def store(tmp_path):
    with open_store(tmp_path / "r.duckdb") as opened:
        opened.add_article(article("Clashes in Altun Kupri killed 3.", "2017-10-20", "Wire A"), [clash()])
        yield opened


def only_incident(store) -> dict:
    (row,) = list(iter_current(store.connection, "incidents", Filters()))
    return row


def test_a_new_report_joins_a_reviewed_incident_and_the_edit_stands(store):
    con = store.connection
    incident_id = only_incident(store)["incident_id"]
    review.review_incident(con, incident_id, "edit", "ana", {"fatalities": 4})
    # a later run stores a second report of the same clash, with another figure
    store.add_article(article("Fighting near Altun Kupri left 2 dead.", "2017-10-21", "Wire B"),
                      [clash(fatalities=2, evidence=[Span("fatalities", 28, 29, "2")])])
    review.refresh(con)  # what `sitrep serve` does at start and after each ingest
    row = only_incident(store)
    assert row["fatalities"] == 4 and row["review_status"] == "edited"
    assert len(review.member_event_ids(con, incident_id)) == 2
    # the pipeline now says 2: the analyst's value stays, and the disagreement is shown
    assert review.edited_but_changed(con, "incident", incident_id) == ["fatalities"]


def test_reingesting_the_same_articles_keeps_every_decision(tmp_path):
    path = tmp_path / "again.duckdb"
    first = article("Clashes in Altun Kupri killed 3.", "2017-10-20", "Wire A")
    with open_store(path) as store:
        store.add_article(first, [clash()])
        event_id = store.events()[0].event_id
        review.review_event(store.connection, event_id, "reject", "ana", note="not a clash")
    with open_store(path) as store:  # a new process, the same articles again
        assert store.add_article(first, [clash()]) is False
        review.refresh(store.connection)
        assert review.current_event(store.connection, event_id)["review_status"] == "rejected"
        assert list_records(store.connection, "incidents", Filters())["total"] == 0
        (entry,) = review.history(store.connection, [event_id])
        assert (entry["who"], entry["action"], entry["note"]) == ("ana", "reject", "not a clash")


def test_the_pipelines_rows_are_never_changed_by_a_review(store):
    con = store.connection
    before = con.execute("SELECT * FROM incidents").fetchall(), con.execute("SELECT * FROM events").fetchall()
    incident_id = only_incident(store)["incident_id"]
    review.review_incident(con, incident_id, "edit", "ana", {"location": "Altun Kopru", "fatalities": 9})
    review.review_event(con, store.events()[0].event_id, "confirm", "bo")
    after = con.execute("SELECT * FROM incidents").fetchall(), con.execute("SELECT * FROM events").fetchall()
    assert before == after
    assert only_incident(store)["location"] == "Altun Kopru"


def test_confirming_an_edited_record_keeps_the_edit_and_reopen_forgets_it(store):
    con = store.connection
    event_id = store.events()[0].event_id
    review.review_event(con, event_id, "edit", "ana", {"fatalities": 5})
    assert review.review_event(con, event_id, "confirm", "bo")["fatalities"] == 5
    reopened = review.review_event(con, event_id, "reopen", "bo")
    assert reopened["fatalities"] == 3 and reopened["review_status"] == "unreviewed"
    assert [h["action"] for h in review.history(con, [event_id])] == ["edit", "confirm", "reopen"]


def test_reviews_need_a_name_and_a_known_action(store):
    event_id = store.events()[0].event_id
    with pytest.raises(review.ReviewError, match="who"):
        review.review_event(store.connection, event_id, "confirm", " ")
    with pytest.raises(review.ReviewError, match="action"):
        review.review_event(store.connection, event_id, "approve", "ana")
    with pytest.raises(review.NotFound):
        review.review_event(store.connection, "missing", "confirm", "ana")
