//! Scoring coded events against a gold file.
//!
//! The gold format is one JSON object per line, one line per scored
//! sentence:
//!
//! ```json
//! {"doc":"a.txt","sent":1,"events":[{"source":"AZE","target":"RUS","root":"03"},
//!   {"source":"ARM","target":null,"root":["19","20"],"optional":true}]}
//! ```
//!
//! `sent` counts sentences from 1. `source`/`target` are countries (ISO
//! alpha-3), `IGO` for an international organisation or `EUR` for the EU;
//! `root` is a CAMEO root or a list of acceptable roots; `optional` events
//! count when found but are not missed when absent. Only sentences listed in
//! the gold file are scored, and statements (root 01) are not scored.
//! Predictions are compared at that level too: several events of one
//! sentence with the same dyad and root count as one prediction.
#![warn(missing_docs)]

use std::collections::BTreeMap;

use herald_core::EventRecord;
use serde::Deserialize;

/// A gold file problem.
#[derive(Debug, thiserror::Error)]
#[error("{file}:{line}: {message}")]
pub struct GoldError {
    /// The gold file.
    pub file: String,
    /// 1-based line.
    pub line: usize,
    /// What is wrong.
    pub message: String,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum Roots {
    One(String),
    Many(Vec<String>),
}

#[derive(Deserialize)]
struct RawEvent {
    source: Option<String>,
    target: Option<String>,
    root: Roots,
    #[serde(default)]
    optional: bool,
}

#[derive(Deserialize)]
struct RawSentence {
    doc: String,
    sent: usize,
    events: Vec<RawEvent>,
}

/// One gold event.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GoldEvent {
    /// Source country key.
    pub source: Option<String>,
    /// Target country key.
    pub target: Option<String>,
    /// Acceptable CAMEO roots.
    pub roots: Vec<String>,
    /// Whether missing it is not an error.
    pub optional: bool,
}

/// A gold sentence: document, 0-based sentence index, events.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GoldSentence {
    /// Document name (a story id or file name).
    pub doc: String,
    /// 0-based sentence index.
    pub sentence_index: usize,
    /// Expected events.
    pub events: Vec<GoldEvent>,
}

/// Parses a gold file.
pub fn parse_gold(file: &str, text: &str) -> Result<Vec<GoldSentence>, GoldError> {
    let mut out = Vec::new();
    for (idx, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let err = |message: String| GoldError { file: file.to_string(), line: idx + 1, message };
        let raw: RawSentence = serde_json::from_str(line).map_err(|e| err(e.to_string()))?;
        if raw.sent == 0 {
            return Err(err("`sent` counts from 1".to_string()));
        }
        let events = raw
            .events
            .into_iter()
            .map(|e| GoldEvent {
                source: e.source,
                target: e.target,
                roots: match e.root {
                    Roots::One(r) => vec![r],
                    Roots::Many(rs) => rs,
                },
                optional: e.optional,
            })
            .collect();
        out.push(GoldSentence { doc: raw.doc, sentence_index: raw.sent - 1, events });
    }
    Ok(out)
}

/// The country-level key of an actor code: its country, `EUR` for the EU,
/// `IGO` for other international organisations.
pub fn country_key(code: &str, country: Option<&str>) -> Option<String> {
    if let Some(c) = country {
        return Some(c.to_string());
    }
    code.starts_with("IGO").then(|| "IGO".to_string())
}

/// The scores.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Score {
    /// Predicted events that match a gold event.
    pub true_positives: usize,
    /// Predicted events (in scored sentences) that match none.
    pub false_positives: usize,
    /// Required gold events not found.
    pub false_negatives: usize,
    /// Required gold events.
    pub required: usize,
    /// Per-sentence details: (doc, sentence index, found, missed, spurious).
    pub details: Vec<SentenceScore>,
}

/// How one gold sentence scored.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SentenceScore {
    /// Document.
    pub doc: String,
    /// 0-based sentence index.
    pub sentence_index: usize,
    /// Matched events, as `SRC>TGT:ROOT`.
    pub found: Vec<String>,
    /// Missed required events.
    pub missed: Vec<String>,
    /// Predicted events that match no gold event.
    pub spurious: Vec<String>,
}

impl Score {
    /// TP / (TP + FP); 1 when nothing was predicted.
    pub fn precision(&self) -> f64 {
        ratio(self.true_positives, self.true_positives + self.false_positives)
    }

    /// Found required events / required events; 1 when none are required.
    pub fn recall(&self) -> f64 {
        ratio(self.required - self.false_negatives, self.required)
    }

    /// Harmonic mean of precision and recall.
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        1.0
    } else {
        a as f64 / b as f64
    }
}

/// The document name a story id stands for: its last path component.
fn doc_name(id: &str) -> &str {
    id.rsplit(['/', '\\']).next().unwrap_or(id)
}

fn show(source: &Option<String>, target: &Option<String>, root: &str) -> String {
    format!("{}>{}:{}", source.as_deref().unwrap_or("-"), target.as_deref().unwrap_or("-"), root)
}

/// A prediction at scoring level: source key, target key, CAMEO root.
type Key<'a> = (Option<String>, Option<String>, &'a str);

/// Scores `events` against `gold`.
pub fn score(gold: &[GoldSentence], events: &[EventRecord]) -> Score {
    let mut predicted: BTreeMap<(&str, usize), Vec<Key<'_>>> = BTreeMap::new();
    for e in events.iter().filter(|e| e.cameo_root != "01") {
        let src = country_key(&e.source.code, e.source.country.as_deref());
        let tgt = e.target.as_ref().and_then(|t| country_key(&t.code, t.country.as_deref()));
        let preds = predicted.entry((doc_name(&e.story_id), e.sentence_index)).or_default();
        // Scoring is at dyad + root level: two events with the same key in
        // one sentence are one prediction.
        if !preds.contains(&(src.clone(), tgt.clone(), e.cameo_root.as_str())) {
            preds.push((src, tgt, &e.cameo_root));
        }
    }
    let mut score = Score::default();
    for sentence in gold {
        let mut preds = predicted
            .get(&(sentence.doc.as_str(), sentence.sentence_index))
            .cloned()
            .unwrap_or_default();
        let mut detail = SentenceScore {
            doc: sentence.doc.clone(),
            sentence_index: sentence.sentence_index,
            ..Default::default()
        };
        // Required events claim matches first, so an optional event never
        // takes the prediction a required one needs.
        let mut order: Vec<&GoldEvent> = sentence.events.iter().collect();
        order.sort_by_key(|g| g.optional);
        for g in order {
            if !g.optional {
                score.required += 1;
            }
            let hit = preds.iter().position(|(s, t, r)| {
                *s == g.source && *t == g.target && g.roots.iter().any(|gr| gr == r)
            });
            match hit {
                Some(i) => {
                    let (s, t, r) = preds.remove(i);
                    score.true_positives += 1;
                    detail.found.push(show(&s, &t, r));
                }
                None if !g.optional => {
                    score.false_negatives += 1;
                    detail.missed.push(show(&g.source, &g.target, &g.roots.join("|")));
                }
                None => {}
            }
        }
        score.false_positives += preds.len();
        detail.spurious = preds.iter().map(|(s, t, r)| show(s, t, r)).collect();
        score.details.push(detail);
    }
    score
}

#[cfg(test)]
mod tests {
    use super::*;
    use herald_core::{ActorRecord, Span, VerbRecord};

    fn event(doc: &str, sent: usize, src: &str, tgt: Option<&str>, root: &str) -> EventRecord {
        let actor = |c: &str| ActorRecord {
            code: c.into(),
            country: Some(c.into()),
            text: c.into(),
            span: Span::new(0, 1),
        };
        EventRecord {
            story_id: doc.into(),
            sentence_index: sent,
            sentence: String::new(),
            date: None,
            source: actor(src),
            target: tgt.map(actor),
            cameo: format!("{root}0"),
            cameo_root: root.into(),
            cameo_name: None,
            plover: None,
            goldstein: Some(0.0),
            quad_class: Some(1),
            verb: VerbRecord { text: String::new(), span: Span::new(0, 1) },
            pattern: String::new(),
        }
    }

    #[test]
    fn scores_required_optional_and_spurious() {
        let gold = parse_gold(
            "g",
            r#"{"doc":"a.txt","sent":1,"events":[{"source":"AZE","target":"RUS","root":"03"},{"source":"ARM","target":"AZE","root":["19","20"],"optional":true}]}
{"doc":"a.txt","sent":2,"events":[{"source":"ARM","target":null,"root":"19"}]}"#,
        )
        .unwrap();
        let events = [
            event("dir/a.txt", 0, "AZE", Some("RUS"), "03"),
            event("a.txt", 0, "ARM", Some("AZE"), "20"),
            event("a.txt", 0, "AZE", Some("ARM"), "11"),
            event("a.txt", 0, "AZE", None, "01"),
            event("a.txt", 5, "AZE", None, "19"),
        ];
        let s = score(&gold, &events);
        assert_eq!(
            (s.true_positives, s.false_positives, s.false_negatives, s.required),
            (2, 1, 1, 2)
        );
        assert_eq!(s.recall(), 0.5);
        assert!((s.precision() - 2.0 / 3.0).abs() < 1e-9);
        assert_eq!(s.details[1].missed, ["ARM>-:19"]);
    }

    #[test]
    fn gold_errors_have_lines() {
        let err = parse_gold("gold.jsonl", "\n{\"doc\":1}").unwrap_err();
        assert_eq!(err.line, 2);
        assert!(parse_gold("g", r#"{"doc":"a","sent":0,"events":[]}"#).is_err());
    }

    #[test]
    fn country_keys() {
        assert_eq!(country_key("IGOUNO", None).as_deref(), Some("IGO"));
        assert_eq!(country_key("IGOEUREEC", Some("EUR")).as_deref(), Some("EUR"));
        assert_eq!(country_key("REB", None), None);
    }
}
