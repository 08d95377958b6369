//! English inflection: the surface forms a dictionary lemma can take.
//!
//! Dictionaries are written with lemmas (`occupy`, `sanction`); rather than
//! lemmatising every token of every sentence, each lemma is expanded once,
//! at load time, into the forms it can appear as. Overgeneration
//! ("visitted") is harmless: such forms never occur in text.

/// Irregular verb forms, keyed by lemma.
#[derive(Clone, Debug, Default)]
pub struct Irregulars {
    forms: crate::FastMap<String, Vec<String>>,
}

impl Irregulars {
    /// Parses the `irregular_verbs.tsv` table: a header line, then
    /// `lemma past past_participle third_person present_participle`, with
    /// `|` between alternative forms. Returns the table and the 1-based
    /// numbers of lines that could not be read.
    pub fn parse(text: &str) -> (Irregulars, Vec<usize>) {
        let mut forms: crate::FastMap<String, Vec<String>> = crate::FastMap::default();
        let mut bad = Vec::new();
        for (idx, line) in text.lines().enumerate().skip(1) {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let fields: Vec<&str> = line.split('\t').map(str::trim).collect();
            if fields.len() != 5 || fields[0].is_empty() {
                bad.push(idx + 1);
                continue;
            }
            let entry = forms.entry(fields[0].to_lowercase()).or_default();
            for field in &fields[1..] {
                for form in field.split('|').map(str::trim).filter(|f| !f.is_empty()) {
                    entry.push(form.to_lowercase());
                }
            }
        }
        (Irregulars { forms }, bad)
    }

    /// The irregular verbs of the embedded defaults (`irregular_verbs.tsv`).
    pub fn embedded() -> Irregulars {
        Irregulars::parse(include_str!("../data/irregular_verbs.tsv")).0
    }

    /// Every surface form of `lemma`: itself, regular verb and noun
    /// inflections, and any irregular forms.
    pub fn forms(&self, lemma: &str) -> Vec<String> {
        let mut out = vec![lemma.to_string()];
        out.extend(regular_forms(lemma));
        if let Some(irregular) = self.forms.get(lemma) {
            out.extend(irregular.iter().cloned());
        }
        out.sort();
        out.dedup();
        out
    }
}

fn is_vowel(c: u8) -> bool {
    matches!(c, b'a' | b'e' | b'i' | b'o' | b'u')
}

/// Regular `-s/-es/-ies`, `-ed/-d/-ied` and `-ing` forms, plus doubled-
/// consonant variants for words ending consonant–vowel–consonant.
fn regular_forms(lemma: &str) -> Vec<String> {
    let b = lemma.as_bytes();
    let n = b.len();
    if n < 2 || !lemma.is_ascii() {
        return vec![format!("{lemma}s")];
    }
    let last = b[n - 1];
    let prev = b[n - 2];
    let stem = &lemma[..n - 1];
    let mut out = Vec::with_capacity(6);
    if lemma.ends_with('s')
        || lemma.ends_with('x')
        || lemma.ends_with('z')
        || lemma.ends_with("ch")
        || lemma.ends_with("sh")
    {
        out.push(format!("{lemma}es"));
    } else if last == b'y' && !is_vowel(prev) {
        out.push(format!("{stem}ies"));
    } else if last == b'o' {
        out.push(format!("{lemma}es"));
        out.push(format!("{lemma}s"));
    } else {
        out.push(format!("{lemma}s"));
    }
    if last == b'e' {
        out.push(format!("{lemma}d"));
    } else if last == b'y' && !is_vowel(prev) {
        out.push(format!("{stem}ied"));
    } else {
        out.push(format!("{lemma}ed"));
    }
    if lemma.ends_with("ie") {
        out.push(format!("{}ying", &lemma[..n - 2]));
    } else if last == b'e' && prev != b'e' {
        out.push(format!("{stem}ing"));
    } else {
        out.push(format!("{lemma}ing"));
    }
    let cvc = n >= 3 && !is_vowel(last) && is_vowel(prev) && !is_vowel(b[n - 3]);
    if cvc && !matches!(last, b'w' | b'x' | b'y') {
        let c = last as char;
        out.push(format!("{lemma}{c}ed"));
        out.push(format!("{lemma}{c}ing"));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn regular_inflections() {
        let irr = Irregulars::default();
        let has = |lemma: &str, form: &str| irr.forms(lemma).iter().any(|f| f == form);
        assert!(
            has("occupy", "occupied") && has("occupy", "occupies") && has("occupy", "occupying")
        );
        assert!(
            has("attack", "attacked") && has("attack", "attacks") && has("attack", "attacking")
        );
        assert!(has("sanction", "sanctions"));
        assert!(has("negotiate", "negotiated") && has("negotiate", "negotiating"));
        assert!(has("ban", "banned") && has("ban", "banning"));
        assert!(has("press", "presses") && has("veto", "vetoes"));
    }

    #[test]
    fn irregular_table() {
        let table = "lemma\tpast\tpast_participle\tthird_person\tpresent_participle\n\
                     hold\theld\theld\tholds\tholding\nbad line\n";
        let (irr, bad) = Irregulars::parse(table);
        assert_eq!(bad, [3]);
        assert!(irr.forms("hold").iter().any(|f| f == "held"));
    }
}
