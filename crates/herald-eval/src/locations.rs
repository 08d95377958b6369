//! Scoring event locations and dates against a location gold file
//! (`docs/location-protocol.md`).
//!
//! One JSON object per line, one line per gold event sentence:
//!
//! ```json
//! {"doc":"lee:3","sent":2,"start":120,"end":245,"sha256":"…","ref_date":"2001-12-27",
//!  "location":{"where":"sentence","places":[{"name":"Kabul","geonameid":1138958,"country":"AFG","admin1":"Kābul"}]},
//!  "date":{"phrase":"yesterday","value":"2001-12-26","precision":"day","scored":true},
//!  "events":{"PSE>ISR:ASSAULT":{"location":{"where":"none","places":[]}}}}
//! ```
//!
//! Every herald event with a PLOVER type placed in a gold sentence (by its
//! verb's offset) is scored against the sentence's location and date, or
//! against the exception `events` gives for its dyad and type
//! (`SRC>TGT:TYPE`, `-` for no target, or `TYPE` alone).

use std::collections::{BTreeMap, HashMap};

use herald_core::{Date, EventRecord, Precision};
use serde::{Deserialize, Serialize};

use crate::gold::{GoldError, GoldSentence, Reference};
use crate::score::{country_key, doc_name, Placer};

/// Where the text puts a gold sentence's events.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Where {
    /// The sentence names the place.
    Sentence,
    /// Another part of the story names it.
    Story,
    /// No place is named; the actors imply the country.
    Implied,
    /// The text does not say.
    None,
}

/// A gold place.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GoldPlace {
    /// The GeoNames name (null for an implied country).
    pub name: Option<String>,
    /// The GeoNames id, when herald's gazetteer has the place.
    pub geonameid: Option<u32>,
    /// ISO alpha-3.
    pub country: String,
    /// The admin1 division's GeoNames name (null for a country).
    pub admin1: Option<String>,
}

/// Where a gold sentence's events happened.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GoldLocation {
    /// Whether and where the text says.
    #[serde(rename = "where")]
    pub where_: Where,
    /// The place, or the places any of which is right.
    pub places: Vec<GoldPlace>,
}

/// The date the text gives for a gold sentence's events.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GoldDate {
    /// The date phrase, as written.
    pub phrase: String,
    /// The date as herald writes it at `precision`.
    pub value: String,
    /// `day`, `week`, `month` or `year`.
    pub precision: String,
    /// Whether it is scored.
    pub scored: bool,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawException {
    location: GoldLocation,
    #[serde(default, deserialize_with = "some")]
    date: Option<Option<GoldDate>>,
}

/// A present field, even null, is `Some`.
fn some<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<Option<GoldDate>>, D::Error> {
    Option::<GoldDate>::deserialize(d).map(Some)
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawLine {
    doc: String,
    sent: usize,
    start: usize,
    end: usize,
    sha256: String,
    ref_date: String,
    location: GoldLocation,
    date: Option<GoldDate>,
    #[serde(default)]
    events: BTreeMap<String, RawException>,
}

/// The location and date of a gold sentence's events, or of some of them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Setting {
    /// Where.
    pub location: GoldLocation,
    /// When, if the text says.
    pub date: Option<GoldDate>,
}

/// One line of a location gold file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LocationSentence {
    /// The sentence, as in the event gold (no events).
    pub sentence: GoldSentence,
    /// The date the coder resolved relative phrases against: the story's,
    /// or the corpus's reference date for an undated story.
    pub ref_date: Date,
    /// Where and when its events happened.
    pub setting: Setting,
    /// Exceptions by `SRC>TGT:TYPE` or `TYPE`.
    pub events: BTreeMap<String, Setting>,
}

/// Parses a location gold file.
pub fn parse_locations(file: &str, text: &str) -> Result<Vec<LocationSentence>, GoldError> {
    let mut out = Vec::new();
    let mut ref_dates: HashMap<String, Date> = HashMap::new();
    for (idx, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let err = |message: String| GoldError { file: file.to_string(), line: idx + 1, message };
        let raw: RawLine = serde_json::from_str(line).map_err(|e| err(e.to_string()))?;
        if raw.sent == 0 || raw.start >= raw.end {
            return Err(err("`sent` counts from 1, and `start` < `end`".into()));
        }
        let ref_date = Date::parse(&raw.ref_date).map_err(|e| err(e.to_string()))?;
        if *ref_dates.entry(raw.doc.clone()).or_insert(ref_date) != ref_date {
            return Err(err(format!("{}: another `ref_date` than on its earlier lines", raw.doc)));
        }
        let check = |s: &Setting| -> Result<(), GoldError> {
            let l = &s.location;
            let named = matches!(l.where_, Where::Sentence | Where::Story);
            if named && (l.places.is_empty() || l.places.iter().any(|p| p.name.is_none())) {
                return Err(err("a named location needs places with names".into()));
            }
            if l.where_ == Where::Implied && l.places.len() != 1 {
                return Err(err("an implied location has its country as its one place".into()));
            }
            if l.where_ == Where::None && !l.places.is_empty() {
                return Err(err("no location, no places".into()));
            }
            if let Some(d) = &s.date {
                let ok = Precision::parse(&d.precision)
                    .filter(|&p| p != Precision::Story)
                    .and_then(|p| parse_date(&d.value, p))
                    .is_some();
                if !ok {
                    return Err(err(format!("{:?} is not a {} date", d.value, d.precision)));
                }
            }
            Ok(())
        };
        let setting = Setting { location: raw.location, date: raw.date };
        check(&setting)?;
        let mut events = BTreeMap::new();
        for (key, e) in raw.events {
            let s = Setting { location: e.location, date: e.date.unwrap_or(setting.date.clone()) };
            check(&s)?;
            events.insert(key, s);
        }
        let sentence = GoldSentence {
            doc: raw.doc,
            sentence_index: raw.sent - 1,
            line: idx + 1,
            reference: Some(Reference { start: raw.start, end: raw.end, sha256: raw.sha256 }),
            events: Vec::new(),
        };
        out.push(LocationSentence { sentence, ref_date, setting, events });
    }
    Ok(out)
}

/// A date written at a precision ("2001-12", "1988", "2001-12-24").
fn parse_date(value: &str, precision: Precision) -> Option<Date> {
    match precision {
        Precision::Year if value.len() == 4 => Date::parse(&format!("{value}-01-01")).ok(),
        Precision::Month if value.len() == 7 => Date::parse(&format!("{value}-01")).ok(),
        Precision::Day | Precision::Week if value.len() == 10 => Date::parse(value).ok(),
        _ => None,
    }
}

/// Location accuracy over a set of events.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct PlaceCounts {
    /// Events scored.
    pub events: usize,
    /// Of those, events herald gave a location.
    pub located: usize,
    /// Events whose location is in a right country.
    pub country: usize,
    /// Events whose gold place has an admin1 division.
    pub admin1_gold: usize,
    /// Of those, events located in a right one.
    pub admin1: usize,
    /// Events whose gold place is in herald's gazetteer.
    pub place_gold: usize,
    /// Of those, events located at a right one.
    pub place: usize,
}

impl PlaceCounts {
    /// Right country / events (an event without a location is wrong).
    pub fn country_accuracy(&self) -> f64 {
        ratio(self.country, self.events)
    }

    /// Right admin1 / events whose gold has one.
    pub fn admin1_accuracy(&self) -> f64 {
        ratio(self.admin1, self.admin1_gold)
    }

    /// Right place / events whose gold place is in the gazetteer.
    pub fn place_accuracy(&self) -> f64 {
        ratio(self.place, self.place_gold)
    }

    fn add(&mut self, e: &EventRecord, gold: &[GoldPlace]) {
        self.events += 1;
        let Some(l) = &e.location else {
            self.admin1_gold += usize::from(gold.iter().any(|p| p.admin1.is_some()));
            self.place_gold += usize::from(gold.iter().any(|p| p.geonameid.is_some()));
            return;
        };
        self.located += 1;
        self.country += usize::from(gold.iter().any(|p| p.country == l.country));
        if gold.iter().any(|p| p.admin1.is_some()) {
            self.admin1_gold += 1;
            let right = gold.iter().any(|p| p.admin1.is_some() && p.admin1 == l.admin1);
            self.admin1 += usize::from(right);
        }
        if gold.iter().any(|p| p.geonameid.is_some()) {
            self.place_gold += 1;
            self.place += usize::from(gold.iter().any(|p| p.geonameid == Some(l.geonameid)));
        }
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

/// Events of sentences whose text names no place for them.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Unplaced {
    /// Events scored.
    pub events: usize,
    /// Of those, events herald gave a location anyway.
    pub located: usize,
    /// Of those, located in the country the actors imply (for `implied`).
    pub country: usize,
}

/// Date accuracy.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct DateCounts {
    /// Events whose sentence gives a (scored) date for them.
    pub events: usize,
    /// Of those, events with that date, at that precision.
    pub correct: usize,
    /// Of those, events with the story's date (no phrase resolved).
    pub story: usize,
    /// Events whose sentence gives no date for them.
    pub undated: usize,
    /// Of those, events given a date from a phrase anyway.
    pub resolved: usize,
}

impl DateCounts {
    /// Right dates / events with a gold date.
    pub fn accuracy(&self) -> f64 {
        ratio(self.correct, self.events)
    }
}

/// How one event scored, for `-v`.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct LocatedEvent {
    /// Document.
    pub doc: String,
    /// 0-based sentence index.
    pub sentence_index: usize,
    /// `SRC>TGT:TYPE`.
    pub event: String,
    /// Where the gold puts it.
    pub gold_where: Where,
    /// The gold places' names (or countries).
    pub gold: Vec<String>,
    /// herald's location: name, country, how.
    pub location: Option<String>,
    /// The gold date, if scored.
    pub gold_date: Option<String>,
    /// herald's date and precision.
    pub date: Option<String>,
}

/// The result of scoring locations and dates.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct LocationScore {
    /// Events whose sentence names their place: the headline figures.
    pub sentence: PlaceCounts,
    /// The same, on events that match a gold event (type and dyad).
    pub sentence_matched: PlaceCounts,
    /// Events whose place only another sentence (or the dateline) names.
    pub story: PlaceCounts,
    /// Events whose place only the actors imply.
    pub implied: Unplaced,
    /// Events whose place the text does not give.
    pub none: Unplaced,
    /// Dates.
    pub dates: DateCounts,
    /// Every scored event.
    pub events: Vec<LocatedEvent>,
}

/// Scores the locations and dates of `events` against `gold`; `event_gold`
/// (the event gold of the same sentences) tells which events match a gold
/// event.
pub fn score_locations(
    gold: &[LocationSentence],
    event_gold: &[GoldSentence],
    events: &[EventRecord],
) -> LocationScore {
    let placer = Placer::new(gold.iter().map(|g| {
        (g.sentence.doc.as_str(), g.sentence.reference.as_ref(), g.sentence.sentence_index)
    }));
    let by_sentence: HashMap<(&str, usize), &LocationSentence> =
        gold.iter().map(|g| ((g.sentence.doc.as_str(), g.sentence.sentence_index), g)).collect();
    let gold_events: HashMap<(&str, usize), &GoldSentence> =
        event_gold.iter().map(|g| ((g.doc.as_str(), g.sentence_index), g)).collect();
    let mut score = LocationScore::default();
    for e in events {
        let Some(kind) = e.plover.as_deref() else { continue };
        let doc = doc_name(&e.story_id);
        let Some(idx) = placer.sentence(e) else { continue };
        let Some(g) = by_sentence.get(&(doc, idx)) else { continue };
        let source = country_key(&e.source.code, e.source.country.as_deref());
        let target = e.target.as_ref().and_then(|t| country_key(&t.code, t.country.as_deref()));
        let dyad = format!(
            "{}>{}:{kind}",
            source.as_deref().unwrap_or("-"),
            target.as_deref().unwrap_or("-")
        );
        let setting = g.events.get(&dyad).or_else(|| g.events.get(kind)).unwrap_or(&g.setting);
        let places = &setting.location.places;
        match setting.location.where_ {
            Where::Sentence => {
                score.sentence.add(e, places);
                let matches = gold_events.get(&(doc, idx)).is_some_and(|s| {
                    s.events.iter().any(|ge| {
                        ge.source == source
                            && ge.target == target
                            && ge.plover.iter().any(|p| p == kind)
                    })
                });
                if matches {
                    score.sentence_matched.add(e, places);
                }
            }
            Where::Story => score.story.add(e, places),
            Where::Implied | Where::None => {
                let unplaced = if setting.location.where_ == Where::Implied {
                    &mut score.implied
                } else {
                    &mut score.none
                };
                unplaced.events += 1;
                if let Some(l) = &e.location {
                    unplaced.located += 1;
                    unplaced.country += usize::from(places.iter().any(|p| p.country == l.country));
                }
            }
        }
        let precision = event_precision(e);
        let written = e.date.clone().unwrap_or_default();
        match setting.date.as_ref() {
            Some(d) if d.scored => {
                score.dates.events += 1;
                let right = written == d.value
                    && (d.precision != "week" || precision == Some(Precision::Week));
                score.dates.correct += usize::from(right);
                score.dates.story += usize::from(precision == Some(Precision::Story));
            }
            Some(_) => {}
            None => {
                score.dates.undated += 1;
                let from_text = precision.is_some_and(|p| p != Precision::Story);
                score.dates.resolved += usize::from(from_text);
            }
        }
        score.events.push(LocatedEvent {
            doc: doc.to_string(),
            sentence_index: idx,
            event: dyad,
            gold_where: setting.location.where_,
            gold: places
                .iter()
                .map(|p| p.name.clone().unwrap_or_else(|| p.country.clone()))
                .collect(),
            location: e.location.as_ref().map(|l| format!("{} {} {}", l.name, l.country, l.how)),
            gold_date: setting.date.as_ref().filter(|d| d.scored).map(|d| d.value.clone()),
            date: e
                .date
                .as_ref()
                .map(|d| format!("{d} {}", precision.map_or("?", Precision::as_str))),
        });
    }
    score
}

/// An event's date precision: as its record says, or for records of a
/// herald that did not say, `year` for a year and `story` for a day (the
/// story's date, or a year the sentence gave, were all it could give).
fn event_precision(e: &EventRecord) -> Option<Precision> {
    let date = e.date.as_deref()?;
    match e.date_precision.as_deref() {
        Some(p) => Precision::parse(p),
        None if date.len() == 4 => Some(Precision::Year),
        None => Some(Precision::Story),
    }
}
