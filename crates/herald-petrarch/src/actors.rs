//! Actor dictionaries (`Phoenix.Countries.actors.txt`, ...): phrases with
//! synonyms, codes and date restrictions.

use std::collections::HashMap;

use crate::code::{ActorCode, Date, DateRestriction};
use crate::error::{DictError, ErrorKind};
use crate::lint::{self, LintKind, LintWarning};
use crate::text::{self, Bracketed, Line};

/// A parsed actor dictionary.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ActorDictionary {
    /// The actor records, in file order.
    pub entries: Vec<ActorEntry>,
}

/// One actor record: a primary phrase, its `+synonyms` and its codes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActorEntry {
    /// Line of the primary phrase.
    pub line: usize,
    /// The primary phrase.
    pub phrase: ActorPhrase,
    /// The `+synonym` phrases, which share the record's codes.
    pub synonyms: Vec<ActorPhrase>,
    /// The codes, in file order: first the `[...]` groups on the primary
    /// line, then the tab-indented `[...]` lines.
    pub codes: Vec<CodeAssignment>,
    /// The comment on the primary line, if any.
    pub comment: Option<String>,
}

/// An actor phrase: words separated by blanks or `_`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActorPhrase {
    /// Line of the phrase.
    pub line: usize,
    /// The phrase as written (trimmed, without `+`).
    pub text: String,
    /// The words.
    pub words: Vec<String>,
    /// The phrase ends with `_`: in TABARI the last word must then match
    /// a whole word; without it the last word matches as a stem (e.g.
    /// `ARGENTIN` matches `ARGENTINA`). PETRARCH itself matches whole words
    /// in both cases.
    pub stopped: bool,
}

/// A code with an optional date restriction: `[CODE]`, `[CODE <date]`,
/// `[CODE >date]` or `[CODE date-date]`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CodeAssignment {
    /// Line of the code.
    pub line: usize,
    /// The code.
    pub code: ActorCode,
    /// When the code applies; `None` for a default code.
    pub restriction: Option<DateRestriction>,
}

impl ActorEntry {
    /// The code for an event on `date`: the first date restriction (in
    /// file order) that contains the date wins; if none does, the default
    /// code (the first code without a restriction); `None` if there is no
    /// default either, which PETRARCH treats as the null code. All
    /// restriction limits are inclusive.
    pub fn resolve(&self, date: Date) -> Option<&ActorCode> {
        self.codes
            .iter()
            .find(|c| c.restriction.is_some_and(|r| r.contains(date)))
            .map(|c| &c.code)
            .or_else(|| self.default_code())
    }

    /// The default code: the first code without a date restriction.
    pub fn default_code(&self) -> Option<&ActorCode> {
        self.codes.iter().find(|c| c.restriction.is_none()).map(|c| &c.code)
    }

    /// The primary phrase followed by the synonyms.
    pub fn phrases(&self) -> impl Iterator<Item = &ActorPhrase> {
        std::iter::once(&self.phrase).chain(&self.synonyms)
    }
}

impl ActorDictionary {
    /// The first entry whose primary phrase or a synonym has the same words
    /// as `phrase` (blanks and `_` both separate words; case is ignored).
    pub fn find(&self, phrase: &str) -> Option<&ActorEntry> {
        let want: Vec<String> =
            text::phrase_words(phrase).iter().map(|w| w.to_uppercase()).collect();
        self.entries.iter().find(|e| {
            e.phrases().any(|p| {
                p.words.len() == want.len()
                    && p.words.iter().zip(&want).all(|(a, b)| a.to_uppercase() == *b)
            })
        })
    }

    /// The number of phrases (primary phrases plus synonyms).
    pub fn phrase_count(&self) -> usize {
        self.entries.iter().map(|e| 1 + e.synonyms.len()).sum()
    }
}

/// Parses an actor dictionary.
///
/// Line forms (classified by their first non-blank character):
/// * `[...]`: date restriction or default code lines of the current record
///   (normally tab-indented; several groups may share a line);
/// * `+phrase`: a synonym of the current record;
/// * anything else: a primary phrase, optionally followed by one or more
///   `[CODE]` / `[CODE restriction]` groups (TABARI style).
///
/// Returns the dictionary and every error. A bad code group is left out;
/// the rest of its record is kept.
pub fn parse_actors(path: &str, text: &str) -> (ActorDictionary, Vec<DictError>) {
    let mut errors = Vec::new();
    let lines = text::lines(path, text, &mut errors);
    let mut dict = ActorDictionary::default();
    // Whether the current record is usable (false after an orphan line at the top).
    for line in &lines {
        let content = line.content.trim();
        if content.is_empty() {
            continue;
        }
        if content.starts_with('[') {
            let (_, groups, rest, problems) = text::split_bracket_groups(content);
            for (frag, kind) in problems {
                errors.push(line.error(path, frag, kind));
            }
            if !rest.trim().is_empty() {
                errors.push(line.error(path, rest.trim(), ErrorKind::TrailingText));
            }
            let codes = code_groups(path, line, &groups, &mut errors);
            match dict.entries.last_mut() {
                Some(e) => e.codes.extend(codes),
                None => errors.push(line.error(
                    path,
                    content,
                    ErrorKind::Orphan("date restriction", "actor"),
                )),
            }
        } else if let Some(syn) = content.strip_prefix('+') {
            if let Some(pos) = syn.find('[') {
                errors.push(line.error(path, &syn[pos..], ErrorKind::UnexpectedToken("[".into())));
                continue;
            }
            let Some(phrase) = actor_phrase(path, line, syn, &mut errors) else { continue };
            match dict.entries.last_mut() {
                Some(e) => e.synonyms.push(phrase),
                None => {
                    errors.push(line.error(path, content, ErrorKind::Orphan("synonym", "actor")))
                }
            }
        } else {
            let (before, groups, rest, problems) = text::split_bracket_groups(content);
            for (frag, kind) in problems {
                errors.push(line.error(path, frag, kind));
            }
            if !rest.trim().is_empty() {
                errors.push(line.error(path, rest.trim(), ErrorKind::TrailingText));
            }
            let codes = code_groups(path, line, &groups, &mut errors);
            // A primary line always starts a new record, so that following
            // synonyms and restrictions never attach to the previous actor.
            let phrase =
                actor_phrase(path, line, before, &mut errors).unwrap_or_else(|| ActorPhrase {
                    line: line.number,
                    text: String::new(),
                    words: Vec::new(),
                    stopped: false,
                });
            dict.entries.push(ActorEntry {
                line: line.number,
                phrase,
                synonyms: Vec::new(),
                codes,
                comment: line.comment_string(),
            });
        }
    }
    errors.sort_by_key(|e| (e.line, e.column));
    (dict, errors)
}

fn actor_phrase(
    path: &str,
    line: &Line<'_>,
    s: &str,
    errors: &mut Vec<DictError>,
) -> Option<ActorPhrase> {
    if let Some(pos) = s.find(']') {
        errors.push(line.error(path, &s[pos..], ErrorKind::Unmatched(']')));
        return None;
    }
    let words = text::phrase_words(s);
    // A phrase of punctuation alone can never match a word of text.
    if !words.iter().any(|w| w.chars().any(char::is_alphanumeric)) {
        let frag = if s.trim().is_empty() { line.content.trim() } else { s.trim() };
        errors.push(line.error(path, frag, ErrorKind::EmptyPhrase));
        return None;
    }
    Some(ActorPhrase {
        line: line.number,
        text: s.trim().to_string(),
        words,
        stopped: text::ends_with_stop(s),
    })
}

fn code_groups(
    path: &str,
    line: &Line<'_>,
    groups: &[Bracketed<'_>],
    errors: &mut Vec<DictError>,
) -> Vec<CodeAssignment> {
    let mut out = Vec::new();
    for g in groups {
        let inner = g.inner.trim();
        let end =
            inner.find(|c: char| c.is_whitespace() || c == '<' || c == '>').unwrap_or(inner.len());
        let (code, rest) = inner.split_at(end);
        if code.is_empty() {
            let kind = if inner.is_empty() { ErrorKind::EmptyCode } else { ErrorKind::InvalidCode };
            errors.push(line.error(path, g.whole, kind));
            continue;
        }
        let restriction = if rest.trim().is_empty() {
            None
        } else {
            match DateRestriction::parse(rest) {
                Ok(r) => Some(r),
                Err(kind) => {
                    errors.push(line.error(path, g.whole, kind));
                    continue;
                }
            }
        };
        out.push(CodeAssignment { line: line.number, code: ActorCode::new(code), restriction });
    }
    out
}

/// Lints an actor dictionary: bad codes, duplicate phrases, reversed date
/// ranges, several default codes, records without codes, suspicious
/// characters and lower-case phrases.
pub fn lint_actors(dict: &ActorDictionary) -> Vec<LintWarning> {
    let mut out = Vec::new();
    let mut seen: HashMap<Vec<String>, usize> = HashMap::new();
    for e in &dict.entries {
        for p in e.phrases() {
            if p.words.is_empty() {
                continue;
            }
            let key: Vec<String> = p.words.iter().map(|w| w.to_uppercase()).collect();
            if let Some(first) = seen.get(&key) {
                let msg = format!("phrase {} is already defined on line {first}", p.text);
                lint::warn(&mut out, p.line, LintKind::DuplicateEntry, msg);
            } else {
                seen.insert(key, p.line);
            }
            if let Some(c) = lint::suspicious_char(&p.text) {
                let msg = format!("phrase {} contains {c:?}", p.text.escape_debug());
                lint::warn(&mut out, p.line, LintKind::SuspiciousCharacter, msg);
            }
            if lint::has_lowercase(&p.text) {
                let msg = format!("phrase {} has lower-case letters and never matches", p.text);
                lint::warn(&mut out, p.line, LintKind::LowercasePhrase, msg);
            }
        }
        if e.codes.is_empty() {
            lint::warn(
                &mut out,
                e.line,
                LintKind::NoCode,
                format!("actor {} has no code", e.phrase.text),
            );
        }
        let defaults: Vec<&CodeAssignment> =
            e.codes.iter().filter(|c| c.restriction.is_none()).collect();
        if defaults.len() > 1 {
            let msg = format!(
                "actor {} has {} default codes; only {} is used",
                e.phrase.text,
                defaults.len(),
                defaults[0].code
            );
            lint::warn(&mut out, defaults[1].line, LintKind::MultipleDefaultCodes, msg);
        }
        for c in &e.codes {
            if !lint::is_good_actor_code(c.code.as_str()) {
                lint::warn(
                    &mut out,
                    c.line,
                    LintKind::BadCode,
                    format!("actor code {} is malformed", c.code),
                );
            }
            if let Some(DateRestriction::Between(a, b)) = c.restriction {
                if a > b {
                    let msg = format!("date range {a}-{b} of {} ends before it starts", c.code);
                    lint::warn(&mut out, c.line, LintKind::ReversedDateRange, msg);
                }
            }
        }
    }
    lint::finish(out)
}
