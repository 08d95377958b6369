//! The hash of the token table, shared by the build script that lays the
//! table out and the reader that probes it: FNV-1a, 64 bits.

/// FNV-1a of a normalised token's bytes.
pub(crate) fn hash(token: &str) -> u64 {
    token
        .bytes()
        .fold(0xcbf2_9ce4_8422_2325, |h, b| (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3))
}
