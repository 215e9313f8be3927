"""Settings that repeat between runs, read from a TOML file.

Looked up in order: the file named by $SITREP_CONFIG, ./sitrep.toml, ~/.config/sitrep/config.toml.
Top-level keys apply to every command that has that option; a [command] table applies to one:

    db = "conflict.duckdb"
    source = "Field reports"

    [extract]
    format = "csv"

    [export]
    format = "geojson"
"""
from __future__ import annotations

import os
import tomllib
from pathlib import Path
from typing import Any, Optional

COMMANDS = ("extract", "geoparse", "ingest", "export", "demo", "bench")


def config_path() -> Optional[Path]:
    named = os.environ.get("SITREP_CONFIG")
    if named:
        return Path(named)
    for candidate in (Path("sitrep.toml"), Path.home() / ".config" / "sitrep" / "config.toml"):
        if candidate.is_file():
            return candidate
    return None


def load_config(path: Optional[Path] = None) -> dict[str, Any]:
    path = path or config_path()
    if path is None:
        return {}
    with open(path, "rb") as handle:
        return tomllib.load(handle)


def default_map(config: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """click's default_map: per-command option defaults from the shared keys and each table."""
    shared = {k: v for k, v in config.items() if not isinstance(v, dict)}
    return {command: {**shared, **config.get(command, {})} for command in COMMANDS}
