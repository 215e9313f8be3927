"""find_dates: every date expression in a text, resolved against the publication date.

Two passes: a cheap regex finds anchors (a number, a month or weekday name, "yesterday", "week",
"ago"...); the grammar for that anchor kind is then matched at the few word starts just before
each anchor. This keeps the cost near a fraction of a millisecond per article.
"""
from __future__ import annotations

import re
from datetime import date
from typing import Optional

from sitrep.dates.background import is_background
from sitrep.dates.grammar import (
    ANCHOR_LOOKBEHIND, ANCHOR_LOOKBEHIND_WORDS, SHAPES_BY_ANCHOR, anchor_pattern, shape_patterns,
    single_shape_patterns, suffix_qualifier_pattern,
)
from sitrep.dates.interpret import Context, Found, interpret, normalise
from sitrep.dates.vocab import vocabulary
from sitrep.records import DateMention


# --- after matching -------------------------------------------------------------------------

def _with_suffix_qualifier(item: Found, ctx: Context, limit: int) -> Found:
    """'Around 9 May 2020 (as reported)': the bracket joins the span and may lower precision."""
    match = suffix_qualifier_pattern().match(ctx.text, item.end, limit)
    if match and item.kind in ("day", "range"):
        item.end = match.end()
        item.precision = max(item.precision, ctx.vocab.suffix_qualifiers[normalise(match["q"])])
    return item


_APPOSITION = re.compile(r"\s*[,(]\s*")


def _merge_weekday_with_date(items: list[Found], text: str) -> list[Found]:
    """'on Sunday (10 May)', 'Friday, Oct. 20': one mention, dated by the written day."""
    merged: list[Found] = []
    for item in items:
        previous = merged[-1] if merged else None
        if previous is not None and _is_apposition(previous, item, text):
            written = item if item.kind == "day" else previous
            end = item.end + (1 if text[item.end:item.end + 1] == ")" else 0)
            merged[-1] = Found(previous.start, end, written.date, written.precision, "day",
                               explicit=True)
            continue
        merged.append(item)
    return merged


def _is_apposition(first: Found, second: Found, text: str) -> bool:
    kinds = {first.kind, second.kind}
    if kinds != {"weekday", "day"}:
        return False
    gap = _APPOSITION.fullmatch(text, first.end, second.start)
    return gap is not None


_WORD_START = re.compile(r"(?<![\w'’])[\w(]")


def _date_at_anchor(anchor: re.Match[str], ctx: Context, low: int, limit: int) -> Optional[Found]:
    """The date containing this anchor, trying the word starts just before it, earliest first.

    Matching is anchored at each start (`match`, not `search`), so the grammar runs at a handful
    of positions per anchor instead of every character of the text.
    """
    pattern = shape_patterns()[anchor.lastgroup or "number"]
    window_start = max(low, anchor.start() - ANCHOR_LOOKBEHIND)
    starts = [m.start() for m in _WORD_START.finditer(ctx.text, window_start, anchor.start())]
    for pos in starts[-ANCHOR_LOOKBEHIND_WORDS:] + [anchor.start()]:
        match = pattern.match(ctx.text, pos, limit)
        if match is None or match.end() <= anchor.start():
            continue
        item = interpret(match, ctx) or _later_shape_at(match, anchor, ctx, limit)
        if item is not None:
            return _with_suffix_qualifier(item, ctx, limit)
    return None


def _later_shape_at(rejected: re.Match[str], anchor: re.Match[str], ctx: Context,
                    limit: int) -> Optional[Found]:
    """The first shape after the rejected one that matches at the same place and is accepted.

    "on May 9 and 9th of May": the range "May 9 and 9" is rejected (no "between"); "May 9" stands.
    """
    order = SHAPES_BY_ANCHOR.get(anchor.lastgroup or "", [])
    if rejected.lastgroup not in order:
        return None
    singles = single_shape_patterns()
    for name in order[order.index(rejected.lastgroup) + 1:]:
        match = singles[name].match(ctx.text, rejected.start(), limit)
        if match is not None and match.end() > anchor.start():
            item = interpret(match, ctx)
            if item is not None:
                return item
    return None


def find_dates(text: str, published: Optional[date], start: int = 0,
               end: Optional[int] = None) -> list[DateMention]:
    """Every date expression in text[start:end], resolved against `published`.

    Offsets index into `text`. A mention's date is None when it cannot be resolved (a weekday
    or "yesterday" with no publication date). `background` marks a past event given as
    context ("areas it lost in 2014"); see background.py.
    """
    limit = len(text) if end is None else min(end, len(text))
    ctx = Context(text=text, published=published, vocab=vocabulary())
    items: list[Found] = []
    pos = start
    for anchor in anchor_pattern().finditer(text, start, limit):
        if anchor.end() <= pos:
            continue  # already inside an accepted date
        item = _date_at_anchor(anchor, ctx, pos, limit)
        if item is None:
            continue
        items.append(item)
        if item.precision == 1 and item.date is not None:
            ctx.previous_day = item.date
        pos = item.end
    items = _merge_weekday_with_date(items, text)
    return [_to_mention(item, ctx) for item in items]


def _to_mention(item: Found, ctx: Context) -> DateMention:
    return DateMention(
        text=ctx.text[item.start:item.end], start=item.start, end=item.end, date=item.date,
        precision=item.precision, background=is_background(item, ctx.text, ctx.published, ctx.vocab),
    )
