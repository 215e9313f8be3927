"""`sitrep eval acled`: reading both ACLED schemas, the fixed split, actor matching, and scoring."""
from __future__ import annotations

import csv
from pathlib import Path

import pytest

from sitrep.evaluate.acled import (
    Report, actors_match, best_match, evaluate, in_split, is_dev, normalise_actor, read_acled, split_of,
)
from sitrep.records import Event

CURRENT = ["event_id_cnty", "event_date", "event_type", "sub_event_type", "actor1", "actor2", "inter1", "inter2",
           "region", "country", "admin1", "location", "latitude", "longitude", "geo_precision", "notes", "fatalities", "timestamp"]


def write_current(path: Path) -> Path:
    rows = [
        ["KEN1", "9-May-20", "Protests", "Peaceful protest", "Protesters (Kenya)", "", "6", "0", "Eastern Africa", "Kenya",
         "Nairobi", "Nairobi", "-1.2833", "36.8167", "1",
         "On 9 May 2020, nurses marched peacefully through Nairobi to demand unpaid allowances.", "0", "1589220519"],
        ["NGA1", "8-May-20", "Violence against civilians", "Attack", "Unidentified Armed Group (Nigeria)", "Civilians (Nigeria)",
         "3", "7", "Western Africa", "Nigeria", "Kaduna", "Zaria", "11.1113", "7.7227", "1",
         "On 8 May 2020, gunmen killed 4 villagers in Zaria (Kaduna). [size=no report]", "4", "1589220519"],
    ]
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(CURRENT)
        writer.writerows(rows)
    return path


def test_reads_the_current_schema_with_upload_dates(tmp_path):
    gold = list(read_acled(write_current(tmp_path / "a.csv")))
    assert [g.event_id for g in gold] == ["KEN1", "NGA1"]
    assert gold[0].event_date == "2020-05-09" and gold[0].published.isoformat() == "2020-05-11"
    assert gold[1].fatalities == 4 and gold[1].sub_event_type == "Attack"


def test_reads_the_2015_schema_and_maps_old_types(tmp_path):
    path = tmp_path / "old.csv"
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["EVENT_ID_CNTY", "EVENT_DATE", "EVENT_TYPE", "ACTOR1", "INTER1", "ACTOR2", "INTER2", "COUNTRY",
                         "ADMIN1", "LOCATION", "LATITUDE", "LONGITUDE", "GEO_PRECISION", "NOTES", "FATALITIES"])
        writer.writerow(["1BNG", "01-January-2015", "Battle-Government regains territory", "Military Forces of Bangladesh", "1",
                         "Rebels", "2", "Bangladesh", "Dhaka", "Dhaka", "23.7", "90.4", "1", "Troops retook the town.", "0"])
        writer.writerow(["2BNG", "02-January-2015", "Riots/Protests", "Rioters (Bangladesh)", "5", "", "0", "Bangladesh",
                         "Dhaka", "Dhaka", "23.7", "90.4", "1", "Rioters torched a bus.", "0"])
    gold = list(read_acled(path))
    assert (gold[0].event_type, gold[0].sub_event_type) == ("Battles", "Government regains territory")
    assert (gold[1].event_type, gold[1].sub_event_type) == ("Riots", None)
    assert all(g.split == "train" for g in gold)  # the 2015 extract is never the test part


def test_split_is_fixed_and_holds_out_a_fifth():
    ids = [f"EVT{i}" for i in range(5000)]
    assert [split_of(i) for i in ids[:50]] == [split_of(i) for i in ids[:50]]
    share = sum(split_of(i) == "test" for i in ids) / len(ids)
    assert 0.17 < share < 0.23


def test_dev_is_a_fifth_of_the_train_part_and_never_the_test_part(tmp_path):
    ids = [f"EVT{i}" for i in range(5000)]
    gold = list(read_acled(write_current(tmp_path / "a.csv")))
    dev = [i for i in ids if split_of(i) == "train" and is_dev(i)]
    assert 0.13 < len(dev) / len(ids) < 0.19
    for g in gold:
        assert in_split(g, "all")
        assert in_split(g, "dev") == (g.split == "train" and is_dev(g.event_id))
        assert not (in_split(g, "dev") and in_split(g, "test"))


def test_actor_names_match_across_naming_conventions():
    assert normalise_actor("Military Forces of Yemen (2016-) Supreme Political Council") == \
        "military forces of yemen supreme political council"
    assert actors_match("Military Forces of Ukraine (2019-)", "Military Forces of Ukraine")
    assert actors_match("Military Forces of Yemen (2016-) Supreme Political Council",
                        "Military Forces of Yemen (Supreme Political Council)")
    assert not actors_match("Protesters (Kenya)", "Rioters (Kenya)")


def test_best_match_prefers_type_and_place():
    gold = next(read_acled(write_current_for_match()))
    near = Event(event_type="Protests", sub_event_type="Peaceful protest", latitude=-1.28, longitude=36.82, event_date="2020-05-09")
    far = Event(event_type="Protests", latitude=10.0, longitude=10.0)
    other = Event(event_type="Battles", latitude=-1.28, longitude=36.82)
    assert best_match(gold, [far, other, near]) is near
    assert best_match(gold, []) is None


def test_of_equally_good_matches_the_nearest_place_wins():
    gold = next(read_acled(write_current_for_match()))  # a protest in Nairobi
    mombasa = Event(event_type="Protests", sub_event_type="Peaceful protest", latitude=-4.04, longitude=39.67,
                    event_date="2020-05-09")
    nakuru = Event(event_type="Protests", sub_event_type="Peaceful protest", latitude=-0.30, longitude=36.07,
                   event_date="2020-05-09")
    assert best_match(gold, [mombasa, nakuru]) is nakuru


def test_of_events_at_one_area_the_one_named_as_the_row_place_wins():
    from sitrep.records import Span

    gold = next(read_acled(write_current_for_match()))  # a protest in Nairobi
    gold.location = "Kibera"
    def at_nairobi(name):
        return Event(event_type="Protests", sub_event_type="Peaceful protest", latitude=-1.28, longitude=36.82,
                     event_date="2020-05-09", evidence=[Span("place_unresolved", 0, len(name), name)])
    first, kibera = at_nairobi("Mathare"), at_nairobi("Kibera")
    assert best_match(gold, [first, kibera]) is kibera


def write_current_for_match() -> Path:
    import tempfile

    return write_current(Path(tempfile.mkdtemp()) / "a.csv")


def test_scores_the_pipeline_on_notes(tmp_path):
    gold = list(read_acled(write_current(tmp_path / "a.csv")))
    summary = evaluate(gold).summary()
    assert summary["notes"] == 2 and summary["detection_recall"] == 1.0
    assert summary["event_type_accuracy"] == 1.0
    assert summary["fields"]["fatalities_exact"]["right"] == 2
    assert summary["fields"]["location_25km"]["right"] == 2
    # the full report has a row per note with gold and sitrep's values, for error analysis
    row = {r["event_id"]: r for r in summary["rows"]}["NGA1"]
    assert row["actor2"] == {"gold": "Civilians (Nigeria)", "sitrep": "Civilians (Nigeria)"}
    assert row["km_off"] <= 25 and row["notes"].startswith("On 8 May 2020")
    assert summary["sub_event_type_f1"]["Attack"]["f1"] == 1.0


def test_a_miss_counts_against_type_accuracy():
    report = Report()
    gold = next(read_acled(write_current_for_match()))
    report.score(gold, None)
    summary = report.summary()
    assert summary["detection_recall"] == 0.0 and summary["event_type_accuracy"] == 0.0
