"""without_dates: the words of a passage with its date expressions taken out."""
import pytest

from sitrep.dates import without_dates


def _words(text: str) -> list[str]:
    return without_dates(text).replace(",", " ").split()


@pytest.mark.parametrize("text", [
    "Rebels attacked the camp on Thursday, April 30, near the river.",
    "Rebels attacked the camp on 30 April 2020 near the river.",
    "Rebels attacked the camp (as reported) near the river.",
    "Rebels attacked the camp on the night of 29-30 April near the river.",
])
def test_date_expressions_go(text):
    assert _words(text) == "Rebels attacked the camp near the river.".split()


def test_may_the_verb_march_the_verb_and_counts_stay():
    assert _words("Crowds may march on the capital; 12 were held.") == "Crowds may march on the capital; 12 were held.".split()
