"""`sitrep eval plover`: lenient reading of the records, matching, and the score on ../shared."""
from __future__ import annotations

from sitrep.evaluate.plover import gold_texts, is_test, read_records, text_match


def test_records_with_trailing_commas_and_a_broken_one(tmp_path):
    path = tmp_path / "records.txt"
    path.write_text(
        '[\n{"id": "A-1", "event": "AGREE", "text": "They agreed.",},\n'
        '{"id": "B-1", "event": oops},\n'
        '{"id": "C-1", "event": "REJECT", "source": [{"actorText": "Berlin",},], "text": "Berlin rejected it."},\n]\n',
        encoding="utf-8")
    records = read_records(path)
    assert [r["id"] for r in records] == ["A-1", "C-1"]
    assert gold_texts(records[1]["source"]) == ["Berlin"]


def test_text_match_is_lenient_about_case_articles_and_extra_words():
    assert text_match("the Security Council", ["Security Council"])
    assert text_match("British Defence Secretary Tom King", ["Tom King"])
    assert not text_match("rebels", ["Security Council"])
    assert not text_match("", ["Security Council"])
    assert gold_texts("") == [] and gold_texts(None) == []


def test_split_is_stable():
    assert is_test("PLOVER-GSR01-AGREE-0001") == is_test("PLOVER-GSR01-AGREE-0001")


def test_type_accuracy_on_the_gold_records(shared):
    from sitrep.evaluate.plover import evaluate_plover

    report = evaluate_plover(shared / "data/plover/PLOVER_GSR_CAMEO.txt")
    assert report["all"]["records"] == 322
    assert report["all"]["accuracy"] >= 0.70  # measured figures: docs/incidents.md
    assert report["all"]["actor_match"] >= 0.6
