"""Sentence and paragraph bounds around a character position, found locally without a parser.

The date stage needs them for small decisions (is a cue word in the same sentence as the date?
is a date in the same sentence as an event?), so a look at a few hundred characters either side
is enough. A full stop ends a sentence unless it follows a known abbreviation ("Lt.", "Oct.") or
a single capital letter ("U.S.").
"""
from __future__ import annotations

import functools
import re

from sitrep.dates.vocab import vocabulary

# End punctuation (with closing quotes/brackets) followed by whitespace, or any line break.
_BOUNDARY = re.compile(r"[.!?][\"'”’)\]]*\s+|\n")
_LAST_WORD = re.compile(r"([A-Za-z]+)\.$")


@functools.lru_cache(maxsize=1)
def _window() -> int:
    return int(vocabulary().settings["context_chars"])


def _is_real_boundary(text: str, match: re.Match[str]) -> bool:
    if match.group().startswith("\n"):
        return True
    if text[match.start()] != ".":
        return True
    word = _LAST_WORD.search(text, max(0, match.start() - 12), match.start() + 1)
    if not word:
        return True
    token = word.group(1)
    return not (token in vocabulary().abbreviations or (len(token) == 1 and token.isupper()))


def sentence_start(text: str, pos: int) -> int:
    """Index of the first character of the sentence containing `pos`."""
    lower = max(0, pos - _window())
    for match in reversed(list(_BOUNDARY.finditer(text, lower, pos))):
        if _is_real_boundary(text, match):
            return match.end()
    return lower


def sentence_end(text: str, pos: int) -> int:
    """Index just after the sentence containing `pos` (its end punctuation included)."""
    upper = min(len(text), pos + _window())
    for match in _BOUNDARY.finditer(text, pos, upper):
        if _is_real_boundary(text, match):
            return match.start() + 1
    return upper


def paragraph_bounds(text: str, pos: int) -> tuple[int, int]:
    """(start, end) of the line or paragraph containing `pos`."""
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    return start, (len(text) if end < 0 else end)
