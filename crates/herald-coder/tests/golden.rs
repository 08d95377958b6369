//! Golden coding cases: sentence(s) in, exact events out.
//!
//! Cases live in `tests/golden/*.toml` as data (see `tests/golden/README.md`);
//! this file only runs them, so adding a case never needs Rust.

use std::fmt::Write as _;
use std::path::Path;

use herald_coder::{Coder, CoderConfig};
use herald_dict::Dictionaries;
use serde::Deserialize;

#[derive(Deserialize)]
struct File {
    case: Vec<Case>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    name: String,
    text: String,
    /// `SOURCE>TARGET CODE`, target `-` when there is none, in output order.
    events: Vec<String>,
    /// Expected event date for every event, when the text gives one.
    date: Option<String>,
}

fn render(coded: &herald_coder::Coded) -> Vec<String> {
    coded
        .events
        .iter()
        .map(|e| {
            format!(
                "{}>{} {}",
                e.source.code,
                e.target.as_ref().map_or("-", |t| t.code.as_str()),
                e.code
            )
        })
        .collect()
}

#[test]
fn golden_cases() {
    let coder = Coder::new(Dictionaries::embedded(), CoderConfig::standard());
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden");
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    paths.sort();
    assert!(!paths.is_empty(), "no golden files in {}", dir.display());
    let (mut passed, mut failures) = (0, String::new());
    for path in &paths {
        let file: File = toml::from_str(&std::fs::read_to_string(path).unwrap())
            .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        for case in &file.case {
            let coded = coder.code(&case.text);
            let got = render(&coded);
            let date_ok = case
                .date
                .as_ref()
                .is_none_or(|d| coded.events.iter().all(|e| e.date.as_ref() == Some(d)));
            if got == case.events && date_ok {
                passed += 1;
            } else {
                let dates: Vec<_> = coded.events.iter().map(|e| e.date.clone()).collect();
                let _ = writeln!(
                    failures,
                    "{} / {}:\n  text:     {}\n  expected: {:?}\n  got:      {:?} dates {:?}\n  diagnostics: {:?}",
                    path.file_name().unwrap().to_string_lossy(),
                    case.name,
                    case.text,
                    case.events,
                    got,
                    dates,
                    coded.diagnostics
                );
            }
        }
    }
    let failed = failures.lines().filter(|l| !l.starts_with(' ')).count();
    println!("golden coding cases: {passed} passed, {failed} failed");
    assert!(failures.is_empty(), "{failures}");
}
