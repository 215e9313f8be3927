"""Country cues: words that are not place names yet nearly always come from one country's news
('Houthi', 'LGA', 'Peshmerga'). They tilt an article's focus the way a named country does, so
that 'Al Jawf' in a report of Houthi shelling is Yemen's. Where a cue's reports also keep to a
few provinces ('OSCE' in Ukraine: Donetsk and Luhansk), the cue favours namesakes there, so that
'explosions near Lozove' in an OSCE report is the Lozove in Donetsk, not the one in Crimea.

The table is learned from ACLED's train notes by `sitrep train` (data/learned_country_cues.tsv);
``$SITREP_LEARNED_COUNTRY_CUES`` names another file (one learned without the dev part, say), and
an empty value switches the learned cues off. Beside them, words for a kind of area that only
one country's administration uses ('upazila', 'woreda') are cues of full weight, kept as data
(data/area_word_countries.tsv).
"""
from __future__ import annotations

import functools
import os
import re
from importlib import resources
from typing import Optional

CUES_FILE = "learned_country_cues.tsv"
AREA_WORDS_FILE = "area_word_countries.tsv"
ENV_LEARNED_CUES = "SITREP_LEARNED_COUNTRY_CUES"

_WORD = re.compile(r"[^\W\d_]{3,}")  # a run of three or more letters, in any script


def cue_words(text: str) -> set[str]:
    """The words of a text as the cue table keys them: lower-cased runs of letters."""
    return {word.lower() for word in _WORD.findall(text)}


def written_words(text: str) -> list[str]:
    """The runs of letters of a text as written (cue_words lower-cases them)."""
    return _WORD.findall(text)


def cue_weights(text: str) -> tuple[dict[str, float], dict[tuple[str, str], float]]:
    """The text's cue words, weighed: per country code the summed share of the words that point
    to it, and per (country code, admin1) the strongest share of those words' reports there."""
    countries: dict[str, float] = {}
    provinces: dict[tuple[str, str], float] = {}
    cues = _all_cues(_cue_file())
    for word in cue_words(text) & cues.keys():
        country, share, held = cues[word]
        countries[country] = countries.get(country, 0.0) + share
        for admin1, province_share in held.items():
            provinces[(country, admin1)] = max(provinces.get((country, admin1), 0.0), province_share)
    return countries, provinces


CUED_COUNTRY_MIN = 0.8  # summed share of the cue words: one strong cue ('Houthi', 'OSCE') or more weak ones


def cued_country(text: str) -> Optional[str]:
    """The country a text's cue words point to, when they point clearly to one (at least
    ``CUED_COUNTRY_MIN`` and twice any other): for a report that names no place it knows."""
    countries, _ = cue_weights(text)
    ranked = sorted(countries.items(), key=lambda item: -item[1])
    if not ranked or ranked[0][1] < CUED_COUNTRY_MIN:
        return None
    if len(ranked) > 1 and ranked[0][1] < 2 * ranked[1][1]:
        return None
    return ranked[0][0]


def format_provinces(shares: dict[str, float]) -> str:
    """'Donetsk=0.620|Luhansk=0.380': the cue table's column of provinces."""
    return "|".join(f"{admin1}={share:.3f}" for admin1, share in shares.items())


def parse_provinces(column: str) -> dict[str, float]:
    shares = {}
    for item in filter(None, column.split("|")):
        admin1, _, share = item.rpartition("=")
        shares[admin1] = float(share)
    return shares


@functools.lru_cache(maxsize=4)
def _all_cues(path: str) -> dict[str, tuple[str, float, dict[str, float]]]:
    """The area words and the learned cues of ``path`` in one table, built once (a learned cue
    of the same word wins)."""
    return {**_area_word_table(), **_cue_table(path)}


@functools.lru_cache(maxsize=1)
def _area_word_table() -> dict[str, tuple[str, float, dict[str, float]]]:
    """Words for a kind of area only one country uses ('upazila'), as cues of full weight."""
    text = (resources.files("sitrep.geo") / "data" / AREA_WORDS_FILE).read_text(encoding="utf-8")
    rows = (line.split("\t") for line in text.splitlines() if line.strip() and not line.startswith("#"))
    return {word: (country, 1.0, {}) for word, country in rows}


def _cue_file() -> str:
    default = str(resources.files("sitrep.geo") / "data" / CUES_FILE)
    return os.environ.get(ENV_LEARNED_CUES, default)


@functools.lru_cache(maxsize=4)
def _cue_table(path: str) -> dict[str, tuple[str, float, dict[str, float]]]:
    """word -> (country code, share of the train notes with the word that are from there,
    {admin1: share of those notes} for the provinces that hold a good part of them)."""
    if not path or not os.path.isfile(path):
        return {}
    table: dict[str, tuple[str, float, dict[str, float]]] = {}
    with open(path, encoding="utf-8") as lines:
        for line in lines:
            if line.startswith("#") or not line.strip():
                continue
            word, country, share, _, provinces = (line.rstrip("\n").split("\t") + [""] * 5)[:5]
            table[word] = (country, float(share), parse_provinces(provinces))
    return table
