"""The events stage's data files, loaded once."""
from __future__ import annotations

import functools
import json
import re
from importlib import resources


def _data_lines(name: str) -> list[dict]:
    text = (resources.files("sitrep.events") / "data" / name).read_text(encoding="utf-8")
    return [json.loads(line) for line in text.splitlines() if line.strip() and not line.startswith("//")]


@functools.lru_cache(maxsize=1)
def vocab() -> dict:
    text = (resources.files("sitrep.events") / "data" / "vocab.json").read_text(encoding="utf-8")
    data = json.loads(text)
    for key, value in list(data.items()):
        if key.endswith("_patterns"):
            data[key] = [re.compile(pattern, re.IGNORECASE) for pattern in value]
        elif isinstance(value, list):
            data[key] = frozenset(value)
    return data


def is_habitual(text: str) -> bool:
    """A sentence about a trend or a long past ('have fought for 15 years'), not one event."""
    words = vocab()
    return contains_cue(text.lower(), words["habitual_cues"]) is not None or any(p.search(text) for p in words["habitual_patterns"])


@functools.lru_cache(maxsize=1)
def triggers() -> list[dict]:
    return _data_lines("triggers.jsonl")


@functools.lru_cache(maxsize=1)
def named_actors() -> list[dict]:
    return _data_lines("actors.jsonl")


def contains_cue(text_lower: str, cues) -> str | None:
    """The first cue phrase found in text on word boundaries, or None."""
    for cue in cues:
        if cue in text_lower and _cue_pattern(cue).search(text_lower):
            return cue
    return None


@functools.lru_cache(maxsize=4096)
def _cue_pattern(cue: str) -> "re.Pattern[str]":
    # the cue as whole words, also in the plural and before any punctuation ('82mm mortars,')
    return re.compile(rf"(?<![\w-]){re.escape(cue)}s?(?![\w-])")
