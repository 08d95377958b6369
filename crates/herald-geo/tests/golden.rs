//! Runs the place-mention cases of `tests/golden/places.txt`.

use std::fmt::Write;

use herald_geo::{normalize, Context, Gazetteer, MentionKind};

/// One case's mentions, in the file's notation.
fn describe(g: &Gazetteer, sentence: &str, context: &[&str]) -> Vec<String> {
    let mut ctx = Context::new();
    for line in context {
        if let Some(codes) = line.strip_prefix("countries:") {
            for code in codes.split_whitespace() {
                ctx.add_country(herald_geo::Iso3::new(code).expect("ISO3 code"));
            }
        } else if let Some(name) = line.strip_prefix("dateline:") {
            let place = g.resolve(g.lookup(name.trim()), &Context::new()).expect("dateline place");
            let place = place.place;
            ctx.set_dateline(Some(place), g.place(place).unwrap().country);
        } else {
            panic!("unknown context line {line:?}");
        }
    }
    let spans = herald_text::tokenize(sentence);
    let tokens: Vec<&str> = spans.iter().map(|s| &sentence[s.start..s.end]).collect();
    let lower: Vec<String> = tokens.iter().map(|t| normalize(t)).collect();
    let mentions = g.find_mentions(&tokens, &lower);
    if mentions.is_empty() {
        return vec!["none".to_string()];
    }
    mentions
        .iter()
        .map(|m| {
            let mut out = tokens[m.start..m.end].join(" ");
            match g.resolve_mention(m, &ctx) {
                None => out.push_str(" | none"),
                Some(r) => {
                    let p = g.place(r.place).unwrap();
                    let _ = write!(
                        out,
                        " | {} | {} | {} | {}",
                        p.name,
                        p.country,
                        p.kind.as_str(),
                        r.how.as_str()
                    );
                }
            }
            if let Some(q) = m.qualifier {
                let _ = write!(
                    out,
                    " | {}{}",
                    q.direction.as_str(),
                    if q.outside { " of" } else { "" }
                );
            }
            if matches!(m.kind, MentionKind::Capital { .. }) {
                assert!(m.candidates.len() <= 1);
            }
            out
        })
        .collect()
}

#[test]
fn golden_place_mentions() {
    let g = Gazetteer::embedded();
    let file = include_str!("golden/places.txt");
    let mut failures = String::new();
    let mut cases = 0;
    let mut lines = file.lines().enumerate().peekable();
    while let Some((n, line)) = lines.next() {
        let Some(sentence) = line.strip_prefix("> ") else {
            assert!(line.is_empty() || line.starts_with('#'), "line {}: {line:?}", n + 1);
            continue;
        };
        let mut context = Vec::new();
        let mut expected = Vec::new();
        while let Some((_, l)) = lines.next_if(|(_, l)| !l.is_empty() && !l.starts_with('>')) {
            match l.strip_prefix("= ") {
                Some(e) => expected.push(e.to_string()),
                None => context.push(l),
            }
        }
        let got = describe(&g, sentence, &context);
        if got != expected {
            let _ = writeln!(
                failures,
                "line {}: {sentence}\n  expected {expected:#?}\n  got {got:#?}",
                n + 1
            );
        }
        cases += 1;
    }
    assert!(cases >= 40, "{cases} cases");
    assert!(failures.is_empty(), "{failures}");
}
