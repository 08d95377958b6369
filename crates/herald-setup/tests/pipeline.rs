//! The whole input path on arbitrary bytes: reading (JSONL or text),
//! coding and writing JSON never panics, and every span is a piece of the
//! story text. CI runs a bounded number of cases; `fuzz/` has the same
//! check as the `pipeline` target for longer runs.

use std::sync::OnceLock;

use herald_core::CameoTable;
use herald_input::{Format, InputConfig, Inputs};
use herald_setup::{build, code_story, Options, Setup};
use proptest::prelude::*;

fn setup() -> &'static Setup {
    static SETUP: OnceLock<Setup> = OnceLock::new();
    SETUP.get_or_init(|| build(&Options::default()).unwrap())
}

/// Reads, codes and serialises `bytes`, checking every record's evidence.
fn pipeline(bytes: &[u8], format: Format) {
    let cameo = CameoTable::embedded();
    let config = InputConfig { format, max_bytes: 4096 };
    for story in Inputs::from_reader("fuzz", Box::new(std::io::Cursor::new(bytes.to_vec())), config)
        .flatten()
    {
        let coded = code_story(&setup().coder, &cameo, &story);
        for record in &coded.records {
            let spans = [
                Some(record.source.span),
                record.target.as_ref().map(|t| t.span),
                Some(record.verb.span),
            ];
            for span in spans.into_iter().flatten() {
                assert!(
                    story.text.get(span.start..span.end).is_some(),
                    "{span:?} outside the text"
                );
            }
            serde_json::to_string(record).unwrap();
        }
        for span in &coded.sentences {
            assert!(story.text.get(span.start..span.end).is_some());
        }
    }
}

/// A JSONL line with text and a date that are anything, invisible
/// characters and words the dictionaries know included.
fn line() -> impl Strategy<Value = String> {
    let text = "(Russia|attacked|Ukraine|\u{200b}|\u{202e}|\u{ad}|[ .,'\"]|\\PC){0,40}";
    let date = "(2024-0[0-9]-[0-3][0-9]|\\PC{0,12}|20240301)";
    (text, date)
        .prop_map(|(text, date)| serde_json::json!({"date": date, "text": text}).to_string())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn any_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..300)) {
        pipeline(&bytes, Format::Auto);
        pipeline(&bytes, Format::Jsonl);
    }

    #[test]
    fn any_jsonl(lines in proptest::collection::vec(line(), 1..6)) {
        pipeline(lines.join("\n").as_bytes(), Format::Auto);
    }
}
