//! A sentence prepared for coding: token texts, normalised forms and spans.

use herald_core::Span;

pub(crate) struct Sent<'a> {
    pub tokens: Vec<&'a str>,
    pub lower: Vec<String>,
    pub spans: Vec<Span>,
}

impl<'a> Sent<'a> {
    pub fn new(text: &'a str, spans: &[Span]) -> Sent<'a> {
        let tokens: Vec<&str> = spans.iter().map(|s| s.slice(text)).collect();
        let lower = tokens.iter().map(|t| herald_dict::normalize(t)).collect();
        Sent { tokens, lower, spans: spans.to_vec() }
    }

    pub fn len(&self) -> usize {
        self.tokens.len()
    }

    /// The byte span covering tokens `start..end`.
    pub fn span(&self, start: usize, end: usize) -> Span {
        Span::new(self.spans[start].start, self.spans[end - 1].end)
    }

    pub fn is(&self, i: usize, words: &[&str]) -> bool {
        self.lower.get(i).is_some_and(|w| words.contains(&w.as_str()))
    }
}

/// Words that end the search for a verb's subject or object: clause
/// openers and quotes.
pub(crate) const CLAUSE_BREAKS: &[&str] = &[
    ";", ":", "\"", "“", "”", "that", "which", "who", "whom", "whose", "when", "while", "because",
    "although", "though", "whereas", "if", "unless", "but", "after", "before", "since", "where",
];

pub(crate) const NEGATIONS: &[&str] = &["not", "n't", "never", "no", "neither", "nor"];

pub(crate) const BE_FORMS: &[&str] =
    &["is", "are", "was", "were", "be", "been", "being", "'s", "'re"];

pub(crate) const MODALS_OF_OBLIGATION: &[&str] = &["should", "must", "ought"];

pub(crate) const DETERMINERS: &[&str] = &[
    "the", "a", "an", "its", "their", "his", "her", "our", "this", "these", "those", "'s", "any",
    "new", "further", "fresh", "renewed", "joint", "first",
];
