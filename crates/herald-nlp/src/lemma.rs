//! Rule-based lemmatiser: a port of spaCy's English rule lemmatiser (suffix
//! rules filtered by a lemma index, plus irregular-form exceptions, all from
//! the WordNet-derived tables in `spacy-lookups-data`) driven by our Penn
//! tags, followed by an override table learned from spaCy's own output for
//! the cases its attribute ruler handles (auxiliaries, pronouns, clitics).

use crate::format::{Reader, Writer};
use crate::{ModelError, Tag};

/// Strings concatenated in one buffer. Loading is a copy, and sorted tables
/// are searched by binary search, so nothing is hashed at load time.
#[derive(Clone, Debug, Default)]
pub(crate) struct StrTable {
    offsets: Vec<u32>,
    data: Vec<u8>,
}

impl StrTable {
    pub(crate) fn new<S: AsRef<str>>(items: &[S]) -> StrTable {
        let mut t = StrTable { offsets: vec![0], data: Vec::new() };
        for s in items {
            t.data.extend_from_slice(s.as_ref().as_bytes());
            t.offsets.push(t.data.len() as u32);
        }
        t
    }

    fn len(&self) -> usize {
        self.offsets.len() - 1
    }

    fn bytes(&self, i: usize) -> &[u8] {
        let a = self.offsets[i] as usize;
        let b = self.offsets[i + 1] as usize;
        &self.data[a..b]
    }

    fn get(&self, i: usize) -> &str {
        // Validated as UTF-8 at load; the fallback only guards the invariant.
        std::str::from_utf8(self.bytes(i)).unwrap_or("")
    }

    /// Position of `key` in a table built from sorted strings.
    fn find(&self, key: &[u8]) -> Option<usize> {
        self.find_by(|entry| entry.cmp(key))
    }

    /// Position of the entry for which `cmp` (entry against the sought key)
    /// gives `Equal`, in a table built from sorted strings.
    fn find_by(&self, cmp: impl Fn(&[u8]) -> std::cmp::Ordering) -> Option<usize> {
        let (mut lo, mut hi) = (0, self.len());
        while lo < hi {
            let mid = (lo + hi) / 2;
            match cmp(self.bytes(mid)) {
                std::cmp::Ordering::Less => lo = mid + 1,
                std::cmp::Ordering::Greater => hi = mid,
                std::cmp::Ordering::Equal => return Some(mid),
            }
        }
        None
    }

    fn write(&self, w: &mut Writer) {
        w.len(self.len());
        w.u32s(&self.offsets);
        w.len(self.data.len());
        w.bytes(&self.data);
    }

    fn read(r: &mut Reader<'_>) -> Result<StrTable, ModelError> {
        let n = r.len()?;
        let offsets = r.u32s(n.checked_add(1).ok_or(ModelError::Truncated)?)?;
        let n_bytes = r.len()?;
        let data = r.bytes(n_bytes)?;
        let text = std::str::from_utf8(&data).map_err(|_| ModelError::Corrupt("lemma table"))?;
        let ok = offsets[0] == 0
            && offsets.windows(2).all(|w| w[0] <= w[1])
            && offsets[n] as usize == data.len()
            && offsets.iter().all(|&o| text.is_char_boundary(o as usize));
        if !ok {
            return Err(ModelError::Corrupt("lemma table offsets"));
        }
        Ok(StrTable { offsets, data })
    }
}

/// The four parts of speech spaCy has lemma tables for.
const POS_NAMES: [&str; 4] = ["noun", "verb", "adj", "adv"];

/// Tables for one part of speech.
#[derive(Clone, Debug, Default)]
struct PosTables {
    /// Suffix rules in spaCy's order: `old[i]` is replaced by `new[i]`.
    rule_old: StrTable,
    rule_new: StrTable,
    /// Irregular forms (sorted) and their lemmas, space-separated.
    exc_forms: StrTable,
    exc_lemmas: StrTable,
    /// Known lemmas (sorted).
    index: StrTable,
}

/// Raw table contents used to build a [`Lemmatizer`] (from `spacy-lookups-data`).
#[derive(Clone, Debug, Default)]
pub struct LemmaTables {
    /// Per part of speech (`noun`, `verb`, `adj`, `adv`): suffix rules `(old, new)` in order.
    pub rules: [Vec<(String, String)>; 4],
    /// Per part of speech: irregular form to lemmas, in spaCy's order.
    pub exceptions: [Vec<(String, Vec<String>)>; 4],
    /// Per part of speech: known lemmas.
    pub index: [Vec<String>; 4],
    /// `(lowercase form, tag)` pairs whose lemma spaCy sets differently from the rules.
    pub overrides: Vec<(String, Tag, String)>,
}

impl LemmaTables {
    /// Index of a part-of-speech name used by the tables, if supported.
    pub fn pos_index(name: &str) -> Option<usize> {
        POS_NAMES.iter().position(|p| *p == name)
    }
}

/// English lemmatiser.
#[derive(Clone, Debug, Default)]
pub struct Lemmatizer {
    pos: [PosTables; 4],
    /// Keys `lowercase form \t tag` (sorted) and their lemmas.
    over_keys: StrTable,
    over_lemmas: StrTable,
}

fn override_key(lower: &str, tag: Tag) -> String {
    let mut k = String::with_capacity(lower.len() + 6);
    k.push_str(lower);
    k.push('\t');
    k.push_str(tag.as_str());
    k
}

impl Lemmatizer {
    /// Builds the lemmatiser from raw tables.
    pub fn new(tables: &LemmaTables) -> Lemmatizer {
        let mut pos: [PosTables; 4] = Default::default();
        for (p, dst) in pos.iter_mut().enumerate() {
            let old: Vec<&str> = tables.rules[p].iter().map(|r| r.0.as_str()).collect();
            let new: Vec<&str> = tables.rules[p].iter().map(|r| r.1.as_str()).collect();
            let mut exc: Vec<(String, String)> =
                tables.exceptions[p].iter().map(|(f, ls)| (f.clone(), ls.join(" "))).collect();
            exc.sort();
            exc.dedup_by(|a, b| a.0 == b.0);
            let mut index = tables.index[p].clone();
            index.sort();
            index.dedup();
            *dst = PosTables {
                rule_old: StrTable::new(&old),
                rule_new: StrTable::new(&new),
                exc_forms: StrTable::new(&exc.iter().map(|e| &e.0).collect::<Vec<_>>()),
                exc_lemmas: StrTable::new(&exc.iter().map(|e| &e.1).collect::<Vec<_>>()),
                index: StrTable::new(&index),
            };
        }
        let mut over: Vec<(String, &str)> = tables
            .overrides
            .iter()
            .map(|(f, t, l)| (override_key(&f.to_lowercase(), *t), l.as_str()))
            .collect();
        over.sort();
        over.dedup_by(|a, b| a.0 == b.0);
        Lemmatizer {
            pos,
            over_keys: StrTable::new(&over.iter().map(|o| &o.0).collect::<Vec<_>>()),
            over_lemmas: StrTable::new(&over.iter().map(|o| o.1).collect::<Vec<_>>()),
        }
    }

    /// The lemma spaCy's rules give for `form` tagged `tag`, before overrides (lowercase).
    pub fn rule_lemma(&self, form: &str, tag: Tag) -> String {
        self.rules(form.to_lowercase(), tag)
    }

    /// [`Self::rule_lemma`] of a lowercased form.
    fn rules(&self, lower: String, tag: Tag) -> String {
        // spaCy treats these tags as base forms (its is_base_form check on
        // the morphology its tag map assigns) or has no tables for them.
        let p = match tag {
            Tag::Nns => 0,
            Tag::Vbd | Tag::Vbg | Tag::Vbn | Tag::Vbz => 1,
            Tag::Jjr | Tag::Jjs => 2,
            Tag::Rbr | Tag::Rbs => 3,
            _ => return lower,
        };
        let t = &self.pos[p];
        let mut forms: Vec<String> = Vec::new();
        let mut oov: Vec<String> = Vec::new();
        for i in 0..t.rule_old.len() {
            let old = t.rule_old.get(i);
            if let Some(stem) = lower.strip_suffix(old) {
                let form = format!("{stem}{}", t.rule_new.get(i));
                if form.is_empty() {
                    continue;
                }
                let alpha = form.chars().all(char::is_alphabetic);
                if t.index.find(form.as_bytes()).is_some() || !alpha {
                    if !forms.contains(&form) {
                        forms.push(form);
                    }
                } else {
                    oov.push(form);
                }
            }
        }
        if let Some(i) = t.exc_forms.find(lower.as_bytes()) {
            for e in t.exc_lemmas.get(i).split(' ') {
                if !forms.iter().any(|f| f == e) {
                    forms.insert(0, e.to_string());
                }
            }
        }
        forms.into_iter().chain(oov).next().unwrap_or(lower)
    }

    /// The lowercase lemma of `form` tagged `tag`.
    pub fn lemma(&self, form: &str, tag: Tag) -> String {
        let lower = form.to_lowercase();
        // Compares with the key `override_key` would build, without building it.
        let key = || lower.bytes().chain([b'\t']).chain(tag.as_str().bytes());
        match self.over_keys.find_by(|entry| entry.iter().copied().cmp(key())) {
            Some(i) => self.over_lemmas.get(i).to_string(),
            None => self.rules(lower, tag),
        }
    }

    pub(crate) fn write(&self, w: &mut Writer) {
        for t in &self.pos {
            for s in [&t.rule_old, &t.rule_new, &t.exc_forms, &t.exc_lemmas, &t.index] {
                s.write(w);
            }
        }
        self.over_keys.write(w);
        self.over_lemmas.write(w);
    }

    pub(crate) fn read(r: &mut Reader<'_>) -> Result<Lemmatizer, ModelError> {
        let mut pos: [PosTables; 4] = Default::default();
        for t in &mut pos {
            *t = PosTables {
                rule_old: StrTable::read(r)?,
                rule_new: StrTable::read(r)?,
                exc_forms: StrTable::read(r)?,
                exc_lemmas: StrTable::read(r)?,
                index: StrTable::read(r)?,
            };
            if t.rule_old.len() != t.rule_new.len() || t.exc_forms.len() != t.exc_lemmas.len() {
                return Err(ModelError::Corrupt("lemma table sizes"));
            }
        }
        let over_keys = StrTable::read(r)?;
        let over_lemmas = StrTable::read(r)?;
        if over_keys.len() != over_lemmas.len() {
            return Err(ModelError::Corrupt("lemma override sizes"));
        }
        Ok(Lemmatizer { pos, over_keys, over_lemmas })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tables() -> LemmaTables {
        let mut t = LemmaTables::default();
        t.rules[0] = vec![("s".into(), "".into()), ("ies".into(), "y".into())];
        t.rules[1] = vec![("ed".into(), "".into()), ("ed".into(), "e".into())];
        t.index[0] = vec!["troop".into(), "city".into()];
        t.index[1] = vec!["attack".into(), "use".into()];
        t.exceptions[1] = vec![("was".into(), vec!["be".into()])];
        t.overrides = vec![("'s".into(), Tag::Vbz, "be".into())];
        t
    }

    #[test]
    fn rules_exceptions_overrides() {
        let l = Lemmatizer::new(&tables());
        assert_eq!(l.lemma("troops", Tag::Nns), "troop");
        assert_eq!(l.lemma("Cities", Tag::Nns), "city");
        assert_eq!(l.lemma("attacked", Tag::Vbd), "attack");
        assert_eq!(l.lemma("used", Tag::Vbd), "use");
        assert_eq!(l.lemma("was", Tag::Vbd), "be");
        assert_eq!(l.lemma("'s", Tag::Vbz), "be");
        assert_eq!(l.lemma("Blorged", Tag::Vbd), "blorg");
        assert_eq!(l.lemma("Troops", Tag::Nnp), "troops");
        assert_eq!(l.lemma("", Tag::Nns), "");
    }

    #[test]
    fn round_trip() {
        let l = Lemmatizer::new(&tables());
        let mut w = Writer::default();
        l.write(&mut w);
        let back = Lemmatizer::read(&mut Reader::new(&w.buf)).unwrap();
        assert_eq!(back.lemma("troops", Tag::Nns), "troop");
        assert_eq!(back.lemma("'s", Tag::Vbz), "be");
    }
}
