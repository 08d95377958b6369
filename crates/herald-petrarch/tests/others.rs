//! Unit tests of the agent, discard and issue readers on the hand-made
//! fixtures in `tests/data/`, and of the file loaders.

use herald_petrarch::*;

fn positions(errors: &[DictError]) -> Vec<(usize, usize, ErrorKind)> {
    errors.iter().map(|e| (e.line, e.column, e.kind.clone())).collect()
}

fn lint_lines(w: &[LintWarning]) -> Vec<(usize, LintKind)> {
    w.iter().map(|w| (w.line, w.kind)).collect()
}

// ---------------------------------------------------------------- agents

fn agents() -> AgentDictionary {
    let (dict, errors) = parse_agents("agents.txt", include_str!("data/agents.txt"));
    assert!(errors.is_empty(), "{errors:#?}");
    dict
}

fn forms(d: &AgentDictionary, phrase: &str) -> Vec<(String, bool)> {
    let e = d
        .entries
        .iter()
        .find(|e| e.phrase == phrase)
        .unwrap_or_else(|| panic!("no agent {phrase}"));
    d.forms(e).into_iter().map(|f| (f.words.join(" "), f.plural)).collect()
}

#[test]
fn agent_entries() {
    let d = agents();
    assert_eq!(d.substitutions.len(), 2);
    assert_eq!(d.substitution("PERSON").unwrap().items, ["MAN", "MEN", "WOMAN", "WOMEN", "PERSON"]);
    assert_eq!(d.entries.len(), 13);
    let s = |x: &str| (x.to_string(), false);
    let p = |x: &str| (x.to_string(), true);
    assert_eq!(forms(&d, "SOLDIER"), [s("SOLDIER"), p("SOLDIERS")]);
    assert_eq!(forms(&d, "POLICE"), [s("POLICE")]);
    assert_eq!(forms(&d, "ATTORNEY_GENERAL"), [s("ATTORNEY GENERAL"), p("ATTORNEYS GENERAL")]);
    assert_eq!(forms(&d, "ARMY"), [s("ARMY"), p("ARMIES")]);
    assert_eq!(forms(&d, "CONGRESS"), [s("CONGRESS"), p("CONGRESSES")]);
    // Substitutions get no plural formation.
    assert_eq!(
        forms(&d, "CONGRESS!PERSON!"),
        [
            s("CONGRESSMAN"),
            s("CONGRESSMEN"),
            s("CONGRESSWOMAN"),
            s("CONGRESSWOMEN"),
            s("CONGRESSPERSON")
        ]
    );
    assert_eq!(
        forms(&d, "!MINIST!_OF_DEFENSE"),
        [s("MINISTER OF DEFENSE"), s("MINISTRY OF DEFENSE")]
    );
    assert_eq!(forms(&d, "SECURITY SERVICE"), [s("SECURITY SERVICE"), p("SECURITY SERVICES")]);
    assert_eq!(forms(&d, "FIRE!PERSON!").len(), 5);
    // An undefined marker is left as written.
    assert_eq!(forms(&d, "UNKNOWN!MARKER!")[0].0, "UNKNOWN!MARKER!");
}

#[test]
fn agent_codes() {
    let d = agents();
    let code = |phrase: &str| d.entries.iter().find(|e| e.phrase == phrase).unwrap().code.clone();
    let gov = code("ATTORNEY_GENERAL");
    assert_eq!((gov.code.as_str(), gov.placement), ("GOVATG", AgentPlacement::Suffix));
    assert_eq!(gov.apply("USA"), "USAGOVATG");
    let ngo = code("HUMAN_RIGHTS_BODY");
    assert_eq!((ngo.code.as_str(), ngo.placement), ("NGO", AgentPlacement::Prefix));
    assert_eq!(ngo.apply("USA"), "NGOUSA");
    assert_eq!(code("SECURITY SERVICE").code, "SPY"); // `[ ~SPY]`
    let e = d.entries.iter().find(|e| e.phrase == "ATTORNEY_GENERAL").unwrap();
    assert_eq!(e.plurals, Plurals::Explicit(vec!["ATTORNEYS_GENERAL".into()]));
    assert_eq!(e.comment.as_deref(), Some("an explicit plural"));
}

#[test]
fn agent_errors() {
    let (d, errors) = parse_agents("bad.agents", include_str!("data/agents_bad.txt"));
    assert_eq!(
        positions(&errors),
        vec![
            (1, 1, ErrorKind::MissingCode),
            (2, 13, ErrorKind::MismatchedBracket { open: '[', close: '}' }),
            (3, 12, ErrorKind::InvalidAgentCode),
            (4, 9, ErrorKind::InvalidAgentCode),
            (5, 7, ErrorKind::EmptyCode),
            (6, 16, ErrorKind::TrailingText),
            (7, 10, ErrorKind::Unclosed('{')),
            (8, 1, ErrorKind::InvalidSubstitution("the marker must be `!NAME!`")),
            (9, 1, ErrorKind::InvalidSubstitution("empty item in the list")),
            (10, 2, ErrorKind::EmptyPhrase),
        ]
    );
    assert!(d.entries.is_empty() && d.substitutions.is_empty());
}

#[test]
fn agent_lints() {
    assert_eq!(
        lint_lines(&lint_agents(&agents())),
        vec![
            (15, LintKind::UndefinedSubstitution),
            (16, LintKind::DuplicateEntry),
            (17, LintKind::BadCode),
            (17, LintKind::LowercasePhrase),
        ]
    );
}

// ---------------------------------------------------------------- discards

#[test]
fn discards() {
    let (d, errors) = parse_discards("discards.txt", include_str!("data/discards.txt"));
    assert!(errors.is_empty(), "{errors:?}");
    assert_eq!(d.entries.len(), 6);
    let e = |i: usize| &d.entries[i];
    assert_eq!(
        (e(0).text.as_str(), e(0).scope, e(0).word_end),
        ("WORLD CUP", DiscardScope::Sentence, false)
    );
    assert_eq!((e(1).text.as_str(), e(1).scope), ("ACADEMY AWARD", DiscardScope::Story));
    assert_eq!((e(2).text.as_str(), e(2).word_end), ("GROUP A", true));
    assert_eq!(
        (e(3).text.as_str(), e(3).scope, e(3).word_end),
        ("SUPER BOWL", DiscardScope::Story, true)
    );
    assert_eq!(e(3).words(), ["SUPER", "BOWL"]);
    assert_eq!(d.story_level().count(), 2);
    assert_eq!(d.sentence_level().count(), 4);
    // Matching ignores case, so the lower-case repeat is a duplicate.
    assert_eq!(lint_lines(&lint_discards(&d)), vec![(7, LintKind::DuplicateEntry)]);

    let (d, errors) = parse_discards("bad", include_str!("data/discards_bad.txt"));
    assert!(d.entries.is_empty());
    assert_eq!(
        positions(&errors),
        vec![(1, 1, ErrorKind::EmptyPhrase), (2, 1, ErrorKind::EmptyPhrase)]
    );
}

// ---------------------------------------------------------------- issues

#[test]
fn issues() {
    let (d, errors) = parse_issues("issues.txt", include_str!("data/issues.txt"));
    assert!(errors.is_empty(), "{errors:?}");
    assert_eq!(d.blocks.len(), 2);
    let b = &d.blocks[0];
    assert_eq!(b.category.as_deref(), Some("ID_ATROCITY"));
    assert_eq!(
        b.attributes,
        [("CATEGORY".to_string(), "ID_ATROCITY".to_string()), ("TYPE".into(), "ALL".into())]
    );
    assert_eq!((b.line, b.end_line), (2, Some(10)));
    assert_eq!(b.entries.len(), 5);
    let exp = |i: usize| b.entries[i].phrase.expansions();
    assert_eq!(exp(0), ["atrocity", "atrocities"]);
    assert_eq!(exp(1), ["mass deport", "mass deports", "mass deported", "mass deporting"]);
    assert_eq!(exp(2), ["black rider network", "black-rider network"]);
    assert_eq!(exp(3), ["pre school", "pre schools", "pre-school", "pre-schools"]);
    assert_eq!(b.entries[3].phrase.tokens[0].inflection, Inflection::Noun);
    assert_eq!(b.entries[3].phrase.to_string(), "n:pre+school");
    // No code: the category applies.
    assert_eq!(b.entries[4].code, None);
    assert_eq!(b.code_of(&b.entries[4]), Some("ID_ATROCITY"));
    assert_eq!(b.code_of(&b.entries[2]), Some("NAMED_TERROR_GROUP"));
    // Ignore phrases.
    assert_eq!(b.ignores.len(), 2);
    assert_eq!(b.ignores[0].scope, IgnoreScope::Category);
    assert_eq!(b.ignores[0].phrase.expansions(), ["Saturday Night massacre"]);
    assert_eq!(b.ignores[1].scope, IgnoreScope::Sentence);
    // Phrases outside any block.
    assert_eq!(d.blocks[1].category, None);
    assert_eq!(d.blocks[1].entries.len(), 2);
    assert_eq!(d.entries().count(), 7);
    assert_eq!(d.ignores().count(), 2);
    assert_eq!(
        lint_lines(&lint_issues(&d)),
        vec![(7, LintKind::MissingIssueCode), (12, LintKind::DuplicateEntry)]
    );
}

#[test]
fn issue_errors() {
    let (_, errors) = parse_issues("bad.issues", include_str!("data/issues_bad.txt"));
    assert_eq!(
        positions(&errors),
        vec![
            (1, 1, ErrorKind::UnexpectedBlockEnd),
            (2, 1, ErrorKind::InvalidIssueTag("missing CATEGORY attribute")),
            (3, 1, ErrorKind::UnclosedBlock),
            (4, 11, ErrorKind::TrailingText),
            (5, 1, ErrorKind::UnexpectedToken("n:a+v:b".into())),
            (6, 10, ErrorKind::UnexpectedToken("[".into())),
            (7, 1, ErrorKind::EmptyPhrase),
            (8, 1, ErrorKind::InvalidIssueTag("unknown tag")),
            (9, 1, ErrorKind::EmptyPhrase),
            (10, 1, ErrorKind::UnclosedBlock),
        ]
    );
}

#[test]
fn expansions_are_capped() {
    let phrase = format!("{} [X]", vec!["a"; 40].join("+"));
    let (d, errors) = parse_issues("t", &phrase);
    assert!(errors.is_empty());
    let e = &d.blocks[0].entries[0];
    assert_eq!(e.phrase.expansions().len(), MAX_EXPANSIONS);
    assert_eq!(lint_lines(&lint_issues(&d)), vec![(1, LintKind::TooManyExpansions)]);
}

// ---------------------------------------------------------------- loading

#[test]
fn loaders_report_io_and_utf8_errors() {
    let dir = std::env::temp_dir().join(format!("herald-petrarch-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();

    let missing = dir.join("missing.txt");
    let e = load_verbs(&missing).unwrap_err();
    assert!(matches!(e.kind, ErrorKind::Io { kind: std::io::ErrorKind::NotFound, .. }));
    assert_eq!((e.line, e.column), (0, 0));
    assert_eq!(e.path, missing.display().to_string());

    let bad = dir.join("latin1.actors.txt");
    std::fs::write(&bad, b"FRANCE [FRA]\nC\xd4TE_D'IVOIRE [CIV]\n").unwrap();
    let e = load_actors(&bad).unwrap_err();
    assert_eq!((e.line, e.column, e.kind.clone()), (2, 2, ErrorKind::InvalidUtf8));
    assert_eq!(e.text, "\\xD4");

    let good = dir.join("good.discards.txt");
    std::fs::write(&good, "\u{feff}WORLD CUP\n+ACADEMY AWARD\n").unwrap();
    let (d, errors) = load_discards(&good).unwrap();
    assert!(errors.is_empty());
    assert_eq!(d.entries[0].text, "WORLD CUP");
    let (_, errors) = load_issues(&good).unwrap();
    assert!(errors.is_empty());
    let (_, errors) = load_agents(&good).unwrap();
    assert_eq!(errors.len(), 2, "discards are not agents: {errors:?}");
    assert_eq!(errors[0].path, good.display().to_string());

    std::fs::remove_dir_all(&dir).unwrap();
}
