"""The server's hold on its DuckDB file: pooled cursors for reads, one writer at a time."""
from __future__ import annotations

import contextlib
import queue
import threading
from typing import Iterator

import duckdb

from sitrep.store import Store, open_store
from sitrep.store.review import refresh


class Database:
    def __init__(self, path: str) -> None:
        self.path = path
        self.store: Store = open_store(path)  # migrates an older file, so reviews have their tables
        self._write_lock = threading.Lock()
        self._idle: "queue.SimpleQueue[duckdb.DuckDBPyConnection]" = queue.SimpleQueue()
        self._cursors: list[duckdb.DuckDBPyConnection] = []
        with self.writing() as con:
            # reports stored by a run since the last start are folded into reviewed incidents
            refresh(con)

    @contextlib.contextmanager
    def reading(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """A cursor for one request alone (a DuckDB connection must not run two queries at once,
        and FastAPI may resolve a dependency and run the endpoint on different threads); it sees
        every committed write. Cursors are reused: making one costs more than most queries."""
        try:
            cursor = self._idle.get_nowait()
        except queue.Empty:
            cursor = self.store.connection.cursor()
            self._cursors.append(cursor)
        try:
            yield cursor
        finally:
            self._idle.put(cursor)

    @contextlib.contextmanager
    def writing(self) -> Iterator[duckdb.DuckDBPyConnection]:
        with self._write_lock:
            yield self.store.connection

    def close(self) -> None:
        for cursor in self._cursors:
            with contextlib.suppress(Exception):
                cursor.close()
        self.store.close()
