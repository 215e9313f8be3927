"""From a grammar match to a resolved date: one interpreter per shape in grammar.py.

An interpreter may reject a match whose context says it is no date ("Theresa May", "the 2000
people"); it returns None and the finder tries a shorter reading.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Callable, Optional

from sitrep.dates import calendar_math as cal
from sitrep.dates.text_bounds import sentence_start
from sitrep.dates.vocab import RelativeExpression, Vocabulary

_WORD = re.compile(r"[\w'’]+")
_NEXT_WORD = re.compile(r"\s*([A-Za-z]+)")


@dataclass
class Found:
    """A matched expression before it becomes a DateMention; carries what background needs."""
    start: int
    end: int
    date: Optional[date]
    precision: int
    kind: str  # day | weekday | range | week | month | year
    period_end: Optional[date] = None  # last day the expression covers
    explicit: bool = False  # a written calendar day ("9 May 2020"), not a weekday or "today"
    always_background: bool = False  # "years ago", "last year"

    def __post_init__(self) -> None:
        if self.period_end is None:
            self.period_end = self.date


@dataclass
class Context:
    text: str
    published: Optional[date]
    vocab: Vocabulary
    previous_day: Optional[date] = None  # the last day-precise date found: anchor of "the next day"

    def setting(self, name: str) -> int:
        return int(self.vocab.settings[name])

    def words_before(self, pos: int, count: int) -> list[str]:
        """Up to `count` words before `pos`, within its sentence, lower-cased."""
        start = sentence_start(self.text, pos)
        return [w.lower() for w in _WORD.findall(self.text, start, pos)][-count:]

    def future_cue_before(self, pos: int) -> bool:
        """'will meet on Friday', 'is scheduled for 14 May': a future word just before the date.

        Only a few words back: in "the US will press on, officials said on Friday" the
        'will' belongs to another verb than the date's.
        """
        start = sentence_start(self.text, pos)
        words = list(_WORD.finditer(self.text, start, pos))[-self.setting("future_cue_words"):]
        return bool(words) and bool(self.vocab.future_cues.search(self.text, words[0].start(), pos))

    def next_word(self, pos: int) -> str:
        match = _NEXT_WORD.match(self.text, pos)
        return match.group(1).lower() if match else ""


def _month_number(ctx: Context, name: Optional[str]) -> Optional[int]:
    return ctx.vocab.months.get(name.rstrip(".")) if name else None


def _day_number(text: Optional[str]) -> Optional[int]:
    if not text:
        return None
    return int(text.rstrip("stndrh"))


def normalise(phrase: str) -> str:
    return " ".join(phrase.lower().split())


def _day_with_optional_year(ctx: Context, pos: int, day: int, month: int,
                            year: Optional[str]) -> tuple[Optional[date], bool]:
    """(date, valid): a written day resolved; a year-less one gets its year from publication."""
    if year:
        resolved = cal.safe_date(int(year), month, day)
        return resolved, resolved is not None
    if not 1 <= day <= 31 or cal.safe_date(2000, month, day) is None:  # 2000 is a leap year
        return None, False
    if ctx.published is None:
        return None, True
    resolved = cal.infer_day_year(
        month, day, ctx.published, ctx.setting("future_lag_days"),
        ctx.setting("future_window_days"), ctx.future_cue_before(pos))
    return resolved, True


# --- one interpreter per shape in grammar.py -------------------------------------------------

def _iso(m: re.Match[str], ctx: Context) -> Optional[Found]:
    resolved = cal.safe_date(int(m["iso_y"]), int(m["iso_m"]), int(m["iso_d"]))
    return Found(m.start(), m.end(), resolved, 1, "day", explicit=True) if resolved else None


def _dash(m: re.Match[str], ctx: Context) -> Optional[Found]:
    year = cal.two_digit_year(m["dash_y"], ctx.setting("two_digit_year_pivot"))
    resolved = cal.safe_date(year, _month_number(ctx, m["dash_m"]), int(m["dash_d"]))
    return Found(m.start(), m.end(), resolved, 1, "day", explicit=True) if resolved else None


def _single_day(m: re.Match[str], ctx: Context, p: str) -> Optional[Found]:
    day, month = _day_number(m[f"{p}_d"]), _month_number(ctx, m[f"{p}_m"])
    year = m[f"{p}_y"]
    if not year and ctx.next_word(m.end()) in ctx.vocab.count_nouns:
        return None  # "May 9 people": a count, not a date
    resolved, valid = _day_with_optional_year(ctx, m.start(), day, month, year)
    if not valid:
        return None
    qualifier = m[f"{p}_q"]
    precision = ctx.vocab.prefix_qualifiers.get(normalise(qualifier), 1) if qualifier else 1
    return Found(m.start(), m.end(), resolved, precision, "day", explicit=True)


def _dmy(m: re.Match[str], ctx: Context) -> Optional[Found]:
    return _single_day(m, ctx, "dmy")


def _mdy(m: re.Match[str], ctx: Context) -> Optional[Found]:
    return _single_day(m, ctx, "mdy")


def _range(m: re.Match[str], ctx: Context, p: str) -> Optional[Found]:
    """'between 1 and 3 May', '1-3 May 2020', 'the night of 3-4 May', 'May 1 to 3'.

    The first day stands for the range (the event began then); the precision follows the
    length: one night across two dates is a day, up to a week is 2, longer is 3.
    """
    if m[f"{p}_sep"].lower() == "and" and not m[f"{p}_pre"]:
        return None  # "5 and 3 May" is a list, not a range
    day1, day2 = _day_number(m[f"{p}_d1"]), _day_number(m[f"{p}_d2"])
    month2 = _month_number(ctx, m[f"{p}_m2"])
    month1 = _month_number(ctx, m[f"{p}_m1"])
    month1 = month1 or month2
    month2 = month2 or month1
    if month1 is None or month2 is None:
        return None
    year2 = m[f"{p}_y2"]
    year1 = m[f"{p}_y1"] or year2
    last, valid = _day_with_optional_year(ctx, m.start(), day2, month2, year2)
    if not valid:
        return None
    first = _range_start(day1, month1, year1, last)
    if last is not None and (first is None or first > last):
        return None
    precision = _range_precision(first, last, bool(m[f"{p}_night"]))
    return Found(m.start(), m.end(), first, precision, "range", period_end=last, explicit=True)


def _range_start(day: int, month: int, year: Optional[str], last: Optional[date]) -> Optional[date]:
    if year:
        return cal.safe_date(int(year), month, day)
    if last is None:
        return None
    first = cal.safe_date(last.year, month, day)
    if first is not None and first > last:  # "30 December to 2 January"
        first = cal.safe_date(last.year - 1, month, day)
    return first


def _range_precision(first: Optional[date], last: Optional[date], overnight: bool) -> int:
    if first is None or last is None:
        return 2
    days = (last - first).days
    if days == 0 or (overnight and days == 1):
        return 1
    return 2 if days <= 7 else 3


def _rdm(m: re.Match[str], ctx: Context) -> Optional[Found]:
    return _range(m, ctx, "rdm")


def _rmd(m: re.Match[str], ctx: Context) -> Optional[Found]:
    return _range(m, ctx, "rmd")


def _month_year(m: re.Match[str], ctx: Context) -> Optional[Found]:
    day = ctx.vocab.month_parts.get(normalise(m["my_part"]), 1) if m["my_part"] else 1
    start = date(int(m["my_y"]), _month_number(ctx, m["my_m"]), day)
    return Found(m.start(), m.end(), start, 3, "month", period_end=cal.month_end(start))


def _month_only(m: re.Match[str], ctx: Context) -> Optional[Found]:
    """'in May', 'last May', 'mid-May': needs a modifier or a preposition ('Theresa May' is not)."""
    modifier = normalise(m["mo_mod"]) if m["mo_mod"] else ""
    before = ctx.words_before(m.start(), 1)
    if not modifier and not (before and before[0] in ctx.vocab.year_context - _NOT_BEFORE_MONTH):
        return None
    month = ctx.vocab.full_months[m["mo_m"]]
    if ctx.published is None:
        return Found(m.start(), m.end(), None, 3, "month")
    direction = ctx.vocab.weekday_directions.get(modifier, 0)
    first = cal.infer_month_year(month, ctx.published, direction, ctx.future_cue_before(m.start()))
    day = ctx.vocab.month_parts.get(modifier, 1)
    return Found(m.start(), m.end(), first.replace(day=day), 3, "month", period_end=cal.month_end(first))


# Words that may precede a bare year but make a bare month ambiguous ("Trump and May").
_NOT_BEFORE_MONTH = frozenset({"the", "and", "to", "as", "year", "'s", "’s"})


def _weekday(m: re.Match[str], ctx: Context) -> Optional[Found]:
    before = ctx.words_before(m.start(), 1)
    if before and before[0] in ctx.vocab.named_day_words:
        return None  # "Good Friday", "Super Tuesday": a named day, not this week's
    if ctx.published is None:
        return Found(m.start(), m.end(), None, 1, "weekday")
    weekday = ctx.vocab.weekdays[m["wd_n"]]
    direction = ctx.vocab.weekday_directions.get(normalise(m["wd_mod"] or ""), 0)
    if direction < 0:
        resolved = cal.weekday_before(ctx.published, weekday)
    elif direction > 0:
        resolved = cal.weekday_after(ctx.published, weekday)
    elif ctx.future_cue_before(m.start()):
        resolved = cal.weekday_on_or_after(ctx.published, weekday)
    else:
        resolved = cal.weekday_on_or_before(ctx.published, weekday)
    return Found(m.start(), m.end(), resolved, 1, "weekday")


def _decade(m: re.Match[str], ctx: Context) -> Optional[Found]:
    year = int(m["dec_y"])
    return Found(m.start(), m.end(), date(year, 1, 1), 3, "year", period_end=date(year + 9, 12, 31))


def _year(m: re.Match[str], ctx: Context) -> Optional[Found]:
    """'in 2014', 'since 2011', 'the 2017 election', 'mid-2014': a bare number needs context."""
    part = normalise(m["yr_part"]) if m["yr_part"] else ""
    if not part:
        before = ctx.words_before(m.start(), 1)
        opens_bracket = ctx.text[m.start() - 1:m.start()] == "("
        possessive = bool(before) and before[0].endswith(("'s", "’s"))  # "Iraq's 2017 election"
        if not (opens_bracket or possessive or (before and before[0] in ctx.vocab.year_context)):
            return None
    if ctx.next_word(m.end()) in ctx.vocab.count_nouns:
        return None  # "the 2000 people"
    year = int(m["yr_y"])
    start = date(year, ctx.vocab.year_parts.get(part, 1), 1)
    return Found(m.start(), m.end(), start, 3, "year", period_end=date(year, 12, 31))


def _relative(m: re.Match[str], ctx: Context, index: int) -> Optional[Found]:
    expression = ctx.vocab.relative[index]
    count_group = f"reln{index}"
    written = m[count_group] if count_group in m.re.groupindex else None
    count = _relative_count(ctx, written, expression)
    if count is None:
        return None
    anchor = ctx.previous_day if expression.anchor == "previous" else ctx.published
    resolved, period_end = _shift(anchor, expression, count)
    kind = {"day": "day", "week": "week", "weekend": "week"}.get(expression.unit, expression.unit)
    return Found(m.start(), m.end(), resolved, expression.precision, kind,
                 period_end=period_end, always_background=expression.background)


def _relative_count(ctx: Context, written: Optional[str], expression: RelativeExpression) -> Optional[int]:
    if written is None:
        return expression.count
    if written.isdigit():
        return int(written)
    return ctx.vocab.numbers.get(normalise(written))


def _shift(anchor: Optional[date], expression: RelativeExpression,
           count: int) -> tuple[Optional[date], Optional[date]]:
    """(representative date, last day covered) of a relative expression; see calendar_math."""
    if anchor is None:
        return None, None
    amount = expression.step * count
    if expression.unit == "day":
        day = anchor + timedelta(days=amount)
        return day, day
    if expression.unit == "week":
        day = anchor + timedelta(days=7 * amount)
        return day, day
    if expression.unit == "weekend":
        saturday = cal.weekend_saturday(anchor, expression.step)
        return saturday, saturday + timedelta(days=1)
    if expression.unit == "month":
        first = cal.month_start(anchor.year, anchor.month, amount)
        return first, cal.month_end(first)
    year = anchor.year + amount
    return date(year, 1, 1), date(year, 12, 31)


_INTERPRETERS: dict[str, Callable[[re.Match[str], Context], Optional[Found]]] = {
    "iso": _iso, "dash": _dash, "rdm": _rdm, "rmd": _rmd, "dmy": _dmy, "mdy": _mdy,
    "my": _month_year, "mo": _month_only, "wd": _weekday, "dec": _decade, "yr": _year,
}


def interpret(m: re.Match[str], ctx: Context) -> Optional[Found]:
    shape = m.lastgroup or ""
    if shape.startswith("rel"):
        return _relative(m, ctx, int(shape[3:]))
    return _INTERPRETERS[shape](m, ctx)
