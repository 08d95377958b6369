//! Adding stories to a store.

use std::path::Path;
use std::time::{Duration, Instant};

use herald_core::{EventRecord, Provenance, Span, Value};
use herald_input::Story;
use rusqlite::{params, Connection, OptionalExtension, Transaction, TransactionBehavior};
use sha2::{Digest, Sha256};

use crate::{open_error, schema, StoreError};

/// What makes two inputs the same story, so that a re-run skips it.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct StoryKey {
    key: String,
    text_hash: String,
}

impl StoryKey {
    /// The key of `story`: its id when the input gave one (a JSONL `id`),
    /// else the SHA-256 of its text.
    ///
    /// `herald-input` makes up an id when the input has none: `<file>:<line>`
    /// for a JSONL line, the file name for a text file, `stdin` for text on
    /// stdin. These name a place, not a story: two articles both called
    /// `story.txt` in two directories, or two texts piped in on two runs,
    /// are different stories, and the same text moved elsewhere is the same
    /// story. So such stories are keyed by their text.
    pub fn of(story: &Story) -> StoryKey {
        let text_hash = sha256_hex(&story.text);
        let key = if has_made_up_id(story) {
            format!("sha256:{text_hash}")
        } else {
            format!("id:{}", story.id)
        };
        StoryKey { key, text_hash }
    }

    /// The key as stored in `stories.key`.
    pub fn as_str(&self) -> &str {
        &self.key
    }
}

/// Whether `story.id` is one of `herald-input`'s made-up ids (see [`StoryKey::of`]).
fn has_made_up_id(story: &Story) -> bool {
    let origin = &story.origin;
    if story.id == origin.to_string() {
        return true;
    }
    // A text file or stdin text is one story, whose origin is its line 1.
    let file_name = Path::new(&origin.file).file_name().and_then(|n| n.to_str());
    origin.line == 1
        && (file_name == Some(story.id.as_str())
            || (origin.file == "<stdin>" && story.id == "stdin"))
}

fn sha256_hex(text: &str) -> String {
    Sha256::digest(text.as_bytes()).iter().map(|b| format!("{b:02x}")).collect()
}

/// How long a writer waits for another to release the file.
const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// Opens a store for writing, creating it if the file does not exist.
pub struct Writer {
    conn: Connection,
    /// `INSERT INTO events`, with the event schema's columns.
    insert_event: String,
}

impl Writer {
    /// Opens or creates the store at `path`. A file that is neither a
    /// herald store nor empty is refused before anything is written to it.
    pub fn open(path: &Path) -> Result<Writer, StoreError> {
        let name = path.display().to_string();
        let mut conn = Connection::open(path).map_err(|e| open_error(&name, e))?;
        conn.busy_timeout(BUSY_TIMEOUT).map_err(|e| open_error(&name, e))?;
        // Only reads until the file is known to be ours: switching to WAL
        // below rewrites the header of any SQLite file.
        let ours = schema::is_empty(&conn).and_then(|empty| {
            if empty {
                Ok(())
            } else {
                schema::check(&conn, &name).map(drop)
            }
        });
        ours.map_err(|e| match e {
            StoreError::Sqlite(e) => open_error(&name, e),
            e => e,
        })?;
        // WAL lets `herald serve` read while a store is being filled; with
        // synchronous=NORMAL a killed process loses nothing committed (only
        // a power loss can drop the last transactions). Filling a store
        // updates index pages all over the file in every batch, so the page
        // cache may grow to 256 MiB (SQLite's default is 2 MiB) and
        // checkpoints, which sync to disk, come every 64 MiB of WAL rather
        // than every 4 MiB.
        //
        // Switching to WAL needs the file to itself, and SQLite answers
        // "busy" at once rather than wait when another connection opening
        // it at the same moment holds a lock too (a deadlock otherwise): so
        // it is tried again, for as long as the busy timeout.
        let settings =
            "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;
             PRAGMA cache_size = -262144; PRAGMA wal_autocheckpoint = 16384;";
        let started = Instant::now();
        while let Err(e) = conn.execute_batch(settings) {
            let busy = e.sqlite_error_code() == Some(rusqlite::ErrorCode::DatabaseBusy);
            if !busy || started.elapsed() > BUSY_TIMEOUT {
                return Err(open_error(&name, e));
            }
            std::thread::sleep(Duration::from_millis(10));
        }
        schema::create_or_check(&mut conn, &name)?;
        let names: Vec<&str> = schema::event_columns().map(schema::sql_name).collect();
        let marks: Vec<String> = (5..5 + names.len()).map(|i| format!("?{i}")).collect();
        let insert_event = format!(
            "INSERT INTO events (story, sentence, canonical, day, {}) VALUES (?1, ?2, ?3, ?4, {})",
            names.join(", "),
            marks.join(", ")
        );
        Ok(Writer { conn, insert_event })
    }

    /// Records that the stories added from now on are coded by
    /// `provenance`. A store whose stories were coded by another
    /// configuration (or by a herald that did not record one) is refused
    /// with [`StoreError::MixedConfiguration`], unless `allow_mixed`, in
    /// which case `provenance` is added to the store's list.
    pub fn record_provenance(
        &mut self,
        provenance: &Provenance,
        allow_mixed: bool,
    ) -> Result<(), StoreError> {
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let mut known = schema::provenances(&tx)?;
        let has_stories =
            tx.query_row("SELECT 1 FROM stories LIMIT 1", [], |_| Ok(())).optional()?.is_some();
        if !has_stories {
            known.clear();
        }
        if !known.contains(provenance) {
            if has_stories && !allow_mixed {
                let path = tx.path().unwrap_or_default().to_string();
                let differences = match known.last() {
                    Some(last) => differences(last, provenance),
                    None => "a herald that did not record its configuration".to_string(),
                };
                return Err(StoreError::MixedConfiguration { path, differences });
            }
            known.push(provenance.clone());
            let json = serde_json::to_string(&known)
                .map_err(|e| StoreError::Corrupt(format!("provenance: {e}")))?;
            tx.execute(
                "INSERT INTO meta (key, value) VALUES ('provenance', ?1)
                 ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                [json],
            )?;
        }
        Ok(tx.commit()?)
    }

    /// Starts a batch: everything added to it is committed together, or not at all.
    pub fn batch(&mut self) -> Result<Batch<'_>, StoreError> {
        Ok(Batch { tx: self.conn.transaction()?, insert_event: &self.insert_event })
    }
}

impl Drop for Writer {
    fn drop(&mut self) {
        // Refreshes the statistics SQLite's planner uses to pick indexes, as
        // SQLite recommends before closing a connection that wrote. Failing
        // only leaves the old statistics, so the error is not worth reporting.
        let _ = self.conn.execute_batch("PRAGMA optimize;");
    }
}

/// What [`Batch::add_story`] did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Added {
    /// The story was stored with this many events (0: status `no_events`).
    Stored {
        /// Events stored.
        events: usize,
    },
    /// A story with the same key was already stored; nothing was added.
    AlreadyStored,
}

/// A transaction adding stories and rejected inputs. Dropping it without
/// [`Batch::commit`] rolls everything back.
pub struct Batch<'w> {
    tx: Transaction<'w>,
    insert_event: &'w str,
}

impl Batch<'_> {
    /// Adds a coded story: the story, its sentences (spans into its text, in
    /// order) and its events, as `herald code` outputs them.
    pub fn add_story(
        &mut self,
        story: &Story,
        sentences: &[Span],
        events: &[EventRecord],
    ) -> Result<Added, StoreError> {
        let key = StoryKey::of(story);
        let extra = if story.extra.is_empty() {
            None
        } else {
            Some(serde_json::Value::Object(story.extra.clone()).to_string())
        };
        let status = if events.is_empty() { "no_events" } else { "coded" };
        let inserted = self.tx.prepare_cached(
            "INSERT INTO stories (key, story_id, text_hash, date, day, source, title, text, extra, status, origin)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11) ON CONFLICT (key) DO NOTHING",
        )?
        .execute(params![
            key.key,
            story.id,
            key.text_hash,
            story.date.map(|d| d.to_string()),
            story.date.map(|d| d.to_string()),
            story.source,
            story.title,
            story.text,
            extra,
            status,
            story.origin.to_string(),
        ])?;
        if inserted == 0 {
            return Ok(Added::AlreadyStored);
        }
        let story_row = self.tx.last_insert_rowid();
        let mut insert_sentence = self.tx.prepare_cached(
            "INSERT INTO sentences (story, idx, start, end, text) VALUES (?1, ?2, ?3, ?4, ?5)",
        )?;
        for (idx, span) in sentences.iter().enumerate() {
            insert_sentence.execute(params![
                story_row,
                idx,
                span.start,
                span.end,
                span.slice(&story.text)
            ])?;
        }
        for event in events {
            self.add_event(story_row, event)?;
        }
        Ok(Added::Stored { events: events.len() })
    }

    fn add_event(&self, story_row: i64, e: &EventRecord) -> Result<(), StoreError> {
        let day = e.day().map(|d| d.to_string());
        let location = e.location.as_ref();
        let target = e.target.as_ref();
        let target_key = target.map_or("", |t| t.code.as_str());
        let target_country = target.and_then(|t| t.country.as_deref());
        let goldstein = e.goldstein.map(decimal_f64);
        let (canonical, mentions): (i64, i64) = self
            .tx
            .prepare_cached(
                "INSERT INTO canonical_events (source_code, target_code, source_country, target_country, cameo, root,
                                               plover, quad, goldstein, day, mentions, location_country,
                                               location_admin1, location_lat, location_lon)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, 1, ?11, ?12, ?13, ?14)
                 ON CONFLICT (source_code, target_code, cameo, day) DO UPDATE SET mentions = mentions + 1
                 RETURNING id, mentions",
            )?
            .query_row(
                params![
                    e.source.code,
                    target_key,
                    e.source.country,
                    target_country,
                    e.cameo,
                    e.cameo_root,
                    e.plover,
                    e.quad_class,
                    goldstein,
                    day,
                    location.map(|l| l.country.as_str()),
                    location.and_then(|l| l.admin1.as_deref()),
                    location.map(|l| l.lat),
                    location.map(|l| l.lon),
                ],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )?;
        let mut values: Vec<rusqlite::types::Value> = vec![
            story_row.into(),
            i64::try_from(e.sentence_index).unwrap_or(i64::MAX).into(),
            canonical.into(),
            day.clone().into(),
        ];
        values.extend(schema::event_columns().map(|c| match (c.get)(e) {
            Value::Null => rusqlite::types::Value::Null,
            Value::Text(s) => s.to_string().into(),
            Value::Int(n) => n.into(),
            Value::Float(x) => decimal_f64(x).into(),
            Value::Double(x) => x.into(),
        }));
        self.tx.prepare_cached(self.insert_event)?.execute(rusqlite::params_from_iter(values))?;
        // A new canonical event adds to the counts; a further report of one
        // only adds a mention.
        let new = i64::from(mentions == 1);
        let quad = |q: u8| new * i64::from(e.quad_class == Some(q));
        // A user-defined code has no Goldstein score: it adds to neither the
        // sum nor the number of scored events the mean divides by.
        let scored = new * i64::from(goldstein.is_some());
        let add = (
            new,
            quad(1),
            quad(2),
            quad(3),
            quad(4),
            goldstein.unwrap_or(0.0) * new as f64,
            scored,
        );
        const ADD: &str = "DO UPDATE SET events = events + excluded.events, mentions = mentions + 1,
                q1 = q1 + excluded.q1, q2 = q2 + excluded.q2, q3 = q3 + excluded.q3, q4 = q4 + excluded.q4,
                goldstein_sum = goldstein_sum + excluded.goldstein_sum, scored = scored + excluded.scored";
        self.tx
            .prepare_cached(&format!(
                "INSERT INTO dyads (source_code, target_code, source_country, target_country, events, mentions,
                                    q1, q2, q3, q4, goldstein_sum, scored)
                 VALUES (?1, ?2, ?3, ?4, ?5, 1, ?6, ?7, ?8, ?9, ?10, ?11)
                 ON CONFLICT (source_code, target_code) {ADD}"
            ))?
            .execute(params![e.source.code, target_key, e.source.country, target_country, add.0, add.1, add.2, add.3, add.4, add.5, add.6])?;
        if let Some(day) = &day {
            self.tx
                .prepare_cached(&format!(
                    "INSERT INTO dyad_daily (source_code, target_code, day, source_country, target_country, events,
                                             mentions, q1, q2, q3, q4, goldstein_sum, scored)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, 1, ?7, ?8, ?9, ?10, ?11, ?12)
                     ON CONFLICT (source_code, target_code, day) {ADD}"
                ))?
                .execute(params![
                    e.source.code, target_key, day, e.source.country, target_country, add.0, add.1, add.2, add.3, add.4, add.5,
                    add.6
                ])?;
        }
        Ok(())
    }

    /// Records an input that could not be read as a story: where it is
    /// (`file` or `file:line`) and why. Recording the same one again is a no-op.
    pub fn add_rejected(&mut self, origin: &str, reason: &str) -> Result<(), StoreError> {
        self.tx
            .prepare_cached(
                "INSERT INTO rejected (origin, reason) VALUES (?1, ?2) ON CONFLICT DO NOTHING",
            )?
            .execute(params![origin, reason])?;
        Ok(())
    }

    /// Commits the batch.
    pub fn commit(self) -> Result<(), StoreError> {
        Ok(self.tx.commit()?)
    }
}

/// What differs between the configuration that coded a store and another,
/// in a few words.
fn differences(stored: &Provenance, new: &Provenance) -> String {
    let mut out = Vec::new();
    let mut differ = |what: &str, a: &str, b: &str| {
        if a != b {
            out.push(format!("{what} {a} here, {b} now"));
        }
    };
    differ("herald", &stored.herald, &new.herald);
    differ("conventions", &stored.conventions, &new.conventions);
    differ("syntax", &stored.syntax, &new.syntax);
    let model =
        |p: &Provenance| p.model.as_deref().map_or("none", |m| &m[..m.len().min(12)]).to_string();
    differ("model", &model(stored), &model(new));
    let changed: Vec<&str> = new
        .dictionaries
        .iter()
        .filter(|d| !stored.dictionaries.contains(d))
        .map(|d| d.name.as_str())
        .chain(
            stored
                .dictionaries
                .iter()
                .filter(|d| !new.dictionaries.iter().any(|n| n.name == d.name))
                .map(|d| d.name.as_str()),
        )
        .collect();
    if !changed.is_empty() {
        out.push(format!("dictionaries differ: {}", changed.join(", ")));
    }
    out.join("; ")
}

/// The `f64` written like `value`: Goldstein scores are decimals (`2.8`),
/// and widening the `f32` directly would store `2.799999952316284`.
fn decimal_f64(value: f32) -> f64 {
    value.to_string().parse().unwrap_or(f64::from(value))
}
