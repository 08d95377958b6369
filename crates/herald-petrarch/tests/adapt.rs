//! The adapter from PETRARCH dictionaries to herald's runtime dictionaries,
//! and the conversion to herald's own format: golden codings on the
//! hand-made fixtures in `tests/data`, and round trips (PETRARCH → herald
//! files → herald-dict) that must code exactly like the adapter.

use std::path::PathBuf;

use herald_coder::{Coder, CoderConfig};
use herald_core::Date;
use herald_dict::{Dictionaries, Sources};
use herald_petrarch::{load_files, to_herald_files, PetrarchFiles};

fn data(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/data").join(name)
}

fn fixture_files() -> PetrarchFiles {
    PetrarchFiles {
        verbs: Some(data("verbs.txt")),
        actors: vec![data("actors.txt")],
        agents: Some(data("agents.txt")),
        discards: Some(data("discards.txt")),
    }
}

fn render(coder: &Coder, text: &str, date: Option<&str>) -> Vec<String> {
    coder
        .code_dated(text, date.and_then(story_date))
        .events
        .iter()
        .map(|e| {
            let target = e.target.as_ref().map_or("-", |t| t.code.as_str());
            format!("{}>{} {}", e.source.code, target, e.code)
        })
        .collect()
}

/// A story date: `YYYY-MM-DD`, or as PETRARCH's unit-test records write it.
fn story_date(text: &str) -> Option<Date> {
    Date::parse(text).ok().or_else(|| {
        let d = herald_petrarch::Date::parse(text).ok()?;
        Date::from_ymd(
            d.year().try_into().ok()?,
            d.month().try_into().ok()?,
            d.day().try_into().ok()?,
        )
    })
}

/// Sentence, story date, expected events.
const CASES: &[(&str, Option<&str>, &[&str])] = &[
    // Block code, verb forms from `{...}`, actors matched in any case.
    ("Freedonia struck Sylvania.", None, &["FRE>SYL 190"]),
    ("freedonia strikes sylvania.", None, &["FRE>SYL 190"]),
    // A verb's own code; a multi-word verb with its particle.
    ("Freedonia bombed Sylvania.", None, &["FRE>SYL 195"]),
    ("Freedonia cordoned off Sylvania.", None, &["FRE>SYL 1721"]),
    // A pattern word from a synset, and `+` after a prepositional phrase.
    ("Freedonia attacked Sylvania with missiles.", None, &["FRE>SYL 193"]),
    // A code pair `[194:195]`: the event, and the reverse event.
    ("Freedonia attacked with heavy guns Sylvania.", None, &["FRE>SYL 194", "SYL>FRE 195"]),
    // Date-restricted codes resolve by the story date (limits inclusive).
    ("Firefly attacked Sylvania.", Some("1933-06-15"), &["FREELI>SYLGOV 190"]),
    ("Firefly attacked Sylvania.", Some("1936-12-31"), &["FREGOV>SYLMIL 190"]),
    ("Firefly attacked Sylvania.", Some("1950-01-01"), &["FRE>SYL 190"]),
    // An actor with only restricted codes (two-digit years up to 30 are
    // 20xx) is no actor outside them.
    ("Groucho attacked Sylvania.", Some("2030-06-01"), &["GRO>SYL 190"]),
    ("Groucho attacked Sylvania.", Some("1930-06-01"), &[]),
    // Agents: `~CODE` after the actor's code, substitution sets, and a bare agent.
    ("Freedonian soldiers attacked Sylvania.", None, &["FREMIL>SYL 190"]),
    ("The Sylvania congresswomen attacked Freedonia.", None, &["SYLLEG>FRE 190"]),
    ("Soldiers attacked Sylvania.", None, &["---MIL>SYL 190"]),
    // PETRARCH conventions: events need a target, which may follow `at`/`in`.
    ("Freedonia struck.", None, &[]),
    ("Freedonia struck at Sylvania.", None, &["FRE>SYL 190"]),
    ("Freedonia bombed soldiers in Sylvania.", None, &["FRE>SYLMIL 195"]),
    // Only verbs anchor: a word after a determiner is a noun.
    ("Freedonia planned the attack against Sylvania.", None, &[]),
    // `IN_*`: the word must stand right before the verb.
    ("Freedonia in effect attacked Sylvania.", None, &["FRE>SYL 190"]),
    // A null-coded pattern blocks the verb's code.
    ("Freedonia spy struck deal Sylvania.", None, &[]),
    ("Freedonia spy struck Sylvania.", None, &["FRE>SYL 190"]),
    // Discards, sentence and story level.
    ("Freedonia attacked Sylvania at the World Cup.", None, &[]),
    ("Freedonia attacked Sylvania. The Academy Award went to Firefly.", None, &[]),
];

#[test]
fn codes_fixture_sentences() {
    let (dicts, errors) = load_files(&fixture_files()).unwrap();
    assert!(errors.is_empty(), "{errors:?}");
    let coder = Coder::new(dicts, CoderConfig::petrarch());
    let mut failures = Vec::new();
    for (text, date, expected) in CASES {
        let got = render(&coder, text, *date);
        if got != *expected {
            failures
                .push(format!("{text} ({date:?})\n  expected {expected:?}\n  got      {got:?}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Loads converted files with herald-dict, as `herald code --dictionaries DIR` would.
fn reload(files: &herald_petrarch::HeraldFiles) -> Dictionaries {
    let get =
        |name: &str| files.files.iter().find(|(n, _)| *n == name).map(|(n, t)| (*n, t.as_str()));
    let sources = Sources {
        countries: get("countries.tsv"),
        organisations: get("igos.tsv"),
        agents: get("agents.tsv"),
        verbs: get("verbs.txt"),
        irregular_verbs: get("irregular_verbs.tsv"),
        actors: get("actors.tsv"),
        discards: get("discards.txt"),
    };
    Dictionaries::from_sources(sources)
        .unwrap_or_else(|e| panic!("converted files do not load:\n{e}"))
}

fn assert_same_coding(files: &PetrarchFiles, sentences: &[(String, Option<String>)]) {
    let (petrarch, _) = files.load().unwrap();
    let converted = to_herald_files(&petrarch);
    let direct = Coder::new(herald_petrarch::to_dictionaries(&petrarch), CoderConfig::petrarch());
    let reloaded = Coder::new(reload(&converted), CoderConfig::petrarch());
    let mut events = 0;
    for (text, date) in sentences {
        let a = render(&direct, text, date.as_deref());
        let b = render(&reloaded, text, date.as_deref());
        assert_eq!(a, b, "{text}");
        events += a.len();
    }
    assert!(events > 0, "the round trip must be tested on sentences with events");
    // Converting the reloaded dictionaries' verbs again gives the same
    // patterns (the provenance comments differ).
    let patterns = |text: &str| -> Vec<String> {
        text.lines()
            .map(|l| l.split('#').next().unwrap_or("").to_string())
            .filter(|l| !l.is_empty())
            .collect()
    };
    let again = reload(&converted).verbs.to_text().0;
    let first = &converted.files.iter().find(|(n, _)| *n == "verbs.txt").unwrap().1;
    assert_eq!(
        patterns(first),
        patterns(&again),
        "verbs.txt is not stable under a second round trip"
    );
}

#[test]
fn converted_fixtures_code_the_same() {
    let sentences: Vec<(String, Option<String>)> =
        CASES.iter().map(|(t, d, _)| (t.to_string(), d.map(str::to_string))).collect();
    assert_same_coding(&fixture_files(), &sentences);
}

#[test]
fn converted_validation_dictionaries_code_the_same() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/reference/petrarch2");
    if !dir.join("PETR.UnitTest.records.xml").is_file() {
        println!("skipped: ../shared/reference/petrarch2 is not available");
        return;
    }
    let files = PetrarchFiles {
        verbs: Some(dir.join("PETR.Validate.verbs.txt")),
        actors: vec![dir.join("PETR.Validate.actors.txt")],
        agents: Some(dir.join("PETR.Validate.agents.txt")),
        discards: Some(dir.join("PETR.Validate.discards.txt")),
    };
    // The unit-test records' texts, with their dates.
    let xml = std::fs::read_to_string(dir.join("PETR.UnitTest.records.xml")).unwrap();
    let sentences: Vec<(String, Option<String>)> = xml
        .split("<Sentence ")
        .skip(1)
        .filter_map(|chunk| {
            let date =
                chunk.split("date").nth(1).and_then(|r| r.split('"').nth(1)).map(str::to_string);
            let text = chunk.split("<Text>").nth(1)?.split("</Text>").next()?;
            Some((text.split_whitespace().collect::<Vec<_>>().join(" "), date))
        })
        .collect();
    assert!(sentences.len() > 250);
    assert_same_coding(&files, &sentences);
}
