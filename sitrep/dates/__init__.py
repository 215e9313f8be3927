"""Dates: every date expression in an article resolved against its publication date, with ACLED
time precision and a background flag, and the choice of one event's date among them.

Publication dates themselves are parsed by sitrep.ingest (parse_published); this stage only
resolves what the text says.
"""
from sitrep.dates.event_date import event_date_for_span, lead_date
from sitrep.dates.finder import find_dates
from sitrep.dates.mask import without_dates

__all__ = ["find_dates", "event_date_for_span", "lead_date", "without_dates"]
