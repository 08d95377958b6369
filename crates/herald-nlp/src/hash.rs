//! Feature hashing. Every feature is a 64-bit hash of a template id and a few
//! atoms (word hashes, tags, labels), so extracting features never allocates
//! and the weight tables never store strings.

/// Start value of a feature hash for template `id`.
#[inline]
pub(crate) fn template(id: u64) -> u64 {
    id.wrapping_mul(0x9E37_79B9_7F4A_7C15)
}

/// Folds one atom into a running hash.
#[inline]
pub(crate) fn mix(h: u64, x: u64) -> u64 {
    (h.rotate_left(5) ^ x).wrapping_mul(0x517C_C1B7_2722_0A95)
}

/// Final avalanche (murmur3 fmix64): the weight tables index slots with the
/// high bits, so every input bit must reach them.
#[inline]
pub(crate) fn finish(mut h: u64) -> u64 {
    h ^= h >> 33;
    h = h.wrapping_mul(0xFF51_AFD7_ED55_8CCD);
    h ^= h >> 33;
    h = h.wrapping_mul(0xC4CE_B9FE_1A85_EC53);
    h ^ (h >> 33)
}

/// Hashes a sequence of characters (FNV-1a over code points).
#[inline]
pub(crate) fn chars<I: IntoIterator<Item = char>>(it: I) -> u64 {
    it.into_iter().fold(0xCBF2_9CE4_8422_2325, chars_step)
}

/// Folds one more character into a [`chars`] hash.
#[inline]
pub(crate) fn chars_step(h: u64, c: char) -> u64 {
    (h ^ u64::from(c)).wrapping_mul(0x0000_0100_0000_01B3)
}

/// Builds a feature hash from a template id and its atoms.
macro_rules! feat {
    ($id:expr $(, $atom:expr)*) => {{
        let h = $crate::hash::template($id);
        $(let h = $crate::hash::mix(h, $atom);)*
        $crate::hash::finish(h)
    }};
}
pub(crate) use feat;
