//! Pattern constructs that herald's embedded verbs do not use, on a small
//! dictionary of our own: `+` before the anchor, `^` skips, and codes
//! outside CAMEO; and what only verbs anchor in PETRARCH's conventions.

use herald_coder::{Coder, CoderConfig};
use herald_dict::{Dictionaries, Sources};

fn code(verbs: &str, text: &str) -> Vec<String> {
    code_with(CoderConfig::standard(), verbs, text)
}

fn code_with(config: CoderConfig, verbs: &str, text: &str) -> Vec<String> {
    let sources = Sources { verbs: Some(("verbs.txt", verbs)), ..Sources::embedded() };
    let dicts = Dictionaries::from_sources(sources).unwrap_or_else(|e| panic!("{e}"));
    Coder::new(dicts, config)
        .code(text)
        .events
        .iter()
        .map(|e| {
            let target = e.target.as_ref().map_or("-", |t| t.code.as_str());
            format!("{}>{} {}", e.source.code, target, e.code)
        })
        .collect()
}

#[test]
fn target_before_the_anchor() {
    let verbs = "071 + *receive money from $\n";
    assert_eq!(code(verbs, "Armenia received money from Russia."), ["RUS>ARM 071"]);
    // Without a `$`, there is no source.
    assert!(code("071 + *receive money\n", "Armenia received money.").is_empty());
}

#[test]
fn skip_passes_over_one_phrase() {
    let verbs = "044 *celebrate iftar in ^ +\n";
    let text = "Armenia celebrated iftar in Georgia with the leaders of Russia.";
    assert_eq!(code(verbs, text), ["ARM>RUSGOV 044"]);
    let text = "Armenia celebrated iftar in the old capital with Russia.";
    assert_eq!(code(verbs, text), ["ARM>RUS 044"]);
}

#[test]
fn user_defined_codes_are_coded() {
    let events = code("174K *expel +\n", "Armenia expelled Russian diplomats.");
    assert_eq!(events, ["ARM>RUSGOV 174K"]);
}

#[test]
fn target_between_words_before_the_anchor() {
    let verbs = "115 note + *regret\n";
    let text = "Russia noted that Georgia regretted the decision.";
    assert_eq!(code(verbs, text), ["RUS>GEO 115"]);
}

#[test]
fn skip_passes_over_a_determiner_and_its_actor() {
    let verbs = "162 *warn at ^ +\n";
    let text = "Armenia warned at the Georgian border of Russia.";
    assert_eq!(code(verbs, text), ["ARM>RUS 162"]);
}

#[test]
fn with_petrarch_conventions_only_verbs_anchor() {
    let verbs = "181 *march +\n192 *close border\n032 *visit +\n";
    let petrarch = |text| code_with(CoderConfig::petrarch(), verbs, text);
    assert_eq!(petrarch("Armenia marched very close to the border with Georgia."), ["ARM>GEO 181"]);
    let text = "Armenia marched on Georgia during a brief private visit to Russia.";
    assert_eq!(petrarch(text), ["ARM>GEO 181"]);
    assert_eq!(petrarch("Armenia will visit Georgia."), ["ARM>GEO 032"]);
}

#[test]
fn a_word_joined_to_the_anchor_must_stand_right_before_it() {
    let verbs = "080 *allow\n025 recently_ *allow\n";
    let text = "Russia recently allowed Georgia to trade.";
    assert_eq!(code(verbs, text), ["RUS>GEO 025"]);
    let text = "Russia recently did allow Georgia to trade.";
    assert_eq!(code(verbs, text), ["RUS>GEO 080"]);
}
