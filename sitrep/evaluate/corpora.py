"""Readers for the evaluation corpora in ../shared (never copied into the project)."""
from __future__ import annotations

from pathlib import Path
from typing import Iterator, Optional

from lxml import etree

from sitrep.records import Article


def shared_dir() -> Optional[Path]:
    """../shared beside the checkout or the working folder, or $SITREP_SHARED."""
    import os

    candidates = [os.environ.get("SITREP_SHARED", "")]
    here = Path(__file__).resolve()
    candidates += [str(here.parents[2].parent / "shared"), str(Path.cwd().parent / "shared"), str(Path.cwd() / "shared")]
    for candidate in candidates:
        if candidate and (Path(candidate) / "data").is_dir():
            return Path(candidate)
    return None


def tr_news_articles(path: Path) -> Iterator[Article]:
    """TR-News: <article docid> with <title>, <url>, <dltime> (download date) and <text>."""
    from sitrep.ingest import parse_published

    for element in etree.parse(str(path)).getroot().iter("article"):
        text = element.findtext("text") or ""
        if not text.strip():
            continue
        dltime = (element.findtext("dltime") or "").strip()
        try:
            published = parse_published(dltime) if dltime else None
        except ValueError:
            published = None
        yield Article(
            text=text, id=f"trnews-{element.get('docid')}", title=(element.findtext("title") or "").strip(),
            url=(element.findtext("url") or "").strip(), source=(element.findtext("domain") or "").strip(),
            published=published,
        )
