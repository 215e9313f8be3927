"""Date expressions taken out of a passage, for readers that should see what happened, not when:
the event models (a date's position is a writing habit, not a sign of the event) and the
comparison of two reports of one incident (each may date it its own way)."""
from __future__ import annotations

import re

_MONTH = (r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
          r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?")
_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_DAY = r"\d{1,2}(?:st|nd|rd|th)?"
_DATE_CORE = (rf"(?:{_WEEKDAY},?\s+)?(?:(?:the\s+)?{_DAY}(?:\s*(?:-|–|and|to)\s*{_DAY})?\s+(?:of\s+)?{_MONTH}"
              rf"|{_MONTH}\s+{_DAY}(?:\s*(?:-|–|and|to)\s*{_DAY})?)(?:,?\s+\d{{4}})?"
              rf"|{_MONTH}\s+\d{{4}}|{_WEEKDAY}(?:\s+(?:night|morning|afternoon|evening))?")
_ANY_DATE = re.compile(
    rf"(?:\b(?:[Oo]n|[Ss]ince|[Bb]y|[Uu]ntil|[Aa]s of|[Aa]round|[Ff]rom|[Bb]etween|[Ll]ast|[Ee]arly|[Ll]ate|[Oo]vernight)\s+)?"
    rf"(?:(?:the\s+)?(?:night|morning|evening)\s+of\s+)?\b(?:{_DATE_CORE})\b,?"
    r"|\((?:as\s+)?reported\)|\b(?:[Aa]s\s+)?[Rr]eported\s+on\b|\b(?:19|20)\d{2}\b"
)


def without_dates(text: str) -> str:
    """The text with each date expression ('on Thursday, April 30', '6 May 2020', '(as reported)')
    replaced by a space; 'may' the verb and other numbers stay."""
    return _ANY_DATE.sub(" ", text)
