//! Discard lists (`Phoenix.discards.txt`): phrases whose presence stops
//! the coding of a sentence or, with `+`, of the whole story.

use std::collections::HashMap;

use crate::error::{DictError, ErrorKind};
use crate::lint::{self, LintKind, LintWarning};
use crate::text;

/// A parsed discard list.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DiscardList {
    /// The discard phrases, in file order.
    pub entries: Vec<Discard>,
}

/// One discard phrase.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Discard {
    /// Line of the phrase.
    pub line: usize,
    /// The phrase, without the `+` and the trailing `_`, blanks normalised
    /// to single spaces, case as written (matching ignores case).
    pub text: String,
    /// Whether the phrase discards the sentence or the whole story.
    pub scope: DiscardScope,
    /// The phrase ended with `_`: the matched text must end with a blank or
    /// punctuation. Otherwise the phrase is a stem (`BASEBALL` also matches
    /// `BASEBALLS`).
    pub word_end: bool,
}

/// What a discard phrase discards.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DiscardScope {
    /// No `+`: the sentence is not coded.
    Sentence,
    /// `+PHRASE`: the whole story is not coded.
    Story,
}

impl Discard {
    /// The words of the phrase (blanks and `_` separate words).
    pub fn words(&self) -> Vec<String> {
        text::phrase_words(&self.text)
    }
}

impl DiscardList {
    /// The story-level discards.
    pub fn story_level(&self) -> impl Iterator<Item = &Discard> {
        self.entries.iter().filter(|d| d.scope == DiscardScope::Story)
    }

    /// The sentence-level discards.
    pub fn sentence_level(&self) -> impl Iterator<Item = &Discard> {
        self.entries.iter().filter(|d| d.scope == DiscardScope::Sentence)
    }
}

/// Parses a discard list: one phrase a line, `+` for story level, a
/// trailing `_` for a word end.
pub fn parse_discards(path: &str, text: &str) -> (DiscardList, Vec<DictError>) {
    let mut errors = Vec::new();
    let lines = text::lines(path, text, &mut errors);
    let mut list = DiscardList::default();
    for line in &lines {
        let content = line.content.trim();
        if content.is_empty() {
            continue;
        }
        let (scope, phrase) = match content.strip_prefix('+') {
            Some(rest) => (DiscardScope::Story, rest.trim()),
            None => (DiscardScope::Sentence, content),
        };
        let word_end = phrase.ends_with('_');
        let core = phrase.trim_end_matches('_');
        let normalised = core.split_whitespace().collect::<Vec<_>>().join(" ");
        if normalised.is_empty() {
            errors.push(line.error(path, content, ErrorKind::EmptyPhrase));
            continue;
        }
        list.entries.push(Discard { line: line.number, text: normalised, scope, word_end });
    }
    errors.sort_by_key(|e| (e.line, e.column));
    (list, errors)
}

/// Lints a discard list: duplicate phrases (ignoring case, as matching
/// does) and suspicious characters.
pub fn lint_discards(list: &DiscardList) -> Vec<LintWarning> {
    let mut out = Vec::new();
    let mut seen: HashMap<(String, bool), usize> = HashMap::new();
    for d in &list.entries {
        let key = (d.text.to_uppercase(), d.word_end);
        if let Some(first) = seen.get(&key) {
            let msg = format!("discard {} is already listed on line {first}", d.text);
            lint::warn(&mut out, d.line, LintKind::DuplicateEntry, msg);
        } else {
            seen.insert(key, d.line);
        }
        if let Some(c) = lint::suspicious_char(&d.text) {
            let msg = format!("discard {} contains {c:?}", d.text.escape_debug());
            lint::warn(&mut out, d.line, LintKind::SuspiciousCharacter, msg);
        }
    }
    lint::finish(out)
}
