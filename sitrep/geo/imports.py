"""A user's own gazetteer folder: GeoNames dumps they imported and places they added by hand.

The folder is ``$SITREP_GAZETTEER_DIR``, else ``$XDG_DATA_HOME/sitrep/gazetteer``, else
``~/.local/share/sitrep/gazetteer``. ``Gazetteer.load()`` reads everything in it:
- ``places.tsv``: places an analyst adds (``sitrep gazetteer add``): a checkpoint, a camp;
- ``geonames-<name>.tsv``: rows taken from a GeoNames dump (``XX.txt`` / ``allCountries.txt``);
- ``alternates-<name>.tsv``: extra names for GeoNames ids, from ``alternateNamesV2.txt``.

All place files share one format (``data/additions.tsv`` too), tab-separated, ``#`` comments:
``name, alternates (|), latitude, longitude, country_code, admin1, feature_code[, geonameid,
population, admin2]``. Alternates files are ``geonameid, names (|)``.
"""
from __future__ import annotations

import io
import os
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable, Iterator, Optional, TextIO

ENV_GAZETTEER_DIR = "SITREP_GAZETTEER_DIR"
PLACES_FILE = "places.tsv"
PLACE_COLUMNS = ("name", "alternates", "latitude", "longitude", "country_code", "admin1",
                 "feature_code", "geonameid", "population", "admin2")
PLACES_HEADER = "# " + "\t".join(PLACE_COLUMNS) + "\n"
DEFAULT_CLASSES = "PA"  # populated places and administrative areas
# alternateNamesV2 "languages" that are codes or links, not names
NOT_NAMES = frozenset({"link", "wkdt", "post", "iata", "icao", "faac", "tcid", "unlc", "fr_1793", "phon", "piny"})
GEONAMES_COLUMNS = 19


def user_dir() -> Path:
    configured = os.environ.get(ENV_GAZETTEER_DIR)
    if configured:
        return Path(configured)
    data_home = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(data_home) / "sitrep" / "gazetteer"


def user_files() -> tuple[list[Path], list[Path]]:
    """(place files, alternates files) in the user folder, in a stable order."""
    folder = user_dir()
    if not folder.is_dir():
        return [], []
    places = sorted(folder.glob("geonames-*.tsv"))
    if (folder / PLACES_FILE).is_file():
        places.append(folder / PLACES_FILE)
    return places, sorted(folder.glob("alternates-*.tsv"))


# ---------------------------------------------------------------- reading GeoNames dumps

@dataclass
class GeoNamesRow:
    geonameid: int
    name: str
    asciiname: str
    alternates: list[str]
    latitude: float
    longitude: float
    feature_class: str
    feature_code: str
    country_code: str
    admin1: str
    admin2: str
    population: int


class DumpError(ValueError):
    """A file that is not in the GeoNames format it claims to be (the message says where)."""


def open_text(path: Path) -> TextIO:
    """A dump as text: plain, or the ``.zip`` GeoNames serves (its one ``.txt`` member)."""
    if path.suffix.lower() == ".zip":
        archive = zipfile.ZipFile(path)
        members = [n for n in archive.namelist() if n.endswith(".txt") and not n.lower().startswith("readme")]
        if not members:
            raise DumpError(f"{path}: no .txt file inside the zip")
        return io.TextIOWrapper(archive.open(members[0]), encoding="utf-8")
    return open(path, encoding="utf-8")


def read_geonames(lines: Iterable[str], source: str = "") -> Iterator[GeoNamesRow]:
    """Rows of the GeoNames ``geoname`` table dump (19 tab-separated columns)."""
    for number, line in enumerate(lines, start=1):
        line = line.rstrip("\n\r")
        if not line or line.startswith("#"):
            continue
        cols = line.split("\t")
        if len(cols) < GEONAMES_COLUMNS - 4 or not cols[0].isdigit():
            raise DumpError(f"{source}:{number}: not a GeoNames row ({len(cols)} columns, expected {GEONAMES_COLUMNS})")
        cols += [""] * (GEONAMES_COLUMNS - len(cols))
        try:
            lat, lon = float(cols[4]), float(cols[5])
        except ValueError:
            raise DumpError(f"{source}:{number}: latitude/longitude are not numbers") from None
        yield GeoNamesRow(
            geonameid=int(cols[0]), name=cols[1], asciiname=cols[2],
            alternates=[a for a in cols[3].split(",") if a], latitude=lat, longitude=lon,
            feature_class=cols[6], feature_code=cols[7], country_code=cols[8], admin1=cols[10],
            admin2=cols[11], population=int(cols[14]) if cols[14].isdigit() else 0,
        )


def read_alternate_names(lines: Iterable[str], source: str = "") -> Iterator[tuple[int, str]]:
    """(geonameid, name) pairs from ``alternateNamesV2.txt`` (or the older ``alternateNames.txt``),
    leaving out codes, links and colloquial names."""
    for number, line in enumerate(lines, start=1):
        line = line.rstrip("\n\r")
        if not line or line.startswith("#"):
            continue
        cols = line.split("\t")
        if len(cols) < 4 or not cols[1].isdigit():
            raise DumpError(f"{source}:{number}: not an alternate-names row (expected id, geonameid, language, name)")
        language, name = cols[2], cols[3]
        colloquial = len(cols) > 6 and cols[6] == "1"
        if language in NOT_NAMES or colloquial or not name:
            continue
        yield int(cols[1]), name


def looks_like_alternate_names(path: Path) -> bool:
    return "alternatename" in path.name.lower()


# ---------------------------------------------------------------- writing the user folder

def _clean(value: str) -> str:
    return re.sub(r"[\t\n\r|]+", " ", value).strip()


def place_row(name: str, alternates: Iterable[str], lat: float, lon: float, country_code: str = "",
              admin1: str = "", feature_code: str = "PPL", geonameid: Optional[int] = None,
              population: int = 0, admin2: str = "") -> str:
    names = []
    for alt in alternates:
        alt = _clean(alt)
        if alt and alt != name and alt not in names:
            names.append(alt)
    cols = [_clean(name), "|".join(names), f"{lat:.5f}", f"{lon:.5f}", country_code.upper(), _clean(admin1),
            feature_code, str(geonameid or ""), str(population or ""), _clean(admin2)]
    return "\t".join(cols) + "\n"


@dataclass
class ImportResult:
    path: Path
    written: int
    skipped_known: int = 0
    skipped_class: int = 0


def import_geonames(source: Path, known_ids: frozenset[int], classes: str = DEFAULT_CLASSES,
                    countries: Optional[set[str]] = None, min_population: int = 0,
                    usable_name: Callable[[str], bool] = lambda n: True,
                    folder: Optional[Path] = None) -> ImportResult:
    """Copy the places of a GeoNames dump that the gazetteer lacks into the user folder."""
    folder = folder or user_dir()
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"geonames-{_stem(source)}.tsv"
    rows, admin2_names = [], {}
    skipped_known = skipped_class = 0
    with open_text(source) as handle:
        for row in read_geonames(handle, str(source)):
            if row.feature_code == "ADM2":
                admin2_names[(row.country_code, row.admin1, row.admin2)] = row.asciiname or row.name
            if countries and row.country_code not in countries:
                continue
            if row.feature_class not in classes or row.population < min_population:
                skipped_class += 1
                continue
            if row.geonameid in known_ids:
                skipped_known += 1
                continue
            rows.append(row)
    tmp = target.with_suffix(".tmp")
    with open(tmp, "w", encoding="utf-8") as out:
        out.write(f"# from {source.name}\n" + PLACES_HEADER)
        for row in rows:
            display = row.asciiname or row.name
            alternates = [row.name] + [a for a in row.alternates if usable_name(a)]
            admin2 = admin2_names.get((row.country_code, row.admin1, row.admin2), "")
            out.write(place_row(display, alternates, row.latitude, row.longitude, row.country_code, row.admin1,
                                row.feature_code or "PPL", row.geonameid, row.population, admin2))
    os.replace(tmp, target)
    return ImportResult(target, len(rows), skipped_known, skipped_class)


def import_alternate_names(source: Path, wanted_ids: frozenset[int], usable_name: Callable[[str], bool],
                           folder: Optional[Path] = None) -> ImportResult:
    """Keep the alternate names of places the gazetteer holds (default or imported)."""
    folder = folder or user_dir()
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"alternates-{_stem(source)}.tsv"
    names: dict[int, list[str]] = {}
    skipped = 0
    with open_text(source) as handle:
        for geonameid, name in read_alternate_names(handle, str(source)):
            if geonameid not in wanted_ids or not usable_name(name):
                skipped += 1
                continue
            found = names.setdefault(geonameid, [])
            name = _clean(name)
            if name not in found:
                found.append(name)
    tmp = target.with_suffix(".tmp")
    with open(tmp, "w", encoding="utf-8") as out:
        out.write(f"# from {source.name}\n# geonameid\tnames (|)\n")
        for geonameid, found in names.items():
            out.write(f"{geonameid}\t{'|'.join(found)}\n")
    os.replace(tmp, target)
    return ImportResult(target, sum(len(v) for v in names.values()), skipped_class=skipped)


def imported_ids(folder: Optional[Path] = None) -> set[int]:
    """GeoNames ids in the user's imported place files."""
    ids = set()
    places, _ = user_files() if folder is None else (sorted(folder.glob("geonames-*.tsv")), [])
    for path in places:
        with open(path, encoding="utf-8") as handle:
            for line in handle:
                cols = line.rstrip("\n").split("\t")
                if len(cols) > 7 and cols[7].isdigit():
                    ids.add(int(cols[7]))
    return ids


def add_user_place(name: str, lat: float, lon: float, country_code: str = "", admin1: str = "",
                   feature_code: str = "PPL", alternates: Iterable[str] = (), folder: Optional[Path] = None) -> Path:
    """Append one place to the user's ``places.tsv`` (created with a header the first time)."""
    folder = folder or user_dir()
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / PLACES_FILE
    new = not path.exists()
    with open(path, "a", encoding="utf-8") as out:
        if new:
            out.write(PLACES_HEADER)
        out.write(place_row(name, alternates, lat, lon, country_code, admin1, feature_code))
    return path


def _stem(path: Path) -> str:
    name = path.name
    for suffix in (".zip", ".txt", ".tsv"):
        if name.lower().endswith(suffix):
            name = name[: -len(suffix)]
    return re.sub(r"[^A-Za-z0-9_.-]+", "_", name) or "dump"
