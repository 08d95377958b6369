//! Sentence splitting and tokenising: any UTF-8 text gives ordered,
//! in-bounds spans on character boundaries.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let in_text = |start: usize, end: usize| {
        start < end
            && end <= text.len()
            && text.is_char_boundary(start)
            && text.is_char_boundary(end)
    };
    let mut last = 0;
    for sentence in herald_text::split_sentences(text) {
        assert!(last <= sentence.span.start && in_text(sentence.span.start, sentence.span.end));
        for t in &sentence.tokens {
            assert!(sentence.span.start <= t.start && t.end <= sentence.span.end);
        }
        last = sentence.span.end;
    }
    let mut last = 0;
    for t in herald_text::tokenize(text) {
        assert!(last <= t.start && in_text(t.start, t.end));
        last = t.end;
    }
});
