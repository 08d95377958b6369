//! Actor dictionaries: countries, international organisations and agents,
//! and the phrase trie that finds them in token sequences.

use std::collections::HashMap;

use crate::error::DictError;
use crate::normalize;

/// What kind of phrase an actor entry is; the coder combines kinds
/// ("Azerbaijani" + "Foreign Ministry" → `AZEGOV`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ActorKind {
    /// A country's name: "Azerbaijan".
    Country,
    /// A country's adjective or demonym: "Azerbaijani", "Armenians".
    CountryAdjective,
    /// A capital or seat of government used for its government: "Baku", "the Kremlin".
    Capital,
    /// An international organisation: "UN Security Council".
    Organisation,
    /// A role that combines with a country: "foreign ministry", "troops".
    Agent,
    /// A named person or other actor with a fixed code.
    Named,
}

/// One dictionary entry for an actor phrase.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ActorEntry {
    /// CAMEO actor code (`AZE`, `IGOUNO`) or, for agents, the agent suffix (`GOV`).
    pub code: String,
    /// ISO alpha-3 country (or `EUR` for the EU), if the entry has one.
    pub country: Option<String>,
    /// What kind of phrase it is.
    pub kind: ActorKind,
}

#[derive(Clone, Debug, Default)]
struct Node {
    children: HashMap<String, u32>,
    /// Entry index and the phrase tokens exactly as written, for
    /// case-sensitive acronyms.
    entry: Option<(u32, Vec<String>, Casing)>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Casing {
    /// Any case ("troops", "Troops").
    Any,
    /// The first token must start with a capital letter (proper names).
    Capitalised,
    /// Every token exactly as written (acronyms such as "US", "UN").
    Exact,
}

/// A compiled set of actor phrases, matched on tokens leftmost-longest.
#[derive(Clone, Debug)]
pub struct ActorDictionary {
    nodes: Vec<Node>,
    entries: Vec<ActorEntry>,
}

impl Default for ActorDictionary {
    fn default() -> Self {
        ActorDictionary { nodes: vec![Node::default()], entries: Vec::new() }
    }
}

/// A match of an actor phrase: `len` tokens starting at the queried position.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ActorMatch<'a> {
    /// How many tokens the phrase covers.
    pub len: usize,
    /// The entry.
    pub entry: &'a ActorEntry,
}

impl ActorDictionary {
    /// Adds `phrase` (tokenised like text) for `entry`. An earlier entry for
    /// the same phrase wins; returns `false` if the phrase was already there
    /// or is empty.
    pub fn insert(&mut self, phrase: &str, entry: ActorEntry) -> bool {
        let tokens: Vec<String> =
            herald_text::tokenize(phrase).iter().map(|s| s.slice(phrase).to_string()).collect();
        if tokens.is_empty() {
            return false;
        }
        let casing = if tokens.iter().any(|t| is_acronym(t)) {
            Casing::Exact
        } else if entry.kind == ActorKind::Agent {
            Casing::Any
        } else {
            Casing::Capitalised
        };
        let mut node = 0usize;
        for tok in &tokens {
            let key = normalize(tok);
            node = match self.nodes[node].children.get(&key) {
                Some(&next) => next as usize,
                None => {
                    let next = self.nodes.len();
                    self.nodes.push(Node::default());
                    self.nodes[node].children.insert(key, next as u32);
                    next
                }
            };
        }
        if self.nodes[node].entry.is_some() {
            return false;
        }
        let idx = self.entries.len() as u32;
        self.entries.push(entry);
        self.nodes[node].entry = Some((idx, tokens, casing));
        true
    }

    /// The longest phrase starting at `tokens[start]`. `lower` holds the
    /// normalised form of each token (see [`normalize`]).
    pub fn longest_at(
        &self,
        tokens: &[&str],
        lower: &[String],
        start: usize,
    ) -> Option<ActorMatch<'_>> {
        let mut node = 0usize;
        let mut best = None;
        for (i, key) in lower.iter().enumerate().skip(start) {
            match self.nodes[node].children.get(key.as_str()) {
                Some(&next) => node = next as usize,
                None => break,
            }
            if let Some((idx, phrase, casing)) = &self.nodes[node].entry {
                let span = &tokens[start..=i];
                let ok = match casing {
                    Casing::Any => true,
                    Casing::Capitalised => {
                        span[0].chars().next().is_some_and(|c| !c.is_lowercase())
                    }
                    Casing::Exact => span.iter().zip(phrase).all(|(t, p)| {
                        if is_acronym(p) {
                            t == p
                        } else {
                            normalize(t) == normalize(p)
                        }
                    }),
                };
                if ok {
                    best = Some(ActorMatch {
                        len: i + 1 - start,
                        entry: &self.entries[*idx as usize],
                    });
                }
            }
        }
        best
    }

    /// Number of phrases.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether there are no phrases.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

/// Whether a token is an acronym that must match case-sensitively ("US", "U.N.", "OSCE").
fn is_acronym(token: &str) -> bool {
    let letters = token.chars().filter(|c| c.is_alphabetic()).count();
    letters >= 2 && token.chars().all(|c| c.is_uppercase() || c == '.' || c == '&')
}

/// Reads a `|`-separated list field.
fn list(field: &str) -> impl Iterator<Item = &str> {
    field.split('|').map(str::trim).filter(|s| !s.is_empty())
}

/// Splits a TSV file into data rows, skipping comments, blank lines and the header.
fn rows<'a>(text: &'a str, header: &str) -> impl Iterator<Item = (usize, Vec<&'a str>)> + 'a {
    let header = header.to_string();
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty() && !l.trim_start().starts_with('#'))
        .filter(move |(_, l)| l.trim_end() != header)
        .map(|(i, l)| (i + 1, l.split('\t').collect()))
}

fn field_error(file: &str, line: usize, message: String) -> DictError {
    DictError { file: file.to_string(), line, column: 1, message }
}

/// Loads `countries.tsv` (`iso3 code names adjectives capitals`).
pub fn load_countries(
    dict: &mut ActorDictionary,
    file: &str,
    text: &str,
    errors: &mut Vec<DictError>,
) {
    const HEADER: &str = "iso3\tcode\tnames\tadjectives\tcapitals";
    for (line, f) in rows(text, HEADER) {
        if f.len() != 5 {
            errors.push(field_error(
                file,
                line,
                format!("expected 5 tab-separated fields, found {}", f.len()),
            ));
            continue;
        }
        let (iso3, code) = (f[0].trim(), f[1].trim());
        if iso3.len() != 3 || code.is_empty() {
            errors.push(field_error(file, line, format!("bad country code {iso3:?}/{code:?}")));
            continue;
        }
        let country = Some(iso3.to_string());
        let entry = |code: String, kind| ActorEntry { code, country: country.clone(), kind };
        for name in list(f[2]) {
            dict.insert(name, entry(code.to_string(), ActorKind::Country));
        }
        for adj in list(f[3]) {
            dict.insert(adj, entry(code.to_string(), ActorKind::CountryAdjective));
        }
        for capital in list(f[4]) {
            dict.insert(capital, entry(format!("{code}GOV"), ActorKind::Capital));
        }
    }
}

/// Loads `igos.tsv` (`code country names`).
pub fn load_organisations(
    dict: &mut ActorDictionary,
    file: &str,
    text: &str,
    errors: &mut Vec<DictError>,
) {
    const HEADER: &str = "code\tcountry\tnames";
    for (line, f) in rows(text, HEADER) {
        if f.len() != 3 || f[0].trim().is_empty() {
            errors.push(field_error(
                file,
                line,
                "expected `code<TAB>country<TAB>names`".to_string(),
            ));
            continue;
        }
        let country = Some(f[1].trim()).filter(|c| !c.is_empty()).map(str::to_string);
        for name in list(f[2]) {
            let entry = ActorEntry {
                code: f[0].trim().to_string(),
                country: country.clone(),
                kind: ActorKind::Organisation,
            };
            dict.insert(name, entry);
        }
    }
}

/// Loads `agents.tsv` (`code names`).
pub fn load_agents(
    dict: &mut ActorDictionary,
    file: &str,
    text: &str,
    errors: &mut Vec<DictError>,
) {
    const HEADER: &str = "code\tnames";
    for (line, f) in rows(text, HEADER) {
        if f.len() != 2 || f[0].trim().is_empty() {
            errors.push(field_error(file, line, "expected `code<TAB>names`".to_string()));
            continue;
        }
        for name in list(f[1]) {
            let entry =
                ActorEntry { code: f[0].trim().to_string(), country: None, kind: ActorKind::Agent };
            dict.insert(name, entry);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lookup<'a>(dict: &'a ActorDictionary, text: &str) -> Option<(usize, &'a ActorEntry)> {
        let spans = herald_text::tokenize(text);
        let tokens: Vec<&str> = spans.iter().map(|s| s.slice(text)).collect();
        let lower: Vec<String> = tokens.iter().map(|t| normalize(t)).collect();
        dict.longest_at(&tokens, &lower, 0).map(|m| (m.len, m.entry))
    }

    #[test]
    fn longest_match_and_casing() {
        let mut dict = ActorDictionary::default();
        let mut errors = Vec::new();
        load_countries(&mut dict, "c", "iso3\tcode\tnames\tadjectives\tcapitals\nUSA\tUSA\tUnited States|US\tAmerican\tWashington\nTUR\tTUR\tTurkey\tTurkish\tAnkara\n", &mut errors);
        load_organisations(
            &mut dict,
            "o",
            "code\tcountry\tnames\nIGOUNO\t\tUN|UN Security Council\n",
            &mut errors,
        );
        load_agents(&mut dict, "a", "code\tnames\nMIL\ttroops\n", &mut errors);
        assert!(errors.is_empty());
        assert_eq!(
            lookup(&dict, "UN Security Council said").map(|(n, e)| (n, e.code.as_str())),
            Some((3, "IGOUNO"))
        );
        assert_eq!(lookup(&dict, "United States troops").map(|(n, _)| n), Some(2));
        assert!(lookup(&dict, "us").is_none(), "acronyms are case-sensitive");
        assert!(lookup(&dict, "un").is_none());
        assert!(lookup(&dict, "turkey dinner").is_none(), "names need a capital");
        assert_eq!(lookup(&dict, "Troops").map(|(_, e)| e.kind), Some(ActorKind::Agent));
        assert_eq!(lookup(&dict, "Washington").map(|(_, e)| e.code.as_str()), Some("USAGOV"));
    }

    #[test]
    fn reports_bad_rows_with_lines() {
        let mut dict = ActorDictionary::default();
        let mut errors = Vec::new();
        load_countries(
            &mut dict,
            "countries.tsv",
            "iso3\tcode\tnames\tadjectives\tcapitals\n# c\nUSA\tUSA\n",
            &mut errors,
        );
        assert_eq!(errors.len(), 1);
        assert_eq!((errors[0].file.as_str(), errors[0].line), ("countries.tsv", 3));
    }
}
