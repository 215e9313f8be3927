"""Exports: CSV with ACLED's columns, JSONL, GeoJSON and Parquet, from the store or from records.

``write_records`` needs no database (``sitrep extract --format ...`` streams with it);
``export`` reads a store and writes through the same writers.
"""
from __future__ import annotations

import contextlib
import csv
import io
import json
import sys
from pathlib import Path
from typing import IO, Any, Iterable, Iterator, Optional, Union

from sitrep.records import ACLED_COLUMNS, Event, Incident

FORMATS = ("csv", "jsonl", "geojson", "parquet")
KINDS = ("events", "incidents")
# ACLED's columns first in ACLED's order, so the file drops into ACLED tooling; then sitrep's.
EVENT_CSV_COLUMNS = ACLED_COLUMNS + ["plover_type", "confidence", "evidence"]
INCIDENT_CSV_COLUMNS = EVENT_CSV_COLUMNS + ["incident_id", "sources"]
PARQUET_BATCH = 10_000

Output = Union[str, Path, IO[str], IO[bytes]]


def columns_for(kind: str) -> list[str]:
    _check_kind(kind)
    return INCIDENT_CSV_COLUMNS if kind == "incidents" else EVENT_CSV_COLUMNS


def export(store: Any, kind: str = "events", fmt: str = "csv", out: Output = "-", reviewed: bool = True) -> int:
    """Write the store's events or incidents to ``out`` (a path, "-" for stdout, or a stream).

    With ``reviewed`` (the default) records carry the analysts' values and say so in
    review_status, reviewed_fields, reviewed_by and reviewed_at; rejected records are left out.
    Returns the number of records written. Parquet needs a path or a binary stream.
    """
    _check_kind(kind)
    if reviewed:  # every opened store is migrated, so the review views are there
        from sitrep.store.review import REVIEW_MARK_COLUMNS

        return write_records(_reviewed_rows(store, kind), fmt, out, kind=kind, extra_columns=REVIEW_MARK_COLUMNS)
    records = store.iter_events() if kind == "events" else store.iter_incidents()
    return write_records(records, fmt, out, kind=kind)


class _ReviewedRow:
    """A reviewed record (a dict from the store's current views) where a writer expects an Event."""

    def __init__(self, data: dict[str, Any]):
        self.data = data
        self.latitude, self.longitude = data.get("latitude"), data.get("longitude")

    def to_dict(self) -> dict[str, Any]:
        return self.data


def _reviewed_rows(store: Any, kind: str) -> Iterator[_ReviewedRow]:
    from sitrep.store import browse

    # browse.Filters() leaves rejected records out
    return (_ReviewedRow(record) for record in browse.reviewed_records(store.connection, kind, browse.Filters(),
                                                                       batch=PARQUET_BATCH))


def write_records(
    records: Iterable[Event], fmt: str, stream: Output = "-", kind: Optional[str] = None,
    extra_columns: Optional[list[str]] = None,
) -> int:
    """Write records (events or incidents) in ``fmt``; streams, except Parquet which batches.

    ``kind`` picks the columns; by default it follows the first record (Incident -> incidents).
    Returns the number of records written.
    """
    if fmt not in FORMATS:
        raise ValueError(f"format must be one of {', '.join(FORMATS)}, not {fmt!r}")
    records, kind = _peek_kind(iter(records), kind)
    binary = fmt == "parquet"
    with _opened(stream, binary) as out:
        extra = extra_columns or []
        if fmt == "csv":
            return _write_csv(records, kind, out, extra)
        if fmt == "jsonl":
            return _write_jsonl(records, out)
        if fmt == "geojson":
            return _write_geojson(records, out)
        return _write_parquet(records, kind, out, extra)


# -- formats ------------------------------------------------------------------------------------


def _write_csv(records: Iterator[Event], kind: str, out: IO[str], extra: list[str] = ()) -> int:
    columns = columns_for(kind) + list(extra)
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    count = 0
    for record in records:
        row = record.to_dict()
        writer.writerow([csv_cell(row.get(name)) for name in columns])
        count += 1
    return count


def csv_cell(value: Any) -> Any:
    """A CSV cell: empty for None, compact JSON for lists and dicts (evidence, sources)."""
    if value is None:
        return ""
    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return value


def _write_jsonl(records: Iterator[Event], out: IO[str]) -> int:
    count = 0
    for record in records:
        out.write(json.dumps(_json_safe(record.to_dict()), ensure_ascii=False) + "\n")
        count += 1
    return count


def _write_geojson(records: Iterator[Event], out: IO[str]) -> int:
    """A FeatureCollection of Points; records without coordinates are left out (a map needs one)."""
    out.write('{"type": "FeatureCollection", "features": [')
    count = 0
    for record in records:
        if record.latitude is None or record.longitude is None:
            continue
        feature = {
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [record.longitude, record.latitude]},
            "properties": _json_safe(record.to_dict()),
        }
        out.write(("\n" if count == 0 else ",\n") + json.dumps(feature, ensure_ascii=False))
        count += 1
    out.write("\n]}\n")
    return count


def _json_safe(row: dict[str, Any]) -> dict[str, Any]:
    """Dates and times from the store as ISO text."""
    return {k: (v.isoformat() if hasattr(v, "isoformat") else v) for k, v in row.items()}


def _write_parquet(records: Iterator[Event], kind: str, out: IO[bytes], extra: list[str] = ()) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = parquet_schema(kind)
    for name in extra:
        schema = schema.append(pa.field(name, pa.string()))
    count = 0
    with pq.ParquetWriter(out, schema) as writer:
        batch: list[dict[str, Any]] = []
        for record in records:
            batch.append(_parquet_row(record))
            count += 1
            if len(batch) >= PARQUET_BATCH:
                writer.write_table(pa.Table.from_pylist(batch, schema=schema))
                batch = []
        # an empty export still gets a valid file with the schema
        writer.write_table(pa.Table.from_pylist(batch, schema=schema))
    return count


def parquet_schema(kind: str):
    """Typed columns in CSV order; evidence and sources are nested lists, not JSON strings."""
    import pyarrow as pa

    integers = {"time_precision", "inter1", "inter2", "interaction", "geo_precision", "fatalities"}
    floats = {"latitude", "longitude", "confidence"}
    span = pa.struct([("field", pa.string()), ("start", pa.int64()), ("end", pa.int64()), ("text", pa.string())])
    source = pa.struct([
        ("article_id", pa.string()), ("source", pa.string()), ("source_url", pa.string()),
        ("published", pa.string()),
    ])
    fields = []
    for name in columns_for(kind):
        if name == "event_date":
            kind_of = pa.date32()
        elif name == "geonameid":
            kind_of = pa.int64()
        elif name in integers:
            kind_of = pa.int32()
        elif name in floats:
            kind_of = pa.float64()
        elif name == "evidence":
            kind_of = pa.list_(span)
        elif name == "sources":
            kind_of = pa.list_(source)
        else:
            kind_of = pa.string()
        fields.append(pa.field(name, kind_of))
    return pa.schema(fields)


def _parquet_row(record: Event) -> dict[str, Any]:
    from datetime import date

    row = dict(record.to_dict())
    if row.get("event_date"):
        row["event_date"] = date.fromisoformat(str(row["event_date"])[:10])
    for name in ("reviewed_fields", "reviewed_at", "reviewed_by", "review_status"):
        if name in row and row[name] is not None and not isinstance(row[name], str):
            row[name] = json.dumps(row[name], default=str) if isinstance(row[name], (list, dict)) else str(row[name])
    for source in row.get("sources") or []:
        if isinstance(source, dict) and source.get("published") is not None:
            source["published"] = str(source["published"])
    return row


# -- plumbing -----------------------------------------------------------------------------------


def _peek_kind(records: Iterator[Event], kind: Optional[str]) -> tuple[Iterator[Event], str]:
    if kind is not None:
        _check_kind(kind)
        return records, kind
    first = next(records, None)
    if first is None:
        return iter(()), "events"

    def chained() -> Iterator[Event]:
        yield first
        yield from records

    return chained(), "incidents" if isinstance(first, Incident) else "events"


@contextlib.contextmanager
def _opened(target: Output, binary: bool) -> Iterator[IO[Any]]:
    """A writable stream for a path, "-" (stdout) or an already open stream (left open)."""
    if isinstance(target, (str, Path)) and str(target) != "-":
        if binary:
            with open(target, "wb") as owned:
                yield owned
        else:
            with open(target, "w", encoding="utf-8", newline="") as owned:
                yield owned
        return
    stream: IO[Any] = sys.stdout if isinstance(target, (str, Path)) else target
    if binary and isinstance(stream, io.TextIOBase):
        buffer = getattr(stream, "buffer", None)
        if buffer is None:
            raise ValueError("parquet needs a path or a binary stream")
        stream.flush()
        stream = buffer
    yield stream
    stream.flush()


def _check_kind(kind: str) -> None:
    if kind not in KINDS:
        raise ValueError(f"kind must be 'events' or 'incidents', not {kind!r}")
