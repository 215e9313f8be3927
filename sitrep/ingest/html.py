"""HTML pages: the article body through trafilatura (navigation, captions, bylines, link lists and
comments removed), title, site name, URL and date from the page's metadata.

Dates: htmldate's extensive search (which reads dates out of body text, copyright lines and the
like) is switched off; only declared metadata and the URL count, so a page without a date gets
none rather than a plausible-looking guess.
"""
from __future__ import annotations

import logging
from datetime import date
from typing import Iterator

import trafilatura

from sitrep.ingest.cleaning import clean_extracted_text
from sitrep.ingest.common import Defaults, Origin, pick_published, pick_source
from sitrep.ingest.decoding import InputError
from sitrep.ingest.published import parse_published
from sitrep.records import Article

# trafilatura and htmldate log every page they discard at WARNING; sitrep reports a Problem.
for _name in ("trafilatura", "htmldate"):
    logging.getLogger(_name).setLevel(logging.ERROR)

# Fewer words than this is page furniture that survived extraction ("Home", "Log in"), not a story.
MIN_ARTICLE_WORDS = 10

_EXTRACTION = dict(
    include_comments=False,
    include_tables=False,
    include_images=False,
    include_links=False,
    with_metadata=True,
)


def _date_params() -> dict:
    # No extensive search: no dates mined from text; original (not "updated") dates preferred.
    return {"extensive_search": False, "original_date": True, "max_date": date.today().isoformat()}


def read_html(data: bytes, origin: Origin, defaults: Defaults) -> Iterator[Article]:
    document = trafilatura.bare_extraction(
        data, url=origin.url or None, date_extraction_params=_date_params(), **_EXTRACTION
    )
    text = clean_extracted_text(document.text or "") if document is not None else ""
    if len(text.split()) < MIN_ARTICLE_WORDS:
        raise InputError("no article text found in HTML")
    url = origin.url or (document.url or "")
    yield Article(
        text=text,
        title=(document.title or "").strip(),
        published=pick_published(_metadata_date(document.date), url, defaults),
        url=url,
        source=pick_source("", document.sitename or "", defaults, url, origin.stem),
        origin=origin.label,
    )


def _metadata_date(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return parse_published(value)
    except ValueError:
        return None
