//! Reader for the silver files written by `train/silver.py`:
//! `index form tag head dep lemma` per line, blank line between sentences,
//! `#` comment lines ignored.

use anyhow::{bail, Context, Result};
use herald_nlp::{Dep, Tag};

/// One annotated sentence.
#[derive(Clone, Debug, Default)]
pub struct Sentence {
    pub words: Vec<String>,
    pub tags: Vec<Tag>,
    pub heads: Vec<Option<usize>>,
    pub labels: Vec<Dep>,
    pub lemmas: Vec<String>,
}

impl Sentence {
    pub fn len(&self) -> usize {
        self.words.len()
    }
}

pub fn read(path: &str) -> Result<Vec<Sentence>> {
    let text = std::fs::read_to_string(path).with_context(|| format!("reading {path}"))?;
    let mut out = Vec::new();
    let mut cur = Sentence::default();
    for (ln, line) in text.lines().enumerate() {
        if line.starts_with('#') {
            continue;
        }
        if line.is_empty() {
            if !cur.words.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
            continue;
        }
        let f: Vec<&str> = line.split('\t').collect();
        if f.len() != 6 {
            bail!("{path}:{}: expected 6 fields", ln + 1);
        }
        let head: usize = f[3].parse().with_context(|| format!("{path}:{}: head", ln + 1))?;
        cur.words.push(f[1].to_string());
        cur.tags.push(Tag::parse(f[2]).unwrap_or(Tag::Xx));
        cur.heads.push(head.checked_sub(1));
        cur.labels.push(Dep::parse(f[4]).unwrap_or(Dep::Dep));
        cur.lemmas.push(f[5].to_lowercase());
    }
    if !cur.words.is_empty() {
        out.push(cur);
    }
    for s in &out {
        if s.heads.iter().flatten().any(|&h| h >= s.len()) {
            bail!("{path}: head out of range in sentence starting {:?}", s.words.first());
        }
    }
    Ok(out)
}
