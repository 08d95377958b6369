//! The on-disk schema, and the format version that guards it.
//!
//! Bump [`FORMAT_VERSION`] whenever a table, column or meaning changes, and
//! keep the old version's schema in `tests/compat/` so that the test there
//! proves old stores still open (or are refused with a clear error).
//!
//! The `events` table has a column for every event-scope column of the
//! event schema ([`herald_core::COLUMNS`]). A store of an older format
//! lacks the columns added since: a [`crate::Reader`] reads them as null,
//! and a [`crate::Writer`] adds them (null for the events already stored)
//! and raises the store's format version. So a column added to the event
//! schema must be nullable.

use herald_core::{Column, ColumnType, Provenance, Scope, COLUMNS};
use rusqlite::{Connection, OptionalExtension, TransactionBehavior};

use crate::StoreError;

/// The store format this build writes and reads. Version 2 added the
/// `plover_mode` and `plover_context` columns; version 3 the dates' precision
/// and span and the event locations (`events`), and the location of each
/// canonical event (`canonical_events`), which location filters read.
/// Older stores are read, and upgraded when opened for writing.
pub const FORMAT_VERSION: u32 = 3;

/// The first format whose events have locations.
pub(crate) const LOCATIONS_SINCE: u32 = 3;

/// The location columns of `canonical_events` (the location of the event's
/// first report that has one), added in format 3, and their types.
pub(crate) const CANONICAL_LOCATION: [(&str, &str); 4] = [
    ("location_country", "TEXT"),
    ("location_admin1", "TEXT"),
    ("location_lat", "REAL"),
    ("location_lon", "REAL"),
];

/// The oldest format this build reads.
const OLDEST_READABLE: u32 = 1;

/// The schema, less the `events` table and its indexes ([`events_table`]).
///
/// Conventions: days are `YYYY-MM-DD` text, NULL when the date names no full
/// day (a year, a month or a week the text gives); spans are byte offsets `[start, end)` into the story text; in the
/// aggregate tables (`canonical_events`, `dyads`, `dyad_daily`) an event
/// without a target has `target_code = ''`, so that it takes part in the
/// unique keys (SQLite treats NULLs as distinct).
pub(crate) const SCHEMA: &str = r#"
CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

-- One row per stored story. `key` is what makes a story the same story on a
-- re-run: 'id:' || its id, or 'sha256:' || text_hash when the input gave no id.
CREATE TABLE stories (
    id          INTEGER PRIMARY KEY,
    key         TEXT NOT NULL UNIQUE,
    story_id    TEXT NOT NULL,
    text_hash   TEXT NOT NULL,
    date        TEXT,
    day         TEXT,
    source      TEXT,
    title       TEXT,
    text        TEXT NOT NULL,
    extra       TEXT,
    status      TEXT NOT NULL CHECK (status IN ('coded', 'no_events')),
    origin      TEXT NOT NULL,
    ingested_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);

CREATE TABLE sentences (
    story INTEGER NOT NULL REFERENCES stories(id),
    idx   INTEGER NOT NULL,
    start INTEGER NOT NULL,
    end   INTEGER NOT NULL,
    text  TEXT NOT NULL,
    PRIMARY KEY (story, idx)
) WITHOUT ROWID;

-- The same event (dyad, code, day) reported by several stories or sentences:
-- one row here, one row per report in `events`. Aggregates count these rows.
-- Undated events are never merged: without a day there is no way to tell.
-- The location is the first report's: later reports do not move the event.
CREATE TABLE canonical_events (
    id             INTEGER PRIMARY KEY,
    source_code    TEXT NOT NULL,
    target_code    TEXT NOT NULL,
    source_country TEXT,
    target_country TEXT,
    cameo          TEXT NOT NULL,
    root           TEXT NOT NULL,
    plover         TEXT,
    quad           INTEGER,
    goldstein      REAL,
    day            TEXT,
    mentions       INTEGER NOT NULL,
    location_country TEXT,
    location_admin1  TEXT,
    location_lat     REAL,
    location_lon     REAL
);
CREATE UNIQUE INDEX canonical_key ON canonical_events (source_code, target_code, cameo, day);
CREATE INDEX canonical_day ON canonical_events (day);

-- `events` is made by `events_table` from the event schema.

-- Per-dyad totals over canonical events, undated ones included: the network.
CREATE TABLE dyads (
    source_code    TEXT NOT NULL,
    target_code    TEXT NOT NULL,
    source_country TEXT,
    target_country TEXT,
    events         INTEGER NOT NULL,
    mentions       INTEGER NOT NULL,
    q1             INTEGER NOT NULL,
    q2             INTEGER NOT NULL,
    q3             INTEGER NOT NULL,
    q4             INTEGER NOT NULL,
    goldstein_sum  REAL NOT NULL,
    scored         INTEGER NOT NULL,
    PRIMARY KEY (source_code, target_code)
) WITHOUT ROWID;

-- The same per dyad and day, dated canonical events only: timelines.
CREATE TABLE dyad_daily (
    source_code    TEXT NOT NULL,
    target_code    TEXT NOT NULL,
    day            TEXT NOT NULL,
    source_country TEXT,
    target_country TEXT,
    events         INTEGER NOT NULL,
    mentions       INTEGER NOT NULL,
    q1             INTEGER NOT NULL,
    q2             INTEGER NOT NULL,
    q3             INTEGER NOT NULL,
    q4             INTEGER NOT NULL,
    goldstein_sum  REAL NOT NULL,
    scored         INTEGER NOT NULL,
    PRIMARY KEY (source_code, target_code, day)
) WITHOUT ROWID;
CREATE INDEX dyad_daily_day ON dyad_daily (day);

-- Inputs that could not be read as stories. Re-reading the same bad input
-- does not add a row.
CREATE TABLE rejected (
    id     INTEGER PRIMARY KEY,
    origin TEXT NOT NULL,
    reason TEXT NOT NULL,
    at     TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    UNIQUE (origin, reason)
);
"#;

/// The event schema's columns that the `events` table holds: the others
/// are the story's and the sentence's, kept once in their own tables.
pub(crate) fn event_columns() -> impl Iterator<Item = &'static Column> {
    COLUMNS.iter().filter(|c| c.scope == Scope::Event)
}

/// The `events` column of an event-scope column: its name, but for two
/// that format 1 named otherwise.
pub(crate) fn sql_name(column: &Column) -> &'static str {
    match column.name {
        "cameo_root" => "root",
        "quad_class" => "quad",
        name => name,
    }
}

fn sql_type(column: &Column) -> &'static str {
    match column.ty {
        ColumnType::Text => "TEXT",
        ColumnType::Int64 | ColumnType::Int32 => "INTEGER",
        ColumnType::Float32 | ColumnType::Float64 => "REAL",
    }
}

/// `CREATE TABLE events` (the store's ids and the event's day, then the
/// event-scope columns) and its indexes.
fn events_table() -> String {
    let columns: Vec<String> = event_columns()
        .map(|c| {
            let null = if c.nullable { "" } else { " NOT NULL" };
            format!("    {} {}{null}", sql_name(c), sql_type(c))
        })
        .collect();
    format!(
        "CREATE TABLE events (
    id        INTEGER PRIMARY KEY,
    story     INTEGER NOT NULL REFERENCES stories(id),
    sentence  INTEGER NOT NULL,
    canonical INTEGER NOT NULL REFERENCES canonical_events(id),
    day       TEXT,
{}
);
CREATE INDEX events_dyad ON events (source_code, target_code, day);
CREATE INDEX events_target ON events (target_code, day);
CREATE INDEX events_countries ON events (source_country, target_country, day);
CREATE INDEX events_target_country ON events (target_country, day);
CREATE INDEX events_day ON events (day);
CREATE INDEX events_story ON events (story);",
        columns.join(",\n")
    )
}

/// The columns of the `events` table of the store `conn` opens.
pub(crate) fn stored_event_columns(conn: &Connection) -> Result<Vec<String>, StoreError> {
    let mut stmt = conn.prepare("SELECT name FROM pragma_table_info('events')")?;
    let names = stmt.query_map([], |r| r.get(0))?;
    Ok(names.collect::<Result<_, _>>()?)
}

/// Indexes added after format version 1 was first written, for the web
/// page's event lists filtered by CAMEO root or PLOVER type: without them,
/// a filter that matches few events walks every event in day order (0.4 s
/// on a million). A quad class is never rare enough to need one. Indexes
/// change no table or meaning, so they are not part of the format: a store
/// without them reads the same, only slower, and [`create_or_check`] adds
/// them to one.
const ADDED_INDEXES: &str = "
CREATE INDEX IF NOT EXISTS events_root ON events (root, day);
CREATE INDEX IF NOT EXISTS events_plover ON events (plover, day);
";

/// Whether the database has no tables at all (a new or empty file).
pub(crate) fn is_empty(conn: &Connection) -> Result<bool, StoreError> {
    let tables: i64 =
        conn.query_row("SELECT count(*) FROM sqlite_master WHERE type = 'table'", [], |r| {
            r.get(0)
        })?;
    Ok(tables == 0)
}

/// Creates the schema in an empty database, or checks the format version of
/// an existing store, and adds the indexes it lacks. The check and the creation are one IMMEDIATE
/// transaction, so that of several writers opening a new store at once
/// exactly one creates the schema and the others find it.
pub(crate) fn create_or_check(conn: &mut Connection, path: &str) -> Result<(), StoreError> {
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    if is_empty(&tx)? {
        tx.execute_batch(&format!("{SCHEMA}\n{}", events_table()))?;
        tx.execute(
            "INSERT INTO meta (key, value) VALUES ('format_version', ?1)",
            [FORMAT_VERSION.to_string()],
        )?;
        tx.execute(
            "INSERT INTO meta (key, value) VALUES ('created_by', ?1)",
            [concat!("herald-store ", env!("CARGO_PKG_VERSION"))],
        )?;
    } else if check(&tx, path)? < FORMAT_VERSION {
        upgrade(&tx)?;
    }
    tx.execute_batch(ADDED_INDEXES)?;
    Ok(tx.commit()?)
}

/// Adds the event and canonical event columns an older store lacks (null
/// for what it holds: its events have no location), and records the new
/// format.
fn upgrade(conn: &Connection) -> Result<(), StoreError> {
    let present = stored_event_columns(conn)?;
    for c in event_columns().filter(|c| !present.iter().any(|p| p == sql_name(c))) {
        conn.execute_batch(&format!(
            "ALTER TABLE events ADD COLUMN {} {}",
            sql_name(c),
            sql_type(c)
        ))?;
    }
    let mut stmt = conn.prepare("SELECT name FROM pragma_table_info('canonical_events')")?;
    let canonical: Vec<String> = stmt.query_map([], |r| r.get(0))?.collect::<Result<_, _>>()?;
    for (name, ty) in CANONICAL_LOCATION.iter().filter(|(n, _)| !canonical.iter().any(|c| c == n)) {
        conn.execute_batch(&format!("ALTER TABLE canonical_events ADD COLUMN {name} {ty}"))?;
    }
    conn.execute(
        "UPDATE meta SET value = ?1 WHERE key = 'format_version'",
        [FORMAT_VERSION.to_string()],
    )?;
    Ok(())
}

/// The configurations that coded the store's events (`meta` key
/// `provenance`, a JSON array), oldest first; empty for a store filled by
/// a herald that did not record them.
pub(crate) fn provenances(conn: &Connection) -> Result<Vec<Provenance>, StoreError> {
    let json: Option<String> = conn
        .query_row("SELECT value FROM meta WHERE key = 'provenance'", [], |r| r.get(0))
        .optional()?;
    match json {
        None => Ok(Vec::new()),
        Some(json) => serde_json::from_str(&json)
            .map_err(|e| StoreError::Corrupt(format!("meta `provenance`: {e}"))),
    }
}

/// Checks that `conn` holds a herald store of a format this build reads,
/// and returns that format.
pub(crate) fn check(conn: &Connection, path: &str) -> Result<u32, StoreError> {
    let has_meta: bool = conn.query_row(
        "SELECT count(*) > 0 FROM sqlite_master WHERE type = 'table' AND name = 'meta'",
        [],
        |r| r.get(0),
    )?;
    if !has_meta {
        return Err(StoreError::NotAStore { path: path.to_string() });
    }
    let version: Option<String> = conn
        .query_row("SELECT value FROM meta WHERE key = 'format_version'", [], |r| r.get(0))
        .optional()?;
    let Some(found) = version.and_then(|v| v.parse::<u32>().ok()) else {
        return Err(StoreError::NotAStore { path: path.to_string() });
    };
    if !(OLDEST_READABLE..=FORMAT_VERSION).contains(&found) {
        return Err(StoreError::UnsupportedFormat {
            path: path.to_string(),
            found,
            supported: FORMAT_VERSION,
        });
    }
    Ok(found)
}
