//! Querying a store.

use std::path::Path;

use herald_core::{Date, EventCode, EventRecord, Scope, Span, COLUMNS};
use rusqlite::types::{Value, ValueRef};
use rusqlite::{params_from_iter, Connection, OpenFlags, OptionalExtension, Row};

use crate::{open_error, schema, Period, StoreError, StoryKey};

/// A bounding box in degrees: events whose location lies in it. A box whose
/// west edge is east of its east edge crosses the antimeridian.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct BBox {
    /// West edge (longitude), -180 to 180.
    pub min_lon: f64,
    /// South edge (latitude), -90 to 90.
    pub min_lat: f64,
    /// East edge.
    pub max_lon: f64,
    /// North edge, not south of `min_lat`.
    pub max_lat: f64,
}

impl BBox {
    /// Parses `minlon,minlat,maxlon,maxlat` (the order of GeoJSON and
    /// OpenStreetMap), checking the ranges.
    pub fn parse(text: &str) -> Result<BBox, String> {
        let parts: Vec<&str> = text.split(',').map(str::trim).collect();
        let numbers: Vec<f64> = parts.iter().filter_map(|p| p.parse().ok()).collect();
        let [min_lon, min_lat, max_lon, max_lat] = numbers[..] else {
            return Err(format!("{text:?} is not minlon,minlat,maxlon,maxlat (four numbers)"));
        };
        if parts.len() != 4 {
            return Err(format!("{text:?} is not minlon,minlat,maxlon,maxlat (four numbers)"));
        }
        let lon = |x: f64| (-180.0..=180.0).contains(&x);
        let lat = |y: f64| (-90.0..=90.0).contains(&y);
        if !(lon(min_lon) && lon(max_lon) && lat(min_lat) && lat(max_lat) && min_lat <= max_lat) {
            return Err(format!(
                "{text:?}: longitudes must be within -180..180, latitudes within -90..90, south before north"
            ));
        }
        Ok(BBox { min_lon, min_lat, max_lon, max_lat })
    }

    /// Whether the point lies in the box (edges included).
    pub fn contains(&self, lon: f64, lat: f64) -> bool {
        let in_lon = if self.min_lon <= self.max_lon {
            self.min_lon <= lon && lon <= self.max_lon
        } else {
            lon >= self.min_lon || lon <= self.max_lon
        };
        in_lon && self.min_lat <= lat && lat <= self.max_lat
    }
}

/// Which events a query selects. Every field left `None` selects all; the
/// fields that are set must all match.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct EventFilter {
    /// An actor code, as source or target.
    pub actor: Option<String>,
    /// A country (ISO alpha-3), of the source or the target.
    pub country: Option<String>,
    /// The source actor code (with `target`: a dyad).
    pub source: Option<String>,
    /// The target actor code.
    pub target: Option<String>,
    /// The source's country (with `target_country`: a dyad of countries).
    pub source_country: Option<String>,
    /// The target's country.
    pub target_country: Option<String>,
    /// An exact CAMEO code.
    pub cameo: Option<EventCode>,
    /// A CAMEO root; a longer code stands for its root.
    pub root: Option<EventCode>,
    /// A PLOVER event type, e.g. `ASSAULT`.
    pub plover: Option<String>,
    /// A quad class, 1–4 (verbal/material cooperation, verbal/material
    /// conflict); events with a user-defined code have none.
    pub quad: Option<u8>,
    /// First day, inclusive. A date range leaves out events without a day.
    pub from: Option<Date>,
    /// Last day, inclusive.
    pub to: Option<Date>,
    /// The country (ISO alpha-3) of the event's location: where it
    /// happened, not who took part. Events without a location never match
    /// a location filter.
    pub location_country: Option<String>,
    /// The first-level division of the event's location, by its GeoNames
    /// name (`Sindh`).
    pub location_admin1: Option<String>,
    /// A box the event's location lies in.
    pub bbox: Option<BBox>,
}

impl EventFilter {
    /// Whether the filter needs per-event columns (code, root, PLOVER type)
    /// that the per-dyad aggregate tables do not have.
    fn needs_codes(&self) -> bool {
        self.cameo.is_some()
            || self.root.is_some()
            || self.plover.is_some()
            || self.quad.is_some()
            || self.located()
    }

    /// Whether the filter reads event locations (which the per-dyad
    /// aggregate tables do not have either).
    pub fn located(&self) -> bool {
        self.location_country.is_some() || self.location_admin1.is_some() || self.bbox.is_some()
    }

    /// The `WHERE` conditions (joined by `AND`, `1` when none) and their
    /// parameters, over columns named as in every event and aggregate table,
    /// prefixed with `alias`.
    fn sql(&self, alias: &str) -> (String, Vec<Value>) {
        let mut conds = Vec::new();
        let mut params = Vec::new();
        let mut push = |cond: String, values: Vec<String>| {
            conds.push(cond);
            params.extend(values.into_iter().map(Value::Text));
        };
        let a = alias;
        if let Some(v) = &self.actor {
            push(format!("({a}source_code = ? OR {a}target_code = ?)"), vec![v.clone(), v.clone()]);
        }
        if let Some(v) = &self.country {
            push(
                format!("({a}source_country = ? OR {a}target_country = ?)"),
                vec![v.clone(), v.clone()],
            );
        }
        if let Some(v) = &self.source {
            push(format!("{a}source_code = ?"), vec![v.clone()]);
        }
        if let Some(v) = &self.target {
            push(format!("{a}target_code = ?"), vec![v.clone()]);
        }
        if let Some(v) = &self.source_country {
            push(format!("{a}source_country = ?"), vec![v.clone()]);
        }
        if let Some(v) = &self.target_country {
            push(format!("{a}target_country = ?"), vec![v.clone()]);
        }
        if let Some(v) = &self.cameo {
            push(format!("{a}cameo = ?"), vec![v.to_string()]);
        }
        if let Some(v) = &self.root {
            push(format!("{a}root = ?"), vec![v.root().to_string()]);
        }
        if let Some(v) = &self.plover {
            push(format!("{a}plover = ?"), vec![v.to_ascii_uppercase()]);
        }
        if let Some(v) = &self.from {
            push(format!("{a}day >= ?"), vec![v.to_string()]);
        }
        if let Some(v) = &self.to {
            push(format!("{a}day <= ?"), vec![v.to_string()]);
        }
        if let Some(v) = &self.location_country {
            push(format!("{a}location_country = ?"), vec![v.clone()]);
        }
        if let Some(v) = &self.location_admin1 {
            push(format!("{a}location_admin1 = ?"), vec![v.clone()]);
        }
        if let Some(v) = self.quad {
            conds.push(format!("{a}quad = ?"));
            params.push(Value::Integer(v.into()));
        }
        if let Some(b) = self.bbox {
            let lon = if b.min_lon <= b.max_lon { "AND" } else { "OR" };
            conds.push(format!(
                "{a}location_lat BETWEEN ? AND ? AND ({a}location_lon >= ? {lon} {a}location_lon <= ?)"
            ));
            params.extend([b.min_lat, b.max_lat, b.min_lon, b.max_lon].map(Value::Real));
        }
        if conds.is_empty() {
            conds.push("1".to_string());
        }
        (conds.join(" AND "), params)
    }
}

/// Which slice of a result to return.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Page {
    /// At most this many rows (`None`: all).
    pub limit: Option<u64>,
    /// Rows to skip first.
    pub offset: u64,
}

impl Page {
    /// The values of `LIMIT ? OFFSET ?`.
    fn sql_params(self) -> [Value; 2] {
        // SQLite reads LIMIT -1 as "no limit".
        let limit = self.limit.map_or(-1, |l| i64::try_from(l).unwrap_or(i64::MAX));
        [Value::Integer(limit), Value::Integer(i64::try_from(self.offset).unwrap_or(i64::MAX))]
    }
}

/// One stored event report.
#[derive(Clone, Debug, PartialEq)]
pub struct StoredEvent {
    /// The event's id in the store.
    pub id: i64,
    /// The canonical event this report is linked to.
    pub canonical: i64,
    /// How many reports the canonical event has (this one included).
    pub mentions: u64,
    /// The story's row id in the store ([`Reader::story`]).
    pub story: i64,
    /// The event's day, if its date names one.
    pub day: Option<String>,
    /// The sentence's span in the story text, to turn the record's spans
    /// into offsets within the sentence.
    pub sentence_span: Span,
    /// The event as `herald code` outputs it.
    pub record: EventRecord,
}

impl StoredEvent {
    /// The store's columns that come before the event schema's in a flat
    /// row (`herald query --format csv`, the page's CSV download), as the
    /// Parquet export names them.
    pub const STORE_COLUMNS: [&'static str; 4] = ["event_id", "canonical_id", "mentions", "day"];

    /// The names of a flat row's columns: [`Self::STORE_COLUMNS`], then
    /// every column of `herald_core::COLUMNS`.
    pub fn flat_header() -> impl Iterator<Item = &'static str> {
        Self::STORE_COLUMNS.into_iter().chain(COLUMNS.iter().map(|c| c.name))
    }

    /// The event as a flat row of text fields under [`Self::flat_header`]
    /// (empty for null).
    pub fn flat_row(&self) -> Vec<String> {
        let store = [
            self.id.to_string(),
            self.canonical.to_string(),
            self.mentions.to_string(),
            self.day.clone().unwrap_or_default(),
        ];
        store.into_iter().chain(COLUMNS.iter().map(|c| (c.get)(&self.record).to_csv())).collect()
    }
}

/// A stored story's metadata.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StoryInfo {
    /// Row id in the store.
    pub row: i64,
    /// The story's id.
    pub id: String,
    /// Its date (`YYYY-MM-DD`), if it has a valid one.
    pub date: Option<String>,
    /// Publisher or feed.
    pub source: Option<String>,
    /// Headline.
    pub title: Option<String>,
    /// The JSONL input's `url` field, if it had a text one.
    pub url: Option<String>,
    /// `coded` or `no_events`.
    pub status: String,
    /// Where it was read from (`file` or `file:line`).
    pub origin: String,
    /// Its event reports.
    pub events: u64,
}

/// Counts over the whole store.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Summary {
    /// Stories stored.
    pub stories: u64,
    /// Stories with at least one event.
    pub coded: u64,
    /// Stories coded with no event.
    pub no_events: u64,
    /// Distinct rejected inputs.
    pub rejected: u64,
    /// Event reports.
    pub events: u64,
    /// Canonical events (duplicate reports merged).
    pub canonical_events: u64,
    /// Distinct (source, target) pairs, target-less events included.
    pub dyads: u64,
}

/// A rejected input.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Rejected {
    /// `file` or `file:line`.
    pub origin: String,
    /// Why it was rejected.
    pub reason: String,
    /// When it was first rejected (UTC, ISO 8601).
    pub at: String,
}

/// What the actors of aggregates are: actor codes, or their countries.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Rollup {
    /// Each actor code on its own (`ARMMIL`, `ARMGOV`).
    #[default]
    Actor,
    /// Actors rolled up to their country (`ARMMIL` + `ARMGOV` + `ARM` →
    /// `ARM`); an actor without a country (`IGOUNO`) stays itself.
    Country,
}

/// A roll-up name that is not `actor` or `country`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{0}` is not a roll-up (expected actor or country)")]
pub struct RollupError(pub String);

impl Rollup {
    /// Parses `actor` or `country`.
    pub fn parse(text: &str) -> Result<Rollup, RollupError> {
        match text {
            "actor" => Ok(Rollup::Actor),
            "country" => Ok(Rollup::Country),
            _ => Err(RollupError(text.to_string())),
        }
    }

    /// The name `parse` accepts.
    pub fn as_str(self) -> &'static str {
        match self {
            Rollup::Actor => "actor",
            Rollup::Country => "country",
        }
    }

    /// SQL for the source and the target of a row under this roll-up.
    fn sql_keys(self) -> (&'static str, &'static str) {
        match self {
            Rollup::Actor => ("source_code", "target_code"),
            Rollup::Country => {
                ("coalesce(source_country, source_code)", "coalesce(target_country, target_code)")
            }
        }
    }
}

/// Aggregates per dyad and period over canonical events.
#[derive(Clone, Debug, PartialEq)]
pub struct AggregateQuery {
    /// Which events count.
    pub filter: EventFilter,
    /// How to bucket them in time.
    pub period: Period,
    /// What the dyads are made of.
    pub rollup: Rollup,
}

/// The actor network: the dyads (between two actors) with most canonical
/// events, totalled over the filter's period.
#[derive(Clone, Debug, PartialEq)]
pub struct NetworkQuery {
    /// Which events count.
    pub filter: EventFilter,
    /// What the dyads are made of.
    pub rollup: Rollup,
    /// At most this many dyads.
    pub top: u64,
    /// Only dyads with at least this many events.
    pub min_events: u64,
}

/// One aggregate row: a dyad in one period.
#[derive(Clone, Debug, PartialEq)]
pub struct DyadAggregate {
    /// Source actor code (under [`Rollup::Country`], its country, or its
    /// code if it has none).
    pub source: String,
    /// Target actor code, likewise; `None` for events without a target.
    pub target: Option<String>,
    /// The source's country.
    pub source_country: Option<String>,
    /// The target's country.
    pub target_country: Option<String>,
    /// First day of the period; `None` for [`Period::All`].
    pub period: Option<String>,
    /// Canonical events.
    pub events: u64,
    /// Reports of those events.
    pub mentions: u64,
    /// Canonical events per quad class 1–4 (verbal/material cooperation,
    /// verbal/material conflict).
    pub quad: [u64; 4],
    /// Sum of their Goldstein scores.
    pub goldstein_sum: f64,
    /// How many of them have a Goldstein score (user-defined codes have none).
    pub scored: u64,
}

impl DyadAggregate {
    /// Mean Goldstein score of the canonical events that have one.
    pub fn goldstein_mean(&self) -> Option<f64> {
        (self.scored > 0).then(|| self.goldstein_sum / self.scored as f64)
    }
}

/// The store's own columns of an event row, before the event schema's.
const STORE_COLUMNS: &str = "e.id, e.canonical, c.mentions, e.story, e.day, se.start, se.end";

const EVENT_FROM: &str = "events e JOIN stories s ON s.id = e.story
    JOIN sentences se ON se.story = e.story AND se.idx = e.sentence
    JOIN canonical_events c ON c.id = e.canonical";

/// The `SELECT` list of an event row: the store's columns, then an
/// expression for each column of the event schema. `present` are the
/// columns of the store's `events` table; a column an older store lacks
/// reads as null.
fn event_select(present: &[String]) -> String {
    let exprs = COLUMNS.iter().map(|c| match (c.scope, c.name) {
        (Scope::Story, "story_id") => "s.story_id".to_string(),
        (Scope::Story, "story_source") => "s.source".to_string(),
        (Scope::Story, "story_title") => "s.title".to_string(),
        // Kept with the input's other fields (`stories.extra`).
        (Scope::Story, "story_url") => {
            "CASE json_type(s.extra, '$.url') WHEN 'text' THEN s.extra ->> '$.url' END".to_string()
        }
        (Scope::Sentence, "sentence_index") => "e.sentence".to_string(),
        (Scope::Sentence, "sentence") => "se.text".to_string(),
        (Scope::Event, _) => {
            let name = schema::sql_name(c);
            if present.iter().any(|p| p == name) {
                format!("e.{name}")
            } else {
                "NULL".to_string()
            }
        }
        // A new story or sentence column needs its place in the store;
        // `every_column_has_a_place` fails until it has one.
        _ => "NULL".to_string(),
    });
    std::iter::once(STORE_COLUMNS.to_string()).chain(exprs).collect::<Vec<_>>().join(", ")
}

fn event_row(r: &Row<'_>) -> rusqlite::Result<StoredEvent> {
    let span = |i: usize| -> rusqlite::Result<Span> { Ok(Span::new(r.get(i)?, r.get(i + 1)?)) };
    let mut record = EventRecord::default();
    for (i, c) in COLUMNS.iter().enumerate() {
        let value = match r.get_ref(7 + i)? {
            ValueRef::Null => herald_core::Value::Null,
            ValueRef::Integer(n) => herald_core::Value::Int(n),
            ValueRef::Real(x) if c.ty == herald_core::ColumnType::Float64 => {
                herald_core::Value::Double(x)
            }
            // Stored widened from the f32 Goldstein score; narrowing gives it back.
            ValueRef::Real(x) => herald_core::Value::Float(x as f32),
            ValueRef::Text(t) | ValueRef::Blob(t) => {
                herald_core::Value::Text(std::str::from_utf8(t).map_err(|e| {
                    rusqlite::Error::FromSqlConversionFailure(
                        7 + i,
                        rusqlite::types::Type::Text,
                        Box::new(e),
                    )
                })?)
            }
        };
        (c.set)(&mut record, value);
    }
    Ok(StoredEvent {
        id: r.get(0)?,
        canonical: r.get(1)?,
        mentions: r.get(2)?,
        story: r.get(3)?,
        day: r.get(4)?,
        sentence_span: span(5)?,
        record,
    })
}

/// A read-only view of a store. Cheap to open; not `Sync`, so a server keeps
/// one per worker.
pub struct Reader {
    pub(crate) conn: Connection,
    /// The `SELECT` list of an event row ([`event_select`]).
    select: String,
    /// The store's path, for errors.
    path: String,
    /// The store's format version.
    pub(crate) format: u32,
}

impl Reader {
    /// Opens the store at `path` read-only.
    pub fn open(path: &Path) -> Result<Reader, StoreError> {
        let name = path.display().to_string();
        let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = Connection::open_with_flags(path, flags).map_err(|e| open_error(&name, e))?;
        conn.busy_timeout(std::time::Duration::from_secs(5)).map_err(|e| open_error(&name, e))?;
        let (format, present) = schema::check(&conn, &name)
            .and_then(|format| Ok((format, schema::stored_event_columns(&conn)?)))
            .map_err(|e| match e {
                StoreError::Sqlite(e) => open_error(&name, e),
                e => e,
            })?;
        // Reads pages straight from the operating system's file cache
        // rather than copying each into the connection's own 2 MiB cache:
        // event lists join stories and sentences all over a large store,
        // and a page read is then no system call. The mapping is address
        // space, not memory, shared by every reader of the file.
        conn.pragma_update(None, "mmap_size", 1i64 << 30).map_err(|e| open_error(&name, e))?;
        Ok(Reader { conn, select: event_select(&present), path: name, format })
    }

    /// Refuses a location filter on a store older than locations, whose
    /// tables lack them, rather than answering "nothing is there".
    pub fn check_filter(&self, filter: &EventFilter) -> Result<(), StoreError> {
        if filter.located() && self.format < schema::LOCATIONS_SINCE {
            return Err(StoreError::NoLocations {
                path: self.path.clone(),
                found: self.format,
                since: schema::LOCATIONS_SINCE,
            });
        }
        Ok(())
    }

    /// The configurations that coded the store's events, oldest first
    /// (more than one only if they were mixed on purpose; none if the
    /// store was filled by a herald that did not record them).
    pub fn provenance(&self) -> Result<Vec<herald_core::Provenance>, StoreError> {
        schema::provenances(&self.conn)
    }

    /// Counts over the whole store.
    pub fn summary(&self) -> Result<Summary, StoreError> {
        // One pass over the stories; events and canonical events are summed
        // from the per-dyad totals, which count them too, rather than
        // counted in tables of millions of rows.
        Ok(self.conn.query_row(
            "SELECT count(*), coalesce(sum(status = 'coded'), 0), coalesce(sum(status = 'no_events'), 0),
                    (SELECT count(*) FROM rejected),
                    (SELECT coalesce(sum(mentions), 0) FROM dyads),
                    (SELECT coalesce(sum(events), 0) FROM dyads),
                    (SELECT count(*) FROM dyads)
             FROM stories",
            [],
            |r| {
                Ok(Summary {
                    stories: r.get(0)?,
                    coded: r.get(1)?,
                    no_events: r.get(2)?,
                    rejected: r.get(3)?,
                    events: r.get(4)?,
                    canonical_events: r.get(5)?,
                    dyads: r.get(6)?,
                })
            },
        )?)
    }

    /// Calls `each` with the matching events, ordered by day (undated
    /// first), then in the order they were stored. Streams: memory does not
    /// grow with the number of events.
    pub fn for_each_event<E: From<StoreError>>(
        &self,
        filter: &EventFilter,
        page: Page,
        each: impl FnMut(StoredEvent) -> Result<(), E>,
    ) -> Result<(), E> {
        self.check_filter(filter)?;
        let (cond, mut params) = filter.sql("e.");
        params.extend(page.sql_params());
        self.query_events(&cond, params, "LIMIT ? OFFSET ?", page.limit.is_some(), each)
    }

    /// The matching events; see [`Reader::for_each_event`].
    pub fn events(&self, filter: &EventFilter, page: Page) -> Result<Vec<StoredEvent>, StoreError> {
        let mut out = Vec::new();
        self.for_each_event(filter, page, |e| {
            out.push(e);
            Ok::<(), StoreError>(())
        })?;
        Ok(out)
    }

    /// Up to `limit` matching events that come after the event with id
    /// `after` in the order of [`Reader::for_each_event`] (from the first
    /// if `None`). Paging this way costs the same on every page, where an
    /// offset makes SQLite step over every skipped row; pass the last id
    /// of a page to get the next. `Ok(None)` if no event has id `after`.
    pub fn events_after(
        &self,
        filter: &EventFilter,
        after: Option<i64>,
        limit: u64,
    ) -> Result<Option<Vec<StoredEvent>>, StoreError> {
        self.check_filter(filter)?;
        let (mut cond, mut params) = filter.sql("e.");
        if let Some(id) = after {
            let mut stmt = self.conn.prepare_cached("SELECT day FROM events WHERE id = ?1")?;
            let Some(day) = stmt.query_row([id], |r| r.get::<_, Option<String>>(0)).optional()?
            else {
                return Ok(None);
            };
            // Undated events sort first (NULL is below every day).
            match day {
                Some(day) => {
                    cond.push_str(" AND (e.day, e.id) > (?, ?)");
                    params.push(Value::Text(day));
                }
                None => cond.push_str(" AND (e.day IS NOT NULL OR e.id > ?)"),
            }
            params.push(Value::Integer(id));
        }
        params.push(Value::Integer(i64::try_from(limit).unwrap_or(i64::MAX)));
        let mut out = Vec::new();
        self.query_events(&cond, params, "LIMIT ?", true, |e| {
            out.push(e);
            Ok::<(), StoreError>(())
        })?;
        Ok(Some(out))
    }

    /// Runs the event query with `cond` and a `LIMIT` clause `tail`.
    ///
    /// A page (`paged`) is chosen among the events alone, then joined with
    /// its stories and sentences: a filter SQLite answers from two indexes
    /// (an actor as source or target) sorts every matching event, and
    /// joining them all first costs 25 times more on 50,000 events. A
    /// whole export is read in order from the day index, unsorted.
    fn query_events<E: From<StoreError>>(
        &self,
        cond: &str,
        params: Vec<Value>,
        tail: &str,
        paged: bool,
        mut each: impl FnMut(StoredEvent) -> Result<(), E>,
    ) -> Result<(), E> {
        let sql = if paged {
            let page =
                format!("SELECT e.id FROM events e WHERE {cond} ORDER BY e.day, e.id {tail}");
            let from = EVENT_FROM.replacen(
                "events e",
                &format!("({page}) AS page JOIN events e ON e.id = page.id"),
                1,
            );
            format!("SELECT {} FROM {from} ORDER BY e.day, e.id", self.select)
        } else {
            format!(
                "SELECT {} FROM {EVENT_FROM} WHERE {cond} ORDER BY e.day, e.id {tail}",
                self.select
            )
        };
        let mut stmt = self.conn.prepare_cached(&sql).map_err(StoreError::from)?;
        let mut rows = stmt.query(params_from_iter(params)).map_err(StoreError::from)?;
        while let Some(row) = rows.next().map_err(StoreError::from)? {
            each(event_row(row).map_err(StoreError::from)?)?;
        }
        Ok(())
    }

    /// One event by id.
    pub fn event(&self, id: i64) -> Result<Option<StoredEvent>, StoreError> {
        let sql = format!("SELECT {} FROM {EVENT_FROM} WHERE e.id = ?1", self.select);
        Ok(self.conn.prepare_cached(&sql)?.query_row([id], event_row).optional()?)
    }

    /// Whether a story with this key is stored (committed: a [`crate::Batch`]
    /// still open on another connection is not visible).
    pub fn contains(&self, key: &StoryKey) -> Result<bool, StoreError> {
        let mut stmt = self.conn.prepare_cached("SELECT 1 FROM stories WHERE key = ?1")?;
        Ok(stmt.query_row([key.as_str()], |_| Ok(())).optional()?.is_some())
    }

    /// A story's metadata by row id.
    pub fn story(&self, row: i64) -> Result<Option<StoryInfo>, StoreError> {
        // `extra` holds the JSONL fields herald does not read, as written
        // by the store: always a valid JSON object.
        let sql = "SELECT id, story_id, date, source, title,
                          CASE json_type(extra, '$.url') WHEN 'text' THEN json_extract(extra, '$.url') END,
                          status, origin, (SELECT count(*) FROM events WHERE story = ?1)
                   FROM stories WHERE id = ?1";
        let info = self.conn.prepare_cached(sql)?.query_row([row], |r| {
            Ok(StoryInfo {
                row: r.get(0)?,
                id: r.get(1)?,
                date: r.get(2)?,
                source: r.get(3)?,
                title: r.get(4)?,
                url: r.get(5)?,
                status: r.get(6)?,
                origin: r.get(7)?,
                events: r.get(8)?,
            })
        });
        Ok(info.optional()?)
    }

    /// A page of a story's event reports, in the order of its sentences.
    pub fn story_events(&self, row: i64, page: Page) -> Result<Vec<StoredEvent>, StoreError> {
        let sql = format!(
            "SELECT {} FROM {EVENT_FROM} WHERE e.story = ? ORDER BY e.sentence, e.id LIMIT ? OFFSET ?",
            self.select
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let [limit, offset] = page.sql_params();
        let rows =
            stmt.query_map(params_from_iter([Value::Integer(row), limit, offset]), event_row)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Rejected inputs, oldest first.
    pub fn rejected(&self, page: Page) -> Result<Vec<Rejected>, StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT origin, reason, at FROM rejected ORDER BY id LIMIT ?1 OFFSET ?2",
        )?;
        let rows = stmt.query_map(params_from_iter(page.sql_params()), |r| {
            Ok(Rejected { origin: r.get(0)?, reason: r.get(1)?, at: r.get(2)? })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Whether any event has this dyad (`target` `None`: no target).
    pub fn has_dyad(&self, source: &str, target: Option<&str>) -> Result<bool, StoreError> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT 1 FROM dyads WHERE source_code = ?1 AND target_code = ?2")?;
        Ok(stmt.query_row([source, target.unwrap_or("")], |_| Ok(())).optional()?.is_some())
    }

    /// Aggregates per dyad and period, ordered by dyad then period.
    pub fn aggregate(&self, query: &AggregateQuery) -> Result<Vec<DyadAggregate>, StoreError> {
        self.aggregate_page(query, Page::default())
    }

    /// A page of [`Reader::aggregate`]'s rows: per day, a big store has
    /// about as many rows as events.
    pub fn aggregate_page(
        &self,
        query: &AggregateQuery,
        page: Page,
    ) -> Result<Vec<DyadAggregate>, StoreError> {
        self.aggregate_sql(query, "", "ORDER BY s, t, period", page)
    }

    /// The actor network: totals of the `top` dyads with most canonical
    /// events, between two actors (events without a target are left out).
    pub fn network(&self, query: &NetworkQuery) -> Result<Vec<DyadAggregate>, StoreError> {
        let aggregate = AggregateQuery {
            filter: query.filter.clone(),
            period: Period::All,
            rollup: query.rollup,
        };
        let having = format!("HAVING n_events >= {}", query.min_events);
        self.aggregate_sql(
            &aggregate,
            "AND target_code <> ''",
            &format!("{having} ORDER BY n_events DESC, s, t"),
            Page { limit: Some(query.top), offset: 0 },
        )
    }

    fn aggregate_sql(
        &self,
        query: &AggregateQuery,
        extra: &str,
        order: &str,
        page: Page,
    ) -> Result<Vec<DyadAggregate>, StoreError> {
        let filter = &query.filter;
        self.check_filter(filter)?;
        let dated = query.period != Period::All || filter.from.is_some() || filter.to.is_some();
        let (s, t) = query.rollup.sql_keys();
        // Pick the smallest table that can answer: per-dyad totals, per-dyad
        // days, or (for code filters) the canonical events themselves.
        let (table, sums, group) = if filter.needs_codes() {
            (
                "canonical_events",
                // User-defined codes have no quad class or score: NULLs,
                // which `sum` would return for a group of only those.
                "count(*) AS n_events, sum(mentions), coalesce(sum(quad = 1), 0), coalesce(sum(quad = 2), 0),
                 coalesce(sum(quad = 3), 0), coalesce(sum(quad = 4), 0), total(goldstein), count(goldstein)",
                // `+` keeps SQLite from walking `canonical_key` for the
                // grouping, which costs a table lookup per row and cannot
                // spare the sort anyway (the code sits between dyad and day):
                // a plain scan is five times faster on a million events.
                match query.rollup {
                    Rollup::Actor => "+source_code, +target_code, period",
                    Rollup::Country => "s, t, period",
                },
            )
        } else {
            let sums = "sum(events) AS n_events, sum(mentions), sum(q1), sum(q2), sum(q3), sum(q4), sum(goldstein_sum),
                 sum(scored)";
            (if dated { "dyad_daily" } else { "dyads" }, sums, "s, t, period")
        };
        let (cond, mut params) = filter.sql("");
        params.extend(page.sql_params());
        let undated = if dated { "AND day IS NOT NULL" } else { "" };
        let bucket = query.period.sql_bucket("day");
        let sql = format!(
            "SELECT {s} AS s, {t} AS t, max(source_country), max(target_country), {bucket} AS period, {sums}
             FROM {table} WHERE {cond} {undated} {extra}
             GROUP BY {group} {order} LIMIT ? OFFSET ?"
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map(params_from_iter(params), |r| {
            let target: String = r.get(1)?;
            Ok(DyadAggregate {
                source: r.get(0)?,
                target: (!target.is_empty()).then_some(target),
                source_country: r.get(2)?,
                target_country: r.get(3)?,
                period: r.get(4)?,
                events: r.get(5)?,
                mentions: r.get(6)?,
                quad: [r.get(7)?, r.get(8)?, r.get(9)?, r.get(10)?],
                goldstein_sum: r.get(11)?,
                scored: r.get(12)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_column_has_a_place() {
        let present: Vec<String> =
            schema::event_columns().map(|c| schema::sql_name(c).to_string()).collect();
        let select = event_select(&present);
        assert_eq!(select.matches("NULL").count(), 0, "{select}");
    }
}
