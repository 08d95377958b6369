//! Property tests: every analysis is one well-formed tree, and corrupt model
//! bytes are rejected with an error, never a panic.

use std::sync::OnceLock;

use herald_nlp::parser::{Kind, LabelRule, Parser, N_LABELS, N_MOVES};
use herald_nlp::tagger::Tagger;
use herald_nlp::{Analysis, Dep, LemmaTables, Lemmatizer, Model, Tag, Weights};
use proptest::prelude::*;

fn model() -> &'static Model {
    static MODEL: OnceLock<Model> = OnceLock::new();
    MODEL.get_or_init(Model::embedded)
}

/// Checks the tree invariants; returns a description of the first violation.
fn check_tree(n: usize, a: &Analysis) -> Result<(), String> {
    if [a.tags.len(), a.lemmas.len(), a.heads.len(), a.labels.len()] != [n; 4] {
        return Err("one tag, lemma, head and label per token".into());
    }
    let roots = a.heads.iter().filter(|h| h.is_none()).count();
    if roots != usize::from(n > 0) {
        return Err(format!("{roots} roots"));
    }
    for (i, (h, l)) in a.heads.iter().zip(&a.labels).enumerate() {
        if h.is_none() != (*l == Dep::Root) {
            return Err(format!("token {i}: label {l} with head {h:?}"));
        }
        if h.is_some_and(|h| h >= n || h == i) {
            return Err(format!("token {i}: bad head {h:?}"));
        }
        // Following heads must reach the root within n steps (no cycles, one component).
        let mut k = i;
        for _ in 0..=n {
            match a.heads[k] {
                Some(h) => k = h,
                None => break,
            }
        }
        if a.heads[k].is_some() {
            return Err(format!("token {i} is on a cycle"));
        }
    }
    Ok(())
}

fn token() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => prop::sample::select(vec![
            "the", "The", "rebels", "attacked", "said", ",", ".", "of", "in", "Kabul", "'s",
            "n't", "\"", "(", ")", "--", "-", "and", "who", "were", "killed", "2003", "U.S.",
        ])
        .prop_map(String::from),
        1 => "\\PC{1,12}",
        1 => "[\u{0600}-\u{06ff}\u{4e00}-\u{4e20}\u{1f600}-\u{1f610}\u{0300}-\u{0310}]{1,4}",
        1 => ".{0,3}",
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(32))]

    #[test]
    fn any_tokens_give_one_tree(tokens in prop::collection::vec(token(), 0..300)) {
        let toks: Vec<&str> = tokens.iter().map(String::as_str).collect();
        let a = model().analyze(&toks);
        prop_assert_eq!(check_tree(toks.len(), &a), Ok(()));
        prop_assert_eq!(a.lemmas.len(), toks.len());
        // Without lemmas, the same analysis.
        let syntax = model().tag_and_parse(&toks);
        prop_assert_eq!(syntax, herald_nlp::Analysis { lemmas: Vec::new(), ..a });
    }

    #[test]
    fn mutated_model_bytes_never_panic(
        edits in prop::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..8),
    ) {
        let mut bytes = tiny_model().to_bytes();
        for (at, b) in &edits {
            let i = at.index(bytes.len());
            bytes[i] = *b;
        }
        if let Ok(m) = Model::from_bytes(&bytes) {
            let toks = ["Troops", "attacked", "the", "town", "."];
            prop_assert_eq!(check_tree(toks.len(), &m.analyze(&toks)), Ok(()));
        }
    }
}

#[test]
fn long_sentences_give_one_tree() {
    let words =
        ["Officials", "said", "that", "the", "troops", "who", "attacked", "Kabul", ",", "and"];
    let toks: Vec<&str> = words.iter().cycle().take(300).copied().collect();
    assert_eq!(check_tree(300, &model().analyze(&toks)), Ok(()));
}

/// A small model built from hand-made parts, so every truncation can be tried quickly.
fn tiny_model() -> Model {
    let tag_rows = (0..40u64)
        .map(|i| (i.wrapping_mul(0x9E37_79B9_7F4A_7C15), vec![((i % 50) as u16, 1.0 + i as f32)]));
    let tagger =
        Tagger::new(vec![(17, Tag::Dt)], Weights::from_rows(Tag::ALL.len(), tag_rows).unwrap())
            .unwrap();
    let rows = |n: usize| {
        (0..40u64).map(move |i| {
            (
                i.wrapping_mul(0xC2B2_AE3D_27D4_EB4F),
                vec![((i as usize % n) as u16, -2.0 + i as f32)],
            )
        })
    };
    let parser = Parser::new(
        Weights::from_rows(N_MOVES, rows(N_MOVES)).unwrap(),
        Weights::from_rows(N_LABELS, rows(N_LABELS)).unwrap(),
    )
    .unwrap()
    .with_label_dict([None, Some(12345)].map(|word| LabelRule {
        kind: Kind::Right,
        head: Tag::In,
        dependent: Tag::Nn,
        word,
        label: Dep::Pobj,
    }))
    .unwrap();
    let mut tables = LemmaTables::default();
    tables.rules[0] = vec![("s".into(), "".into())];
    tables.index[0] = vec!["troop".into()];
    tables.exceptions[1] = vec![("was".into(), vec!["be".into()])];
    tables.overrides = vec![("'s".into(), Tag::Vbz, "be".into())];
    Model::from_parts(tagger, Lemmatizer::new(&tables), parser)
}

#[test]
fn every_truncation_is_an_error() {
    let bytes = tiny_model().to_bytes();
    assert!(Model::from_bytes(&bytes).is_ok());
    for cut in 0..bytes.len() {
        assert!(Model::from_bytes(&bytes[..cut]).is_err(), "prefix of {cut} bytes loaded");
    }
    let mut longer = bytes.clone();
    longer.push(0);
    assert!(Model::from_bytes(&longer).is_err());
}

#[test]
fn truncated_embedded_model_is_an_error() {
    let bytes: &[u8] = include_bytes!("../model/en.hnm");
    for cut in [0, 3, 8, 100, bytes.len() / 2, bytes.len() - 1] {
        assert!(Model::from_bytes(&bytes[..cut]).is_err(), "prefix of {cut} bytes loaded");
    }
}
