"""The date of one event, chosen among an article's date mentions.

Order of preference for an event whose evidence is text[start:end]:
1. a usable mention inside the evidence (the most precise; then the first);
2. with `text` given: the nearest usable mention in the same sentence, either side;
   then the nearest day-precise one earlier in the same paragraph ("On Friday, gunmen attacked
   X. Three people died." dates both sentences);
   without `text`: the nearest usable mention within a short distance before the evidence;
3. the article's lead date: its first usable day-precise mention (wire stories date their main
   event early: "exchanged heavy fire on Friday"), with that mention's precision;
4. the publication date, precision 2: a report with no explicit day most likely describes
   the last few days, which is what ACLED's "week" precision says;
5. nothing resolvable and no publication date: (None, 3, None).
A usable mention has a date, is not background, and does not lie in the future (an announced
"vote on 14 May" is not when anything happened).
"""
from __future__ import annotations

from datetime import date, timedelta
from typing import Optional

from sitrep.dates.text_bounds import paragraph_bounds, sentence_end, sentence_start
from sitrep.dates.vocab import vocabulary
from sitrep.records import DateMention

# Without the text, a mention this close before the evidence is taken as its sentence's date.
_NEARBY_CHARS = 150


def _usable(mentions: list[DateMention], published: Optional[date]) -> list[DateMention]:
    lag = timedelta(days=int(vocabulary().settings["future_lag_days"]))
    return [
        m for m in mentions
        if m.date is not None and not m.background and (published is None or m.date <= published + lag)
    ]


def _distance(mention: DateMention, start: int, end: int) -> int:
    if mention.end <= start:
        return start - mention.end
    if mention.start >= end:
        return mention.start - end
    return 0


def _inside(candidates: list[DateMention], start: int, end: int) -> Optional[DateMention]:
    inside = [m for m in candidates if m.start >= start and m.end <= end]
    return min(inside, key=lambda m: (m.precision, m.start)) if inside else None


def _nearest(candidates: list[DateMention], start: int, end: int, low: int, high: int,
             before_only: bool = False, day_only: bool = False) -> Optional[DateMention]:
    nearby = [
        m for m in candidates
        if m.start >= low and m.end <= high
        and (not before_only or m.end <= start) and (not day_only or m.precision == 1)
    ]
    return min(nearby, key=lambda m: (_distance(m, start, end), m.precision)) if nearby else None


def _in_context(candidates: list[DateMention], start: int, end: int,
                text: Optional[str]) -> Optional[DateMention]:
    if text is None:
        return _nearest(candidates, start, end, start - _NEARBY_CHARS, start, before_only=True)
    found = _nearest(candidates, start, end, sentence_start(text, start), sentence_end(text, max(start, end - 1)))
    if found:
        return found
    paragraph_start, _ = paragraph_bounds(text, start)
    return _nearest(candidates, start, end, paragraph_start, start, before_only=True, day_only=True)


def lead_date(mentions: list[DateMention], published: Optional[date]) -> Optional[DateMention]:
    """The article's first usable day-precise mention: the date of its main news."""
    for mention in sorted(_usable(mentions, published), key=lambda m: m.start):
        if mention.precision == 1:
            return mention
    return None


def event_date_for_span(mentions: list[DateMention], start: int, end: int,
                        published: Optional[date], text: Optional[str] = None,
                        ) -> tuple[Optional[str], int, Optional[DateMention]]:
    """(ISO date, ACLED time_precision, the mention used) for the event evidenced by text[start:end].

    `text` (the article text the offsets index into) is optional; with it, sentence and
    paragraph bounds decide which nearby mentions count.
    """
    candidates = _usable(mentions, published)
    chosen = _inside(candidates, start, end) or _in_context(candidates, start, end, text)
    chosen = chosen or lead_date(mentions, published)
    if chosen is not None and chosen.date is not None:
        return chosen.date.isoformat(), chosen.precision, chosen
    if published is not None:
        return published.isoformat(), 2, None
    return None, 3, None
