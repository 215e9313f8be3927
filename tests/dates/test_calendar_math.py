"""calendar_math: the arithmetic behind resolution."""
from datetime import date

from sitrep.dates import calendar_math as cal


def test_weekday_helpers():
    friday = date(2017, 10, 20)
    assert cal.weekday_on_or_before(friday, 4) == friday
    assert cal.weekday_before(friday, 4) == date(2017, 10, 13)
    assert cal.weekday_on_or_after(friday, 0) == date(2017, 10, 23)
    assert cal.weekday_after(friday, 4) == date(2017, 10, 27)


def test_month_start_shifts_across_years():
    assert cal.month_start(2020, 1, -1) == date(2019, 12, 1)
    assert cal.month_start(2019, 12, 1) == date(2020, 1, 1)
    assert cal.month_start(2020, 3, -14) == date(2019, 1, 1)
    assert cal.month_end(date(2020, 2, 10)) == date(2020, 2, 29)
    assert cal.month_end(date(2021, 2, 10)) == date(2021, 2, 28)


def test_two_digit_years():
    assert cal.two_digit_year("20", 70) == 2020
    assert cal.two_digit_year("98", 70) == 1998
    assert cal.two_digit_year("2015", 70) == 2015


def test_infer_day_year():
    published = date(2020, 5, 11)
    assert cal.infer_day_year(5, 13, published, 2, 90, False) == date(2020, 5, 13)
    assert cal.infer_day_year(5, 14, published, 2, 90, False) == date(2019, 5, 14)
    assert cal.infer_day_year(5, 14, published, 2, 90, True) == date(2020, 5, 14)
    assert cal.infer_day_year(2, 29, date(2023, 6, 1), 2, 90, False) == date(2020, 2, 29)


def test_infer_month_year():
    published = date(2020, 5, 20)
    assert cal.infer_month_year(5, published, 0, False) == date(2020, 5, 1)
    assert cal.infer_month_year(6, published, 0, False) == date(2019, 6, 1)
    assert cal.infer_month_year(6, published, 0, True) == date(2020, 6, 1)
    assert cal.infer_month_year(5, published, -1, False) == date(2019, 5, 1)
    assert cal.infer_month_year(4, published, -1, False) == date(2020, 4, 1)
    assert cal.infer_month_year(5, published, 1, False) == date(2021, 5, 1)
    assert cal.infer_month_year(6, published, 1, False) == date(2020, 6, 1)
