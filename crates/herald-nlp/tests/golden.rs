//! Golden analyses: hand-checked sentences in `tests/golden/sentences.toml`,
//! and a smoke test that the embedded model loads and analyses a known
//! sentence exactly.

use std::path::Path;

use herald_nlp::{Analysis, Dep, Model, Tag};
use serde::Deserialize;

#[derive(Deserialize)]
struct File {
    case: Vec<Case>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    tokens: String,
    tags: String,
    heads: Option<String>,
    labels: Option<String>,
    lemmas: Option<String>,
}

fn render(a: &Analysis) -> [String; 4] {
    let join = |v: Vec<String>| v.join(" ");
    [
        join(a.tags.iter().map(|t| t.to_string()).collect()),
        join(a.heads.iter().map(|h| h.map_or(0, |h| h + 1).to_string()).collect()),
        join(a.labels.iter().map(|l| l.to_string()).collect()),
        a.lemmas.join(" "),
    ]
}

/// Collapses runs of spaces so the data file may align its columns.
fn norm(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn golden_sentences() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden/sentences.toml");
    let text = std::fs::read_to_string(&path).unwrap();
    let file: File = toml::from_str(&text).unwrap();
    assert!(file.case.len() >= 15);
    let model = Model::embedded();
    let mut failures = Vec::new();
    for case in &file.case {
        let tokens: Vec<&str> = case.tokens.split_whitespace().collect();
        let got = render(&model.analyze(&tokens));
        let want =
            [Some(&case.tags), case.heads.as_ref(), case.labels.as_ref(), case.lemmas.as_ref()];
        for ((name, want), got) in ["tags", "heads", "labels", "lemmas"].iter().zip(want).zip(&got)
        {
            if let Some(want) = want {
                if norm(want) != *got {
                    failures.push(format!(
                        "{}\n  {name} want: {}\n  {name} got:  {got}",
                        case.tokens,
                        norm(want)
                    ));
                }
            }
        }
    }
    assert!(failures.is_empty(), "{} golden mismatches:\n{}", failures.len(), failures.join("\n"));
}

#[test]
fn embedded_model_analyses_a_known_sentence() {
    let model = Model::embedded();
    let a = model.analyze(&["Rebels", "attacked", "the", "town", "."]);
    assert_eq!(a.tags, [Tag::Nns, Tag::Vbd, Tag::Dt, Tag::Nn, Tag::Period]);
    assert_eq!(a.heads, [Some(1), None, Some(3), Some(1), Some(1)]);
    assert_eq!(a.labels, [Dep::Nsubj, Dep::Root, Dep::Det, Dep::Dobj, Dep::Punct]);
    assert_eq!(a.lemmas, ["rebel", "attack", "the", "town", "."]);
    assert_eq!(model.analyze(&[]), Analysis::default());
}
