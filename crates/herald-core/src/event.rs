use crate::{Date, EventCode, Precision, Span};

/// One mention of an actor in the text, resolved to a CAMEO actor code.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct ActorMention {
    /// CAMEO actor code, e.g. `"AZEGOV"`, `"ARMMIL"`, `"IGOUNO"`.
    pub code: String,
    /// ISO 3166-1 alpha-3 of the actor's country (or `EUR` for the EU), if it has one.
    pub country: Option<String>,
    /// Where the mention is in the story text.
    pub span: Span,
}

/// A coded event: who did what to whom, with evidence.
#[derive(Clone, Debug, PartialEq)]
pub struct Event {
    /// 0-based index of the sentence in the story, in reading order.
    pub sentence_index: usize,
    /// Who acted.
    pub source: ActorMention,
    /// Who was acted upon, if the text names someone.
    pub target: Option<ActorMention>,
    /// What happened.
    pub code: EventCode,
    /// The verb or event noun that carries the event.
    pub verb: Span,
    /// The dictionary pattern that fired, as written in its dictionary.
    pub pattern: String,
    /// The date the text gives for the event itself ("yesterday", "on 3
    /// March", "in 1988"); `None` when it gives none (the story's date
    /// then applies).
    pub date: Option<EventDate>,
    /// Where the event happened, if the text says.
    pub location: Option<Location>,
}

/// A date the text gives for an event, resolved against the story date.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct EventDate {
    /// The day, or the first day of the week, month or year.
    pub date: Date,
    /// How much of it the text gives (never [`Precision::Story`] here).
    pub precision: Precision,
    /// The date phrase.
    pub span: Span,
}

/// Where an event happened: a place of herald's gazetteer.
#[derive(Clone, Debug, PartialEq)]
pub struct Location {
    /// The place's name (GeoNames').
    pub name: String,
    /// Its mention in the story text.
    pub span: Span,
    /// Its GeoNames id.
    pub geonameid: u32,
    /// ISO 3166-1 alpha-3 of its country.
    pub country: String,
    /// The first-level division it is in (or is), if known.
    pub admin1: Option<String>,
    /// Latitude in degrees.
    pub lat: f64,
    /// Longitude in degrees.
    pub lon: f64,
    /// Which rule chose it.
    pub how: LocatedBy,
}

/// The rule that chose an event's location, in the order they are tried.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum LocatedBy {
    /// A place attached to the event's clause: a locative phrase under the
    /// event word ("clashed in Kabul", "talks in Geneva"), or the object
    /// of a verb of movement or attack on a place ("shelled Grozny").
    Clause,
    /// The place of the sentence nearest the event word that is not an actor.
    Sentence,
    /// The story's dateline ("KABUL, March 3 (Reuters) -").
    Dateline,
    /// For an act the sentence places nowhere, the location of the story's
    /// last event before it that has one.
    Story,
}

impl LocatedBy {
    /// `"clause"`, `"sentence"`, `"dateline"` or `"story"`.
    pub fn as_str(self) -> &'static str {
        match self {
            LocatedBy::Clause => "clause",
            LocatedBy::Sentence => "sentence",
            LocatedBy::Dateline => "dateline",
            LocatedBy::Story => "story",
        }
    }
}

/// Why a sentence produced fewer events than it might have.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum DiagnosticKind {
    /// A verb pattern matched but no source actor was found.
    NoSource,
    /// A pattern matched a negated verb, so nothing was coded.
    Negated,
    /// The event is denied, stopped or only possible ("denied attacking",
    /// "could attack"), so nothing was coded.
    Unrealised,
    /// The sentence matched a discard phrase and was skipped.
    Discarded,
    /// The sentence was too long to code and was skipped.
    TooLong,
}

/// A note from the coder about one sentence.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    /// 0-based sentence index.
    pub sentence_index: usize,
    /// What kind of note.
    pub kind: DiagnosticKind,
    /// Human-readable detail.
    pub message: String,
}
