//! Coding arbitrary word salad never panics and every evidence span lies in
//! the text, with either syntax source (the parse of such text is odd).

use std::sync::OnceLock;

use herald_coder::{Coder, CoderConfig, Syntax};
use herald_dict::Dictionaries;
use proptest::prelude::*;

/// One coder per syntax source for all cases: building them dominates in debug builds.
fn coders() -> &'static [Coder; 2] {
    static CODERS: OnceLock<[Coder; 2]> = OnceLock::new();
    CODERS.get_or_init(|| {
        let dicts = Dictionaries::embedded();
        [Syntax::WordOrder, Syntax::Parse].map(|syntax| {
            Coder::new(dicts.clone(), CoderConfig { syntax, ..CoderConfig::standard() })
        })
    })
}

const WORDS: &[&str] = &[
    "Armenia",
    "Azerbaijani",
    "troops",
    "Russia",
    "and",
    ",",
    "who",
    "which",
    "that",
    "attacked",
    "were",
    "by",
    "not",
    "said",
    "met",
    "signed",
    "to",
    "agreed",
    "the",
    "of",
    "condemned",
    ".",
    "should",
    "'s",
    "officials",
    "accused",
    "\"",
    "in",
    "Baku",
    "never",
];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]
    #[test]
    fn word_salad_is_coded_without_panics(words in prop::collection::vec(0..WORDS.len(), 0..40)) {
        let text: Vec<&str> = words.iter().map(|&i| WORDS[i]).collect();
        let text = text.join(" ");
        for coder in coders() {
            let coded = coder.code(&text);
            for e in &coded.events {
                prop_assert!(e.source.span.end <= text.len() && e.verb.end <= text.len());
            }
        }
    }
}
