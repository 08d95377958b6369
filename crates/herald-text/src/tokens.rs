use herald_core::Span;
use unicode_properties::{GeneralCategory, UnicodeGeneralCategory};

use crate::abbrev::is_abbreviation;

/// Characters split off the front of a word.
fn is_opening(c: char) -> bool {
    matches!(c, '"' | '\'' | '(' | '[' | '{' | '“' | '‘' | '«' | '¿' | '¡' | '`' | '$' | '£' | '€')
}

/// Characters split off the end of a word (periods are handled separately).
fn is_closing(c: char) -> bool {
    matches!(
        c,
        '"' | '\'' | ')' | ']' | '}' | '”' | '’' | '»' | ',' | ';' | ':' | '!' | '?' | '%' | '…'
    )
}

/// Dashes that are always tokens of their own.
fn is_dash(c: char) -> bool {
    matches!(c, '—' | '–' | '―')
}

const CLITICS: &[&str] =
    &["n't", "n’t", "'s", "’s", "'re", "’re", "'ve", "’ve", "'ll", "’ll", "'d", "’d", "'m", "’m"];

/// Whether `c` is a format character (Unicode general category Cf: zero-width
/// space and joiners, bidirectional controls, the byte-order mark, the soft
/// hyphen), which is invisible and ignored when matching words.
pub fn is_ignorable(c: char) -> bool {
    // No ASCII character is a format character; this is called per character.
    !c.is_ascii() && c.general_category() == GeneralCategory::Format
}

/// Whether the format character at byte `i` separates words: it does unless
/// it stands between two letters or digits ("Rus\u{AD}sia").
fn separates(text: &str, i: usize, c: char) -> bool {
    let before = text[..i].chars().next_back();
    let after = text[i + c.len_utf8()..].chars().next();
    !(before.is_some_and(char::is_alphanumeric) && after.is_some_and(char::is_alphanumeric))
}

/// Splits `text` into tokens, returned as byte spans in reading order.
///
/// Never fails: any string, including control characters and non-Latin
/// scripts, is covered by whitespace, separating format characters and
/// tokens, and every span falls on char boundaries.
pub fn tokenize(text: &str) -> Vec<Span> {
    let mut out = Vec::with_capacity(text.len() / 5 + 1);
    let mut start = None;
    for (i, c) in text.char_indices() {
        if c.is_whitespace() || (is_ignorable(c) && separates(text, i, c)) {
            if let Some(s) = start.take() {
                split_chunk(text, s, i, &mut out);
            }
        } else if start.is_none() {
            start = Some(i);
        }
    }
    if let Some(s) = start {
        split_chunk(text, s, text.len(), &mut out);
    }
    out
}

/// Splits one whitespace-delimited chunk `text[start..end]`.
fn split_chunk(text: &str, mut start: usize, mut end: usize, out: &mut Vec<Span>) {
    // Leading punctuation.
    while start < end {
        let c = first_char(&text[start..end]);
        if is_opening(c) && start + c.len_utf8() < end {
            out.push(Span::new(start, start + c.len_utf8()));
            start += c.len_utf8();
        } else {
            break;
        }
    }
    // Trailing punctuation and clitics, collected in reverse.
    let mut tail = Vec::new();
    while start < end {
        let word = &text[start..end];
        let c = last_char(word);
        if word.ends_with("...") && word.len() > 3 {
            tail.push(Span::new(end - 3, end));
            end -= 3;
        } else if c == '.' {
            if is_abbreviation(word) || word.len() == 1 {
                break;
            }
            tail.push(Span::new(end - 1, end));
            end -= 1;
        } else if is_closing(c) && word.len() > c.len_utf8() {
            tail.push(Span::new(end - c.len_utf8(), end));
            end -= c.len_utf8();
        } else if let Some(clitic) = has_apostrophe_near_end(word)
            .then(|| {
                CLITICS.iter().find(|cl| {
                    word.len() > cl.len()
                        && word.as_bytes()[word.len() - cl.len()..]
                            .eq_ignore_ascii_case(cl.as_bytes())
                })
            })
            .flatten()
        {
            tail.push(Span::new(end - clitic.len(), end));
            end -= clitic.len();
        } else {
            break;
        }
    }
    // "cannot" is "can" and "not", as the treebank writes it.
    if text[start..end].eq_ignore_ascii_case("cannot") {
        out.push(Span::new(start, start + 3));
        out.push(Span::new(start + 3, end));
    } else {
        split_infixes(text, start, end, out);
    }
    out.extend(tail.into_iter().rev());
}

/// Splits hyphens between letters ("Nagorno-Karabakh") and dashes.
fn split_infixes(text: &str, start: usize, end: usize, out: &mut Vec<Span>) {
    if start >= end {
        return;
    }
    let word = &text[start..end];
    let mut piece_start = start;
    let mut prev: Option<char> = None;
    let mut chars = word.char_indices().peekable();
    while let Some((off, c)) = chars.next() {
        let abs = start + off;
        let next = chars.peek().map(|&(_, n)| n);
        let hyphen_between_letters = c == '-'
            && prev.is_some_and(char::is_alphabetic)
            && next.is_some_and(char::is_alphabetic);
        if hyphen_between_letters || is_dash(c) {
            if piece_start < abs {
                out.push(Span::new(piece_start, abs));
            }
            out.push(Span::new(abs, abs + c.len_utf8()));
            piece_start = abs + c.len_utf8();
        }
        prev = Some(c);
    }
    if piece_start < end {
        out.push(Span::new(piece_start, end));
    }
}

/// Whether one of the last five bytes of `word` is `'` or ends `’` (every
/// clitic has one there): most words are not tried against every clitic.
fn has_apostrophe_near_end(word: &str) -> bool {
    word.bytes().rev().take(5).any(|b| b == b'\'' || b == 0x99)
}

fn first_char(s: &str) -> char {
    s.chars().next().unwrap_or(' ')
}

fn last_char(s: &str) -> char {
    s.chars().next_back().unwrap_or(' ')
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn words(text: &str) -> Vec<&str> {
        tokenize(text).into_iter().map(|s| s.slice(text)).collect()
    }

    #[test]
    fn splits_punctuation_and_clitics() {
        assert_eq!(
            words("Armenia's occupation, \"illegal\" (they said)."),
            [
                "Armenia",
                "'s",
                "occupation",
                ",",
                "\"",
                "illegal",
                "\"",
                "(",
                "they",
                "said",
                ")",
                "."
            ]
        );
        assert_eq!(words("It didn't agree."), ["It", "did", "n't", "agree", "."]);
        assert_eq!(words("Kenya Cannot attack."), ["Kenya", "Can", "not", "attack", "."]);
        assert_eq!(words("Azerbaijan’s"), ["Azerbaijan", "’s"]);
    }

    #[test]
    fn every_clitic_passes_the_apostrophe_check() {
        for cl in CLITICS {
            assert!(has_apostrophe_near_end(&format!("Word{cl}")), "{cl}");
            assert_eq!(words(&format!("Word{cl}")), ["Word", *cl]);
        }
        assert!(!has_apostrophe_near_end("attacked"));
    }

    #[test]
    fn keeps_abbreviations() {
        assert_eq!(words("the U.S. and Mr. Smith"), ["the", "U.S.", "and", "Mr.", "Smith"]);
        assert_eq!(words("ended."), ["ended", "."]);
    }

    #[test]
    fn splits_hyphens_between_letters() {
        assert_eq!(
            words("Nagorno-Karabakh co-chair"),
            ["Nagorno", "-", "Karabakh", "co", "-", "chair"]
        );
        assert_eq!(words("1988-1994 talks—again"), ["1988-1994", "talks", "—", "again"]);
        assert_eq!(words("20% of $5"), ["20", "%", "of", "$", "5"]);
    }

    #[test]
    fn format_characters_are_ignorable() {
        assert_eq!(
            words("Russia\u{200b} attacked \u{202e}Ukraine\u{202c}."),
            ["Russia", "attacked", "Ukraine", "."]
        );
        assert_eq!(words("\u{feff}Talks\u{200d}ended"), ["Talks\u{200d}ended"]);
        assert_eq!(words("Rus\u{ad}sia's"), ["Rus\u{ad}sia", "'s"]);
        assert!(is_ignorable('\u{2066}') && !is_ignorable('a') && !is_ignorable(' '));
    }

    /// Whitespace, and format characters that separate words.
    fn between(text: &str) -> bool {
        text.chars().all(|c| c.is_whitespace() || is_ignorable(c))
    }

    proptest! {
        #[test]
        fn spans_are_ordered_nonempty_and_cover_all_visible(
            text in "(\\PC|[\u{200B}\u{200D}\u{202E}\u{AD}\u{FEFF}]){0,80}"
        ) {
            let spans = tokenize(&text);
            let mut last_end = 0;
            for s in &spans {
                prop_assert!(s.start < s.end);
                prop_assert!(s.start >= last_end);
                prop_assert!(text.is_char_boundary(s.start) && text.is_char_boundary(s.end));
                prop_assert!(between(&text[last_end..s.start]));
                let token = &text[s.start..s.end];
                prop_assert!(!token.chars().any(char::is_whitespace));
                // A format character inside a token stands between two letters or digits.
                let chars: Vec<char> = token.chars().collect();
                for (i, c) in chars.iter().enumerate() {
                    if is_ignorable(*c) {
                        prop_assert!(i > 0 && i + 1 < chars.len());
                        prop_assert!(chars[i - 1].is_alphanumeric() && chars[i + 1].is_alphanumeric());
                    }
                }
                last_end = s.end;
            }
            prop_assert!(between(&text[last_end..]));
        }
    }
}
