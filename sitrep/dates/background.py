"""Is a date the news, or a past event given as context?

A news story is about what happened in the last days; dates further back usually date the
background ("areas it lost in 2014", "a referendum held last month", "since 2011"). Rules, in order:
1. expressions that always look back ("years ago", "last year") are background;
2. a date after publication (plus a small lag) is an announcement, never background;
3. a date whose period ended more than `background_after_days` before publication is background,
   unless it is a written calendar day that opens its sentence ("On 9 May 2020, protesters ..."),
   less than a year old: that is how reports and ACLED notes date their own event;
4. a year before the publication year is background (early-January stories included);
5. a month- or year-level date next to a cue word (since, lost, held, took place, ago, former...,
   data/cues.json) is background, even without a publication date.
Day- and week-level dates are never made background by cue words alone: "since Friday" dates an
ongoing event, not a past one.
"""
from __future__ import annotations

import re
from datetime import date, timedelta
from typing import TYPE_CHECKING, Optional

from sitrep.dates.text_bounds import sentence_end, sentence_start
from sitrep.dates.vocab import Vocabulary

if TYPE_CHECKING:
    from sitrep.dates.interpret import Found

_WORD = re.compile(r"[\w'’]+")
_LABEL = re.compile(r"\s*[A-Z][^:.\n]{0,40}:\s*")  # "Looting: On 9 May 2020, ..." (ACLED notes)
_MAX_OPENER_WORDS = 3  # "On", "As reported on", "Around"


def is_background(item: "Found", text: str, published: Optional[date], vocab: Vocabulary) -> bool:
    if item.always_background:
        return True
    settings = vocab.settings
    if published is not None and item.date is not None:
        if item.date > published + timedelta(days=int(settings["future_lag_days"])):
            return False
        age = (published - (item.period_end or item.date)).days
        if age > int(settings["background_after_days"]):
            reported_as_own = (item.explicit and item.precision == 1 and age <= int(settings["opener_max_age_days"])
                               and opens_sentence(item.start, text))
            return not reported_as_own
        if item.kind == "year" and item.date.year < published.year:
            return True
    if item.precision >= 3:
        return has_cue_nearby(item.start, item.end, text, vocab)
    return False


def opens_sentence(pos: int, text: str) -> bool:
    """True when at most a preposition or two (after an optional 'Label:') precede `pos`."""
    start = sentence_start(text, pos)
    label = _LABEL.match(text, start, pos)
    if label:
        start = label.end()
    return len(_WORD.findall(text, start, pos)) <= _MAX_OPENER_WORDS


def has_cue_nearby(start: int, end: int, text: str, vocab: Vocabulary) -> bool:
    """A background cue word within a few words before or after the date, in its sentence."""
    settings = vocab.settings
    # A semicolon ends the clause: "since March; mid-May" does not make mid-May background.
    left_bound = sentence_start(text, start)
    left_bound = max(left_bound, text.rfind(";", left_bound, start) + 1)
    words_before = list(_WORD.finditer(text, left_bound, start))[-int(settings["cue_words_before"]):]
    if words_before and vocab.background_cues.search(text, words_before[0].start(), start):
        return True
    right_bound = sentence_end(text, end)
    semicolon = text.find(";", end, right_bound)
    right_bound = right_bound if semicolon < 0 else semicolon
    words_after = list(_WORD.finditer(text, end, right_bound))[:int(settings["cue_words_after"])]
    return bool(words_after and vocab.background_cues.search(text, end, words_after[-1].end()))
