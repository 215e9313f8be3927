"""The store's schema, as forward migrations.

``MIGRATIONS[n]`` takes a database at schema version ``n`` to version ``n + 1``. A new file
starts at version 0 and receives every step; an existing file receives the steps it lacks.
Each step runs in its own transaction together with the ``schema_version`` row that records it,
so a failed step leaves the file at the previous version.

How to add a migration
----------------------
1. Append ONE new SQL string to ``MIGRATIONS`` (never edit or reorder a step that has shipped:
   files in the wild were built by it). Statements are separated by ``;``.
2. Write it against the schema as the previous steps left it, e.g.
   ``ALTER TABLE events ADD COLUMN language VARCHAR DEFAULT ''``.
3. If a record gained a field, also add the column to the stored column lists in
   ``sitrep/store/db.py`` (tests check that every ``EVENT_COLUMNS`` name has a column).
4. Add a test that opens a file built by the previous version and checks the new column.
"""
from __future__ import annotations

import duckdb

# Event columns with the types ACLED's fields deserve; shared by events and incidents.
_EVENT_COLUMNS_DDL = """
    article_id VARCHAR NOT NULL,
    event_date DATE,
    time_precision INTEGER,
    event_type VARCHAR,
    sub_event_type VARCHAR,
    actor1 VARCHAR,
    assoc_actor_1 VARCHAR,
    inter1 INTEGER,
    actor2 VARCHAR,
    assoc_actor_2 VARCHAR,
    inter2 INTEGER,
    interaction INTEGER,
    country VARCHAR,
    iso3 VARCHAR,
    admin1 VARCHAR,
    admin2 VARCHAR,
    location VARCHAR,
    latitude DOUBLE,
    longitude DOUBLE,
    geo_precision INTEGER,
    geonameid BIGINT,
    fatalities INTEGER,
    notes VARCHAR,
    source VARCHAR,
    source_url VARCHAR,
    plover_type VARCHAR,
    evidence JSON,
    confidence DOUBLE
"""

MIGRATIONS: list[str] = [
    # 1: articles, events, incidents. Each event names its incident (events.incident_id);
    # incident_events and incident_sources are views over that link.
    # No secondary indexes on incidents: merged incidents are updated in place, and DuckDB's
    # zone maps already make the date-window scans for candidates cheap.
    f"""
    CREATE SEQUENCE article_seq START 1;
    CREATE SEQUENCE event_seq START 1;
    CREATE SEQUENCE incident_seq START 1;
    CREATE TABLE articles (
        id VARCHAR PRIMARY KEY,
        title VARCHAR,
        text VARCHAR NOT NULL,
        published DATE,
        url VARCHAR,
        source VARCHAR,
        ingested_at TIMESTAMP DEFAULT current_timestamp,
        seq BIGINT DEFAULT nextval('article_seq')
    );
    CREATE TABLE events (
        event_id VARCHAR PRIMARY KEY,
        {_EVENT_COLUMNS_DDL},
        incident_id VARCHAR NOT NULL,
        seq BIGINT DEFAULT nextval('event_seq')
    );
    CREATE INDEX events_by_article ON events (article_id);
    CREATE TABLE incidents (
        incident_id VARCHAR PRIMARY KEY,
        event_id VARCHAR,
        {_EVENT_COLUMNS_DDL},
        seq BIGINT DEFAULT nextval('incident_seq')
    );
    CREATE VIEW incident_events AS SELECT incident_id, event_id FROM events;
    CREATE VIEW incident_sources AS
        SELECT ie.incident_id,
               a.id AS article_id,
               coalesce(nullif(a.source, ''), max(e.source), '') AS source,
               coalesce(nullif(a.url, ''), max(e.source_url), '') AS source_url,
               a.published,
               a.seq
        FROM incident_events ie
        JOIN events e ON e.event_id = ie.event_id
        JOIN articles a ON a.id = e.article_id
        GROUP BY ie.incident_id, a.id, a.source, a.url, a.published, a.seq;
    """,
]

LATEST_VERSION = len(MIGRATIONS)


def current_version(con: duckdb.DuckDBPyConnection) -> int:
    """The schema version of an open database (0 for an empty file)."""
    exists = con.execute(
        "SELECT count(*) FROM information_schema.tables WHERE table_name = 'schema_version'"
    ).fetchone()[0]
    if not exists:
        return 0
    return con.execute("SELECT coalesce(max(version), 0) FROM schema_version").fetchone()[0]


def migrate(con: duckdb.DuckDBPyConnection) -> int:
    """Apply the missing steps in order; returns the version reached."""
    con.execute(
        "CREATE TABLE IF NOT EXISTS schema_version ("
        "version INTEGER PRIMARY KEY, applied_at TIMESTAMP DEFAULT current_timestamp)"
    )
    version = current_version(con)
    for number, step in enumerate(MIGRATIONS[version:], start=version + 1):
        con.begin()
        try:
            for statement in _statements(step):
                con.execute(statement)
            con.execute("INSERT INTO schema_version (version) VALUES (?)", [number])
            con.commit()
        except BaseException:
            con.rollback()
            raise
    return current_version(con)


def _statements(step: str) -> list[str]:
    # our steps hold no ';' inside string literals, so a plain split is enough
    return [s.strip() for s in step.split(";") if s.strip()]
