"""Ingest: turn files, folders, standard input and URLs into ``Article`` records.

Each input yields ``Article`` objects, or a ``Problem(item, reason)`` for anything that cannot
be read; the run goes on with the other inputs (and the other lines of a JSON-lines or CSV file).

Inputs
    a file      by extension: .txt/.text/.md plain text, .html/.htm HTML, .jsonl/.ndjson JSON
                lines, .json (an article object or a list of them), .csv, .xml/.rss/.atom feeds;
                any other name is sniffed from its first bytes.
    a folder    recursively, in sorted order; hidden files and folders are skipped, and so are
                files whose extension is not one of the above (files without one are sniffed).
    ``-``       standard input, sniffed: JSON lines (streamed), a feed, HTML, or plain text.
    a URL       http(s), fetched with a 20 s timeout; a feed is expanded into its entries, an
                HTML page is one article, text and JSON lines are read as such.

Decisions
    * Plain text is kept exactly as read, so offsets index the file; the headline on its first
      line becomes the title and stays in the text. Trailing furniture ("Read more:", "Comments
      are closed.", "X contributed to this report.") is not deleted: ``footer_start(text)``
      gives the offset where it begins, and later stages ignore what follows. Text sitrep
      extracts itself (HTML, feeds) has that furniture removed outright.
    * Publication date: the item's own (JSON/CSV field, feed entry, HTML metadata), else a date
      in its URL path, else the ``published`` argument, else None. Never guessed: htmldate's
      extensive search (dates mined from page text) is off.
    * A row whose ``published`` cannot be parsed is a Problem ("unparseable published date
      'xyz'") and is skipped: a wrong date would misdate every event in it, so it must be fixed.
    * Text is strict UTF-8 (a BOM, or UTF-16 with a BOM, is accepted); other bytes are a Problem
      ("invalid UTF-8 at byte N") rather than silently replaced. HTML is the exception: pages
      declare their own encodings, and trafilatura honours them.
    * Size: ``MAX_BYTES`` (10 MB) per document (file, URL body, JSON line, CSV row). JSON-lines
      and CSV files are streamed, so a large corpus in one file is fine.
    * Source: the item's own, else its container's name (feed title, site name), else
      ``default_source``, else the URL's host, else the file name without extension.
    * Id: the item's own, else a hash of the text (``Article`` computes it). Feed entries use
      the hash too: guids are only unique within one feed.
"""
from __future__ import annotations

from datetime import date
from os import PathLike
from typing import Iterable, Iterator

from sitrep.ingest.cleaning import body_text, clean_extracted_text, footer_start, title_from_text
from sitrep.ingest.common import Defaults
from sitrep.ingest.decoding import MAX_BYTES
from sitrep.ingest.published import date_in_url, parse_published
from sitrep.ingest.sources import read_input
from sitrep.records import Article, Problem

__all__ = [
    "MAX_BYTES", "read_inputs", "parse_published", "date_in_url", "footer_start", "body_text",
    "title_from_text", "clean_extracted_text",
]


def read_inputs(
    inputs: Iterable[str], published: date | None = None, default_source: str = ""
) -> Iterator[Article | Problem]:
    """Articles from every input in turn, with a Problem for each item that cannot be read.

    ``published`` is the date for items that carry none of their own (the CLI's --published);
    ``default_source`` names the source of items that do not name one.
    """
    if isinstance(inputs, (str, PathLike)):  # one input given bare, not in a list
        inputs = [inputs]
    defaults = Defaults(published=published, source=default_source)
    for item in inputs:
        yield from read_input(str(item), defaults)
