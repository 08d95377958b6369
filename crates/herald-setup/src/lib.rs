//! From options to a ready coder: the one place where herald's command
//! line (and later its Python binding) turns a dictionaries directory,
//! PETRARCH files and a syntax choice into a [`herald_coder::Coder`], with
//! the [`Provenance`](herald_core::Provenance) of what it codes.
//!
//! Unlike the core crates this one reads files: dictionaries, and the
//! `conventions.txt` of a dictionaries directory.
//!
//! ```
//! let setup = herald_setup::build(&herald_setup::Options::default()).unwrap();
//! let coded = herald_setup::code_story(&setup.coder, &herald_core::CameoTable::embedded(), &story());
//! assert_eq!(coded.records[0].cameo_root, "19");
//! assert_eq!(setup.provenance.conventions, "herald");
//! # fn story() -> herald_input::Story {
//! #     herald_input::Story {
//! #         id: "a".into(), date: None, source: None, title: None,
//! #         text: "Russia attacked Ukraine.".into(), extra: Default::default(),
//! #         origin: herald_input::Origin { file: "-".into(), line: 1 }, warnings: vec![],
//! #     }
//! # }
//! ```
#![warn(missing_docs)]

mod dicts;
mod error;
mod setup;
mod story;

pub use error::SetupError;
pub use setup::{build, Conventions, Options, Setup};
pub use story::{code_story, CodedStory};
