//! Builders for stories and event records, shared by the store's tests.
#![allow(dead_code)] // Each test binary uses its own subset.

use herald_core::{ActorRecord, EventRecord, Span, VerbRecord};
use herald_input::{Origin, Story};
use herald_store::{Added, Writer};

/// A story with an explicit id (a JSONL `id`).
pub fn story(id: &str, date: Option<&str>, text: &str) -> Story {
    Story {
        id: id.to_string(),
        date: date.map(|d| herald_core::Date::parse(d).unwrap()),
        source: Some("test".into()),
        title: None,
        text: text.to_string(),
        extra: serde_json::Map::new(),
        origin: Origin { file: "stories.jsonl".into(), line: 1 },
        warnings: Vec::new(),
    }
}

/// A story from a JSONL line without an id: its id is its origin.
pub fn anonymous(line: usize, text: &str) -> Story {
    let origin = Origin { file: "anon.jsonl".into(), line };
    Story { id: origin.to_string(), origin, ..story("", None, text) }
}

/// An event `source` → `target` with `cameo` on `date`; the source is the
/// text's bytes 0..4, the verb 5..9 and the target 10..14.
pub fn event(
    story: &Story,
    source: &str,
    target: Option<&str>,
    cameo: &str,
    date: Option<&str>,
) -> EventRecord {
    let root = &cameo[..2];
    let quad = match root.parse::<u8>().unwrap() {
        0..=5 => 1,
        6..=8 => 2,
        9..=13 => 3,
        _ => 4,
    };
    let goldstein = match root {
        "19" => -10.0,
        "04" => 1.0,
        "05" => 3.5,
        "11" => -2.0,
        _ => 0.0,
    };
    let actor = |code: &str, span: Span| ActorRecord {
        code: code.to_string(),
        country: Some(code[..3.min(code.len())].to_string()),
        text: span.slice(&story.text).to_string(),
        span,
    };
    EventRecord {
        story_id: story.id.clone(),
        sentence_index: 0,
        sentence: story.text.clone(),
        date: date.map(str::to_string),
        source: actor(source, Span::new(0, 4)),
        target: target.map(|t| actor(t, Span::new(10, 14))),
        cameo: cameo.to_string(),
        cameo_root: root.to_string(),
        cameo_name: Some(format!("name of {cameo}")),
        plover: (root == "19").then(|| "ASSAULT".to_string()),
        goldstein: Some(goldstein),
        quad_class: Some(quad),
        verb: VerbRecord {
            text: Span::new(5, 9).slice(&story.text).to_string(),
            span: Span::new(5, 9),
        },
        pattern: format!("test:1 {cameo}"),
        story_source: story.source.clone(),
        story_title: story.title.clone(),
        ..Default::default()
    }
}

/// Adds stories (one sentence each) in one batch.
pub fn add(writer: &mut Writer, items: &[(Story, Vec<EventRecord>)]) -> Vec<Added> {
    let mut batch = writer.batch().unwrap();
    let added = items
        .iter()
        .map(|(s, events)| batch.add_story(s, &[Span::new(0, s.text.len())], events).unwrap())
        .collect();
    batch.commit().unwrap();
    added
}
