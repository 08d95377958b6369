//! Sentence splitting and tokenisation for English news text.
//!
//! Every token and sentence is a [`Span`] of byte offsets into the original
//! text; nothing is normalised or copied, so evidence can always be traced
//! back to the exact characters of the story.
//!
//! Tokens follow the Penn Treebank/spaCy conventions the tagger was trained
//! on: punctuation and clitics (`'s`, `n't`) are split off, hyphens between
//! letters are their own tokens, and abbreviations (`U.S.`, `Mr.`, `Jan.`)
//! keep their periods.
//!
//! Format characters ([`is_ignorable`]: zero-width spaces and joiners,
//! bidirectional controls, the byte-order mark, soft hyphens) are invisible,
//! so they never decide a word: between words they separate like a blank,
//! and inside a word ("Rus\u{AD}sia") they stay in its token, for matching
//! to skip.
//!
//! ```
//! let text = "Mr. Lavrov met U.S. officials on Jan. 5. The talks ended, he said.";
//! let sentences = herald_text::split_sentences(text);
//! assert_eq!(sentences.len(), 2);
//! let first: Vec<&str> = sentences[0].tokens.iter().map(|t| t.slice(text)).collect();
//! assert_eq!(first, ["Mr.", "Lavrov", "met", "U.S.", "officials", "on", "Jan.", "5", "."]);
//! ```
#![warn(missing_docs)]

mod abbrev;
mod sentences;
mod tokens;

pub use herald_core::Span;
pub use sentences::{split_sentences, Sentence};
pub use tokens::{is_ignorable, tokenize};
