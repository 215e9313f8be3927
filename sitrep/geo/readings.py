"""Learned readings: which of several places of one name conflict reports mean when they say
nothing else about it. 'Tripoli' in the train notes is Lebanon's city every time (protests at
its squares), though Libya's capital is five times larger; 'Opytne' is the village by Donetsk
airport, not its namesake in Bakhmut district.

A reading only tilts the choice: the article's countries, provinces and containers outweigh it,
so 'Tripoli' in a report that names Libya stays Libya's. The table is learned from ACLED's train
notes by `sitrep train` (data/learned_readings.tsv); ``$SITREP_LEARNED_READINGS`` names another
file (one learned without the dev part, say), and an empty value switches the readings off.
"""
from __future__ import annotations

import functools
import os
from importlib import resources

from sitrep.geo.normalize import name_key

READINGS_FILE = "learned_readings.tsv"
ENV_LEARNED_READINGS = "SITREP_LEARNED_READINGS"
READING_MAX_KM = 25.0  # a namesake this near the learned point is the place the reports mean


def learned_point(name: str, country_code: str) -> tuple[float, float] | None:
    """The point the reports mean by this name in this country, if the table has one."""
    table = _reading_table(_readings_file())
    return table.get((_key(name), country_code)) if table else None


@functools.lru_cache(maxsize=4096)
def _key(name: str) -> str:
    return name_key(name)  # asked once per namesake of every name an article holds


def _readings_file() -> str:
    return os.environ.get(ENV_LEARNED_READINGS, _packaged_file())


@functools.lru_cache(maxsize=1)
def _packaged_file() -> str:
    return str(resources.files("sitrep.geo") / "data" / READINGS_FILE)  # asked for every namesake weighed


@functools.lru_cache(maxsize=4)
def _reading_table(path: str) -> dict[tuple[str, str], tuple[float, float]]:
    """(name key, country code) -> (latitude, longitude) of the namesake the reports mean."""
    if not path or not os.path.isfile(path):
        return {}
    table: dict[tuple[str, str], tuple[float, float]] = {}
    with open(path, encoding="utf-8") as lines:
        for line in lines:
            if line.startswith("#") or not line.strip():
                continue
            name, country, lat, lon = line.rstrip("\n").split("\t")[:4]
            table[(name_key(name), country)] = (float(lat), float(lon))
    return table
