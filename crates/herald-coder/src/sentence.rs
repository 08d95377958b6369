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
    /// Scare quotes ("condemned \"deliberate attacks\" by") are dropped:
    /// they mark a phrase, not a quotation, and would end the search for
    /// the verb's object.
    pub fn new(text: &'a str, spans: &[Span]) -> Sent<'a> {
        let mut spans: Vec<Span> = spans.iter().flat_map(|&s| split_underscores(text, s)).collect();
        drop_scare_quotes(text, &mut spans);
        let tokens: Vec<&str> = spans.iter().map(|s| s.slice(text)).collect();
        let lower = tokens.iter().map(|t| herald_dict::normalize(t)).collect();
        Sent { tokens, lower, spans }
    }

    pub fn len(&self) -> usize {
        self.tokens.len()
    }

    /// Which tokens lie inside a quotation: between a quotation mark and
    /// the next, or after an unclosed one to the sentence's end (a
    /// quotation that goes on into the next sentence).
    pub fn quoted(&self) -> Vec<bool> {
        let mut inside = false;
        self.tokens
            .iter()
            .map(|t| {
                if is_quote(t) {
                    inside = !inside;
                    false
                } else {
                    inside
                }
            })
            .collect()
    }

    /// Whether the sentence has a quotation mark.
    pub fn has_quote(&self) -> bool {
        self.tokens.iter().any(|t| is_quote(t))
    }

    /// Whether the sentence opens with a quotation mark.
    pub fn opens_quote(&self) -> bool {
        self.tokens.first().is_some_and(|t| is_quote(t))
    }

    /// The byte span covering tokens `start..end`.
    pub fn span(&self, start: usize, end: usize) -> Span {
        Span::new(self.spans[start].start, self.spans[end - 1].end)
    }

    pub fn is(&self, i: usize, words: &[&str]) -> bool {
        self.lower.get(i).is_some_and(|w| words.contains(&w.as_str()))
    }
}

/// The longest phrase in scare quotes, in tokens.
const SCARE_QUOTE_MAX: usize = 5;

fn is_quote(token: &str) -> bool {
    matches!(token, "\"" | "“" | "”")
}

fn is_word(token: &str) -> bool {
    token.chars().next().is_some_and(char::is_alphanumeric)
}

/// Removes pairs of double quotes that enclose a few words inside a
/// clause: opened right after a word, closed before the clause goes on.
fn drop_scare_quotes(text: &str, spans: &mut Vec<Span>) {
    let token = |i: usize| spans[i].slice(text);
    let mut drop = Vec::new();
    let mut i = 1;
    while i < spans.len() {
        if is_quote(token(i)) && is_word(token(i - 1)) {
            let close = (i + 1..spans.len().min(i + SCARE_QUOTE_MAX + 2))
                .take_while(|&k| is_quote(token(k)) || is_word(token(k)))
                .find(|&k| is_quote(token(k)));
            if let Some(j) = close.filter(|&j| j > i + 1) {
                drop.extend([i, j]);
                i = j;
            }
        }
        i += 1;
    }
    for &k in drop.iter().rev() {
        spans.remove(k);
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
