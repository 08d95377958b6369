//! The one error type of the crate: [`DictError`], with its [`ErrorKind`].

use std::fmt;

/// An error found while reading a dictionary file.
///
/// Every error carries the path label the caller gave (or the path of the
/// file that was read), a 1-based line and a 1-based column (counted in
/// characters, not bytes), the offending text and what was wrong with it.
///
/// Errors that concern the file as a whole (I/O errors) have `line == 0`
/// and `column == 0`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct DictError {
    /// The path label of the file (as passed to `parse_*`, or the path read by `load_*`).
    pub path: String,
    /// 1-based line number; 0 for errors about the whole file.
    pub line: usize,
    /// 1-based column in characters; 0 for errors about the whole file.
    pub column: usize,
    /// The offending text (a fragment of the line, or the whole line).
    pub text: String,
    /// What was wrong.
    pub kind: ErrorKind,
}

impl fmt::Display for DictError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.line == 0 {
            write!(f, "{}: {}", self.path, self.kind)
        } else if self.text.is_empty() {
            write!(f, "{}:{}:{}: {}", self.path, self.line, self.column, self.kind)
        } else {
            write!(
                f,
                "{}:{}:{}: {} in `{}`",
                self.path, self.line, self.column, self.kind, self.text
            )
        }
    }
}

impl DictError {
    pub(crate) fn new(
        path: &str,
        line: usize,
        column: usize,
        text: &str,
        kind: ErrorKind,
    ) -> DictError {
        // Keep error values small even for pathological lines.
        let text = if text.len() > MAX_ERROR_TEXT {
            let mut cut = MAX_ERROR_TEXT;
            while !text.is_char_boundary(cut) {
                cut -= 1;
            }
            format!("{}…", &text[..cut])
        } else {
            text.to_string()
        };
        DictError { path: path.to_string(), line, column, text, kind }
    }

    /// An I/O error for the file `path`.
    pub(crate) fn io(path: &str, err: &std::io::Error) -> DictError {
        DictError::new(path, 0, 0, "", ErrorKind::Io { kind: err.kind(), message: err.to_string() })
    }
}

/// Longest offending text kept in an error, in bytes.
const MAX_ERROR_TEXT: usize = 200;

/// What was wrong, for a [`DictError`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ErrorKind {
    /// The file could not be read.
    #[error("cannot read file: {message}")]
    Io {
        /// The I/O error kind.
        kind: std::io::ErrorKind,
        /// The I/O error message.
        message: String,
    },
    /// The file is not valid UTF-8 (the position is that of the first bad byte).
    #[error("invalid UTF-8")]
    InvalidUtf8,
    /// A `<!--` comment that is never closed by `-->`.
    #[error("unterminated `<!--` comment")]
    UnterminatedComment,
    /// An opening bracket without its closing one.
    #[error("unclosed `{0}`")]
    Unclosed(char),
    /// A closing bracket without an opening one.
    #[error("unmatched `{0}`")]
    Unmatched(char),
    /// A bracket closed by the wrong kind of bracket, e.g. `[~ENV}`.
    #[error("`{open}` closed by `{close}`")]
    MismatchedBracket {
        /// The opening bracket.
        open: char,
        /// The bracket that closed it.
        close: char,
    },
    /// A group nested where the format does not allow it, e.g. `((`.
    #[error("`{0}` cannot be nested here")]
    NestedGroup(char),
    /// An entry that needs a `[code]` has none.
    #[error("missing `[code]`")]
    MissingCode,
    /// A `[]` with nothing in it.
    #[error("empty code `[]`")]
    EmptyCode,
    /// A code that is not a single blank-free string.
    #[error("malformed code")]
    InvalidCode,
    /// An agent code without `~`, or with `~` on both sides.
    #[error("agent code must be `~CODE` or `CODE~`")]
    InvalidAgentCode,
    /// Text after the end of an entry that is neither blank nor a comment.
    #[error("unexpected text after the entry")]
    TrailingText,
    /// A date that is not `YYMMDD` or `YYYYMMDD`, or not a real calendar date.
    #[error("invalid date: {0}")]
    InvalidDate(String),
    /// A date restriction that is neither `<date`, `>date` nor `date-date`.
    #[error("date restriction must be `<date`, `>date` or `date-date`")]
    InvalidRestriction,
    /// A phrase that is empty.
    #[error("empty phrase")]
    EmptyPhrase,
    /// A line that needs an enclosing entry or block which is missing,
    /// e.g. a `+synonym` before any actor, or a pattern before any `---` block.
    #[error("{0} outside of any {1}")]
    Orphan(&'static str, &'static str),
    /// A verb pattern without the verb marker `*`.
    #[error("pattern has no verb marker `*`")]
    MissingVerbMarker,
    /// A verb pattern with more than one verb marker `*`.
    #[error("pattern has more than one verb marker `*`")]
    MultipleVerbMarkers,
    /// A verb phrase with more than one `+` verb marker.
    #[error("verb phrase has more than one `+` marker")]
    MultipleVerbWords,
    /// A token that the format does not allow at this place.
    #[error("unexpected `{0}`")]
    UnexpectedToken(String),
    /// A synset label or reference that is not a valid name.
    #[error("invalid synset name")]
    InvalidSynsetName,
    /// A malformed `~` transformation line.
    #[error("malformed transformation: {0}")]
    InvalidTransformation(&'static str),
    /// A malformed `!NAME! = A, B` substitution set.
    #[error("malformed substitution set: {0}")]
    InvalidSubstitution(&'static str),
    /// A malformed `<ISSUE ...>` tag.
    #[error("malformed issue tag: {0}")]
    InvalidIssueTag(&'static str),
    /// An `<ISSUE>` block still open at the next `<ISSUE>` or at the end of the file.
    #[error("`<ISSUE>` block is not closed")]
    UnclosedBlock,
    /// A `</ISSUE>` without an open block.
    #[error("`</ISSUE>` without an open `<ISSUE>` block")]
    UnexpectedBlockEnd,
    /// A line that fits none of the forms the format allows.
    #[error("unrecognised line")]
    UnrecognisedLine,
}
