"""Front-end libraries, installed from PyPI (XStatic packages), served from their install folders.

Nothing is fetched from a CDN and no copy is kept in this repository: `pip install` brings
Leaflet and Leaflet.markercluster with the rest of sitrep's dependencies.
"""
from __future__ import annotations

import importlib
from pathlib import Path

PACKAGES = {"leaflet": "xstatic.pkg.leaflet", "markercluster": "xstatic.pkg.leaflet_markercluster"}


def vendor_dirs() -> dict[str, Path]:
    """URL name -> folder of the library's files; a missing package is left out (the page says so)."""
    found = {}
    for name, module_name in PACKAGES.items():
        try:
            module = importlib.import_module(module_name)
        except ImportError:
            continue
        folder = Path(module.BASE_DIR)
        if folder.is_dir():
            found[name] = folder
    return found
