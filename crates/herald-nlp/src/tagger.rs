//! Greedy left-to-right averaged-perceptron POS tagger.

use crate::format::{Reader, Writer};
use crate::hash::feat;
use crate::lex::Lex;
use crate::weights::Weights;
use crate::{ModelError, Tag};

/// Number of features extracted per token.
pub const N_FEATS: usize = 26;

/// Number of those that depend on the words (the others are the bias and
/// each of the two previous tags alone, whose scores [`Tagger`] adds from
/// tables made at load).
const N_CONTEXT: usize = N_FEATS - 3;

/// Tag atom for "no previous token".
pub const NO_TAG: u64 = 255;

/// Fills `out` with the features of token `i`, given the two previous tags.
#[inline]
pub fn features(lex: &[Lex], i: usize, p1: u64, p2: u64, out: &mut [u64; N_FEATS]) {
    let mut context = [0u64; N_CONTEXT];
    context_features(lex, i, p1, p2, &mut context);
    // In template order (the trainer's float sums depend on it).
    out[0] = feat!(0);
    out[1..9].copy_from_slice(&context[..8]);
    out[9] = feat!(9, p1);
    out[10] = feat!(10, p2);
    out[11..].copy_from_slice(&context[8..]);
}

/// The features of token `i` that depend on the words.
#[inline]
fn context_features(lex: &[Lex], i: usize, p1: u64, p2: u64, out: &mut [u64; N_CONTEXT]) {
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
        feat!(1, w.norm),
        feat!(2, w.exact),
        feat!(3, w.suffix[0]),
        feat!(4, w.suffix[1]),
        feat!(5, w.suffix[2]),
        feat!(6, w.suffix[3]),
        feat!(7, w.prefix1),
        feat!(8, w.shape),
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

/// Unambiguous frequent words, by exact-form hash: sorted (the file form)
/// and, for lookups, in an open-addressing table at most half full (a
/// binary search's unpredictable branches cost more than the tagger's
/// arithmetic on every token).
#[derive(Clone, Debug, Default)]
pub(crate) struct TagDict {
    keys: Vec<u64>,
    tags: Vec<u8>,
    /// `(key, tag)`, [`EMPTY`] tag for a free slot; a power of two long.
    table: Vec<(u64, u8)>,
}

/// Tag of a free [`TagDict`] slot.
const EMPTY: u8 = u8::MAX;

impl TagDict {
    fn new(keys: Vec<u64>, tags: Vec<u8>) -> TagDict {
        let mut table = vec![(0, EMPTY); (2 * keys.len()).next_power_of_two().max(2)];
        let mask = table.len() - 1;
        for (&k, &t) in keys.iter().zip(&tags) {
            let mut i = Self::home(k, mask);
            while table[i].1 != EMPTY {
                i = (i + 1) & mask;
            }
            table[i] = (k, t);
        }
        TagDict { keys, tags, table }
    }

    #[inline]
    fn home(h: u64, mask: usize) -> usize {
        (h.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 32) as usize & mask
    }

    #[inline]
    fn get(&self, h: u64) -> Option<Tag> {
        let mask = self.table.len() - 1;
        let mut i = Self::home(h, mask);
        loop {
            let (k, t) = self.table[i];
            if t == EMPTY {
                return None;
            }
            if k == h {
                return Tag::from_index(usize::from(t));
            }
            i = (i + 1) & mask;
        }
    }
}

/// The POS tagger: a tag dictionary for frequent unambiguous words and a
/// perceptron for everything else.
#[derive(Clone, Debug)]
pub struct Tagger {
    dict: TagDict,
    weights: Weights,
    /// The scores of the bias and the previous tag's feature, by previous
    /// tag ([`prior_index`]), and of the tag before's: long rows every
    /// token would otherwise look up, summed once at load.
    prior1: Vec<[i32; SCORES]>,
    prior2: Vec<[i32; SCORES]>,
}

/// Length of a score vector (the tag count rounded up).
const SCORES: usize = 64;

/// Start score of a tag without weights: far below any sum of weights.
const ABSENT: i32 = i32::MIN / 2;

/// Row of a previous-tag atom (a tag index, or [`NO_TAG`]) in the prior tables.
#[inline]
fn prior_index(atom: u64) -> usize {
    (atom as usize).min(Tag::ALL.len())
}

/// The prior tables of `weights` (see [`Tagger`]).
fn priors(weights: &Weights) -> (Vec<[i32; SCORES]>, Vec<[i32; SCORES]>) {
    let atoms = (0..Tag::ALL.len() as u64).chain([NO_TAG]);
    // Tags the model has no weights for start (and stay) at ABSENT.
    let mut bias: [i32; SCORES] =
        std::array::from_fn(|c| if weights.is_present(c) { 0 } else { ABSENT });
    weights.score(&[feat!(0)], &mut bias);
    let prior1 = atoms
        .clone()
        .map(|a| {
            let mut s = bias;
            weights.score(&[feat!(9, a)], &mut s);
            s
        })
        .collect();
    let prior2 = atoms
        .map(|a| {
            let mut s = [0i32; SCORES];
            weights.score(&[feat!(10, a)], &mut s);
            s
        })
        .collect();
    (prior1, prior2)
}

impl Tagger {
    /// Builds a tagger; `dict` maps exact-form hashes ([`Lex::exact`]) to tags.
    pub fn new(mut dict: Vec<(u64, Tag)>, weights: Weights) -> Result<Tagger, ModelError> {
        if weights.n_classes() != Tag::ALL.len() {
            return Err(ModelError::Corrupt("tagger class count"));
        }
        dict.sort_unstable_by_key(|e| e.0);
        dict.dedup_by_key(|e| e.0);
        let dict = TagDict::new(
            dict.iter().map(|e| e.0).collect(),
            dict.iter().map(|e| e.1 as u8).collect(),
        );
        Ok(Tagger::with_dict(dict, weights))
    }

    fn with_dict(dict: TagDict, weights: Weights) -> Tagger {
        let (prior1, prior2) = priors(&weights);
        Tagger { dict, weights, prior1, prior2 }
    }

    /// This tagger with other weights over the same classes.
    pub(crate) fn with_weights(&self, weights: Weights) -> Tagger {
        Tagger::with_dict(self.dict.clone(), weights)
    }

    /// A copy that scores with 16-bit weights (see [`Weights::exact`]).
    pub fn exact(&self) -> Tagger {
        self.with_weights(self.weights.exact())
    }

    /// The weight table (for size reports).
    pub fn weights(&self) -> &Weights {
        &self.weights
    }

    /// Tags a sentence, writing one tag per token into `out` (cleared first).
    pub fn tag(&self, lex: &[Lex], out: &mut Vec<Tag>) {
        out.clear();
        let mut feats = [0u64; N_CONTEXT];
        let (mut p1, mut p2) = (NO_TAG, NO_TAG);
        for (i, l) in lex.iter().enumerate() {
            let tag = match self.dict.get(l.exact) {
                Some(t) => t,
                None => {
                    context_features(lex, i, p1, p2, &mut feats);
                    let mut scores = self.prior1[prior_index(p1)];
                    for (s, p) in scores.iter_mut().zip(&self.prior2[prior_index(p2)]) {
                        *s += p;
                    }
                    self.weights.score(&feats, &mut scores);
                    Tagger::best(&scores)
                }
            };
            out.push(tag);
            p2 = p1;
            p1 = tag as u64;
        }
    }

    /// The best-scoring tag: tags without weights score [`ABSENT`] and
    /// never win (`NN` if no tag has weights).
    fn best(scores: &[i32; SCORES]) -> Tag {
        let mut best = (ABSENT, Tag::ALL.len());
        for (c, &s) in scores[..Tag::ALL.len()].iter().enumerate() {
            if s > best.0 {
                best = (s, c);
            }
        }
        Tag::from_index(best.1).unwrap_or(Tag::Nn)
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
        Ok(Tagger::with_dict(TagDict::new(keys, tags), weights))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tag_dictionary_finds_its_words_only() {
        // Keys that share their home slot's bits probe past each other.
        let keys: Vec<u64> = (1..=700u64).map(|i| i.wrapping_mul(0x1_0000_0001) << 3).collect();
        let tags: Vec<u8> = keys.iter().map(|k| (k % 50) as u8).collect();
        let dict = TagDict::new(keys.clone(), tags.clone());
        assert!(dict.table.len() >= 2 * keys.len());
        for (k, t) in keys.iter().zip(&tags) {
            assert_eq!(dict.get(*k), Tag::from_index(usize::from(*t)));
            assert_eq!(dict.get(k + 1), None);
        }
        assert_eq!(TagDict::new(Vec::new(), Vec::new()).get(0), None);
    }

    #[test]
    fn priors_score_like_their_features() {
        let model = crate::Model::embedded();
        let tagger = model.tagger();
        let text = "Rebels shelled the capital on Monday , and the UN said 12 people died .";
        let lex: Vec<Lex> = text.split(' ').map(Lex::new).collect();
        let mut tags = Vec::new();
        tagger.tag(&lex, &mut tags);
        let (mut all, mut context) = ([0u64; N_FEATS], [0u64; N_CONTEXT]);
        for i in 0..lex.len() {
            let p1 = if i > 0 { tags[i - 1] as u64 } else { NO_TAG };
            let p2 = if i > 1 { tags[i - 2] as u64 } else { NO_TAG };
            features(&lex, i, p1, p2, &mut all);
            let mut expected: [i32; SCORES] =
                std::array::from_fn(|c| if tagger.weights.is_present(c) { 0 } else { ABSENT });
            tagger.weights.score(&all, &mut expected);
            context_features(&lex, i, p1, p2, &mut context);
            let mut got = tagger.prior1[prior_index(p1)];
            got.iter_mut().zip(&tagger.prior2[prior_index(p2)]).for_each(|(s, p)| *s += p);
            tagger.weights.score(&context, &mut got);
            assert_eq!(got, expected, "token {i}");
            // The full set is the context plus the three prior features.
            let mut rest: Vec<u64> = all.iter().filter(|f| !context.contains(f)).copied().collect();
            let mut priors = vec![feat!(0), feat!(9, p1), feat!(10, p2)];
            rest.sort_unstable();
            priors.sort_unstable();
            assert_eq!(rest, priors);
        }
    }
}
