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

# The same columns by name, for views that must list them (a view over `*` would change shape
# when a later migration adds a column).
_EVENT_COLUMN_NAMES = ", ".join(
    line.split()[0] for line in _EVENT_COLUMNS_DDL.strip().splitlines() if line.strip()
)

# Step 3's SQL, named so that sitrep.store.control can also create the tables on a file that was
# opened read-only before step 3 (hence IF NOT EXISTS: running it twice changes nothing).
CONTROL_AND_HISTORY_SQL = """
    CREATE SEQUENCE IF NOT EXISTS history_seq START 1;
    CREATE TABLE IF NOT EXISTS control_changes (
        incident_id VARCHAR PRIMARY KEY,
        event_id VARCHAR,
        place_key VARCHAR NOT NULL,
        location VARCHAR,
        country VARCHAR,
        iso3 VARCHAR,
        admin1 VARCHAR,
        latitude DOUBLE,
        longitude DOUBLE,
        geonameid BIGINT,
        geo_precision INTEGER,
        change_date DATE NOT NULL,
        time_precision INTEGER,
        holder VARCHAR,
        holder_inter INTEGER,
        previous_holder VARCHAR,
        kind VARCHAR,
        sub_event_type VARCHAR,
        evidence JSON
    );
    CREATE TABLE IF NOT EXISTS incident_history (
        incident_id VARCHAR NOT NULL,
        article_id VARCHAR NOT NULL,
        event_id VARCHAR,
        field VARCHAR NOT NULL,
        old_value VARCHAR,
        new_value VARCHAR,
        seq BIGINT DEFAULT nextval('history_seq')
    )
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
    # 2: analysts' reviews (sitrep/store/review.py). The pipeline's rows are never changed by a
    # review: decisions live in their own tables, keyed by the pipeline's deterministic ids, so a
    # re-run cannot discard them. `reviews` is the append-only audit (who, when, before, after);
    # reviewed_* hold the records as reviewed, rebuilt from the decisions; the *_current views
    # are what the API and the reviewed exports read: pipeline rows, reviewed ones replaced.
    f"""
    CREATE SEQUENCE review_seq START 1;
    CREATE TABLE reviews (
        review_id BIGINT PRIMARY KEY DEFAULT nextval('review_seq'),
        made_at TIMESTAMP NOT NULL DEFAULT current_timestamp,
        who VARCHAR NOT NULL,
        target_kind VARCHAR NOT NULL,
        target_id VARCHAR NOT NULL,
        action VARCHAR NOT NULL,
        before JSON,
        after JSON,
        note VARCHAR
    );
    CREATE TABLE event_reviews (
        event_id VARCHAR PRIMARY KEY,
        status VARCHAR NOT NULL,
        changes JSON NOT NULL,
        who VARCHAR,
        decided_at TIMESTAMP
    );
    CREATE TABLE incident_reviews (
        incident_id VARCHAR PRIMARY KEY,
        status VARCHAR NOT NULL,
        changes JSON NOT NULL,
        merged_into VARCHAR,
        who VARCHAR,
        decided_at TIMESTAMP
    );
    CREATE TABLE event_links (
        event_id VARCHAR PRIMARY KEY,
        incident_id VARCHAR NOT NULL,
        who VARCHAR,
        decided_at TIMESTAMP
    );
    CREATE TABLE reviewed_events (
        event_id VARCHAR PRIMARY KEY,
        {_EVENT_COLUMNS_DDL},
        incident_id VARCHAR NOT NULL,
        seq BIGINT,
        review_status VARCHAR,
        reviewed_fields VARCHAR,
        reviewed_by VARCHAR,
        reviewed_at TIMESTAMP
    );
    CREATE TABLE reviewed_incidents (
        incident_id VARCHAR PRIMARY KEY,
        event_id VARCHAR,
        {_EVENT_COLUMNS_DDL},
        seq BIGINT,
        review_status VARCHAR,
        reviewed_fields VARCHAR,
        reviewed_by VARCHAR,
        reviewed_at TIMESTAMP
    );
    CREATE VIEW events_current AS
        SELECT event_id, {_EVENT_COLUMN_NAMES}, incident_id, seq,
               'unreviewed' AS review_status, '' AS reviewed_fields,
               CAST(NULL AS VARCHAR) AS reviewed_by, CAST(NULL AS TIMESTAMP) AS reviewed_at
        FROM events WHERE event_id NOT IN (SELECT event_id FROM reviewed_events)
        UNION ALL
        SELECT event_id, {_EVENT_COLUMN_NAMES}, incident_id, seq,
               review_status, reviewed_fields, reviewed_by, reviewed_at
        FROM reviewed_events;
    CREATE VIEW incidents_current AS
        SELECT incident_id, event_id, {_EVENT_COLUMN_NAMES}, seq,
               'unreviewed' AS review_status, '' AS reviewed_fields,
               CAST(NULL AS VARCHAR) AS reviewed_by, CAST(NULL AS TIMESTAMP) AS reviewed_at
        FROM incidents WHERE incident_id NOT IN (SELECT incident_id FROM reviewed_incidents)
        UNION ALL
        SELECT incident_id, event_id, {_EVENT_COLUMN_NAMES}, seq,
               review_status, reviewed_fields, reviewed_by, reviewed_at
        FROM reviewed_incidents WHERE review_status NOT IN ('merged', 'empty');
    """,
    # 3: the territorial control timeline (control_changes: one row per incident that changes
    # who holds a place) and incident field history (incident_history: which article set or
    # changed which field). Kept by sitrep/store/control.py while the store merges.
    CONTROL_AND_HISTORY_SQL,
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
