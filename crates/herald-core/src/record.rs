use serde::{Deserialize, Serialize};

use crate::Span;

/// The stable output schema for one event: one JSON object per event in
/// `herald code` output, and the row shape of the store.
///
/// Field names are part of herald's public interface; add fields, never
/// rename or remove them.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EventRecord {
    /// The story's id (from the input, or derived from the file name).
    pub story_id: String,
    /// 0-based sentence index within the story.
    pub sentence_index: usize,
    /// The sentence text.
    pub sentence: String,
    /// The event date: the date the text gives for the event (`"1988"`),
    /// else the story date (`YYYY-MM-DD`).
    pub date: Option<String>,
    /// Who acted.
    pub source: ActorRecord,
    /// Who was acted upon.
    pub target: Option<ActorRecord>,
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
    /// Goldstein score; null for a user-defined code.
    pub goldstein: Option<f32>,
    /// Quad class, 1–4; null for a user-defined code.
    pub quad_class: Option<u8>,
    /// The verb or event noun.
    pub verb: VerbRecord,
    /// The dictionary pattern that fired.
    pub pattern: String,
}

/// An actor in an [`EventRecord`].
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
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

/// The verb of an [`EventRecord`].
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
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
        story_id: &str,
        story_date: Option<crate::Date>,
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
        EventRecord {
            story_id: story_id.to_string(),
            sentence_index: event.sentence_index,
            sentence: sentences.get(event.sentence_index).map_or("", |s| s.slice(text)).to_string(),
            date: event.date.clone().or_else(|| story_date.map(|d| d.to_string())),
            source: actor(&event.source),
            target: event.target.as_ref().map(actor),
            cameo: event.code.to_string(),
            cameo_root: event.code.root().to_string(),
            cameo_name: entry.map(|e| e.name.clone()),
            plover: cameo.plover(&event.code, event.target.is_some()).map(str::to_string),
            goldstein: entry.map(|e| e.goldstein),
            quad_class: entry.map(|e| e.quad_class.number()).or_else(|| {
                event.code.root_number().map(|r| crate::QuadClass::of_root(r).number())
            }),
            verb: VerbRecord { text: event.verb.slice(text).to_string(), span: event.verb },
            pattern: event.pattern.clone(),
        }
    }
}
