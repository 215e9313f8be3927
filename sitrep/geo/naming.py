"""ACLED's names of provinces.

The gazetteer names a province as GeoNames does ('Idlib', 'Al Hasakah', 'Attiki'); ACLED writes
many of them its own way ('Idleb', 'Al-Hasakeh', 'Attica'), and a record meant to sit beside
ACLED's should too. `sitrep train` learns the names from the train notes, by the province each
note's point falls in (data/learned_admin1_names.tsv); ``$SITREP_LEARNED_ADMIN1_NAMES`` names
another file, and an empty value keeps the gazetteer's names.
"""
from __future__ import annotations

import functools
import os
from importlib import resources

from sitrep.geo.normalize import name_key

NAMES_FILE = "learned_admin1_names.tsv"
ENV_LEARNED_NAMES = "SITREP_LEARNED_ADMIN1_NAMES"


def acled_admin1(country_code: str, admin1: str) -> str:
    """ACLED's name of a province the gazetteer names ``admin1``; the name itself when ACLED's is
    the same or unknown."""
    if not admin1:
        return admin1
    return _names(names_file()).get(((country_code or "").upper(), name_key(admin1)), admin1)


def record_names(place) -> tuple[str, str]:
    """(location, admin1) of an event record at a gazetteer place, in ACLED's names: a province
    standing for the whole place is named as its admin1 is."""
    admin1 = acled_admin1(place.country_code, place.admin1)
    location = admin1 if place.feature_code == "ADM1" and place.name == place.admin1 else place.name
    return location, admin1


SPELLING_LIKENESS = 0.45  # 'Rural Damascus' for Rif Dimashq, 'Bekaa' for Al Biqa; not 'Dhaka' for Mymensingh, 'North' for Ash Shimal


def acled_spellings(path: str | None = None) -> list[tuple[str, str, str]]:
    """(country code, the gazetteer's province as a name key, ACLED's name) where ACLED's name is another
    spelling of the province's, not another province or a direction: notes write provinces as
    ACLED names them ('Urozgan', 'Rural Damascus'), so the gazetteer can find them by it."""
    import difflib

    found = []
    for (country, province_key), acled in _names(names_file() if path is None else path).items():
        if difflib.SequenceMatcher(None, province_key, name_key(acled)).ratio() >= SPELLING_LIKENESS:
            found.append((country, province_key, acled))
    return found


def names_file() -> str:
    """The table of ACLED's names in use ($SITREP_LEARNED_ADMIN1_NAMES; empty when switched off)."""
    default = str(resources.files("sitrep.geo") / "data" / NAMES_FILE)
    return os.environ.get(ENV_LEARNED_NAMES, default)


@functools.lru_cache(maxsize=4)
def _names(path: str) -> dict[tuple[str, str], str]:
    if not path or not os.path.isfile(path):
        return {}
    names = {}
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            if line.startswith("#") or not line.strip():
                continue
            cols = line.rstrip("\n").split("\t")
            if len(cols) >= 3 and cols[0] and cols[1] and cols[2]:
                names[(cols[0].upper(), name_key(cols[1]))] = cols[2]
    return names
