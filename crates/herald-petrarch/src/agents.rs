//! Agent dictionaries (`Phoenix.agents.txt`): `PHRASE {plural} [~CODE]`
//! entries and `!NAME! = A, B` substitution sets.

use std::collections::{HashMap, HashSet};

use crate::error::{DictError, ErrorKind};
use crate::expand::{limit_for, product};
use crate::inflect::regular_plural;
use crate::lint::{self, LintKind, LintWarning};
use crate::text::{self, Line};
use crate::MAX_EXPANSIONS;

/// A parsed agent dictionary.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AgentDictionary {
    /// The substitution sets, in file order.
    pub substitutions: Vec<SubstitutionSet>,
    /// The agent entries, in file order.
    pub entries: Vec<AgentEntry>,
}

/// A substitution set `!PERSON! = MAN, MEN, WOMAN, WOMEN, PERSON`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SubstitutionSet {
    /// Line of the set.
    pub line: usize,
    /// The marker name, without the `!`s.
    pub name: String,
    /// The items, blanks trimmed.
    pub items: Vec<String>,
}

/// An agent entry: `PHRASE {plural} [~CODE]`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AgentEntry {
    /// Line of the entry.
    pub line: usize,
    /// The phrase as written (trimmed): words separated by `_` (consecutive)
    /// or blanks (other words may come between), possibly with `!NAME!` markers.
    pub phrase: String,
    /// The plural forms.
    pub plurals: Plurals,
    /// The agent code.
    pub code: AgentCode,
    /// The comment on the line, if any.
    pub comment: Option<String>,
}

/// How an agent's plural is formed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Plurals {
    /// No `{...}`: the regular plural is generated (see [`crate::regular_plural`]).
    Regular,
    /// `{}`: no plural (singular-only, plural-only or invariant nouns such as `POLICE`).
    None,
    /// `{ATTORNEYS_GENERAL}`: the plural phrase(s) given.
    Explicit(Vec<String>),
}

/// An agent code: `~CODE` or `CODE~`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct AgentCode {
    /// The code without `~`.
    pub code: String,
    /// Where it goes relative to the actor code.
    pub placement: AgentPlacement,
}

/// Where an agent code is added relative to the actor code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AgentPlacement {
    /// `[~GOV]`: added after the actor code (`USA` + `GOV` = `USAGOV`).
    Suffix,
    /// `[NGO~]`: added before the actor code (`NGO` + `USA` = `NGOUSA`),
    /// usually for organisations.
    Prefix,
}

impl AgentCode {
    /// Combines the agent code with an actor code.
    pub fn apply(&self, actor_code: &str) -> String {
        match self.placement {
            AgentPlacement::Suffix => format!("{actor_code}{}", self.code),
            AgentPlacement::Prefix => format!("{}{actor_code}", self.code),
        }
    }
}

/// One concrete form of an agent entry, after substitution and plurals.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct AgentForm {
    /// The words of the form.
    pub words: Vec<String>,
    /// Whether this is a plural form.
    pub plural: bool,
}

impl AgentDictionary {
    /// The substitution set called `name` (without `!`s).
    pub fn substitution(&self, name: &str) -> Option<&SubstitutionSet> {
        self.substitutions.iter().find(|s| s.name == name)
    }

    /// The concrete forms of `entry`: every substitution of its `!NAME!`
    /// markers (with no plural formation for phrases with markers, as the
    /// format prescribes), else the phrase and its plural(s). Undefined
    /// markers are left as written. At most [`MAX_EXPANSIONS`] forms.
    pub fn forms(&self, entry: &AgentEntry) -> Vec<AgentForm> {
        let sets: HashMap<&str, &[String]> =
            self.substitutions.iter().map(|s| (s.name.as_str(), s.items.as_slice())).collect();
        let singulars = substitute(&entry.phrase, &sets);
        let has_marker = singulars.len() != 1 || singulars[0] != entry.phrase;
        let mut out: Vec<AgentForm> = singulars
            .iter()
            .map(|s| AgentForm { words: text::phrase_words(s), plural: false })
            .filter(|f| !f.words.is_empty())
            .collect();
        match &entry.plurals {
            Plurals::Regular if !has_marker => {
                let mut words = text::phrase_words(&entry.phrase);
                if let Some(last) = words.last_mut() {
                    *last = regular_plural(last);
                    out.push(AgentForm { words, plural: true });
                }
            }
            Plurals::Regular | Plurals::None => {}
            Plurals::Explicit(list) => {
                for p in list {
                    for s in substitute(p, &sets) {
                        let words = text::phrase_words(&s);
                        if !words.is_empty() {
                            out.push(AgentForm { words, plural: true });
                        }
                    }
                }
            }
        }
        out.truncate(MAX_EXPANSIONS);
        out
    }
}

/// Every substitution of the `!NAME!` markers of `phrase` that name a set in `sets`.
fn substitute(phrase: &str, sets: &HashMap<&str, &[String]>) -> Vec<String> {
    // Split the phrase once into literal pieces and markers.
    let mut slots: Vec<Vec<Vec<&str>>> = Vec::new();
    let mut approx_len = phrase.len();
    let mut pos = 0;
    while let Some((start, end, items)) = marker_at(phrase, pos, sets) {
        slots.push(vec![vec![&phrase[pos..start]]]);
        slots.push(items.iter().map(|i| vec![i.as_str()]).collect());
        approx_len += items.iter().map(String::len).max().unwrap_or(0);
        pos = end;
    }
    slots.push(vec![vec![&phrase[pos..]]]);
    product(&slots, limit_for(approx_len)).into_iter().map(|pieces| pieces.concat()).collect()
}

/// The first `!NAME!` marker at or after byte `from` whose name is in `sets`.
fn marker_at<'s>(
    s: &str,
    from: usize,
    sets: &HashMap<&str, &'s [String]>,
) -> Option<(usize, usize, &'s [String])> {
    let mut i = from;
    while let Some(rel) = s.get(i..).and_then(|t| t.find('!')) {
        let start = i + rel;
        let close = s[start + 1..].find('!')? + start + 1;
        if let Some(items) = sets.get(&s[start + 1..close]) {
            return Some((start, close + 1, items));
        }
        i = close;
    }
    None
}

/// The `!NAME!` markers used in `phrase`, whether defined or not: names
/// between two `!` made of letters, digits and `_`.
fn markers(phrase: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = phrase;
    while let Some(start) = rest.find('!') {
        let after = &rest[start + 1..];
        let Some(close) = after.find('!') else { break };
        let name = &after[..close];
        if !name.is_empty() && name.chars().all(|c| c.is_alphanumeric() || c == '_') {
            out.push(name);
            rest = &after[close + 1..];
        } else {
            rest = after;
        }
    }
    out
}

/// Parses an agent dictionary.
///
/// Returns the dictionary and every error. Lines with errors are left out.
pub fn parse_agents(path: &str, text: &str) -> (AgentDictionary, Vec<DictError>) {
    let mut errors = Vec::new();
    let lines = text::lines(path, text, &mut errors);
    let mut dict = AgentDictionary::default();
    for line in &lines {
        let content = line.content.trim();
        if content.is_empty() {
            continue;
        }
        if content.starts_with('!') && content.contains('=') {
            match substitution_set(content) {
                Ok((name, items)) => dict.substitutions.push(SubstitutionSet {
                    line: line.number,
                    name: name.to_string(),
                    items,
                }),
                Err(msg) => {
                    errors.push(line.error(path, content, ErrorKind::InvalidSubstitution(msg)))
                }
            }
            continue;
        }
        match agent_entry(path, line, content) {
            Ok(e) => dict.entries.push(e),
            Err(e) => errors.push(e),
        }
    }
    errors.sort_by_key(|e| (e.line, e.column));
    (dict, errors)
}

fn substitution_set(content: &str) -> Result<(&str, Vec<String>), &'static str> {
    let (lhs, rhs) = content.split_once('=').ok_or("missing `=`")?;
    let name = lhs
        .trim()
        .strip_prefix('!')
        .and_then(|l| l.strip_suffix('!'))
        .filter(|n| !n.is_empty() && !n.contains('!') && !n.chars().any(char::is_whitespace))
        .ok_or("the marker must be `!NAME!`")?;
    let items: Vec<String> = rhs.split(',').map(|s| s.trim().to_string()).collect();
    if items.iter().any(String::is_empty) {
        return Err("empty item in the list");
    }
    Ok((name, items))
}

fn agent_entry(path: &str, line: &Line<'_>, content: &str) -> Result<AgentEntry, DictError> {
    let split = content.find(['{', '[']).unwrap_or(content.len());
    let (phrase, mut rest) = content.split_at(split);
    if text::phrase_words(phrase).is_empty() {
        return Err(line.error(path, content, ErrorKind::EmptyPhrase));
    }
    let mut plurals = Plurals::Regular;
    if let Some(r) = rest.strip_prefix('{') {
        let close = r.find('}').ok_or_else(|| line.error(path, rest, ErrorKind::Unclosed('{')))?;
        let list: Vec<String> = r[..close].split_whitespace().map(str::to_string).collect();
        plurals = if list.is_empty() { Plurals::None } else { Plurals::Explicit(list) };
        rest = &r[close + 1..];
    }
    let (between, groups, after, problems) = text::split_bracket_groups(rest);
    if let Some((frag, kind)) = problems.into_iter().next() {
        return Err(line.error(path, frag, kind));
    }
    if !between.trim().is_empty() {
        return Err(line.error(path, between.trim(), ErrorKind::TrailingText));
    }
    let Some(group) = groups.first() else {
        return Err(line.error(path, content, ErrorKind::MissingCode));
    };
    if let Some(extra) = groups.get(1) {
        return Err(line.error(path, extra.whole, ErrorKind::TrailingText));
    }
    if !after.trim().is_empty() {
        return Err(line.error(path, after.trim(), ErrorKind::TrailingText));
    }
    let inner = group.inner.trim();
    let (code, placement) = match (inner.strip_prefix('~'), inner.strip_suffix('~')) {
        (Some(c), None) => (c.trim(), AgentPlacement::Suffix),
        (None, Some(c)) => (c.trim(), AgentPlacement::Prefix),
        _ if inner.is_empty() => return Err(line.error(path, group.whole, ErrorKind::EmptyCode)),
        _ => return Err(line.error(path, group.whole, ErrorKind::InvalidAgentCode)),
    };
    if code.is_empty() {
        return Err(line.error(path, group.whole, ErrorKind::EmptyCode));
    }
    if code.contains('~') {
        return Err(line.error(path, group.whole, ErrorKind::InvalidAgentCode));
    }
    if code.chars().any(char::is_whitespace) {
        return Err(line.error(path, group.whole, ErrorKind::InvalidCode));
    }
    Ok(AgentEntry {
        line: line.number,
        phrase: phrase.trim().to_string(),
        plurals,
        code: AgentCode { code: code.to_string(), placement },
        comment: line.comment_string(),
    })
}

/// Lints an agent dictionary: bad codes, duplicate entries and
/// substitution sets, undefined `!NAME!` markers, suspicious characters,
/// lower-case phrases and oversized expansions.
pub fn lint_agents(dict: &AgentDictionary) -> Vec<LintWarning> {
    let mut out = Vec::new();
    let mut set_names: HashMap<&str, usize> = HashMap::new();
    for s in &dict.substitutions {
        if let Some(first) = set_names.insert(&s.name, s.line) {
            let msg = format!("substitution set !{}! is already defined on line {first}", s.name);
            lint::warn(&mut out, s.line, LintKind::DuplicateEntry, msg);
        }
    }
    let defined: HashSet<&str> = dict.substitutions.iter().map(|s| s.name.as_str()).collect();
    let mut seen: HashMap<String, usize> = HashMap::new();
    for e in &dict.entries {
        let key = text::phrase_words(&e.phrase).join(" ").to_uppercase();
        if let Some(first) = seen.get(&key) {
            let msg = format!("agent {} is already defined on line {first}", e.phrase);
            lint::warn(&mut out, e.line, LintKind::DuplicateEntry, msg);
        } else {
            seen.insert(key, e.line);
        }
        if !lint::is_good_actor_code(&e.code.code) {
            lint::warn(
                &mut out,
                e.line,
                LintKind::BadCode,
                format!("agent code {} is malformed", e.code.code),
            );
        }
        let mut names = markers(&e.phrase);
        if let Plurals::Explicit(list) = &e.plurals {
            for p in list {
                names.extend(markers(p));
            }
        }
        for name in names {
            if !defined.contains(name) {
                let msg = format!("substitution marker !{name}! is not defined");
                lint::warn(&mut out, e.line, LintKind::UndefinedSubstitution, msg);
            }
        }
        let stripped: String = e.phrase.chars().filter(|&c| c != '!').collect();
        if let Some(c) = lint::suspicious_char(&stripped) {
            let msg = format!("agent {} contains {c:?}", e.phrase.escape_debug());
            lint::warn(&mut out, e.line, LintKind::SuspiciousCharacter, msg);
        }
        if lint::has_lowercase(&e.phrase) {
            let msg = format!("agent {} has lower-case letters and never matches", e.phrase);
            lint::warn(&mut out, e.line, LintKind::LowercasePhrase, msg);
        }
        if dict.forms(e).len() >= MAX_EXPANSIONS {
            let msg = format!("agent {} expands to more than {MAX_EXPANSIONS} forms", e.phrase);
            lint::warn(&mut out, e.line, LintKind::TooManyExpansions, msg);
        }
    }
    lint::finish(out)
}
