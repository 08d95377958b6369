//! The event coder: from story text to CAMEO events with evidence.
//!
//! [`Coder::code`] splits a story into sentences, finds actor mentions,
//! matches verb patterns, and assigns each matched pattern a source and a
//! target:
//!
//! * the source is the pattern's `$` slot, a possessor right before the
//!   anchor ("Armenia's occupation"), or the nearest actor before the
//!   anchor in the same clause (the subject);
//! * the target is the pattern's `+` slot or the first actor after it;
//! * passive voice ("was attacked by") swaps them, negation ("did not
//!   agree") drops the event, compound actors ("Azerbaijan and Russia")
//!   give one event per actor (and reciprocal events when there is no
//!   target), and a reported obligation ("X said Y should withdraw") is
//!   coded as X demanding of Y.
//!
//! With [`Syntax::Parse`] (the default) subject, object, passive agent,
//! negation, shared subjects ("X met Y and signed ...") and relative-clause
//! boundaries come from `herald-nlp`'s dependency parse of the sentence
//! (`parse.rs`); the word-order rules above fill any slot it leaves empty.
//!
//! Coding never fails: problems become [`Diagnostic`]s.
//!
//! ```
//! use herald_coder::{Coder, CoderConfig};
//! let coder = Coder::new(herald_dict::Dictionaries::embedded(), CoderConfig::standard());
//! let coded = coder.code("Armenian forces occupied Azerbaijani territory.");
//! let event = &coded.events[0];
//! assert_eq!(event.source.code, "ARMMIL");
//! assert_eq!(event.target.as_ref().unwrap().code, "AZE");
//! assert_eq!(event.code.root().as_str(), "19");
//! ```
#![warn(missing_docs)]

mod clauses;
mod coder;
mod config;
mod context;
mod dates;
mod location;
mod matching;
mod mentions;
mod nouns;
mod parse;
mod places;
mod resolve;
mod sentence;
mod statements;
mod story;
mod words;

pub use coder::{Coded, Coder};
pub use config::{BareAgents, CoderConfig, Syntax};
