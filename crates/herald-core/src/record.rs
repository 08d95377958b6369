use serde::{Deserialize, Serialize};

use crate::Span;

/// The stable output schema for one event: one JSON object per event in
/// `herald code` output, and the row shape of the store. Its flat columns
/// (CSV, Arrow, Parquet, SQLite, Python) are [`COLUMNS`], defined below.
///
/// Field names are part of herald's public interface; add fields, never
/// rename or remove them. A new field needs a [`Column`] in [`COLUMNS`]
/// too (a test checks that the two agree).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct EventRecord {
    /// The story's id (from the input, or derived from the file name).
    pub story_id: String,
    /// 0-based sentence index within the story.
    pub sentence_index: usize,
    /// The sentence text.
    pub sentence: String,
    /// The event date: the date the text gives for the event, to its
    /// precision (`"2024-03-05"`, a week's Monday, `"2024-03"`, `"1988"`),
    /// else the story date (`YYYY-MM-DD`).
    pub date: Option<String>,
    /// How much of a date `date` gives: `day`, `week`, `month`, `year`, or
    /// `story` when it is the story's date; null without a date.
    #[serde(default)]
    pub date_precision: Option<String>,
    /// The date phrase, when the text gives the date.
    #[serde(default)]
    pub date_span: Option<Span>,
    /// Who acted.
    pub source: ActorRecord,
    /// Who was acted upon.
    pub target: Option<ActorRecord>,
    /// Where the event happened, if the text says.
    #[serde(default)]
    pub location: Option<LocationRecord>,
    /// Event code, e.g. `"192"`: a CAMEO code, or a code the verb
    /// dictionary defines outside CAMEO.
    pub cameo: String,
    /// Root: `"19"` for `"192"`; the first two characters of a user-defined
    /// code if they are digits, else the whole code.
    pub cameo_root: String,
    /// CAMEO category name; null for a user-defined code.
    pub cameo_name: Option<String>,
    /// PLOVER event type, if the code maps to one.
    pub plover: Option<String>,
    /// PLOVER mode of the type (e.g. `"restrict"` for SANCTION), if the
    /// CAMEO→PLOVER table gives one.
    #[serde(default)]
    pub plover_mode: Option<String>,
    /// PLOVER context(s), `;`-separated, if the table gives any.
    #[serde(default)]
    pub plover_context: Option<String>,
    /// Goldstein score; null for a user-defined code.
    pub goldstein: Option<f32>,
    /// Quad class, 1–4; null for a user-defined code.
    pub quad_class: Option<u8>,
    /// The verb or event noun.
    pub verb: VerbRecord,
    /// The dictionary pattern that fired.
    pub pattern: String,
    /// The story's publisher or feed (the JSONL `source`).
    #[serde(default)]
    pub story_source: Option<String>,
    /// The story's headline (the JSONL `title`).
    #[serde(default)]
    pub story_title: Option<String>,
    /// The story's address (the JSONL `url`).
    #[serde(default)]
    pub story_url: Option<String>,
}

/// What an [`EventRecord`] says about its story: the input's fields.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct StoryFields<'a> {
    /// The story's id.
    pub id: &'a str,
    /// The story date, which an event takes unless its sentence gives one.
    pub date: Option<crate::Date>,
    /// Publisher or feed.
    pub source: Option<&'a str>,
    /// Headline.
    pub title: Option<&'a str>,
    /// Address.
    pub url: Option<&'a str>,
}

/// An actor in an [`EventRecord`].
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActorRecord {
    /// CAMEO actor code.
    pub code: String,
    /// ISO alpha-3 country, `EUR` for the EU, or null.
    pub country: Option<String>,
    /// The mention's text.
    pub text: String,
    /// Byte span into the story text.
    pub span: Span,
}

impl EventRecord {
    /// The event's day: its date when that names a whole day (the text's
    /// day, or the story's); `None` for a week, month or year the text
    /// gives (a week is written as its Monday, which is not the event's
    /// day) and for no date. The store's day and the Arrow `day` column.
    pub fn day(&self) -> Option<crate::Date> {
        let whole_day = !matches!(self.date_precision.as_deref(), Some("week" | "month" | "year"));
        self.date.as_deref().filter(|_| whole_day).and_then(|d| crate::Date::parse(d).ok())
    }
}

/// The location of an [`EventRecord`]: a place of herald's gazetteer.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct LocationRecord {
    /// The place's name (GeoNames').
    pub name: String,
    /// Its mention: a byte span into the story text.
    pub span: Span,
    /// Its GeoNames id.
    pub geonameid: u32,
    /// ISO alpha-3 of its country.
    pub country: String,
    /// The first-level division (state, province) it is in or is.
    pub admin1: Option<String>,
    /// Latitude in degrees.
    pub lat: f64,
    /// Longitude in degrees.
    pub lon: f64,
    /// The rule that chose it: `clause`, `sentence`, `dateline` or `story`.
    pub how: String,
}

/// The verb of an [`EventRecord`].
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct VerbRecord {
    /// The verb's text.
    pub text: String,
    /// Byte span into the story text.
    pub span: Span,
}

impl EventRecord {
    /// Builds the output record of `event`, coded from the story `text`
    /// (whose sentence spans are `sentences`), looking its code up in `cameo`.
    pub fn new(
        story: &StoryFields<'_>,
        text: &str,
        sentences: &[Span],
        event: &crate::Event,
        cameo: &crate::CameoTable,
    ) -> EventRecord {
        let actor = |m: &crate::ActorMention| ActorRecord {
            code: m.code.clone(),
            country: m.country.clone(),
            text: m.span.slice(text).to_string(),
            span: m.span,
        };
        let entry = cameo.get(&event.code);
        let plover = cameo.plover(&event.code, event.target.is_some());
        // Mode and context qualify the table's own type: an appeal typed
        // REQUEST for its recipient (`docs/plover.md`) has neither.
        let mapped = entry.filter(|e| plover.is_some() && e.plover.as_deref() == plover);
        let owned = |s: Option<&str>| s.map(str::to_string);
        let (date, date_precision, date_span) = match (event.date, story.date) {
            (Some(d), _) => {
                (Some(d.date.format(d.precision)), Some(d.precision.as_str()), Some(d.span))
            }
            (None, Some(day)) => (Some(day.to_string()), Some("story"), None),
            (None, None) => (None, None, None),
        };
        let location = event.location.as_ref().map(|l| LocationRecord {
            name: l.name.clone(),
            span: l.span,
            geonameid: l.geonameid,
            country: l.country.clone(),
            admin1: l.admin1.clone(),
            lat: l.lat,
            lon: l.lon,
            how: l.how.as_str().to_string(),
        });
        EventRecord {
            story_id: story.id.to_string(),
            sentence_index: event.sentence_index,
            sentence: sentences.get(event.sentence_index).map_or("", |s| s.slice(text)).to_string(),
            date,
            date_precision: owned(date_precision),
            date_span,
            source: actor(&event.source),
            target: event.target.as_ref().map(actor),
            location,
            cameo: event.code.to_string(),
            cameo_root: event.code.root().to_string(),
            cameo_name: entry.map(|e| e.name.clone()),
            plover: owned(plover),
            plover_mode: owned(mapped.and_then(|e| e.plover_mode.as_deref())),
            plover_context: owned(mapped.and_then(|e| e.plover_context.as_deref())),
            goldstein: entry.map(|e| e.goldstein),
            quad_class: entry.map(|e| e.quad_class.number()).or_else(|| {
                event.code.root_number().map(|r| crate::QuadClass::of_root(r).number())
            }),
            verb: VerbRecord { text: event.verb.slice(text).to_string(), span: event.verb },
            pattern: event.pattern.clone(),
            story_source: owned(story.source),
            story_title: owned(story.title),
            story_url: owned(story.url),
        }
    }
}

/// The type of a [`Column`]'s values.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ColumnType {
    /// UTF-8 text.
    Text,
    /// A 64-bit integer (indexes and byte offsets).
    Int64,
    /// A 32-bit integer (small numbers such as the quad class).
    Int32,
    /// A 32-bit float (the Goldstein score).
    Float32,
    /// A 64-bit float (latitudes and longitudes).
    Float64,
}

/// Which part of the input a column describes. A store keeps story and
/// sentence columns once per story or sentence, not once per event.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scope {
    /// The story (its id, source, title, URL).
    Story,
    /// The sentence (its index and text).
    Sentence,
    /// The event itself.
    Event,
}

/// One value of a column, borrowed from an [`EventRecord`].
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Value<'a> {
    /// No value (only in nullable columns).
    Null,
    /// Text.
    Text(&'a str),
    /// An integer, of an `Int64` or `Int32` column.
    Int(i64),
    /// A float, of a `Float32` column.
    Float(f32),
    /// A float, of a `Float64` column.
    Double(f64),
}

/// A flat column of the event schema: CSV, Arrow, Parquet, the store and
/// Python all have these columns, in this order, and nothing else of the
/// record.
#[derive(Clone, Copy)]
pub struct Column {
    /// The column's name: the JSON field, or for a field of a nested
    /// object its path joined by `_` (`source_code`; a span is `_start`
    /// and `_end`).
    pub name: &'static str,
    /// The type of its values.
    pub ty: ColumnType,
    /// Whether it may be null.
    pub nullable: bool,
    /// What it describes.
    pub scope: Scope,
    /// One line of documentation.
    pub doc: &'static str,
    /// Its value in a record.
    pub get: fn(&EventRecord) -> Value<'_>,
    /// Sets it in a record (a column of the target creates the target when
    /// the value is not null).
    pub set: fn(&mut EventRecord, Value<'_>),
}

impl std::fmt::Debug for Column {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Column").field("name", &self.name).field("ty", &self.ty).finish()
    }
}

impl Value<'_> {
    fn text(self) -> String {
        match self {
            Value::Text(s) => s.to_string(),
            Value::Int(n) => n.to_string(),
            Value::Float(x) => x.to_string(),
            Value::Double(x) => x.to_string(),
            Value::Null => String::new(),
        }
    }

    fn opt_text(self) -> Option<String> {
        (self != Value::Null).then(|| self.text())
    }

    fn usize(self) -> usize {
        match self {
            Value::Int(n) => usize::try_from(n).unwrap_or(0),
            _ => 0,
        }
    }

    fn f64(self) -> f64 {
        match self {
            Value::Double(x) => x,
            Value::Float(x) => f64::from(x),
            _ => 0.0,
        }
    }

    /// The value as CSV writes it: empty for null.
    pub fn to_csv(self) -> String {
        self.text()
    }
}

fn text(s: &str) -> Value<'_> {
    Value::Text(s)
}

fn opt(s: Option<&str>) -> Value<'_> {
    s.map_or(Value::Null, Value::Text)
}

fn int(n: usize) -> Value<'static> {
    Value::Int(i64::try_from(n).unwrap_or(i64::MAX))
}

fn target<'r>(r: &'r mut EventRecord, v: Value<'_>) -> Option<&'r mut ActorRecord> {
    if v == Value::Null {
        return r.target.as_mut();
    }
    Some(r.target.get_or_insert_with(ActorRecord::default))
}

fn location<'r>(r: &'r mut EventRecord, v: Value<'_>) -> Option<&'r mut LocationRecord> {
    if v == Value::Null {
        return r.location.as_mut();
    }
    Some(r.location.get_or_insert_with(LocationRecord::default))
}

fn date_span<'r>(r: &'r mut EventRecord, v: Value<'_>) -> Option<&'r mut Span> {
    if v == Value::Null {
        return r.date_span.as_mut();
    }
    Some(r.date_span.get_or_insert_with(|| Span::new(0, 0)))
}

macro_rules! column {
    ($name:literal, $ty:ident, $nullable:literal, $scope:ident, $doc:literal,
     |$r:ident| $get:expr, |$w:ident, $v:ident| $set:expr) => {
        Column {
            name: $name,
            ty: ColumnType::$ty,
            nullable: $nullable,
            scope: Scope::$scope,
            doc: $doc,
            get: |$r| $get,
            set: |$w, $v| $set,
        }
    };
}

/// The event schema: every column of an [`EventRecord`], in output order.
/// The order is `herald code --format csv`'s; new columns go at the end.
///
/// To add a column: add the field to [`EventRecord`] (and fill it in
/// [`EventRecord::new`]), then its entry here. CSV, Arrow and Parquet,
/// the Python binding and the store's `events` table follow (the store
/// adds the column to older stores when it opens them for writing; bump its
/// format version).
#[rustfmt::skip]
pub const COLUMNS: &[Column] = &[
    column!("story_id", Text, false, Story, "The story's id (the JSONL id, or the file name).",
        |r| text(&r.story_id),
        |r, v| r.story_id = v.text()),
    column!("sentence_index", Int64, false, Sentence, "0-based index of the sentence in the story.",
        |r| int(r.sentence_index),
        |r, v| r.sentence_index = v.usize()),
    column!("date", Text, true, Event, "The event date: the text's, to its precision (2024-03-05, a week's Monday, 2024-03, 1988), else the story's.",
        |r| opt(r.date.as_deref()),
        |r, v| r.date = v.opt_text()),
    column!("source_code", Text, false, Event, "The source actor's CAMEO code.",
        |r| text(&r.source.code),
        |r, v| r.source.code = v.text()),
    column!("source_country", Text, true, Event, "The source's country (ISO alpha-3, EUR for the EU).",
        |r| opt(r.source.country.as_deref()),
        |r, v| r.source.country = v.opt_text()),
    column!("source_text", Text, false, Event, "The source's mention in the text.",
        |r| text(&r.source.text),
        |r, v| r.source.text = v.text()),
    column!("source_start", Int64, false, Event, "First byte of the source's mention in the story.",
        |r| int(r.source.span.start),
        |r, v| r.source.span.start = v.usize()),
    column!("source_end", Int64, false, Event, "One past the last byte of the source's mention.",
        |r| int(r.source.span.end),
        |r, v| r.source.span.end = v.usize()),
    column!("target_code", Text, true, Event, "The target actor's CAMEO code; null for an event without a target.",
        |r| opt(r.target.as_ref().map(|t| t.code.as_str())),
        |r, v| if let Some(t) = target(r, v) { t.code = v.text() }),
    column!("target_country", Text, true, Event, "The target's country.",
        |r| opt(r.target.as_ref().and_then(|t| t.country.as_deref())),
        |r, v| if let Some(t) = target(r, v) { t.country = v.opt_text() }),
    column!("target_text", Text, true, Event, "The target's mention in the text.",
        |r| opt(r.target.as_ref().map(|t| t.text.as_str())),
        |r, v| if let Some(t) = target(r, v) { t.text = v.text() }),
    column!("target_start", Int64, true, Event, "First byte of the target's mention in the story.",
        |r| r.target.as_ref().map_or(Value::Null, |t| int(t.span.start)),
        |r, v| if let Some(t) = target(r, v) { t.span.start = v.usize() }),
    column!("target_end", Int64, true, Event, "One past the last byte of the target's mention.",
        |r| r.target.as_ref().map_or(Value::Null, |t| int(t.span.end)),
        |r, v| if let Some(t) = target(r, v) { t.span.end = v.usize() }),
    column!("cameo", Text, false, Event, "The event code: CAMEO, or a dictionary's own.",
        |r| text(&r.cameo),
        |r, v| r.cameo = v.text()),
    column!("cameo_root", Text, false, Event, "The code's root (`19` for `192`).",
        |r| text(&r.cameo_root),
        |r, v| r.cameo_root = v.text()),
    column!("cameo_name", Text, true, Event, "The CAMEO category's name; null for a dictionary's own code.",
        |r| opt(r.cameo_name.as_deref()),
        |r, v| r.cameo_name = v.opt_text()),
    column!("plover", Text, true, Event, "The PLOVER event type, if the code has one.",
        |r| opt(r.plover.as_deref()),
        |r, v| r.plover = v.opt_text()),
    column!("goldstein", Float32, true, Event, "Goldstein score, -10 to 10; null for a dictionary's own code.",
        |r| r.goldstein.map_or(Value::Null, Value::Float),
        |r, v| r.goldstein = match v { Value::Float(x) => Some(x), _ => None, }),
    column!("quad_class", Int32, true, Event, "Quad class: 1 verbal and 2 material cooperation, 3 verbal and 4 material conflict.",
        |r| r.quad_class.map_or(Value::Null, |q| Value::Int(i64::from(q))),
        |r, v| r.quad_class = match v { Value::Int(q) => u8::try_from(q).ok(), _ => None, }),
    column!("verb_text", Text, false, Event, "The verb or event noun.",
        |r| text(&r.verb.text),
        |r, v| r.verb.text = v.text()),
    column!("verb_start", Int64, false, Event, "First byte of the verb in the story.",
        |r| int(r.verb.span.start),
        |r, v| r.verb.span.start = v.usize()),
    column!("verb_end", Int64, false, Event, "One past the last byte of the verb.",
        |r| int(r.verb.span.end),
        |r, v| r.verb.span.end = v.usize()),
    column!("pattern", Text, false, Event, "The dictionary entry that fired (file:line code pattern).",
        |r| text(&r.pattern),
        |r, v| r.pattern = v.text()),
    column!("sentence", Text, false, Sentence, "The sentence's text.",
        |r| text(&r.sentence),
        |r, v| r.sentence = v.text()),
    column!("plover_mode", Text, true, Event, "The PLOVER mode of the type, if any.",
        |r| opt(r.plover_mode.as_deref()),
        |r, v| r.plover_mode = v.opt_text()),
    column!("plover_context", Text, true, Event, "The PLOVER context(s), `;`-separated, if any.",
        |r| opt(r.plover_context.as_deref()),
        |r, v| r.plover_context = v.opt_text()),
    column!("story_source", Text, true, Story, "The story's publisher or feed (JSONL `source`).",
        |r| opt(r.story_source.as_deref()),
        |r, v| r.story_source = v.opt_text()),
    column!("story_title", Text, true, Story, "The story's headline (JSONL `title`).",
        |r| opt(r.story_title.as_deref()),
        |r, v| r.story_title = v.opt_text()),
    column!("story_url", Text, true, Story, "The story's address (JSONL `url`).",
        |r| opt(r.story_url.as_deref()),
        |r, v| r.story_url = v.opt_text()),
    column!("date_precision", Text, true, Event, "How much of a date `date` gives: day, week, month, year, or story (the story's date).",
        |r| opt(r.date_precision.as_deref()),
        |r, v| r.date_precision = v.opt_text()),
    column!("date_start", Int64, true, Event, "First byte of the date phrase in the story, when the text gives the date.",
        |r| r.date_span.map_or(Value::Null, |s| int(s.start)),
        |r, v| if let Some(s) = date_span(r, v) { s.start = v.usize() }),
    column!("date_end", Int64, true, Event, "One past the last byte of the date phrase.",
        |r| r.date_span.map_or(Value::Null, |s| int(s.end)),
        |r, v| if let Some(s) = date_span(r, v) { s.end = v.usize() }),
    column!("location_name", Text, true, Event, "Where the event happened: the place's GeoNames name; null if the text does not say.",
        |r| opt(r.location.as_ref().map(|l| l.name.as_str())),
        |r, v| if let Some(l) = location(r, v) { l.name = v.text() }),
    column!("location_start", Int64, true, Event, "First byte of the place's mention in the story.",
        |r| r.location.as_ref().map_or(Value::Null, |l| int(l.span.start)),
        |r, v| if let Some(l) = location(r, v) { l.span.start = v.usize() }),
    column!("location_end", Int64, true, Event, "One past the last byte of the place's mention.",
        |r| r.location.as_ref().map_or(Value::Null, |l| int(l.span.end)),
        |r, v| if let Some(l) = location(r, v) { l.span.end = v.usize() }),
    column!("location_geonameid", Int64, true, Event, "The place's GeoNames id.",
        |r| r.location.as_ref().map_or(Value::Null, |l| Value::Int(i64::from(l.geonameid))),
        |r, v| if let Some(l) = location(r, v) { l.geonameid = u32::try_from(v.usize()).unwrap_or(0) }),
    column!("location_country", Text, true, Event, "The place's country (ISO alpha-3).",
        |r| opt(r.location.as_ref().map(|l| l.country.as_str())),
        |r, v| if let Some(l) = location(r, v) { l.country = v.text() }),
    column!("location_admin1", Text, true, Event, "The first-level division (state, province) the place is in, if known.",
        |r| opt(r.location.as_ref().and_then(|l| l.admin1.as_deref())),
        |r, v| if let Some(l) = location(r, v) { l.admin1 = v.opt_text() }),
    column!("location_lat", Float64, true, Event, "The place's latitude in degrees.",
        |r| r.location.as_ref().map_or(Value::Null, |l| Value::Double(l.lat)),
        |r, v| if let Some(l) = location(r, v) { l.lat = v.f64() }),
    column!("location_lon", Float64, true, Event, "The place's longitude in degrees.",
        |r| r.location.as_ref().map_or(Value::Null, |l| Value::Double(l.lon)),
        |r, v| if let Some(l) = location(r, v) { l.lon = v.f64() }),
    column!("location_how", Text, true, Event, "Which rule chose the place: clause, sentence, dateline or story.",
        |r| opt(r.location.as_ref().map(|l| l.how.as_str())),
        |r, v| if let Some(l) = location(r, v) { l.how = v.text() }),
];

/// The column named `name`.
pub fn column(name: &str) -> Option<&'static Column> {
    COLUMNS.iter().find(|c| c.name == name)
}

#[cfg(test)]
mod tests {
    use serde_json::{Map, Value as Json};

    use super::*;

    fn full() -> EventRecord {
        let actor = |code: &str, start| ActorRecord {
            code: code.into(),
            country: Some(code.into()),
            text: code.to_lowercase(),
            span: Span::new(start, start + 3),
        };
        let some = |s: &str| Some(s.to_string());
        EventRecord {
            story_id: "s1".into(),
            sentence_index: 2,
            sentence: "IRN hit IRQ.".into(),
            date: some("2024-03-05"),
            date_precision: some("day"),
            date_span: Some(Span::new(12, 19)),
            source: actor("IRN", 0),
            target: Some(actor("IRQ", 8)),
            location: Some(LocationRecord {
                name: "Baghdad".into(),
                span: Span::new(20, 27),
                geonameid: 98182,
                country: "IRQ".into(),
                admin1: some("Baghdād"),
                lat: 33.34058,
                lon: 44.40088,
                how: "clause".into(),
            }),
            cameo: "190".into(),
            cameo_root: "19".into(),
            cameo_name: some("Use conventional military force"),
            plover: some("ASSAULT"),
            plover_mode: some("aerial"),
            plover_context: some("military"),
            goldstein: Some(-10.0),
            quad_class: Some(4),
            verb: VerbRecord { text: "hit".into(), span: Span::new(4, 7) },
            pattern: "verbs.txt:1 190 *hit +".into(),
            story_source: some("wire"),
            story_title: some("Title"),
            story_url: some("https://example.org/1"),
        }
    }

    /// The record's JSON, flattened as the columns name it.
    fn flat_json(record: &EventRecord) -> Map<String, Json> {
        fn walk(prefix: &str, value: Json, out: &mut Map<String, Json>, nested: &[&str]) {
            match value {
                Json::Object(map) => {
                    for (k, v) in map {
                        let name = if prefix.is_empty() { k } else { format!("{prefix}_{k}") };
                        walk(&name, v, out, nested);
                    }
                }
                Json::Array(pair) if prefix.ends_with("span") => {
                    let base = prefix.trim_end_matches("span");
                    out.insert(format!("{base}start"), pair[0].clone());
                    out.insert(format!("{base}end"), pair[1].clone());
                }
                Json::Null if prefix.ends_with("span") => {
                    let base = prefix.trim_end_matches("span");
                    out.insert(format!("{base}start"), Json::Null);
                    out.insert(format!("{base}end"), Json::Null);
                }
                // A null nested object: every column under it is null.
                Json::Null if nested.contains(&prefix) => {
                    for c in COLUMNS.iter().filter(|c| c.name.starts_with(&format!("{prefix}_"))) {
                        out.insert(c.name.to_string(), Json::Null);
                    }
                }
                v => {
                    out.insert(prefix.to_string(), v);
                }
            }
        }
        let mut out = Map::new();
        walk("", serde_json::to_value(record).unwrap(), &mut out, &["target", "location"]);
        out
    }

    fn columns_json(record: &EventRecord) -> Map<String, Json> {
        COLUMNS
            .iter()
            .map(|c| {
                let v = match (c.get)(record) {
                    Value::Null => Json::Null,
                    Value::Text(s) => Json::from(s),
                    Value::Int(n) => Json::from(n),
                    Value::Float(x) => serde_json::to_value(x).unwrap(),
                    Value::Double(x) => serde_json::to_value(x).unwrap(),
                };
                (c.name.to_string(), v)
            })
            .collect()
    }

    #[test]
    fn plover_mode_and_context_qualify_the_tables_type() {
        let table = crate::CameoTable::embedded();
        let text = "Iran sanctioned Iraq.";
        let mention = |code: &str, start, end| crate::ActorMention {
            code: code.into(),
            country: Some(code.into()),
            span: Span::new(start, end),
        };
        let record = |code: &str, target: bool| {
            let event = crate::Event {
                sentence_index: 0,
                source: mention("IRN", 0, 4),
                target: target.then(|| mention("IRQ", 16, 20)),
                code: crate::EventCode::parse(code).unwrap(),
                verb: Span::new(5, 15),
                pattern: String::new(),
                date: None,
                location: None,
            };
            let story = StoryFields { id: "s", url: Some("u"), ..Default::default() };
            EventRecord::new(&story, text, &[Span::new(0, 21)], &event, &table)
        };
        let sanction = record("163", true);
        let got = (sanction.plover.as_deref(), sanction.plover_mode.as_deref());
        assert_eq!(got, (Some("SANCTION"), Some("discontinue")));
        assert_eq!(sanction.plover_context.as_deref(), Some("diplomatic"));
        assert_eq!((sanction.story_url.as_deref(), sanction.story_title), (Some("u"), None));
        // Taking territory by force is ASSAULT (docs/plover.md).
        let occupation = record("192", true);
        let got = (occupation.plover.as_deref(), occupation.plover_mode.as_deref());
        assert_eq!(got, (Some("ASSAULT"), None));
        // An appeal to someone is a REQUEST, which the table's row for
        // appeals does not qualify.
        let appeal = record("0233", true);
        assert_eq!(appeal.plover.as_deref(), Some("REQUEST"));
        assert_eq!((appeal.plover_mode, appeal.plover_context), (None, None));
    }

    /// The record without the optional parts that make columns null.
    fn sparse() -> EventRecord {
        EventRecord { target: None, location: None, date_span: None, ..full() }
    }

    #[test]
    fn a_day_is_a_whole_day_the_date_names() {
        let day = |date: &str, precision: &str| {
            let (date, date_precision) = (Some(date.to_string()), Some(precision.to_string()));
            let r = EventRecord { date, date_precision, ..full() };
            r.day().map(|d| d.to_string())
        };
        assert_eq!(day("2024-03-04", "day").as_deref(), Some("2024-03-04"));
        assert_eq!(day("2024-03-05", "story").as_deref(), Some("2024-03-05"));
        assert_eq!(day("2024-02-26", "week"), None, "a week's Monday is not the event's day");
        assert_eq!((day("2024-02", "month"), day("1988", "year")), (None, None));
        // Records from before date precisions: a full date is a day.
        let old = EventRecord { date: Some("2024-03-05".into()), date_precision: None, ..full() };
        assert_eq!(old.day().map(|d| d.to_string()).as_deref(), Some("2024-03-05"));
    }

    #[test]
    fn columns_are_the_records_fields() {
        for record in [full(), sparse(), EventRecord::default()] {
            assert_eq!(flat_json(&record), columns_json(&record));
        }
    }

    #[test]
    fn columns_rebuild_the_record() {
        for record in [full(), sparse()] {
            let mut rebuilt = EventRecord::default();
            for c in COLUMNS {
                (c.set)(&mut rebuilt, (c.get)(&record));
            }
            assert_eq!(rebuilt, record);
        }
    }

    #[test]
    fn columns_are_typed_and_only_nullable_ones_null() {
        let (empty, full) = (EventRecord::default(), full());
        let mut names = std::collections::HashSet::new();
        for c in COLUMNS {
            assert!(names.insert(c.name), "{} twice", c.name);
            let value = (c.get)(&empty);
            assert!(c.nullable || value != Value::Null, "{} is null", c.name);
            let typed = matches!(
                ((c.get)(&full), c.ty),
                (Value::Text(_), ColumnType::Text)
                    | (Value::Float(_), ColumnType::Float32)
                    | (Value::Double(_), ColumnType::Float64)
                    | (Value::Int(_), ColumnType::Int64 | ColumnType::Int32)
            );
            assert!(typed, "{} is not of its type", c.name);
        }
    }
}
