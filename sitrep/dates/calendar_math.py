"""Calendar arithmetic for resolving date expressions against a publication date.

Conventions (ACLED gives a date plus a precision; these fix which day stands for a vaguer period):
- a week (precision 2) is represented by the same weekday in that week: "last week" in a story of
  Friday 20 Oct is Friday 13 Oct, "this week" is the publication day itself;
- a weekend (precision 2) is represented by its Saturday;
- a month or a year (precision 3) by its first day ("last month" in October is 1 September);
- a plain weekday is the most recent such day on or before publication (a Friday story's
  "Friday" is that same day), never a future day unless the text says so.
"""
from __future__ import annotations

import calendar
from datetime import date, timedelta
from typing import Optional

SATURDAY = 5


def safe_date(year: int, month: int, day: int) -> Optional[date]:
    """The date, or None when it does not exist (31 April, 29 February of a common year)."""
    try:
        return date(year, month, day)
    except ValueError:
        return None


def month_start(year: int, month: int, shift: int = 0) -> date:
    """The first day of the month `shift` months after (year, month)."""
    index = year * 12 + (month - 1) + shift
    return date(index // 12, index % 12 + 1, 1)


def month_end(day: date) -> date:
    return day.replace(day=calendar.monthrange(day.year, day.month)[1])


def weekday_on_or_before(published: date, weekday: int) -> date:
    return published - timedelta(days=(published.weekday() - weekday) % 7)


def weekday_before(published: date, weekday: int) -> date:
    """Strictly before: a Friday story's "last Friday" is a week earlier."""
    return published - timedelta(days=(published.weekday() - weekday) % 7 or 7)


def weekday_on_or_after(published: date, weekday: int) -> date:
    return published + timedelta(days=(weekday - published.weekday()) % 7)


def weekday_after(published: date, weekday: int) -> date:
    return published + timedelta(days=(weekday - published.weekday()) % 7 or 7)


def weekend_saturday(published: date, step: int) -> date:
    """Saturday of the weekend `step` weekends from the latest one that has begun by `published`.

    "over the weekend" in a Monday story is the Saturday before; in a Sunday story, yesterday.
    "last weekend" in a Saturday or Sunday story is the weekend before the current one.
    """
    latest = weekday_on_or_before(published, SATURDAY)
    if step < 0 and published.weekday() < SATURDAY:
        step += 1  # on a weekday, the latest weekend already is "last weekend"
    return latest + timedelta(days=7 * step)


def two_digit_year(value: str, pivot: int) -> int:
    """'20' -> 2020, '98' -> 1998: ACLED's '9-May-20' style."""
    year = int(value)
    if len(value) == 4:
        return year
    return 1900 + year if year >= pivot else 2000 + year


def infer_day_year(month: int, day: int, published: date, lag_days: int,
                   future_days: int, future_allowed: bool) -> Optional[date]:
    """The year of a day-month date written without one.

    The nearest such date on or before publication (plus a small lag for time zones and
    next-morning datelines). With a future cue ("will be held on 14 May") a date up to
    `future_days` ahead is taken instead of the same day last year.
    """
    candidates = [d for d in (safe_date(published.year + k, month, day) for k in (-1, 0, 1)) if d]
    latest_allowed = published + timedelta(days=lag_days)
    past = [d for d in candidates if d <= latest_allowed]
    if future_allowed:
        ahead = [d for d in candidates if latest_allowed < d <= published + timedelta(days=future_days)]
        if ahead:
            return min(ahead)
    if past:
        return max(past)
    # 29 February with no leap year nearby in the past: try the years before.
    for back in range(2, 9):
        found = safe_date(published.year - back, month, day)
        if found:
            return found
    return None


def infer_month_year(month: int, published: date, direction: int, future_allowed: bool) -> date:
    """First day of the month meant by "in May" (direction 0), "last May" (-1), "next May" (+1)."""
    this_year = date(published.year, month, 1)
    if direction > 0 or (direction == 0 and future_allowed):
        if month > published.month or (direction == 0 and month == published.month):
            return this_year
        return date(published.year + 1, month, 1)
    if direction < 0:
        return this_year if month < published.month else date(published.year - 1, month, 1)
    return this_year if month <= published.month else date(published.year - 1, month, 1)
