//! PETRARCH2's unit-test suite, coded from raw text.
//!
//! Reads `PETR.UnitTest.records.xml` from `../shared/reference/petrarch2/`
//! (never copied into the repo), loads the `PETR.Validate.*` dictionaries
//! through the adapter, codes each record's `<Text>` with herald's own
//! pipeline (not the records' embedded parse trees) and the record's date,
//! and compares the set of (source, target, code) triples with the record's
//! `<EventCoding>`s. As in PETRARCH's own validation, a record passes when
//! the two sets are equal; `noevents` and `error` records (discards,
//! datelines, bad parses) expect no events, and an event without a target
//! has the target `---`. Prints `N passed, M failed` and a per-category
//! table for `CoderConfig::petrarch()`, then the pass count with each syntax
//! source (`word-order: N/284, parse: K/284`); fails if the default's count
//! drops below [`FLOOR`] or the other's below [`OTHER_FLOOR`].

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

use herald_coder::{Coder, CoderConfig, Syntax};
use herald_core::Date;
use herald_petrarch::{load_files, PetrarchFiles};

/// The number of records herald codes correctly today with
/// `CoderConfig::petrarch()`; raise it as the coder improves.
const FLOOR: usize = 252;

/// The same floor for the syntax source `petrarch()` does not use.
const OTHER_FLOOR: usize = 250;

fn reference_dir() -> Option<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/reference/petrarch2");
    dir.join("PETR.UnitTest.records.xml").is_file().then_some(dir)
}

#[derive(Debug)]
struct Record {
    id: String,
    category: String,
    date: Option<Date>,
    text: String,
    /// Expected (source, target, code) triples; empty when no events are expected.
    expected: BTreeSet<(String, String, String)>,
}

/// The value of attribute `name` in a start tag (`name="v"`, `name = 'v'`).
fn attribute(tag: &str, name: &str) -> Option<String> {
    let mut rest = tag;
    while let Some(pos) = rest.find(name) {
        let before_ok = pos == 0 || rest.as_bytes()[pos - 1].is_ascii_whitespace();
        let after = rest[pos + name.len()..].trim_start();
        rest = &rest[pos + name.len()..];
        if !before_ok {
            continue;
        }
        let Some(after) = after.strip_prefix('=') else { continue };
        let after = after.trim_start();
        let quote = after.chars().next()?;
        if quote != '"' && quote != '\'' {
            continue;
        }
        let body = &after[1..];
        let end = body.find(quote)?;
        return Some(body[..end].to_string());
    }
    None
}

/// Removes `<!-- ... -->` comments.
fn strip_comments(xml: &str) -> String {
    let mut out = String::with_capacity(xml.len());
    let mut rest = xml;
    while let Some(start) = rest.find("<!--") {
        out.push_str(&rest[..start]);
        match rest[start..].find("-->") {
            Some(end) => rest = &rest[start + end + 3..],
            None => {
                rest = "";
                break;
            }
        }
    }
    out.push_str(rest);
    out
}

fn unescape(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&amp;", "&")
}

fn parse_records(xml: &str) -> Vec<Record> {
    let xml = strip_comments(xml);
    let mut records = Vec::new();
    for chunk in xml.split("<Sentence ").skip(1) {
        let Some(tag_end) = chunk.find('>') else { continue };
        let tag = &chunk[..tag_end];
        let body = &chunk[tag_end + 1..];
        let body = &body[..body.find("</Sentence>").unwrap_or(body.len())];
        let id = attribute(tag, "id").unwrap_or_default();
        let category = attribute(tag, "category")
            .unwrap_or_else(|| id.split('-').next().unwrap_or("").to_string())
            .to_uppercase();
        let date = attribute(tag, "date").and_then(|d| petrarch_date(&d));
        let text = match (body.find("<Text>"), body.find("</Text>")) {
            (Some(a), Some(b)) if a < b => {
                unescape(body[a + 6..b].split_whitespace().collect::<Vec<_>>().join(" ").as_str())
            }
            _ => String::new(),
        };
        let mut expected = BTreeSet::new();
        for coding in body.split("<EventCoding").skip(1) {
            let tag = &coding[..coding.find('>').unwrap_or(coding.len())];
            if attribute(tag, "noevents").is_some() || attribute(tag, "error").is_some() {
                continue;
            }
            let get = |name| attribute(tag, name).unwrap_or_else(|| "---".to_string());
            expected.insert((get("sourcecode"), get("targetcode"), get("eventcode")));
        }
        records.push(Record { id, category, date, text, expected });
    }
    records
}

#[test]
fn petrarch_unit_records() {
    let Some(dir) = reference_dir() else {
        println!(
            "skipped: ../shared/reference/petrarch2/PETR.UnitTest.records.xml is not available"
        );
        return;
    };
    let xml = std::fs::read_to_string(dir.join("PETR.UnitTest.records.xml")).unwrap();
    let records = parse_records(&xml);
    assert_eq!(records.len(), 284, "record count");

    let files = PetrarchFiles {
        verbs: Some(dir.join("PETR.Validate.verbs.txt")),
        actors: vec![dir.join("PETR.Validate.actors.txt")],
        agents: Some(dir.join("PETR.Validate.agents.txt")),
        discards: Some(dir.join("PETR.Validate.discards.txt")),
    };
    let (dicts, _problems) = load_files(&files).unwrap();
    let default = CoderConfig::petrarch().syntax;
    let other = match default {
        Syntax::WordOrder => Syntax::Parse,
        Syntax::Parse => Syntax::WordOrder,
    };
    let verbose = std::env::var_os("HERALD_UNIT_VERBOSE").is_some();
    let other_passed = score(&records, &dicts, other, false).0;
    let (passed, by_category) = score(&records, &dicts, default, verbose);
    let failed = records.len() - passed;
    println!("{passed} passed, {failed} failed");
    println!("{:<10} {:>6} {:>6}", "category", "passed", "failed");
    for (category, (p, f)) in &by_category {
        println!("{category:<10} {p:>6} {f:>6}");
    }
    let (order, parse) = match default {
        Syntax::WordOrder => (passed, other_passed),
        Syntax::Parse => (other_passed, passed),
    };
    let total = records.len();
    println!("word-order: {order}/{total}, parse: {parse}/{total}");
    assert!(passed >= FLOOR, "{passed} records passed, fewer than the recorded floor {FLOOR}");
    assert!(
        other_passed >= OTHER_FLOOR,
        "{other:?}: {other_passed} records passed, fewer than the recorded floor {OTHER_FLOOR}"
    );
}

/// Codes every record with `syntax`: the number passed, and passed and
/// failed counts per category. `verbose` prints every failing record.
fn score(
    records: &[Record],
    dicts: &herald_dict::Dictionaries,
    syntax: Syntax,
    verbose: bool,
) -> (usize, BTreeMap<String, (usize, usize)>) {
    let coder = Coder::new(dicts.clone(), CoderConfig { syntax, ..CoderConfig::petrarch() });
    let mut by_category: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    let mut passed = 0;
    for r in records {
        let coded = coder.code_dated(&r.text, r.date);
        let got: BTreeSet<(String, String, String)> = coded
            .events
            .iter()
            .map(|e| {
                let target =
                    e.target.as_ref().map_or_else(|| "---".to_string(), |t| t.code.clone());
                (e.source.code.clone(), target, e.code.as_str().to_string())
            })
            .collect();
        let ok = got == r.expected;
        let entry = by_category.entry(r.category.clone()).or_default();
        if ok {
            passed += 1;
            entry.0 += 1;
        } else {
            entry.1 += 1;
            if verbose {
                println!(
                    "FAIL {} [{}]: {}\n  expected {:?}\n  got      {:?}",
                    r.id, r.category, r.text, r.expected, got
                );
            }
        }
    }
    (passed, by_category)
}

#[test]
fn parses_record_attributes_and_codings() {
    let xml = "<Sentences><!-- <Sentence id=\"X\"> -->\n<Sentence date = \"19950101\" id =\"DEMO-01\" category=\"DEMO\" sentence=\"true\">\n<EventCoding sourcecode=\"ARN\" targetcode=\"GON\" eventcode=\"064\"></EventCoding>\n<EventCoding sourcecode='\"INJURY TOLL\"' eventcode=\"223\"></EventCoding>\n<Text>\nArnor &amp; Gondor\n restore ties.\n</Text>\n</Sentence>\n<Sentence id=\"E-1\"><EventCoding noevents = \"True\"></EventCoding><Text>x</Text></Sentence>";
    let records = parse_records(xml);
    assert_eq!(records.len(), 2);
    let r = &records[0];
    assert_eq!(
        (r.id.as_str(), r.category.as_str(), r.text.as_str()),
        ("DEMO-01", "DEMO", "Arnor & Gondor restore ties.")
    );
    assert_eq!(r.date, Date::from_ymd(1995, 1, 1));
    let expected: Vec<_> = r.expected.iter().map(|(s, t, c)| format!("{s}>{t} {c}")).collect();
    assert_eq!(expected, ["\"INJURY TOLL\">--- 223", "ARN>GON 064"]);
    assert!(records[1].expected.is_empty());
    assert_eq!(records[1].category, "E");
}

/// A record's date, written as in PETRARCH's files (`19950101`, `950101`).
fn petrarch_date(text: &str) -> Option<Date> {
    let d = herald_petrarch::Date::parse(text).ok()?;
    Date::from_ymd(d.year().try_into().ok()?, d.month().try_into().ok()?, d.day().try_into().ok()?)
}
