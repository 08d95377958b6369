//! The coder on arbitrary text: never panics, and every piece of evidence is
//! a span of the text.
#![no_main]

use std::sync::OnceLock;

use herald_coder::{Coder, CoderConfig};
use herald_dict::Dictionaries;
use libfuzzer_sys::fuzz_target;

fn coder() -> &'static Coder {
    static CODER: OnceLock<Coder> = OnceLock::new();
    CODER.get_or_init(|| Coder::new(Dictionaries::embedded(), CoderConfig::standard()))
}

fuzz_target!(|text: &str| {
    let coded = coder().code(text);
    for event in &coded.events {
        let actors = std::iter::once(&event.source).chain(event.target.as_ref());
        for span in actors.map(|a| a.span).chain([event.verb]) {
            assert!(text.get(span.start..span.end).is_some(), "{span:?} outside the text");
        }
        assert!(event.sentence_index < coded.sentences.len());
    }
});
