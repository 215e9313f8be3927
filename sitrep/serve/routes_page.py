"""The web page, its settings, its vendored libraries (from PyPI packages) and the base map."""
from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter, Request
from fastapi.responses import FileResponse, Response

from sitrep.records import EVENT_TYPES
from sitrep.serve.basemap import countries_geojson

STATIC = Path(__file__).parent / "static"
router = APIRouter()


@router.get("/", include_in_schema=False)
def page() -> FileResponse:
    return FileResponse(STATIC / "index.html", media_type="text/html; charset=utf-8",
                        headers={"cache-control": "no-cache"})


@router.get("/api/config", tags=["page"], summary="What the page needs to know about this server")
def config(request: Request) -> dict:
    settings = request.app.state.settings
    return {"tiles": settings.tiles, "event_types": EVENT_TYPES, "db": Path(settings.db).name,
            "max_body": settings.max_body}


@router.get("/api/basemap/countries.geojson", tags=["page"], summary="Country outlines (Natural Earth)")
def countries() -> Response:
    return Response(countries_geojson(), media_type="application/geo+json",
                    headers={"cache-control": "max-age=86400"})
