//! Dynamic oracle for arc-eager (Goldberg & Nivre 2012): the number of gold
//! arcs each transition makes unreachable from the current configuration.
//! Training on the model's own (possibly wrong) configurations teaches the
//! parser to recover from its mistakes.

use herald_nlp::parser::{Kind, State, N_MOVES};
use herald_nlp::Dep;

pub struct Gold<'a> {
    pub heads: &'a [Option<usize>],
    pub labels: &'a [Dep],
}

impl Gold<'_> {
    /// The kind and gold label of the arc between the stack top and the
    /// first buffer token, if the gold tree has one there.
    pub fn arc(&self, state: &State) -> Option<(Kind, Dep)> {
        let s0 = *state.stack().last()? as usize;
        let b0 = state.b0();
        if b0 >= self.heads.len() {
            None
        } else if self.heads[s0] == Some(b0) {
            Some((Kind::Left, self.labels[s0]))
        } else if self.heads[b0] == Some(s0) {
            Some((Kind::Right, self.labels[b0]))
        } else {
            None
        }
    }
}

/// Cost of each kind of move (in [`Kind::ALL`] order) in `state`
/// (`u32::MAX` if invalid). Labels are learned apart, on gold arcs.
/// `in_stack` is scratch space of the sentence length.
pub fn costs(state: &State, gold: &Gold<'_>, in_stack: &mut Vec<bool>, out: &mut [u32; N_MOVES]) {
    let n = gold.heads.len();
    in_stack.clear();
    in_stack.resize(n, false);
    for &k in state.stack() {
        in_stack[k as usize] = true;
    }
    let b0 = state.b0();
    let s0 = state.stack().last().map(|&s| s as usize);
    let gh = |k: usize| gold.heads[k];
    let headless = |k: usize| state.head(k).is_none();
    // Gold dependents of `x` still waiting on the stack / in the buffer.
    let deps_in_stack = |x: usize| {
        (0..n).filter(|&k| in_stack[k] && gh(k) == Some(x) && headless(k)).count() as u32
    };
    let deps_in_buffer = |x: usize| (b0..n).filter(|&k| gh(k) == Some(x)).count() as u32;

    *out = [u32::MAX; N_MOVES];
    if state.is_valid(Kind::Shift) {
        let head_in_stack = gh(b0).is_some_and(|h| in_stack[h]) as u32;
        out[0] = head_in_stack + deps_in_stack(b0);
    }
    if let (true, Some(s)) = (state.is_valid(Kind::Reduce), s0) {
        out[1] = deps_in_buffer(s);
    }
    if let (true, Some(s)) = (state.is_valid(Kind::Left), s0) {
        let head_lost = match gh(s) {
            None => 1,
            Some(h) => (h > b0) as u32,
        };
        out[2] = head_lost + deps_in_buffer(s);
    }
    if let (true, Some(s)) = (state.is_valid(Kind::Right), s0) {
        let head_lost = match gh(b0) {
            None => 1,
            Some(h) => (h != s && (in_stack[h] || h > b0)) as u32,
        };
        out[3] = head_lost + deps_in_stack(b0);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Following zero-cost moves from the start must rebuild a projective gold tree.
    #[test]
    fn zero_cost_moves_rebuild_the_gold_tree() {
        // The minister said the talks , which began Monday , failed .
        let heads = [
            Some(1),
            Some(2),
            None,
            Some(4),
            Some(10),
            Some(4),
            Some(7),
            Some(4),
            Some(7),
            Some(4),
            Some(2),
            Some(2),
        ];
        let labels = [
            Dep::Det,
            Dep::Nsubj,
            Dep::Root,
            Dep::Det,
            Dep::Nsubj,
            Dep::Punct,
            Dep::Nsubj,
            Dep::Relcl,
            Dep::Npadvmod,
            Dep::Punct,
            Dep::Ccomp,
            Dep::Punct,
        ];
        let gold = Gold { heads: &heads, labels: &labels };
        let mut state = State::default();
        state.reset(heads.len());
        let (mut scratch, mut out) = (Vec::new(), [0u32; N_MOVES]);
        while !state.is_final() {
            costs(&state, &gold, &mut scratch, &mut out);
            let best = (0..N_MOVES).min_by_key(|&c| out[c]).unwrap();
            assert_eq!(out[best], 0, "no zero-cost move at buffer {}", state.b0());
            let kind = Kind::ALL[best];
            let label = match gold.arc(&state) {
                Some((k, label)) if k == kind => label,
                _ => Dep::Dep,
            };
            state.apply(kind.with_label(label));
        }
        let (mut h, mut l) = (Vec::new(), Vec::new());
        state.finish(|i| labels[i] == Dep::Punct, &mut h, &mut l);
        assert_eq!(h, heads);
        assert_eq!(l, labels);
    }
}
