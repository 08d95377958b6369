//! Faithful readers for the PETRARCH/TABARI dictionary formats.
//!
//! The community's event-coding dictionaries (the CAMEO verb dictionary,
//! the Phoenix actor, agent, discard and issue files, and the PETRARCH
//! validation dictionaries) are read into typed ASTs. Each `parse_*`
//! function takes a path label (used in errors) and the file text and
//! returns the AST together with **every** error found; each `load_*`
//! function reads a file (I/O and UTF-8 errors are typed [`DictError`]s)
//! and then parses it. Parsing never panics, whatever the input. Each
//! dictionary kind also has a `lint_*` function that returns
//! [`LintWarning`]s for entries that parse but are probably wrong.
//!
//! ```
//! use herald_petrarch::{parse_actors, Date};
//!
//! let text = "SAM_GAMGEE [HOB]\n\t[HOBCIV <20080120]\n\t[HOBGOV 20121109-20130119]\n";
//! let (actors, errors) = parse_actors("example.actors.txt", text);
//! assert!(errors.is_empty());
//! let sam = actors.find("SAM GAMGEE").unwrap();
//! let on = |s: &str| sam.resolve(s.parse::<Date>().unwrap()).unwrap().as_str().to_string();
//! assert_eq!(on("20080120"), "HOBCIV"); // limits are inclusive
//! assert_eq!(on("20121231"), "HOBGOV");
//! assert_eq!(on("20200101"), "HOB"); // no restriction applies: the default code
//! ```
//!
//! # Shared rules
//!
//! * Lines are split on `\n` (a trailing `\r` is dropped; so is a leading BOM).
//! * `#` starts a comment that runs to the end of the line; so does `;`
//!   (TABARI's comment mark, found after `{...}` in the verb file and in the
//!   format description's actor example). A line starting with `<!` is an
//!   XML comment; without `-->` on it, the comment runs to the next line
//!   containing `-->`. Blank lines are skipped.
//! * Phrases are words separated by blanks and/or `_`; a trailing `_`
//!   is kept as a flag (word end / no plural, depending on the format).
//! * Errors carry the path label, 1-based line and character column, the
//!   offending text and an [`ErrorKind`]. A line with an error contributes
//!   nothing to the AST, except lines that open a record or block (actor
//!   primary phrases, verb block headers), which always do, so that what
//!   follows never attaches to the wrong record.
//!
//! # Verb dictionary constructs ([`parse_verbs`])
//!
//! Everything used by `CAMEO.2.0.txt` and `PETR.Validate.verbs.txt`:
//!
//! * synsets: an `&NAME` label (a trailing `_` switches plurals off for all
//!   members) and `+member` lines: words or phrases (blanks or `_`; a
//!   trailing `_` switches the plural off), possibly containing other
//!   synsets (`+&TIETYPES`); regular plurals are generated
//!   ([`VerbDictionary::synset_phrases`]);
//! * block headers `--- DESCRIPTION [CODE] ---` (the code defaults to the
//!   null code `---`; the closing `---` may be missing, cut by a comment, or
//!   glued to the code as in `[110]---`; extra codes as in
//!   `--- DELAY [120] [031:031] ---` are kept and linted);
//! * primary verbs: `VERB`, `VERB {IRREGULAR FORMS}` (blank- or
//!   comma-separated; `{}` means no other forms), `VERB [CODE]`,
//!   multi-word verbs with `+` on the verb word (`+CORDON_OFF {+CORDONED_OFF
//!   ...}`, `WIRE_+TAP`, `KLM_NOP_+RST [002]`) and unmarked multi-word verbs
//!   (`LASH OUT`: the first word is the verb); regular `S`/`ED`/`ING` forms
//!   are generated when there is no `{...}` ([`Verb::forms`]);
//! * patterns `- ... * ... [CODE] # comment`: words, `*` (verb), `$`
//!   (source), `+` (target), `%` (compound), `^` (skip), `&SYNSET`,
//!   `{BRACED NOUN PHRASE}`, `(PREP NOUN)` with a word, synset, marker or
//!   braced phrase as object (or none, as in `(TO)`), `_` joins between
//!   elements (`IN_*`, `*_OUT`, `SPY_*_DEAL`, `FIGHTER_&AIRCRAFT`), a
//!   trailing `_` for an exact word (`WAS_ *`), and `*` glued to a word
//!   (`*SCEPTICAL`); references such as `&TIETYPES_RELATIONS` that name no
//!   synset are read as the longest defined synset (`&TIETYPES`) joined to
//!   the following word(s), and linted;
//! * codes `[042]`, `[0356]`, `[---]`, `[042:043]`, `[:173]`, and the
//!   special or test codes of the validation file (`[+++]`, `[###]`,
//!   `[075A]`, `[025?]`, ...), which are kept as written and linted;
//! * transformations `~ a (a b ATTACK) SAY = a b 015`, with `.` (unspecified
//!   actor), `_` (absent actor) and `Q` (any verb / inherited code).
//!
//! # Actor dictionaries ([`parse_actors`])
//!
//! Primary phrase lines with optional `[CODE]` groups (several groups, with
//! or without date restrictions, may share the line TABARI-style, e.g.
//! `JAVIER_SOLANA_ [IGOEUREEC 950701-951231][IGOWSTNAT 951205-991006]`),
//! `+synonym` lines, and indented `[CODE <date]`, `[CODE >date]`,
//! `[CODE date-date]` and `[CODE]` lines (blanks allowed around the
//! operator). Dates are `YYYYMMDD` or `YYMMDD`; two-digit years `00`–`30`
//! are 2000–2030 and `31`–`99` are 1931–1999 ([`Date`]). Codes are kept as
//! written (`---` is the null code, `ELR/GAL` a multiple code).
//! [`ActorEntry::resolve`] gives the code for a date.
//!
//! # Agents, discards, issues
//!
//! See [`parse_agents`] (`PHRASE {plural} [~CODE]` / `[CODE~]` and
//! `!NAME! = A, B` substitution sets), [`parse_discards`] (`+` story level,
//! trailing `_` word end) and [`parse_issues`] (`<ISSUE CATEGORY="...">`
//! blocks, `n:`/`v:`/`+` expansions, `~`/`~~` ignore phrases).
#![warn(missing_docs)]

mod actors;
mod adapt;
mod agents;
mod code;
mod discards;
mod error;
mod expand;
mod inflect;
mod issues;
mod lint;
mod text;
mod verbs;

use std::path::Path;

pub use actors::{
    lint_actors, parse_actors, ActorDictionary, ActorEntry, ActorPhrase, CodeAssignment,
};
pub use adapt::{
    actor_rows, load_files, to_dictionaries, to_herald_files, DetectError, HeraldFiles,
    PetrarchDictionaries, PetrarchFiles,
};
pub use agents::{
    lint_agents, parse_agents, AgentCode, AgentDictionary, AgentEntry, AgentForm, AgentPlacement,
    Plurals, SubstitutionSet,
};
pub use code::{
    is_cameo_code, ActorCode, Date, DateRestriction, EventCode, EventCodeKind, VerbCode, NULL_CODE,
    TWO_DIGIT_YEAR_PIVOT,
};
pub use discards::{lint_discards, parse_discards, Discard, DiscardList, DiscardScope};
pub use error::{DictError, ErrorKind};
pub use inflect::{regular_plural, regular_verb_forms};
pub use issues::{
    lint_issues, parse_issues, IgnoreScope, Inflection, IssueBlock, IssueDictionary, IssueEntry,
    IssueIgnore, IssuePhrase, IssueToken,
};
pub use lint::{LintKind, LintWarning};
pub use text::read_dictionary_file;
pub use verbs::{
    lint_verbs, parse_verbs, Pattern, PatternElement, PatternItem, PhraseItem, Synset,
    SynsetMember, SynsetRef, Token, TransformActor, TransformClause, TransformCode,
    TransformResult, TransformTarget, TransformVerb, Transformation, Verb, VerbBlock,
    VerbDictionary, VerbPhrase,
};

/// The most phrases any expansion (synset plurals, agent substitutions,
/// issue `+`/`n:`/`v:` forms) produces for one entry; beyond it the result
/// is truncated and the entry is linted as [`LintKind::TooManyExpansions`].
pub const MAX_EXPANSIONS: usize = 4096;

fn load<T>(
    path: &Path,
    parse: fn(&str, &str) -> (T, Vec<DictError>),
) -> Result<(T, Vec<DictError>), DictError> {
    let text = read_dictionary_file(path)?;
    Ok(parse(&path.display().to_string(), &text))
}

/// Reads and parses a verb dictionary file. `Err` only if the file cannot be
/// read or is not UTF-8; parse errors come with the dictionary.
pub fn load_verbs(path: impl AsRef<Path>) -> Result<(VerbDictionary, Vec<DictError>), DictError> {
    load(path.as_ref(), parse_verbs)
}

/// Reads and parses an actor dictionary file (see [`load_verbs`] for the result).
pub fn load_actors(path: impl AsRef<Path>) -> Result<(ActorDictionary, Vec<DictError>), DictError> {
    load(path.as_ref(), parse_actors)
}

/// Reads and parses an agent dictionary file (see [`load_verbs`] for the result).
pub fn load_agents(path: impl AsRef<Path>) -> Result<(AgentDictionary, Vec<DictError>), DictError> {
    load(path.as_ref(), parse_agents)
}

/// Reads and parses a discard list file (see [`load_verbs`] for the result).
pub fn load_discards(path: impl AsRef<Path>) -> Result<(DiscardList, Vec<DictError>), DictError> {
    load(path.as_ref(), parse_discards)
}

/// Reads and parses an issue dictionary file (see [`load_verbs`] for the result).
pub fn load_issues(path: impl AsRef<Path>) -> Result<(IssueDictionary, Vec<DictError>), DictError> {
    load(path.as_ref(), parse_issues)
}
