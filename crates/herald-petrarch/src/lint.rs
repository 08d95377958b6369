//! Lint warnings: things that parse but are probably wrong.
//!
//! Each dictionary kind has its own lint function ([`crate::lint_verbs`],
//! [`crate::lint_actors`], [`crate::lint_agents`], [`crate::lint_discards`],
//! [`crate::lint_issues`]); all return [`LintWarning`]s sorted by line.

use std::fmt;

/// A lint warning about a parsed dictionary.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LintWarning {
    /// 1-based line the warning is about.
    pub line: usize,
    /// The kind of problem.
    pub kind: LintKind,
    /// A human-readable explanation, naming the offending text.
    pub message: String,
}

impl fmt::Display for LintWarning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}: {:?}: {}", self.line, self.kind, self.message)
    }
}

/// The kinds of [`LintWarning`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum LintKind {
    /// An event code that is not a valid CAMEO code (2–4 digits with a root
    /// `01`–`20`), the null code `---` or a special code (`+++`, `###`);
    /// or an actor/agent code that is not upper-case letters and digits.
    BadCode,
    /// An entry defined more than once (verb form, synset, actor phrase,
    /// agent phrase, discard, issue phrase, substitution set).
    DuplicateEntry,
    /// A pattern identical to an earlier pattern of the same block: it can
    /// never be the one that matches.
    DuplicatePattern,
    /// A pattern with nothing but the verb marker `*`.
    EmptyPattern,
    /// A reference to a synset that is never defined: PETRARCH ignores the pattern.
    UndefinedSynset,
    /// A reference to a synset that is only defined further down: PETRARCH
    /// ignores the pattern (synsets must be defined before use).
    SynsetDefinedAfterUse,
    /// A reference such as `&FIGHT_GAMES` that names no synset and was read
    /// as a defined synset (`&FIGHT`) joined to the following word(s).
    AmbiguousSynsetReference,
    /// A synset with no members: patterns using it never match.
    EmptySynset,
    /// A verb block with patterns but no verbs: its patterns never match.
    BlockWithoutVerbs,
    /// A block header with more than one `[code]`: only the first is used.
    MultipleBlockCodes,
    /// A multi-word verb with no `+` marking its verb word (the first word is taken).
    UnmarkedMultiWordVerb,
    /// A transformation naming a verb that is not a primary verb of the dictionary.
    UnknownTransformationVerb,
    /// A date range whose start is after its end: it never applies.
    ReversedDateRange,
    /// An actor with more than one undated code: only the first is the default.
    MultipleDefaultCodes,
    /// An actor with no code at all and no date restrictions.
    NoCode,
    /// A character that is almost certainly a typo in a phrase: a bracket,
    /// a `+` inside a phrase, or a control character.
    SuspiciousCharacter,
    /// A phrase with lower-case letters in an upper-case dictionary: the
    /// text PETRARCH matches against is upper case, so it never matches.
    LowercasePhrase,
    /// A `!NAME!` substitution marker that no substitution set defines.
    UndefinedSubstitution,
    /// An issue phrase with no `[code]`: it falls back to its block's category.
    MissingIssueCode,
    /// An entry whose expansion reaches [`crate::MAX_EXPANSIONS`] phrases (and may be truncated).
    TooManyExpansions,
}

pub(crate) fn warn(out: &mut Vec<LintWarning>, line: usize, kind: LintKind, message: String) {
    out.push(LintWarning { line, kind, message });
}

pub(crate) fn finish(mut out: Vec<LintWarning>) -> Vec<LintWarning> {
    out.sort_by_key(|w| (w.line, w.kind));
    out
}

/// Whether an actor or agent code is made of upper-case ASCII letters and
/// digits (each `/`-separated part), or is a special code (`---`, `+++`, `###`).
pub(crate) fn is_good_actor_code(code: &str) -> bool {
    if matches!(code, "---" | "+++" | "###") {
        return true;
    }
    code.split('/')
        .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_uppercase() || b.is_ascii_digit()))
}

/// The first suspicious character of a phrase, if any.
pub(crate) fn suspicious_char(phrase: &str) -> Option<char> {
    phrase.chars().find(|&c| {
        matches!(c, '[' | ']' | '{' | '}' | '+') || (c.is_control() && !c.is_whitespace())
    })
}

/// Whether a phrase has lower-case letters.
pub(crate) fn has_lowercase(phrase: &str) -> bool {
    phrase.chars().any(char::is_lowercase)
}
