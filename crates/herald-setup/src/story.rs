//! Coding one story into output records.

use herald_coder::Coder;
use herald_core::{CameoTable, Diagnostic, DiagnosticKind, EventRecord, Span, StoryFields};
use herald_input::Story;

/// A coded story, as `herald code` writes it and `herald ingest` stores it.
#[derive(Clone, Debug, PartialEq)]
pub struct CodedStory {
    /// Every sentence's span in the story text.
    pub sentences: Vec<Span>,
    /// The events, as output records.
    pub records: Vec<EventRecord>,
    /// Sentences (or the whole story) left uncoded: too long, or discarded.
    pub skipped: Vec<Diagnostic>,
    /// Why patterns that matched coded nothing: no source actor, a
    /// negated, denied or only possible act.
    pub notes: Vec<Diagnostic>,
}

/// Codes `story` with `coder`; its date selects date-restricted actor codes.
pub fn code_story(coder: &Coder, cameo: &CameoTable, story: &Story) -> CodedStory {
    let coded = coder.code_dated(&story.text, story.date);
    let fields = StoryFields {
        id: &story.id,
        date: story.date,
        source: story.source.as_deref(),
        title: story.title.as_deref(),
        // herald-input keeps the fields it does not read, the URL among them.
        url: story.extra.get("url").and_then(|u| u.as_str()),
    };
    let records = coded
        .events
        .iter()
        .map(|e| EventRecord::new(&fields, &story.text, &coded.sentences, e, cameo))
        .collect();
    let (skipped, notes) = coded
        .diagnostics
        .into_iter()
        .partition(|d| matches!(d.kind, DiagnosticKind::TooLong | DiagnosticKind::Discarded));
    CodedStory { sentences: coded.sentences, records, skipped, notes }
}
