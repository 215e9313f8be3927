"""background: past events given as context are marked, the news itself is not."""
from datetime import date

import pytest

from sitrep.dates import find_dates

PUBLISHED = date(2020, 5, 11)


def flags(text, published=PUBLISHED):
    return [(m.text, m.background) for m in find_dates(text, published)]


@pytest.mark.parametrize("text, expression", [
    ("The army retook areas it lost in 2014.", "2014"),
    ("The town had been taken over by the rebels in 2014.", "2014"),
    ("The crisis follows a referendum held last month.", "last month"),
    ("Protests have continued since 2011.", "2011"),
    ("The US invaded Iraq in 2003.", "2003"),
    ("Observers disputed the 2017 election results.", "2017"),
    ("The group was founded years ago.", "years ago"),
    ("Two years ago the militia took the town.", "Two years ago"),
    ("Last year the ceasefire collapsed.", "Last year"),
    ("It was the worst violence since the 1990s.", "1990s"),
    ("The rebels captured the city in March.", "March"),
])
def test_context_dates_are_background(text, expression):
    assert (expression, True) in flags(text)


@pytest.mark.parametrize("text, expression", [
    ("On 9 May 2020, protesters gathered in Haifa.", "9 May 2020"),
    ("Gunmen attacked a convoy on Friday.", "Friday"),
    ("Gunmen attacked a convoy yesterday.", "yesterday"),
    ("The army launched a campaign last week.", "last week"),
    ("Clashes have continued since Friday.", "Friday"),  # cue words never demote a day
    ("Fighting erupted earlier this month.", "earlier this month"),
    ("The vote will be held on 20 May.", "20 May"),  # the future is not the past
])
def test_news_dates_are_not_background(text, expression):
    assert (expression, False) in flags(text)


def test_old_day_is_background_unless_it_opens_its_sentence():
    assert flags("The offensive launched on 1 March 2020 continued.") == [("1 March 2020", True)]
    assert flags("On 1 March 2020, militants attacked a base.") == [("1 March 2020", False)]
    assert flags("Looting: On 1 March 2020, a mob looted shops.") == [("1 March 2020", False)]


def test_this_year_only_with_a_cue():
    assert flags("Fighting intensified this year.") == [("this year", False)]
    assert flags("The town was lost earlier in the war, in early 2020.") == [("early 2020", True)]


def test_previous_year_is_background_even_in_early_january():
    assert flags("The group took the town in 2019.", date(2020, 1, 3)) == [("2019", True)]


def test_cue_words_stop_at_the_clause():
    assert flags("Protests have gone on since March; in May they turned violent.", date(2020, 5, 20)) == [
        ("March", True), ("May", False)]


def test_without_publication_date_cues_still_mark_background():
    assert flags("Areas it lost in 2014 were retaken.", None) == [("2014", True)]
    assert flags("Troops entered the city in 2014.", None) == [("2014", False)]
    assert flags("Many years ago the town was founded.", None) == [("Many years ago", True)]


def test_history_opening_a_sentence_is_still_background():
    assert flags("On 25 February 1947, the state was abolished.") == [("25 February 1947", True)]
