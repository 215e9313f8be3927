"""Country cues: words that are not place names yet nearly always come from one country's news
('Houthi', 'payam', 'LGA', 'Peshmerga'). They tilt an article's focus the way a named country
does, so that 'Al Jawf' in a report of Saudi-led air strikes on the Houthis is Yemen's.

The table is learned from ACLED's train notes by `sitrep train` (data/learned_country_cues.tsv);
``$SITREP_LEARNED_COUNTRY_CUES`` names another file (one learned without the dev part, say), and
an empty value switches the cues off.
"""
from __future__ import annotations

import functools
import os
import re
from importlib import resources

CUES_FILE = "learned_country_cues.tsv"
ENV_LEARNED_CUES = "SITREP_LEARNED_COUNTRY_CUES"

_WORD = re.compile(r"[^\W\d_]{3,}")  # a run of three or more letters, in any script


def cue_words(text: str) -> set[str]:
    """The words of a text as the cue table keys them: lower-cased runs of letters."""
    return {word.lower() for word in _WORD.findall(text)}


def written_words(text: str) -> list[str]:
    """The runs of letters of a text as written (cue_words lower-cases them)."""
    return _WORD.findall(text)


def country_cue_weights(text: str) -> dict[str, float]:
    """Per country code, the summed share of the text's cue words that point to it."""
    weights: dict[str, float] = {}
    cues = _cue_table(_cue_file())
    for word in cue_words(text) & cues.keys():
        country, share = cues[word]
        weights[country] = weights.get(country, 0.0) + share
    return weights


def _cue_file() -> str:
    default = str(resources.files("sitrep.geo") / "data" / CUES_FILE)
    return os.environ.get(ENV_LEARNED_CUES, default)


@functools.lru_cache(maxsize=4)
def _cue_table(path: str) -> dict[str, tuple[str, float]]:
    """word -> (country code, share of the train notes with the word that are from there)."""
    if not path or not os.path.isfile(path):
        return {}
    table: dict[str, tuple[str, float]] = {}
    with open(path, encoding="utf-8") as lines:
        for line in lines:
            if line.startswith("#") or not line.strip():
                continue
            word, country, share = line.rstrip("\n").split("\t")[:3]
            table[word] = (country, float(share))
    return table
