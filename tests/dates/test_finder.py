"""find_dates: shapes, resolution against the publication date, offsets."""
from datetime import date

import pytest

from sitrep.dates import find_dates


def only(text, published, **kwargs):
    mentions = find_dates(text, published, **kwargs)
    assert len(mentions) == 1, mentions
    return mentions[0]


def resolved(text, published):
    return [(m.text, m.date, m.precision) for m in find_dates(text, published)]


# --- weekdays --------------------------------------------------------------------------------

FRIDAY = date(2017, 10, 20)


@pytest.mark.parametrize("phrase, expected", [
    ("on Friday", "Friday"),
    ("early Friday", "early Friday"),
    ("late on Friday", "late on Friday"),
    ("Friday evening", "Friday evening"),
    ("on Friday's march", "Friday's"),
])
def test_weekday_of_publication_is_that_same_day(phrase, expected):
    mention = only(f"Fighting broke out {phrase} near the town.", FRIDAY)
    assert (mention.text, mention.date, mention.precision) == (expected, FRIDAY, 1)


def test_earlier_weekday_is_the_most_recent_one_before_publication():
    assert only("Clashes began on Thursday night.", FRIDAY).date == date(2017, 10, 19)
    assert only("Clashes began on Saturday.", FRIDAY).date == date(2017, 10, 14)


def test_last_and_next_weekday():
    assert only("He left last Friday.", FRIDAY).date == date(2017, 10, 13)
    assert only("He leaves next Friday.", FRIDAY).date == date(2017, 10, 27)
    assert only("He leaves next Monday.", FRIDAY).date == date(2017, 10, 23)


def test_weekday_across_month_and_year_boundaries():
    thursday_jan_2 = date(2020, 1, 2)
    assert only("Rockets hit the base on Monday.", thursday_jan_2).date == date(2019, 12, 30)
    sunday_mar_1_leap = date(2020, 3, 1)
    assert only("A bomb exploded on Saturday.", sunday_mar_1_leap).date == date(2020, 2, 29)
    assert only("A bomb exploded on Friday.", date(2021, 3, 1)).date == date(2021, 2, 26)


def test_future_cue_resolves_weekday_forward():
    assert only("Talks will resume on Tuesday.", FRIDAY).date == date(2017, 10, 24)
    assert only("He said on Tuesday that talks failed.", FRIDAY).date == date(2017, 10, 17)


def test_named_days_are_not_dates():
    assert find_dates("Good Friday services and Super Tuesday results.", FRIDAY) == []


def test_weekday_with_written_date_is_one_mention_dated_by_the_day():
    mentions = find_dates("Police said on Sunday (10 May) that two died.", date(2020, 5, 11))
    assert [(m.text, m.date, m.precision) for m in mentions] == [("Sunday (10 May)", date(2020, 5, 10), 1)]
    mention = only("On Friday, Oct. 20, 2017, troops advanced.", date(2017, 10, 21))
    assert (mention.text, mention.date) == ("Friday, Oct. 20, 2017", date(2017, 10, 20))


# --- relative expressions -------------------------------------------------------------------

@pytest.mark.parametrize("phrase, expected, precision", [
    ("today", date(2020, 3, 2), 1),
    ("tonight", date(2020, 3, 2), 1),
    ("this morning", date(2020, 3, 2), 1),
    ("yesterday", date(2020, 3, 1), 1),
    ("yesterday afternoon", date(2020, 3, 1), 1),
    ("last night", date(2020, 3, 1), 1),
    ("the day before yesterday", date(2020, 2, 29), 1),
    ("two days ago", date(2020, 2, 29), 1),
    ("3 days ago", date(2020, 2, 28), 1),
    ("a week ago", date(2020, 2, 24), 2),
    ("last week", date(2020, 2, 24), 2),
    ("this week", date(2020, 3, 2), 2),
    ("earlier this week", date(2020, 3, 2), 2),
    ("in the past few days", date(2020, 3, 2), 2),
    ("last month", date(2020, 2, 1), 3),
    ("earlier this month", date(2020, 3, 1), 3),
    ("this year", date(2020, 1, 1), 3),
])
def test_relative_expressions(phrase, expected, precision):
    mention = only(f"Gunmen attacked the village {phrase}, officials said.", date(2020, 3, 2))
    assert (mention.text, mention.date, mention.precision) == (phrase, expected, precision)


def test_relative_expression_at_sentence_start_is_case_insensitive():
    mention = only("Yesterday, gunmen attacked the village.", date(2020, 3, 2))
    assert (mention.text, mention.date) == ("Yesterday", date(2020, 3, 1))


def test_last_week_is_the_same_weekday_a_week_earlier():
    mention = only("The army launched a campaign last week.", FRIDAY)
    assert (mention.date, mention.precision) == (date(2017, 10, 13), 2)


@pytest.mark.parametrize("published, saturday", [
    (date(2020, 5, 11), date(2020, 5, 9)),   # Monday: the weekend just gone
    (date(2020, 5, 10), date(2020, 5, 9)),   # Sunday: this weekend, yesterday
    (date(2020, 5, 9), date(2020, 5, 9)),    # Saturday: today
    (date(2020, 5, 14), date(2020, 5, 9)),   # Thursday
])
def test_over_the_weekend_is_the_latest_saturday(published, saturday):
    mention = only("Protests spread over the weekend.", published)
    assert (mention.date, mention.precision) == (saturday, 2)


def test_last_weekend_on_a_sunday_is_the_weekend_before():
    assert only("Protests spread last weekend.", date(2020, 5, 10)).date == date(2020, 5, 2)
    assert only("Protests spread last weekend.", date(2020, 5, 12)).date == date(2020, 5, 9)


def test_anaphoric_days_count_from_the_previous_day_mentioned():
    mentions = find_dates(
        "On 3 May, gunmen attacked a convoy. The next day, police arrested two. "
        "Two days later, a bomb exploded.", date(2020, 5, 11))
    assert [m.date for m in mentions] == [date(2020, 5, 3), date(2020, 5, 4), date(2020, 5, 6)]


def test_anaphoric_day_without_earlier_date_is_unresolved():
    assert only("The next day, police arrested two.", date(2020, 5, 11)).date is None


# --- written dates ----------------------------------------------------------------------------

@pytest.mark.parametrize("written", [
    "9 May 2020", "9th May 2020", "9 May, 2020", "the 9th of May 2020", "May 9, 2020", "May 9th, 2020",
    "9-May-20", "09-May-2020", "2020-05-09",
])
def test_full_written_dates(written):
    mention = only(f"Protesters gathered on {written} in the square.", date(2020, 5, 11))
    assert (mention.text, mention.date, mention.precision) == (written, date(2020, 5, 9), 1)


def test_acled_note_opener():
    mention = only("On 9 May 2020, medical interns protested in Haifa.", date(2020, 5, 11))
    assert (mention.start, mention.end, mention.date, mention.background) == (3, 13, date(2020, 5, 9), False)


@pytest.mark.parametrize("note, precision", [
    ("Around 9 May 2020 (as reported), a man was found dead.", 2),
    ("As reported on 9 May 2020, soldiers were killed.", 2),
    ("On 9 May 2020 (or around), clashes erupted.", 2),
    ("Around 1 May 2020 (beginning of month), a prisoner was beaten.", 3),
])
def test_acled_precision_qualifiers(note, precision):
    mention = find_dates(note, date(2020, 5, 11))[0]
    assert mention.precision == precision
    assert mention.date in (date(2020, 5, 9), date(2020, 5, 1))


def test_abbreviated_months_and_trailing_full_stop():
    assert resolved("It started on Oct. 20 and ended on Sept 3.", date(2017, 10, 21)) == [
        ("Oct. 20", date(2017, 10, 20), 1), ("Sept 3", date(2017, 9, 3), 1)]
    # A full stop after a full month name ends the sentence; it is not part of the date.
    assert resolved("Fighting resumed on 9 May.", date(2020, 5, 11)) == [("9 May", date(2020, 5, 9), 1)]


@pytest.mark.parametrize("published, written, expected", [
    (date(2020, 5, 11), "9 May", date(2020, 5, 9)),
    (date(2020, 5, 11), "12 May", date(2020, 5, 12)),     # within the publication lag
    (date(2020, 5, 11), "20 May", date(2019, 5, 20)),     # too far ahead: last year's
    (date(2020, 1, 3), "30 December", date(2019, 12, 30)),
    (date(2021, 3, 2), "29 February", date(2020, 2, 29)),  # the latest leap year
    (date(2020, 3, 2), "29 February", date(2020, 2, 29)),
])
def test_year_of_a_day_month_without_year(published, written, expected):
    assert only(f"Clashes erupted on {written} near the border.", published).date == expected


def test_day_month_with_future_cue_may_lie_ahead():
    assert only("The vote will be held on 20 May.", date(2020, 5, 11)).date == date(2020, 5, 20)


def test_impossible_days_are_not_day_mentions():
    mentions = find_dates("On 31 April 2020 and 30 February 2019 nothing.", date(2020, 5, 11))
    # What remains is the month, which is real.
    assert [(m.text, m.precision) for m in mentions] == [("April 2020", 3), ("February 2019", 3)]


def test_counts_after_a_month_are_not_days():
    assert find_dates("In the clash, May 9 people died", date(2020, 5, 11)) == []


# --- ranges -----------------------------------------------------------------------------------

@pytest.mark.parametrize("written, first, precision", [
    ("the night of 3-4 May", date(2020, 5, 3), 1),
    ("between 1 and 3 May", date(2020, 5, 1), 2),
    ("1-3 May 2020", date(2020, 5, 1), 2),
    ("from 1 to 3 May", date(2020, 5, 1), 2),
    ("May 1-3", date(2020, 5, 1), 2),
    ("between 30 April and 2 May", date(2020, 4, 30), 2),
    ("from 24 April-8 May", date(2020, 4, 24), 3),
])
def test_ranges_date_their_first_day(written, first, precision):
    mention = only(f"Raids took place {written} in the district.", date(2020, 5, 11))
    assert (mention.text, mention.date, mention.precision) == (written, first, precision)


def test_range_across_new_year():
    mention = only("Protests continued from 30 December to 2 January.", date(2020, 1, 5))
    assert (mention.date, mention.precision) == (date(2019, 12, 30), 2)


def test_a_list_of_days_is_not_a_range():
    mentions = find_dates("Clashes on May 9 and 9th of May.", date(2020, 5, 11))
    assert [m.text for m in mentions] == ["May 9", "9th of May"]


# --- months and years ---------------------------------------------------------------------------

def test_month_with_and_without_year():
    assert resolved("Elections held in May 2019 were disputed.", date(2020, 5, 20)) == [
        ("May 2019", date(2019, 5, 1), 3)]
    assert resolved("The fighting began in March.", date(2020, 5, 20)) == [("March", date(2020, 3, 1), 3)]
    assert resolved("The fighting began in November.", date(2020, 5, 20)) == [
        ("November", date(2019, 11, 1), 3)]
    assert resolved("It peaked in mid-May and again late April.", date(2020, 5, 20)) == [
        ("mid-May", date(2020, 5, 15), 3), ("late April", date(2020, 4, 25), 3)]


def test_a_month_name_needs_a_preposition_or_modifier():
    assert find_dates("Theresa May met officials; Trump and May spoke.", date(2020, 5, 20)) == []
    assert resolved("They met last May.", date(2020, 5, 20)) == [("last May", date(2019, 5, 1), 3)]


def test_years_and_decades():
    text = "Iraq's 2017 election, the war in 2003, protests since 2011, the 1990s and mid-2014."
    assert resolved(text, date(2020, 5, 11)) == [
        ("2017", date(2017, 1, 1), 3), ("2003", date(2003, 1, 1), 3), ("2011", date(2011, 1, 1), 3),
        ("1990s", date(1990, 1, 1), 3), ("mid-2014", date(2014, 6, 1), 3)]


def test_numbers_that_are_not_years():
    text = "The 2000 people fled 1,500 homes; 2014 fighters joined; Resolution 2254 passed."
    assert find_dates(text, date(2020, 5, 11)) == []


# --- unresolvable, offsets, ranges of the text ----------------------------------------------------

def test_without_publication_date_relative_dates_are_unresolved():
    mentions = find_dates("On Wednesday and yesterday, after clashes on 9 May 2020 and in May.", None)
    assert [(m.text, m.date) for m in mentions] == [
        ("Wednesday", None), ("yesterday", None), ("9 May 2020", date(2020, 5, 9)), ("May", None)]
    assert [m.precision for m in mentions] == [1, 1, 1, 3]


def test_offsets_index_into_the_text_and_start_end_limit_the_search():
    text = "Header. On Friday gunmen attacked. On Saturday police responded."
    everything = find_dates(text, FRIDAY)
    assert all(text[m.start:m.end] == m.text for m in everything)
    second = text.index("On Saturday")
    limited = find_dates(text, FRIDAY, start=second)
    assert [m.text for m in limited] == ["Saturday"]
    assert limited[0].start == text.index("Saturday")
    assert [m.text for m in find_dates(text, FRIDAY, end=second)] == ["Friday"]


def test_text_without_dates():
    assert find_dates("", FRIDAY) == []
    assert find_dates("Troops moved 40 kilometers north of the city.", FRIDAY) == []
