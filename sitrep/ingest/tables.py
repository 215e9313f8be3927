"""Articles as rows: JSON lines, a JSON array, or CSV with columns id,title,text,published,url,source.

Only ``text`` is required. A bad row is a Problem for that row and the others go on. A row whose
``published`` cannot be parsed is a Problem too (reason "unparseable published date 'xyz'"): a
wrong date would silently misdate every event in the article, so the user is asked to fix it.
JSON-lines and CSV files are streamed, so the 10 MB limit applies to each line or row, not to
the whole file.
"""
from __future__ import annotations

import csv
import io
import json
from typing import Any, Iterable, Iterator

from sitrep.ingest.cleaning import title_from_text
from sitrep.ingest.common import Defaults, Origin, pick_published, pick_source
from sitrep.ingest.decoding import MAX_BYTES, InputError, check_size, decode_text, size_limit_reason
from sitrep.ingest.published import parse_published
from sitrep.records import Article, Problem

FIELDS = ("id", "title", "text", "published", "url", "source")


def article_from_row(row: Any, origin: Origin, label: str, defaults: Defaults) -> Article:
    """One article from a mapping with the article fields; InputError says what is wrong."""
    if not isinstance(row, dict):
        raise InputError(f"not a JSON object but {type(row).__name__}")
    text = row.get("text")
    if not isinstance(text, str) or not text.strip():
        raise InputError('no "text" field' if text is None else '"text" is empty or not a string')
    values = {name: _scalar(row, name) for name in ("id", "title", "url", "source")}
    own_date = None
    raw_date = row.get("published")
    if raw_date not in (None, ""):
        try:
            own_date = parse_published(raw_date)
        except ValueError:
            raise InputError(f"unparseable published date {str(raw_date)!r}") from None
    url = values["url"]
    return Article(
        text=text,
        id=values["id"],
        title=values["title"] or title_from_text(text),
        published=pick_published(own_date, url, defaults),
        url=url,
        source=pick_source(values["source"], "", defaults, url, origin.stem),
        origin=label,
    )


def _scalar(row: dict, name: str) -> str:
    value = row.get(name)
    if value is None:
        return ""
    if isinstance(value, (dict, list)):
        raise InputError(f'"{name}" must be a string, not {type(value).__name__}')
    return str(value).strip()


def _row_or_problem(row: Any, origin: Origin, number: int, defaults: Defaults) -> Article | Problem:
    try:
        return article_from_row(row, origin, origin.line(number), defaults)
    except InputError as error:
        return Problem(f"{origin.label}:line {number}", str(error))


def read_jsonl(lines: Iterable[bytes], origin: Origin, defaults: Defaults) -> Iterator[Article | Problem]:
    """One article per line; blank lines are skipped, each broken line is its own Problem."""
    offset = 0
    for number, raw in enumerate(lines, start=1):
        line_offset, offset = offset, offset + len(raw)
        if not raw.strip():
            continue
        try:
            check_size(len(raw))
            row = json.loads(decode_text(raw, line_offset))
        except InputError as error:
            yield Problem(f"{origin.label}:line {number}", str(error))
            continue
        except json.JSONDecodeError as error:
            yield Problem(f"{origin.label}:line {number}", f"not valid JSON ({error.msg} at column {error.colno})")
            continue
        yield _row_or_problem(row, origin, number, defaults)


def read_json(data: bytes, origin: Origin, defaults: Defaults) -> Iterator[Article | Problem]:
    """A JSON array of article objects, or a single object."""
    try:
        document = json.loads(decode_text(data))
    except json.JSONDecodeError as error:
        raise InputError(f"not valid JSON ({error.msg} at line {error.lineno} column {error.colno})") from None
    if isinstance(document, dict):
        yield _row_or_problem(document, origin, 1, defaults)
        return
    if not isinstance(document, list):
        raise InputError("JSON is neither an article object nor a list of them")
    for number, row in enumerate(document, start=1):
        try:
            yield article_from_row(row, origin, f"{origin.label}[{number}]", defaults)
        except InputError as error:
            yield Problem(f"{origin.label}: item {number}", str(error))


def read_csv(stream: io.BufferedIOBase, origin: Origin, defaults: Defaults) -> Iterator[Article | Problem]:
    """CSV with a header row; column names are matched without regard to case or spaces."""
    text = io.TextIOWrapper(stream, encoding="utf-8-sig", errors="strict", newline="")
    csv.field_size_limit(MAX_BYTES)
    reader = csv.reader(text)
    try:
        header = [name.strip().lower() for name in next(reader, [])]
        if "text" not in header:
            raise InputError('CSV has no "text" column')
        start = reader.line_num + 1
        for cells in reader:
            if any(cell.strip() for cell in cells):
                row = {name: cell for name, cell in zip(header, cells) if name in FIELDS}
                yield _row_or_problem(row, origin, start, defaults)
            start = reader.line_num + 1
    except UnicodeDecodeError as error:
        raise InputError(f"invalid UTF-8 near line {reader.line_num + 1} ({error.reason})") from None
    except csv.Error as error:
        reason = size_limit_reason() if "field limit" in str(error) else f"malformed CSV: {error}"
        raise InputError(f"{reason} at line {reader.line_num}") from None
