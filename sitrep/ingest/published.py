"""Publication dates: parse the many ways inputs write them, and find one in a URL path.

A date is only ever read from the input; nothing here guesses one. A datetime keeps the calendar
date it has in its own time zone (a story stamped "Fri, 20 Oct 2017 23:30 -0400" was published on
the 20th where it was written), except unix timestamps, which have no zone and are read as UTC.
"""
from __future__ import annotations

import re
from datetime import date, datetime, timezone
from email.utils import parsedate_to_datetime
from functools import lru_cache
from importlib import resources
from urllib.parse import urlsplit

# Years outside this window in a URL path are more likely ids or counters than dates.
EARLIEST_YEAR = 1990

_ORDINAL = re.compile(r"\b(\d{1,2})(st|nd|rd|th)\b", re.IGNORECASE)
_ABBREVIATION_DOT = re.compile(r"(?<=[A-Za-z])\.")
_UNIX_TIMESTAMP = re.compile(r"-?\d{9,13}(\.\d+)?")
_COMPACT_DATE = re.compile(r"\d{8}")
_URL_DATES = (
    re.compile(r"/((?:19|20)\d\d)/(\d{1,2})/(\d{1,2})(?=/|$|[-_.])"),
    re.compile(r"(?<!\d)((?:19|20)\d\d)-(\d\d)-(\d\d)(?!\d)"),
    re.compile(r"(?<!\d)((?:19|20)\d\d)(\d\d)(\d\d)(?!\d)(?=/|$|[-_.])"),
)


@lru_cache(maxsize=1)
def _written_formats() -> tuple[str, ...]:
    text = resources.files("sitrep.ingest").joinpath("data/date_formats.txt").read_text("utf-8")
    return tuple(
        line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")
    )


def parse_published(value: str | int | float | date) -> date:
    """The calendar date in a publication-date value.

    Accepts ISO dates and datetimes ("2017-10-20", "2017-10-20T14:03:00+03:00"), written dates
    ("20 October 2017", "Oct 20, 2017", "Friday, 20th October 2017"), RFC 2822 as used by feeds
    ("Fri, 20 Oct 2017 14:03:00 GMT"), compact "20171020" and unix timestamps in seconds or
    milliseconds. Raises ValueError naming the value when it is none of these.
    """
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, bool):  # bool is an int; True is not a date
        raise ValueError(f"unparseable published date {value!r}")
    if isinstance(value, (int, float)):
        return _from_timestamp(float(value), value)
    text = str(value).strip()
    if not text:
        raise ValueError("empty published date")
    # a stamp with a time and a zone around the date ('Wed Nov 23, 2016 | 3:02pm EST',
    # '4:58 PM ET, Wed November 16, 2016', '2016-12-19 05:40 ET'): the date written inside it
    found = _parsed(text) or _date_inside(text)
    if found is None:
        raise ValueError(f"unparseable published date {text!r}")
    return found


_MONTH = (r"(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
          r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?")
_DAY = r"(\d{1,2})(?:st|nd|rd|th)?"
_DATES_INSIDE = (  # (pattern, order of year, month, day among its groups)
    (re.compile(r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)"), (0, 1, 2)),
    (re.compile(rf"\b{_MONTH}\s+{_DAY},?\s+(\d{{4}})\b", re.IGNORECASE), (2, 0, 1)),
    (re.compile(rf"\b{_DAY}\s+{_MONTH},?\s+(\d{{4}})\b", re.IGNORECASE), (2, 1, 0)),
    (re.compile(rf"\b(\d{{4}})\s+{_MONTH}\s+{_DAY}\b", re.IGNORECASE), (0, 1, 2)),
)


def _date_inside(text: str) -> date | None:
    """The first whole date written somewhere in the text, with the month as a number or a name."""
    for pattern, (y, m, d) in _DATES_INSIDE:
        match = pattern.search(text)
        if match is None:
            continue
        groups = match.groups()
        month = int(groups[m]) if groups[m].isdigit() else _month_number(groups[m])
        try:
            return date(int(groups[y]), month, int(groups[d]))
        except ValueError:
            continue
    return None


def _month_number(name: str) -> int:
    return datetime.strptime(name[:3].title(), "%b").month


def _parsed(text: str) -> date | None:
    for parser in (_from_iso, _from_number, _from_rfc2822, _from_written):
        found = parser(text)
        if found is not None:
            return found
    return None


def _from_iso(text: str) -> date | None:
    candidate = text[:-1] + "+00:00" if text.endswith(("Z", "z")) else text
    try:
        return datetime.fromisoformat(candidate).date()
    except ValueError:
        pass
    try:
        return date.fromisoformat(candidate[:10]) if len(candidate) == 10 else None
    except ValueError:
        return None


def _from_number(text: str) -> date | None:
    if _COMPACT_DATE.fullmatch(text):
        try:
            return datetime.strptime(text, "%Y%m%d").date()
        except ValueError:
            return None
    if _UNIX_TIMESTAMP.fullmatch(text):
        return _from_timestamp(float(text), text)
    return None


def _from_timestamp(seconds: float, original: object) -> date:
    # 13 digits are milliseconds (JavaScript, many APIs); seconds stay below 1e11 until year 5138.
    if abs(seconds) >= 1e11:
        seconds /= 1000.0
    try:
        return datetime.fromtimestamp(seconds, tz=timezone.utc).date()
    except (OverflowError, OSError, ValueError) as error:
        raise ValueError(f"unparseable published date {original!r}: {error}") from None


def _from_rfc2822(text: str) -> date | None:
    if not re.search(r"\d\d:\d\d", text):  # RFC 2822 always has a time; spares the parse
        return None
    try:
        return parsedate_to_datetime(text).date()
    except (TypeError, ValueError, IndexError):
        return None


def _from_written(text: str) -> date | None:
    normalised = _normalise_written(text)
    for pattern in _written_formats():
        try:
            return datetime.strptime(normalised, pattern).date()
        except ValueError:
            continue
    return None


def _normalise_written(text: str) -> str:
    text = _ORDINAL.sub(r"\1", text)
    text = _ABBREVIATION_DOT.sub("", text).replace(",", " ")
    words = text.split()
    if words and _is_weekday(words[0]):
        words = words[1:]
    # "Sept" is a common abbreviation strptime does not know.
    words = ["Sep" if word.lower() == "sept" else word for word in words]
    return " ".join(words)


def _is_weekday(word: str) -> bool:
    for pattern in ("%A", "%a"):
        try:
            datetime.strptime(word, pattern)
            return True
        except ValueError:
            continue
    return False


def date_in_url(url: str) -> date | None:
    """The date a URL path carries, as news sites write it: /2017/10/20/, 2017-10-20, /20171020/.

    Only the path is read (a host or query string can hold numbers that only look like dates),
    and only real calendar dates between 1990 and next year count.
    """
    if not url:
        return None
    path = urlsplit(url).path if "://" in url else url
    for pattern in _URL_DATES:
        for match in pattern.finditer(path):
            found = _checked_date(*(int(group) for group in match.groups()))
            if found is not None:
                return found
    return None


def _checked_date(year: int, month: int, day: int) -> date | None:
    if not EARLIEST_YEAR <= year <= date.today().year + 1:
        return None
    try:
        return date(year, month, day)
    except ValueError:
        return None
