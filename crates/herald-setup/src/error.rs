//! Why a coder could not be set up.

use std::io;

/// A coder could not be built from the options: herald cannot run.
#[derive(Debug, thiserror::Error)]
pub enum SetupError {
    /// Both a dictionaries directory and PETRARCH files were given.
    #[error("use either a dictionaries directory or PETRARCH files, not both")]
    BothSources,
    /// The dictionaries path is not a directory.
    #[error("{path}: not a directory")]
    NotADirectory {
        /// The path.
        path: String,
    },
    /// The directory holds no dictionary herald knows.
    #[error(
        "{dir}: no herald dictionary files (countries.tsv, igos.tsv, agents.tsv, verbs.txt, \
         irregular_verbs.tsv, actors.tsv, discards.txt) and no PETRARCH dictionaries"
    )]
    NoDictionaries {
        /// The directory.
        dir: String,
    },
    /// A file could not be read.
    #[error("{path}: cannot read: {source}")]
    Io {
        /// The file.
        path: String,
        /// The I/O error.
        source: io::Error,
    },
    /// A herald-format dictionary is not UTF-8.
    #[error("{path}:{line}:{column}: invalid UTF-8 (byte 0x{byte:02X})")]
    InvalidUtf8 {
        /// The file.
        path: String,
        /// 1-based line of the first invalid byte.
        line: usize,
        /// 1-based column (in characters) of the first invalid byte.
        column: usize,
        /// The invalid byte.
        byte: u8,
    },
    /// herald-format dictionaries with errors (each with file, line and column).
    #[error("dictionary errors:\n{0}")]
    Dictionary(#[from] herald_dict::DictErrors),
    /// A PETRARCH file that cannot be read at all.
    #[error(transparent)]
    Petrarch(#[from] herald_petrarch::DictError),
    /// A PETRARCH directory that is ambiguous or unreadable.
    #[error(transparent)]
    Detect(#[from] herald_petrarch::DetectError),
    /// A PETRARCH file with no usable entry: empty, truncated, or every
    /// line rejected.
    #[error("{path}: no {what}: the file is empty, truncated or all its lines are rejected")]
    Unusable {
        /// The file.
        path: String,
        /// What it should hold (`verb patterns`, `actor entries`, ...).
        what: &'static str,
    },
    /// `conventions.txt` says neither `herald` nor `petrarch`.
    #[error("{path}:{line}:1: expected `herald` or `petrarch`")]
    Conventions {
        /// The file.
        path: String,
        /// The line at fault.
        line: usize,
    },
}
