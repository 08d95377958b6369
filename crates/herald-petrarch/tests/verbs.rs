//! Unit tests of the verb dictionary reader on the hand-made fixtures in `tests/data/`.

use herald_petrarch::*;

const FIXTURE: &str = include_str!("data/verbs.txt");
const BAD: &str = include_str!("data/verbs_bad.txt");

fn fixture() -> VerbDictionary {
    let (dict, errors) = parse_verbs("verbs.txt", FIXTURE);
    assert!(errors.is_empty(), "{errors:#?}");
    dict
}

fn pattern_at(dict: &VerbDictionary, line: usize) -> &Pattern {
    dict.patterns()
        .map(|(_, p)| p)
        .find(|p| p.line == line)
        .unwrap_or_else(|| panic!("no pattern on line {line}"))
}

fn word(w: &str) -> PatternItem {
    PatternItem::Element(PatternElement {
        token: Token::Word(w.into()),
        joined: false,
        exact: false,
    })
}

fn el(token: Token, joined: bool, exact: bool) -> PatternItem {
    PatternItem::Element(PatternElement { token, joined, exact })
}

fn syn(name: &str) -> Token {
    Token::Synset(SynsetRef { name: name.into(), written: name.into() })
}

#[test]
fn counts() {
    let d = fixture();
    assert_eq!(d.synsets.len(), 4);
    assert_eq!(d.blocks.len(), 5);
    assert_eq!(d.verbs().count(), 11);
    assert_eq!(d.patterns().count(), 15);
    assert_eq!(d.transformations.len(), 3);
}

#[test]
fn synsets_and_plurals() {
    let d = fixture();
    let preps = d.synset("&PREPS_").unwrap();
    assert!(preps.no_plurals);
    assert_eq!(
        d.synset_phrases("PREPS"),
        vec![vec!["AGAINST".to_string()], vec!["IN".to_string()]]
    );
    let weapon = d.synset("WEAPON").unwrap();
    assert_eq!(weapon.members.len(), 4);
    assert!(weapon.members[2].no_plural); // +ARMS_
    let phrases: Vec<String> = d.synset_phrases("WEAPON").iter().map(|p| p.join(" ")).collect();
    assert_eq!(
        phrases,
        ["GUN", "GUNS", "MISSILE", "MISSILES", "ARMS", "F-16 FIGHTER", "F-16 FIGHTERS"]
    );
    // A synset inside a synset, and a member with a blank.
    let arms: Vec<String> = d.synset_phrases("ARMS").iter().map(|p| p.join(" ")).collect();
    assert_eq!(arms.len(), 9);
    assert!(arms.contains(&"MISSILES".to_string()));
    assert!(arms.contains(&"HEAVY ARTILLERIES".to_string()));
    assert!(d.synset("EMPTY").unwrap().members.is_empty());
    assert!(d.synset_phrases("NOPE").is_empty());
}

#[test]
fn block_headers() {
    let d = fixture();
    let attack = &d.blocks[0];
    assert_eq!(
        (attack.description.as_str(), attack.code.to_string()),
        ("ATTACK", "[190]".to_string())
    );
    assert!(attack.explicit_code);
    let say = &d.blocks[1];
    assert_eq!(say.description, "SAY");
    assert!(say.code.is_null() && !say.explicit_code, "a header without code has the null code");
    assert_eq!(d.blocks[2].description, "WANT"); // `[090]---  ---`
    assert_eq!(d.blocks[2].code.to_string(), "[090]");
    let delay = &d.blocks[3];
    assert_eq!(delay.code.to_string(), "[120]");
    assert_eq!(delay.extra_codes.len(), 1);
    assert_eq!(delay.extra_codes[0].to_string(), "[031:031]");
}

#[test]
fn primary_verbs_and_forms() {
    let d = fixture();
    let verbs: Vec<&Verb> = d.blocks[0].verbs.iter().collect();
    let forms = |v: &Verb| v.forms().iter().map(|f| f.text()).collect::<Vec<_>>();
    assert_eq!(forms(verbs[0]), ["ATTACK", "ATTACKS", "ATTACKED", "ATTACKING"]);
    assert_eq!(forms(verbs[1]), ["STRIKE", "STRIKES", "STRUCK", "STRICKEN", "STRIKING"]);
    // Multi-word verb with regular forms generated on the `+` word.
    assert_eq!(verbs[2].phrase.to_string(), "+BEEF_UP");
    assert_eq!(forms(verbs[2]), ["BEEF UP", "BEEFS UP", "BEEFED UP", "BEEFING UP"]);
    // Irregular multi-word forms, comma separated, with an own code.
    assert_eq!(forms(verbs[3]), ["CORDON OFF", "CORDONED OFF", "CORDONS OFF", "CORDONING OFF"]);
    assert_eq!(verbs[3].code.as_ref().unwrap().to_string(), "[1721]");
    assert_eq!(d.blocks[0].code_of(verbs[3]).to_string(), "[1721]");
    // The verb word need not be the first.
    assert_eq!(verbs[4].phrase.verb_index, 1);
    assert_eq!(verbs[4].phrase.verb_word(), "TAP");
    assert_eq!(verbs[4].phrase.to_string(), "WIRE_+TAP");
    assert_eq!(forms(verbs[4]), ["WIRE TAP", "WIRE TAPS", "WIRE TAPPED", "WIRE TAPPING"]);
    assert_eq!(verbs[5].code.as_ref().unwrap().to_string(), "[195]");
    assert_eq!(verbs[5].comment.as_deref(), Some("a verb with its own code"));
    assert_eq!(d.blocks[0].code_of(verbs[0]).to_string(), "[190]");
    // `{}`: no other forms; `;` starts a comment.
    assert_eq!(verbs[6].irregular, Some(vec![]));
    assert_eq!(forms(verbs[6]), ["SHOOT"]);
    assert_eq!(verbs[6].comment.as_deref(), Some("an old TABARI comment"));
    // Unmarked multi-word verb: the first word is the verb.
    let lash = &d.blocks[1].verbs[1];
    assert!(!lash.phrase.marked);
    assert_eq!(forms(lash), ["LASH OUT", "LASHES OUT", "LASHED OUT", "LASHING OUT"]);
}

#[test]
fn pattern_structure() {
    let d = fixture();
    let p = pattern_at(&d, 31);
    assert_eq!(p.items, vec![el(Token::Verb, false, false), el(syn("WEAPON"), false, false)]);
    assert_eq!(p.code.to_string(), "[193]");
    assert_eq!(p.comment.as_deref(), Some("ATTACK"));

    // Source, prepositional phrase with a braced noun phrase, target, paired code.
    let p = pattern_at(&d, 32);
    assert_eq!(p.to_string(), "- $ * (WITH {HEAVY &WEAPON}) + [194:195]");
    assert_eq!(p.pre_verb(), &[el(Token::Source, false, false)]);
    assert_eq!(
        p.post_verb(),
        &[
            PatternItem::Prep(vec![
                word("WITH"),
                PatternItem::Braced(vec![word("HEAVY"), el(syn("WEAPON"), false, false)])
            ]),
            el(Token::Target, false, false),
        ]
    );
    let code = &p.code;
    assert_eq!(
        (code.primary.as_ref().unwrap().as_str(), code.secondary.as_ref().unwrap().as_str()),
        ("194", "195")
    );

    // A synset with `_` label, a preposition-only phrase and a `[:code]`.
    let p = pattern_at(&d, 33);
    let written = SynsetRef { name: "PREPS".into(), written: "PREPS_".into() };
    assert_eq!(p.items[0], el(Token::Synset(written), false, false));
    assert_eq!(p.items[2], PatternItem::Prep(vec![word("TO")]));
    assert!(p.code.primary.is_none());
    assert_eq!(p.code.secondary.as_ref().unwrap().as_str(), "190");

    // `_` joins and trailing `_`.
    assert_eq!(pattern_at(&d, 34).items, vec![word("IN"), el(Token::Verb, true, false)]);
    assert_eq!(
        pattern_at(&d, 35).items,
        vec![el(Token::Verb, false, false), el(Token::Word("OFF".into()), false, true)]
    );
    assert_eq!(
        pattern_at(&d, 36).items,
        vec![
            word("SPY"),
            el(Token::Verb, true, false),
            el(Token::Word("DEAL".into()), true, false)
        ]
    );
    assert!(pattern_at(&d, 36).code.is_null());

    // Compound marker; `&ARMS_RAIDS` read as &ARMS joined to RAIDS.
    let p = pattern_at(&d, 37);
    assert_eq!(p.items[0], el(Token::Compound, false, false));
    assert_eq!(
        p.items[1],
        el(
            Token::Synset(SynsetRef { name: "ARMS".into(), written: "ARMS_RAIDS".into() }),
            false,
            false
        )
    );
    assert_eq!(p.items[2], el(Token::Word("RAIDS".into()), true, false));
    assert!(p.items[3].is_verb());

    // Skip markers.
    let p = pattern_at(&d, 38);
    assert_eq!(p.to_string(), "- * ^ (FROM ^) [190]");
    assert_eq!(p.post_verb().len(), 2);

    // An undefined synset is kept (and linted).
    assert_eq!(pattern_at(&d, 39).synset_refs()[0].name, "NOPE");

    // `#` inside brackets is not a comment: the special code survives.
    let p = pattern_at(&d, 42);
    assert_eq!(p.code.primary.as_ref().unwrap().kind(), EventCodeKind::Special);
    assert!(p.comment.is_some());
}

#[test]
fn transformations() {
    let d = fixture();
    let t = &d.transformations[0];
    assert_eq!(t.clause.source, TransformActor::Var("a".into()));
    assert_eq!(t.clause.verb, TransformVerb::Verb("SAY".into()));
    let TransformTarget::Clause(inner) = &t.clause.target else { panic!("nested clause expected") };
    assert_eq!(inner.source, TransformActor::Var("a".into()));
    assert_eq!(inner.target, TransformTarget::Actor(TransformActor::Var("b".into())));
    assert_eq!(inner.verb, TransformVerb::Verb("ATTACK".into()));
    assert_eq!(t.result.code, TransformCode::Code(EventCode::new("138")));
    let t = &d.transformations[1];
    let TransformTarget::Clause(inner) = &t.clause.target else { panic!("nested clause expected") };
    assert_eq!(inner.target, TransformTarget::Actor(TransformActor::Unspecified));
    assert_eq!(inner.verb, TransformVerb::Any);
    assert_eq!(t.result.source, TransformActor::Unspecified);
    assert_eq!(t.result.target, TransformActor::Absent);
    assert_eq!(t.result.code, TransformCode::Inherit);
}

#[test]
fn all_errors_are_reported_with_positions() {
    let (dict, errors) = parse_verbs("bad.verbs", BAD);
    let got: Vec<(usize, usize, ErrorKind)> =
        errors.iter().map(|e| (e.line, e.column, e.kind.clone())).collect();
    let want = vec![
        (1, 1, ErrorKind::Orphan("pattern", "verb block")),
        (2, 1, ErrorKind::Orphan("verb", "verb block")),
        (3, 11, ErrorKind::InvalidCode),
        (4, 4, ErrorKind::Unclosed('{')),
        (5, 1, ErrorKind::MultipleVerbWords),
        (6, 5, ErrorKind::Unclosed('(')),
        (7, 7, ErrorKind::Unmatched(')')),
        (8, 6, ErrorKind::NestedGroup('(')),
        (9, 13, ErrorKind::TrailingText),
        (10, 1, ErrorKind::MissingCode),
        (11, 3, ErrorKind::MissingVerbMarker),
        (12, 3, ErrorKind::MultipleVerbMarkers),
        (13, 7, ErrorKind::EmptyCode),
        (14, 5, ErrorKind::EmptyPhrase),
        (15, 12, ErrorKind::MismatchedBracket { open: '{', close: ')' }),
        (16, 1, ErrorKind::InvalidTransformation("unclosed `(`")),
        (17, 1, ErrorKind::InvalidSynsetName),
        (18, 2, ErrorKind::UnexpectedToken("$".into())),
        (19, 1, ErrorKind::UnterminatedComment),
    ];
    assert_eq!(got, want);
    assert!(errors.iter().all(|e| e.path == "bad.verbs"));
    assert_eq!(errors[8].text, "trailing");
    assert_eq!(
        errors[8].to_string(),
        "bad.verbs:9:13: unexpected text after the entry in `trailing`"
    );
    // The bad header still opens a block (with the null code); nothing else got in.
    assert_eq!(dict.blocks.len(), 1);
    assert!(dict.blocks[0].verbs.is_empty() && dict.blocks[0].patterns.is_empty());
}

#[test]
fn lints() {
    let d = fixture();
    let got: Vec<(usize, LintKind)> = lint_verbs(&d).iter().map(|w| (w.line, w.kind)).collect();
    assert_eq!(
        got,
        vec![
            (21, LintKind::EmptySynset),
            (37, LintKind::AmbiguousSynsetReference),
            (39, LintKind::UndefinedSynset),
            (40, LintKind::DuplicatePattern),
            (41, LintKind::EmptyPattern),
            (46, LintKind::UnmarkedMultiWordVerb),
            (52, LintKind::MultipleBlockCodes),
            (54, LintKind::BadCode),
            (56, LintKind::BlockWithoutVerbs),
            (61, LintKind::UnknownTransformationVerb),
        ]
    );
}

#[test]
fn lint_synset_used_before_definition_and_duplicates() {
    let text =
        "--- A [010] ---\nGO\n- * &LATER [010]\n&LATER\n+X\n&LATER\n+Y\n+Y\n--- B [010] ---\nGO\n";
    let (d, errors) = parse_verbs("t", text);
    assert!(errors.is_empty(), "{errors:?}");
    let got: Vec<(usize, LintKind)> = lint_verbs(&d).iter().map(|w| (w.line, w.kind)).collect();
    assert_eq!(
        got,
        vec![
            (3, LintKind::SynsetDefinedAfterUse),
            (6, LintKind::DuplicateEntry),
            (8, LintKind::DuplicateEntry),
            (10, LintKind::DuplicateEntry),
            (10, LintKind::DuplicateEntry),
            (10, LintKind::DuplicateEntry),
            (10, LintKind::DuplicateEntry),
        ]
    );
}

#[test]
fn crlf_and_bom() {
    let text = "\u{feff}--- A [010] ---\r\nGO\r\n- * X [011]\r\n";
    let (d, errors) = parse_verbs("t", text);
    assert!(errors.is_empty(), "{errors:?}");
    assert_eq!(d.blocks[0].patterns[0].to_string(), "- * X [011]");
}
