"""The TR-News labels sitrep wrote for `sitrep eval quiet` are complete and use ACLED's type names."""
from sitrep.evaluate.quiet import read_labels
from sitrep.records import EVENT_TYPES


def test_every_article_is_labelled_with_valid_types():
    labels = read_labels()
    assert len(labels) == 118
    for docid, label in labels.items():
        assert docid.isdigit()
        assert all(t in EVENT_TYPES for t in label["types"]), docid
        assert label["fatalities"] >= 0
        assert label["fatalities"] == 0 or label["types"], docid
