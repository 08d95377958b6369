//! Pure-Rust English NLP core: a POS tagger (Penn Treebank tags), a
//! lemmatiser and a labelled transition-based dependency parser (ClearNLP
//! labels, as spaCy's English models use), trained on spaCy silver
//! annotations and embedded in the binary. No external parser, no I/O.
//!
//! ```
//! use herald_nlp::{Dep, Model, Tag};
//!
//! let model = Model::embedded();
//! let a = model.analyze(&["Rebels", "attacked", "the", "town", "."]);
//! assert_eq!(a.tags[1], Tag::Vbd);
//! assert_eq!(a.lemmas[1], "attack");
//! assert_eq!(a.heads[0], Some(1));
//! assert_eq!(a.labels[0], Dep::Nsubj);
//! ```
//!
//! # Pipeline
//!
//! Input is one sentence of PTB-style tokens, as `herald_text::tokenize`
//! produces them. Each token's form, lowercased form, shape and affixes are
//! hashed once ([`lex::Lex`]). The [`tagger`] tags left to right with an
//! averaged perceptron over word, affix, shape and neighbouring word and tag
//! features (frequent unambiguous words come from a dictionary). The
//! [`Lemmatizer`] applies spaCy's rule lemmatiser to the predicted tags. The
//! [`parser`] is greedy arc-eager; each step scores Zhang & Nivre (2011)
//! style features (words and tags of the stack, buffer, heads and children,
//! distance, valency, label sets) and picks the best valid move, then, for
//! an arc, its label with a second, smaller classifier.
//!
//! # Model
//!
//! The weights are hashed features with sparse rows of quantised `i16`
//! weights ([`Weights`]); see `ARCHITECTURE.md` for the file format and
//! `train/README.md` for how `model/en.hnm` is reproduced. [`Model::embedded`]
//! decodes the embedded bytes in a few milliseconds in release builds.
//! [`Model::from_bytes`] validates everything and returns [`ModelError`] on
//! corrupt input.
#![warn(missing_docs)]

mod format;
mod hash;
mod labels;
mod lemma;
pub mod lex;
pub mod parser;
pub mod tagger;
mod weights;

pub use labels::{Dep, Tag};
pub use lemma::{LemmaTables, Lemmatizer};
pub use weights::Weights;

use format::{Reader, Writer};
use lex::Lex;
use parser::{Parser, State};
use tagger::Tagger;

/// The model shipped with the crate (built by `herald-nlp-train`).
static EMBEDDED: &[u8] = include_bytes!("../model/en.hnm");

/// The SHA-256 (hex) of the embedded model file, computed at build time.
pub const EMBEDDED_SHA256: &str = env!("HERALD_MODEL_SHA256");

const MAGIC: &[u8; 4] = b"HNLP";
const VERSION: u32 = 5;

/// Why model bytes could not be loaded.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum ModelError {
    /// The bytes do not start with the model magic number.
    #[error("not a herald-nlp model (bad magic number)")]
    BadMagic,
    /// The model was written by an incompatible format version.
    #[error("unsupported model format version {0} (expected {VERSION})")]
    UnsupportedVersion(u32),
    /// The bytes end before the model does.
    #[error("model data is truncated")]
    Truncated,
    /// A table is internally inconsistent.
    #[error("model data is corrupt: {0}")]
    Corrupt(&'static str),
}

/// Tagger, lemmatiser and parser weights.
#[derive(Clone, Debug)]
pub struct Model {
    tagger: Tagger,
    lemmatizer: Lemmatizer,
    parser: Parser,
}

/// The analysis of one sentence: one entry per token in every vector.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Analysis {
    /// Penn Treebank tag per token.
    pub tags: Vec<Tag>,
    /// Lowercase lemma per token.
    pub lemmas: Vec<String>,
    /// Index of each token's head; `None` for the root (exactly one per
    /// non-empty sentence).
    pub heads: Vec<Option<usize>>,
    /// Dependency label per token (`ROOT` for the root).
    pub labels: Vec<Dep>,
}

impl Model {
    /// Loads the model embedded in the binary. Takes a few milliseconds;
    /// call it once per process and share the model.
    pub fn embedded() -> Model {
        // The embedded bytes are produced by our trainer and checked by the
        // crate's tests, so failure here is a build defect, not an input error.
        Model::from_bytes(EMBEDDED).expect("embedded herald-nlp model is valid")
    }

    /// Loads a model from bytes in our format.
    pub fn from_bytes(bytes: &[u8]) -> Result<Model, ModelError> {
        let mut r = Reader::new(bytes);
        if r.take(4).map_err(|_| ModelError::BadMagic)? != MAGIC {
            return Err(ModelError::BadMagic);
        }
        let version = r.u32()?;
        if version != VERSION {
            return Err(ModelError::UnsupportedVersion(version));
        }
        let tagger = Tagger::read(&mut r)?;
        let lemmatizer = Lemmatizer::read(&mut r)?;
        let parser = Parser::read(&mut r)?;
        if !r.is_empty() {
            return Err(ModelError::Corrupt("trailing bytes"));
        }
        Ok(Model { tagger, lemmatizer, parser })
    }

    /// Assembles a model from trained parts (used by the trainer).
    pub fn from_parts(tagger: Tagger, lemmatizer: Lemmatizer, parser: Parser) -> Model {
        Model { tagger, lemmatizer, parser }
    }

    /// Serialises the model in the format [`Model::from_bytes`] reads.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut w = Writer::default();
        w.bytes(MAGIC);
        w.u32(VERSION);
        self.tagger.write(&mut w);
        self.lemmatizer.write(&mut w);
        self.parser.write(&mut w);
        w.buf
    }

    /// A copy with small weights removed from the tagger and the parser
    /// (see [`Weights::pruned`]); trades a little accuracy for size and speed.
    pub fn pruned(&self, tag_min: i16, move_min: i16, label_min: i16) -> Model {
        Model {
            tagger: self.tagger.with_weights(self.tagger.weights().pruned(tag_min)),
            lemmatizer: self.lemmatizer.clone(),
            parser: self.parser.pruned(move_min, label_min),
        }
    }

    /// The tagger.
    pub fn tagger(&self) -> &Tagger {
        &self.tagger
    }

    /// The lemmatiser.
    pub fn lemmatizer(&self) -> &Lemmatizer {
        &self.lemmatizer
    }

    /// The parser.
    pub fn parser(&self) -> &Parser {
        &self.parser
    }

    /// Tags, lemmatises and parses one sentence given its PTB-style tokens
    /// (as spaCy tokenises English: `n't`, `'s` and punctuation split off).
    /// Any input is accepted; an empty slice gives an empty analysis.
    pub fn analyze(&self, tokens: &[&str]) -> Analysis {
        let mut a = self.tag_and_parse(tokens);
        a.lemmas = tokens.iter().zip(&a.tags).map(|(t, g)| self.lemmatizer.lemma(t, *g)).collect();
        a
    }

    /// [`Model::analyze`] without the lemmas (`lemmas` is empty): what
    /// event coding needs, and about 5% faster.
    pub fn tag_and_parse(&self, tokens: &[&str]) -> Analysis {
        let lex: Vec<Lex> = tokens.iter().map(|t| Lex::new(t)).collect();
        let mut tags = Vec::with_capacity(tokens.len());
        self.tagger.tag(&lex, &mut tags);
        let words: Vec<u64> = lex.iter().map(|l| l.norm).collect();
        let tag_ids: Vec<u8> = tags.iter().map(|t| *t as u8).collect();
        let mut state = State::default();
        self.parser.parse(&mut state, &words, &tag_ids);
        let (mut heads, mut labels) = (Vec::new(), Vec::new());
        state.finish(|i| tags[i].is_punct(), &mut heads, &mut labels);
        Analysis { tags, lemmas: Vec::new(), heads, labels }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bad_bytes_are_errors() {
        assert_eq!(Model::from_bytes(b"").unwrap_err(), ModelError::BadMagic);
        assert_eq!(Model::from_bytes(b"XXXXabcd").unwrap_err(), ModelError::BadMagic);
        assert_eq!(
            Model::from_bytes(b"HNLP\x09\0\0\0").unwrap_err(),
            ModelError::UnsupportedVersion(9)
        );
        assert_eq!(Model::from_bytes(b"HNLP\x05\0\0\0").unwrap_err(), ModelError::Truncated);
        // Version 2 models had no index pilots, version 3 no label
        // dictionary, version 4 no word rules in it.
        for old in [2u8, 3, 4] {
            assert_eq!(
                Model::from_bytes(&[b'H', b'N', b'L', b'P', old, 0, 0, 0]).unwrap_err(),
                ModelError::UnsupportedVersion(u32::from(old))
            );
        }
    }
}
