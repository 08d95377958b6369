//! Where and when events happened: golden cases for event locations and
//! the dates the text gives (`src/location.rs`, `src/dates.rs`).
//!
//! Cases live in `tests/whereabouts/cases.toml`: a story, its date, and
//! for each event in output order `SOURCE>TARGET CODE | DATE PRECISION |
//! PLACE COUNTRY HOW` (`-` for no location), as `render` writes them.

use herald_coder::{Coder, CoderConfig};
use herald_core::Date;
use herald_dict::Dictionaries;
use serde::Deserialize;

#[derive(Deserialize)]
struct File {
    case: Vec<Case>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    name: String,
    text: String,
    /// The story date, if the story has one.
    date: Option<String>,
    events: Vec<String>,
}

fn render(e: &herald_core::Event) -> String {
    let target = e.target.as_ref().map_or("-", |t| t.code.as_str());
    let date = e.date.map_or("-".to_string(), |d| {
        format!("{} {}", d.date.format(d.precision), d.precision.as_str())
    });
    let place = e
        .location
        .as_ref()
        .map_or("-".to_string(), |l| format!("{} {} {}", l.name, l.country, l.how.as_str()));
    format!("{}>{target} {} | {date} | {place}", e.source.code, e.code)
}

#[test]
fn whereabouts() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/whereabouts/cases.toml");
    let file: File = toml::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let coder = Coder::new(Dictionaries::embedded(), CoderConfig::standard());
    let mut failures = Vec::new();
    for case in &file.case {
        let date = case.date.as_deref().map(|d| Date::parse(d).unwrap());
        let coded = coder.code_dated(&case.text, date);
        let got: Vec<String> = coded.events.iter().map(render).collect();
        for e in &coded.events {
            // Spans point at the phrase and the place in the story text.
            if let Some(l) = &e.location {
                assert!(
                    l.span.end <= case.text.len(),
                    "{}: location span out of bounds",
                    case.name
                );
            }
            if let Some(d) = e.date {
                assert!(d.span.end <= case.text.len(), "{}: date span out of bounds", case.name);
            }
        }
        if got != case.events {
            failures.push(format!(
                "{}:\n  expected {:?}\n  got      {:?}",
                case.name, case.events, got
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} cases failed:\n{}",
        failures.len(),
        file.case.len(),
        failures.join("\n")
    );
}

#[test]
fn without_a_gazetteer_events_have_no_location() {
    let config = CoderConfig { places: false, ..CoderConfig::standard() };
    let coder = Coder::new(Dictionaries::embedded(), config);
    let coded = coder.code("Israeli troops shelled Gaza City on 3 March 2024.");
    assert!(!coded.events.is_empty());
    assert!(coded.events.iter().all(|e| e.location.is_none()));
    assert!(coded
        .events
        .iter()
        .all(|e| e.date.is_some_and(|d| d.date.to_string() == "2024-03-03")));
}
