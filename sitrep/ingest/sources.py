"""Turning each input the user names (file, folder, "-", URL) into documents for the readers."""
from __future__ import annotations

import io
import logging
import os
import stat
import sys
from pathlib import Path
from typing import Callable, Iterable, Iterator

from sitrep.ingest.common import Defaults, Origin
from sitrep.ingest.decoding import (
    MAX_BYTES, SNIFF_BYTES, InputError, check_content, check_not_binary, check_size, size_limit_reason,
)
from sitrep.ingest.feeds import read_feed
from sitrep.ingest.html import read_html
from sitrep.ingest.sniff import CSV, EXTENSION_KINDS, FEED, HTML, JSON, JSONL, TEXT, kind_from_bytes, kind_from_content_type
from sitrep.ingest.tables import read_csv, read_json, read_jsonl
from sitrep.ingest.text import read_text
from sitrep.ingest.web import fetch, is_url
from sitrep.records import Article, Problem

LOG = logging.getLogger(__name__)

STDIN = "-"
STDIN_LABEL = "<stdin>"
Item = Article | Problem

# Readers of a whole document held in memory; JSON lines and CSV are streamed instead.
_DOCUMENT_READERS: dict[str, Callable[[bytes, Origin, Defaults], Iterator[Item]]] = {
    TEXT: read_text, HTML: read_html, JSON: read_json, FEED: read_feed,
}


def read_input(item: str, defaults: Defaults) -> Iterator[Item]:
    """Every article in one input, and a Problem for each part that cannot be read."""
    if item == STDIN:
        yield from guarded(read_stdin(defaults), STDIN_LABEL)
    elif is_url(item):
        yield from guarded(read_url(item, defaults), item)
    elif Path(item).is_dir():
        yield from read_folder(Path(item), defaults)
    else:
        yield from guarded(read_file(Path(item), defaults), item)


def guarded(items: Iterator[Item], label: str) -> Iterator[Item]:
    """Pass a reader's items on; a failure of the whole input becomes one Problem, not a crash."""
    try:
        yield from items
    except InputError as error:
        yield Problem(label, str(error))
    except Exception as error:  # a bug or a library failure on one input must not end the run
        LOG.warning("unexpected error reading %s", label, exc_info=True)
        yield Problem(label, f"could not be read ({type(error).__name__}: {error})")


def read_folder(folder: Path, defaults: Defaults) -> Iterator[Item]:
    """Files under a folder, recursively and in sorted order. Hidden files and folders are
    skipped, and so are files whose extension is not an article format (images, PDFs, code):
    a folder of articles often holds other things. Files without an extension are sniffed."""
    files = list(article_files(folder))
    if not files:
        yield Problem(str(folder), "no article files in folder")
    for path in files:
        yield from guarded(read_file(path, defaults), str(path))


def article_files(folder: Path) -> Iterator[Path]:
    for root, dirs, names in os.walk(folder):
        dirs[:] = sorted(name for name in dirs if not name.startswith("."))
        for name in sorted(names):
            suffix = os.path.splitext(name)[1].lower()
            if not name.startswith(".") and (suffix in EXTENSION_KINDS or not suffix):
                yield Path(root) / name


def read_file(path: Path, defaults: Defaults) -> Iterator[Item]:
    info = _stat(path)
    origin = Origin(label=str(path), stem=path.stem)
    kind = EXTENSION_KINDS.get(path.suffix.lower())
    if kind in (JSONL, CSV):
        yield from _read_streamed(path, info.st_size, kind, origin, defaults)
        return
    check_size(info.st_size)
    data = _read_bytes(path)
    check_content(data)
    yield from read_document(kind or kind_from_bytes(data), data, origin, defaults)


def _stat(path: Path) -> os.stat_result:
    try:
        info = path.stat()
    except FileNotFoundError:
        raise InputError("no such file") from None
    except PermissionError:
        raise InputError("permission denied") from None
    except OSError as error:
        raise InputError(error.strerror or str(error)) from None
    if not stat.S_ISREG(info.st_mode):
        raise InputError("not a regular file")
    return info


def _read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except PermissionError:
        raise InputError("permission denied") from None
    except OSError as error:
        raise InputError(error.strerror or str(error)) from None


def _read_streamed(path: Path, size: int, kind: str, origin: Origin, defaults: Defaults) -> Iterator[Item]:
    try:
        stream = path.open("rb")
    except OSError as error:
        raise InputError(error.strerror or str(error)) from None
    with stream:
        head = stream.read(SNIFF_BYTES)
        if not head.strip() and size <= SNIFF_BYTES:
            raise InputError("empty file")
        check_not_binary(head)
        stream.seek(0)
        if kind == CSV:
            yield from read_csv(stream, origin, defaults)
        else:
            yield from read_jsonl(stream, origin, defaults)


def read_document(kind: str, data: bytes, origin: Origin, defaults: Defaults) -> Iterator[Item]:
    """The articles in a document already in memory."""
    if kind == JSONL:
        return read_jsonl(_split_lines(data), origin, defaults)
    if kind == CSV:
        return read_csv(io.BytesIO(data), origin, defaults)
    return _DOCUMENT_READERS[kind](data, origin, defaults)


def _split_lines(data: bytes) -> list[bytes]:
    """Lines with their "\\n" kept, split as iterating a binary file splits them."""
    *complete, last = data.split(b"\n")
    return [part + b"\n" for part in complete] + ([last] if last else [])


def read_stdin(defaults: Defaults) -> Iterator[Item]:
    """Standard input, sniffed: JSON lines are streamed; a feed, HTML or plain text is read whole."""
    stream = getattr(sys.stdin, "buffer", None)
    if stream is None:  # a replaced sys.stdin without bytes underneath
        stream = io.BytesIO(sys.stdin.read().encode("utf-8"))
    head = stream.read(SNIFF_BYTES)
    origin = Origin(label=STDIN_LABEL)
    if not head.strip():
        raise InputError("empty input")
    check_not_binary(head)
    kind = kind_from_bytes(head)
    if kind == JSONL:
        yield from read_jsonl(_stream_lines(head, stream), origin, defaults)
        return
    data = head + stream.read(MAX_BYTES + 1 - len(head))
    if len(data) > MAX_BYTES:
        raise InputError(size_limit_reason())
    check_content(data)
    yield from read_document(kind, data, origin, defaults)


def _stream_lines(head: bytes, rest: Iterable[bytes]) -> Iterator[bytes]:
    """Lines of a stream whose first bytes were already read: ``head`` may end inside a line."""
    *complete, carry = head.split(b"\n")
    for part in complete:
        yield part + b"\n"
    for line in rest:
        if carry:
            line, carry = carry + line, b""
        yield line
    if carry:
        yield carry


def read_url(url: str, defaults: Defaults) -> Iterator[Item]:
    """A fetched page (one article), feed (its entries), or text or JSON-lines body."""
    fetched = fetch(url)
    check_content(fetched.data)
    kind = kind_from_content_type(fetched.content_type, fetched.data)
    origin = Origin(label=url, url=fetched.url)
    yield from read_document(kind, fetched.data, origin, defaults)
