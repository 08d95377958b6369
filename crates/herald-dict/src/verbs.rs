//! Verb patterns in herald's own format (see `docs/dictionaries.md`).
//!
//! ```text
//! 190  *occupy +
//! 112  *accuse + of
//! 036  express intent to *meet|talk +
//! 190  *aggression of|by $ against +
//! ```

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
    /// One phrase is skipped: an actor in it is neither source nor target
    /// ("celebrated Iftar in X with Y": the target is Y; PETRARCH's `^`).
    Skip,
}

/// A compiled verb pattern.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VerbPattern {
    /// The event code the pattern assigns; `None` for a null-coded pattern
    /// (PETRARCH's `[---]`), which matches like any other and so keeps less
    /// specific patterns from coding, but gives no event.
    pub code: Option<EventCode>,
    /// The code of the event in the other direction, from the target to the
    /// source, that the pattern also codes (written `032:033`: a visit by X
    /// to Y is also Y hosting X; PETRARCH's secondary code).
    pub reverse_code: Option<EventCode>,
    /// The pattern applies only to a compound source ("Armenia and
    /// Azerbaijan agreed"), whose members act on each other (written `%`
    /// before the anchor; PETRARCH's `%`).
    pub compound_source: bool,
    /// Where a target written before the anchor stands (`+` before the
    /// anchor; PETRARCH's `+` before the verb): after this many of the
    /// `before` words. `Some(0)`: the subject is the target ("Y received
    /// money from X", `+ *receive money from $`); more: the target stands
    /// between words ("X noted that Y regretted", `noted + *regret`).
    pub target_before: Option<usize>,
    /// Words that must come just before the anchor, in order.
    pub before: Vec<Alternatives>,
    /// The last of `before` stands right before the anchor, with no word
    /// between (written `word_ *anchor`; PETRARCH's `WORD_*`).
    pub before_joined: bool,
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
    /// How specific the pattern is: two points per required word (the
    /// shortest alternative's tokens), one per other item, so "send
    /// humanitarian aid to +" beats "send aid to +", "deploy troop" beats
    /// "deploy +", and "most certainly won't ever" beats "won't ever".
    pub fn weight(&self) -> usize {
        let tokens = |alts: &Alternatives| alts.iter().map(Vec::len).min().unwrap_or(0);
        let words: usize = self.before.iter().map(tokens).sum::<usize>()
            + self
                .after
                .iter()
                .map(|i| match i {
                    PatternItem::Words(alts) => tokens(alts),
                    _ => 0,
                })
                .sum::<usize>();
        let others = self.after.iter().filter(|i| !matches!(i, PatternItem::Words(_))).count();
        2 * words
            + others
            + usize::from(self.compound_source)
            + usize::from(self.target_before.is_some())
    }

    /// Whether the pattern names its target position explicitly.
    pub fn has_target_slot(&self) -> bool {
        self.target_before.is_some() || self.after.contains(&PatternItem::Target)
    }
}

/// Verb patterns indexed by anchor lemma, with the surface forms of every lemma.
#[derive(Clone, Debug, Default)]
pub struct VerbDictionary {
    lemmas: Vec<String>,
    lemma_ids: crate::FastMap<String, LemmaId>,
    forms: crate::FastMap<String, Vec<LemmaId>>,
    patterns: Vec<VerbPattern>,
    by_anchor: crate::FastMap<LemmaId, Vec<u32>>,
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
                Ok(pattern) => self.push(pattern),
                Err(e) => errors.push(e),
            }
        }
    }

    /// Adds a compiled pattern, indexing it by the first lemma of each
    /// anchor alternative. Patterns without an anchor are ignored.
    pub fn push(&mut self, pattern: VerbPattern) {
        let id = self.patterns.len() as u32;
        for alt in pattern.anchor.iter().filter(|a| !a.is_empty()) {
            let ids = self.by_anchor.entry(alt[0]).or_default();
            if !ids.contains(&id) {
                ids.push(id);
            }
        }
        self.patterns.push(pattern);
    }

    /// The lemma for `lemma` (normalised), adding it if new, with `forms`
    /// (normalised) as the surface forms it matches in addition to any it
    /// already has. For dictionaries that list their forms themselves.
    pub fn intern_with_forms(&mut self, lemma: &str, forms: &[String]) -> LemmaId {
        let id = match self.lemma_ids.get(lemma) {
            Some(&id) => id,
            None => {
                let id = self.lemmas.len() as LemmaId;
                self.lemmas.push(lemma.to_string());
                self.lemma_ids.insert(lemma.to_string(), id);
                id
            }
        };
        for form in std::iter::once(lemma).chain(forms.iter().map(String::as_str)) {
            let ids = self.forms.entry(form.to_string()).or_default();
            if !ids.contains(&id) {
                ids.push(id);
            }
        }
        id
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
        // `CODE`, `CODE:REVERSE` or `:REVERSE`; `---` (or nothing) for no
        // code: a null-coded pattern matches but codes nothing.
        let (forward, reverse) = code_text.split_once(':').unwrap_or((code_text, ""));
        let parse = |text: &str| match text {
            "---" | "" => Ok(None),
            _ => EventCode::user(text)
                .map(Some)
                .ok_or_else(|| err(code_col, format!("{code_text:?} is not an event code"))),
        };
        if forward.is_empty() && reverse.is_empty() {
            return Err(err(code_col, format!("{code_text:?} is not an event code")));
        }
        let (code, reverse_code) = (parse(forward)?, parse(reverse)?);
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
        let mut compound_source = false;
        let mut target_before = None;
        let before_joined = anchor_idx > 0 && {
            let word = items[anchor_idx - 1].1;
            word.ends_with('_') && !matches!(word.trim_end_matches('_'), "" | "+" | "%")
        };
        for (i, &(col, raw)) in items.iter().enumerate() {
            let word = raw.trim_start_matches('*');
            match word {
                "+" if i < anchor_idx => target_before = Some(before.len()),
                "+" | "$" | "^" if i <= anchor_idx => {
                    return Err(err(col, format!("`{word}` must come after the anchor")));
                }
                "%" if i < anchor_idx => compound_source = true,
                "%" => return Err(err(col, "`%` must come before the anchor".to_string())),
                "+" => after.push(PatternItem::Target),
                "$" => after.push(PatternItem::Source),
                "^" => after.push(PatternItem::Skip),
                _ => {
                    let mut alternatives: Alternatives = Vec::new();
                    for alt in word.split('|').filter(|a| !a.is_empty()) {
                        let mut seq: Vec<LemmaId> = Vec::new();
                        for part in alt.split('_').filter(|p| !p.is_empty()) {
                            self.word_part(part, irregulars, &mut seq).map_err(|c| {
                                err(col, format!("unexpected character {c:?} in {raw:?}"))
                            })?;
                        }
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
            reverse_code,
            compound_source,
            target_before,
            before,
            before_joined,
            anchor,
            after,
            text: items.iter().map(|(_, w)| *w).collect::<Vec<_>>().join(" "),
            origin: (file.to_string(), line_no),
        })
    }

    /// Adds the lemmas of one `_`-separated part of an alternative to `seq`:
    /// `word{form,form}` is one token with exactly the forms given (`word{}`:
    /// the word as written); a plain word is a lemma with all its
    /// inflections, tokenised like text ("cease-fire" → cease - fire).
    /// `Err` carries an unexpected character.
    fn word_part(
        &mut self,
        part: &str,
        irregulars: &Irregulars,
        seq: &mut Vec<LemmaId>,
    ) -> Result<(), char> {
        if let Some((word, rest)) = part.split_once('{') {
            let forms = rest.strip_suffix('}').ok_or('{')?;
            let bad = |c: &char| c.is_whitespace() || matches!(c, '{' | '}' | '#' | '|');
            if let Some(c) = word.chars().chain(forms.chars()).find(bad) {
                return Err(c);
            }
            if word.is_empty() {
                return Err('{');
            }
            let forms: Vec<String> =
                forms.split(',').filter(|f| !f.is_empty()).map(normalize).collect();
            seq.push(self.intern_with_forms(&normalize(word), &forms));
            return Ok(());
        }
        if let Some(c) =
            part.chars().find(|c| !(c.is_alphanumeric() || matches!(c, '-' | '\'' | '.')))
        {
            return Err(c);
        }
        for token in herald_text::tokenize(part) {
            seq.push(self.intern(&normalize(token.slice(part)), irregulars));
        }
        Ok(())
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

    /// Writes the patterns in the format [`VerbDictionary::load`] reads,
    /// every word with its exact forms (`restore{restored,restores}`), so
    /// that loading the text gives a dictionary that matches the same
    /// tokens. Patterns with a word that the format cannot spell (blanks,
    /// `_`, `{`, `}`, `,`, `#` or `|` in a form) are left out; their
    /// `origin`s are returned.
    pub fn to_text(&self) -> (String, Vec<(String, usize)>) {
        let mut forms: Vec<Vec<&str>> = vec![Vec::new(); self.lemmas.len()];
        for (form, ids) in &self.forms {
            for &id in ids {
                if form != &self.lemmas[id as usize] {
                    forms[id as usize].push(form);
                }
            }
        }
        for f in &mut forms {
            f.sort_unstable();
        }
        let spell = |id: LemmaId| -> Option<String> {
            let lemma = &self.lemmas[id as usize];
            let ok = |w: &str| {
                !w.is_empty()
                    && !w.chars().any(|c| {
                        c.is_whitespace() || matches!(c, '_' | '{' | '}' | ',' | '#' | '|' | '*')
                    })
            };
            let fs = &forms[id as usize];
            (ok(lemma) && fs.iter().all(|f| ok(f))).then(|| format!("{lemma}{{{}}}", fs.join(",")))
        };
        let alts = |a: &Alternatives| -> Option<String> {
            let spelled: Option<Vec<String>> = a
                .iter()
                .map(|seq| {
                    seq.iter().map(|&id| spell(id)).collect::<Option<Vec<_>>>().map(|v| v.join("_"))
                })
                .collect();
            spelled.map(|v| v.join("|"))
        };
        let mut out = String::new();
        let mut skipped = Vec::new();
        for p in &self.patterns {
            let mut items: Vec<String> = Vec::new();
            if p.compound_source {
                items.push("%".into());
            }
            let mut ok = true;
            for (i, a) in p.before.iter().enumerate() {
                if p.target_before == Some(i) {
                    items.push("+".into());
                }
                match alts(a) {
                    Some(t) => items.push(t),
                    None => ok = false,
                }
            }
            if p.target_before == Some(p.before.len()) {
                items.push("+".into());
            }
            if p.before_joined {
                if let Some(last) = items.last_mut() {
                    last.push('_');
                }
            }
            match alts(&p.anchor) {
                Some(t) => items.push(format!("*{t}")),
                None => ok = false,
            }
            for item in &p.after {
                match item {
                    PatternItem::Target => items.push("+".into()),
                    PatternItem::Source => items.push("$".into()),
                    PatternItem::Skip => items.push("^".into()),
                    PatternItem::Words(a) => match alts(a) {
                        Some(t) => items.push(t),
                        None => ok = false,
                    },
                }
            }
            if !ok {
                skipped.push(p.origin.clone());
                continue;
            }
            let mut code = p.code.map_or_else(|| "---".to_string(), |c| c.to_string());
            if let Some(r) = p.reverse_code {
                code = format!("{code}:{r}");
            }
            out.push_str(&format!(
                "{code}\t{}\t# {}:{}\n",
                items.join(" "),
                p.origin.0,
                p.origin.1
            ));
        }
        (out, skipped)
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
    fn exact_forms_joins_and_null_codes() {
        let (dict, errors) =
            load("--- *say{said,says} new{}_deal{deals}\n010 *say{said} +\n032:033 *visit +\n030 % *agree\n066 + *receive from $\n044 *iftar at ^ +\n901 *abandon\n115 note + *regret\n025 recently_ *allow\n");
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(dict.patterns()[0].code, None);
        assert_eq!(dict.patterns()[0].after.len(), 1);
        assert_eq!(dict.patterns()[2].reverse_code.map(|c| c.to_string()).as_deref(), Some("033"));
        assert!(dict.patterns()[3].compound_source);
        assert_eq!(dict.patterns()[4].target_before, Some(0));
        assert!(dict.patterns()[4].has_target_slot());
        assert_eq!(dict.patterns()[7].target_before, Some(1));
        assert_eq!(dict.patterns()[5].after[1], PatternItem::Skip);
        assert!(!dict.patterns()[6].code.unwrap().is_cameo());
        assert!(dict.patterns()[8].before_joined);
        assert!(!dict.patterns()[7].before_joined);
        let said = dict.lemmas_of("said");
        assert_eq!(said.len(), 1);
        assert!(dict.lemmas_of("saying").is_empty(), "no generated forms");
        assert_eq!(dict.lemmas_of("deals").len(), 1);
        let (text, skipped) = dict.to_text();
        assert!(skipped.is_empty());
        let (again, errors) = load(&text);
        assert!(errors.is_empty(), "{errors:?}\n{text}");
        assert_eq!(again.to_text().0, text);
        let (_, errors) = load("010 *say{said\n010 *a{b c}\n010 *a %\n010 ^ *a\n");
        assert_eq!(errors.len(), 4);
    }

    #[test]
    fn reports_every_bad_line_with_position() {
        let (dict, errors) =
            load("1:2:3 *x\n190 *occupy\n19é *fight\n190 *a *b\n190 $ *fight\n190 *fi{ght\n");
        assert_eq!(dict.patterns().len(), 1);
        let positions: Vec<(usize, usize)> = errors.iter().map(|e| (e.line, e.column)).collect();
        assert_eq!(positions, [(1, 1), (3, 1), (4, 5), (5, 5), (6, 5)]);
    }
}
