"""What a running server needs to know: its store, its write token and its limits."""
from __future__ import annotations

import secrets
from dataclasses import dataclass

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8765
DEFAULT_MAX_BODY = 2 * 1024 * 1024  # bytes; a batch of a few hundred articles


@dataclass
class ServeSettings:
    db: str = "sitrep.duckdb"
    # writes (reviews, ingest) need it; `sitrep serve` prints it or reads it from the config
    token: str = ""
    max_body: int = DEFAULT_MAX_BODY
    # an online tile layer (URL template); the page adds it only when a tile loads
    tiles: str = ""
    host: str = DEFAULT_HOST

    def __post_init__(self) -> None:
        if not self.token:
            self.token = new_token()


def new_token() -> str:
    return secrets.token_urlsafe(24)
