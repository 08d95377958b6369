//! Golden coding cases: sentence(s) in, exact events out.
//!
//! Cases live in `tests/golden/*.toml` as data (see `tests/golden/README.md`);
//! this file only runs them, so adding a case never needs Rust. Every case
//! runs with both syntax sources: the default one must pass them all, the
//! other must not fall below its recorded floor.

use std::fmt::Write as _;
use std::path::Path;

use herald_coder::{Coder, CoderConfig, Syntax};
use herald_core::Date;
use herald_dict::Dictionaries;
use serde::Deserialize;

/// Cases the non-default syntax source passes at least (raise it when it improves).
const OTHER_FLOOR: usize = 57;

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
    /// The story's date (`YYYY-MM-DD`), which decides the offices people
    /// hold; none by default.
    story_date: Option<String>,
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

/// Runs every case with `syntax`: the number passed and a report of the failures.
fn run(files: &[(String, File)], syntax: Syntax) -> (usize, usize, String) {
    let config = CoderConfig { syntax, ..CoderConfig::standard() };
    let coder = Coder::new(Dictionaries::embedded(), config);
    let (mut passed, mut total, mut failures) = (0, 0, String::new());
    for (name, file) in files {
        for case in &file.case {
            total += 1;
            let story_date = case
                .story_date
                .as_deref()
                .map(|d| Date::parse(d).unwrap_or_else(|e| panic!("{name} / {}: {e}", case.name)));
            let coded = coder.code_dated(&case.text, story_date);
            let got = render(&coded);
            let dates: Vec<Option<String>> =
                coded.events.iter().map(|e| e.date.map(|d| d.date.format(d.precision))).collect();
            let date_ok =
                case.date.as_ref().is_none_or(|d| dates.iter().all(|e| e.as_ref() == Some(d)));
            if got == case.events && date_ok {
                passed += 1;
            } else {
                let _ = writeln!(
                    failures,
                    "{name} / {}:\n  text:     {}\n  expected: {:?}\n  got:      {:?} dates {:?}\n  diagnostics: {:?}",
                    case.name, case.text, case.events, got, dates, coded.diagnostics
                );
            }
        }
    }
    (passed, total, failures)
}

#[test]
fn golden_cases() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden");
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    paths.sort();
    assert!(!paths.is_empty(), "no golden files in {}", dir.display());
    let files: Vec<(String, File)> = paths
        .iter()
        .map(|path| {
            let file = toml::from_str(&std::fs::read_to_string(path).unwrap())
                .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            (path.file_name().unwrap().to_string_lossy().into_owned(), file)
        })
        .collect();
    let (order, total, order_failures) = run(&files, Syntax::WordOrder);
    let (parse, _, parse_failures) = run(&files, Syntax::Parse);
    println!("golden coding cases: word-order: {order}/{total}, parse: {parse}/{total}");
    let default = CoderConfig::standard().syntax;
    let (failures, other, other_failures) = match default {
        Syntax::WordOrder => (order_failures, parse, parse_failures),
        Syntax::Parse => (parse_failures, order, order_failures),
    };
    if std::env::var_os("HERALD_GOLDEN_VERBOSE").is_some() {
        println!("failures of the other syntax source:\n{other_failures}");
    }
    assert!(failures.is_empty(), "default syntax {default:?}:\n{failures}");
    assert!(
        other >= OTHER_FLOOR,
        "{other} cases passed, fewer than the floor {OTHER_FLOOR}:\n{other_failures}"
    );
}
