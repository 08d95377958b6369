//! Actor dictionaries: countries, international organisations and agents,
//! and the phrase trie that finds them in token sequences.

use herald_core::Date;

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
    /// CAMEO actor code (`AZE`, `IGOUNO`) or, for agents, the agent suffix
    /// (`GOV`). The code when no date restriction applies; empty when the
    /// actor has only date-restricted codes.
    pub code: String,
    /// ISO alpha-3 country (or `EUR` for the EU), if the entry has one.
    pub country: Option<String>,
    /// What kind of phrase it is.
    pub kind: ActorKind,
    /// Codes that apply only between two dates (PETRARCH's
    /// `[USAGOV >19930120]`), in priority order: the first that contains
    /// the story date wins over `code`.
    pub dated: Vec<DatedCode>,
    /// For agents: the agent code goes before the actor code (PETRARCH's
    /// `[NGO~]`: `NGO` + `USA` = `NGOUSA`) rather than after it.
    pub prefix: bool,
}

impl ActorEntry {
    /// An entry with one code that applies at all dates.
    pub fn new(code: impl Into<String>, country: Option<String>, kind: ActorKind) -> ActorEntry {
        ActorEntry { code: code.into(), country, kind, dated: Vec::new(), prefix: false }
    }

    /// The code on `date`: the first date-restricted code whose range
    /// contains it, else `code`. Without a date, `code`, or if there is no
    /// unrestricted code the restricted code that applies latest (an
    /// open-ended one first): the actor as it is now.
    pub fn code_on(&self, date: Option<Date>) -> &str {
        self.dated_on(date).map_or(&self.code, |c| &c.code)
    }

    /// The country on `date`, chosen like [`Self::code_on`]: the country
    /// of the date-restricted code that applies, else `country`. A person
    /// may change countries with offices (a foreign minister who becomes
    /// UN Secretary-General).
    pub fn country_on(&self, date: Option<Date>) -> Option<&str> {
        match self.dated_on(date) {
            Some(c) => c.country.as_deref(),
            None => self.country.as_deref(),
        }
    }

    /// Whether a code bounded in time (an office held) applies on `date`:
    /// of two people called Bush, the one in office then.
    pub fn in_office(&self, date: Option<Date>) -> bool {
        date.is_some() && self.dated_on(date).is_some_and(|c| c.from.is_some() || c.to.is_some())
    }

    /// The date-restricted code that applies on `date` (see [`Self::code_on`]),
    /// or `None` when `code` does.
    fn dated_on(&self, date: Option<Date>) -> Option<&DatedCode> {
        match date {
            Some(date) => self.dated.iter().find(|c| c.contains(date)),
            None if self.code.is_empty() => {
                // `None` (open-ended) sorts after every date.
                self.dated.iter().rev().max_by_key(|c| (c.to.is_none(), c.to))
            }
            None => None,
        }
    }
}

/// A date of herald's actor format: `YYYYMMDD` (what `herald dict
/// convert` writes) or `YYYY-MM-DD`.
fn parse_date(s: &str) -> Option<Date> {
    let b = s.as_bytes();
    if b.len() == 8 && b.iter().all(u8::is_ascii_digit) {
        let num = |r: std::ops::Range<usize>| s[r].parse::<i16>().ok();
        let (year, month, day) = (num(0..4)?, num(4..6)?, num(6..8)?);
        return Date::from_ymd(year, i8::try_from(month).ok()?, i8::try_from(day).ok()?);
    }
    Date::parse(s).ok()
}

/// A date as [`parse_date`] reads it back: `YYYYMMDD`.
fn basic_date(d: Date) -> String {
    format!("{:04}{:02}{:02}", d.year(), d.month(), d.day())
}

/// An actor code that applies from `from` to `to` (both inclusive; `None`
/// is open-ended).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DatedCode {
    /// The code.
    pub code: String,
    /// The country while the code applies (usually the entry's own).
    pub country: Option<String>,
    /// First day the code applies, if bounded.
    pub from: Option<Date>,
    /// Last day the code applies, if bounded.
    pub to: Option<Date>,
}

impl DatedCode {
    /// Whether the code applies on `date`.
    pub fn contains(&self, date: Date) -> bool {
        self.from.is_none_or(|f| f <= date) && self.to.is_none_or(|t| date <= t)
    }
}

#[derive(Clone, Debug, Default)]
struct Node {
    children: crate::FastMap<String, u32>,
    /// Entry index and the phrase tokens exactly as written, for
    /// case-sensitive acronyms.
    entry: Option<(u32, Vec<String>, Casing)>,
}

/// How a phrase's case must match the text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Casing {
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
    /// The last word of each named person's multi-word names, normalised,
    /// and the entries it may stand for.
    surnames: crate::FastMap<String, Vec<u32>>,
}

impl Default for ActorDictionary {
    fn default() -> Self {
        ActorDictionary {
            nodes: vec![Node::default()],
            entries: Vec::new(),
            surnames: crate::FastMap::default(),
        }
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
    /// The casing rule follows from the phrase: acronyms (`UN`, `U.S.`)
    /// match exactly, agents written in lower case in any case, other
    /// names (and agents that are names, "Labor") when capitalised.
    pub fn insert(&mut self, phrase: &str, entry: ActorEntry) -> bool {
        let casing = if herald_text::tokenize(phrase).iter().any(|s| is_acronym(s.slice(phrase))) {
            Casing::Exact
        } else if entry.kind == ActorKind::Agent && !phrase.starts_with(char::is_uppercase) {
            Casing::Any
        } else {
            Casing::Capitalised
        };
        self.insert_cased(phrase, entry, casing)
    }

    /// Adds `phrase` with an explicit casing rule (PETRARCH dictionaries are
    /// written in capitals and match in any case); see [`Self::insert`].
    pub fn insert_cased(&mut self, phrase: &str, entry: ActorEntry, casing: Casing) -> bool {
        let tokens: Vec<String> =
            herald_text::tokenize(phrase).iter().map(|s| s.slice(phrase).to_string()).collect();
        if tokens.is_empty() {
            return false;
        }
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
        if entry.kind == ActorKind::Named && tokens.len() >= 2 {
            let last = normalize(&tokens[tokens.len() - 1]);
            if last.chars().all(|c| c.is_alphabetic() || c == '-' || c == '\'') {
                let people = self.surnames.entry(last).or_default();
                if !people.iter().any(|&i| self.entries[i as usize] == entry) {
                    people.push(idx);
                }
            }
        }
        self.entries.push(entry);
        self.nodes[node].entry = Some((idx, tokens, casing));
        true
    }

    /// The named people whose multi-word names end in `lower` (a
    /// normalised surname: "downer" for "Alexander Downer"). A surname alone
    /// is too weak to be an actor; the coder uses this after a title ("Mr
    /// Downer", "President Musharraf").
    pub fn by_surname(&self, lower: &str) -> impl Iterator<Item = &ActorEntry> {
        self.surnames.get(lower).into_iter().flatten().map(|&i| &self.entries[i as usize])
    }

    /// The longest phrase starting at `tokens[start]`. `lower` holds the
    /// normalised form of each token (see [`normalize`]). Where a phrase
    /// has [`PHRASE_GAP`], up to three lower-case words may stand.
    pub fn longest_at(
        &self,
        tokens: &[&str],
        lower: &[String],
        start: usize,
    ) -> Option<ActorMatch<'_>> {
        let mut best = None;
        let mut matched = Vec::new();
        self.walk(tokens, lower, start, 0, &mut matched, &mut best);
        best
    }

    /// Matches `lower[pos..]` from `node`, `matched` holding the tokens
    /// matched so far; keeps in `best` the longest phrase whose case fits.
    fn walk<'d>(
        &'d self,
        tokens: &[&str],
        lower: &[String],
        pos: usize,
        node: usize,
        matched: &mut Vec<usize>,
        best: &mut Option<ActorMatch<'d>>,
    ) {
        // A phrase starts with a word, never with a gap.
        let gap = self.nodes[node].children.get(PHRASE_GAP).filter(|_| node != 0);
        if let Some(&gap) = gap {
            let fillers = (pos..lower.len())
                .take(MAX_GAP)
                .take_while(|&k| is_filler(tokens[k], &lower[k]))
                .count();
            for skip in 0..=fillers {
                self.walk(tokens, lower, pos + skip, gap as usize, matched, best);
            }
        }
        let Some(key) = lower.get(pos) else { return };
        let Some(&next) = self.nodes[node].children.get(key.as_str()) else { return };
        let next = next as usize;
        matched.push(pos);
        if let Some((idx, phrase, casing)) = &self.nodes[next].entry {
            let words = phrase.iter().filter(|p| p.as_str() != PHRASE_GAP);
            let ok = match casing {
                Casing::Any => true,
                Casing::Capitalised => {
                    tokens[matched[0]].chars().next().is_some_and(|c| !c.is_lowercase())
                }
                Casing::Exact => matched.iter().zip(words).all(|(&k, p)| {
                    if is_acronym(p) {
                        tokens[k] == p
                    } else {
                        normalize(tokens[k]) == normalize(p)
                    }
                }),
            };
            let len = pos + 1 - matched[0];
            if ok && best.is_none_or(|b| b.len < len) {
                *best = Some(ActorMatch { len, entry: &self.entries[*idx as usize] });
            }
        }
        self.walk(tokens, lower, pos + 1, next, matched, best);
        matched.pop();
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
/// A token in an actor phrase where other words may stand: PETRARCH's
/// blank between the words of an actor phrase ("ITHILEN TELEVISION" matches
/// "Ithilen state-run television"), where `_` joins words that must be
/// consecutive.
pub const PHRASE_GAP: &str = "…";

/// The most tokens a [`PHRASE_GAP`] stands for.
const MAX_GAP: usize = 3;

/// A word that may fill a [`PHRASE_GAP`]: a lower-case modifier ("state-run"),
/// not a name, a number or a function word that starts another phrase.
fn is_filler(token: &str, lower: &str) -> bool {
    const FUNCTION_WORDS: &[&str] = &[
        "and", "or", "nor", "but", "of", "in", "on", "at", "to", "for", "with", "by", "from",
        "the", "a", "an", "that", "which", "who",
    ];
    (token == "-" || token.chars().all(|c| c.is_lowercase() || c == '-'))
        && !FUNCTION_WORDS.contains(&lower)
}

fn is_acronym(token: &str) -> bool {
    let letters = token.chars().filter(|c| c.is_alphabetic()).count();
    letters >= 2 && token.chars().all(|c| c.is_uppercase() || c == '.' || c == '&')
}

/// Reads a `|`-separated list field.
pub(crate) fn list(field: &str) -> impl Iterator<Item = &str> {
    field.split('|').map(str::trim).filter(|s| !s.is_empty())
}

/// Splits a TSV file into data rows, skipping comments, blank lines and the header.
pub(crate) fn rows<'a>(
    text: &'a str,
    header: &str,
) -> impl Iterator<Item = (usize, Vec<&'a str>)> + 'a {
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

/// The header lines of the country, organisation and agent tables.
pub(crate) const COUNTRIES_HEADER: &str = "iso3\tcode\tnames\tadjectives\tcapitals";
pub(crate) const ORGANISATIONS_HEADER: &str = "code\tcountry\tnames";
pub(crate) const AGENTS_HEADER: &str = "code\tnames";

/// Loads `countries.tsv` (`iso3 code names adjectives capitals`).
pub fn load_countries(
    dict: &mut ActorDictionary,
    file: &str,
    text: &str,
    errors: &mut Vec<DictError>,
) {
    for (line, f) in rows(text, COUNTRIES_HEADER) {
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
        let entry = |code: String, kind| ActorEntry::new(code, country.clone(), kind);
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
    for (line, f) in rows(text, ORGANISATIONS_HEADER) {
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
            let entry = ActorEntry::new(f[0].trim(), country.clone(), ActorKind::Organisation);
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
    for (line, f) in rows(text, AGENTS_HEADER) {
        if f.len() != 2 || f[0].trim().is_empty() {
            errors.push(field_error(file, line, "expected `code<TAB>names`".to_string()));
            continue;
        }
        for name in list(f[1]) {
            let entry = ActorEntry::new(f[0].trim(), None, ActorKind::Agent);
            dict.insert(name, entry);
        }
    }
}

/// One row of `actors.tsv`: an entry, how its names match, and its names.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ActorRow {
    /// The entry every name stands for.
    pub entry: ActorEntry,
    /// How the names' case must match; `None` for the rule of [`ActorDictionary::insert`].
    pub casing: Option<Casing>,
    /// The phrases.
    pub names: Vec<String>,
}

impl ActorDictionary {
    /// Adds every name of `row`; earlier phrases win, as with [`Self::insert`].
    pub fn insert_row(&mut self, row: &ActorRow) {
        for name in &row.names {
            match row.casing {
                Some(casing) => self.insert_cased(name, row.entry.clone(), casing),
                None => self.insert(name, row.entry.clone()),
            };
        }
    }
}

const ACTORS_HEADER: &str = "code\tcountry\tkind\tcase\tnames\tdated";

const KINDS: [(ActorKind, &str); 6] = [
    (ActorKind::Country, "country"),
    (ActorKind::CountryAdjective, "adjective"),
    (ActorKind::Capital, "capital"),
    (ActorKind::Organisation, "organisation"),
    (ActorKind::Agent, "agent"),
    (ActorKind::Named, "named"),
];

const CASINGS: [(Casing, &str); 3] =
    [(Casing::Any, "any"), (Casing::Capitalised, "capitalised"), (Casing::Exact, "exact")];

/// Loads `actors.tsv` (`code country kind case names dated`).
pub fn load_actor_rows(
    dict: &mut ActorDictionary,
    file: &str,
    text: &str,
    errors: &mut Vec<DictError>,
) {
    for (line, f) in rows(text, ACTORS_HEADER) {
        match parse_actor_row(&f) {
            Ok(row) => dict.insert_row(&row),
            Err(message) => errors.push(field_error(file, line, message)),
        }
    }
}

fn parse_actor_row(f: &[&str]) -> Result<ActorRow, String> {
    if f.len() != 6 {
        return Err(format!("expected 6 tab-separated fields, found {}", f.len()));
    }
    let kind_text = f[2].trim();
    let (kind_name, prefix) = match kind_text.strip_suffix("-prefix") {
        Some(k) => (k, true),
        None => (kind_text, false),
    };
    let kind = KINDS
        .iter()
        .find(|(_, n)| *n == kind_name)
        .map(|(k, _)| *k)
        .ok_or_else(|| format!("unknown kind {kind_text:?}"))?;
    let casing = match f[3].trim() {
        "auto" => None,
        c => Some(
            CASINGS
                .iter()
                .find(|(_, n)| *n == c)
                .map(|(k, _)| *k)
                .ok_or_else(|| format!("unknown case rule {c:?}"))?,
        ),
    };
    let country = Some(f[1].trim()).filter(|c| !c.is_empty()).map(str::to_string);
    let mut entry = ActorEntry::new(f[0].trim(), country, kind);
    entry.prefix = prefix;
    for d in list(f[5]) {
        let bad =
            || format!("bad dated code {d:?}: expected CODE[(COUNTRY)]@[YYYYMMDD]..[YYYYMMDD]");
        let (code, range) = d.split_once('@').ok_or_else(bad)?;
        // `IGOUNO()@...`: a country of its own while the code applies
        // (here none), else the row's.
        let (code, country) = match code.strip_suffix(')') {
            Some(rest) => {
                let (code, country) = rest.split_once('(').ok_or_else(bad)?;
                let country = country.trim();
                (code, (!country.is_empty()).then(|| country.to_string()))
            }
            None => (code, entry.country.clone()),
        };
        let (from, to) = range.split_once("..").ok_or_else(bad)?;
        let date = |s: &str| -> Result<Option<Date>, String> {
            if s.is_empty() {
                Ok(None)
            } else {
                parse_date(s).map(Some).ok_or_else(bad)
            }
        };
        if code.is_empty() || code.contains(['(', ')']) {
            return Err(bad());
        }
        let (from, to) = (date(from)?, date(to)?);
        entry.dated.push(DatedCode { code: code.to_string(), country, from, to });
    }
    if entry.code.is_empty() && entry.dated.is_empty() {
        return Err("an actor needs a code or a dated code".to_string());
    }
    let names: Vec<String> = list(f[4]).map(str::to_string).collect();
    Ok(ActorRow { entry, casing, names })
}

/// Writes rows in the format [`load_actor_rows`] reads, with a header.
/// Names and codes that the format cannot hold (a tab, `|`, `@` or a line
/// break in them) are left out; the rows they belong to are returned by index.
pub fn write_actor_rows(rows: &[ActorRow]) -> (String, Vec<usize>) {
    let clean =
        |s: &str| !s.chars().any(|c| matches!(c, '\t' | '|' | '@' | '\n' | '\r' | '#' | '(' | ')'));
    let mut out = format!("{ACTORS_HEADER}\n");
    let mut lossy = Vec::new();
    for (i, row) in rows.iter().enumerate() {
        let e = &row.entry;
        let names: Vec<&str> = row
            .names
            .iter()
            .map(String::as_str)
            .filter(|n| clean(n) && !n.trim().is_empty())
            .collect();
        let dated: Vec<String> = e
            .dated
            .iter()
            .filter(|d| clean(&d.code) && !d.code.is_empty())
            .filter(|d| d.country.as_deref().is_none_or(clean))
            .map(|d| {
                let day = |x: Option<Date>| x.map_or_else(String::new, basic_date);
                let country = if d.country == e.country {
                    String::new()
                } else {
                    format!("({})", d.country.as_deref().unwrap_or(""))
                };
                format!("{}{country}@{}..{}", d.code, day(d.from), day(d.to))
            })
            .collect();
        if names.len() != row.names.len() || dated.len() != e.dated.len() || !clean(&e.code) {
            lossy.push(i);
        }
        if names.is_empty() || (e.code.is_empty() && dated.is_empty()) || !clean(&e.code) {
            continue;
        }
        let kind = KINDS.iter().find(|(k, _)| *k == e.kind).map_or("named", |(_, n)| n);
        let case = row
            .casing
            .and_then(|c| CASINGS.iter().find(|(k, _)| *k == c).map(|(_, n)| *n))
            .unwrap_or("auto");
        out.push_str(&format!(
            "{}\t{}\t{kind}{}\t{case}\t{}\t{}\n",
            e.code,
            e.country.as_deref().unwrap_or(""),
            if e.prefix { "-prefix" } else { "" },
            names.join("|"),
            dated.join("|")
        ));
    }
    (out, lossy)
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
        load_agents(&mut dict, "a", "code\tnames\nMIL\ttroops\nPTY\tLabor\n", &mut errors);
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
        assert!(lookup(&dict, "Labor said").is_some());
        assert!(lookup(&dict, "labor costs").is_none(), "an agent written as a name is one");
        assert_eq!(lookup(&dict, "Washington").map(|(_, e)| e.code.as_str()), Some("USAGOV"));
    }

    #[test]
    fn gaps_take_a_few_lower_case_words() {
        let mut dict = ActorDictionary::default();
        let entry = ActorEntry::new("ITHTV", Some("ITH".to_string()), ActorKind::Organisation);
        assert!(dict.insert_cased("ithilen … television", entry, Casing::Any));
        let len = |text: &str| lookup(&dict, text).map(|(n, _)| n);
        assert_eq!(len("Ithilen television"), Some(2));
        assert_eq!(len("Ithilen state-run television said"), Some(5));
        assert_eq!(len("Ithilen and television"), None, "a function word is no modifier");
        assert_eq!(len("Ithilen Gondor television"), None, "a name is no modifier");
        assert_eq!(len("Ithilen very old state-run television"), None, "too many words");
        let rows = [ActorRow {
            entry: ActorEntry::new("ITHTV", None, ActorKind::Organisation),
            casing: Some(Casing::Any),
            names: vec!["ithilen … television".to_string()],
        }];
        let (text, lossy) = write_actor_rows(&rows);
        assert!(lossy.is_empty());
        let mut again = ActorDictionary::default();
        let mut errors = Vec::new();
        load_actor_rows(&mut again, "a", &text, &mut errors);
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(lookup(&again, "Ithilen state-run television").map(|(n, _)| n), Some(5));
    }

    #[test]
    fn actor_rows_round_trip() {
        let mut usa = ActorEntry::new("USA", Some("USA".into()), ActorKind::Country);
        usa.dated.push(DatedCode {
            code: "USAGOV".into(),
            country: Some("USA".into()),
            from: parse_date("19930120"),
            to: None,
        });
        let mut ngo = ActorEntry::new("NGO", None, ActorKind::Agent);
        ngo.prefix = true;
        let rows = vec![
            ActorRow {
                entry: usa,
                casing: Some(Casing::Any),
                names: vec!["UNITED STATES".into(), "U.S.".into()],
            },
            ActorRow { entry: ngo, casing: None, names: vec!["msf".into(), "a|b".into()] },
        ];
        let (text, lossy) = write_actor_rows(&rows);
        assert_eq!(lossy, [1], "`a|b` cannot be written");
        let mut dict = ActorDictionary::default();
        let mut errors = Vec::new();
        load_actor_rows(&mut dict, "actors.tsv", &text, &mut errors);
        assert!(errors.is_empty(), "{errors:?}");
        let m = lookup(&dict, "united states").unwrap().1;
        assert_eq!(m.code_on(parse_date("20000101")), "USAGOV");
        assert!(lookup(&dict, "MSF").unwrap().1.prefix);
        load_actor_rows(
            &mut dict,
            "actors.tsv",
            &format!("{ACTORS_HEADER}\nX\t\tfoo\tany\tx\t\nY\t\tnamed\tany\ty\tY@1..2\n"),
            &mut errors,
        );
        assert_eq!(errors.iter().map(|e| e.line).collect::<Vec<_>>(), [2, 3]);
    }

    #[test]
    fn dated_codes_resolve_by_date() {
        let mut e = ActorEntry::new("USA", None, ActorKind::Named);
        let d = |s: &str| parse_date(s).unwrap();
        let dated = |code: &str, from, to| DatedCode { code: code.into(), country: None, from, to };
        e.dated.push(dated("USAGOV", Some(d("19930120")), None));
        e.dated.push(dated("USAELI", None, Some(d("1993-01-20"))));
        assert_eq!(e.code_on(Some(d("19930120"))), "USAGOV", "limits are inclusive; first wins");
        assert_eq!(e.code_on(Some(d("1990-05-01T00:00:00Z"))), "USAELI");
        assert_eq!(e.code_on(None), "USA");
        e.code.clear();
        assert_eq!(e.code_on(None), "USAGOV", "the open-ended code");
        e.dated[0].to = parse_date("19960101");
        assert_eq!(e.code_on(None), "USAGOV", "the code that ends last");
        assert_eq!(parse_date("2024-13-01"), None);
        assert_eq!(parse_date("19930230"), None, "no such day");
        assert_eq!(parse_date("1993012"), None);
        assert_eq!(basic_date(d("1993-01-20")), "19930120");
    }

    #[test]
    fn dated_codes_carry_their_country() {
        let text = format!(
            "{ACTORS_HEADER}\nKORELI\tKOR\tnamed\tauto\tBan Ki-moon\t\
             KORGOV@20040117..20061109|IGOUNO()@20070101..20161231|IGOEUREEC(EUR)@1..2\n"
        );
        let mut dict = ActorDictionary::default();
        let mut errors = Vec::new();
        load_actor_rows(&mut dict, "actors.tsv", &text, &mut errors);
        assert_eq!(errors.len(), 1, "a bad date is still an error: {errors:?}");
        let text = text.replace("|IGOEUREEC(EUR)@1..2", "|IGOEUREEC(EUR)@20200101..");
        let (mut dict, mut errors) = (ActorDictionary::default(), Vec::new());
        load_actor_rows(&mut dict, "actors.tsv", &text, &mut errors);
        assert!(errors.is_empty(), "{errors:?}");
        let e = lookup(&dict, "Ban Ki-moon").unwrap().1;
        let on = |d: &str| (e.code_on(parse_date(d)), e.country_on(parse_date(d)));
        assert_eq!(on("20050101"), ("KORGOV", Some("KOR")), "the row's country");
        assert_eq!(on("20100101"), ("IGOUNO", None), "`()`: no country");
        assert_eq!(on("20210101"), ("IGOEUREEC", Some("EUR")));
        assert_eq!(on("19990101"), ("KORELI", Some("KOR")), "no dated code: the row's");
        assert_eq!((e.code_on(None), e.country_on(None)), ("KORELI", Some("KOR")));
        let row = ActorRow { entry: e.clone(), casing: None, names: vec!["Ban Ki-moon".into()] };
        let (written, lossy) = write_actor_rows(&[row]);
        assert!(lossy.is_empty());
        assert_eq!(written.lines().nth(1), text.lines().nth(1), "written back as read");
        for bad in ["IGOUNO(@1..2", "IGO)UNO@..", "(KOR)@.."] {
            let mut errors = Vec::new();
            let row = format!("{ACTORS_HEADER}\nX\t\tnamed\tauto\tx\t{bad}\n");
            load_actor_rows(&mut ActorDictionary::default(), "a", &row, &mut errors);
            assert_eq!(errors.len(), 1, "{bad}");
        }
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
