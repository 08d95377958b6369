//! The gold file format.

use std::collections::BTreeMap;

use serde::Deserialize;
use sha2::{Digest, Sha256};

/// A gold file problem, or a story that does not match the gold file's reference.
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
enum OneOrMany {
    One(String),
    Many(Vec<String>),
}

impl OneOrMany {
    fn into_vec(self) -> Vec<String> {
        match self {
            OneOrMany::One(s) => vec![s],
            OneOrMany::Many(v) => v,
        }
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawEvent {
    source: Option<String>,
    target: Option<String>,
    /// CAMEO roots (the seed file's name for it).
    root: Option<OneOrMany>,
    /// CAMEO codes or roots.
    cameo: Option<OneOrMany>,
    plover: Option<OneOrMany>,
    #[serde(default)]
    optional: bool,
    #[serde(default)]
    source_actor: Option<String>,
    #[serde(default)]
    target_actor: Option<String>,
    #[serde(default)]
    note: Option<String>,
    /// The date the text gives for the event.
    #[serde(default)]
    date: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSentence {
    doc: String,
    sent: usize,
    start: Option<usize>,
    end: Option<usize>,
    sha256: Option<String>,
    events: Vec<RawEvent>,
}

/// One gold event.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GoldEvent {
    /// Source country key.
    pub source: Option<String>,
    /// Target country key.
    pub target: Option<String>,
    /// Acceptable CAMEO roots (two digits); empty if the file gives none.
    pub roots: Vec<String>,
    /// Acceptable PLOVER types; empty if the file gives none.
    pub plover: Vec<String>,
    /// Whether missing it is not an error.
    pub optional: bool,
}

/// A gold sentence.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GoldSentence {
    /// Document: a story id, or the last component of a file path.
    pub doc: String,
    /// 0-based sentence index.
    pub sentence_index: usize,
    /// 1-based line in the gold file.
    pub line: usize,
    /// Byte range of the sentence in its story and the sha256 of its text,
    /// when the file gives them: events are then placed by their verb's
    /// offset, whatever the sentence splitter does.
    pub reference: Option<Reference>,
    /// Expected events.
    pub events: Vec<GoldEvent>,
}

/// Where a gold sentence lies in its story.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reference {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
    /// Hex sha256 of the sentence text.
    pub sha256: String,
}

/// The PLOVER event types, which the gold files may use.
pub const PLOVER_TYPES: [&str; 16] = [
    "AGREE",
    "CONSULT",
    "SUPPORT",
    "CONCEDE",
    "COOPERATE",
    "AID",
    "RETREAT",
    "REQUEST",
    "ACCUSE",
    "REJECT",
    "THREATEN",
    "PROTEST",
    "SANCTION",
    "MOBILIZE",
    "COERCE",
    "ASSAULT",
];

/// Parses a gold file: one JSON object per line, one line per scored sentence.
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
        let reference = match (raw.start, raw.end, raw.sha256) {
            (Some(start), Some(end), Some(sha256)) if start < end => {
                Some(Reference { start, end, sha256 })
            }
            (None, None, None) => None,
            _ => return Err(err("`start`, `end` and `sha256` go together, start < end".into())),
        };
        let mut events = Vec::with_capacity(raw.events.len());
        for e in raw.events {
            let roots: Vec<String> = e
                .root
                .into_iter()
                .chain(e.cameo)
                .flat_map(OneOrMany::into_vec)
                .map(|c| c.get(..2).unwrap_or(&c).to_string())
                .collect();
            let plover = e.plover.map(OneOrMany::into_vec).unwrap_or_default();
            if let Some(bad) = plover.iter().find(|p| !PLOVER_TYPES.contains(&p.as_str())) {
                return Err(err(format!("{bad:?} is not a PLOVER event type")));
            }
            if let Some(bad) = roots.iter().find(|r| !is_root(r)) {
                return Err(err(format!("{bad:?} does not start with a CAMEO root")));
            }
            if roots.is_empty() && plover.is_empty() {
                return Err(err("an event needs `plover`, `cameo` or `root`".into()));
            }
            if e.source.is_none() {
                return Err(err("an event needs a source".into()));
            }
            // Informative fields: checked for type by serde, not scored.
            let _ = (e.source_actor, e.target_actor, e.note, e.date);
            events.push(GoldEvent {
                source: e.source,
                target: e.target,
                roots,
                plover,
                optional: e.optional,
            });
        }
        out.push(GoldSentence {
            doc: raw.doc,
            sentence_index: raw.sent - 1,
            line: idx + 1,
            reference,
            events,
        });
    }
    Ok(out)
}

fn is_root(r: &str) -> bool {
    r.len() == 2 && r.parse::<u8>().is_ok_and(|n| (1..=20).contains(&n))
}

/// Checks every referenced sentence against its story's text (`texts`: story
/// id to text), so that a score is never computed on other text than the
/// gold file was coded on.
pub fn check_references(
    file: &str,
    gold: &[GoldSentence],
    texts: &BTreeMap<String, String>,
) -> Result<(), GoldError> {
    for g in gold {
        let Some(r) = &g.reference else { continue };
        let err = |message: String| GoldError { file: file.to_string(), line: g.line, message };
        let text = texts.get(&g.doc).ok_or_else(|| err(format!("no story {:?}", g.doc)))?;
        let slice = text.get(r.start..r.end).ok_or_else(|| {
            err(format!("{}: bytes {}..{} outside its text", g.doc, r.start, r.end))
        })?;
        let digest = Sha256::digest(slice.as_bytes());
        let hex: String = digest.iter().map(|b| format!("{b:02x}")).collect();
        if hex != r.sha256 {
            return Err(err(format!(
                "{} sentence {}: the story's text differs from the one coded (sha256)",
                g.doc,
                g.sentence_index + 1
            )));
        }
    }
    Ok(())
}
