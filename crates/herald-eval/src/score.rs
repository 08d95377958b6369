//! Matching predicted events to gold events, sentence by sentence.

use std::collections::{BTreeMap, HashMap};

use herald_core::EventRecord;
use serde::Serialize;

use crate::gold::{GoldEvent, GoldSentence};

/// What an event is compared by, besides its source and target country keys.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    /// The PLOVER event type; events without one (statements, appeals with
    /// no recipient, user codes) are not scored.
    Plover,
    /// The CAMEO root; statements (`01`) are not scored.
    Root,
}

/// Counts for one event type.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Counts {
    /// Required gold events.
    pub gold: usize,
    /// Predictions matching a gold event (required or optional).
    pub tp: usize,
    /// Predictions matching none.
    pub fp: usize,
    /// Required gold events not found.
    #[serde(rename = "fn")]
    pub fn_: usize,
}

impl Counts {
    /// TP / (TP + FP); 1 when nothing was predicted.
    pub fn precision(&self) -> f64 {
        ratio(self.tp, self.tp + self.fp)
    }

    /// Found required events / required events; 1 when none are required.
    pub fn recall(&self) -> f64 {
        ratio(self.gold - self.fn_, self.gold)
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

    fn add(&mut self, other: &Counts) {
        self.gold += other.gold;
        self.tp += other.tp;
        self.fp += other.fp;
        self.fn_ += other.fn_;
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        1.0
    } else {
        a as f64 / b as f64
    }
}

/// How one gold sentence scored; events written `SRC>TGT:TYPE`.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct SentenceScore {
    /// Document.
    pub doc: String,
    /// 0-based sentence index.
    pub sentence_index: usize,
    /// Matched events.
    pub found: Vec<String>,
    /// Missed required events.
    pub missed: Vec<String>,
    /// Predicted events that match no gold event.
    pub spurious: Vec<String>,
}

/// The result of scoring.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Score {
    /// What events were compared by.
    pub level: Level,
    /// All types together.
    pub total: Counts,
    /// Per event type (PLOVER type or CAMEO root).
    pub types: BTreeMap<String, Counts>,
    /// Misses and spurious events of one sentence paired up: the same dyad
    /// with another type (`"ACCUSE as REQUEST"`), or the same type with
    /// another dyad (`"ASSAULT: target missing"`), with how often.
    pub confusions: BTreeMap<String, usize>,
    /// Every gold sentence.
    pub sentences: Vec<SentenceScore>,
}

impl Score {
    /// Precision over all types.
    pub fn precision(&self) -> f64 {
        self.total.precision()
    }

    /// Recall over all types.
    pub fn recall(&self) -> f64 {
        self.total.recall()
    }

    /// F1 over all types.
    pub fn f1(&self) -> f64 {
        self.total.f1()
    }
}

/// A prediction at scoring level: source key, target key, type.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Key {
    source: Option<String>,
    target: Option<String>,
    kind: String,
}

fn show(source: &Option<String>, target: &Option<String>, kind: &str) -> String {
    format!("{}>{}:{}", source.as_deref().unwrap_or("-"), target.as_deref().unwrap_or("-"), kind)
}

/// The country-level key of an actor code: its country; `IGO` for an
/// international organisation; for actors with no country, the code's
/// transnational prefix (`IMG`, `NGO`, `MNC`); else none.
pub fn country_key(code: &str, country: Option<&str>) -> Option<String> {
    if let Some(c) = country {
        return Some(c.to_string());
    }
    ["IGO", "IMG", "NGO", "MNC"].into_iter().find(|p| code.starts_with(p)).map(str::to_string)
}

/// The document name a story id stands for: its last path component.
pub(crate) fn doc_name(id: &str) -> &str {
    id.rsplit(['/', '\\']).next().unwrap_or(id)
}

/// Places events in gold sentences: by their verb's offset in documents
/// whose gold sentences give byte ranges, else by sentence index.
pub(crate) struct Placer<'g> {
    /// Gold sentences of each document with byte ranges, sorted by start.
    ranges: HashMap<&'g str, Vec<(usize, usize, usize)>>,
}

impl<'g> Placer<'g> {
    /// A placer over gold sentences given as (document, reference, index).
    pub(crate) fn new(
        sentences: impl Iterator<Item = (&'g str, Option<&'g crate::Reference>, usize)>,
    ) -> Placer<'g> {
        let mut ranges: HashMap<&str, Vec<(usize, usize, usize)>> = HashMap::new();
        for (doc, reference, idx) in sentences {
            if let Some(r) = reference {
                ranges.entry(doc).or_default().push((r.start, r.end, idx));
            }
        }
        for v in ranges.values_mut() {
            v.sort_unstable();
        }
        Placer { ranges }
    }

    /// The index of the gold sentence event `e` lies in (`None`: outside
    /// every gold sentence of a document with byte ranges).
    pub(crate) fn sentence(&self, e: &EventRecord) -> Option<usize> {
        match self.ranges.get(doc_name(&e.story_id)) {
            Some(r) => {
                let at = e.verb.span.start;
                r.iter().find(|&&(s, end, _)| s <= at && at < end).map(|&(_, _, idx)| idx)
            }
            None => Some(e.sentence_index),
        }
    }
}

fn gold_kinds(g: &GoldEvent, level: Level) -> &[String] {
    match level {
        Level::Plover => &g.plover,
        Level::Root => &g.roots,
    }
}

/// Scores `events` against `gold` at `level`.
///
/// Events are placed in gold sentences by their verb's offset when the gold
/// sentence gives its byte range, else by sentence index. Several events of
/// one sentence with the same key count as one prediction; a required gold
/// event claims a match before an optional one.
pub fn score(gold: &[GoldSentence], events: &[EventRecord], level: Level) -> Score {
    let placer =
        Placer::new(gold.iter().map(|g| (g.doc.as_str(), g.reference.as_ref(), g.sentence_index)));
    let mut predicted: BTreeMap<(&str, usize), Vec<Key>> = BTreeMap::new();
    for e in events {
        let kind = match level {
            Level::Plover => e.plover.clone(),
            Level::Root => (e.cameo_root != "01").then(|| e.cameo_root.clone()),
        };
        let Some(kind) = kind else { continue };
        let doc = doc_name(&e.story_id);
        let Some(sentence) = placer.sentence(e) else { continue };
        let key = Key {
            source: country_key(&e.source.code, e.source.country.as_deref()),
            target: e.target.as_ref().and_then(|t| country_key(&t.code, t.country.as_deref())),
            kind,
        };
        let preds = predicted.entry((doc, sentence)).or_default();
        if !preds.contains(&key) {
            preds.push(key);
        }
    }
    let mut types: BTreeMap<String, Counts> = BTreeMap::new();
    let mut confusions: BTreeMap<String, usize> = BTreeMap::new();
    let mut sentences = Vec::with_capacity(gold.len());
    for sentence in gold {
        let mut preds =
            predicted.remove(&(sentence.doc.as_str(), sentence.sentence_index)).unwrap_or_default();
        let mut detail = SentenceScore {
            doc: sentence.doc.clone(),
            sentence_index: sentence.sentence_index,
            ..Default::default()
        };
        let mut order: Vec<&GoldEvent> = sentence.events.iter().collect();
        order.sort_by_key(|g| g.optional);
        let mut missed: Vec<&GoldEvent> = Vec::new();
        for g in order {
            let kinds = gold_kinds(g, level);
            let first = kinds.first().cloned().unwrap_or_default();
            if !g.optional {
                types.entry(first.clone()).or_default().gold += 1;
            }
            let hit = preds.iter().position(|p| {
                p.source == g.source && p.target == g.target && kinds.contains(&p.kind)
            });
            match hit {
                Some(i) => {
                    let p = preds.remove(i);
                    types.entry(p.kind.clone()).or_default().tp += 1;
                    detail.found.push(show(&p.source, &p.target, &p.kind));
                }
                None if !g.optional => {
                    types.entry(first.clone()).or_default().fn_ += 1;
                    detail.missed.push(show(&g.source, &g.target, &kinds.join("|")));
                    missed.push(g);
                }
                None => {}
            }
        }
        for p in &preds {
            types.entry(p.kind.clone()).or_default().fp += 1;
        }
        detail.spurious = preds.iter().map(|p| show(&p.source, &p.target, &p.kind)).collect();
        pair_confusions(&missed, preds, level, &mut confusions);
        sentences.push(detail);
    }
    let mut total = Counts::default();
    for c in types.values() {
        total.add(c);
    }
    Score { level, total, types, confusions, sentences }
}

/// Pairs each missed gold event with a spurious prediction of the same
/// sentence: first by dyad (a type confusion), then by type (an actor
/// confusion); what is left is a plain miss or a plain spurious event.
fn pair_confusions(
    missed: &[&GoldEvent],
    mut preds: Vec<Key>,
    level: Level,
    out: &mut BTreeMap<String, usize>,
) {
    let mut unpaired: Vec<&GoldEvent> = Vec::new();
    for &g in missed {
        let kinds = gold_kinds(g, level);
        let first = kinds.first().map_or("", String::as_str);
        match preds.iter().position(|p| p.source == g.source && p.target == g.target) {
            Some(i) => {
                let p = preds.remove(i);
                *out.entry(format!("{first} as {}", p.kind)).or_default() += 1;
            }
            None => unpaired.push(g),
        }
    }
    for g in unpaired {
        let kinds = gold_kinds(g, level);
        let first = kinds.first().map_or("", String::as_str);
        let what = match preds.iter().position(|p| kinds.contains(&p.kind)) {
            Some(i) => {
                let p = preds.remove(i);
                if p.source == g.target && p.target == g.source {
                    "source and target swapped"
                } else if p.source == g.source && p.target.is_none() {
                    "target missing"
                } else if p.source == g.source && g.target.is_none() {
                    "target where none is"
                } else if p.source == g.source {
                    "wrong target"
                } else if p.target == g.target {
                    "wrong source"
                } else {
                    "wrong source and target"
                }
            }
            None => "missed",
        };
        *out.entry(format!("{first}: {what}")).or_default() += 1;
    }
    for p in preds {
        *out.entry(format!("{}: spurious", p.kind)).or_default() += 1;
    }
}
