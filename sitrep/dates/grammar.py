"""The date grammar: regexes built from the vocabularies at first use.

Each date shape is a named alternative (`(?P<dmy>...)`); `match.lastgroup` says which matched.
Shapes are grouped by the anchor they contain (number, month, weekday, relative word), and
within a group ordered longest first (ranges before single days, day-month-year before
month-year before a bare month), because a regex alternation takes the first alternative that
matches, not the longest. Context checks a regex cannot express cheaply ("a bare year needs
'in'/'since' before it") are done by the interpreters after the match.
"""
from __future__ import annotations

import functools
import re

from sitrep.dates.vocab import Vocabulary, alternation, vocabulary

DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
YEAR = r"(?:1[89]|20)\d\d(?!\d)"
DASHES = "\\-\u2013\u2014"  # escaped hyphen first: safe inside a character class


def _insensitive(fragment: str) -> str:
    return f"(?i:{fragment})"


def _range_separator() -> str:
    return rf"\s*(?P<{{p}}_sep>[{DASHES}]|{_insensitive('to|and|until|till|through')})\s*"


def _shapes(v: Vocabulary) -> list[tuple[str, str]]:
    # Abbreviations may carry a full stop ("Oct. 20"); the finder strips it before the look-up.
    abbreviations = [name for name in v.months if name not in v.full_months]
    full_month = rf"(?:(?:{alternation(v.full_months)})\b)"
    month = rf"(?:{full_month}|(?:{alternation(abbreviations)})\b\.?)"
    weekday = f"(?:{alternation(v.weekdays)})"
    approx = _insensitive(alternation(v.prefix_qualifiers))
    month_part = _insensitive(alternation(v.month_parts))
    year_part = _insensitive(alternation(v.year_parts))
    weekday_mod = _insensitive(alternation(list(v.weekday_directions) + v.day_part_before))
    day_part_after = _insensitive(alternation(v.day_part_after))
    range_start = _insensitive("between|from")
    night_of = _insensitive(r"(?:the\s+)?night\s+of")
    sep = _range_separator()
    return [
        ("iso", r"(?P<iso_y>(?:1[89]|20)\d\d)-(?P<iso_m>0[1-9]|1[0-2])-(?P<iso_d>[0-2]\d|3[01])(?![\d-])"),
        ("dash", rf"(?P<dash_d>[0-3]?\d)-(?P<dash_m>{month})-(?P<dash_y>\d{{4}}|\d{{2}})(?!\d)"),
        ("rdm", rf"(?:(?P<rdm_pre>{range_start})\s+)?(?:(?P<rdm_night>{night_of})\s+)?"
                rf"(?P<rdm_d1>{DAY})(?:\s+(?P<rdm_m1>{month})(?:,?\s+(?P<rdm_y1>{YEAR}))?)?"
                + sep.format(p="rdm") +
                rf"(?P<rdm_d2>{DAY})\s+(?P<rdm_m2>{month})(?:,?\s+(?P<rdm_y2>{YEAR}))?"),
        ("rmd", rf"(?:(?P<rmd_pre>{range_start})\s+)?(?:(?P<rmd_night>{night_of})\s+)?"
                rf"(?P<rmd_m1>{month})\s+(?P<rmd_d1>{DAY})(?:,?\s+(?P<rmd_y1>{YEAR}))?"
                + sep.format(p="rmd") +
                rf"(?:(?P<rmd_m2>{month})\s+)?(?P<rmd_d2>{DAY})(?![\d:])\b(?:,?\s+(?P<rmd_y2>{YEAR}))?"),
        ("dmy", rf"(?:(?P<dmy_q>{approx})\s+)?(?:(?i:the)\s+)?(?P<dmy_d>{DAY})\s+(?:of\s+)?"
                rf"(?P<dmy_m>{month})(?:,?\s+(?P<dmy_y>{YEAR}))?"),
        ("mdy", rf"(?:(?P<mdy_q>{approx})\s+)?(?P<mdy_m>{month})\s+(?:the\s+)?(?P<mdy_d>{DAY})"
                rf"(?![\d:%])\b(?:,?\s+(?P<mdy_y>{YEAR}))?"),
        ("my", rf"(?:(?P<my_part>{month_part})[\s{DASHES}]+)?(?P<my_m>{month}),?\s+(?:of\s+)?(?P<my_y>{YEAR})"),
        ("mo", rf"(?:(?P<mo_mod>{month_part}|{_insensitive('last|next|this')})[\s{DASHES}]+)?"
               rf"(?P<mo_m>{full_month})\b(?![{DASHES}]\d)"),
        ("wd", rf"(?:(?P<wd_mod>{weekday_mod})\s+)?(?P<wd_n>{weekday})\b(?:['’]s\b)?"
               rf"(?:\s+(?P<wd_part>{day_part_after})\b)?"),
        ("dec", r"(?P<dec_y>(?:1[89]|20)\d0)['’]?s\b"),
        ("yr", rf"(?:(?P<yr_part>{year_part})[\s{DASHES}]+)?(?P<yr_y>{YEAR})(?![.,]\d)"),
    ]


def _relative_alternatives(v: Vocabulary) -> str:
    count = _insensitive(r"\d{1,3}|" + alternation(v.numbers))
    part = r"(?:\s+(?:morning|afternoon|evening|night))?"
    pieces = []
    for index, expression in enumerate(v.relative):
        fragment = expression.phrase.replace(" ", r"\s+").replace("{part}", part)
        fragment = fragment.replace("{n}", f"(?P<reln{index}>{count})")
        pieces.append(f"(?P<rel{index}>{_insensitive(fragment)})")
    return "|".join(pieces)


# Which shapes can contain each kind of anchor, longest first. A date's first anchor decides:
# "9 May" is found from "9", "May 9" from "May", "early Friday" from "Friday".
SHAPES_BY_ANCHOR = {
    "number": ["iso", "dash", "rdm", "dmy", "dec", "yr"],
    "month": ["rmd", "mdy", "my", "mo"],
    "weekday": ["wd"],
}


def _compile(alternatives: list[str]) -> re.Pattern[str]:
    return re.compile(r"(?<![\w'’])(?:" + "|".join(alternatives) + r")(?![\w])")


@functools.lru_cache(maxsize=1)
def shape_patterns() -> dict[str, re.Pattern[str]]:
    """For each anchor kind (number, month, weekday, relative), the grammar of dates holding one."""
    v = vocabulary()
    shapes = dict(_shapes(v))
    patterns = {
        anchor: _compile([f"(?P<{name}>{shapes[name]})" for name in names])
        for anchor, names in SHAPES_BY_ANCHOR.items()
    }
    patterns["relative"] = _compile([_relative_alternatives(v)])
    return patterns


@functools.lru_cache(maxsize=1)
def single_shape_patterns() -> dict[str, re.Pattern[str]]:
    """Each shape alone: tried in order when the combined grammar's first choice is rejected."""
    return {name: _compile([f"(?P<{name}>{body})"]) for name, body in _shapes(vocabulary())}


@functools.lru_cache(maxsize=1)
def suffix_qualifier_pattern() -> re.Pattern[str]:
    """A bracketed qualifier right after a date: 'Around 9 May 2020 (as reported)'."""
    v = vocabulary()
    return re.compile(r"\s*\((?P<q>" + _insensitive(alternation(v.suffix_qualifiers)) + r")\)")


@functools.lru_cache(maxsize=1)
def anchor_pattern() -> re.Pattern[str]:
    """The fast first pass: a number, a month or weekday name, or a relative anchor word.

    Every date shape contains one of these, so the grammar (slow: dozens of alternatives tried
    at each position) only runs at a few word starts before each hit. The group that matched
    (number, month, weekday, relative) picks the grammar.
    """
    v = vocabulary()
    months = alternation(v.months)
    weekdays = alternation(v.weekdays)
    words = alternation(v.anchor_words)
    # A character-class lookahead first lets the engine skip quickly over letters no anchor starts with.
    initials = set("0123456789") | {name[0] for name in list(v.months) + list(v.weekdays)}
    initials |= {case(word[0]) for word in v.anchor_words for case in (str.lower, str.upper)}
    first = "[" + "".join(sorted(initials)) + "]"
    return re.compile(
        rf"(?={first})(?:(?P<number>\d+)|\b(?:(?P<month>{months})|(?P<weekday>{weekdays})"
        rf"|(?P<relative>{_insensitive(words)}))\b)"
    )


# A date may begin this many characters (and at most this many words) before its first anchor:
# "in the past couple of days", "at the beginning of last month".
ANCHOR_LOOKBEHIND = 32
ANCHOR_LOOKBEHIND_WORDS = 6
