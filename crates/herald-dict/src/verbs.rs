//! Verb patterns in herald's own format (see `docs/dictionaries.md`).
//!
//! ```text
//! 190  *occupy +
//! 112  *accuse + of
//! 036  express intent to *meet|talk +
//! 190  *aggression of|by $ against +
//! ```

use std::collections::HashMap;

use herald_core::EventCode;

use crate::error::DictError;
use crate::inflect::Irregulars;
use crate::normalize;

/// Index of a lemma in a [`VerbDictionary`].
pub type LemmaId = u32;

/// Alternatives for one pattern position; each alternative is a sequence
/// of lemmas matched on consecutive tokens (`cease-fire` is `cease`, `-`, `fire`).
pub type Alternatives = Vec<Vec<LemmaId>>;

/// One position of a pattern after its anchor.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PatternItem {
    /// One of these word sequences.
    Words(Alternatives),
    /// The target actor comes next.
    Target,
    /// The source actor comes next.
    Source,
}

/// A compiled verb pattern.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VerbPattern {
    /// The event code the pattern assigns.
    pub code: EventCode,
    /// Words that must come just before the anchor, in order.
    pub before: Vec<Alternatives>,
    /// The anchor (verb or event noun); indexed by the first lemma of each alternative.
    pub anchor: Alternatives,
    /// What must follow the anchor, in order.
    pub after: Vec<PatternItem>,
    /// The pattern as written, for provenance in output.
    pub text: String,
    /// Where it was written: file and 1-based line.
    pub origin: (String, usize),
}

impl VerbPattern {
    /// How specific the pattern is: two points per required word, one per
    /// actor slot, so "send humanitarian aid to +" beats "send aid to +" and
    /// "deploy troop" beats "deploy +".
    pub fn weight(&self) -> usize {
        let words = self.before.len()
            + self.after.iter().filter(|i| matches!(i, PatternItem::Words(_))).count();
        2 * words + (self.after.len() + self.before.len() - words)
    }

    /// Whether the pattern names its target position explicitly.
    pub fn has_target_slot(&self) -> bool {
        self.after.contains(&PatternItem::Target)
    }
}

/// Verb patterns indexed by anchor lemma, with the surface forms of every lemma.
#[derive(Clone, Debug, Default)]
pub struct VerbDictionary {
    lemmas: Vec<String>,
    lemma_ids: HashMap<String, LemmaId>,
    forms: HashMap<String, Vec<LemmaId>>,
    patterns: Vec<VerbPattern>,
    by_anchor: HashMap<LemmaId, Vec<u32>>,
}

impl VerbDictionary {
    /// Parses herald-format verb patterns from `text`, adding them to the
    /// dictionary. Problems are pushed to `errors`; good lines still load.
    pub fn load(
        &mut self,
        file: &str,
        text: &str,
        irregulars: &Irregulars,
        errors: &mut Vec<DictError>,
    ) {
        for (idx, raw) in text.lines().enumerate() {
            let line_no = idx + 1;
            let line = raw.split('#').next().unwrap_or("");
            if line.trim().is_empty() {
                continue;
            }
            match self.parse_line(file, line_no, line, irregulars) {
                Ok(pattern) => {
                    let id = self.patterns.len() as u32;
                    for alt in &pattern.anchor {
                        let ids = self.by_anchor.entry(alt[0]).or_default();
                        if !ids.contains(&id) {
                            ids.push(id);
                        }
                    }
                    self.patterns.push(pattern);
                }
                Err(e) => errors.push(e),
            }
        }
    }

    fn parse_line(
        &mut self,
        file: &str,
        line_no: usize,
        line: &str,
        irregulars: &Irregulars,
    ) -> Result<VerbPattern, DictError> {
        let err = |column: usize, message: String| DictError {
            file: file.to_string(),
            line: line_no,
            column,
            message,
        };
        let mut words = items_with_columns(line);
        let Some((code_col, code_text)) = words.next() else {
            return Err(err(1, "empty pattern".to_string()));
        };
        let code = EventCode::parse(code_text)
            .ok_or_else(|| err(code_col, format!("{code_text:?} is not a CAMEO event code")))?;
        let items: Vec<(usize, &str)> = words.collect();
        if items.is_empty() {
            return Err(err(code_col + code_text.len(), "pattern has no words".to_string()));
        }
        let stars = items.iter().filter(|(_, w)| w.starts_with('*')).count();
        if stars > 1 {
            return Err(err(items[0].0, "more than one `*` anchor".to_string()));
        }
        let anchor_idx = items.iter().position(|(_, w)| w.starts_with('*')).unwrap_or(0);
        let mut before = Vec::new();
        let mut anchor = Vec::new();
        let mut after = Vec::new();
        for (i, &(col, raw)) in items.iter().enumerate() {
            let word = raw.trim_start_matches('*');
            match word {
                "+" | "$" if i <= anchor_idx => {
                    return Err(err(col, format!("`{word}` must come after the anchor")));
                }
                "+" => after.push(PatternItem::Target),
                "$" => after.push(PatternItem::Source),
                _ => {
                    let bad = word
                        .chars()
                        .find(|c| !(c.is_alphanumeric() || matches!(c, '-' | '\'' | '|' | '.')));
                    if let Some(c) = bad {
                        return Err(err(col, format!("unexpected character {c:?} in {raw:?}")));
                    }
                    // A hyphenated word is several tokens ("cease-fire" → cease - fire).
                    let mut alternatives: Alternatives = Vec::new();
                    for alt in word.split('|').filter(|a| !a.is_empty()) {
                        let seq: Vec<LemmaId> = herald_text::tokenize(alt)
                            .iter()
                            .map(|s| normalize(s.slice(alt)))
                            .collect::<Vec<_>>()
                            .iter()
                            .map(|w| self.intern(w, irregulars))
                            .collect();
                        alternatives.push(seq);
                    }
                    if alternatives.is_empty() {
                        return Err(err(col, format!("empty word in {raw:?}")));
                    }
                    match i.cmp(&anchor_idx) {
                        std::cmp::Ordering::Less => before.push(alternatives),
                        std::cmp::Ordering::Equal => anchor = alternatives,
                        std::cmp::Ordering::Greater => after.push(PatternItem::Words(alternatives)),
                    }
                }
            }
        }
        if anchor.is_empty() {
            return Err(err(items[anchor_idx].0, "the anchor must be a word".to_string()));
        }
        Ok(VerbPattern {
            code,
            before,
            anchor,
            after,
            text: items.iter().map(|(_, w)| *w).collect::<Vec<_>>().join(" "),
            origin: (file.to_string(), line_no),
        })
    }

    fn intern(&mut self, lemma: &str, irregulars: &Irregulars) -> LemmaId {
        if let Some(&id) = self.lemma_ids.get(lemma) {
            return id;
        }
        let id = self.lemmas.len() as LemmaId;
        self.lemmas.push(lemma.to_string());
        self.lemma_ids.insert(lemma.to_string(), id);
        // Punctuation and particles are matched as written.
        let forms = if lemma.chars().all(char::is_alphabetic) && lemma.len() > 2 {
            irregulars.forms(lemma)
        } else {
            vec![lemma.to_string()]
        };
        for form in forms {
            let ids = self.forms.entry(form).or_default();
            if !ids.contains(&id) {
                ids.push(id);
            }
        }
        id
    }

    /// The lemmas a normalised token can be a form of.
    pub fn lemmas_of(&self, normalized: &str) -> &[LemmaId] {
        self.forms.get(normalized).map_or(&[], Vec::as_slice)
    }

    /// The lemma's text.
    pub fn lemma(&self, id: LemmaId) -> &str {
        &self.lemmas[id as usize]
    }

    /// Patterns anchored on `lemma`.
    pub fn patterns_for(&self, lemma: LemmaId) -> impl Iterator<Item = &VerbPattern> {
        self.by_anchor.get(&lemma).into_iter().flatten().map(|&i| &self.patterns[i as usize])
    }

    /// All patterns, in load order.
    pub fn patterns(&self) -> &[VerbPattern] {
        &self.patterns
    }
}

/// Whitespace-separated items with their 1-based character columns.
fn items_with_columns(line: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in line.char_indices() {
        match (c.is_whitespace(), start) {
            (true, Some(s)) => {
                out.push((s, &line[s..i]));
                start = None;
            }
            (false, None) => start = Some(i),
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push((s, &line[s..]));
    }
    out.into_iter().map(move |(b, w)| (line[..b].chars().count() + 1, w))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn load(text: &str) -> (VerbDictionary, Vec<DictError>) {
        let mut dict = VerbDictionary::default();
        let mut errors = Vec::new();
        dict.load("verbs.txt", text, &Irregulars::default(), &mut errors);
        (dict, errors)
    }

    #[test]
    fn parses_patterns() {
        let (dict, errors) = load("# c\n190  *occupy +\n036 express intent to *meet|talk +  # x\n0871 agree to *cease-fire\n190 *clash|armed-clash with +\n");
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(dict.patterns().len(), 4);
        let p = &dict.patterns()[1];
        assert_eq!(p.before.len(), 3);
        assert_eq!(p.anchor.len(), 2);
        assert_eq!(p.after, [PatternItem::Target]);
        let occupied = dict.lemmas_of("occupied");
        assert_eq!(occupied.len(), 1);
        assert_eq!(dict.lemma(occupied[0]), "occupy");
        let cease = &dict.patterns()[2];
        assert_eq!(cease.anchor.len(), 1);
        assert_eq!(cease.anchor[0].len(), 3, "cease - fire");
    }

    #[test]
    fn reports_every_bad_line_with_position() {
        let (dict, errors) =
            load("999 *x\n190 *occupy\n19x *fight\n190 *a *b\n190 + *fight\n190 *fi{ght\n");
        assert_eq!(dict.patterns().len(), 1);
        let positions: Vec<(usize, usize)> = errors.iter().map(|e| (e.line, e.column)).collect();
        assert_eq!(positions, [(1, 1), (3, 1), (4, 5), (5, 5), (6, 5)]);
    }
}
