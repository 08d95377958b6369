//! Integration tests on the community's PETRARCH reference dictionaries,
//! read from `shared/reference/petrarch2/` beside the workspace (they are
//! never copied into the repository). The tests fail, with a clear message,
//! if that directory is missing.
//!
//! Every file parses with zero errors except for the real defects in the
//! files, which are listed here exactly (see `KNOWN DEFECTS` below).

use std::path::PathBuf;
use std::time::Instant;

use herald_petrarch::*;

fn reference_dir() -> PathBuf {
    let dir =
        PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/reference/petrarch2/"));
    assert!(
        dir.join("CAMEO.2.0.txt").is_file(),
        "the PETRARCH reference dictionaries are missing: expected them in {} \
         (the workspace's sibling `shared/reference/petrarch2/`); these tests need them",
        dir.display()
    );
    dir
}

fn path(name: &str) -> PathBuf {
    reference_dir().join(name)
}

/// (line, kind) of each error.
fn lines_and_kinds(errors: &[DictError]) -> Vec<(usize, ErrorKind)> {
    errors.iter().map(|e| (e.line, e.kind.clone())).collect()
}

fn date(s: &str) -> Date {
    s.parse().unwrap()
}

fn lint_count(w: &[LintWarning], kind: LintKind) -> usize {
    w.iter().filter(|w| w.kind == kind).count()
}

fn has_lint(w: &[LintWarning], line: usize, kind: LintKind) -> bool {
    w.iter().any(|w| w.line == line && w.kind == kind)
}

// ---------------------------------------------------------------- verbs

#[test]
fn cameo_verbs() {
    let (d, errors) = load_verbs(path("CAMEO.2.0.txt")).unwrap();
    // KNOWN DEFECTS: two patterns with stray text ending in an unmatched `)`:
    //   2374: `- * VENTURE (WITH VISIT)   VISIT)[042:043]`
    //   7606: `- STRONGLY * ATTACK (ON ^)   ^)[111]`
    assert_eq!(
        lines_and_kinds(&errors),
        vec![(2374, ErrorKind::Unmatched(')')), (7606, ErrorKind::Unmatched(')'))]
    );
    assert_eq!(errors[0].column, 60);

    assert_eq!(d.synsets.len(), 40);
    assert_eq!(d.blocks.len(), 397);
    assert_eq!(d.verbs().count(), 1817);
    assert_eq!(d.patterns().count(), 4666); // 4668 pattern lines, 2 defective
    assert_eq!(d.transformations.len(), 8);

    // Synsets.
    let aux = d.synset("AUXVERB1_").unwrap();
    assert!(aux.no_plurals);
    assert_eq!(d.synset_phrases("AUXVERB1").len(), 3);
    let weapon = d.synset("WEAPON").unwrap();
    assert_eq!(weapon.members.len(), 115);
    let phrases: Vec<String> = d.synset_phrases("WEAPON").iter().map(|p| p.join(" ")).collect();
    assert!(
        phrases.contains(&"AK-47".to_string())
            && phrases.contains(&"ARLEIGH BURKE-CLASS DESTROYERS".to_string())
    );

    // The first block.
    let b = &d.blocks[0];
    assert_eq!((b.line, b.description.as_str()), (709, "ACCELERATE"));
    assert!(b.code.is_null());
    assert_eq!(b.verbs.len(), 8);
    let hurry = &b.verbs[3];
    assert_eq!(
        hurry.forms().iter().map(VerbPhrase::text).collect::<Vec<_>>(),
        ["HURRY", "HURRIES", "HURRYING", "HURRIED"]
    );
    assert_eq!(b.patterns.len(), 12);
    assert_eq!(b.patterns[0].to_string(), "- * (TO) [042:043]");
    assert_eq!(b.patterns[0].comment.as_deref(), Some("RUSH"));

    // Multi-word verbs.
    let (_, beef) = d.verbs().find(|(_, v)| v.line == 4040).unwrap();
    assert_eq!(beef.phrase.to_string(), "+BEEF_UP");
    assert_eq!(beef.code.as_ref().unwrap().to_string(), "[174]");
    assert_eq!(beef.forms()[2].text(), "BEEFED UP");
    let (_, det) = d.verbs().find(|(_, v)| v.line == 3412).unwrap();
    assert_eq!(det.irregular.as_ref().unwrap().len(), 3); // commas between forms
    let (block, say) = d.verbs().find(|(_, v)| v.line == 4502).unwrap();
    assert!(say.forms().iter().any(|f| f.text() == "SAID"));
    assert_eq!(block.code_of(say).to_string(), block.code.to_string());

    // Patterns with all the markers.
    let pat = |line: usize| d.patterns().map(|(_, p)| p).find(|p| p.line == line).unwrap();
    assert_eq!(pat(2434).to_string(), "- $ * (AS &NEGOTIATOR) (IN TALK) (WITH +) [045]");
    assert_eq!(pat(2446).to_string(), "- &MILITARY * (TO +) &STRONGHOLD (IN $) [154]");
    assert_eq!(pat(4761).to_string(), "- % &AIRCRAFT * [062:062]");
    assert_eq!(pat(4935).to_string(), "- SPY_*_DEAL [---]");
    assert_eq!(pat(745).to_string(), "- * &SECURITY (OVER {&WEAPON ATTACK}) [151]");
    assert_eq!(pat(836).to_string(), "- * OFF (FROM ^) [042]");
    assert_eq!(pat(1735).to_string(), "- * SCEPTICAL [012]");
    let colon_only = d.patterns().filter(|(_, p)| p.code.primary.is_none()).count();
    assert_eq!(colon_only, 97); // `[:173]`-style codes (a 98th is on the header of OFFEND)
    let paired = d
        .patterns()
        .filter(|(_, p)| p.code.primary.is_some() && p.code.secondary.is_some())
        .count();
    assert_eq!(paired, 339); // (and 9 more on verb lines, headers and the defective line 2374)

    // Transformations.
    let t = &d.transformations[0];
    assert_eq!(t.line, 9178);
    assert_eq!(t.clause.verb, TransformVerb::Verb("SAY".into()));
    assert_eq!(t.result.code, TransformCode::Code(EventCode::new("015")));
    assert_eq!(d.transformations[4].result.code, TransformCode::Inherit);

    // Lints: the real problems of the file.
    let w = lint_verbs(&d);
    assert_eq!(lint_count(&w, LintKind::BadCode), 1);
    assert!(has_lint(&w, 5787, LintKind::BadCode)); // [080!]
    assert_eq!(lint_count(&w, LintKind::UndefinedSynset), 2);
    assert!(has_lint(&w, 8443, LintKind::UndefinedSynset)); // &WEATHER
    assert!(has_lint(&w, 8444, LintKind::UndefinedSynset)); // &DEMONSTRATION
    assert_eq!(lint_count(&w, LintKind::AmbiguousSynsetReference), 2); // &FIGHT_CRIM, &FIGHT_GAMES
    assert_eq!(lint_count(&w, LintKind::EmptyPattern), 1);
    assert!(has_lint(&w, 860, LintKind::DuplicatePattern));
    assert_eq!(lint_count(&w, LintKind::UnknownTransformationVerb), 0);
}

#[test]
fn validation_verbs() {
    let (d, errors) = load_verbs(path("PETR.Validate.verbs.txt")).unwrap();
    assert!(errors.is_empty(), "{errors:#?}");
    assert_eq!(d.synsets.len(), 17);
    assert_eq!(d.blocks.len(), 261);
    assert_eq!(d.verbs().count(), 269);
    assert_eq!(d.patterns().count(), 474);
    assert!(d.transformations.is_empty());

    // Synsets interleaved with blocks, embedded synsets and blanks in members.
    let accord = d.synset("ACCORDSYN").unwrap();
    assert_eq!(accord.line, 68);
    assert!(matches!(&accord.members[0].items[0], PhraseItem::Synset(r) if r.name == "TIETYPES"));
    let phrases = d.synset_phrases("ACCORDSYN");
    assert!(phrases.contains(&vec!["ECONOMIC".to_string()]));
    assert!(phrases.contains(&vec!["AUSTRIAN".to_string(), "FLORIN".to_string()]));
    let neg = d.synset("NEGATVAUXVRB").unwrap();
    assert_eq!(
        neg.members[0].items,
        [PhraseItem::Word("DID".into()), PhraseItem::Word("N'T".into())]
    );

    // Verbs: `+` on the first word, on a later word, with codes.
    let verb = |line: usize| d.verbs().map(|(_, v)| v).find(|v| v.line == line).unwrap();
    assert_eq!(verb(59).phrase.to_string(), "+ABC_DEF_GHI");
    assert_eq!(verb(60).phrase.verb_word(), "RST");
    assert_eq!(verb(60).code.as_ref().unwrap().to_string(), "[002]");
    assert_eq!(
        verb(373).forms().iter().map(VerbPhrase::text).collect::<Vec<_>>(),
        ["WIRE TAP", "WIRE TAPPED", "WIRE TAPPING"]
    );
    assert!(!verb(688).phrase.marked); // LASH OUT
    let delay = d.blocks.iter().find(|b| b.description == "DELAY").unwrap();
    assert_eq!(delay.extra_codes.len(), 1);

    // TABARI-style joins.
    let pat = |line: usize| d.patterns().map(|(_, p)| p).find(|p| p.line == line).unwrap();
    assert_eq!(pat(86).to_string(), "- SO IN_AND_*_OUT_AGAIN NOW [074]");
    assert_eq!(pat(259).to_string(), "- + KNOWN_ * IN_ $ [076]");
    assert_eq!(pat(62).to_string(), "- * NEW_&TIETYPES_RELATIONS [903]");
    assert_eq!(pat(62).synset_refs()[0].name, "TIETYPES");
    // `[###]`: the `#` inside the brackets is not a comment.
    assert_eq!(pat(992).code.primary.as_ref().unwrap().kind(), EventCodeKind::Special);

    let w = lint_verbs(&d);
    assert!(has_lint(&w, 80, LintKind::BadCode)); // [075A]
    assert!(has_lint(&w, 447, LintKind::MultipleBlockCodes));
    assert!(has_lint(&w, 688, LintKind::UnmarkedMultiWordVerb));
    assert!(!w.iter().any(|w| w.kind == LintKind::UndefinedSynset));
}

// ---------------------------------------------------------------- actors

#[test]
fn countries_actors() {
    let (d, errors) = load_actors(path("Phoenix.Countries.actors.txt")).unwrap();
    // KNOWN DEFECTS: malformed dates in date restrictions (the records are kept,
    // the bad restrictions dropped), and a stray `]` in a synonym (dropped).
    let invalid = |s: &str| ErrorKind::InvalidDate(s.to_string());
    assert_eq!(
        lines_and_kinds(&errors),
        vec![
            (2039, invalid("`9008223` has 7 digits, expected YYMMDD or YYYYMMDD")),
            (15346, ErrorKind::Unmatched(']')), // +FAEROYENE]_
            (18010, invalid("`201005011` has 9 digits, expected YYMMDD or YYYYMMDD")),
            (22508, invalid("`1920030320` has 10 digits, expected YYMMDD or YYYYMMDD")),
            (22519, invalid("`1920030320` has 10 digits, expected YYMMDD or YYYYMMDD")),
            (31715, ErrorKind::InvalidRestriction), // [MNEGOV 20121204]: no operator
            (43613, invalid("`1920050709` has 10 digits, expected YYMMDD or YYYYMMDD")),
            (51384, ErrorKind::InvalidRestriction), // [USAGOV 19820101]: no operator
        ]
    );
    assert_eq!(d.entries.len(), 18390);
    assert_eq!(d.phrase_count(), 25916);
    let restricted =
        d.entries.iter().flat_map(|e| &e.codes).filter(|c| c.restriction.is_some()).count();
    assert_eq!(restricted, 26103);

    let afg = d.find("AFGHANISTAN").unwrap();
    assert_eq!(afg.default_code().unwrap().as_str(), "AFG");
    assert!(afg.synonyms.iter().any(|s| s.text == "KABUL_"));
    assert_eq!(d.find("KABUL").unwrap().line, afg.line);

    // MOHAMMAD_ZAHIR_SHAH_: [AFGELI 320101-331108] [AFGGOV 331108-730717] [AFGELI 730717-070723]
    let shah = d.find("MOHAMMAD ZAHIR SHAH").unwrap();
    let on = |d: &str| shah.resolve(date(d)).map(|c| c.as_str().to_string());
    assert_eq!(on("19320101").as_deref(), Some("AFGELI"));
    assert_eq!(on("19500101").as_deref(), Some("AFGGOV"));
    assert_eq!(on("19730717").as_deref(), Some("AFGGOV")); // both inclusive: the first wins
    assert_eq!(on("20000101").as_deref(), Some("AFGELI")); // 070723 is 2007
    assert_eq!(on("20100101"), None);

    let w = lint_actors(&d);
    assert!(has_lint(&w, 14190, LintKind::ReversedDateRange));
    assert!(has_lint(&w, 745, LintKind::SuspiciousCharacter)); // a stray control character
    assert!(has_lint(&w, 45980, LintKind::SuspiciousCharacter)); // `+TAIOAN_ +TAWIAN_`
    assert!(has_lint(&w, 51042, LintKind::LowercasePhrase));
    assert!(has_lint(&w, 11939, LintKind::NoCode));
}

#[test]
fn international_actors() {
    let (d, errors) = load_actors(path("Phoenix.International.actors.txt")).unwrap();
    // KNOWN DEFECTS: a 7-digit date, and three comments without `#`.
    assert_eq!(
        lines_and_kinds(&errors),
        vec![
            (
                40,
                ErrorKind::InvalidDate(
                    "`2004017` has 7 digits, expected YYMMDD or YYYYMMDD".into()
                )
            ),
            (3696, ErrorKind::TrailingText),
            (3726, ErrorKind::TrailingText),
            (6605, ErrorKind::TrailingText),
        ]
    );
    assert_eq!(d.entries.len(), 7841);
    assert_eq!(d.phrase_count(), 7907);
    // Several restricted codes on the primary line.
    let solana = d.find("JAVIER SOLANA").unwrap();
    assert_eq!(solana.codes.len(), 2);
    assert_eq!(solana.resolve(date("19950801")).unwrap().as_str(), "IGOEUREEC");
    assert_eq!(solana.resolve(date("19970101")).unwrap().as_str(), "IGOWSTNAT");
    assert_eq!(solana.resolve(date("20050101")), None);
    // A restricted code plus a default on the primary line.
    let annan = d.find("K_ANNAN_").unwrap();
    assert_eq!(annan.resolve(date("20000101")).unwrap().as_str(), "IGOUNO");
    assert_eq!(annan.resolve(date("20100101")).unwrap().as_str(), "ELI");
    // The record with the defective line still has its code.
    let belo = d.find("A.H._BELO_CORPORATION").unwrap();
    assert_eq!(belo.default_code().unwrap().as_str(), "MNCMED");
}

#[test]
fn milnonstate_actors() {
    let (d, errors) = load_actors(path("Phoenix.MilNonState.actors.txt")).unwrap();
    assert!(errors.is_empty(), "{errors:#?}");
    assert_eq!(d.entries.len(), 1021);
    assert_eq!(d.phrase_count(), 1793);
    let hamas = d.entries.iter().find(|e| e.codes.iter().any(|c| c.restriction.is_some())).unwrap();
    assert_eq!(hamas.codes[0].code.as_str(), "PSEREBHMS");
}

#[test]
fn validation_actors() {
    let (d, errors) = load_actors(path("PETR.Validate.actors.txt")).unwrap();
    assert!(errors.is_empty(), "{errors:#?}");
    assert_eq!(d.entries.len(), 128);
    assert_eq!(d.phrase_count(), 161);
    let on = |name: &str, d8: &str| {
        d.find(name).unwrap().resolve(date(d8)).map(|c| c.as_str().to_string())
    };

    // SAM_GAMGEE [HOB]: [HOBCIV <20080120] [ORCHOB 20100109-20100112] [HOBMIL 20080120-20121109]
    //                   [HOBGOV 20121109-20130119] [HOBELI >20130119]
    assert_eq!(on("SAM GAMGEE", "20080119").as_deref(), Some("HOBCIV"));
    assert_eq!(on("SAM GAMGEE", "20080120").as_deref(), Some("HOBCIV")); // inclusive, first wins
    assert_eq!(on("SAM GAMGEE", "20080121").as_deref(), Some("HOBMIL"));
    assert_eq!(on("SAM GAMGEE", "20100110").as_deref(), Some("ORCHOB")); // overrides the next one
    assert_eq!(on("SAM GAMGEE", "20121109").as_deref(), Some("HOBMIL"));
    assert_eq!(on("SAM GAMGEE", "20121110").as_deref(), Some("HOBGOV"));
    assert_eq!(on("SAM GAMGEE", "20130120").as_deref(), Some("HOBELI"));
    // HAMFAST GAMGEE [HOB] [HOBGOV 20121109-20130119]: the default outside the range.
    assert_eq!(on("HAMFAST GAMGEE", "20130101").as_deref(), Some("HOBGOV"));
    assert_eq!(on("HAMFAST GAMGEE", "20140101").as_deref(), Some("HOB"));
    // GOLLUM: blanks inside the restrictions, two- and four-digit years.
    assert_eq!(on("SMEAGOL", "19900101").as_deref(), Some("HOB"));
    assert_eq!(on("GOLLUM", "19970101").as_deref(), Some("HOBGOV"));
    assert_eq!(on("STINKER", "20000101").as_deref(), Some("HOBREB"));
    // A null code before a date, then a default line.
    assert_eq!(on("PRINCE OF DOL AMROTH", "19900101").as_deref(), Some("---"));
    assert_eq!(on("PRINCE OF DOL AMROTH", "19960101").as_deref(), Some("DOL"));
    // A restriction without a default.
    assert_eq!(on("ONODOHER", "19900101").as_deref(), Some("ONO"));
    assert_eq!(on("ONODOHER", "19950101"), None);
    assert_eq!(on("ZIMBABWE", "19700101").as_deref(), Some("RHO"));
    assert_eq!(on("ZIMBABWE", "19900101").as_deref(), Some("ZBW"));
    // Multiple codes and a code line after a synonym.
    let lorien = d.find("LORIEN").unwrap().default_code().unwrap();
    assert_eq!(lorien.alternatives().collect::<Vec<_>>(), ["ELR", "GAL"]);
    assert_eq!(on("INTERPOL", "20000101").as_deref(), Some("IGOCOPITP"));

    let w = lint_actors(&d);
    assert!(has_lint(&w, 32, LintKind::BadCode)); // [pse]
}

// ---------------------------------------------------------------- agents

#[test]
fn phoenix_agents() {
    let (d, errors) = load_agents(path("Phoenix.agents.txt")).unwrap();
    // KNOWN DEFECTS: `DEPARMENT_OF_ENVIRONMENT [~ENV}` and `ISLAMIC_EXTREMIST` without code.
    assert_eq!(
        lines_and_kinds(&errors),
        vec![
            (544, ErrorKind::MismatchedBracket { open: '[', close: '}' }),
            (1927, ErrorKind::MissingCode)
        ]
    );
    assert_eq!(d.substitutions.len(), 2);
    assert_eq!(
        d.substitution("MINIST").unwrap().items,
        ["MINISTER", "MINISTERS", "MINISTRY", "MINISTRIES"]
    );
    assert_eq!(d.entries.len(), 2243);
    let forms = |phrase: &str| {
        let e = d.entries.iter().find(|e| e.phrase == phrase).unwrap();
        d.forms(e).into_iter().map(|f| f.words.join(" ")).collect::<Vec<_>>()
    };
    assert_eq!(
        forms("HUSBAND!PERSON!"),
        ["HUSBANDMAN", "HUSBANDMEN", "HUSBANDWOMAN", "HUSBANDWOMEN", "HUSBANDPERSON"]
    );
    assert_eq!(forms("CHAMBER_OF_COMMERCE"), ["CHAMBER OF COMMERCE", "CHAMBERS OF COMMERCE"]);
    let prefixes = d.entries.iter().filter(|e| e.code.placement == AgentPlacement::Prefix).count();
    assert_eq!(prefixes, 3); // [IGO~]
    let total: usize = d.entries.iter().map(|e| d.forms(e).len()).sum();
    assert_eq!(total, 5224);
    let w = lint_agents(&d);
    assert_eq!(lint_count(&w, LintKind::UndefinedSubstitution), 0);
}

#[test]
fn validation_agents() {
    let (d, errors) = load_agents(path("PETR.Validate.agents.txt")).unwrap();
    assert!(errors.is_empty(), "{errors:#?}");
    assert_eq!(d.entries.len(), 88);
    let e = |phrase: &str| d.entries.iter().find(|e| e.phrase == phrase).unwrap();
    assert_eq!(e("GOLDEN_GOOSE").plurals, Plurals::Explicit(vec!["GOLDEN_GEESE".into()]));
    assert_eq!(e("POLICE").plurals, Plurals::None);
    assert_eq!(e("POLICE").code.code, "COP"); // `[ ~COP]`
    assert_eq!(e("HUMAN_RIGHTS_ORGANIZATION").code.placement, AgentPlacement::Prefix); // `[  NGO~]`
    let forms: Vec<String> =
        d.forms(e("CONGRESS")).into_iter().map(|f| f.words.join(" ")).collect();
    assert_eq!(forms, ["CONGRESS", "CONGRESSES"]);
    assert_eq!(d.forms(e("CONGRESS!PERSON!")).len(), 5);
    assert!(lint_agents(&d).is_empty());
}

// ---------------------------------------------------------------- discards

#[test]
fn discards() {
    let (d, errors) = load_discards(path("Phoenix.discards.txt")).unwrap();
    assert!(errors.is_empty(), "{errors:#?}");
    assert_eq!(d.entries.len(), 506);
    assert_eq!(d.story_level().count(), 64);
    assert_eq!(d.entries.iter().filter(|e| e.word_end).count(), 8);
    assert_eq!(d.entries[0].text, "1914");

    let (d, errors) = load_discards(path("PETR.Validate.discards.txt")).unwrap();
    assert!(errors.is_empty(), "{errors:#?}");
    assert_eq!(d.entries.len(), 9);
    assert_eq!(
        d.story_level().map(|e| e.text.as_str()).collect::<Vec<_>>(),
        ["World Golf Championships", "Manchester United", "TYPHOON", "ESPN2"]
    );
}

// ---------------------------------------------------------------- issues

#[test]
fn issues() {
    let (d, errors) = load_issues(path("Phoenix.IssueCoding.txt")).unwrap();
    // KNOWN DEFECTS: a second `</ISSUE>`, two entries run together on one line
    // (twice), a repeated code, and stray `*******`.
    assert_eq!(
        lines_and_kinds(&errors),
        vec![
            (481, ErrorKind::UnexpectedBlockEnd),
            (1198, ErrorKind::TrailingText),
            (2521, ErrorKind::TrailingText),
            (2889, ErrorKind::TrailingText),
            (3053, ErrorKind::TrailingText),
        ]
    );
    assert_eq!(d.blocks.len(), 52);
    assert!(d.blocks.iter().all(|b| b.category.is_some() && b.end_line.is_some()));
    assert_eq!(d.entries().count(), 2985);
    assert_eq!(d.ignores().count(), 181);
    assert_eq!(d.ignores().filter(|(_, i)| i.scope == IgnoreScope::Sentence).count(), 83);
    let (b, e) = d.entries().find(|(_, e)| e.line == 7).unwrap();
    assert_eq!(b.category.as_deref(), Some("EDUCATION"));
    assert_eq!(e.phrase.expansions(), ["pre school", "pre schools", "pre-school", "pre-schools"]);
    assert_eq!(e.code.as_deref(), Some("EARLY_CHILDHOOD_EDUCATION"));
    let (b, e) = d.entries().find(|(_, e)| e.line == 1219).unwrap();
    assert_eq!(b.code_of(e), Some("KIDNAP"));
    assert_eq!(e.phrase.expansions(), ["kidnap", "kidnaps", "kidnaped", "kidnaping"]);
    let w = lint_issues(&d);
    assert_eq!(lint_count(&w, LintKind::MissingIssueCode), 13);
}

// ---------------------------------------------------------------- speed

/// Prints (does not assert) how long parsing every Phoenix dictionary takes.
#[test]
fn print_parse_time() {
    let dir = reference_dir();
    let start = Instant::now();
    load_verbs(dir.join("CAMEO.2.0.txt")).unwrap();
    for f in [
        "Phoenix.Countries.actors.txt",
        "Phoenix.International.actors.txt",
        "Phoenix.MilNonState.actors.txt",
    ] {
        load_actors(dir.join(f)).unwrap();
    }
    load_agents(dir.join("Phoenix.agents.txt")).unwrap();
    load_discards(dir.join("Phoenix.discards.txt")).unwrap();
    load_issues(dir.join("Phoenix.IssueCoding.txt")).unwrap();
    let profile = if cfg!(debug_assertions) { "debug" } else { "release" };
    println!(
        "parsed all Phoenix dictionaries and CAMEO.2.0.txt in {:.1?} ({profile} build)",
        start.elapsed()
    );
}
