"""RSS and Atom feeds: one article per entry.

An entry's text is its full content when the feed carries it, else its summary, with the HTML
stripped. Entry links are not fetched: a feed of summaries gives articles of summaries. The date
is the entry's own (published, else updated), read from the raw string so that it keeps the
publisher's calendar day; the source is the feed's title.
"""
from __future__ import annotations

import io
from datetime import date
from typing import Any, Iterator

import feedparser

from sitrep.ingest.cleaning import html_fragment_to_text
from sitrep.ingest.common import Defaults, Origin, pick_published, pick_source
from sitrep.ingest.decoding import InputError
from sitrep.ingest.published import parse_published
from sitrep.records import Article, Problem


def read_feed(data: bytes, origin: Origin, defaults: Defaults) -> Iterator[Article | Problem]:
    # A stream, never bytes or str: feedparser would take those for a file name or URL to open.
    parsed = feedparser.parse(io.BytesIO(data), sanitize_html=False, resolve_relative_uris=False)
    if not parsed.get("version") and not parsed.entries:
        reason = parsed.get("bozo_exception") or "no RSS or Atom root element"
        raise InputError(f"not an RSS or Atom feed ({_one_line(reason)})")
    if not parsed.entries:
        raise InputError("feed has no entries")
    feed_title = (parsed.feed.get("title") or "").strip()
    feed_link = parsed.feed.get("link") or origin.url
    for number, entry in enumerate(parsed.entries, start=1):
        label = entry.get("link") or f"{origin.label}: entry {number}"
        text = _entry_text(entry)
        if not text:
            yield Problem(label, "feed entry has no text")
            continue
        link = entry.get("link") or ""
        yield Article(
            text=text,
            title=html_fragment_to_text(entry.get("title") or ""),
            published=pick_published(_entry_date(entry), link, defaults),
            url=link,
            source=pick_source(_entry_source(entry), feed_title, defaults, link or feed_link, origin.stem),
            origin=label,
        )


def _entry_text(entry: Any) -> str:
    contents = [part.get("value", "") for part in entry.get("content") or []]
    for candidate in contents + [entry.get("summary") or ""]:
        text = html_fragment_to_text(candidate)
        if text:
            return text
    return ""


def _entry_date(entry: Any) -> date | None:
    for key in ("published", "updated", "created"):
        raw = entry.get(key)
        if raw:
            try:
                return parse_published(raw)
            except ValueError:
                pass
        parsed = entry.get(f"{key}_parsed")  # feedparser's UTC reading of odd formats
        if parsed:
            return date(parsed.tm_year, parsed.tm_mon, parsed.tm_mday)
    return None


def _entry_source(entry: Any) -> str:
    # Aggregator feeds name the original publisher per entry (<source> in RSS, Atom).
    source = entry.get("source") or {}
    return (source.get("title") or "").strip() if isinstance(source, dict) else ""


def _one_line(value: object) -> str:
    return " ".join(str(value).split())
