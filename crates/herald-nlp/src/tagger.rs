//! Greedy left-to-right averaged-perceptron POS tagger.

use crate::format::{Reader, Writer};
use crate::hash::feat;
use crate::lex::Lex;
use crate::weights::Weights;
use crate::{ModelError, Tag};

/// Number of features extracted per token.
pub const N_FEATS: usize = 26;

/// Tag atom for "no previous token".
pub const NO_TAG: u64 = 255;

/// Fills `out` with the features of token `i`, given the two previous tags.
#[inline]
pub fn features(lex: &[Lex], i: usize, p1: u64, p2: u64, out: &mut [u64; N_FEATS]) {
    let at = |j: isize| -> &Lex {
        let k = i as isize + j;
        if k < 0 {
            &Lex::NONE
        } else {
            lex.get(k as usize).unwrap_or(&Lex::NONE)
        }
    };
    let (w, m1, m2, n1, n2) = (at(0), at(-1), at(-2), at(1), at(2));
    *out = [
        feat!(0),
        feat!(1, w.norm),
        feat!(2, w.exact),
        feat!(3, w.suffix[0]),
        feat!(4, w.suffix[1]),
        feat!(5, w.suffix[2]),
        feat!(6, w.suffix[3]),
        feat!(7, w.prefix1),
        feat!(8, w.shape),
        feat!(9, p1),
        feat!(10, p2),
        feat!(11, p1, p2),
        feat!(12, p1, w.norm),
        feat!(13, m1.norm),
        feat!(14, m1.suffix[2]),
        feat!(15, m2.norm),
        feat!(16, n1.norm),
        feat!(17, n1.suffix[2]),
        feat!(18, n2.norm),
        feat!(19, m1.norm, w.norm),
        feat!(20, w.norm, n1.norm),
        feat!(21, w.shape, n1.shape),
        feat!(22, p1, w.suffix[2]),
        feat!(23, m1.shape, w.shape),
        feat!(24, p1, n1.norm),
        feat!(25, w.exact, n1.shape),
    ];
}

/// Unambiguous frequent words, by exact-form hash (sorted for binary search).
#[derive(Clone, Debug, Default)]
pub(crate) struct TagDict {
    keys: Vec<u64>,
    tags: Vec<u8>,
}

impl TagDict {
    fn get(&self, h: u64) -> Option<Tag> {
        let i = self.keys.binary_search(&h).ok()?;
        Tag::from_index(usize::from(self.tags[i]))
    }
}

/// The POS tagger: a tag dictionary for frequent unambiguous words and a
/// perceptron for everything else.
#[derive(Clone, Debug)]
pub struct Tagger {
    dict: TagDict,
    weights: Weights,
}

impl Tagger {
    /// Builds a tagger; `dict` maps exact-form hashes ([`Lex::exact`]) to tags.
    pub fn new(mut dict: Vec<(u64, Tag)>, weights: Weights) -> Result<Tagger, ModelError> {
        if weights.n_classes() != Tag::ALL.len() {
            return Err(ModelError::Corrupt("tagger class count"));
        }
        dict.sort_unstable_by_key(|e| e.0);
        dict.dedup_by_key(|e| e.0);
        Ok(Tagger {
            dict: TagDict {
                keys: dict.iter().map(|e| e.0).collect(),
                tags: dict.iter().map(|e| e.1 as u8).collect(),
            },
            weights,
        })
    }

    /// This tagger with other weights over the same classes.
    pub(crate) fn with_weights(&self, weights: Weights) -> Tagger {
        Tagger { dict: self.dict.clone(), weights }
    }

    /// The weight table (for size reports).
    pub fn weights(&self) -> &Weights {
        &self.weights
    }

    /// Tags a sentence, writing one tag per token into `out` (cleared first).
    pub fn tag(&self, lex: &[Lex], out: &mut Vec<Tag>) {
        out.clear();
        let mut feats = [0u64; N_FEATS];
        let mut scores = [0i32; 64];
        let (mut p1, mut p2) = (NO_TAG, NO_TAG);
        for (i, l) in lex.iter().enumerate() {
            let tag = match self.dict.get(l.exact) {
                Some(t) => t,
                None => {
                    features(lex, i, p1, p2, &mut feats);
                    scores.iter_mut().for_each(|s| *s = 0);
                    self.weights.score(&feats, &mut scores);
                    self.best(&scores)
                }
            };
            out.push(tag);
            p2 = p1;
            p1 = tag as u64;
        }
    }

    fn best(&self, scores: &[i32]) -> Tag {
        let mut best = (i32::MIN, Tag::Nn);
        for (c, t) in Tag::ALL.iter().enumerate() {
            if self.weights.is_present(c) && scores[c] > best.0 {
                best = (scores[c], *t);
            }
        }
        best.1
    }

    pub(crate) fn write(&self, w: &mut Writer) {
        w.len(self.dict.keys.len());
        w.u64s(&self.dict.keys);
        w.bytes(&self.dict.tags);
        self.weights.write(w);
    }

    pub(crate) fn read(r: &mut Reader<'_>) -> Result<Tagger, ModelError> {
        let n = r.len()?;
        let keys = r.u64s(n)?;
        let tags = r.bytes(n)?;
        if tags.iter().any(|&t| usize::from(t) >= Tag::ALL.len())
            || keys.windows(2).any(|w| w[0] >= w[1])
        {
            return Err(ModelError::Corrupt("tag dictionary"));
        }
        let weights = Weights::read(r)?;
        if weights.n_classes() != Tag::ALL.len() {
            return Err(ModelError::Corrupt("tagger class count"));
        }
        Ok(Tagger { dict: TagDict { keys, tags }, weights })
    }
}
