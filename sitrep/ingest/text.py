"""Plain-text articles (.txt, .text, .md): the text is the whole file, exactly as written, so that
character offsets index the file. The title is a headline on the first line, when there is one."""
from __future__ import annotations

from typing import Iterator

from sitrep.ingest.cleaning import title_from_text
from sitrep.ingest.common import Defaults, Origin, pick_published, pick_source
from sitrep.ingest.decoding import decode_text
from sitrep.records import Article


def read_text(data: bytes, origin: Origin, defaults: Defaults) -> Iterator[Article]:
    text = decode_text(data)
    yield Article(
        text=text,
        title=title_from_text(text),
        published=pick_published(None, origin.url, defaults),
        url=origin.url,
        source=pick_source("", "", defaults, origin.url, origin.stem),
        origin=origin.label,
    )
