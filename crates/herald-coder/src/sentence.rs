//! A sentence prepared for coding: token texts, normalised forms and spans.

use herald_core::Span;

pub(crate) struct Sent<'a> {
    pub tokens: Vec<&'a str>,
    pub lower: Vec<String>,
    pub spans: Vec<Span>,
}

impl<'a> Sent<'a> {
    /// A sentence over the tokens at `spans`. A token joining words with
    /// underscores ("Dol_Amroth", as in text prepared for PETRARCH, whose
    /// dictionaries join phrase words the same way) counts as its words.
    pub fn new(text: &'a str, spans: &[Span]) -> Sent<'a> {
        let spans: Vec<Span> = spans.iter().flat_map(|&s| split_underscores(text, s)).collect();
        let tokens: Vec<&str> = spans.iter().map(|s| s.slice(text)).collect();
        let lower = tokens.iter().map(|t| herald_dict::normalize(t)).collect();
        Sent { tokens, lower, spans }
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

/// The words of the token at `span` that are joined by underscores, or
/// the token itself when it has no word on each side of an underscore.
fn split_underscores(text: &str, span: Span) -> Vec<Span> {
    let token = span.slice(text);
    if !token.split('_').all(|w| w.chars().any(char::is_alphanumeric)) {
        return vec![span];
    }
    let mut out = Vec::new();
    let mut start = span.start;
    for word in token.split('_') {
        out.push(Span::new(start, start + word.len()));
        start += word.len() + 1;
    }
    out
}
