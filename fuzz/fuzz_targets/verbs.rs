//! herald's own dictionary formats: any text loads or gives located errors.
//! Each file is fuzzed alone, so that a run stays fast.
#![no_main]

use herald_dict::{Dictionaries, Sources};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    for sources in [
        Sources { verbs: Some(("verbs.txt", text)), ..Sources::default() },
        Sources { countries: Some(("countries.tsv", text)), ..Sources::default() },
        Sources { agents: Some(("agents.tsv", text)), ..Sources::default() },
        Sources { irregular_verbs: Some(("irregular_verbs.tsv", text)), ..Sources::default() },
    ] {
        if let Err(errors) = Dictionaries::from_sources(sources) {
            assert!(errors.0.iter().all(|e| e.line >= 1));
        }
    }
});
