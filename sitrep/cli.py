"""The `sitrep` command: thin over sitrep.api.

Exit status: 0 everything went through; 1 some inputs were skipped (each named on stderr), the
rest went through; 2 usage error; 3 nothing could be done (no input read, store unusable).
"""
from __future__ import annotations

import json
import logging
import sys
from pathlib import Path
from typing import Iterable, Iterator, Optional

import click

from sitrep.config import default_map, load_config

EXIT_OK, EXIT_SOME_FAILED, EXIT_USAGE, EXIT_FAILED = 0, 1, 2, 3
log = logging.getLogger("sitrep")


def _report_problem(problem) -> None:
    click.echo(f"sitrep: skipped {problem.item}: {problem.reason}", err=True)


def _progress(iterable: Iterable, quiet: bool, unit: str = "article", total: Optional[int] = None) -> Iterable:
    """A progress bar when a person watches stderr; nothing when piped or --quiet."""
    if quiet or not sys.stderr.isatty():
        return iterable
    from tqdm import tqdm

    return tqdm(iterable, unit=unit, total=total, file=sys.stderr, leave=False)


def progress_for(quiet: bool, unit: str = "article"):
    """A function that puts a progress bar on an iterable, or None when nobody watches stderr."""
    if quiet or not sys.stderr.isatty():
        return None
    return lambda items: _progress(items, quiet, unit)


def _exit_code(read: int, problems: int) -> int:
    if problems and not read:
        return EXIT_FAILED
    return EXIT_SOME_FAILED if problems else EXIT_OK


class Config(click.Group):
    def make_context(self, info_name, args, parent=None, **extra):
        try:
            extra.setdefault("default_map", default_map(load_config()))
        except Exception as error:  # a broken config file must say so, not crash
            raise click.UsageError(f"cannot read config file: {error}")
        return super().make_context(info_name, args, parent=parent, **extra)


@click.group(cls=Config, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="sitrep")
@click.option("-v", "--verbose", is_flag=True, help="Log what was skipped and why, and timings.")
def main(verbose: bool) -> None:
    """sitrep: conflict news in, ACLED-compatible event records with evidence out.

    \b
    Examples:
      sitrep demo                                   # ingest the shipped demo articles, print a summary
      sitrep extract article.txt --published 2017-10-20
      cat articles.jsonl | sitrep extract - --format csv > events.csv
      sitrep ingest news/ feed.xml https://example.org/rss --db conflict.duckdb
      sitrep export --format geojson --incidents -o incidents.geojson
      sitrep geoparse articles.jsonl

    Settings that repeat go in sitrep.toml (see `sitrep.config`).
    """
    logging.basicConfig(level=logging.INFO if verbose else logging.WARNING, format="sitrep: %(message)s", stream=sys.stderr)


def _articles(inputs: tuple[str, ...], published: Optional[str], source: str, problems: list) -> Iterator:
    from sitrep.api import read

    for item in read(inputs or ("-",), published, source):
        if hasattr(item, "reason"):
            problems.append(item)
            _report_problem(item)
        else:
            yield item


def _check_date(ctx, param, value):
    if value is None:
        return None
    from sitrep.ingest import parse_published

    try:
        return parse_published(value)
    except ValueError as error:
        raise click.BadParameter(str(error))


PUBLISHED = click.option("--published", callback=_check_date, metavar="YYYY-MM-DD",
                         help="Publication date for articles that carry none (resolves 'on Friday').")
SOURCE = click.option("--source", default="", help="Source name for articles that name none.")
QUIET = click.option("-q", "--quiet", is_flag=True, help="No progress bar.")
DB = click.option("--db", default="sitrep.duckdb", show_default=True, type=click.Path(dir_okay=False), help="DuckDB file.")


@main.command()
@click.argument("inputs", nargs=-1)
@PUBLISHED
@SOURCE
@click.option("--format", "fmt", type=click.Choice(["jsonl", "csv", "geojson"]), default="jsonl", show_default=True)
@QUIET
def extract(inputs, published, source, fmt, quiet):
    """Events from articles to stdout; no database.

    INPUTS are text, HTML, JSONL/CSV of articles, feeds, folders or URLs; `-` (or nothing) reads stdin.

    \b
    Examples:
      sitrep extract ../shared/seed/kirkuk-2017-10-20.txt --published 2017-10-20
      sitrep extract articles.jsonl --format csv > events.csv
    """
    from sitrep.api import process
    from sitrep.store import write_records

    problems: list = []
    read = 0

    def events():
        nonlocal read
        for result in process(_progress(_articles(inputs, published, source, problems), quiet)):
            read += 1
            yield from result.events

    write_records(events(), fmt, sys.stdout, kind="events")
    sys.exit(_exit_code(read, len(problems)))


@main.command()
@click.argument("inputs", nargs=-1)
@QUIET
def geoparse(inputs, quiet):
    """Places named in articles, resolved to GeoNames: one JSON line per article.

    Articles (JSONL) that carry "mentions": [{"start", "end"}] get those spans resolved instead.

    \b
    Example:
      sitrep geoparse articles.jsonl > places.jsonl
    """
    from sitrep.geo_output import geoparse_records

    problems: list = []
    read = 0
    for record in geoparse_records(_progress(_articles(inputs, None, "", problems), quiet), _raw_mentions(inputs)):
        read += 1
        click.echo(json.dumps(record, ensure_ascii=False))
    sys.exit(_exit_code(read, len(problems)))


def _raw_mentions(inputs: tuple[str, ...]) -> dict:
    """Given mention spans by article id, read straight from JSONL files (not stdin)."""
    spans: dict = {}
    for name in inputs:
        path = Path(name)
        if name == "-" or path.suffix.lower() not in (".jsonl", ".ndjson") or not path.is_file():
            continue
        with open(path, encoding="utf-8", errors="replace") as handle:
            for line in handle:
                try:
                    row = json.loads(line)
                except ValueError:
                    continue
                if isinstance(row, dict) and row.get("mentions") and row.get("id"):
                    spans[str(row["id"])] = [(int(m["start"]), int(m["end"])) for m in row["mentions"]]
    return spans


@main.command()
@click.argument("inputs", nargs=-1, required=True)
@DB
@PUBLISHED
@SOURCE
@QUIET
def ingest(inputs, db, published, source, quiet):
    """Read articles, extract events and store them (safe to re-run: nothing is stored twice).

    \b
    Examples:
      sitrep ingest news/ --db conflict.duckdb
      sitrep ingest feed.xml https://example.org/world.rss
      cat articles.jsonl | sitrep ingest -
    """
    report = _run_ingest(inputs, db, published, source, quiet)
    click.echo(f"{report.read} articles read: {report.stored} stored with {report.events} events, "
               f"{report.already_stored} already stored, {len(report.problems)} skipped", err=True)
    sys.exit(_exit_code(report.read, len(report.problems)))


def _run_ingest(inputs, db, published, source, quiet):
    from sitrep.api import ingest as run

    bar = None
    if not quiet and sys.stderr.isatty():
        from tqdm import tqdm

        bar = tqdm(unit="article", file=sys.stderr, leave=False)
    try:
        return run(inputs, db=db, published=published, source=source, on_problem=_report_problem,
                   on_article=(lambda article, n: bar.update(1)) if bar else None)
    except Exception as error:
        click.echo(f"sitrep: error: {db}: {error}", err=True)
        sys.exit(EXIT_FAILED)
    finally:
        if bar:
            bar.close()


@main.command()
@DB
@click.option("--incidents", is_flag=True, help="Incidents (reports of one event merged) instead of events.")
@click.option("--format", "fmt", type=click.Choice(["csv", "jsonl", "geojson", "parquet"]), default="csv", show_default=True)
@click.option("-o", "--output", default="-", help="File to write; `-` is stdout (not for parquet).")
def export(db, incidents, fmt, output):
    """Write stored events or incidents with ACLED's column names.

    \b
    Examples:
      sitrep export --format csv > events.csv
      sitrep export --incidents --format geojson -o incidents.geojson
      sitrep export --format parquet -o events.parquet
    """
    from sitrep.store import export as write, open_store

    if fmt == "parquet" and output == "-":
        raise click.UsageError("parquet needs a file: use -o FILE")
    if not Path(db).exists():
        click.echo(f"sitrep: error: {db}: no such database (run `sitrep ingest` first)", err=True)
        sys.exit(EXIT_FAILED)
    with open_store(db, read_only=True) as store:
        count = write(store, kind="incidents" if incidents else "events", fmt=fmt, out=output)
    click.echo(f"{count} {'incidents' if incidents else 'events'} written", err=True)


@main.command()
@DB
@click.option("--out", "out_dir", default="sitrep-out", show_default=True, type=click.Path(file_okay=False), help="Folder for the exports.")
@QUIET
def demo(db, out_dir, quiet):
    """Ingest the demo articles that ship with sitrep, print a summary table, write exports.

    \b
    Example:
      sitrep demo --db demo.duckdb --out demo-exports
    """
    from sitrep.demo import demo_articles
    from sitrep.summary import summary_table, write_exports

    report = _run_ingest(tuple(demo_articles()), db, None, "", quiet)
    click.echo(f"{report.read} demo articles read: {report.stored} newly stored, {report.already_stored} already stored, "
               f"{len(report.problems)} skipped", err=True)
    click.echo(summary_table(db))
    for line in write_exports(db, out_dir):
        click.echo(line)
    click.echo(f"see it on a map: sitrep serve --db {db}")
    sys.exit(_exit_code(report.read, len(report.problems)))


@main.command()
@click.option("--corpus", multiple=True, help="Files or folders to time (default: TR-News from ../shared plus the demo articles).")
@click.option("--limit", type=int, default=0, help="At most this many articles.")
@click.option("--repeat", type=int, default=1, show_default=True, help="Times over the corpus (longer runs give steadier figures).")
@click.option("--serve", "serve_bench", is_flag=True, help="Time the HTTP API and page over a large generated store instead.")
@click.option("--ingest", "ingest_bench", is_flag=True, help="Time one-article-at-a-time ingest as the store grows instead.")
def bench(corpus, limit, repeat, serve_bench, ingest_bench):
    """Speed and memory: articles/s, words/s, peak RSS, and sitrep's time over spaCy's own.

    \b
    Examples:
      sitrep bench
      sitrep bench --corpus articles.jsonl --limit 200
      sitrep bench --serve
      sitrep bench --ingest
    """
    if serve_bench:
        from sitrep.serve.bench import run_serve_bench as run
        lines = run()
    elif ingest_bench:
        from sitrep.evaluate.ingest_bench import run_ingest_bench as run
        lines = run(limit=limit)
    else:
        from sitrep.evaluate.bench import run_bench

        lines = run_bench(corpus, limit=limit, repeat=repeat)
    for line in lines:
        click.echo(line)


@main.group(name="eval")
def evaluate() -> None:
    """Accuracy against gold data: each subcommand prints figures (--json writes the full report).

    \b
    Examples:
      sitrep eval acled ../shared/data/acled-2020-global/acled.csv
      sitrep eval quiet
      sitrep eval geoparse
    """


# Commands that live with their feature: each module has register(main, evaluate).
EXTENSIONS = ("sitrep.cli_eval", "sitrep.cli_geo", "sitrep.cli_incidents", "sitrep.cli_serve")


def _register_extensions() -> None:
    import importlib

    for name in EXTENSIONS:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as error:
            if error.name != name:
                raise
            continue
        module.register(main, evaluate)


_register_extensions()


if __name__ == "__main__":
    main()
