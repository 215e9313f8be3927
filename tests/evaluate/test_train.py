"""What `sitrep train` learns is decided by the data, the same on every run."""
from collections import Counter

from sitrep.evaluate.train import _actor_for_phrase


def test_a_phrase_goes_with_the_actor_it_meets_most():
    assert _actor_for_phrase("pro houthi", Counter({"Houthis": 9, "Civilians (Yemen)": 2})) == ("Houthis", 9)


def test_a_tie_between_both_sides_is_broken_by_the_name_not_by_set_order():
    counts = Counter({"Military Forces of Ukraine (2019-)": 98, "NAF: United Armed Forces of Novorossiya": 98})
    assert _actor_for_phrase("naf", counts) == ("NAF: United Armed Forces of Novorossiya", 98)
    reversed_counts = Counter(dict(reversed(list(counts.items()))))
    assert _actor_for_phrase("naf", reversed_counts) == _actor_for_phrase("naf", counts)


def test_a_tie_no_name_breaks_is_ambiguous():
    assert _actor_for_phrase("crematorium complex", Counter({"Police Forces of India": 9, "RPF": 9})) is None
