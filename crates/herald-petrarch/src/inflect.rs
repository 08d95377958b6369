//! Regular noun plurals and regular verb forms, as PETRARCH generates them.
//!
//! Both functions keep the case of the word: suffixes are upper case after
//! an upper-case last letter (the verb, actor and agent files) and lower
//! case after a lower-case one (the issues file).

/// The regular plural of `word`, following the PETRARCH format description:
/// a root ending in `Y` takes `IES` (`ARMY` → `ARMIES`), a root ending in
/// `SS` takes `ES` (`CONGRESS` → `CONGRESSES`), any other root takes `S`.
///
/// The rule is applied literally, as PETRARCH does: `ATTORNEY` gives
/// `ATTORNIES` and `BUS` gives `BUSS`; irregular or unusual plurals are
/// written out in the dictionaries.
pub fn regular_plural(word: &str) -> String {
    if word.is_empty() {
        return String::new();
    }
    let lower = is_lower(word);
    let suffix = |s: &str| if lower { s.to_ascii_lowercase() } else { s.to_string() };
    if ends_with_ci(word, "Y") {
        format!("{}{}", &word[..word.len() - 1], suffix("IES"))
    } else if ends_with_ci(word, "SS") {
        format!("{word}{}", suffix("ES"))
    } else {
        format!("{word}{}", suffix("S"))
    }
}

/// The regular `S`, `ED` and `ING` forms of the verb `verb`, in that order.
///
/// Spelling rules: `-S/-SH/-CH/-X/-Z` and consonant + `O` take `ES`;
/// consonant + `Y` becomes `IES`/`IED`; a final `E` takes `D` and is dropped
/// before `ING` (but `EE`, `OE` and `YE` keep it, and `IE` becomes `YING`).
/// Final consonants are never doubled: the dictionaries give forms such as
/// `EMBEDDED` explicitly in `{...}`.
pub fn regular_verb_forms(verb: &str) -> [String; 3] {
    if verb.is_empty() {
        return [String::new(), String::new(), String::new()];
    }
    let lower = is_lower(verb);
    let sx = |s: &str| if lower { s.to_ascii_lowercase() } else { s.to_string() };
    let last = verb.chars().last().unwrap_or(' ');
    let before_last = verb.chars().rev().nth(1);
    let consonant_before = before_last.is_some_and(|c| c.is_alphabetic() && !is_vowel(c));
    let stem_minus_one = &verb[..verb.len() - last.len_utf8()];

    let s_form = if ["S", "SH", "CH", "X", "Z"].iter().any(|e| ends_with_ci(verb, e))
        || (last.eq_ignore_ascii_case(&'O') && consonant_before)
    {
        format!("{verb}{}", sx("ES"))
    } else if last.eq_ignore_ascii_case(&'Y') && consonant_before {
        format!("{stem_minus_one}{}", sx("IES"))
    } else {
        format!("{verb}{}", sx("S"))
    };

    let ed_form = if last.eq_ignore_ascii_case(&'E') {
        format!("{verb}{}", sx("D"))
    } else if last.eq_ignore_ascii_case(&'Y') && consonant_before {
        format!("{stem_minus_one}{}", sx("IED"))
    } else {
        format!("{verb}{}", sx("ED"))
    };

    let ing_form = if ends_with_ci(verb, "IE") {
        let stem = &verb[..verb.len() - 2];
        format!("{stem}{}", sx("YING"))
    } else if ["EE", "OE", "YE"].iter().any(|e| ends_with_ci(verb, e))
        || (last.eq_ignore_ascii_case(&'E') && verb.chars().count() <= 2)
    {
        format!("{verb}{}", sx("ING"))
    } else if last.eq_ignore_ascii_case(&'E') {
        format!("{stem_minus_one}{}", sx("ING"))
    } else {
        format!("{verb}{}", sx("ING"))
    };
    [s_form, ed_form, ing_form]
}

fn is_vowel(c: char) -> bool {
    matches!(c.to_ascii_uppercase(), 'A' | 'E' | 'I' | 'O' | 'U')
}

fn is_lower(word: &str) -> bool {
    word.chars().rev().find(|c| c.is_alphabetic()).is_some_and(char::is_lowercase)
}

fn ends_with_ci(word: &str, suffix: &str) -> bool {
    word.len() >= suffix.len()
        && word.is_char_boundary(word.len() - suffix.len())
        && word[word.len() - suffix.len()..].eq_ignore_ascii_case(suffix)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plurals() {
        assert_eq!(regular_plural("ARMY"), "ARMIES");
        assert_eq!(regular_plural("CONGRESS"), "CONGRESSES");
        assert_eq!(regular_plural("MINISTER"), "MINISTERS");
        assert_eq!(regular_plural("school"), "schools");
        assert_eq!(regular_plural("atrocity"), "atrocities");
        assert_eq!(regular_plural(""), "");
        assert_eq!(regular_plural("Ğ"), "ĞS");
    }

    #[test]
    fn verbs() {
        let f = |v: &str| regular_verb_forms(v).to_vec();
        assert_eq!(f("ATTACK"), ["ATTACKS", "ATTACKED", "ATTACKING"]);
        assert_eq!(f("ACCELERATE"), ["ACCELERATES", "ACCELERATED", "ACCELERATING"]);
        assert_eq!(f("HURRY"), ["HURRIES", "HURRIED", "HURRYING"]);
        assert_eq!(f("DELAY"), ["DELAYS", "DELAYED", "DELAYING"]);
        assert_eq!(f("PUSH"), ["PUSHES", "PUSHED", "PUSHING"]);
        assert_eq!(f("FAX"), ["FAXES", "FAXED", "FAXING"]);
        assert_eq!(f("VETO"), ["VETOES", "VETOED", "VETOING"]);
        assert_eq!(f("AGREE"), ["AGREES", "AGREED", "AGREEING"]);
        assert_eq!(f("TIE"), ["TIES", "TIED", "TYING"]);
        // No consonant doubling: such forms are listed in `{...}` in the files.
        assert_eq!(f("TAP"), ["TAPS", "TAPED", "TAPING"]);
        assert_eq!(f("massacre"), ["massacres", "massacred", "massacring"]);
        assert_eq!(f("purge"), ["purges", "purged", "purging"]);
    }
}
