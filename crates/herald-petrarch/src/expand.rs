//! Bounded cartesian products, shared by every expansion (synsets, agent
//! substitutions, issue phrases), so that no input can make an expansion
//! take unbounded time or memory.

use crate::MAX_EXPANSIONS;

/// The most bytes of output one expansion aims to produce; the number of
/// results is reduced for long phrases so that the total stays near it.
pub(crate) const MAX_EXPANSION_BYTES: usize = 1 << 22;

/// How many results to produce for phrases of about `approx_len` bytes.
pub(crate) fn limit_for(approx_len: usize) -> usize {
    (MAX_EXPANSION_BYTES / approx_len.max(1)).clamp(1, MAX_EXPANSIONS)
}

/// The cartesian product of `slots`: every way of choosing one alternative
/// per slot, each result being the concatenation of the chosen
/// alternatives, in nested-loop order (the last slot varies fastest). At
/// most `limit` results; none if a slot has no alternative.
pub(crate) fn product<T: Clone>(slots: &[Vec<Vec<T>>], limit: usize) -> Vec<Vec<T>> {
    if slots.iter().any(Vec::is_empty) {
        return Vec::new();
    }
    let total =
        slots.iter().try_fold(1usize, |acc, s| acc.checked_mul(s.len())).unwrap_or(usize::MAX);
    let count = total.min(limit);
    // Only the slots with a choice need a digit.
    let varying: Vec<usize> = (0..slots.len()).filter(|&i| slots[i].len() > 1).collect();
    let mut out = Vec::with_capacity(count);
    let mut choice = vec![0usize; slots.len()];
    for k in 0..count {
        let mut rest = k;
        for &i in varying.iter().rev() {
            choice[i] = rest % slots[i].len();
            rest /= slots[i].len();
        }
        let mut item = Vec::new();
        for (slot, &c) in slots.iter().zip(&choice) {
            item.extend(slot[c].iter().cloned());
        }
        out.push(item);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn product_order_and_limits() {
        let s = |v: &[&str]| v.iter().map(|x| vec![x.to_string()]).collect::<Vec<_>>();
        let slots = vec![s(&["a", "b"]), s(&["-"]), s(&["x", "y", "z"])];
        let got: Vec<String> = product(&slots, 100).into_iter().map(|v| v.concat()).collect();
        assert_eq!(got, ["a-x", "a-y", "a-z", "b-x", "b-y", "b-z"]);
        assert_eq!(product(&slots, 2).len(), 2);
        assert!(product(&[s(&["a"]), vec![]], 10).is_empty());
        assert_eq!(product::<String>(&[], 10), vec![Vec::<String>::new()]);
        // A huge product is cut at the limit without overflowing.
        let many = vec![s(&["0", "1"]); 200];
        assert_eq!(product(&many, 5).len(), 5);
        assert_eq!(limit_for(0), MAX_EXPANSIONS);
        assert_eq!(limit_for(usize::MAX), 1);
    }
}
