"""Exports of the current filter, with the analysts' values: CSV with ACLED's columns, GeoJSON.

Each row says whether it was reviewed: review_status (unreviewed, confirmed, edited, rejected),
reviewed_fields (the fields an analyst changed), reviewed_by and reviewed_at.
"""
from __future__ import annotations

import csv
import io
import json
from typing import Any, Iterator

from fastapi import APIRouter, Depends, Path, Request
from fastapi.responses import StreamingResponse

from sitrep.store import browse
from sitrep.store.browse import Filters
from sitrep.store.export import columns_for, csv_cell
from sitrep.store.review import REVIEW_MARK_COLUMNS
from sitrep.serve.filters import query_filters

router = APIRouter(prefix="/api/export", tags=["export"])


def export_columns(kind: str) -> list[str]:
    return columns_for(kind) + REVIEW_MARK_COLUMNS


def csv_lines(records: Iterator[dict[str, Any]], columns: list[str]) -> Iterator[str]:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(columns)
    for number, record in enumerate(records, start=1):
        writer.writerow([csv_cell(record.get(name)) for name in columns])
        if number % 500 == 0:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()


def geojson_chunks(records: Iterator[dict[str, Any]], columns: list[str]) -> Iterator[str]:
    yield '{"type": "FeatureCollection", "features": ['
    first = True
    for record in records:
        if record.get("latitude") is None or record.get("longitude") is None:
            continue
        feature = {"type": "Feature",
                   "geometry": {"type": "Point", "coordinates": [record["longitude"], record["latitude"]]},
                   "properties": {name: record.get(name) for name in columns}}
        yield ("\n" if first else ",\n") + json.dumps(feature, ensure_ascii=False, default=str)
        first = False
    yield "\n]}\n"


@router.get("/{kind}.{fmt}", summary="Reviewed records of the current filter as CSV (ACLED columns) or GeoJSON")
def export(request: Request, kind: str = Path(pattern="^(events|incidents)$"),
           fmt: str = Path(pattern="^(csv|geojson)$"), filters: Filters = Depends(query_filters)):
    con = request.app.state.database.store.connection.cursor()  # its own: the response streams
    columns = export_columns(kind)
    records = browse.reviewed_records(con, kind, filters)

    def body() -> Iterator[str]:
        try:
            yield from (csv_lines if fmt == "csv" else geojson_chunks)(records, columns)
        finally:
            con.close()

    media = "text/csv" if fmt == "csv" else "application/geo+json"
    headers = {"content-disposition": f'attachment; filename="sitrep-{kind}.{fmt}"'}
    return StreamingResponse(body(), media_type=f"{media}; charset=utf-8", headers=headers)
