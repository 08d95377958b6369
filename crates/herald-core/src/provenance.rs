//! What produced a set of events: herald's version, the parsing model, the
//! dictionaries and the coder's settings.

use serde::{Deserialize, Serialize};

/// The configuration that coded some events. Two runs with equal
/// provenances code the same text the same way; the event store keeps the
/// provenance of its events so that it never mixes configurations unawares.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Provenance {
    /// herald's version.
    pub herald: String,
    /// SHA-256 of the parsing model, when the coder parses sentences.
    pub model: Option<String>,
    /// Every dictionary file the coder was built from, in load order.
    pub dictionaries: Vec<Fingerprint>,
    /// The coding conventions: `herald` or `petrarch`.
    pub conventions: String,
    /// Where subjects and objects come from: `parse` or `word-order`.
    pub syntax: String,
}

/// A dictionary file by name and content.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Fingerprint {
    /// The file's name (`embedded:verbs.txt` for an embedded one); the
    /// directory is left out so that the same files elsewhere compare equal.
    pub name: String,
    /// SHA-256 of its bytes, in hex.
    pub sha256: String,
}
