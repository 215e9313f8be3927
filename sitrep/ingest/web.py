"""Fetching http(s) URLs: one GET with a 20 s timeout and the same 10 MB limit as files."""
from __future__ import annotations

import socket
import urllib.error
import urllib.request
from dataclasses import dataclass

from sitrep.ingest.decoding import MAX_BYTES, InputError, size_limit_reason

TIMEOUT_SECONDS = 20
USER_AGENT = "sitrep/0.1 (+conflict event extraction)"
ACCEPT = "text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,application/xml;q=0.9,*/*;q=0.8"


@dataclass(frozen=True)
class Fetched:
    url: str  # after redirects
    content_type: str
    data: bytes


def is_url(value: str) -> bool:
    return value.lower().startswith(("http://", "https://"))


def fetch(url: str, timeout: float = TIMEOUT_SECONDS) -> Fetched:
    """The body of a URL; InputError with a short reason ("HTTP 404", "connection refused")."""
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT, "Accept": ACCEPT})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            data = response.read(MAX_BYTES + 1)
            if len(data) > MAX_BYTES:
                raise InputError(size_limit_reason())
            return Fetched(response.geturl(), response.headers.get("Content-Type", ""), data)
    except urllib.error.HTTPError as error:
        raise InputError(f"HTTP {error.code}") from None
    except urllib.error.URLError as error:
        raise InputError(_network_reason(error.reason, timeout)) from None
    except (socket.timeout, TimeoutError):
        raise InputError(f"timed out after {timeout:g} s") from None
    except (ConnectionError, OSError) as error:
        raise InputError(_network_reason(error, timeout)) from None
    except ValueError as error:  # malformed URL
        raise InputError(f"invalid URL ({error})") from None


def _network_reason(reason: object, timeout: float) -> str:
    if isinstance(reason, ConnectionRefusedError):
        return "connection refused"
    if isinstance(reason, (socket.timeout, TimeoutError)):
        return f"timed out after {timeout:g} s"
    if isinstance(reason, socket.gaierror):
        return "host not found"
    return " ".join(str(getattr(reason, "strerror", None) or reason).split()) or "network error"
