"""`sitrep eval incidents`: the metrics, the second reports, and a small run."""
from __future__ import annotations

import re

import pytest

from sitrep.evaluate.incidents import (
    Clustering, _beside_identical_texts, bcubed, main_incidents, pairwise, second_reports, shared_incident_pairs,
)


def test_items_are_merged_when_they_share_an_incident_not_transitively():
    items = {"a": ["i1"], "b": ["i1", "i2"], "c": ["i2"], "d": ["i3"], "e": []}
    assert shared_incident_pairs(items) == {("a", "b"), ("b", "c")}
    main = main_incidents(items)
    assert main["a"] == main["b"] == "i1" and main["c"] == "i2" and main["e"] == "alone:e"


def test_pairwise_counts_the_given_merged_pairs():
    clustering = Clustering(gold={"a": "E1", "b": "E1", "c": "E2"}, predicted={"a": "x", "b": "y", "c": "z"},
                            merged={("a", "b"), ("b", "c")})
    pairs = pairwise(clustering)
    assert (pairs["true_pairs"], pairs["predicted_pairs"], pairs["gold_pairs"]) == (1, 2, 1)


def test_pairwise_and_bcubed_on_a_hand_example():
    # gold: {a, b} one event, c and d distinct; predicted: {a, b, c} merged, d alone
    clustering = Clustering(gold={"a": "E1", "b": "E1", "c": "E2", "d": "E3"},
                            predicted={"a": "P", "b": "P", "c": "P", "d": "Q"})
    pairs = pairwise(clustering)
    assert (pairs["predicted_pairs"], pairs["gold_pairs"], pairs["true_pairs"]) == (3, 1, 1)
    assert pairs["precision"] == pytest.approx(1 / 3) and pairs["recall"] == 1.0
    cubed = bcubed(clustering)
    assert cubed["precision"] == pytest.approx((2 / 3 + 2 / 3 + 1 / 3 + 1) / 4)
    assert cubed["recall"] == 1.0


def test_merges_of_rows_with_the_very_same_notes_are_counted_apart():
    clustering = Clustering(gold={"a": "E1", "b": "E1", "c": "E2", "d": "E3"}, predicted={},
                            merged={("a", "b"), ("c", "d"), ("b", "c")})
    texts = {"a": "one", "b": "one, in other words", "c": "split report", "d": "split report"}
    extra = _beside_identical_texts(clustering, pairwise(clustering), texts)
    assert extra["false_pairs_identical_text"] == 1           # c+d: the same text, two ACLED rows
    assert extra["precision_without_identical_text"] == 0.5   # a+b true, b+c false


def test_perfect_clustering_scores_one():
    clustering = Clustering(gold={"a": "E1", "b": "E1", "c": "E2"}, predicted={"a": "X", "b": "X", "c": "Y"})
    assert pairwise(clustering)["precision"] == pairwise(clustering)["recall"] == 1.0
    assert bcubed(clustering)["f1"] == 1.0


def test_at_least_100_second_reports_all_from_train():
    from sitrep.evaluate.acled import split_of

    reports = second_reports()
    assert len(reports) >= 100 and len({r.event_id for r in reports}) == len(reports)
    assert all(split_of(r.event_id) == "train" for r in reports)


def _shingles(text: str, size: int = 6) -> set[tuple[str, ...]]:
    words = re.findall(r"\w+", text.casefold())
    return {tuple(words[i:i + size]) for i in range(len(words) - size + 1)}


def test_second_reports_are_new_text_about_existing_events(shared):
    from sitrep.evaluate.acled import read_acled

    notes = {g.event_id: g.notes for g in read_acled(shared / "data/acled-2020-global/acled.csv")}
    for report in second_reports():
        assert report.event_id in notes
        copied = _shingles(report.text) & _shingles(notes[report.event_id])
        assert len(copied) <= 2, (report.event_id, sorted(copied)[:3])  # a shared name may repeat, not sentences


def test_gold_mode_run_on_a_few_notes(shared):
    from sitrep.evaluate.incidents import evaluate_incidents

    report = evaluate_incidents([shared / "data/acled-2020-global/acled.csv"], mode="gold", limit=60)
    assert report["items"] == 60 and report["second_reports"] == 0
    assert 0 <= report["bcubed"]["f1"] <= 1 and report["incidents"] <= 60


def _row(event_id, location, lat, lon):
    from sitrep.evaluate.acled import GoldEvent
    return GoldEvent(event_id=event_id, notes="airstrikes in A and B", published=None, event_date="2020-05-08",
                     event_type="Explosions/Remote violence", sub_event_type="Air/drone strike", actor1="", actor2="",
                     inter1=1, inter2=2, country="Afghanistan", admin1="Kandahar", location=location,
                     latitude=lat, longitude=lon, geo_precision=2, fatalities=4, region="Asia")


def _event(event_id, lat, lon, name=""):
    from sitrep.records import Event, Span
    evidence = [Span("place_unresolved", 0, len(name), name)] if name else []
    return Event(event_id=event_id, event_date="2020-05-08", event_type="Explosions/Remote violence",
                 sub_event_type="Air/drone strike", latitude=lat, longitude=lon, evidence=evidence)


def _incidents_of(chosen, incident_of):
    return {item: [incident_of[event.event_id]] for item, event in chosen.items()}


def test_each_acled_row_is_scored_by_the_event_at_its_own_place():
    # one note, two ACLED rows (one per district): its two events sit in two incidents, so the
    # rows are not merged, though the article-level count joins them through either incident
    from sitrep.evaluate.incidents import matched_events

    rows = {"acled-A1": _row("A1", "Shah Wali Kot", 31.9, 65.9), "acled-A2": _row("A2", "Maywand", 31.6, 65.1)}
    events = {"acled-A1": [_event("n1-1", 31.9, 65.9), _event("n1-2", 31.6, 65.1)],
              "acled-A2": [_event("n2-1", 31.9, 65.9), _event("n2-2", 31.6, 65.1)]}
    incident_of = {"n1-1": "I1", "n2-1": "I1", "n1-2": "I2", "n2-2": "I2"}
    matched = _incidents_of(matched_events(rows, events, {"acled-A1": "one note", "acled-A2": "other note"}), incident_of)
    assert matched == {"acled-A1": ["I1"], "acled-A2": ["I2"]}
    assert shared_incident_pairs(matched) == set()
    assert shared_incident_pairs({"acled-A1": ["I1", "I2"], "acled-A2": ["I1", "I2"]}) == {("acled-A1", "acled-A2")}


def test_rows_sharing_one_note_are_matched_to_events_of_their_own():
    # two villages 8 km apart, both within 25 km of the district seat the first event stands at:
    # alone, each row would take the event nearest its point, the same one for both
    from sitrep.evaluate.incidents import matched_events

    rows = {"acled-B1": _row("B1", "Kalan", 31.60, 65.10), "acled-B2": _row("B2", "Khurd", 31.67, 65.12)}
    note = "shelling of Kalan and Khurd villages"
    events = {item: [_event(f"{item}-1", 31.62, 65.11, "Kalan"), _event(f"{item}-2", 31.68, 65.30)] for item in rows}
    incident_of = {f"{item}-{k}": f"I{k}" for item in rows for k in (1, 2)}
    together = _incidents_of(matched_events(rows, events, {item: note for item in rows}), incident_of)
    assert together == {"acled-B1": ["I1"], "acled-B2": ["I2"]}
    apart = _incidents_of(matched_events(rows, events, {"acled-B1": note, "acled-B2": note + "."}), incident_of)
    assert apart == {"acled-B1": ["I1"], "acled-B2": ["I1"]}
