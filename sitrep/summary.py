"""What `sitrep demo` prints: a table of stored incidents, and the exports it writes."""
from __future__ import annotations

from pathlib import Path

from sitrep.store import export, open_store

COLUMNS = [("event_date", 10), ("event_type", 26), ("sub_event_type", 30), ("actor1", 34), ("actor2", 28),
           ("location", 18), ("fatalities", 4), ("sources", 3)]


def _cell(value, width: int) -> str:
    text = "" if value is None else str(value)
    return text if len(text) <= width else text[: width - 1] + "…"


def summary_table(db: str) -> str:
    """Incidents in the store, one line each, newest first."""
    with open_store(db, read_only=True) as store:
        everything = store.incidents()
        incidents = sorted((i for i in everything if i.event_type), key=lambda i: (i.event_date or "", i.event_type), reverse=True)
        verbal = len(everything) - len(incidents)
        counts = store.counts()
    header = "  ".join(name[:width].ljust(width) for name, width in COLUMNS)
    lines = [header, "-" * len(header)]
    for incident in incidents:
        values = {name: getattr(incident, name, "") for name, _ in COLUMNS}
        values["sources"] = len(incident.sources)
        values["fatalities"] = incident.fatalities
        lines.append("  ".join(_cell(values[name], width).ljust(width) for name, width in COLUMNS))
    lines.append(f"{counts.get('articles', 0)} articles, {counts.get('events', 0)} events, "
                 f"{counts.get('incidents', 0)} incidents in {db} ({len(incidents)} ACLED incidents above; "
                 f"{verbal} statements, appeals and other verbal events carry only a PLOVER type)")
    return "\n".join(lines)


def write_exports(db: str, out_dir: str) -> list[str]:
    """Events and incidents in every export format; returns a line per file written."""
    folder = Path(out_dir)
    folder.mkdir(parents=True, exist_ok=True)
    lines = []
    with open_store(db, read_only=True) as store:
        for kind in ("events", "incidents"):
            for fmt in ("csv", "jsonl", "geojson", "parquet"):
                path = folder / f"{kind}.{fmt}"
                count = export(store, kind=kind, fmt=fmt, out=str(path))
                lines.append(f"wrote {path} ({count} {kind})")
    return lines
