//! Scoring coded events against hand-coded gold files.
//!
//! The gold format is one JSON object per line, one line per scored
//! sentence (`docs/coding-protocol.md` says how the codings are made):
//!
//! ```json
//! {"doc":"lee:3","sent":2,"start":120,"end":245,"sha256":"…","events":[
//!   {"source":"ISR","target":"PSE","plover":"ASSAULT","cameo":"190"},
//!   {"source":"PSE","target":"ISR","plover":["REQUEST","THREATEN"],"cameo":"10","optional":true}]}
//! ```
//!
//! `sent` counts sentences from 1. `start`/`end`/`sha256` (optional, all or
//! none) give the sentence's bytes in its story and their hash, so that a
//! story that changed is an error and events are placed by offset whatever
//! the sentence splitter does. `source`/`target` are country keys (ISO
//! alpha-3, `IGO` for an international organisation, `EUR` for the EU, `IMG`
//! for a transnational armed group; see [`country_key`]); `plover` is a
//! PLOVER type or a list of acceptable ones, `cameo` (or `root`) a CAMEO code
//! or root or a list; `optional` events count when found but are not missed
//! when absent. Only sentences listed in the gold file are scored.
//!
//! A location gold file ([`parse_locations`], `docs/location-protocol.md`)
//! gives where and when each gold sentence's events happened;
//! [`score_locations`] scores herald's event locations (country, admin1,
//! place) and dates against it.
//!
//! ```
//! use herald_eval::{parse_gold, score, Level};
//! let gold = parse_gold("g", r#"{"doc":"a","sent":1,"events":[{"source":"ISR","target":"PSE","plover":"ASSAULT"}]}"#).unwrap();
//! let s = score(&gold, &[], Level::Plover);
//! assert_eq!((s.total.gold, s.recall()), (1, 0.0));
//! ```
#![warn(missing_docs)]

mod gold;
mod locations;
mod score;

pub use gold::{
    check_references, parse_gold, GoldError, GoldEvent, GoldSentence, Reference, PLOVER_TYPES,
};
pub use locations::{
    parse_locations, score_locations, DateCounts, GoldDate, GoldLocation, GoldPlace, LocatedEvent,
    LocationScore, LocationSentence, PlaceCounts, Setting, Unplaced, Where,
};
pub use score::{country_key, score, Counts, Level, Score, SentenceScore};

#[cfg(test)]
mod tests;
