"""`sitrep gazetteer ...` (import GeoNames dumps, add places, look names up) and `sitrep eval geoparse`."""
from __future__ import annotations

import json
import sys
import time
from pathlib import Path

import click

EXIT_OK, EXIT_SOME_FAILED, EXIT_USAGE, EXIT_FAILED = 0, 1, 2, 3


def _fail(item: str, reason: str) -> None:
    click.echo(f"sitrep: {item}: {reason}", err=True)


def register(main: click.Group, evaluate: click.Group) -> None:
    main.add_command(gazetteer)
    evaluate.add_command(eval_geoparse)


@click.group()
def gazetteer() -> None:
    """The place names sitrep knows: import GeoNames dumps, add your own places, look names up.

    Your places live in $SITREP_GAZETTEER_DIR (default ~/.local/share/sitrep/gazetteer) and are
    used by every command from then on.

    \b
    Examples:
      sitrep gazetteer import IQ.txt alternateNamesV2.txt
      sitrep gazetteer add "Camp Speicher" 34.65 43.53 --country IQ --admin1 "Salah ad Din" --alt Speicher
      sitrep gazetteer lookup "Altun Kupri"
      sitrep gazetteer info
    """


@gazetteer.command(name="import")
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False, path_type=Path))
@click.option("--classes", default="PA", show_default=True,
              help="GeoNames feature classes to keep (P towns and villages, A admin areas, S spots such as "
                   "camps and checkpoints, L areas, T mountains, H water, R roads, V forests).")
@click.option("--country", "countries", multiple=True, help="Keep only these country codes (repeatable).")
@click.option("--min-population", type=int, default=0, show_default=True)
def import_dumps(files, classes, countries, min_population):
    """Add GeoNames dump files: XX.txt / allCountries.txt (.zip too) and alternateNamesV2.txt.

    Place dumps are imported first (their places the default gazetteer lacks are kept), then
    alternate-name files (names for every place the gazetteer then holds). Importing a file again
    replaces what it gave before.

    \b
    Examples:
      sitrep gazetteer import IQ.txt
      sitrep gazetteer import SY.zip IQ.zip --classes PAS
      sitrep gazetteer import allCountries.zip --country IQ --country SY alternateNamesV2.zip
    """
    from sitrep.geo import Gazetteer
    from sitrep.geo.gazetteer import _usable_alternate
    from sitrep.geo.imports import (DumpError, import_alternate_names, import_geonames, imported_ids,
                                    looks_like_alternate_names)

    classes = classes.upper()
    wanted = {c.upper() for c in countries} or None
    missing = [f for f in files if not f.is_file()]
    for path in missing:
        _fail(str(path), "no such file")
    present = [f for f in files if f.is_file()]
    dumps = [f for f in present if not looks_like_alternate_names(f)]
    alternates = [f for f in present if looks_like_alternate_names(f)]
    done, failed = 0, len(missing)
    known = Gazetteer.load().geonameids()
    for path in dumps:
        try:
            result = import_geonames(path, known, classes, wanted, min_population, _usable_alternate)
        except (DumpError, UnicodeDecodeError, OSError) as error:
            _fail(str(path), str(error))
            failed += 1
            continue
        done += 1
        click.echo(f"{path}: {result.written} places added ({result.skipped_known} already known, "
                   f"{result.skipped_class} of other classes or smaller) -> {result.path}")
    if alternates:
        ids = frozenset(known | imported_ids())
        for path in alternates:
            try:
                result = import_alternate_names(path, ids, _usable_alternate)
            except (DumpError, UnicodeDecodeError, OSError) as error:
                _fail(str(path), str(error))
                failed += 1
                continue
            done += 1
            click.echo(f"{path}: {result.written} names for known places -> {result.path}")
    sys.exit(EXIT_FAILED if failed and not done else EXIT_SOME_FAILED if failed else EXIT_OK)


@gazetteer.command(name="add")
@click.argument("name")
@click.argument("latitude", type=float)
@click.argument("longitude", type=float)
@click.option("--country", default="", help="ISO country code (IQ).")
@click.option("--admin1", default="", help="Province/state name or GeoNames admin1 code.")
@click.option("--feature", default="PPL", show_default=True, help="GeoNames feature code (PPL, CMP, MILB...).")
@click.option("--alt", "alternates", multiple=True, help="Another name for it (repeatable).")
def add(name, latitude, longitude, country, admin1, feature, alternates):
    """Add one place (a checkpoint, a camp) to your places.tsv.

    \b
    Example:
      sitrep gazetteer add "Camp Speicher" 34.65 43.53 --country IQ --alt Speicher --feature MILB
    """
    from sitrep.geo.imports import add_user_place

    if not (-90 <= latitude <= 90 and -180 <= longitude <= 180):
        _fail(name, f"({latitude}, {longitude}) is not a point on Earth")
        sys.exit(EXIT_USAGE)
    path = add_user_place(name, latitude, longitude, country, admin1, feature.upper(), alternates)
    click.echo(f"added {name} ({latitude}, {longitude}) to {path}")


@gazetteer.command(name="lookup")
@click.argument("names", nargs=-1, required=True)
@click.option("--limit", type=int, default=5, show_default=True)
def lookup(names, limit):
    """Candidates for names, most populous first: one JSON line per candidate.

    \b
    Example:
      sitrep gazetteer lookup "Altun Kupri" Kirkuk --limit 2
    """
    from sitrep.geo import Gazetteer

    gaz = Gazetteer.load()
    found_any = False
    for name in names:
        places = gaz.lookup(name)[:limit]
        if not places:
            _fail(name, "not in the gazetteer")
        for place in places:
            found_any = True
            click.echo(json.dumps({"query": name, "name": place.name, "geonameid": place.geonameid,
                                   "latitude": place.latitude, "longitude": place.longitude,
                                   "country_code": place.country_code, "admin1": place.admin1,
                                   "admin2": place.admin2, "feature_code": place.feature_code,
                                   "population": place.population}, ensure_ascii=False))
    sys.exit(EXIT_OK if found_any else EXIT_FAILED)


@gazetteer.command(name="info")
def info():
    """Where your places live, what is in them, and how long the gazetteer takes to load.

    \b
    Example:
      sitrep gazetteer info
    """
    from sitrep.geo import Gazetteer
    from sitrep.geo.gazetteer import cache_dir
    from sitrep.geo.imports import user_dir, user_files

    started = time.perf_counter()
    gaz = Gazetteer.load()
    seconds = time.perf_counter() - started
    places, alternates = user_files()
    click.echo(f"places: {len(gaz)} ({len(gaz.geonameids())} GeoNames ids); loaded in {seconds:.2f} s")
    click.echo(f"index cache: {cache_dir()}")
    click.echo(f"your folder: {user_dir()}")
    for path in [*places, *alternates]:
        click.echo(f"  {path.name}")


@click.command(name="geoparse")
@click.argument("corpora", nargs=-1, type=click.Path(dir_okay=False, path_type=Path))
@click.option("--limit", type=int, default=None, help="Only the first N articles of each corpus.")
@click.option("--json", "json_path", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Write the full report (with every missed gold toponym) to this file ('-' for stdout).")
def eval_geoparse(corpora, limit, json_path):
    """Toponym resolution and detection on GeoWebNews and TR-News.

    CORPORA are GWN.xml / TR-News.xml files; by default both from ../shared/data/geoparsing.
    Gold-span resolution: exact GeoNames id, within 161 km, median/mean error, missing answers,
    gold ids the gazetteer lacks. End to end: detection P/R/F1 and resolution of what was found.

    \b
    Examples:
      sitrep eval geoparse
      sitrep eval geoparse ../shared/data/geoparsing/TR-News.xml --limit 20
      sitrep eval geoparse --json geoparse-report.json
    """
    from sitrep.evaluate.geo_corpora import READERS
    from sitrep.evaluate.geoparse import default_corpus_paths, report_lines, run_geoparse_eval

    paths = list(corpora) or default_corpus_paths()
    if not paths:
        _fail("../shared/data/geoparsing", "not found (give the corpus files, or set SITREP_SHARED)")
        sys.exit(EXIT_FAILED)
    for path in paths:
        if not path.is_file():
            _fail(str(path), "no such file")
            sys.exit(EXIT_USAGE)
        if path.name not in READERS:
            _fail(str(path), f"not a known geoparsing corpus (expected {', '.join(READERS)})")
            sys.exit(EXIT_USAGE)
    report = run_geoparse_eval(paths, limit=limit, keep_misses=json_path is not None)
    if json_path is not None and str(json_path) == "-":
        click.echo(json.dumps(report, indent=1, ensure_ascii=False))
        return
    for line in report_lines(report):
        click.echo(line)
    if json_path is not None:
        json_path.write_text(json.dumps(report, indent=1, ensure_ascii=False), encoding="utf-8")
        click.echo(f"full report: {json_path}")
