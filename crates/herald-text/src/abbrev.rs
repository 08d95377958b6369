//! Abbreviations that keep their final period.

/// Abbreviations that (almost) never end a sentence: titles and months are
/// followed by a name or a number.
const NON_FINAL: &[&str] = &[
    "mr", "mrs", "ms", "dr", "gen", "lt", "col", "maj", "capt", "cpt", "sgt", "adm", "gov", "sen",
    "rep", "rev", "prof", "st", "no", "nos", "vs", "cmdr", "brig", "gens", "amb", "pres", "messrs",
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "fr",
    "hon", "mt", "ft", "approx", "dept", "figs", "fig", "cf", "lt.col", "maj.gen", "gov.gen",
];

/// Abbreviations that may end a sentence.
const MAY_END: &[&str] =
    &["inc", "ltd", "co", "corp", "jr", "sr", "etc", "bros", "plc", "univ", "assn", "est", "al"];

/// Whether `word` (with its final period) is an abbreviation whose period
/// belongs to the token.
pub(crate) fn is_abbreviation(word: &str) -> bool {
    let Some(stem) = word.strip_suffix('.') else { return false };
    if stem.is_empty() {
        return false;
    }
    // Initials and dotted acronyms: "A.", "U.S.", "e.g.", "U.N.".
    if stem
        .split('.')
        .all(|part| part.chars().count() == 1 && part.chars().all(char::is_alphabetic))
    {
        return true;
    }
    let lower = stem.to_ascii_lowercase();
    NON_FINAL.contains(&lower.as_str()) || MAY_END.contains(&lower.as_str())
}

/// Whether an abbreviation token never ends a sentence.
pub(crate) fn is_non_final(word: &str) -> bool {
    let stem = word.strip_suffix('.').unwrap_or(word).to_ascii_lowercase();
    NON_FINAL.contains(&stem.as_str())
}

/// Words that typically open a sentence; after an abbreviation that may end
/// a sentence ("... in the U.S. The talks"), one of these signals a break.
pub(crate) fn is_sentence_starter(word: &str) -> bool {
    const STARTERS: &[&str] = &[
        "The",
        "A",
        "An",
        "He",
        "She",
        "It",
        "They",
        "We",
        "I",
        "In",
        "On",
        "But",
        "And",
        "This",
        "That",
        "These",
        "Those",
        "There",
        "His",
        "Her",
        "Its",
        "Their",
        "Meanwhile",
        "However",
        "At",
        "After",
        "Before",
        "When",
        "While",
        "As",
        "If",
        "Earlier",
        "Later",
        "Also",
        "Some",
        "Many",
        "Most",
        "Officials",
        "According",
    ];
    STARTERS.contains(&word)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recognises_abbreviations() {
        for w in ["U.S.", "Mr.", "Jan.", "e.g.", "A.", "Inc.", "Gen.", "U.N."] {
            assert!(is_abbreviation(w), "{w}");
        }
        for w in ["said.", ".", "5.", "Baku.", "U.S"] {
            assert!(!is_abbreviation(w), "{w}");
        }
        assert!(is_non_final("Mr."));
        assert!(!is_non_final("U.S."));
    }
}
