//! Errors of reading a gazetteer table.

/// A gazetteer table could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum GeoError {
    /// The bytes are not a valid table.
    #[error("corrupt gazetteer table: {what}")]
    Corrupt {
        /// What is wrong.
        what: &'static str,
    },
    /// The table is of another format version.
    #[error("gazetteer table format version {found}, expected {expected}")]
    Version {
        /// The table's version.
        found: u32,
        /// The version this crate reads.
        expected: u32,
    },
}
