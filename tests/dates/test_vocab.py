"""The data files: they load, and they agree with what the grammar assumes."""
import re

from sitrep.dates.grammar import anchor_pattern, shape_patterns
from sitrep.dates.vocab import vocabulary


def test_data_files_load():
    v = vocabulary()
    assert v.months["May"] == 5 and v.months["Sept"] == 9
    assert v.weekdays["Friday"] == 4
    assert v.relative and v.background_cues.search("areas it lost in 2014")
    assert v.future_cues.search("they'll meet")
    assert {"ago", "week", "month", "year"} <= set(v.anchor_words)


def test_every_relative_phrase_holds_an_anchor_word():
    """The finder only looks near anchors; a phrase without one would never be found."""
    anchors = set(vocabulary().anchor_words)
    for expression in vocabulary().relative:
        words = set(re.findall(r"[a-z]+", expression.phrase))
        assert words & anchors, expression.phrase


def test_grammars_compile():
    assert set(shape_patterns()) == {"number", "month", "weekday", "relative"}
    assert anchor_pattern().search("on Friday").lastgroup == "weekday"
