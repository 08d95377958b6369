//! Greedy transition-based dependency parser (arc-eager, labelled).
//!
//! Two classifiers share one feature vector: a move model picks shift,
//! reduce, left arc or right arc; when it picks an arc, a label model picks
//! the label from a subset of the features (each tagged with the arc's
//! direction). Scoring four classes per step instead of shift, reduce and
//! two per label keeps the move table small enough to stay in cache, and
//! labels are scored only once per token. There is no artificial root
//! token: the sentence root is shifted and simply never receives a head. If
//! a parse ends with several headless tokens, [`State::finish`] keeps one as
//! the root and attaches the others to it, so every analysis is one tree.

use crate::format::{Reader, Writer};
use crate::hash::feat;
use crate::lex::NONE as NO_WORD;
use crate::weights::Weights;
use crate::{Dep, ModelError, Tag};

/// Number of arc labels (every [`Dep`] except `ROOT`): the label model's classes.
pub const N_LABELS: usize = 44;
/// Number of move classes: shift, reduce, left arc, right arc.
pub const N_MOVES: usize = 4;
/// Number of features extracted per parser state.
pub const N_FEATS: usize = 91;

/// Positions in the feature vector of the features the label model reads
/// (template numbers minus one): the words and tags of both ends of the arc
/// and their pairs, what lies around them, the labels already attached.
const LABEL_POSITIONS: [usize; N_LABEL_FEATS] = [
    0, 1, 2, 5, 6, 7, 8, 9, 11, 15, 16, 17, 18, 19, 20, 21, 24, 25, 26, 27, 28, 33, 34, 42, 43, 46,
    49, 52, 70, 72, 74, 76,
];
/// Number of label features.
pub const N_LABEL_FEATS: usize = 32;

/// What feature `i` (template `i + 1`) reads besides words and tags: 1 for
/// only `b0`, `b1` and `b2` (templates 7-15, 23, 24, 80-82), 2 for `b0` and
/// its left children (40, 41, 51-53, 63-65, 69, 74, 75), 3 for only the
/// stack (`s0`, its head, children and their labels, `s1`, `s2`: templates
/// 1-6, 36-39, 42-50, 54-62, 66-68, 70-73, 76, 78, 79), 0 for anything else.
/// [`Parser::parse`] reuses the scores (and values) of groups 1, 2 and 3
/// while what they read stays the same.
const fn feat_group(i: usize) -> u8 {
    match i {
        6..=14 | 22 | 23 | 79..=81 => 1,
        39 | 40 | 50..=52 | 62..=64 | 68 | 73 | 74 => 2,
        0..=5 | 35..=38 | 41..=49 | 53..=61 | 65..=67 | 69..=72 | 75 | 77 | 78 => 3,
        _ => 0,
    }
}

const N_BUFFER: usize = 14;
const N_LEFT: usize = 11;
const N_STACK: usize = 38;
const N_OTHER: usize = N_FEATS - N_BUFFER - N_LEFT - N_STACK;
/// Where the stack group starts in the store.
const STACK_AT: usize = N_OTHER + N_BUFFER + N_LEFT;

/// Where [`Parser::parse`] keeps feature `i` (template `i + 1`): the
/// features of group 0, then 1, 2 and 3, each in template order, so each
/// group's move scores are read from one contiguous run.
const STORE: [usize; N_FEATS] = {
    let mut out = [0; N_FEATS];
    let mut counts = [0, N_OTHER, N_OTHER + N_BUFFER, STACK_AT];
    let mut i = 0;
    while i < N_FEATS {
        let g = feat_group(i) as usize;
        out[i] = counts[g];
        counts[g] += 1;
        i += 1;
    }
    // The group sizes above are right (checked at compile time).
    assert!(
        counts[0] == N_OTHER
            && counts[1] == N_OTHER + N_BUFFER
            && counts[2] == STACK_AT
            && counts[3] == N_FEATS
    );
    out
};

/// Number of label features in the stack group.
const N_STACK_LABEL: usize = 10;

/// The store positions of the label features in the stack group: all of it
/// that [`Parser::parse`] keeps when it reuses the group's scores.
const STACK_LABEL: [usize; N_STACK_LABEL] = {
    let mut out = [0; N_STACK_LABEL];
    let (mut i, mut k) = (0, 0);
    while i < N_LABEL_FEATS {
        if feat_group(LABEL_POSITIONS[i]) == 3 {
            out[k] = STORE[LABEL_POSITIONS[i]];
            k += 1;
        }
        i += 1;
    }
    assert!(k == N_STACK_LABEL);
    out
};

/// [`LABEL_POSITIONS`] in the store's order.
const LABEL_STORE: [usize; N_LABEL_FEATS] = {
    let mut out = [0; N_LABEL_FEATS];
    let mut i = 0;
    while i < N_LABEL_FEATS {
        out[i] = STORE[LABEL_POSITIONS[i]];
        i += 1;
    }
    out
};

const NIL: u32 = u32::MAX;

/// What the features of group 2 read: `b0`, its leftmost children, their
/// count and their labels.
type LeftKey = (usize, [u32; 2], u8, u64);
const NO_ATOM: u64 = 255;

/// A parser transition.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Move {
    /// Push the first buffer token onto the stack.
    Shift,
    /// Pop the stack top (which must have a head).
    Reduce,
    /// Attach the stack top to the first buffer token with this label, and pop it.
    Left(Dep),
    /// Attach the first buffer token to the stack top with this label, and push it.
    Right(Dep),
}

/// The kinds of moves: the move model's classes, in class order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// [`Move::Shift`]
    Shift,
    /// [`Move::Reduce`]
    Reduce,
    /// [`Move::Left`]
    Left,
    /// [`Move::Right`]
    Right,
}

impl Kind {
    /// Every kind, in class order.
    pub const ALL: [Kind; N_MOVES] = [Kind::Shift, Kind::Reduce, Kind::Left, Kind::Right];

    /// The move with this kind and, for arcs, `label`.
    pub fn with_label(self, label: Dep) -> Move {
        match self {
            Kind::Shift => Move::Shift,
            Kind::Reduce => Move::Reduce,
            Kind::Left => Move::Left(label),
            Kind::Right => Move::Right(label),
        }
    }
}

/// The label model's class of `dep` (`ROOT` is not an arc label and maps to `dep`).
pub fn label_class(dep: Dep) -> usize {
    dep.index().max(1) - 1
}

/// The label with label-model class `c`.
pub fn label_from_class(c: usize) -> Option<Dep> {
    if c < N_LABELS {
        Dep::from_index(c + 1)
    } else {
        None
    }
}

impl Move {
    /// The kind of this move.
    pub fn kind(self) -> Kind {
        match self {
            Move::Shift => Kind::Shift,
            Move::Reduce => Kind::Reduce,
            Move::Left(_) => Kind::Left,
            Move::Right(_) => Kind::Right,
        }
    }
}

/// A parser configuration. Buffers are reused across sentences.
#[derive(Clone, Debug, Default)]
pub struct State {
    n: usize,
    b0: usize,
    stack: Vec<u32>,
    heads: Vec<u32>,
    labels: Vec<u8>,
    /// Leftmost and second-leftmost children.
    lc: Vec<[u32; 2]>,
    /// Rightmost and second-rightmost children.
    rc: Vec<[u32; 2]>,
    nl: Vec<u8>,
    nr: Vec<u8>,
    /// Bit sets of the labels of left and right children.
    lset: Vec<u64>,
    rset: Vec<u64>,
    /// Per token, its stack group (3) the last time it was the stack top.
    stack_groups: Vec<Option<StackGroup>>,
}

/// The stack group's move scores and label features ([`STACK_LABEL`]) for
/// one stack top, and what they read of it (see [`State::stack_key`]).
#[derive(Clone, Debug)]
struct StackGroup {
    key: StackKey,
    labels: [u64; N_STACK_LABEL],
    scores: [i32; N_MOVES],
}

/// What the stack group's features read of `s0` besides its identity (the
/// tokens under it cannot change while it is on top, and it never comes
/// back once popped): its head, extreme children, valencies as the features
/// cap them, and label sets.
type StackKey = (u32, [u32; 2], [u32; 2], u8, u8, u64, u64);

impl State {
    /// Starts a parse of `n` tokens.
    pub fn reset(&mut self, n: usize) {
        self.n = n;
        self.b0 = 0;
        self.stack.clear();
        self.heads.clear();
        self.heads.resize(n, NIL);
        self.labels.clear();
        self.labels.resize(n, NO_ATOM as u8);
        for v in [&mut self.lc, &mut self.rc] {
            v.clear();
            v.resize(n, [NIL; 2]);
        }
        for v in [&mut self.nl, &mut self.nr] {
            v.clear();
            v.resize(n, 0);
        }
        for v in [&mut self.lset, &mut self.rset] {
            v.clear();
            v.resize(n, 0);
        }
        self.stack_groups.clear();
        self.stack_groups.resize(n, None);
    }

    /// True when the buffer is exhausted.
    pub fn is_final(&self) -> bool {
        self.b0 >= self.n
    }

    /// The stack, bottom first.
    pub fn stack(&self) -> &[u32] {
        &self.stack
    }

    /// Index of the first buffer token (equal to the length when final).
    pub fn b0(&self) -> usize {
        self.b0
    }

    /// Head assigned so far to token `i`.
    pub fn head(&self, i: usize) -> Option<usize> {
        self.heads.get(i).filter(|h| **h != NIL).map(|h| *h as usize)
    }

    /// Whether a move of this kind is allowed now.
    pub fn is_valid(&self, kind: Kind) -> bool {
        let s0 = self.stack.last().copied();
        let has_buffer = self.b0 < self.n;
        match kind {
            Kind::Shift => has_buffer,
            Kind::Reduce => s0.is_some_and(|s| self.heads[s as usize] != NIL),
            Kind::Left => has_buffer && s0.is_some_and(|s| self.heads[s as usize] == NIL),
            Kind::Right => has_buffer && s0.is_some(),
        }
    }

    fn add_arc(&mut self, h: u32, d: u32, label: Dep) {
        let (hu, du) = (h as usize, d as usize);
        self.heads[du] = h;
        self.labels[du] = label as u8;
        let bit = 1u64 << (label as u8 & 63);
        if d < h {
            let lc = &mut self.lc[hu];
            if lc[0] == NIL || d < lc[0] {
                *lc = [d, lc[0]];
            } else if lc[1] == NIL || d < lc[1] {
                lc[1] = d;
            }
            self.nl[hu] = self.nl[hu].saturating_add(1);
            self.lset[hu] |= bit;
        } else {
            let rc = &mut self.rc[hu];
            if rc[0] == NIL || d > rc[0] {
                *rc = [d, rc[0]];
            } else if rc[1] == NIL || d > rc[1] {
                rc[1] = d;
            }
            self.nr[hu] = self.nr[hu].saturating_add(1);
            self.rset[hu] |= bit;
        }
    }

    /// What the stack group reads of token `s0` (see [`StackKey`]).
    fn stack_key(&self, s0: usize) -> StackKey {
        (
            self.heads[s0],
            self.lc[s0],
            self.rc[s0],
            self.nl[s0].min(7),
            self.nr[s0].min(7),
            self.lset[s0],
            self.rset[s0],
        )
    }

    /// Applies a move; invalid moves are ignored (callers check validity first).
    pub fn apply(&mut self, mv: Move) {
        if !self.is_valid(mv.kind()) {
            return;
        }
        let b0 = self.b0 as u32;
        match mv {
            Move::Shift => {
                self.stack.push(b0);
                self.b0 += 1;
            }
            Move::Reduce => {
                self.stack.pop();
            }
            Move::Left(label) => {
                if let Some(s0) = self.stack.pop() {
                    self.add_arc(b0, s0, label);
                }
            }
            Move::Right(label) => {
                if let Some(&s0) = self.stack.last() {
                    self.add_arc(s0, b0, label);
                    self.stack.push(b0);
                    self.b0 += 1;
                }
            }
        }
    }

    /// Fills `out` with the features of this configuration, in template
    /// order. `words` are normalised word hashes and `tags` tag indices, one
    /// per token.
    #[inline]
    pub fn features(&self, words: &[u64], tags: &[u8], out: &mut [u64; N_FEATS]) {
        let mut store = [0u64; N_FEATS];
        self.fill(words, tags, &mut store, [true; 4]);
        for (o, &k) in out.iter_mut().zip(&STORE) {
            *o = store[k];
        }
    }

    /// Writes the features into `store` in [`STORE`] order: those of group
    /// 0 always, of groups 1, 2 and 3 if `groups[1]`, `[2]` and `[3]` (the
    /// others keep their values).
    #[inline]
    fn fill(&self, words: &[u64], tags: &[u8], store: &mut [u64; N_FEATS], groups: [bool; 4]) {
        let st = &self.stack;
        let k = st.len();
        let s0 = if k > 0 { st[k - 1] } else { NIL };
        let s1 = if k > 1 { st[k - 2] } else { NIL };
        let s2 = if k > 2 { st[k - 3] } else { NIL };
        let buf = |j: usize| if self.b0 + j < self.n { (self.b0 + j) as u32 } else { NIL };
        let (b0, b1, b2) = (buf(0), buf(1), buf(2));
        let get = |v: &Vec<u32>, i: u32| if i == NIL { NIL } else { v[i as usize] };
        let w = |i: u32| if i == NIL { NO_WORD } else { words[i as usize] };
        let t = |i: u32| if i == NIL { NO_ATOM } else { u64::from(tags[i as usize]) };
        let l = |i: u32| if i == NIL { NO_ATOM } else { u64::from(self.labels[i as usize]) };
        let child =
            |v: &Vec<[u32; 2]>, i: u32, j: usize| if i == NIL { NIL } else { v[i as usize][j] };
        let s0h = get(&self.heads, s0);
        let s0h2 = get(&self.heads, s0h);
        let (s0l, s0l2) = (child(&self.lc, s0, 0), child(&self.lc, s0, 1));
        let (s0r, s0r2) = (child(&self.rc, s0, 0), child(&self.rc, s0, 1));
        let (b0l, b0l2) = (child(&self.lc, b0, 0), child(&self.lc, b0, 1));
        let dist = if s0 != NIL && b0 != NIL {
            match b0 - s0 {
                d @ 1..=4 => u64::from(d),
                5..=9 => 5,
                _ => 6,
            }
        } else {
            0
        };
        let val =
            |v: &Vec<u8>, i: u32| if i == NIL { NO_ATOM } else { u64::from(v[i as usize].min(7)) };
        let set = |v: &Vec<u64>, i: u32| if i == NIL { 0 } else { v[i as usize] };
        let (s0w, s0t, s1w, s1t) = (w(s0), t(s0), w(s1), t(s1));
        let (b0w, b0t, b1w, b1t, b2w, b2t) = (w(b0), t(b0), w(b1), t(b1), w(b2), t(b2));
        let (s0vl, s0vr, b0vl) = (val(&self.nl, s0), val(&self.nr, s0), val(&self.nl, b0));
        /// Each feature is `(template id, atoms...)`; [`feat_group`] says
        /// which pass computes it.
        macro_rules! fill {
            ($(($id:literal $(, $atom:expr)*)),* $(,)?) => {
                // One block per group, each feature's test a constant.
                $(if const { feat_group($id - 1) } == 0 {
                    store[const { STORE[$id - 1] }] = feat!($id $(, $atom)*);
                })*
                if groups[1] {
                    $(if const { feat_group($id - 1) } == 1 {
                        store[const { STORE[$id - 1] }] = feat!($id $(, $atom)*);
                    })*
                }
                if groups[2] {
                    $(if const { feat_group($id - 1) } == 2 {
                        store[const { STORE[$id - 1] }] = feat!($id $(, $atom)*);
                    })*
                }
                if groups[3] {
                    $(if const { feat_group($id - 1) } == 3 {
                        store[const { STORE[$id - 1] }] = feat!($id $(, $atom)*);
                    })*
                }
            };
        }
        fill!(
            // Single tokens.
            (1, s0w, s0t),
            (2, s0w),
            (3, s0t),
            (4, s1w, s1t),
            (5, s1w),
            (6, s1t),
            (7, b0w, b0t),
            (8, b0w),
            (9, b0t),
            (10, b1w, b1t),
            (11, b1w),
            (12, b1t),
            (13, b2w, b2t),
            (14, b2w),
            (15, b2t),
            // Pairs.
            (16, s0w, s0t, b0w, b0t),
            (17, s0w, s0t, b0w),
            (18, s0w, b0w, b0t),
            (19, s0w, s0t, b0t),
            (20, s0t, b0w, b0t),
            (21, s0w, b0w),
            (22, s0t, b0t),
            (23, b0t, b1t),
            // Triples of tags.
            (24, b0t, b1t, b2t),
            (25, s0t, b0t, b1t),
            (26, t(s0h), s0t, b0t),
            (27, s0t, t(s0l), b0t),
            (28, s0t, t(s0r), b0t),
            (29, s0t, b0t, t(b0l)),
            // Distance.
            (30, s0w, dist),
            (31, s0t, dist),
            (32, b0w, dist),
            (33, b0t, dist),
            (34, s0w, b0w, dist),
            (35, s0t, b0t, dist),
            // Valency.
            (36, s0w, s0vr),
            (37, s0t, s0vr),
            (38, s0w, s0vl),
            (39, s0t, s0vl),
            (40, b0w, b0vl),
            (41, b0t, b0vl),
            // Heads and children.
            (42, w(s0h)),
            (43, t(s0h)),
            (44, l(s0)),
            (45, w(s0l)),
            (46, t(s0l)),
            (47, l(s0l)),
            (48, w(s0r)),
            (49, t(s0r)),
            (50, l(s0r)),
            (51, w(b0l)),
            (52, t(b0l)),
            (53, l(b0l)),
            // Second-order context.
            (54, w(s0h2)),
            (55, t(s0h2)),
            (56, l(s0h)),
            (57, w(s0l2)),
            (58, t(s0l2)),
            (59, l(s0l2)),
            (60, w(s0r2)),
            (61, t(s0r2)),
            (62, l(s0r2)),
            (63, w(b0l2)),
            (64, t(b0l2)),
            (65, l(b0l2)),
            (66, s0t, t(s0l), t(s0l2)),
            (67, s0t, t(s0r), t(s0r2)),
            (68, s0t, t(s0h), t(s0h2)),
            (69, b0t, t(b0l), t(b0l2)),
            // Label sets.
            (70, s0w, set(&self.rset, s0)),
            (71, s0t, set(&self.rset, s0)),
            (72, s0w, set(&self.lset, s0)),
            (73, s0t, set(&self.lset, s0)),
            (74, b0w, set(&self.lset, b0)),
            (75, b0t, set(&self.lset, b0)),
            // Deeper stack.
            (76, s1t, s0t),
            (77, s1t, s0t, b0t),
            (78, s1w, s0w),
            (79, t(s2), s1t, s0t),
            // The buffer front's words together.
            (80, b0w, b1w),
            (81, b0w, b1t),
            (82, b0t, b1w),
            // What the stack top is waiting for: its label and its
            // rightmost child against the buffer front.
            (83, l(s0), s0t, b0t),
            (84, l(s0), b0w),
            (85, t(s0r), b0w),
            (86, l(s0r), s0t, b0t),
            (87, s0w, t(s0r), b0t),
            (88, s0w, b0t, b1t),
            (89, s0t, b0w, b1t),
            (90, s1t, b0t),
            (91, s1w, b0w),
        );
    }

    /// Ends the parse: picks one root among the headless tokens (the one
    /// with most dependents, leftmost on ties) and attaches any others to
    /// it (`punct` for punctuation, `dep` otherwise). Writes one head and
    /// label per token.
    pub fn finish(
        &mut self,
        is_punct: impl Fn(usize) -> bool,
        heads: &mut Vec<Option<usize>>,
        labels: &mut Vec<Dep>,
    ) {
        let n = self.n;
        let root = (0..n)
            .filter(|&i| self.heads[i] == NIL)
            .max_by_key(|&i| (u32::from(self.nl[i]) + u32::from(self.nr[i]), std::cmp::Reverse(i)));
        heads.clear();
        labels.clear();
        for i in 0..n {
            if Some(i) == root {
                heads.push(None);
                labels.push(Dep::Root);
            } else if self.heads[i] == NIL {
                heads.push(root);
                labels.push(if is_punct(i) { Dep::Punct } else { Dep::Dep });
            } else {
                heads.push(Some(self.heads[i] as usize));
                labels.push(Dep::from_index(usize::from(self.labels[i])).unwrap_or(Dep::Dep));
            }
        }
    }
}

/// The features the label model reads for an arc of kind `kind` (left or
/// right), drawn from the state's feature vector `feats`. Each is rehashed
/// with the direction: the same words mean different labels on either side.
#[inline]
pub fn label_features(feats: &[u64; N_FEATS], kind: Kind) -> [u64; N_LABEL_FEATS] {
    label_features_at(feats, &LABEL_POSITIONS, kind)
}

/// [`label_features`] from features at `positions` of `feats`.
#[inline]
fn label_features_at(
    feats: &[u64; N_FEATS],
    positions: &[usize; N_LABEL_FEATS],
    kind: Kind,
) -> [u64; N_LABEL_FEATS] {
    let salt = if kind == Kind::Left { 0x4C45_4654 } else { 0x5249_4748 };
    let mut out = gather(feats, positions);
    for f in &mut out {
        *f = crate::hash::finish(*f ^ salt);
    }
    out
}

/// The features at `positions`. (A loop: `<[_; N]>::map` is not inlined
/// here and costs as much as the lookups it feeds.)
#[inline]
fn gather<const F: usize>(feats: &[u64; N_FEATS], positions: &[usize; F]) -> [u64; F] {
    let mut out = [0u64; F];
    for (o, &i) in out.iter_mut().zip(positions) {
        *o = feats[i];
    }
    out
}

/// Arc labels that the tags of the head and the dependent decide on their
/// own, or together with the dependent's word (learnt from the training
/// data, like the tagger's dictionary): more than half of all arcs
/// (punctuation, determiners, auxiliaries, objects of prepositions, "by"
/// under a passive participle...) skip the label model.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
struct LabelDict {
    /// `[direction (0 left, 1 right), head tag, dependent tag, label class]`,
    /// sorted by the first three: the file form.
    entries: Vec<[u8; 4]>,
    /// The same with the dependent's normalised word hash, sorted by entry
    /// and word: the file form.
    word_entries: Vec<([u8; 4], u64)>,
    /// The label class + 1 (0: none) by direction, head tag and dependent tag.
    table: Vec<u8>,
    /// The word entries by key, open addressing, at most half full: each
    /// slot the key's upper 56 bits and the label class + 1 (0: free); a
    /// power of two long.
    words: Vec<u64>,
}

const N_TAGS: usize = Tag::ALL.len();

/// The key of a word entry: its direction, tags and word, hashed.
#[inline]
fn word_key(dir: usize, head: usize, dep: usize, word: u64) -> u64 {
    let tags = ((dir * N_TAGS + head) * N_TAGS + dep) as u64;
    crate::hash::finish(crate::hash::mix(crate::hash::mix(0x4C41_4245_4C53, tags), word))
}

impl LabelDict {
    fn new(
        mut entries: Vec<[u8; 4]>,
        mut word_entries: Vec<([u8; 4], u64)>,
    ) -> Result<LabelDict, ModelError> {
        let corrupt = ModelError::Corrupt("parser label dictionary");
        let valid = |e: &[u8; 4]| {
            usize::from(e[0]) <= 1
                && usize::from(e[1]) < N_TAGS
                && usize::from(e[2]) < N_TAGS
                && usize::from(e[3]) < N_LABELS
        };
        entries.sort_unstable();
        word_entries.sort_unstable_by_key(|(e, w)| (e[0], e[1], e[2], *w));
        let mut table = vec![0u8; 2 * N_TAGS * N_TAGS];
        for (i, e) in entries.iter().enumerate() {
            if !valid(e) || entries.get(i + 1).is_some_and(|next| next[..3] == e[..3]) {
                return Err(corrupt);
            }
            let [dir, head, dep, _] = e.map(usize::from);
            table[(dir * N_TAGS + head) * N_TAGS + dep] = e[3] + 1;
        }
        let mut words = vec![0u64; (2 * word_entries.len()).next_power_of_two().max(2)];
        let mask = words.len() - 1;
        for (e, w) in &word_entries {
            if !valid(e) {
                return Err(corrupt);
            }
            let [dir, head, dep, _] = e.map(usize::from);
            let key = word_key(dir, head, dep, *w);
            let mut i = key as usize & mask;
            while words[i] != 0 {
                // The same key twice: a repeated entry (or a 56-bit collision).
                if words[i] >> 8 == key >> 8 {
                    return Err(corrupt);
                }
                i = (i + 1) & mask;
            }
            words[i] = key & !0xFF | u64::from(e[3] + 1);
        }
        Ok(LabelDict { entries, word_entries, table, words })
    }

    /// The label of an arc of kind `kind` from a token tagged `head` to one
    /// tagged `dep` with normalised word hash `word`, if the dictionary
    /// decides it.
    #[inline]
    fn get(&self, kind: Kind, head: u8, dep: u8, word: u64) -> Option<Dep> {
        let (head, dep) = (usize::from(head), usize::from(dep));
        if head >= N_TAGS || dep >= N_TAGS {
            return None;
        }
        let dir = usize::from(kind == Kind::Right);
        let class = match *self.table.get((dir * N_TAGS + head) * N_TAGS + dep)? {
            0 => self.word_class(word_key(dir, head, dep, word))?,
            c => c,
        };
        label_from_class(usize::from(class - 1))
    }

    /// The stored label class + 1 of a word key.
    #[inline]
    fn word_class(&self, key: u64) -> Option<u8> {
        let mask = self.words.len() - 1;
        let mut i = key as usize & mask;
        loop {
            match *self.words.get(i)? {
                0 => return None,
                slot if slot >> 8 == key >> 8 => return Some(slot as u8),
                _ => i = (i + 1) & mask,
            }
        }
    }
}

/// The parser: a move model over [`Kind`]s and a label model over arc
/// labels, which a dictionary by tags overrides.
#[derive(Clone, Debug)]
pub struct Parser {
    moves: Weights,
    labels: Weights,
    dict: LabelDict,
    /// Where label scores start: 0, or [`ABSENT`] for labels the model has
    /// no weights for, which then never win.
    label_start: [i32; N_LABELS],
}

/// Start score of a class without weights: far below any sum of weights.
const ABSENT: i32 = i32::MIN / 2;

/// [`Parser::label_start`] for a label table.
fn label_start(labels: &Weights) -> [i32; N_LABELS] {
    std::array::from_fn(|c| if labels.is_present(c) { 0 } else { ABSENT })
}

impl Parser {
    /// Wraps trained weights: `moves` must have [`N_MOVES`] classes and
    /// `labels` [`N_LABELS`].
    pub fn new(moves: Weights, labels: Weights) -> Result<Parser, ModelError> {
        if moves.n_classes() != N_MOVES {
            return Err(ModelError::Corrupt("parser move class count"));
        }
        if labels.n_classes() != N_LABELS {
            return Err(ModelError::Corrupt("parser label class count"));
        }
        let label_start = label_start(&labels);
        Ok(Parser { moves, labels, dict: LabelDict::default(), label_start })
    }

    /// This parser with a label dictionary: each rule says that arcs of
    /// kind `kind` (left or right; rules for other kinds are ignored) from a
    /// head tagged `head` to a dependent tagged `dependent` (and, if `word`
    /// is given, with that normalised word hash, [`crate::lex::Lex::norm`])
    /// get `label` without consulting the label model; rules without a word
    /// take precedence. A later rule for the same kind, tags and word
    /// replaces an earlier one.
    pub fn with_label_dict(
        self,
        rules: impl IntoIterator<Item = LabelRule>,
    ) -> Result<Parser, ModelError> {
        let mut entries: Vec<[u8; 4]> = Vec::new();
        let mut word_entries: Vec<([u8; 4], u64)> = Vec::new();
        for r in rules {
            let dir = match r.kind {
                Kind::Left => 0,
                Kind::Right => 1,
                Kind::Shift | Kind::Reduce => continue,
            };
            let e = [dir, r.head as u8, r.dependent as u8, label_class(r.label) as u8];
            match r.word {
                None => {
                    entries.retain(|x| x[..3] != e[..3]);
                    entries.push(e);
                }
                Some(w) => {
                    word_entries.retain(|x| (&x.0[..3], x.1) != (&e[..3], w));
                    word_entries.push((e, w));
                }
            }
        }
        Ok(Parser { dict: LabelDict::new(entries, word_entries)?, ..self })
    }

    /// The label dictionary's rules (see [`Parser::with_label_dict`]).
    pub fn label_rules(&self) -> Vec<LabelRule> {
        let tag = |t: u8| Tag::from_index(usize::from(t)).unwrap_or(Tag::Xx);
        let rule = |e: &[u8; 4], word| LabelRule {
            kind: if e[0] == 0 { Kind::Left } else { Kind::Right },
            head: tag(e[1]),
            dependent: tag(e[2]),
            word,
            label: label_from_class(usize::from(e[3])).unwrap_or(Dep::Dep),
        };
        let words = self.dict.word_entries.iter().map(|(e, w)| rule(e, Some(*w)));
        self.dict.entries.iter().map(|e| rule(e, None)).chain(words).collect()
    }

    /// The move model's weights.
    pub fn moves(&self) -> &Weights {
        &self.moves
    }

    /// The label model's weights.
    pub fn labels(&self) -> &Weights {
        &self.labels
    }

    /// A copy that scores with 16-bit weights (see [`Weights::exact`]).
    pub fn exact(&self) -> Parser {
        Parser { moves: self.moves.exact(), labels: self.labels.exact(), ..self.clone() }
    }

    /// A copy without move weights below `move_min` and label weights below
    /// `label_min` (see [`Weights::pruned`]).
    pub fn pruned(&self, move_min: i16, label_min: i16) -> Parser {
        let labels = self.labels.pruned(label_min);
        Parser {
            moves: self.moves.pruned(move_min),
            label_start: label_start(&labels),
            labels,
            dict: self.dict.clone(),
        }
    }

    /// Predicts the next move in the current state. Only called on
    /// non-final states, where shift is always valid.
    pub fn predict(
        &self,
        state: &State,
        words: &[u64],
        tags: &[u8],
        feats: &mut [u64; N_FEATS],
    ) -> Move {
        state.features(words, tags, feats);
        let mut scores = [0i32; N_MOVES];
        self.moves.score(feats, &mut scores);
        let kind = best_kind(state, &scores);
        kind.with_label(self.label(state, words, tags, feats, &LABEL_POSITIONS, kind))
    }

    /// The label for an arc of kind `kind` between the stack top and the
    /// buffer front: the dictionary's, else the label model's best (none is
    /// needed for shift and reduce; `dep` is returned then).
    fn label(
        &self,
        state: &State,
        words: &[u64],
        tags: &[u8],
        feats: &[u64; N_FEATS],
        positions: &[usize; N_LABEL_FEATS],
        kind: Kind,
    ) -> Dep {
        let Some(&s0) = state.stack.last() else { return Dep::Dep };
        let (s0, b0) = (s0 as usize, state.b0);
        let (head, dep) = match kind {
            Kind::Left => (b0, s0),
            Kind::Right => (s0, b0),
            Kind::Shift | Kind::Reduce => return Dep::Dep,
        };
        if let (Some(&h), Some(&d), Some(&w)) = (tags.get(head), tags.get(dep), words.get(dep)) {
            if let Some(label) = self.dict.get(kind, h, d, w) {
                return label;
            }
        }
        let mut scores = self.label_start;
        self.labels.score(&label_features_at(feats, positions, kind), &mut scores);
        let mut best = (ABSENT, N_LABELS);
        for (c, &s) in scores.iter().enumerate() {
            if s > best.0 {
                best = (s, c);
            }
        }
        label_from_class(best.1).unwrap_or(Dep::Dep)
    }

    /// Parses a sentence into `state` (final afterwards). Makes the same
    /// moves as repeated [`Parser::predict`], but neither recomputes nor
    /// rescores the features that only see `b0` (and its left children) or
    /// only the stack while what they read stays the same: integer sums do
    /// not depend on their order. (A stack top's group comes back after
    /// every left arc, which pops a token shifted onto it.)
    pub fn parse(&self, state: &mut State, words: &[u64], tags: &[u8]) {
        state.reset(words.len().min(tags.len()));
        let mut store = [0u64; N_FEATS];
        let mut buffer: Option<(usize, [i32; N_MOVES])> = None;
        let mut left: Option<(LeftKey, [i32; N_MOVES])> = None;
        while !state.is_final() {
            // With an empty stack only shift is valid: skip the scoring.
            let Some(&s0) = state.stack.last() else {
                state.apply(Move::Shift);
                continue;
            };
            let (b0, s0) = (state.b0, s0 as usize);
            let left_key = (b0, state.lc[b0], state.nl[b0], state.lset[b0]);
            let stack_key = state.stack_key(s0);
            let buffer_hit = buffer.filter(|c| c.0 == b0).map(|c| c.1);
            let left_hit = left.filter(|c| c.0 == left_key).map(|c| c.1);
            let stack_hit = match &state.stack_groups[s0] {
                Some(g) if g.key == stack_key => {
                    // The label model may read these.
                    for (&at, &f) in STACK_LABEL.iter().zip(&g.labels) {
                        store[at] = f;
                    }
                    Some(g.scores)
                }
                _ => None,
            };
            let groups = [true, buffer_hit.is_none(), left_hit.is_none(), stack_hit.is_none()];
            state.fill(words, tags, &mut store, groups);
            let (other, rest) = store.split_at(N_OTHER);
            let (buffer_feats, rest) = rest.split_at(N_BUFFER);
            let (left_feats, stack_feats) = rest.split_at(N_LEFT);
            let buffer_scores = buffer_hit.unwrap_or_else(|| {
                let s = self.move_scores::<N_BUFFER>(buffer_feats);
                buffer = Some((b0, s));
                s
            });
            let left_scores = left_hit.unwrap_or_else(|| {
                let s = self.move_scores::<N_LEFT>(left_feats);
                left = Some((left_key, s));
                s
            });
            let stack_scores = stack_hit.unwrap_or_else(|| {
                let scores = self.move_scores::<N_STACK>(stack_feats);
                let mut labels = [0u64; N_STACK_LABEL];
                for (l, &at) in labels.iter_mut().zip(&STACK_LABEL) {
                    *l = store[at];
                }
                state.stack_groups[s0] = Some(StackGroup { key: stack_key, labels, scores });
                scores
            });
            let mut scores = self.move_scores::<N_OTHER>(other);
            for (c, s) in scores.iter_mut().enumerate() {
                *s += buffer_scores[c] + left_scores[c] + stack_scores[c];
            }
            let kind = best_kind(state, &scores);
            let label = self.label(state, words, tags, &store, &LABEL_STORE, kind);
            state.apply(kind.with_label(label));
        }
    }

    /// The move scores of `feats` (a group's run of the feature store).
    #[inline]
    fn move_scores<const N: usize>(&self, feats: &[u64]) -> [i32; N_MOVES] {
        let mut scores = [0i32; N_MOVES];
        if let Ok(feats) = <&[u64; N]>::try_from(feats) {
            self.moves.score(feats, &mut scores);
        }
        scores
    }

    pub(crate) fn write(&self, w: &mut Writer) {
        self.moves.write(w);
        self.labels.write(w);
        w.len(self.dict.entries.len());
        w.bytes(self.dict.entries.as_flattened());
        w.len(self.dict.word_entries.len());
        let words: Vec<u64> = self.dict.word_entries.iter().map(|e| e.1).collect();
        let entries: Vec<[u8; 4]> = self.dict.word_entries.iter().map(|e| e.0).collect();
        w.u64s(&words);
        w.bytes(entries.as_flattened());
    }

    pub(crate) fn read(r: &mut Reader<'_>) -> Result<Parser, ModelError> {
        let moves = Weights::read(r)?;
        let labels = Weights::read(r)?;
        let quads = |r: &mut Reader<'_>, n: usize| -> Result<Vec<[u8; 4]>, ModelError> {
            let bytes = r.take(n.checked_mul(4).ok_or(ModelError::Truncated)?)?;
            Ok(bytes.chunks_exact(4).map(|c| [c[0], c[1], c[2], c[3]]).collect())
        };
        let n = r.len()?;
        let entries = quads(r, n)?;
        let n = r.len()?;
        let words = r.u64s(n)?;
        let word_entries: Vec<([u8; 4], u64)> = quads(r, n)?.into_iter().zip(words).collect();
        // The file's order is the sorted one: anything else is corruption.
        let key = |e: &([u8; 4], u64)| (e.0[0], e.0[1], e.0[2], e.1);
        if entries.windows(2).any(|w| w[0] >= w[1])
            || word_entries.windows(2).any(|w| key(&w[0]) >= key(&w[1]))
        {
            return Err(ModelError::Corrupt("parser label dictionary"));
        }
        let dict = LabelDict::new(entries, word_entries)?;
        Ok(Parser { dict, ..Parser::new(moves, labels)? })
    }
}

/// A label dictionary rule (see [`Parser::with_label_dict`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LabelRule {
    /// Left (the head is the buffer front) or right (the stack top).
    pub kind: Kind,
    /// The head's tag.
    pub head: Tag,
    /// The dependent's tag.
    pub dependent: Tag,
    /// The dependent's normalised word hash ([`crate::lex::Lex::norm`]), or
    /// `None` for any word.
    pub word: Option<u64>,
    /// The arc's label.
    pub label: Dep,
}

/// The best valid kind of move given the move scores (shift, which is
/// valid in every non-final state, if nothing else is).
fn best_kind(state: &State, scores: &[i32; N_MOVES]) -> Kind {
    let mut best = (i32::MIN, Kind::Shift);
    for (kind, &s) in Kind::ALL.iter().zip(scores) {
        if s > best.0 && state.is_valid(*kind) {
            best = (s, *kind);
        }
    }
    best.1
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    use super::*;

    #[test]
    fn classes_round_trip() {
        for c in 0..N_LABELS {
            assert_eq!(label_from_class(c).map(label_class), Some(c));
        }
        assert_eq!(label_from_class(N_LABELS), None);
        assert_eq!(N_LABELS, Dep::ALL.len() - 1);
        for (c, kind) in Kind::ALL.iter().enumerate() {
            assert_eq!(kind.with_label(Dep::Amod).kind(), *kind);
            assert_eq!(Kind::ALL.iter().position(|k| k == kind), Some(c));
        }
    }

    #[test]
    fn parse_makes_the_moves_predict_makes() {
        // Guards the feature groups whose scores `parse` reuses (and the
        // features it leaves in its store for the label model).
        let model = crate::Model::embedded();
        for text in [
            "Rebels who attacked the town on Tuesday said , after talks in Geneva , that the \
             government they fought had promised nothing to them .",
            "The very large and well armed rebel forces of the northern alliance quickly took \
             the old capital , its airport and three nearby villages .",
            "\" We will not , \" said the defence minister 's spokesman , \" negotiate with them \
             while the fighting in the south , east and west goes on . \"",
            "Police arrested 20 students",
        ] {
            predict_and_parse_agree(model.parser(), model.tagger(), text);
        }
    }

    fn predict_and_parse_agree(model: &Parser, tagger: &crate::tagger::Tagger, text: &str) {
        let lex: Vec<_> = text.split_whitespace().map(crate::lex::Lex::new).collect();
        let mut tags = Vec::new();
        tagger.tag(&lex, &mut tags);
        let words: Vec<u64> = lex.iter().map(|l| l.norm).collect();
        let tags: Vec<u8> = tags.iter().map(|t| *t as u8).collect();
        let (mut a, mut b) = (State::default(), State::default());
        model.parse(&mut a, &words, &tags);
        b.reset(words.len());
        let mut feats = [0u64; N_FEATS];
        let (mut buffers, mut lefts, mut stacks) = (HashMap::new(), HashMap::new(), HashMap::new());
        while !b.is_final() {
            let mv = if b.stack().is_empty() {
                Move::Shift
            } else {
                let mv = model.predict(&b, &words, &tags, &mut feats);
                // Features in a reused group must be a function of its key.
                let b0 = b.b0;
                let group = |g: u8| -> Vec<u64> {
                    (0..N_FEATS).filter(|&i| feat_group(i) == g).map(|i| feats[i]).collect()
                };
                let buffer = group(1);
                assert_eq!(*buffers.entry(b0).or_insert(buffer.clone()), buffer);
                let stack = group(3);
                let s0 = *b.stack().last().unwrap() as usize;
                let key = (s0, b.stack_key(s0));
                assert_eq!(*stacks.entry(key).or_insert(stack.clone()), stack);
                let left = group(2);
                let key = (b0, b.lc[b0], b.nl[b0], b.lset[b0]);
                assert_eq!(*lefts.entry(key).or_insert(left.clone()), left);
                mv
            };
            b.apply(if b.is_valid(mv.kind()) { mv } else { Move::Shift });
        }
        assert_eq!((a.heads, a.labels), (b.heads, b.labels), "{text}");
    }

    #[test]
    fn label_dictionary_decides_its_arcs() {
        let model = crate::Model::embedded();
        let parser = model.parser();
        assert!(parser.label_rules().len() > 50, "the shipped model has a label dictionary");
        // "troops attacked village", with a rule that labels every
        // NNS <- VBD left arc `expl` (which the label model would never pick).
        let (words, tags) = ([11u64, 22, 33], [Tag::Nns as u8, Tag::Vbd as u8, Tag::Nn as u8]);
        let rule = LabelRule {
            kind: Kind::Left,
            head: Tag::Vbd,
            dependent: Tag::Nns,
            word: None,
            label: Dep::Expl,
        };
        let forced = parser.clone().with_label_dict([rule]).unwrap();
        let mut s = State::default();
        let mut feats = [0u64; N_FEATS];
        s.reset(3);
        s.apply(Move::Shift);
        assert_eq!(forced.predict(&s, &words, &tags, &mut feats), Move::Left(Dep::Expl));
        assert_ne!(parser.predict(&s, &words, &tags, &mut feats), Move::Left(Dep::Expl));
        // Rules for moves without labels are ignored; a later rule replaces an earlier one.
        let nsubj = LabelRule { label: Dep::Nsubj, ..rule };
        let shift = LabelRule { kind: Kind::Shift, ..rule };
        let p = parser.clone().with_label_dict([rule, shift, nsubj]).unwrap();
        assert_eq!(p.label_rules(), vec![nsubj]);
        // Tags the model does not know never index the table.
        assert_eq!(p.dict.get(Kind::Left, 200, 3, 0), None);
        // A rule with a word decides only arcs to that word.
        let troops = crate::lex::Lex::new("troops").norm;
        let by_word = parser.clone().with_label_dict([LabelRule { word: Some(troops), ..rule }]);
        let by_word = by_word.unwrap();
        assert_eq!(
            by_word.predict(&s, &[troops, 22, 33], &tags, &mut feats),
            Move::Left(Dep::Expl)
        );
        assert_ne!(by_word.predict(&s, &words, &tags, &mut feats), Move::Left(Dep::Expl));
    }

    #[test]
    fn label_dictionary_bytes_are_checked() {
        let rule = |dependent, word| LabelRule {
            kind: Kind::Right,
            head: Tag::In,
            dependent,
            word,
            label: Dep::Pobj,
        };
        let model = crate::Model::embedded();
        let both = [rule(Tag::Nn, None), rule(Tag::Nn, Some(7)), rule(Tag::Nns, Some(3))];
        let parser = model.parser().clone().with_label_dict(both).unwrap();
        let mut w = Writer::default();
        parser.write(&mut w);
        let read = Parser::read(&mut Reader::new(&w.buf)).unwrap();
        assert_eq!(read.label_rules(), parser.label_rules());
        assert_eq!(read.label_rules().len(), 3);
        // Tag-pair rules only: their two entries are 12 to 4 bytes from the
        // end (the word rules' count, 0, follows); word rules only: their
        // entries are the last 8 bytes, their words the 16 before. Swapping
        // two entries unsorts them; a label class out of range or a
        // direction other than 0/1 is corrupt.
        for words in [false, true] {
            let rules = [Tag::Nn, Tag::Nns].map(|t| rule(t, words.then_some(5)));
            let parser = model.parser().clone().with_label_dict(rules).unwrap();
            let mut w = Writer::default();
            parser.write(&mut w);
            assert_eq!(Parser::read(&mut Reader::new(&w.buf)).unwrap().label_rules().len(), 2);
            let end = if words { w.buf.len() } else { w.buf.len() - 4 };
            for (at, value) in [(end - 8, 1), (end - 1, 200), (end - 4, 2)] {
                let mut bad = w.buf.clone();
                if at == end - 8 {
                    bad[end - 8..end].rotate_left(4);
                } else {
                    bad[at] = value;
                }
                assert_eq!(
                    Parser::read(&mut Reader::new(&bad)).unwrap_err(),
                    ModelError::Corrupt("parser label dictionary"),
                    "words {words}, byte {at}"
                );
            }
        }
    }

    #[test]
    fn transitions_build_a_tree() {
        // "troops attacked village": nsubj <- attacked -> dobj
        let mut s = State::default();
        s.reset(3);
        s.apply(Move::Shift);
        s.apply(Move::Left(Dep::Nsubj));
        s.apply(Move::Shift);
        s.apply(Move::Right(Dep::Dobj));
        assert!(s.is_final());
        let (mut h, mut l) = (Vec::new(), Vec::new());
        s.finish(|_| false, &mut h, &mut l);
        assert_eq!(h, vec![Some(1), None, Some(1)]);
        assert_eq!(l, vec![Dep::Nsubj, Dep::Root, Dep::Dobj]);
    }
}
