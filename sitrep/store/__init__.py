"""Store stage: a DuckDB file of articles, events and incidents, and its exports."""
from sitrep.store.db import DEFAULT_PATH, Store, StoreError, open_store
from sitrep.store.export import FORMATS, export, write_records
from sitrep.store.migrations import LATEST_VERSION, MIGRATIONS

__all__ = [
    "DEFAULT_PATH", "FORMATS", "LATEST_VERSION", "MIGRATIONS", "Store", "StoreError", "export",
    "open_store", "write_records",
]
