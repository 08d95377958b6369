//! Aggregates from memory, for `herald serve`.
//!
//! SQLite groups rows by sorting them: a network under a code filter or a
//! wide date range, or a timeline of the whole store, sorts up to every
//! canonical event, which takes seconds on a million. A [`Cube`] keeps what
//! aggregates read of each canonical event (actors, countries, day, code,
//! mentions, location) in memory, 64 bytes each with strings interned, so that any
//! network or timeline is one pass over memory: milliseconds per million
//! events. It answers exactly as [`Reader::aggregate`] and
//! [`Reader::network`] do (tested), and [`Cube::refresh`] brings it up to
//! date with what was added to the store since, reading only that.

use foldhash::fast::FixedState;
use rusqlite::types::ValueRef;
use rusqlite::{OptionalExtension, Row};

use crate::{DyadAggregate, EventFilter, NetworkQuery, Period, Reader, Rollup, StoreError};

type Map<K, V> = std::collections::HashMap<K, V, FixedState>;

/// No actor, country or day.
const NONE: u32 = u32::MAX;

/// One canonical event, its strings as indexes into the cube's tables.
#[derive(Clone, Copy, Debug)]
struct Entry {
    source: u32,
    target: u32,
    source_country: u32,
    target_country: u32,
    day: u32,
    code: u32,
    mentions: u32,
    /// Where it happened: country and admin1 as keys, `NONE` if unknown.
    location_country: u32,
    location_admin1: u32,
    /// Latitude and longitude, NaN if unknown.
    lat: f64,
    lon: f64,
}

/// What an event's code says: everything code filters and sums read.
#[derive(Clone, Debug, PartialEq)]
struct Code {
    cameo: String,
    root: String,
    plover: Option<String>,
    quad: Option<u8>,
    goldstein: Option<f64>,
}

/// A [`Code`] as a hash key (the score by its bits).
type CodeKey = (String, String, Option<String>, Option<u8>, Option<u64>);

impl Code {
    fn key(&self) -> CodeKey {
        let c = self.clone();
        (c.cameo, c.root, c.plover, c.quad, c.goldstein.map(f64::to_bits))
    }
}

/// A day and the first days of its week and month, as SQL computes them
/// ([`Period::sql_bucket`]), so that buckets agree with the store's.
#[derive(Clone, Debug)]
struct Day {
    day: String,
    week: String,
    month: String,
}

/// Strings numbered in order of first sight.
#[derive(Clone, Debug, Default)]
struct Interner {
    strings: Vec<String>,
    ids: Map<String, u32>,
}

impl Interner {
    fn get(&self, s: &str) -> Option<u32> {
        self.ids.get(s).copied()
    }

    fn intern(&mut self, s: &str) -> u32 {
        if let Some(id) = self.get(s) {
            return id;
        }
        let id = u32::try_from(self.strings.len()).unwrap_or(NONE);
        self.strings.push(s.to_string());
        self.ids.insert(s.to_string(), id);
        id
    }
}

/// Totals of the canonical events in one period (or in all of them).
#[derive(Clone, Debug, PartialEq)]
pub struct Totals {
    /// First day of the period; `None` for [`Period::All`].
    pub period: Option<String>,
    /// Canonical events.
    pub events: u64,
    /// Reports of those events.
    pub mentions: u64,
    /// Canonical events per quad class 1–4.
    pub quad: [u64; 4],
    /// Sum of their Goldstein scores.
    pub goldstein_sum: f64,
    /// How many of them have a Goldstein score.
    pub scored: u64,
}

impl Totals {
    /// Mean Goldstein score of the canonical events that have one.
    pub fn goldstein_mean(&self) -> Option<f64> {
        (self.scored > 0).then(|| self.goldstein_sum / self.scored as f64)
    }
}

/// An actor code, or a country, and the canonical events it takes part in.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Participant {
    /// The actor code, or the country (ISO alpha-3).
    pub code: String,
    /// For an actor, its country, if it has one.
    pub country: Option<String>,
    /// Canonical events with it as source or target (counted once when it
    /// is both).
    pub events: u64,
}

/// Where events happened ([`Cube::places`]).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Places {
    /// Countries (ISO alpha-3) and their canonical events, busiest first.
    pub countries: Vec<(String, u64)>,
    /// Points and their canonical events, busiest first.
    pub points: Vec<Point>,
}

/// A location and the canonical events that happened there.
#[derive(Clone, Debug, PartialEq)]
pub struct Point {
    /// Latitude in degrees.
    pub lat: f64,
    /// Longitude in degrees.
    pub lon: f64,
    /// Its country.
    pub country: String,
    /// Its first-level division, if known.
    pub admin1: Option<String>,
    /// Canonical events there.
    pub events: u64,
}

/// Sums of one group.
#[derive(Clone, Copy, Debug, Default)]
struct Sums {
    events: u64,
    mentions: u64,
    quad: [u64; 4],
    goldstein_sum: f64,
    scored: u64,
}

impl Sums {
    fn add(&mut self, e: &Entry, code: &Code) {
        self.events += 1;
        self.mentions += u64::from(e.mentions);
        if let Some(q @ 1..=4) = code.quad {
            self.quad[usize::from(q - 1)] += 1;
        }
        if let Some(g) = code.goldstein {
            self.goldstein_sum += g;
            self.scored += 1;
        }
    }

    fn merge(&mut self, other: &Sums) {
        self.events += other.events;
        self.mentions += other.mentions;
        for (a, b) in self.quad.iter_mut().zip(other.quad) {
            *a += b;
        }
        self.goldstein_sum += other.goldstein_sum;
        self.scored += other.scored;
    }

    fn totals(self, period: Option<String>) -> Totals {
        Totals {
            period,
            events: self.events,
            mentions: self.mentions,
            quad: self.quad,
            goldstein_sum: self.goldstein_sum,
            scored: self.scored,
        }
    }
}

/// A filter resolved against the cube's tables.
struct Matcher {
    actor: Option<u32>,
    country: Option<u32>,
    source: Option<u32>,
    target: Option<u32>,
    source_country: Option<u32>,
    target_country: Option<u32>,
    /// Per code: whether it passes the code filters (`None`: all do).
    codes: Option<Vec<bool>>,
    /// Per day: whether it is in the date range (`None`: no range).
    days: Option<Vec<bool>>,
    /// Whether undated events are left out.
    dated: bool,
    location_country: Option<u32>,
    location_admin1: Option<u32>,
    bbox: Option<crate::BBox>,
}

impl Matcher {
    fn matches(&self, e: &Entry) -> bool {
        let is = |want: Option<u32>, got: u32| want.is_none_or(|w| w == got);
        let either = |want: Option<u32>, a: u32, b: u32| want.is_none_or(|w| w == a || w == b);
        either(self.actor, e.source, e.target)
            && either(self.country, e.source_country, e.target_country)
            && is(self.source, e.source)
            && is(self.target, e.target)
            && is(self.source_country, e.source_country)
            && is(self.target_country, e.target_country)
            && self.codes.as_ref().is_none_or(|ok| ok[e.code as usize])
            && (!self.dated || e.day != NONE)
            && self.days.as_ref().is_none_or(|ok| e.day != NONE && ok[e.day as usize])
            && is(self.location_country, e.location_country)
            && is(self.location_admin1, e.location_admin1)
            // NaN, an event without a location, lies in no box.
            && self.bbox.is_none_or(|b| b.contains(e.lon, e.lat))
    }
}

/// The canonical events' aggregate columns, in memory. See the module
/// documentation.
#[derive(Clone, Debug, Default)]
pub struct Cube {
    entries: Vec<Entry>,
    /// The canonical id of each entry, ascending.
    ids: Vec<i64>,
    /// Actor codes and countries.
    keys: Interner,
    days: Vec<Day>,
    day_ids: Map<String, u32>,
    codes: Vec<Code>,
    code_ids: Map<CodeKey, u32>,
    /// The last event report read: the store has changed when its last is another.
    last_event: i64,
}

const CANONICAL_COLUMNS: &str =
    "id, source_code, target_code, source_country, target_country, day, cameo, root,
    plover, quad, goldstein, mentions";

/// The location columns, or nulls in a store older than them.
fn location_columns(reader: &Reader) -> &'static str {
    if reader.format >= crate::schema::LOCATIONS_SINCE {
        "location_country, location_admin1, location_lat, location_lon"
    } else {
        "NULL, NULL, NULL, NULL"
    }
}

fn text<'r>(r: &'r Row<'_>, i: usize) -> rusqlite::Result<Option<&'r str>> {
    match r.get_ref(i)? {
        ValueRef::Null => Ok(None),
        ValueRef::Text(t) => {
            std::str::from_utf8(t).map(Some).map_err(|e| rusqlite::Error::Utf8Error(i, e))
        }
        other => {
            Err(rusqlite::Error::InvalidColumnType(i, format!("column {i}"), other.data_type()))
        }
    }
}

impl Cube {
    /// Reads the store's canonical events.
    pub fn load(reader: &Reader) -> Result<Cube, StoreError> {
        let mut cube = Cube::default();
        cube.refresh(reader)?;
        Ok(cube)
    }

    /// Whether nothing was added to the store since the cube last read it.
    pub fn is_current(&self, reader: &Reader) -> Result<bool, StoreError> {
        Ok(last_event(reader)? == self.last_event)
    }

    /// Reads what was added to the store since the cube last read it: new
    /// canonical events, and new reports of the old ones (their mentions).
    pub fn refresh(&mut self, reader: &Reader) -> Result<(), StoreError> {
        // One read transaction: the new events and the last report id are
        // of the same moment, however the store is being written.
        let tx = reader.conn.unchecked_transaction()?;
        let last = last_event(reader)?;
        if last == self.last_event {
            return Ok(());
        }
        if last < self.last_event {
            // Another store now lies at this path: start over.
            *self = Cube::default();
        }
        let known = self.ids.last().copied().unwrap_or(0);
        // The new events are added only once all is read, so that a failed
        // refresh leaves the cube as it was (only its tables may have grown).
        let (mut ids, mut entries): (Vec<i64>, Vec<Entry>) = (Vec::new(), Vec::new());
        let sql = format!(
            "SELECT {CANONICAL_COLUMNS}, {} FROM canonical_events WHERE id > ?1 ORDER BY id",
            location_columns(reader)
        );
        let mut stmt = reader.conn.prepare_cached(&sql)?;
        let mut rows = stmt.query([known])?;
        while let Some(r) = rows.next()? {
            let mut key = |i: usize| -> rusqlite::Result<u32> {
                Ok(match text(r, i)? {
                    Some(s) if !s.is_empty() => self.keys.intern(s),
                    _ => NONE,
                })
            };
            let (source, target, source_country, target_country) =
                (key(1)?, key(2)?, key(3)?, key(4)?);
            let (location_country, location_admin1) = (key(12)?, key(13)?);
            let degrees = |i: usize| -> rusqlite::Result<f64> {
                Ok(r.get::<_, Option<f64>>(i)?.unwrap_or(f64::NAN))
            };
            let (lat, lon) = (degrees(14)?, degrees(15)?);
            let day = match text(r, 5)? {
                Some(d) => self.day(reader, d)?,
                None => NONE,
            };
            let code = Code {
                cameo: r.get(6)?,
                root: r.get(7)?,
                plover: r.get(8)?,
                quad: r.get(9)?,
                goldstein: r.get(10)?,
            };
            let code = *self.code_ids.entry(code.key()).or_insert_with(|| {
                self.codes.push(code);
                u32::try_from(self.codes.len() - 1).unwrap_or(NONE)
            });
            ids.push(r.get(0)?);
            entries.push(Entry {
                source,
                target,
                source_country,
                target_country,
                day,
                code,
                mentions: r.get(11)?,
                location_country,
                location_admin1,
                lat,
                lon,
            });
        }
        // Reports of events read before: each adds a mention. Reports of the
        // new events are already in their `mentions`.
        let mut stmt = reader
            .conn
            .prepare_cached("SELECT canonical FROM events WHERE id > ?1 AND canonical <= ?2")?;
        let mut rows = stmt.query([self.last_event, known])?;
        let mut reported = Vec::new();
        while let Some(r) = rows.next()? {
            if let Ok(i) = self.ids.binary_search(&r.get(0)?) {
                reported.push(i);
            }
        }
        for i in reported {
            self.entries[i].mentions += 1;
        }
        self.ids.extend(ids);
        self.entries.extend(entries);
        self.last_event = last;
        drop(rows);
        drop(stmt);
        tx.finish()?;
        Ok(())
    }

    /// The id of `day`, read with its week and month the first time.
    fn day(&mut self, reader: &Reader, day: &str) -> Result<u32, rusqlite::Error> {
        if let Some(&id) = self.day_ids.get(day) {
            return Ok(id);
        }
        let sql =
            format!("SELECT {}, {}", Period::Week.sql_bucket("?1"), Period::Month.sql_bucket("?1"));
        let (week, month): (Option<String>, Option<String>) = reader
            .conn
            .prepare_cached(&sql)?
            .query_row([day], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?
            .unwrap_or_default();
        let id = u32::try_from(self.days.len()).unwrap_or(NONE);
        self.days.push(Day {
            day: day.to_string(),
            week: week.unwrap_or_default(),
            month: month.unwrap_or_default(),
        });
        self.day_ids.insert(day.to_string(), id);
        Ok(id)
    }

    /// Canonical events in the cube.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether the cube has no events.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The filter as indexes into the cube's tables; `None` if it matches
    /// nothing (it names an actor, country or code the store does not have).
    fn matcher(&self, filter: &EventFilter, dated: bool) -> Option<Matcher> {
        let key = |v: &Option<String>| -> Option<Option<u32>> {
            match v {
                None => Some(None),
                Some(v) => self.keys.get(v).map(Some),
            }
        };
        let codes = (filter.cameo.is_some()
            || filter.root.is_some()
            || filter.plover.is_some()
            || filter.quad.is_some())
        .then(|| {
            let cameo = filter.cameo.map(|c| c.to_string());
            let root = filter.root.map(|c| c.root().to_string());
            let plover = filter.plover.as_ref().map(|p| p.to_ascii_uppercase());
            self.codes
                .iter()
                .map(|c| {
                    cameo.as_ref().is_none_or(|v| *v == c.cameo)
                        && root.as_ref().is_none_or(|v| *v == c.root)
                        && plover.as_ref().is_none_or(|v| c.plover.as_ref() == Some(v))
                        && filter.quad.is_none_or(|q| c.quad == Some(q))
                })
                .collect()
        });
        let ranged = filter.from.is_some() || filter.to.is_some();
        let days = ranged.then(|| {
            let (from, to) = (filter.from.map(|d| d.to_string()), filter.to.map(|d| d.to_string()));
            self.days
                .iter()
                .map(|d| {
                    from.as_ref().is_none_or(|f| d.day >= *f)
                        && to.as_ref().is_none_or(|t| d.day <= *t)
                })
                .collect()
        });
        Some(Matcher {
            actor: key(&filter.actor)?,
            country: key(&filter.country)?,
            source: key(&filter.source)?,
            target: key(&filter.target)?,
            source_country: key(&filter.source_country)?,
            target_country: key(&filter.target_country)?,
            codes,
            days,
            dated: dated || ranged,
            location_country: key(&filter.location_country)?,
            location_admin1: key(&filter.location_admin1)?,
            bbox: filter.bbox,
        })
    }

    /// The events that match, with their codes.
    fn matching<'c>(&'c self, m: &'c Matcher) -> impl Iterator<Item = (&'c Entry, &'c Code)> + 'c {
        self.entries.iter().filter(|e| m.matches(e)).map(|e| (e, &self.codes[e.code as usize]))
    }

    fn string(&self, id: u32) -> Option<&str> {
        self.keys.strings.get(id as usize).map(String::as_str)
    }

    /// An actor's key under a roll-up: its country, if it has one.
    fn rolled(rollup: Rollup, code: u32, country: u32) -> u32 {
        match rollup {
            Rollup::Country if country != NONE => country,
            _ => code,
        }
    }

    /// As [`Reader::network`].
    pub fn network(&self, query: &NetworkQuery) -> Vec<DyadAggregate> {
        let Some(m) = self.matcher(&query.filter, false) else { return Vec::new() };
        // Per dyad: the sums, and the greatest source and target country
        // (as SQL's `max`).
        let mut groups: Map<(u32, u32), (Sums, u32, u32)> = Map::default();
        for (e, code) in self.matching(&m).filter(|(e, _)| e.target != NONE) {
            let key = (
                Cube::rolled(query.rollup, e.source, e.source_country),
                Cube::rolled(query.rollup, e.target, e.target_country),
            );
            let (sums, sc, tc) = groups.entry(key).or_insert((Sums::default(), NONE, NONE));
            sums.add(e, code);
            for (max, country) in [(sc, e.source_country), (tc, e.target_country)] {
                if country != NONE
                    && country != *max
                    && (*max == NONE || self.string(country) > self.string(*max))
                {
                    *max = country;
                }
            }
        }
        let mut rows: Vec<_> =
            groups.into_iter().filter(|(_, (s, _, _))| s.events >= query.min_events).collect();
        let name = |id: u32| self.string(id).unwrap_or_default();
        rows.sort_unstable_by(|((s1, t1), (a, _, _)), ((s2, t2), (b, _, _))| {
            b.events
                .cmp(&a.events)
                .then_with(|| (name(*s1), name(*t1)).cmp(&(name(*s2), name(*t2))))
        });
        rows.truncate(usize::try_from(query.top).unwrap_or(usize::MAX));
        let country = |id: u32| self.string(id).map(str::to_string);
        rows.into_iter()
            .map(|((s, t), (sums, sc, tc))| DyadAggregate {
                source: name(s).to_string(),
                target: Some(name(t).to_string()),
                source_country: country(sc),
                target_country: country(tc),
                period: None,
                events: sums.events,
                mentions: sums.mentions,
                quad: sums.quad,
                goldstein_sum: sums.goldstein_sum,
                scored: sums.scored,
            })
            .collect()
    }

    /// Totals of the matching canonical events per period, in order
    /// (periods without events are left out). [`Period::All`] gives one
    /// total, of undated events too unless the filter has a date range.
    pub fn timeline(&self, filter: &EventFilter, period: Period) -> Vec<Totals> {
        let Some(m) = self.matcher(filter, period != Period::All) else {
            let none = (period == Period::All).then(|| Sums::default().totals(None));
            return none.into_iter().collect();
        };
        if period == Period::All {
            let mut sums = Sums::default();
            for (e, code) in self.matching(&m) {
                sums.add(e, code);
            }
            return vec![sums.totals(None)];
        }
        let mut per_day = vec![Sums::default(); self.days.len()];
        for (e, code) in self.matching(&m) {
            per_day[e.day as usize].add(e, code);
        }
        let mut buckets: std::collections::BTreeMap<&str, Sums> = Default::default();
        for (day, sums) in self.days.iter().zip(&per_day).filter(|(_, s)| s.events > 0) {
            let bucket = match period {
                Period::Week => &day.week,
                Period::Month => &day.month,
                _ => &day.day,
            };
            buckets.entry(bucket).or_default().merge(sums);
        }
        buckets.into_iter().map(|(p, sums)| sums.totals(Some(p.to_string()))).collect()
    }

    /// Every actor code with the canonical events it takes part in, and
    /// its (greatest) country.
    pub fn actors(&self) -> Vec<Participant> {
        let mut counts: Map<u32, (u64, u32)> = Map::default();
        for e in &self.entries {
            let target = (e.target != e.source).then_some((e.target, e.target_country));
            for (code, country) in std::iter::once((e.source, e.source_country)).chain(target) {
                if code == NONE {
                    continue;
                }
                let (n, max) = counts.entry(code).or_insert((0, NONE));
                *n += 1;
                if country != NONE
                    && country != *max
                    && (*max == NONE || self.string(country) > self.string(*max))
                {
                    *max = country;
                }
            }
        }
        self.participants(counts)
    }

    /// Every country with the canonical events of its actors.
    pub fn countries(&self) -> Vec<Participant> {
        let mut counts: Map<u32, (u64, u32)> = Map::default();
        for e in &self.entries {
            let target = (e.target_country != e.source_country).then_some(e.target_country);
            for country in std::iter::once(e.source_country).chain(target) {
                if country != NONE {
                    counts.entry(country).or_insert((0, NONE)).0 += 1;
                }
            }
        }
        self.participants(counts)
    }

    /// Where the matching canonical events happened: per country of their
    /// location, and per point (latitude and longitude), busiest first,
    /// at most `top` points. Events without a location are left out.
    pub fn places(&self, filter: &EventFilter, top: usize) -> Places {
        let Some(m) = self.matcher(filter, false) else { return Places::default() };
        let mut countries: Map<u32, u64> = Map::default();
        let mut points: Map<(u64, u64), (u32, u32, u64)> = Map::default();
        for (e, _) in self.matching(&m).filter(|(e, _)| e.location_country != NONE) {
            *countries.entry(e.location_country).or_default() += 1;
            if !(e.lat.is_nan() || e.lon.is_nan()) {
                let point = points.entry((e.lat.to_bits(), e.lon.to_bits())).or_insert((
                    e.location_country,
                    e.location_admin1,
                    0,
                ));
                point.2 += 1;
            }
        }
        let name = |id: u32| self.string(id).map(str::to_string);
        let mut countries: Vec<(String, u64)> =
            countries.into_iter().filter_map(|(c, n)| Some((name(c)?, n))).collect();
        countries.sort_unstable_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        let mut points: Vec<Point> = points
            .into_iter()
            .map(|((lat, lon), (country, admin1, events))| Point {
                lat: f64::from_bits(lat),
                lon: f64::from_bits(lon),
                country: name(country).unwrap_or_default(),
                admin1: name(admin1),
                events,
            })
            .collect();
        points.sort_unstable_by(|a, b| {
            b.events
                .cmp(&a.events)
                .then_with(|| a.lat.total_cmp(&b.lat))
                .then_with(|| a.lon.total_cmp(&b.lon))
        });
        points.truncate(top);
        Places { countries, points }
    }

    fn participants(&self, counts: Map<u32, (u64, u32)>) -> Vec<Participant> {
        let mut out: Vec<Participant> = counts
            .into_iter()
            .map(|(code, (events, country))| Participant {
                code: self.string(code).unwrap_or_default().to_string(),
                country: self.string(country).map(str::to_string),
                events,
            })
            .collect();
        out.sort_unstable_by(|a, b| b.events.cmp(&a.events).then_with(|| a.code.cmp(&b.code)));
        out
    }
}

/// The id of the last event report stored (0 for none): a new report
/// changes it, whatever else it does to the store.
fn last_event(reader: &Reader) -> Result<i64, StoreError> {
    Ok(reader
        .conn
        .prepare_cached("SELECT coalesce(max(id), 0) FROM events")?
        .query_row([], |r| r.get(0))?)
}
