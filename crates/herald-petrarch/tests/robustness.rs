//! Property tests (the parsers never panic, and every error position lies
//! within the input) and pathological inputs (huge lines, deep nesting).

use herald_petrarch::*;
use proptest::collection::vec;
use proptest::prelude::*;
use proptest::sample::{select, Index};

/// Checks that every error points inside `text`.
fn check_positions(text: &str, errors: &[DictError]) -> Result<(), TestCaseError> {
    let body = text.strip_prefix('\u{feff}').unwrap_or(text);
    let lines: Vec<&str> = body.split('\n').collect();
    for e in errors {
        prop_assert!(e.line >= 1 && e.line <= lines.len(), "line out of range: {:?}", e);
        let line = lines[e.line - 1];
        let line = line.strip_suffix('\r').unwrap_or(line);
        prop_assert!(
            e.column >= 1 && e.column <= line.chars().count() + 1,
            "column out of range: {:?}",
            e
        );
        prop_assert!(!e.to_string().is_empty());
    }
    prop_assert!(
        errors.windows(2).all(|w| (w[0].line, w[0].column) <= (w[1].line, w[1].column)),
        "errors are sorted"
    );
    Ok(())
}

/// Parses `text` as every kind of dictionary, lints it and exercises the ASTs.
fn exercise(text: &str) -> Result<(), TestCaseError> {
    let dates = [Date::from_ymd(1950, 1, 1).unwrap(), Date::from_ymd(2030, 12, 31).unwrap()];

    let (v, e) = parse_verbs("p", text);
    check_positions(text, &e)?;
    let _ = lint_verbs(&v);
    for s in &v.synsets {
        prop_assert!(v.synset_phrases(&s.name).len() <= MAX_EXPANSIONS);
    }
    for (b, verb) in v.verbs() {
        prop_assert!(!verb.forms().is_empty());
        let _ = b.code_of(verb).to_string();
    }
    for (_, p) in v.patterns() {
        prop_assert_eq!(p.items.iter().filter(|i| i.is_verb()).count(), 1);
        prop_assert_eq!(p.pre_verb().len() + p.post_verb().len() + 1, p.items.len());
        let _ = p.to_string();
    }

    let (a, e) = parse_actors("p", text);
    check_positions(text, &e)?;
    let _ = lint_actors(&a);
    for entry in &a.entries {
        for d in dates {
            let _ = entry.resolve(d);
        }
    }

    let (g, e) = parse_agents("p", text);
    check_positions(text, &e)?;
    let _ = lint_agents(&g);
    for entry in &g.entries {
        prop_assert!(g.forms(entry).len() <= MAX_EXPANSIONS);
    }

    let (d, e) = parse_discards("p", text);
    check_positions(text, &e)?;
    let _ = lint_discards(&d);

    let (i, e) = parse_issues("p", text);
    check_positions(text, &e)?;
    let _ = lint_issues(&i);
    for (_, entry) in i.entries() {
        prop_assert!(entry.phrase.expansions().len() <= MAX_EXPANSIONS);
    }
    Ok(())
}

/// Fragments of the dictionary syntaxes, to reach deep into the parsers.
const TOKENS: &[&str] = &[
    "\n",
    "\n",
    "\n",
    "\r\n",
    "\t",
    " ",
    " ",
    "  ",
    "A",
    "B",
    "WORD",
    "é",
    "\u{1a}",
    "_",
    "__",
    "+",
    "-",
    "---",
    "- ",
    "*",
    "$",
    "%",
    "^",
    "&",
    "&S",
    "&S_",
    "(",
    ")",
    "{",
    "}",
    "[",
    "]",
    "[010]",
    "[---]",
    "[04:05]",
    "[:1]",
    "[~GOV]",
    "[NGO~]",
    "[X <991231]",
    "[X >20000101]",
    "[X 19990101-20001231]",
    "<",
    ">",
    "19990101",
    "991231",
    "=",
    "!",
    "!P!",
    "!P! = A, B",
    ",",
    ":",
    "n:",
    "v:",
    "~",
    "~~",
    "#",
    ";",
    "<!--",
    "-->",
    "<!",
    "<ISSUE CATEGORY=\"X\">",
    "</ISSUE>",
    "<ISSUE",
    "\"",
    "~ a (a b ATTACK) SAY = a b 015",
    "Q",
    ".",
    "a",
    "b",
];

const FIXTURES: &[&str] = &[
    include_str!("data/verbs.txt"),
    include_str!("data/actors.txt"),
    include_str!("data/agents.txt"),
    include_str!("data/discards.txt"),
    include_str!("data/issues.txt"),
    include_str!("data/verbs_bad.txt"),
    include_str!("data/actors_bad.txt"),
    include_str!("data/agents_bad.txt"),
    include_str!("data/issues_bad.txt"),
];

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_text_never_panics(text in any::<String>()) {
        exercise(&text)?;
    }

    #[test]
    fn dictionary_like_text_never_panics(parts in vec(select(TOKENS), 0..300)) {
        exercise(&parts.concat())?;
    }

    #[test]
    fn mutated_fixtures_never_panic(
        which in 0..FIXTURES.len(),
        edits in vec((any::<Index>(), select(TOKENS), 0usize..3), 1..8),
    ) {
        let mut text = FIXTURES[which].to_string();
        for (at, token, cut) in edits {
            let mut pos = at.index(text.len() + 1);
            while !text.is_char_boundary(pos) {
                pos -= 1;
            }
            let mut end = (pos + cut).min(text.len());
            while !text.is_char_boundary(end) {
                end += 1;
            }
            text.replace_range(pos..end, token);
        }
        exercise(&text)?;
    }

    #[test]
    fn arbitrary_bytes_load_without_panic(bytes in vec(any::<u8>(), 0..400)) {
        let dir = std::env::temp_dir().join(format!("herald-petrarch-prop-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("bytes.txt");
        std::fs::write(&path, &bytes).unwrap();
        match load_verbs(&path) {
            Ok((_, errors)) => check_positions(std::str::from_utf8(&bytes).unwrap(), &errors)?,
            Err(e) => {
                prop_assert_eq!(e.kind.clone(), ErrorKind::InvalidUtf8);
                let valid = match std::str::from_utf8(&bytes) {
                    Ok(_) => unreachable!("valid UTF-8 must load"),
                    Err(u) => u.valid_up_to(),
                };
                let prefix = std::str::from_utf8(&bytes[..valid]).unwrap();
                prop_assert_eq!(e.line, prefix.matches('\n').count() + 1);
            }
        }
        let _ = load_actors(&path);
        let _ = load_agents(&path);
        let _ = load_discards(&path);
        let _ = load_issues(&path);
    }

    #[test]
    fn dates_round_trip(y in 1000u16..=9999, m in 1u8..=12, d in 1u8..=31) {
        match Date::from_ymd(y, m, d) {
            Some(date) => prop_assert_eq!(Date::parse(&date.to_string()), Ok(date)),
            None => {
                let text = format!("{y:04}{m:02}{d:02}");
                prop_assert!(Date::parse(&text).is_err());
            }
        }
    }

    #[test]
    fn inflection_never_panics(word in any::<String>()) {
        let p = regular_plural(&word);
        prop_assert!(p.len() >= word.len());
        for f in regular_verb_forms(&word) {
            prop_assert!(f.len() + 2 >= word.len());
        }
    }
}

// Huge lines, deep nesting and explosive expansions finish quickly. Each
// case is its own test so that they run in parallel.

/// Long enough to expose quadratic work and recursion without a depth limit.
const N: usize = 200_000;

/// Asserts that `f` finishes well within what a linear pass needs.
fn quickly(what: &str, f: impl FnOnce()) {
    let start = std::time::Instant::now();
    f();
    let elapsed = start.elapsed();
    assert!(elapsed.as_secs() < 30, "{what} took {elapsed:?}");
}

#[test]
fn many_errors_on_one_long_line() {
    quickly("long lines", || {
        let text = format!("ACTOR\n\t{}\n", "[]".repeat(N));
        let (_, errors) = parse_actors("p", &text);
        assert_eq!(errors.len(), N);
        assert_eq!(errors.last().unwrap().column, 2 * N);
        let text = format!("ACTOR\n\t[É]{}\n", "[]".repeat(N));
        let (_, errors) = parse_actors("p", &text);
        assert_eq!(errors.len(), N);
        assert_eq!(errors.last().unwrap().column, 2 * N + 3);
    });
}

#[test]
fn unbalanced_and_deeply_nested_brackets() {
    quickly("nesting", || {
        // Every bracket kind, opened and closed, in one input read as every kind.
        let body = ["(", ")", "{", "}", "[", "]"].map(|b| b.repeat(N / 6)).concat();
        let text = format!("--- A ---\nGO\n- * {body} [010]\n~ a {body} SAY = a b 1\n{body}\n");
        for (errors, what) in [
            (parse_verbs("p", &text).1, "verbs"),
            (parse_actors("p", &text).1, "actors"),
            (parse_agents("p", &text).1, "agents"),
            (parse_issues("p", &text).1, "issues"),
        ] {
            assert!(!errors.is_empty(), "{what}");
        }
        let deep = format!("--- A ---\nGO\n- * {} [010]\n", "(".repeat(N));
        assert!(!parse_verbs("p", &deep).1.is_empty());
    });
}

#[test]
fn long_synset_references_and_chains() {
    quickly("synsets", || {
        let text = format!(
            "&S\n+X\n--- A ---\nGO\n- * &{} [010]\n- * {} [010]\n",
            "S_".repeat(N),
            "A_".repeat(N)
        );
        let (v, errors) = parse_verbs("p", &text);
        assert!(errors.is_empty());
        let _ = lint_verbs(&v);
        let mut chain = String::from("&S0\n+X\n");
        for i in 1..5_000 {
            chain.push_str(&format!("&S{i}\n+&S{}\n+&S{}\n", i - 1, i - 1));
        }
        let (v, errors) = parse_verbs("p", &chain);
        assert!(errors.is_empty());
        assert!(v.synset_phrases("S4999").len() <= MAX_EXPANSIONS);
        let _ = lint_verbs(&v);
    });
}

#[test]
fn explosive_expansions() {
    // 2^20 and 3^20 combinations are capped at MAX_EXPANSIONS (and linted).
    let text = format!("{} [X]\n", "a+".repeat(20));
    let (i, _) = parse_issues("p", &text);
    assert_eq!(i.blocks[0].entries[0].phrase.expansions().len(), MAX_EXPANSIONS);
    let _ = lint_issues(&i);
    let text = format!("!P! = A, B, C\n{}[~X]\n", "!P!".repeat(20));
    let (g, errors) = parse_agents("p", &text);
    assert!(errors.is_empty());
    assert_eq!(g.forms(&g.entries[0]).len(), MAX_EXPANSIONS);
    assert!(!lint_agents(&g).is_empty());
}

#[test]
fn huge_expansions_stay_within_the_byte_budget() {
    // Without a budget that shrinks with the phrase, these would be
    // MAX_EXPANSIONS copies of a 400 KB phrase each.
    quickly("huge expansions", || {
        let text = format!("{} [X]\n", "a+".repeat(N));
        let (i, _) = parse_issues("p", &text);
        let bytes: usize = i.blocks[0].entries[0].phrase.expansions().iter().map(String::len).sum();
        assert!(bytes > 0 && bytes <= 8 << 20, "{bytes} bytes");
        let text = format!("!P! = A, B, C\n{}[~X]\n", "!P!".repeat(N));
        let (g, errors) = parse_agents("p", &text);
        assert!(errors.is_empty());
        let words: usize = g.forms(&g.entries[0]).iter().map(|f| f.words.len()).sum();
        assert!(words > 0 && words <= 8 << 20, "{words} words");
    });
}

#[test]
fn very_many_lines() {
    quickly("many lines", || {
        let text = "+SYN\n".repeat(N);
        assert_eq!(parse_actors("p", &text).1.len(), N);
    });
}
