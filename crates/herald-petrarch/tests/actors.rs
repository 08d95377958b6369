//! Unit tests of the actor dictionary reader on the hand-made fixtures in `tests/data/`.

use herald_petrarch::*;

const FIXTURE: &str = include_str!("data/actors.txt");
const BAD: &str = include_str!("data/actors_bad.txt");

fn fixture() -> ActorDictionary {
    let (dict, errors) = parse_actors("actors.txt", FIXTURE);
    assert!(errors.is_empty(), "{errors:#?}");
    dict
}

fn date(s: &str) -> Date {
    s.parse().unwrap()
}

fn resolve(e: &ActorEntry, d: &str) -> Option<String> {
    e.resolve(date(d)).map(|c| c.as_str().to_string())
}

#[test]
fn records_phrases_and_synonyms() {
    let d = fixture();
    assert_eq!(d.entries.len(), 11);
    assert_eq!(d.phrase_count(), 15);
    let f = &d.entries[0];
    assert_eq!(f.phrase.text, "FREEDONIA_");
    assert_eq!(f.phrase.words, ["FREEDONIA"]);
    assert!(f.phrase.stopped);
    assert_eq!(f.synonyms.len(), 2);
    assert_eq!(f.synonyms[1].words, ["FREEDONIA", "CITY"]);
    assert!(!f.synonyms[1].stopped, "the `;` comment is not part of the phrase");
    assert_eq!(f.default_code().unwrap().as_str(), "FRE");
    // Blanks and underscores both separate words; lookups ignore case.
    assert_eq!(d.find("rufus t firefly").unwrap().line, 7);
    assert_eq!(d.find("FIREFLY").unwrap().line, 7);
    assert!(d.find("FIREFLIES").is_none());
    // Stems vs stopped phrases.
    assert!(!d.find("ARGENTIN").unwrap().phrase.stopped);
    // A comment on the primary line.
    assert_eq!(d.entries[1].comment.as_deref(), Some("CountryInfo.txt"));
}

#[test]
fn date_restrictions_resolve_inclusively_in_order() {
    let d = fixture();
    let firefly = d.find("FIREFLY").unwrap();
    assert_eq!(firefly.codes.len(), 3);
    assert_eq!(firefly.default_code(), None);
    assert_eq!(resolve(firefly, "19330101").as_deref(), Some("FREELI")); // inclusive start
    assert_eq!(resolve(firefly, "19331231").as_deref(), Some("FREELI")); // inclusive end
    assert_eq!(resolve(firefly, "19350615").as_deref(), Some("FREGOV"));
    assert_eq!(resolve(firefly, "19370101").as_deref(), Some("FRE"));
    assert_eq!(resolve(firefly, "20240101").as_deref(), Some("FRE"));
    assert_eq!(
        resolve(firefly, "19200101"),
        None,
        "no restriction applies and there is no default"
    );

    let sylvania = d.find("SYLVANIA").unwrap();
    assert_eq!(resolve(sylvania, "19351231").as_deref(), Some("SYLGOV"));
    assert_eq!(resolve(sylvania, "19361231").as_deref(), Some("SYLMIL")); // blanks around `-`
    assert_eq!(resolve(sylvania, "19370101").as_deref(), Some("SYL")); // the default code

    // A null code before a date, then a `[CODE]` default line.
    let trentino = d.find("TRENTINO").unwrap();
    assert!(trentino.resolve(date("350101")).unwrap().is_null());
    assert_eq!(resolve(trentino, "19400101").as_deref(), Some("TRE"));

    // Several groups on the primary line; two-digit years: 30 is 2030, 31 is 1931;
    // the first matching restriction wins.
    let groucho = d.find("GROUCHO").unwrap();
    assert_eq!(
        groucho.codes[0].restriction,
        Some(DateRestriction::Between(date("20300101"), date("20301231")))
    );
    assert_eq!(groucho.codes[1].restriction, Some(DateRestriction::After(date("19310101"))));
    assert_eq!(resolve(groucho, "20300601").as_deref(), Some("GRO"));
    assert_eq!(resolve(groucho, "19500101").as_deref(), Some("GRM"));
    assert_eq!(resolve(groucho, "19300101"), None);
}

#[test]
fn codes() {
    let d = fixture();
    let shire = d.find("THE SHIRE").unwrap().default_code().unwrap();
    assert_eq!(shire.alternatives().collect::<Vec<_>>(), ["FRO", "BIL", "SAM"]);
    assert!(d.find("NOBODY").unwrap().codes.is_empty());
    // A primary code followed by a second default: the first one is the default.
    assert_eq!(d.find("ZEPPO").unwrap().default_code().unwrap().as_str(), "zep");
}

#[test]
fn all_errors_are_reported_with_positions() {
    let (dict, errors) = parse_actors("bad.actors", BAD);
    let got: Vec<(usize, usize, ErrorKind)> =
        errors.iter().map(|e| (e.line, e.column, e.kind.clone())).collect();
    let invalid = |s: &str| ErrorKind::InvalidDate(s.to_string());
    let want = vec![
        (1, 1, ErrorKind::Orphan("synonym", "actor")),
        (2, 2, ErrorKind::Orphan("date restriction", "actor")),
        (3, 10, invalid("`19991332` is not a calendar date")),
        (4, 2, invalid("`2000010` has 7 digits, expected YYMMDD or YYYYMMDD")),
        (5, 2, ErrorKind::InvalidRestriction),
        (6, 2, ErrorKind::InvalidRestriction),
        (7, 2, ErrorKind::EmptyCode),
        (8, 2, ErrorKind::InvalidCode),
        (9, 10, ErrorKind::Unclosed('[')),
        (10, 16, ErrorKind::TrailingText),
        (11, 6, ErrorKind::UnexpectedToken("[".into())),
    ];
    assert_eq!(got, want);
    // Records whose lines had errors are still opened; bad groups are dropped.
    assert_eq!(dict.entries.len(), 3);
    assert!(dict.entries[0].codes.is_empty());
    assert_eq!(dict.entries[2].default_code().unwrap().as_str(), "ABC");
}

#[test]
fn lints() {
    let d = fixture();
    let got: Vec<(usize, LintKind)> = lint_actors(&d).iter().map(|w| (w.line, w.kind)).collect();
    assert_eq!(
        got,
        vec![
            (22, LintKind::NoCode),
            (23, LintKind::BadCode),
            (24, LintKind::MultipleDefaultCodes),
            (26, LintKind::ReversedDateRange),
            (27, LintKind::DuplicateEntry),
            (28, LintKind::SuspiciousCharacter),
        ]
    );
}
