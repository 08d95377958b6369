//! herald's dictionaries: who the actors are and which verb patterns code
//! which CAMEO events.
//!
//! [`Dictionaries::embedded`] returns the defaults compiled into the binary
//! (`data/`): every UN member state and common non-members with names,
//! adjectives and capitals, the main international organisations, agents
//! that combine with countries, named people (heads of state and
//! government, foreign and defence ministers, heads of international
//! organisations, armed-group leaders) with their offices' dates, named
//! armed groups, and verb patterns for all 20 CAMEO roots.
//! [`Dictionaries::from_sources`] compiles user-supplied files in the same
//! formats; the formats are specified in `docs/dictionaries.md`.
//!
//! ```
//! let dicts = herald_dict::Dictionaries::embedded();
//! assert!(dicts.actors.len() > 1000);
//! assert!(dicts.verbs.patterns().len() > 300);
//! ```
#![warn(missing_docs)]

mod actors;
mod error;
mod inflect;
mod names;
mod verbs;

/// Hash maps keyed by dictionary words. They are looked up for every token,
/// so they use a fast non-cryptographic hash; its seed is fixed, so every
/// run iterates them alike (their keys come from the dictionaries, which the
/// user chose, not from the text being coded).
pub type FastMap<K, V> = std::collections::HashMap<K, V, foldhash::fast::FixedState>;

pub use actors::{
    write_actor_rows, ActorDictionary, ActorEntry, ActorKind, ActorMatch, ActorRow, Casing,
    DatedCode, PHRASE_GAP,
};
pub use error::{DictError, DictErrors};
pub use inflect::Irregulars;
pub use names::ActorNames;
pub use verbs::{Alternatives, LemmaId, PatternItem, VerbDictionary, VerbPattern};

/// The normalised form tokens are matched on: lower case, typographic
/// apostrophes folded to ASCII, invisible format characters left out.
pub fn normalize(token: &str) -> String {
    // Nearly every token is ASCII, which has no format characters or
    // typographic apostrophes.
    if token.is_ascii() {
        return token.to_ascii_lowercase();
    }
    token
        .chars()
        .filter(|&c| !herald_text::is_ignorable(c))
        .flat_map(char::to_lowercase)
        .map(|c| if c == '’' { '\'' } else { c })
        .collect()
}

/// The source text of each dictionary file herald reads.
#[derive(Clone, Copy, Debug, Default)]
pub struct Sources<'a> {
    /// `countries.tsv`: `(file label, contents)`.
    pub countries: Option<(&'a str, &'a str)>,
    /// `igos.tsv`.
    pub organisations: Option<(&'a str, &'a str)>,
    /// `agents.tsv`.
    pub agents: Option<(&'a str, &'a str)>,
    /// `verbs.txt`.
    pub verbs: Option<(&'a str, &'a str)>,
    /// `irregular_verbs.tsv`.
    pub irregular_verbs: Option<(&'a str, &'a str)>,
    /// `actors.tsv`: actors with explicit kinds, case rules and dated codes
    /// (what `herald dict convert` writes for PETRARCH actors and agents).
    pub actors: Option<(&'a str, &'a str)>,
    /// `discards.txt`: discard phrases.
    pub discards: Option<(&'a str, &'a str)>,
}

impl Sources<'static> {
    /// The SHA-256 (hex) of the embedded file `name` (`"verbs.txt"`, ...),
    /// computed at build time; `None` for a file herald does not embed.
    pub fn embedded_sha256(name: &str) -> Option<&'static str> {
        Some(match name {
            "countries.tsv" => env!("HERALD_SHA256_COUNTRIES_TSV"),
            "igos.tsv" => env!("HERALD_SHA256_IGOS_TSV"),
            "agents.tsv" => env!("HERALD_SHA256_AGENTS_TSV"),
            "verbs.txt" => env!("HERALD_SHA256_VERBS_TXT"),
            "irregular_verbs.tsv" => env!("HERALD_SHA256_IRREGULAR_VERBS_TSV"),
            "actors.tsv" => env!("HERALD_SHA256_ACTORS_TSV"),
            _ => return None,
        })
    }

    /// The dictionaries embedded in herald.
    pub fn embedded() -> Sources<'static> {
        Sources {
            countries: Some(("countries.tsv", include_str!("../data/countries.tsv"))),
            organisations: Some(("igos.tsv", include_str!("../data/igos.tsv"))),
            agents: Some(("agents.tsv", include_str!("../data/agents.tsv"))),
            verbs: Some(("verbs.txt", include_str!("../data/verbs.txt"))),
            irregular_verbs: Some((
                "irregular_verbs.tsv",
                include_str!("../data/irregular_verbs.tsv"),
            )),
            // Written by tools/actors/build.py; see tools/actors/README.md.
            actors: Some(("actors.tsv", include_str!("../data/actors.tsv"))),
            discards: None,
        }
    }
}

/// The signature of the actor file readers.
type ActorLoader = fn(&mut ActorDictionary, &str, &str, &mut Vec<DictError>);

/// Compiled, immutable dictionaries. Build once, share across threads.
#[derive(Clone, Debug)]
pub struct Dictionaries {
    /// Actor phrases.
    pub actors: ActorDictionary,
    /// Verb patterns.
    pub verbs: VerbDictionary,
    /// Phrases that mark a sentence or story as not to be coded (sports,
    /// weather, ...). Empty in the embedded dictionaries.
    pub discards: Discards,
}

/// Discard phrases: a sentence containing a sentence-level phrase, or a
/// story containing a story-level phrase, is not coded. Phrases are
/// sequences of normalised tokens (see [`normalize`]), matched in any case.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Discards {
    /// Phrases that discard the sentence they occur in.
    pub sentence: Vec<Vec<String>>,
    /// Phrases that discard the whole story.
    pub story: Vec<Vec<String>>,
}

impl Discards {
    /// Parses `discards.txt`: one phrase per line, `+` before story-level
    /// phrases; phrases are tokenised like text and match in any case.
    pub fn parse(file: &str, text: &str, errors: &mut Vec<DictError>) -> Discards {
        let mut out = Discards::default();
        for (idx, raw) in text.lines().enumerate() {
            let line = raw.split('#').next().unwrap_or("").trim();
            if line.is_empty() {
                continue;
            }
            let (story, phrase) = match line.strip_prefix('+') {
                Some(p) => (true, p.trim()),
                None => (false, line),
            };
            let tokens: Vec<String> =
                herald_text::tokenize(phrase).iter().map(|s| normalize(s.slice(phrase))).collect();
            if tokens.is_empty() {
                errors.push(DictError {
                    file: file.to_string(),
                    line: idx + 1,
                    column: 1,
                    message: "empty discard phrase".to_string(),
                });
            } else if story {
                out.story.push(tokens);
            } else {
                out.sentence.push(tokens);
            }
        }
        out
    }

    /// Writes the phrases in the format [`Discards::parse`] reads.
    pub fn to_text(&self) -> String {
        let mut out = String::new();
        for p in &self.sentence {
            out.push_str(&format!("{}\n", p.join(" ")));
        }
        for p in &self.story {
            out.push_str(&format!("+{}\n", p.join(" ")));
        }
        out
    }

    /// The first phrase of `phrases` that occurs in `lower` (normalised tokens).
    pub fn find<'a>(phrases: &'a [Vec<String>], lower: &[String]) -> Option<&'a [String]> {
        phrases
            .iter()
            .find(|p| !p.is_empty() && lower.windows(p.len()).any(|w| w == p.as_slice()))
            .map(Vec::as_slice)
    }
}

impl Dictionaries {
    /// The embedded default dictionaries.
    pub fn embedded() -> Dictionaries {
        // The embedded files are checked by this crate's tests, so failing
        // here is a build defect, not an input error.
        Dictionaries::from_sources(Sources::embedded()).expect("embedded dictionaries are valid")
    }

    /// Compiles dictionaries from sources, reporting every problem found in
    /// every file (not only the first).
    pub fn from_sources(sources: Sources<'_>) -> Result<Dictionaries, DictErrors> {
        let mut errors = Vec::new();
        let irregulars = match sources.irregular_verbs {
            Some((file, text)) => {
                let (irr, bad) = Irregulars::parse(text);
                errors.extend(bad.into_iter().map(|line| DictError {
                    file: file.to_string(),
                    line,
                    column: 1,
                    message: "expected 5 tab-separated fields".to_string(),
                }));
                irr
            }
            None => Irregulars::default(),
        };
        // An empty or truncated file would load without error and code
        // nothing at all. A TSV file with only its header holds nothing on
        // purpose (`herald dict convert` writes such files).
        let empty = |file: &str, what: &str| DictError {
            file: file.to_string(),
            line: 1,
            column: 1,
            message: format!("no {what}: the file is empty or truncated"),
        };
        let blank = |text: &str| {
            text.lines().all(|l| l.trim().is_empty() || l.trim_start().starts_with('#'))
        };
        let mut actors = ActorDictionary::default();
        let actor_files = [
            (sources.organisations, actors::load_organisations as ActorLoader),
            (sources.countries, actors::load_countries),
            (sources.agents, actors::load_agents),
            (sources.actors, actors::load_actor_rows),
        ];
        let mut last_actor_file = None;
        for (source, load) in actor_files {
            let Some((file, text)) = source else { continue };
            if blank(text) {
                errors.push(empty(file, "header and no actor entries"));
            }
            load(&mut actors, file, text, &mut errors);
            last_actor_file = Some(file);
        }
        if let Some(file) = last_actor_file.filter(|_| actors.is_empty() && errors.is_empty()) {
            errors.push(empty(file, "actor entries in any actor file"));
        }
        let discards = match sources.discards {
            Some((file, text)) => Discards::parse(file, text, &mut errors),
            None => Discards::default(),
        };
        let mut verbs = VerbDictionary::default();
        if let Some((file, text)) = sources.verbs {
            let errors_before = errors.len();
            verbs.load(file, text, &irregulars, &mut errors);
            if verbs.patterns().is_empty() && errors.len() == errors_before {
                errors.push(empty(file, "verb patterns"));
            }
        }
        if errors.is_empty() {
            Ok(Dictionaries { actors, verbs, discards })
        } else {
            Err(DictErrors(errors))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_dictionaries_load_without_errors() {
        let dicts =
            Dictionaries::from_sources(Sources::embedded()).unwrap_or_else(|e| panic!("{e}"));
        assert!(dicts.actors.len() > 1000, "{} actor phrases", dicts.actors.len());
        let roots: std::collections::BTreeSet<u8> =
            dicts.verbs.patterns().iter().filter_map(|p| p.code?.root_number()).collect();
        assert_eq!(roots.len(), 20, "verb patterns cover every CAMEO root: {roots:?}");
    }

    #[test]
    fn empty_or_truncated_files_are_errors() {
        let header = "iso3\tcode\tnames\tadjectives\tcapitals\n";
        let no_actors = Sources {
            countries: Some(("countries.tsv", header)),
            organisations: Some(("igos.tsv", "code\tcountry\tnames\n")),
            agents: Some(("agents.tsv", "code\tnames\n")),
            actors: Some(("actors.tsv", "code\tcountry\tkind\tcase\tnames\tdated\n")),
            ..Sources::embedded()
        };
        for sources in [
            Sources { verbs: Some(("verbs.txt", "")), ..Sources::embedded() },
            Sources { verbs: Some(("verbs.txt", "# only a comment\n\n")), ..Sources::embedded() },
            Sources { countries: Some(("countries.tsv", "# cut\n")), ..Sources::embedded() },
            Sources { agents: Some(("agents.tsv", "")), ..Sources::embedded() },
            no_actors,
        ] {
            let errors = Dictionaries::from_sources(sources).unwrap_err().0;
            assert_eq!(errors.len(), 1, "{errors:?}");
            assert_eq!((errors[0].line, errors[0].column), (1, 1));
            assert!(errors[0].message.contains("empty or truncated"), "{}", errors[0]);
        }
        let discards = Sources { discards: Some(("discards.txt", "")), ..Sources::embedded() };
        assert!(Dictionaries::from_sources(discards).is_ok(), "no discards is a valid choice");
        let countries =
            Sources { countries: Some(("countries.tsv", header)), ..Sources::embedded() };
        assert!(Dictionaries::from_sources(countries).is_ok(), "a header alone: no countries");
    }

    #[test]
    fn normalizes_case_and_apostrophes() {
        assert_eq!(normalize("Azerbaijan’S"), "azerbaijan's");
        assert_eq!(normalize("Rus\u{ad}si\u{200b}a"), "russia");
    }
}
