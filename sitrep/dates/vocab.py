"""The date vocabularies (data/*.json), loaded once and shaped for the grammar and the resolver."""
from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass
from importlib import resources
from typing import Any


def _read(name: str) -> dict[str, Any]:
    folder = resources.files("sitrep.dates") / "data"
    return json.loads((folder / name).read_text(encoding="utf-8"))


def _without_comments(mapping: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in mapping.items() if not key.startswith("_")}


def phrase_regex(phrase: str) -> str:
    """A vocabulary phrase as a regex fragment: a space matches any run of whitespace."""
    return r"\s+".join(re.escape(word) for word in phrase.split())


def alternation(phrases: list[str] | dict[str, Any], escape: bool = True) -> str:
    """Longest phrases first, so 'early on' wins over 'early' at the same position."""
    ordered = sorted(phrases, key=len, reverse=True)
    return "|".join(phrase_regex(p) if escape else p for p in ordered)


def whole_word(phrase: str) -> str:
    """The phrase as a regex that matches whole words only (a phrase may begin with an apostrophe)."""
    before = r"(?<![\w'’])" if phrase[:1].isalnum() else ""
    after = r"(?![\w'’])" if phrase[-1:].isalnum() else ""
    return before + phrase_regex(phrase) + after


def cue_regex(phrases: list[str]) -> re.Pattern[str]:
    """Whole-word, case-insensitive search for any of the phrases."""
    ordered = sorted(phrases, key=len, reverse=True)
    return re.compile("|".join(whole_word(p) for p in ordered), re.IGNORECASE)


@dataclass(frozen=True)
class RelativeExpression:
    phrase: str
    unit: str  # day | week | weekend | month | year
    step: int
    precision: int
    count: int = 1
    anchor: str = "published"  # or "previous": the last day-precise date before it
    background: bool = False


@dataclass(frozen=True)
class Vocabulary:
    months: dict[str, int]  # every spelling, full and abbreviated
    full_months: dict[str, int]
    weekdays: dict[str, int]
    weekday_directions: dict[str, int]
    day_part_before: list[str]
    day_part_after: list[str]
    named_day_words: frozenset[str]
    numbers: dict[str, int]
    relative: list[RelativeExpression]
    anchor_words: list[str]
    prefix_qualifiers: dict[str, int]
    suffix_qualifiers: dict[str, int]
    month_parts: dict[str, int]
    year_parts: dict[str, int]
    background_cues: re.Pattern[str]
    future_cues: re.Pattern[str]
    year_context: frozenset[str]
    count_nouns: frozenset[str]
    abbreviations: frozenset[str]
    settings: dict[str, int]


def _relative_expressions(raw: dict[str, Any]) -> list[RelativeExpression]:
    return [RelativeExpression(**entry) for entry in raw["expressions"]]


@functools.lru_cache(maxsize=1)
def vocabulary() -> Vocabulary:
    months = _read("months.json")
    weekdays = _read("weekdays.json")
    qualifiers = _read("qualifiers.json")
    cues = _read("cues.json")
    relative = _read("relative.json")
    return Vocabulary(
        months={**months["full"], **months["abbreviated"]},
        full_months=dict(months["full"]),
        weekdays=dict(weekdays["names"]),
        weekday_directions=dict(weekdays["direction_modifiers"]),
        day_part_before=list(weekdays["day_part_before"]),
        day_part_after=list(weekdays["day_part_after"]),
        named_day_words=frozenset(w.lower() for w in weekdays["named_day_words"]),
        numbers=dict(_read("numbers.json")["words"]),
        relative=_relative_expressions(relative),
        anchor_words=list(relative["anchor_words"]),
        prefix_qualifiers=_without_comments(qualifiers["prefix"]),
        suffix_qualifiers=_without_comments(qualifiers["suffix"]),
        month_parts=_without_comments(qualifiers["month_part"]),
        year_parts=_without_comments(qualifiers["year_part"]),
        background_cues=cue_regex(cues["background"]),
        future_cues=cue_regex(cues["future"]),
        year_context=frozenset(w.lower() for w in cues["year_context"]),
        count_nouns=frozenset(w.lower() for w in cues["count_nouns"]),
        abbreviations=frozenset(cues["sentence_abbreviations"]),
        settings=_without_comments(_read("settings.json")),
    )
