"""`sitrep control`, `sitrep history`, `sitrep eval incidents` and `sitrep eval plover`."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import click

EXIT_OK, EXIT_SOME_FAILED, EXIT_USAGE, EXIT_FAILED = 0, 1, 2, 3


def _check_day(ctx, param, value):
    if value is None:
        return None
    from sitrep.records import iso_date

    day = iso_date(value)
    if day is None or len(value.strip()) != 10:
        raise click.BadParameter(f"{value!r} is not a date (YYYY-MM-DD)")
    return day.isoformat()


def _open_read_only(db: str):
    from sitrep.store import StoreError, open_store

    if not Path(db).exists():
        click.echo(f"sitrep: error: {db}: no such database (run `sitrep ingest` first)", err=True)
        sys.exit(EXIT_FAILED)
    try:
        return open_store(db, read_only=True)
    except (StoreError, Exception) as error:  # a locked or foreign file: one line, not a traceback
        click.echo(f"sitrep: error: {db}: {error}", err=True)
        sys.exit(EXIT_FAILED)


def _progress(quiet: bool):
    from sitrep.cli import progress_for  # imported late: sitrep.cli imports this module

    return progress_for(quiet)


def register(main: click.Group, evaluate: click.Group) -> None:
    @main.command("control")
    @click.option("--db", default="sitrep.duckdb", show_default=True, type=click.Path(dir_okay=False), help="DuckDB file.")
    @click.option("--place", help="Only places whose name contains this (case-insensitive).")
    @click.option("--as-of", "as_of", callback=_check_day, metavar="YYYY-MM-DD",
                  help="Who holds each place on this date (instead of the whole timeline).")
    @click.option("--country", help="Only this country: ISO2 (IQ), ISO3 (IRQ) or name (Iraq).")
    @click.option("--format", "fmt", type=click.Choice(["table", "csv", "geojson"]), default="table", show_default=True)
    @click.option("-o", "--output", default="-", help="File to write; `-` is stdout.")
    def control(db, place, as_of, country, fmt, output):
        """Territorial control: who holds which place from which date, on which evidence.

        Built from stored events that change who holds a place (Government regains territory,
        Non-state actor overtakes territory, Non-violent transfer of territory, withdrawals).

        \b
        Examples:
          sitrep control --place "Altun Kupri"
          sitrep control --as-of 2017-10-21 --country IQ
          sitrep control --format csv -o control.csv
          sitrep control --as-of 2017-10-21 --format geojson -o control.geojson
        """
        from sitrep.store.control import control_as_of, control_timeline, write_holdings

        with _open_read_only(db) as store:
            if as_of:
                holdings = control_as_of(store, as_of, country=country, place=place)
            else:
                holdings = [h for items in control_timeline(store, place, country).values() for h in items]
                holdings.sort(key=lambda h: (h.location.casefold(), h.since))
        if not holdings:
            click.echo("sitrep: no control changes match" + (f" (place {place!r})" if place else ""), err=True)
        stream = sys.stdout if output == "-" else open(output, "w", encoding="utf-8", newline="")
        try:
            if fmt == "table":
                for line in _table(holdings):
                    stream.write(line + "\n")
            else:
                write_holdings(holdings, fmt, stream)
        finally:
            if stream is not sys.stdout:
                stream.close()
        if output != "-":
            click.echo(f"{len(holdings)} holdings written to {output}", err=True)

    @main.command("history")
    @click.argument("incident_id")
    @click.option("--db", default="sitrep.duckdb", show_default=True, type=click.Path(dir_okay=False), help="DuckDB file.")
    @click.option("--format", "fmt", type=click.Choice(["table", "jsonl"]), default="table", show_default=True)
    def history(incident_id, db, fmt):
        """Which article set or changed which field of an incident, in ingestion order.

        \b
        Examples:
          sitrep history inc-4b54c887bdd23ec1-1
          sitrep history inc-4b54c887bdd23ec1-1 --format jsonl
        """
        from sitrep.store.control import incident_history

        with _open_read_only(db) as store:
            rows = incident_history(store, incident_id)
        if not rows:
            click.echo(f"sitrep: error: {incident_id}: no history (unknown incident, or stored before history was kept)", err=True)
            sys.exit(EXIT_FAILED)
        for row in rows:
            if fmt == "jsonl":
                click.echo(json.dumps(row, ensure_ascii=False))
            else:
                old = "" if row["old"] is None else f"{row['old']} -> "
                click.echo(f"{row['article_id']}  {row['source'] or '-'}  {row['field']}: {old}{row['new']}")

    @evaluate.command("incidents")
    @click.argument("paths", nargs=-1, type=click.Path(exists=True, dir_okay=False))
    @click.option("--mode", type=click.Choice(["pipeline", "gold"]), default="pipeline", show_default=True,
                  help="pipeline: notes and second reports through the whole pipeline; gold: ACLED's own columns as events (over-merging of the rule only).")
    @click.option("--all", "all_files", is_flag=True, help="Both ACLED extracts in ../shared (15,000 notes) instead of the 2020 one.")
    @click.option("--limit", type=int, default=0, help="At most this many notes per file.")
    @click.option("--json", "json_path", type=click.Path(dir_okay=False), help="Write the full report here.")
    @click.option("-q", "--quiet", is_flag=True, help="No progress bar.")
    def eval_incidents(paths, mode, all_files, limit, json_path, quiet):
        """Cross-article merging: pairwise precision/recall and B-cubed F1.

        Every ACLED row is a distinct event, so joining two notes is a false merge; each of the
        second reports shipped with sitrep (the same facts as one ACLED note from the TRAIN part,
        in other words) should join its note. Items are stored one article at a time.

        \b
        Examples:
          sitrep eval incidents
          sitrep eval incidents --mode gold --all
          sitrep eval incidents --limit 500 --json incidents.json
        """
        from sitrep.evaluate.corpora import shared_dir
        from sitrep.evaluate.incidents import ALL_FILES, DEFAULT_FILES, evaluate_incidents, report_lines

        if not paths:
            shared = shared_dir()
            if shared is None:
                click.echo("sitrep: error: ../shared not found; name ACLED CSV files", err=True)
                sys.exit(EXIT_FAILED)
            paths = tuple(str(shared / name) for name in (ALL_FILES if all_files else DEFAULT_FILES))
        report = evaluate_incidents([Path(p) for p in paths], mode=mode, limit=limit, progress=_progress(quiet))
        for line in report_lines(report):
            click.echo(line)
        if json_path:
            Path(json_path).write_text(json.dumps(report, indent=1), encoding="utf-8")
            click.echo(f"full report written to {json_path}", err=True)

    @evaluate.command("plover")
    @click.argument("path", required=False, type=click.Path(exists=True, dir_okay=False))
    @click.option("--json", "json_path", type=click.Path(dir_okay=False), help="Write the full report (one row per record) here.")
    def eval_plover(path, json_path):
        """PLOVER event types, actors and recipients against the PLOVER gold records.

        PATH defaults to ../shared/data/plover/PLOVER_GSR_CAMEO.txt (JSON-like; read leniently).

        \b
        Examples:
          sitrep eval plover
          sitrep eval plover --json plover.json
        """
        from sitrep.evaluate.plover import evaluate_plover, report_lines

        try:
            report = evaluate_plover(Path(path) if path else None)
        except FileNotFoundError as error:
            click.echo(f"sitrep: error: {error}", err=True)
            sys.exit(EXIT_FAILED)
        for line in report_lines(report):
            click.echo(line)
        if json_path:
            Path(json_path).write_text(json.dumps(report, indent=1, default=str), encoding="utf-8")
            click.echo(f"full report written to {json_path}", err=True)


def _table(holdings) -> list[str]:
    lines = []
    for h in holdings:
        change = h.change
        period = f"{h.since} .. {h.until or 'now'}"
        holder = h.holder or "(withdrawn; holder unknown)"
        before = change.previous_holder or "?"
        lines.append(f"{h.location} ({change.iso3 or change.country}): {before} -> {holder}  {period}  "
                     f"[{change.sub_event_type or change.kind}; {change.incident_id}]")
        evidence = [s.text for s in change.evidence if s.field in ("sub_event_type", "event_type", "trigger")]
        if evidence:
            lines.append(f"    evidence: {' | '.join(dict.fromkeys(evidence))}")
    return lines
