//! herald-format dictionaries: the embedded ones, or files of a directory
//! replacing their embedded namesakes.

use std::path::Path;

use herald_core::Fingerprint;
use herald_dict::{Dictionaries, Sources};
use sha2::{Digest, Sha256};

use crate::SetupError;

/// The files herald's format has, in the order of [`Sources`]' fields.
const NAMES: [&str; 7] = [
    "countries.tsv",
    "igos.tsv",
    "agents.tsv",
    "verbs.txt",
    "irregular_verbs.tsv",
    "actors.tsv",
    "discards.txt",
];

/// The dictionaries, and a fingerprint of every file they come from.
pub(crate) fn load(dir: Option<&Path>) -> Result<(Dictionaries, Vec<Fingerprint>), SetupError> {
    let embedded = slots(&Sources::embedded());
    let mut files: [Option<(String, String)>; 7] = Default::default();
    if let Some(dir) = dir {
        if !dir.is_dir() {
            return Err(SetupError::NotADirectory { path: dir.display().to_string() });
        }
        for (slot, name) in files.iter_mut().zip(NAMES) {
            let path = dir.join(name);
            if path.exists() {
                *slot = Some((path.display().to_string(), read_utf8(&path)?));
            }
        }
        if files.iter().all(Option::is_none) {
            return Err(SetupError::NoDictionaries { dir: dir.display().to_string() });
        }
    }
    let mut chosen: [Option<(&str, &str)>; 7] = Default::default();
    let mut fingerprints = Vec::new();
    for (i, name) in NAMES.iter().enumerate() {
        chosen[i] = match &files[i] {
            Some((label, text)) => {
                fingerprints.push(fingerprint(name.to_string(), text.as_bytes()));
                Some((label.as_str(), text.as_str()))
            }
            None => embedded[i].inspect(|(_, text)| {
                fingerprints.push(fingerprint(format!("embedded:{name}"), text.as_bytes()));
            }),
        };
    }
    let [countries, organisations, agents, verbs, irregular_verbs, actors, discards] = chosen;
    let sources =
        Sources { countries, organisations, agents, verbs, irregular_verbs, actors, discards };
    Ok((Dictionaries::from_sources(sources)?, fingerprints))
}

/// The fields of `sources` in the order of [`NAMES`].
fn slots<'a>(s: &Sources<'a>) -> [Option<(&'a str, &'a str)>; 7] {
    [s.countries, s.organisations, s.agents, s.verbs, s.irregular_verbs, s.actors, s.discards]
}

/// A file's text; invalid UTF-8 is an error at its line and column.
fn read_utf8(path: &Path) -> Result<String, SetupError> {
    let label = path.display().to_string();
    let bytes =
        std::fs::read(path).map_err(|source| SetupError::Io { path: label.clone(), source })?;
    String::from_utf8(bytes).map_err(|e| {
        let valid = &e.as_bytes()[..e.utf8_error().valid_up_to()];
        // The prefix is valid UTF-8 by definition, so this never loses text.
        let valid = String::from_utf8_lossy(valid);
        let line_start = valid.rfind('\n').map_or(0, |i| i + 1);
        SetupError::InvalidUtf8 {
            path: label,
            line: valid.matches('\n').count() + 1,
            column: valid[line_start..].chars().count() + 1,
            byte: e.as_bytes()[valid.len()],
        }
    })
}

/// The fingerprint of a file named `name` with these bytes.
pub(crate) fn fingerprint(name: String, bytes: &[u8]) -> Fingerprint {
    Fingerprint { name, sha256: sha256_hex(bytes) }
}

pub(crate) fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invalid_utf8_has_a_line_and_column() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("verbs.txt"), b"# verbs\n190 *\xc3\xa9 attack\xff +\n")
            .unwrap();
        let err = load(Some(dir.path())).unwrap_err().to_string();
        assert!(err.ends_with("verbs.txt:2:14: invalid UTF-8 (byte 0xFF)"), "{err}");
    }

    #[test]
    fn files_replace_their_embedded_namesakes() {
        let (_, embedded) = load(None).unwrap();
        assert_eq!(embedded.len(), 6);
        assert!(embedded.iter().all(|f| f.name.starts_with("embedded:") && f.sha256.len() == 64));
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("verbs.txt"), "190 *attack +\n").unwrap();
        let (dicts, prints) = load(Some(dir.path())).unwrap();
        assert_eq!(dicts.verbs.patterns().len(), 1);
        let names: Vec<&str> = prints.iter().map(|f| f.name.as_str()).collect();
        assert!(names.contains(&"verbs.txt") && names.contains(&"embedded:countries.tsv"));
    }
}
