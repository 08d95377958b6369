//! The whole input path on arbitrary bytes: JSONL or text in, stories,
//! coded records, JSON out; never panics, and every span is a piece of its
//! story's text (as `crates/herald-setup/tests/pipeline.rs` checks in CI).
#![no_main]

use std::sync::OnceLock;

use herald_core::CameoTable;
use herald_input::{Format, InputConfig, Inputs};
use herald_setup::{build, code_story, Options, Setup};
use libfuzzer_sys::fuzz_target;

fn setup() -> &'static Setup {
    static SETUP: OnceLock<Setup> = OnceLock::new();
    SETUP.get_or_init(|| build(&Options::default()).expect("the embedded dictionaries load"))
}

fuzz_target!(|bytes: &[u8]| {
    let cameo = CameoTable::embedded();
    for format in [Format::Auto, Format::Jsonl] {
        let config = InputConfig { format, max_bytes: 1 << 16 };
        for story in
            Inputs::from_reader("fuzz", Box::new(std::io::Cursor::new(bytes.to_vec())), config)
                .flatten()
        {
            let coded = code_story(&setup().coder, &cameo, &story);
            for record in &coded.records {
                let target = record.target.as_ref().map(|t| t.span);
                for span in
                    [Some(record.source.span), target, Some(record.verb.span)].into_iter().flatten()
                {
                    assert!(
                        story.text.get(span.start..span.end).is_some(),
                        "{span:?} outside the text"
                    );
                }
                serde_json::to_string(record).expect("records serialise");
            }
        }
    }
});
