//! [`build`]: options in, a coder and its provenance out.

use std::path::{Path, PathBuf};

use herald_coder::{Coder, CoderConfig, Syntax};
use herald_core::{Fingerprint, Provenance};
use herald_petrarch::{DictError, PetrarchFiles};

use crate::dicts::{self, fingerprint};
use crate::SetupError;

/// What to code with. The default is the embedded dictionaries with
/// herald's conventions.
#[derive(Clone, Debug, Default)]
pub struct Options {
    /// A directory of dictionaries: PETRARCH files (`CAMEO*.txt`,
    /// `*.actors.txt`, ...), coded with PETRARCH's conventions, or
    /// herald-format files that replace their embedded namesakes, with an
    /// optional `conventions.txt` (`herald` or `petrarch`).
    pub dictionaries: Option<PathBuf>,
    /// PETRARCH files named one by one, instead of `dictionaries`.
    pub petrarch: Option<PetrarchFiles>,
    /// Where subjects and objects come from, if not the conventions' choice.
    pub syntax: Option<Syntax>,
}

/// Coding conventions: the settings that go with a family of dictionaries.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Conventions {
    /// herald's ([`CoderConfig::standard`]).
    Herald,
    /// PETRARCH's ([`CoderConfig::petrarch`]).
    Petrarch,
}

impl Conventions {
    /// The coder settings of these conventions.
    pub fn config(self) -> CoderConfig {
        match self {
            Conventions::Herald => CoderConfig::standard(),
            Conventions::Petrarch => CoderConfig::petrarch(),
        }
    }

    /// `herald` or `petrarch`, as `conventions.txt` and provenances write it.
    pub fn as_str(self) -> &'static str {
        match self {
            Conventions::Herald => "herald",
            Conventions::Petrarch => "petrarch",
        }
    }
}

/// A ready coder and what it is.
#[derive(Debug)]
pub struct Setup {
    /// The coder.
    pub coder: Coder,
    /// herald's version, the model, the dictionary files and the settings.
    pub provenance: Provenance,
    /// Lines of PETRARCH dictionaries that were rejected and left out (each
    /// with file, line and column); the coder works without them.
    pub skipped: Vec<DictError>,
}

/// Builds the coder `options` describe: PETRARCH files if they are named
/// or found in the dictionaries directory, else herald-format files from
/// it, else the embedded dictionaries.
///
/// A dictionary that cannot be used (unreadable, not UTF-8, with no
/// entries, or in herald's format with any error) is an error; rejected
/// lines of a PETRARCH dictionary are left out and listed in
/// [`Setup::skipped`], as PETRARCH does.
pub fn build(options: &Options) -> Result<Setup, SetupError> {
    let dir = options.dictionaries.as_deref();
    let petrarch = match (dir, &options.petrarch) {
        (Some(_), Some(_)) => return Err(SetupError::BothSources),
        (None, files) => files.clone(),
        (Some(dir), None) if dir.is_dir() => PetrarchFiles::detect(dir)?,
        (Some(_), None) => None,
    };
    let (dicts, dictionaries, conventions, skipped) = match petrarch {
        Some(files) => {
            let (dicts, dictionaries, skipped) = load_petrarch(&files)?;
            (dicts, dictionaries, Conventions::Petrarch, skipped)
        }
        None => {
            let conventions = match dir.map(|d| d.join("conventions.txt")).filter(|p| p.is_file()) {
                Some(path) => read_conventions(&path)?,
                None => Conventions::Herald,
            };
            let (dicts, dictionaries) = dicts::load(dir)?;
            (dicts, dictionaries, conventions, Vec::new())
        }
    };
    let mut config = conventions.config();
    config.syntax = options.syntax.unwrap_or(config.syntax);
    let provenance = Provenance {
        herald: env!("CARGO_PKG_VERSION").to_string(),
        model: (config.syntax == Syntax::Parse).then(|| herald_nlp::EMBEDDED_SHA256.to_string()),
        dictionaries,
        conventions: conventions.as_str().to_string(),
        syntax: match config.syntax {
            Syntax::Parse => "parse",
            Syntax::WordOrder => "word-order",
        }
        .to_string(),
    };
    Ok(Setup { coder: Coder::new(dicts, config), provenance, skipped })
}

/// Loads PETRARCH files, refusing any that yields nothing to code with.
fn load_petrarch(
    files: &PetrarchFiles,
) -> Result<(herald_dict::Dictionaries, Vec<Fingerprint>, Vec<DictError>), SetupError> {
    let (parsed, skipped) = files.load()?;
    let dicts = herald_petrarch::to_dictionaries(&parsed);
    let unusable =
        |path: &Path, what| SetupError::Unusable { path: path.display().to_string(), what };
    if let Some(path) = &files.verbs {
        if dicts.verbs.patterns().is_empty() {
            return Err(unusable(path, "verb patterns"));
        }
    }
    for (path, actors) in files.actors.iter().zip(&parsed.actors) {
        if actors.entries.is_empty() {
            return Err(unusable(path, "actor entries"));
        }
    }
    if let (Some(path), Some(agents)) = (&files.agents, &parsed.agents) {
        if agents.entries.is_empty() {
            return Err(unusable(path, "agent entries"));
        }
    }
    let paths = files.verbs.iter().chain(&files.actors).chain(&files.agents).chain(&files.discards);
    let mut fingerprints = Vec::new();
    for path in paths {
        let bytes = std::fs::read(path)
            .map_err(|source| SetupError::Io { path: path.display().to_string(), source })?;
        let name = path
            .file_name()
            .map_or_else(|| path.display().to_string(), |n| n.to_string_lossy().into_owned());
        fingerprints.push(fingerprint(name, &bytes));
    }
    Ok((dicts, fingerprints, skipped))
}

/// Reads `conventions.txt`: `herald` or `petrarch`, with `#` comments.
fn read_conventions(path: &Path) -> Result<Conventions, SetupError> {
    let label = path.display().to_string();
    let text = std::fs::read_to_string(path)
        .map_err(|source| SetupError::Io { path: label.clone(), source })?;
    let mut words = text
        .lines()
        .enumerate()
        .map(|(i, l)| (i + 1, l.split('#').next().unwrap_or("").trim()))
        .filter(|(_, l)| !l.is_empty());
    let conventions = match words.next() {
        Some((_, "herald")) => Conventions::Herald,
        Some((_, "petrarch")) => Conventions::Petrarch,
        Some((line, _)) => return Err(SetupError::Conventions { path: label, line }),
        None => return Err(SetupError::Conventions { path: label, line: 1 }),
    };
    match words.next() {
        Some((line, _)) => Err(SetupError::Conventions { path: label, line }),
        None => Ok(conventions),
    }
}
