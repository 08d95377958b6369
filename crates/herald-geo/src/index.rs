//! The name index: every name of every place as a sequence of interned
//! tokens, grouped by first token, longest first, so that finding the names
//! that start at a sentence token is one hash-table probe and a few
//! comparisons. Laid out at build time (`build/pack.rs`).

use crate::hash::hash;
use crate::place::PlaceId;

/// A token id; `NONE` for a text token no name contains.
pub(crate) type TokenId = u32;
pub(crate) const NONE: TokenId = u32::MAX;

#[derive(Clone, Copy, Debug)]
pub(crate) struct Name {
    pub(crate) tokens: u32,
    pub(crate) len: u32,
    pub(crate) places: u32,
    pub(crate) n_places: u32,
    pub(crate) common: bool,
}

/// A name found in a token sequence.
#[derive(Clone, Copy, Debug)]
pub(crate) struct NameHit<'a> {
    /// Its length in tokens.
    pub(crate) len: usize,
    /// The places it names.
    pub(crate) places: &'a [PlaceId],
    /// A common English word ("Nice", "Reading"): it needs support to count.
    pub(crate) common: bool,
}

/// Checked when read (`format.rs`): token ids, groups and ranges are in bounds.
#[derive(Debug)]
pub(crate) struct NameIndex {
    /// Token strings by id.
    pub(crate) tokens: Vec<&'static str>,
    /// Open addressing, linear probing: token id + 1, zero for empty; a
    /// power of two long, never full.
    pub(crate) slots: Vec<u32>,
    /// For token id `t`, its names are `names[first[t]..first[t + 1]]`.
    pub(crate) first: Vec<u32>,
    pub(crate) names: Vec<Name>,
    pub(crate) name_tokens: Vec<TokenId>,
    pub(crate) places: Vec<PlaceId>,
}

impl NameIndex {
    /// The id of a normalised token, `NONE` if no name contains it.
    pub(crate) fn id(&self, lower: &str) -> TokenId {
        let mask = self.slots.len() - 1;
        let mut k = hash(lower) as usize & mask;
        loop {
            match self.slots[k] {
                0 => return NONE,
                s if self.tokens[s as usize - 1] == lower => return s - 1,
                _ => k = (k + 1) & mask,
            }
        }
    }

    /// Names matching the token ids from `i` on, longest first.
    pub(crate) fn names_at<'a, 'b>(
        &'a self,
        ids: &'b [TokenId],
        i: usize,
    ) -> impl Iterator<Item = NameHit<'a>> + use<'a, 'b> {
        let t = ids.get(i).copied().unwrap_or(NONE) as usize;
        let range = match (self.first.get(t), self.first.get(t.wrapping_add(1))) {
            (Some(&a), Some(&b)) => a as usize..b as usize,
            _ => 0..0,
        };
        self.names[range].iter().filter_map(move |n| {
            let toks = &self.name_tokens[n.tokens as usize..(n.tokens + n.len) as usize];
            let text = ids.get(i..i + toks.len())?;
            (text[1..] == toks[1..]).then(|| NameHit {
                len: toks.len(),
                places: &self.places[n.places as usize..(n.places + n.n_places) as usize],
                common: n.common,
            })
        })
    }

    /// The places with exactly this sequence of token ids as a name.
    pub(crate) fn exact(&self, ids: &[TokenId]) -> &[PlaceId] {
        self.names_at(ids, 0).find(|h| h.len == ids.len()).map_or(&[], |h| h.places)
    }
}
