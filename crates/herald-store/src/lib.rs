//! herald's event store: coded stories, their sentences and events in an
//! embedded SQLite database, with duplicate reports linked and per-dyad
//! aggregates kept up to date as stories are added.
//!
//! * [`Writer`] adds stories in [`Batch`]es, one transaction per batch, so a
//!   story is stored whole or not at all. A story already in the store (same
//!   id, or same text when the input gave no id) is skipped, which makes a
//!   re-run after a crash store every story exactly once.
//! * [`Reader`] answers queries over a read-only connection: events by actor,
//!   country, dyad, code and date ([`EventFilter`]), and aggregates per dyad
//!   (of actors, or of their countries: [`Rollup`]) and period
//!   ([`AggregateQuery`], [`NetworkQuery`]).
//! * [`Cube`] holds the canonical events' aggregate columns in memory and
//!   answers networks and timelines under any filter in one pass, as the
//!   SQL aggregates would; [`Cube::refresh`] follows the store as it grows.
//!
//! **Duplicate reports.** Events with the same source, target, CAMEO code and
//! day are one *canonical event*; every report of it is kept (with its
//! evidence) and linked to it, and aggregates count canonical events, with
//! the number of reports as `mentions`.
//!
//! **Dates.** An event's day is its date (the date the sentence gives, else
//! the story date) when that is a [`herald_core::Date`]. Events whose date names no full
//! day (`1988`, or no date at all) have no day: they are counted in totals
//! (`Period::All` without a date range) but left out of time buckets and of
//! any date-range filter, and they are never merged as duplicates.
//!
//! **Provenance.** The store records the configuration that coded its
//! events ([`herald_core::Provenance`]: herald version, model, dictionary
//! fingerprints, settings) and refuses to mix in events of another unless
//! told to ([`Writer::record_provenance`]).
//!
//! The schema is versioned ([`FORMAT_VERSION`]); a store written by a newer
//! herald is refused rather than misread.
#![warn(missing_docs)]

mod cube;
#[cfg(feature = "parquet")]
mod parquet;
mod period;
mod read;
mod schema;
mod write;

pub use cube::{Cube, Participant, Places, Point, Totals};
#[cfg(feature = "parquet")]
pub use parquet::write_parquet;
pub use period::{Period, PeriodError};
pub use read::{
    AggregateQuery, BBox, DyadAggregate, EventFilter, NetworkQuery, Page, Reader, Rejected, Rollup,
    RollupError, StoredEvent, StoryInfo, Summary,
};
pub use schema::FORMAT_VERSION;
pub use write::{Added, Batch, StoryKey, Writer};

/// Why a store operation failed.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The database file could not be opened.
    #[error("{path}: cannot open store: {source}")]
    Open {
        /// The path.
        path: String,
        /// SQLite's reason.
        source: rusqlite::Error,
    },
    /// The file is a database, or some other file, but not a herald store.
    #[error("{path}: not a herald store")]
    NotAStore {
        /// The path.
        path: String,
    },
    /// The store was written by a herald with another format version.
    #[error(
        "{path}: store format version {found}, but this herald reads version {supported}{}",
        if found > supported { " (written by a newer herald: upgrade herald to read it)" } else { "" }
    )]
    UnsupportedFormat {
        /// The path.
        path: String,
        /// The store's version.
        found: u32,
        /// The version this build reads and writes.
        supported: u32,
    },
    /// The store's events were coded by another configuration (herald
    /// version, model, dictionaries or settings).
    #[error("{path}: its events were coded with another configuration ({differences})")]
    MixedConfiguration {
        /// The path.
        path: String,
        /// What differs, in a few words.
        differences: String,
    },
    /// A location filter on a store of a format older than locations: its
    /// events have none.
    #[error(
        "{path}: store format version {found} has no event locations (format {since} added them): \
         open it with `herald ingest` to upgrade it (the events it holds keep no location), \
         or ingest the stories again into a new store to locate them"
    )]
    NoLocations {
        /// The path.
        path: String,
        /// The store's version.
        found: u32,
        /// The first version with locations.
        since: u32,
    },
    /// The store holds something this herald cannot read.
    #[error("store: {0}")]
    Corrupt(String),
    /// SQLite failed.
    #[error("sqlite: {0}")]
    Sqlite(#[from] rusqlite::Error),
    /// Writing Parquet failed.
    #[cfg(feature = "parquet")]
    #[error("parquet: {0}")]
    Parquet(#[from] ::parquet::errors::ParquetError),
    /// Building Arrow batches failed.
    #[cfg(feature = "parquet")]
    #[error("arrow: {0}")]
    Arrow(#[from] arrow_schema::ArrowError),
}

/// Maps an error from opening or first touching a file to the reason a user can act on.
fn open_error(path: &str, err: rusqlite::Error) -> StoreError {
    match err.sqlite_error_code() {
        Some(rusqlite::ErrorCode::NotADatabase) => StoreError::NotAStore { path: path.to_string() },
        _ => StoreError::Open { path: path.to_string(), source: err },
    }
}
