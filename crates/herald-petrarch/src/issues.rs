//! Issue dictionaries (`Phoenix.IssueCoding.txt`): `<ISSUE CATEGORY="...">`
//! blocks of phrases with codes, `n:`/`v:`/`+` expansions and `~`/`~~`
//! ignore phrases.

use std::collections::HashMap;

use crate::error::{DictError, ErrorKind};
use crate::expand::{limit_for, product};
use crate::inflect::{regular_plural, regular_verb_forms};
use crate::lint::{self, LintKind, LintWarning};
use crate::text::{self, Line};
use crate::MAX_EXPANSIONS;

/// A parsed issue dictionary.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct IssueDictionary {
    /// The blocks in file order. Phrases outside any `<ISSUE>` block are
    /// collected in blocks without a category.
    pub blocks: Vec<IssueBlock>,
}

/// An `<ISSUE CATEGORY="..." ...>` ... `</ISSUE>` block.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IssueBlock {
    /// Line of the `<ISSUE>` tag (or of the first phrase of a block without tag).
    pub line: usize,
    /// The `CATEGORY` attribute; `None` for phrases outside any block.
    pub category: Option<String>,
    /// All attributes of the tag, in order (e.g. `CATEGORY`, `TYPE`).
    pub attributes: Vec<(String, String)>,
    /// The coded phrases.
    pub entries: Vec<IssueEntry>,
    /// The ignore phrases.
    pub ignores: Vec<IssueIgnore>,
    /// Line of the closing `</ISSUE>`, if there was one.
    pub end_line: Option<usize>,
}

/// A coded issue phrase: `phrase [CODE]`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IssueEntry {
    /// Line of the phrase.
    pub line: usize,
    /// The phrase.
    pub phrase: IssuePhrase,
    /// The code; `None` when the line has no `[code]` (the block's category applies).
    pub code: Option<String>,
}

/// An ignore phrase: `~phrase` or `~~phrase`. The occurrence of an ignore
/// phrase of either kind cancels the issue coding of the sentence in
/// PETRARCH; TABARI distinguished the two scopes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IssueIgnore {
    /// Line of the phrase.
    pub line: usize,
    /// The phrase.
    pub phrase: IssuePhrase,
    /// `~` or `~~`.
    pub scope: IgnoreScope,
}

/// The two kinds of ignore phrase.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum IgnoreScope {
    /// `~phrase`: cancels the issue of its category.
    Category,
    /// `~~phrase`: cancels all issues of the sentence.
    Sentence,
}

/// A phrase of blank-separated tokens.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct IssuePhrase {
    /// The tokens.
    pub tokens: Vec<IssueToken>,
}

/// One blank-separated token, e.g. `n:school`, `al+qaeda` or `pre+n:school`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct IssueToken {
    /// The `+`-separated parts (a `+` expands to both a blank and a `-`).
    pub segments: Vec<String>,
    /// The `n:` or `v:` expansion, which applies up to the next blank.
    pub inflection: Inflection,
}

/// The expansion of an [`IssueToken`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Inflection {
    /// No `n:`/`v:`.
    None,
    /// `n:`: singular and regular plural.
    Noun,
    /// `v:`: the verb and its regular `S`, `ED` and `ING` forms.
    Verb,
}

impl IssueToken {
    /// The strings this token stands for: every way of writing each `+` as
    /// a blank or a `-`, each then inflected as the `n:`/`v:` marker asks.
    pub fn expansions(&self) -> Vec<String> {
        let len: usize = self.segments.iter().map(|s| s.len() + 1).sum();
        let per = match self.inflection {
            Inflection::None => 1,
            Inflection::Noun => 2,
            Inflection::Verb => 4,
        };
        let mut slots: Vec<Vec<Vec<&str>>> = Vec::with_capacity(self.segments.len() * 2);
        for (i, seg) in self.segments.iter().enumerate() {
            if i > 0 {
                slots.push(vec![vec![" "], vec!["-"]]);
            }
            slots.push(vec![vec![seg.as_str()]]);
        }
        let mut out = Vec::new();
        for pieces in product(&slots, (limit_for(len) / per).max(1)) {
            let j = pieces.concat().trim().to_string();
            match self.inflection {
                Inflection::None => out.push(j),
                Inflection::Noun => {
                    let p = regular_plural(&j);
                    out.push(j);
                    out.push(p);
                }
                Inflection::Verb => {
                    let [s, ed, ing] = regular_verb_forms(&j);
                    out.extend([j, s, ed, ing]);
                }
            }
        }
        out.truncate(MAX_EXPANSIONS);
        out
    }
}

impl IssuePhrase {
    /// Every string the phrase stands for, words separated by single blanks
    /// (at most [`MAX_EXPANSIONS`], fewer for very long phrases).
    pub fn expansions(&self) -> Vec<String> {
        let options: Vec<Vec<String>> = self.tokens.iter().map(IssueToken::expansions).collect();
        let len: usize = self.tokens.iter().flat_map(|t| &t.segments).map(|s| s.len() + 1).sum();
        let mut slots: Vec<Vec<Vec<&str>>> = Vec::with_capacity(options.len() * 2);
        for (i, o) in options.iter().enumerate() {
            if i > 0 {
                slots.push(vec![vec![" "]]);
            }
            slots.push(o.iter().map(|x| vec![x.as_str()]).collect());
        }
        product(&slots, limit_for(len))
            .into_iter()
            .map(|pieces| pieces.concat().split_whitespace().collect::<Vec<_>>().join(" "))
            .collect()
    }
}

impl std::fmt::Display for IssuePhrase {
    /// The phrase in dictionary notation.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        for (i, t) in self.tokens.iter().enumerate() {
            if i > 0 {
                f.write_str(" ")?;
            }
            match t.inflection {
                Inflection::None => {}
                Inflection::Noun => f.write_str("n:")?,
                Inflection::Verb => f.write_str("v:")?,
            }
            f.write_str(&t.segments.join("+"))?;
        }
        Ok(())
    }
}

impl IssueBlock {
    /// The code of `entry`: its own, else the block category.
    pub fn code_of<'a>(&'a self, entry: &'a IssueEntry) -> Option<&'a str> {
        entry.code.as_deref().or(self.category.as_deref())
    }
}

impl IssueDictionary {
    /// Every coded phrase with its block.
    pub fn entries(&self) -> impl Iterator<Item = (&IssueBlock, &IssueEntry)> {
        self.blocks.iter().flat_map(|b| b.entries.iter().map(move |e| (b, e)))
    }

    /// Every ignore phrase with its block.
    pub fn ignores(&self) -> impl Iterator<Item = (&IssueBlock, &IssueIgnore)> {
        self.blocks.iter().flat_map(|b| b.ignores.iter().map(move |e| (b, e)))
    }
}

/// Parses an issue dictionary.
///
/// Returns the dictionary and every error. Lines with errors are left out.
pub fn parse_issues(path: &str, text: &str) -> (IssueDictionary, Vec<DictError>) {
    let mut errors = Vec::new();
    let lines = text::lines(path, text, &mut errors);
    let mut dict = IssueDictionary::default();
    // Index of the open `<ISSUE>` block, and of the current block of loose phrases.
    let mut open: Option<usize> = None;
    let mut loose: Option<usize> = None;
    for line in &lines {
        let content = line.content.trim();
        if content.is_empty() {
            continue;
        }
        if starts_with_ci(content, "<ISSUE") {
            if let Some(i) = open {
                errors.push(unclosed(path, &dict.blocks[i]));
            }
            match issue_tag(content) {
                Ok(attributes) => {
                    let category =
                        attributes.iter().find(|(k, _)| k == "CATEGORY").map(|(_, v)| v.clone());
                    dict.blocks.push(IssueBlock {
                        line: line.number,
                        category,
                        attributes,
                        entries: Vec::new(),
                        ignores: Vec::new(),
                        end_line: None,
                    });
                    open = Some(dict.blocks.len() - 1);
                }
                Err(msg) => {
                    errors.push(line.error(path, content, ErrorKind::InvalidIssueTag(msg)));
                    open = None;
                }
            }
            loose = None;
            continue;
        }
        if starts_with_ci(content, "</ISSUE") {
            let rest = &content["</ISSUE".len()..];
            if rest.trim() != ">" {
                errors.push(line.error(
                    path,
                    content,
                    ErrorKind::InvalidIssueTag("expected `</ISSUE>`"),
                ));
            }
            match open.take() {
                Some(i) => dict.blocks[i].end_line = Some(line.number),
                None => errors.push(line.error(path, content, ErrorKind::UnexpectedBlockEnd)),
            }
            continue;
        }
        if content.starts_with('<') {
            errors.push(line.error(path, content, ErrorKind::InvalidIssueTag("unknown tag")));
            continue;
        }
        let block = match open.or(loose) {
            Some(i) => i,
            None => {
                dict.blocks.push(IssueBlock {
                    line: line.number,
                    category: None,
                    attributes: Vec::new(),
                    entries: Vec::new(),
                    ignores: Vec::new(),
                    end_line: None,
                });
                loose = Some(dict.blocks.len() - 1);
                dict.blocks.len() - 1
            }
        };
        let (scope, rest) = if let Some(r) = content.strip_prefix("~~") {
            (Some(IgnoreScope::Sentence), r)
        } else if let Some(r) = content.strip_prefix('~') {
            (Some(IgnoreScope::Category), r)
        } else {
            (None, content)
        };
        if let Some(scope) = scope {
            if let Some(pos) = rest.find('[') {
                errors.push(line.error(path, &rest[pos..], ErrorKind::UnexpectedToken("[".into())));
                continue;
            }
            match issue_phrase(path, line, rest) {
                Ok(phrase) => dict.blocks[block].ignores.push(IssueIgnore {
                    line: line.number,
                    phrase,
                    scope,
                }),
                Err(e) => errors.push(e),
            }
            continue;
        }
        let (phrase_text, groups, after, problems) = text::split_bracket_groups(content);
        if let Some((frag, kind)) = problems.into_iter().next() {
            errors.push(line.error(path, frag, kind));
            continue;
        }
        if let Some(extra) = groups.get(1) {
            errors.push(line.error(path, extra.whole, ErrorKind::TrailingText));
            continue;
        }
        if !after.trim().is_empty() {
            errors.push(line.error(path, after.trim(), ErrorKind::TrailingText));
            continue;
        }
        let code = match groups.first() {
            None => None,
            Some(g) => {
                let c = g.inner.trim();
                if c.is_empty() {
                    errors.push(line.error(path, g.whole, ErrorKind::EmptyCode));
                    continue;
                }
                if c.chars().any(char::is_whitespace) {
                    errors.push(line.error(path, g.whole, ErrorKind::InvalidCode));
                    continue;
                }
                Some(c.to_string())
            }
        };
        match issue_phrase(path, line, phrase_text) {
            Ok(phrase) => {
                dict.blocks[block].entries.push(IssueEntry { line: line.number, phrase, code })
            }
            Err(e) => errors.push(e),
        }
    }
    if let Some(i) = open {
        let b = &dict.blocks[i];
        errors.push(DictError::new(path, b.line, 1, "<ISSUE", ErrorKind::UnclosedBlock));
    }
    errors.sort_by_key(|e| (e.line, e.column));
    (dict, errors)
}

fn unclosed(path: &str, block: &IssueBlock) -> DictError {
    DictError::new(path, block.line, 1, "<ISSUE", ErrorKind::UnclosedBlock)
}

fn starts_with_ci(s: &str, prefix: &str) -> bool {
    s.len() >= prefix.len()
        && s.is_char_boundary(prefix.len())
        && s[..prefix.len()].eq_ignore_ascii_case(prefix)
}

/// Parses the attributes of `<ISSUE NAME="value" ...>`.
fn issue_tag(content: &str) -> Result<Vec<(String, String)>, &'static str> {
    let inner = content["<ISSUE".len()..].trim_end();
    let inner = inner.strip_suffix('>').ok_or("missing `>`")?;
    let mut attrs = Vec::new();
    let mut rest = inner.trim_start();
    while !rest.is_empty() {
        let eq = rest.find('=').ok_or("attributes must be NAME=\"value\"")?;
        let name = rest[..eq].trim();
        if name.is_empty() || name.chars().any(|c| c.is_whitespace() || c == '"') {
            return Err("attributes must be NAME=\"value\"");
        }
        let after = rest[eq + 1..].trim_start();
        let value_start = after.strip_prefix('"').ok_or("attribute values must be quoted")?;
        let close = value_start.find('"').ok_or("unclosed attribute value")?;
        attrs.push((name.to_ascii_uppercase(), value_start[..close].to_string()));
        rest = value_start[close + 1..].trim_start();
    }
    if !attrs.iter().any(|(k, _)| k == "CATEGORY") {
        return Err("missing CATEGORY attribute");
    }
    Ok(attrs)
}

fn issue_phrase(path: &str, line: &Line<'_>, s: &str) -> Result<IssuePhrase, DictError> {
    let mut tokens = Vec::new();
    for tok in s.split_whitespace() {
        let mut inflection = Inflection::None;
        let mut segments = Vec::new();
        for seg in tok.split('+') {
            let (inf, word) = if let Some(w) = seg.strip_prefix("n:") {
                (Inflection::Noun, w)
            } else if let Some(w) = seg.strip_prefix("v:") {
                (Inflection::Verb, w)
            } else {
                (Inflection::None, seg)
            };
            if inf != Inflection::None {
                if inflection != Inflection::None {
                    return Err(line.error(path, tok, ErrorKind::UnexpectedToken(tok.to_string())));
                }
                if word.is_empty() {
                    return Err(line.error(path, tok, ErrorKind::EmptyPhrase));
                }
                inflection = inf;
            }
            segments.push(word.to_string());
        }
        if segments.iter().all(String::is_empty) {
            return Err(line.error(path, tok, ErrorKind::EmptyPhrase));
        }
        tokens.push(IssueToken { segments, inflection });
    }
    // A phrase of punctuation alone can never match a word of text.
    if !tokens.iter().any(|t| t.segments.iter().any(|s| s.chars().any(char::is_alphanumeric))) {
        return Err(line.error(path, line.content.trim(), ErrorKind::EmptyPhrase));
    }
    Ok(IssuePhrase { tokens })
}

/// Lints an issue dictionary: phrases without a code (they fall back to
/// the category), duplicate phrases, suspicious characters and oversized
/// expansions.
pub fn lint_issues(dict: &IssueDictionary) -> Vec<LintWarning> {
    let mut out = Vec::new();
    let mut seen: HashMap<String, usize> = HashMap::new();
    for b in &dict.blocks {
        for e in &b.entries {
            let shown = e.phrase.to_string();
            if e.code.is_none() {
                let msg = match &b.category {
                    Some(c) => format!("phrase {shown} has no code; category {c} applies"),
                    None => format!("phrase {shown} has no code and no category"),
                };
                lint::warn(&mut out, e.line, LintKind::MissingIssueCode, msg);
            }
            if let Some(first) = seen.get(&shown) {
                lint::warn(
                    &mut out,
                    e.line,
                    LintKind::DuplicateEntry,
                    format!("phrase {shown} is already listed on line {first}"),
                );
            } else {
                seen.insert(shown.clone(), e.line);
            }
            if let Some(c) = lint::suspicious_char(&shown.replace('+', "")) {
                let msg = format!("phrase {} contains {c:?}", shown.escape_debug());
                lint::warn(&mut out, e.line, LintKind::SuspiciousCharacter, msg);
            }
            if e.phrase.expansions().len() >= MAX_EXPANSIONS {
                let msg = format!("phrase {shown} expands to more than {MAX_EXPANSIONS} strings");
                lint::warn(&mut out, e.line, LintKind::TooManyExpansions, msg);
            }
        }
    }
    lint::finish(out)
}
