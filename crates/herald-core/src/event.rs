use crate::{EventCode, Span};

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
    /// A date the sentence gives for the event itself (e.g. `"1988"` in
    /// "began in 1988"), when it differs from the story date.
    pub date: Option<String>,
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
