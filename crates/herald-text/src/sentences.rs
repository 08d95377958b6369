use herald_core::Span;

use crate::abbrev::{is_abbreviation, is_non_final, is_sentence_starter};
use crate::tokens::tokenize;

/// One sentence: its span and its tokens.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Sentence {
    /// From the first token's start to the last token's end.
    pub span: Span,
    /// Token spans, in order; never empty.
    pub tokens: Vec<Span>,
}

/// Splits `text` into sentences of tokens.
///
/// A sentence ends at `.`, `!`, `?` or `...` (with any closing quotes or
/// brackets that follow) when the next token does not start in lower case,
/// at an abbreviation that may end a sentence when a typical sentence opener
/// follows, and always at a blank line. Attribution tails stay in their
/// sentence: in `"... talks," Hajiyev said.` the comma inside the quote is no
/// boundary, and in `"We will fight." he said.` the lower-case `he` is not a
/// sentence start.
pub fn split_sentences(text: &str) -> Vec<Sentence> {
    let tokens = tokenize(text);
    let mut out = Vec::new();
    let mut current: Vec<Span> = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        let tok = tokens[i];
        current.push(tok);
        let word = tok.slice(text);
        let next = tokens.get(i + 1).map(|t| t.slice(text));
        let mut boundary = false;
        if is_terminal(word) {
            // Closing quotes and brackets belong to the sentence they close.
            while let Some(&t) = tokens.get(i + 1) {
                // Only a quote attached to the stop closes this sentence; one
                // after a space opens the next.
                if is_closer(t.slice(text)) && t.start == tokens[i].end {
                    current.push(t);
                    i += 1;
                } else {
                    break;
                }
            }
            boundary = tokens.get(i + 1).is_none_or(|t| starts_sentence(t.slice(text)));
        } else if is_abbreviation(word) && !is_non_final(word) {
            boundary = next.is_some_and(is_sentence_starter);
        }
        if let Some(&n) = tokens.get(i + 1) {
            if blank_line_between(text, tokens[i].end, n.start) {
                boundary = true;
            }
        }
        if boundary {
            push(&mut out, std::mem::take(&mut current));
        }
        i += 1;
    }
    push(&mut out, current);
    out
}

fn push(out: &mut Vec<Sentence>, tokens: Vec<Span>) {
    if let (Some(first), Some(last)) = (tokens.first(), tokens.last()) {
        out.push(Sentence { span: Span::new(first.start, last.end), tokens });
    }
}

fn is_terminal(word: &str) -> bool {
    !word.is_empty() && word.chars().all(|c| matches!(c, '.' | '!' | '?' | '…'))
}

fn is_closer(word: &str) -> bool {
    matches!(word, "\"" | "'" | "”" | "’" | ")" | "]" | "»")
}

fn starts_sentence(word: &str) -> bool {
    word.chars().next().is_some_and(|c| !c.is_lowercase())
}

fn blank_line_between(text: &str, from: usize, to: usize) -> bool {
    text.get(from..to).is_some_and(|gap| gap.matches('\n').count() >= 2)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn sentences(text: &str) -> Vec<&str> {
        split_sentences(text).into_iter().map(|s| s.span.slice(text)).collect()
    }

    #[test]
    fn abbreviations_do_not_split() {
        assert_eq!(
            sentences("Gen. Petraeus met Mr. Smith on Jan. 5. Dr. No agreed."),
            ["Gen. Petraeus met Mr. Smith on Jan. 5.", "Dr. No agreed."]
        );
    }

    #[test]
    fn dotted_acronym_may_end_a_sentence() {
        assert_eq!(
            sentences("Talks began in the U.S. The two sides met. U.S. troops left."),
            ["Talks began in the U.S.", "The two sides met.", "U.S. troops left."]
        );
    }

    #[test]
    fn quotes_and_attribution_tails() {
        assert_eq!(
            sentences("\"We will fight.\" he said. \"Talks failed,\" Hajiyev said. Next."),
            ["\"We will fight.\" he said.", "\"Talks failed,\" Hajiyev said.", "Next."]
        );
        assert_eq!(
            sentences("He asked: \"Why?\" Nobody knew."),
            ["He asked: \"Why?\"", "Nobody knew."]
        );
    }

    #[test]
    fn blank_lines_end_sentences() {
        assert_eq!(
            sentences("Headline without stop\n\nBody text."),
            ["Headline without stop", "Body text."]
        );
        assert_eq!(sentences("one line\nwraps here."), ["one line\nwraps here."]);
    }

    proptest! {
        #[test]
        fn sentences_partition_the_tokens(text in "[A-Za-z.?!\"' \\n,]{0,120}") {
            let all = tokenize(&text);
            let split: Vec<Span> = split_sentences(&text).into_iter().flat_map(|s| s.tokens).collect();
            prop_assert_eq!(all, split);
        }
    }
}
