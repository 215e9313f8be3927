"""What every reader shares: where an item came from, the run's defaults, and the rules that pick
an article's source and publication date from what the item offers."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from urllib.parse import urlsplit

from sitrep.ingest.published import date_in_url


@dataclass(frozen=True)
class Defaults:
    """Values from the command line for items that carry none of their own."""
    published: date | None = None
    source: str = ""


@dataclass(frozen=True)
class Origin:
    """Where a document came from: a label for messages, a file stem, and a URL when fetched."""
    label: str
    stem: str = ""
    url: str = ""

    def line(self, number: int) -> str:
        return f"{self.label}:{number}"


def url_host(url: str) -> str:
    if not url or "://" not in url:
        return ""
    host = (urlsplit(url).hostname or "").lower()
    return host[4:] if host.startswith("www.") else host


def pick_source(own: str, found: str, defaults: Defaults, url: str, stem: str) -> str:
    """The item's own source, else what its container names (feed title, site name), else the
    run's default, else the URL's host, else the file name."""
    return (own or found or defaults.source or url_host(url) or stem).strip()


def pick_published(own: date | None, url: str, defaults: Defaults) -> date | None:
    """The item's own date, else a date in its URL path, else the run's default. Never a guess."""
    return own or date_in_url(url) or defaults.published
