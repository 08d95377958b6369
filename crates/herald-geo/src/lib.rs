//! herald's gazetteer and place mentions: where an event happened.
//!
//! The [`Gazetteer`] holds GeoNames countries, first-level divisions
//! (admin1) and populated places (every place over 15,000 people, and every
//! capital) with their English and ASCII names, embedded in the binary
//! ([`Gazetteer::embedded`]; see `data/README.md` for the sources, licences
//! and attribution). It answers:
//!
//! * lookups: by name ([`Gazetteer::lookup`], or [`Gazetteer::find_at`] over
//!   a sentence's normalised tokens), by GeoNames id, by country
//!   ([`Gazetteer::country`], [`Gazetteer::capital_of`]) and admin1;
//! * place mentions in a tokenised sentence ([`Gazetteer::find_mentions`]):
//!   multi-word names ("New South Wales"), directions ("northern Syria",
//!   "north of Kyiv"), regions ("Paris, Texas"), division words ("Idlib
//!   province") and "the capital" ("the Syrian capital", "the capital of
//!   Sudan");
//! * which place a name means ([`Gazetteer::resolve`],
//!   [`Gazetteer::resolve_mention`]), from the story's countries and
//!   dateline ([`Context`]), with the rule that decided ([`How`]);
//! * datelines ([`parse_dateline`], [`Gazetteer::dateline_place`]);
//! * cities as actors ([`Gazetteer::country_of_city`]: "Moscow said").
//!
//! # When a name is a place
//!
//! Names match normalised tokens ([`normalize`]). A name counts only where it
//! is written as a name: its first token starts with a capital (or is an
//! Arabic article before one, "al-Bab"); no title-case word follows it ("the
//! Washington Post") or comes before it ("Jim Jordan"), except a sentence
//! start, a direction, a demonym, a month or a function word; a short word in
//! capitals is a country or nothing ("UN"). A name that is also a common
//! English word ("Nice", "Reading", "March", "Of") needs support: a locative
//! preposition before it ("in Nice") or its region after it ("Mobile,
//! Alabama"). Demonyms ("Syrian") are never places.
//!
//! ```
//! use herald_geo::{normalize, Context, Gazetteer, How, Iso3};
//!
//! let gaz = Gazetteer::embedded();
//! let tokens = ["Shelling", "hit", "northern", "Syria", "and", "Tripoli", "."];
//! let lower: Vec<String> = tokens.iter().map(|t| normalize(t)).collect();
//! let mentions = gaz.find_mentions(&tokens, &lower);
//! assert_eq!((mentions[0].start, mentions[0].end), (2, 4));
//!
//! // Tripoli, Libya by default; Tripoli, Lebanon in a story about Lebanon.
//! let mut ctx = Context::new();
//! let libya = gaz.resolve(&mentions[1].candidates, &ctx).unwrap();
//! assert_eq!(gaz.place(libya.place).unwrap().country.as_str(), "LBY");
//! ctx.add_country(Iso3::new("LBN").unwrap());
//! let lebanon = gaz.resolve(&mentions[1].candidates, &ctx).unwrap();
//! assert_eq!(gaz.place(lebanon.place).unwrap().country.as_str(), "LBN");
//! assert_eq!(lebanon.how, How::StoryCountry);
//! ```
//!
//! No I/O and no global state: the table is embedded with `include_str!`
//! and each [`Gazetteer::embedded`] call builds it anew (share one behind
//! an `Arc`). Every result is deterministic.
#![warn(missing_docs)]

mod dateline;
mod error;
mod format;
mod gazetteer;
mod hash;
mod index;
mod mentions;
mod place;
mod resolve;

pub use dateline::{parse_dateline, Dateline};
pub use error::GeoError;
pub use gazetteer::{CityCountry, Gazetteer};
pub use mentions::{Direction, MentionKind, PlaceMention, Qualifier};
pub use place::{Admin1, Admin1Id, Country, Iso3, Place, PlaceId, PlaceKind};
pub use resolve::{Context, How, Resolved};

/// Normalises a token as herald's dictionaries do (`herald_dict::normalize`):
/// lower case, curly apostrophes straight. Names in the gazetteer are stored
/// in this form.
pub fn normalize(token: &str) -> String {
    token.chars().flat_map(char::to_lowercase).map(|c| if c == '’' { '\'' } else { c }).collect()
}
