//! Turning PETRARCH dictionaries into herald's runtime dictionaries, so
//! that herald's coder runs on them.
//!
//! The mapping, construct by construct:
//!
//! * each verb block becomes herald patterns anchored on the block's verbs,
//!   matching every form the dictionary gives (`{...}`) or the regular forms;
//!   a multi-word verb's other words become words before or after the
//!   anchor; a verb alone codes the verb's (or block's) code;
//! * pattern words and `&synsets` (with their plurals) are literal word
//!   alternatives (words joined with `_` form one consecutive phrase);
//!   `(PREP OBJECT)` and `{NOUN PHRASE}` contribute their words in order;
//!   `$` and `+` after the verb are herald's source and target slots; `$`
//!   before the verb is the subject, which herald takes as the source
//!   anyway; `%` before the verb asks for a compound subject; `+` before it
//!   makes the subject the target; `^` after the verb skips a phrase, before
//!   it is implied (herald allows a few words between the words before the
//!   verb); `%` after the verb has no counterpart and is dropped;
//! * codes: `[032:033]` is the event's code and the code of the event in
//!   the other direction; `[---]` gives a null-coded pattern that blocks
//!   less specific ones; codes outside CAMEO (`[075A]`, `[901]`) are
//!   user-defined codes; the special codes `[+++]` and `[###]` leave the
//!   pattern out;
//! * actors: every phrase and synonym, matched in any case, with the default
//!   code and the date-restricted codes; a three-letter code is a country
//!   (agents add to it), longer codes are organisations;
//! * agents: every form (substitution sets and plurals expanded), with `~`
//!   placing the agent code after (`[~GOV]`) or before (`[NGO~]`) the actor's;
//! * discards: sentence- and story-level phrases.
//!
//! Transformations and issues are not used for coding.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use herald_dict::{
    ActorKind, ActorRow, Alternatives, Casing, DatedCode, Dictionaries, Discards, LemmaId,
};

use crate::actors::{ActorDictionary, ActorPhrase};
use crate::agents::{AgentDictionary, AgentPlacement};
use crate::code::{DateRestriction, EventCodeKind, VerbCode};
use crate::discards::{DiscardList, DiscardScope};
use crate::error::DictError;
use crate::verbs::{self, PatternItem, Token, Verb, VerbDictionary};

/// The PETRARCH dictionaries to combine, all optional: missing kinds are empty.
#[derive(Debug, Clone, Default)]
pub struct PetrarchDictionaries {
    /// The verb dictionary.
    pub verbs: Option<VerbDictionary>,
    /// The verb file's name, for the provenance of coded events.
    pub verbs_label: String,
    /// Actor dictionaries, in priority order (an earlier phrase wins).
    pub actors: Vec<ActorDictionary>,
    /// Agents.
    pub agents: Option<AgentDictionary>,
    /// Discards.
    pub discards: Option<DiscardList>,
}

/// Paths of PETRARCH dictionary files.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PetrarchFiles {
    /// The verb dictionary (`CAMEO.2.0.txt`, `*.verbs.txt`).
    pub verbs: Option<PathBuf>,
    /// Actor dictionaries (`*.actors.txt`), in priority order.
    pub actors: Vec<PathBuf>,
    /// The agent dictionary (`*.agents.txt`).
    pub agents: Option<PathBuf>,
    /// The discard list (`*.discards.txt`).
    pub discards: Option<PathBuf>,
}

/// Why a directory is not a usable PETRARCH dictionary directory.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DetectError {
    /// The directory could not be listed.
    #[error("{path}: {message}")]
    Io {
        /// The directory.
        path: String,
        /// The I/O error.
        message: String,
    },
    /// Several files of one kind that must be unique.
    #[error("{dir}: several {kind} files ({files}); name them explicitly")]
    Ambiguous {
        /// The directory.
        dir: String,
        /// `verb`, `agent` or `discard`.
        kind: &'static str,
        /// The files found.
        files: String,
    },
}

impl PetrarchFiles {
    /// Finds PETRARCH files in `dir` by name: `CAMEO*.txt` or `*.verbs.txt`,
    /// `*.actors.txt` (in name order), `*.agents.txt`, `*.discards.txt`.
    /// Returns `Ok(None)` when there is no verb or actor file.
    pub fn detect(dir: &Path) -> Result<Option<PetrarchFiles>, DetectError> {
        let io = |e: std::io::Error| DetectError::Io {
            path: dir.display().to_string(),
            message: e.to_string(),
        };
        let mut names: Vec<(String, PathBuf)> = Vec::new();
        for entry in std::fs::read_dir(dir).map_err(io)? {
            let path = entry.map_err(io)?.path();
            if let Some(name) = path.file_name().and_then(|n| n.to_str()) {
                names.push((name.to_ascii_lowercase(), path.clone()));
            }
        }
        names.sort();
        let pick = |pred: &dyn Fn(&str) -> bool| -> Vec<PathBuf> {
            names.iter().filter(|(n, _)| pred(n)).map(|(_, p)| p.clone()).collect()
        };
        let verbs =
            pick(&|n| n.ends_with(".verbs.txt") || (n.starts_with("cameo") && n.ends_with(".txt")));
        let actors = pick(&|n| n.ends_with(".actors.txt"));
        let agents = pick(&|n| n.ends_with(".agents.txt"));
        let discards = pick(&|n| n.ends_with(".discards.txt"));
        if verbs.is_empty() && actors.is_empty() {
            return Ok(None);
        }
        let unique =
            |kind: &'static str, files: Vec<PathBuf>| -> Result<Option<PathBuf>, DetectError> {
                if files.len() > 1 {
                    let list: Vec<String> = files.iter().map(|p| p.display().to_string()).collect();
                    return Err(DetectError::Ambiguous {
                        dir: dir.display().to_string(),
                        kind,
                        files: list.join(", "),
                    });
                }
                Ok(files.into_iter().next())
            };
        Ok(Some(PetrarchFiles {
            verbs: unique("verb", verbs)?,
            actors,
            agents: unique("agent", agents)?,
            discards: unique("discard", discards)?,
        }))
    }

    /// Reads and parses the files. `Err` only for files that cannot be read;
    /// parse errors are returned with the dictionaries (the lines with
    /// errors are left out, as the parsers do).
    pub fn load(&self) -> Result<(PetrarchDictionaries, Vec<DictError>), DictError> {
        let mut errors = Vec::new();
        let mut out = PetrarchDictionaries::default();
        if let Some(p) = &self.verbs {
            let (d, e) = crate::load_verbs(p)?;
            out.verbs = Some(d);
            out.verbs_label = p.display().to_string();
            errors.extend(e);
        }
        for p in &self.actors {
            let (d, e) = crate::load_actors(p)?;
            out.actors.push(d);
            errors.extend(e);
        }
        if let Some(p) = &self.agents {
            let (d, e) = crate::load_agents(p)?;
            out.agents = Some(d);
            errors.extend(e);
        }
        if let Some(p) = &self.discards {
            let (d, e) = crate::load_discards(p)?;
            out.discards = Some(d);
            errors.extend(e);
        }
        Ok((out, errors))
    }
}

/// Reads the PETRARCH files and builds herald dictionaries from them (see
/// [`PetrarchFiles::load`] for the errors).
pub fn load_files(files: &PetrarchFiles) -> Result<(Dictionaries, Vec<DictError>), DictError> {
    let (dicts, errors) = files.load()?;
    Ok((to_dictionaries(&dicts), errors))
}

/// Builds herald's runtime dictionaries from parsed PETRARCH dictionaries.
pub fn to_dictionaries(p: &PetrarchDictionaries) -> Dictionaries {
    let mut verbs = herald_dict::VerbDictionary::default();
    if let Some(v) = &p.verbs {
        add_verbs(&mut verbs, v, &p.verbs_label);
    }
    let mut actors = herald_dict::ActorDictionary::default();
    for row in actor_rows(p) {
        actors.insert_row(&row);
    }
    let mut discards = Discards::default();
    if let Some(d) = &p.discards {
        for entry in &d.entries {
            let words: Vec<String> = entry.words().iter().flat_map(|w| tokens(w)).collect();
            match entry.scope {
                DiscardScope::Sentence => discards.sentence.push(words),
                DiscardScope::Story => discards.story.push(words),
            }
        }
    }
    Dictionaries { actors, verbs, discards }
}

/// A dictionary word as herald tokens, normalised (`AK-47` is `ak - 47`).
fn tokens(word: &str) -> Vec<String> {
    herald_text::tokenize(word).iter().map(|s| herald_dict::normalize(s.slice(word))).collect()
}

/// herald codes for a PETRARCH code: the event's code and the code of the
/// event in the other direction (`[032:033]`); `None` for the null code or
/// no code. Codes outside CAMEO (`[901]`, `[174K]`) are user-defined codes;
/// `None` overall for the special codes `[+++]` and `[###]` (TABARI's
/// discard), or a code herald cannot hold (see [`herald_core::EventCode::user`]).
type Codes = (Option<herald_core::EventCode>, Option<herald_core::EventCode>);

/// A herald pattern's words before the anchor, the anchor, and what follows.
type Parts = (Vec<Alternatives>, Alternatives, Vec<herald_dict::PatternItem>);

fn event_codes(code: &VerbCode) -> Option<Codes> {
    let forward = match &code.primary {
        Some(c) if c.kind() == EventCodeKind::Special => return None,
        Some(c) if !c.is_null() => Some(herald_core::EventCode::user(c.as_str())?),
        _ => None,
    };
    let reverse = code
        .secondary
        .as_ref()
        .filter(|c| matches!(c.kind(), EventCodeKind::Cameo | EventCodeKind::Other))
        .and_then(|c| herald_core::EventCode::user(c.as_str()));
    Some((forward, reverse))
}

struct VerbBuilder<'a> {
    out: &'a mut herald_dict::VerbDictionary,
    source: &'a VerbDictionary,
    file: String,
    /// Lemmas of each literal word and alternatives of each synset, built
    /// once: large synsets are used by hundreds of patterns.
    literals: HashMap<String, Vec<LemmaId>>,
    synsets: HashMap<String, Alternatives>,
}

impl VerbBuilder<'_> {
    fn literal(&mut self, word: &str) -> Vec<LemmaId> {
        if let Some(ids) = self.literals.get(word) {
            return ids.clone();
        }
        let ids: Vec<LemmaId> =
            tokens(word).iter().map(|t| self.out.intern_with_forms(t, &[])).collect();
        self.literals.insert(word.to_string(), ids.clone());
        ids
    }

    fn words(&mut self, words: &[String]) -> Vec<LemmaId> {
        words.iter().flat_map(|w| self.literal(w)).collect()
    }

    /// The anchor lemma of a verb, matching all its forms.
    fn verb_lemma(&mut self, verb: &Verb) -> LemmaId {
        let forms: Vec<String> =
            verb.forms().iter().map(|f| herald_dict::normalize(f.verb_word())).collect();
        self.out.intern_with_forms(&herald_dict::normalize(verb.phrase.verb_word()), &forms)
    }

    fn synset(&mut self, name: &str) -> Alternatives {
        if let Some(alts) = self.synsets.get(name) {
            return alts.clone();
        }
        let alts: Alternatives = self
            .source
            .synset_phrases(name)
            .iter()
            .map(|phrase| self.words(phrase))
            .filter(|a| !a.is_empty())
            .collect();
        self.synsets.insert(name.to_string(), alts.clone());
        alts
    }

    /// Flattens pattern items into herald items, in order.
    fn items(&mut self, items: &[PatternItem], out: &mut Vec<Item>) {
        for item in items {
            match item {
                PatternItem::Element(e) => match &e.token {
                    Token::Word(w) => {
                        let seq = self.literal(w);
                        push_words(out, vec![seq], e.joined);
                    }
                    // `&TIETYPES_RELATIONS`: the parser gives the words joined
                    // after the synset as joined elements of their own.
                    Token::Synset(r) => {
                        let alts = self.synset(&r.name);
                        push_words(out, alts, e.joined);
                    }
                    Token::Source => out.push(Item::Source),
                    Token::Target => out.push(Item::Target),
                    Token::Compound => out.push(Item::Compound),
                    Token::Skip => out.push(Item::Skip),
                    Token::Verb => {}
                },
                PatternItem::Braced(inner) | PatternItem::Prep(inner) => self.items(inner, out),
            }
        }
    }

    fn block(&mut self, block: &verbs::VerbBlock) {
        let single: Vec<&Verb> = block.verbs.iter().filter(|v| v.phrase.words.len() == 1).collect();
        let multi: Vec<&Verb> = block.verbs.iter().filter(|v| v.phrase.words.len() > 1).collect();
        let single_anchor: Alternatives = single.iter().map(|v| vec![self.verb_lemma(v)]).collect();
        for verb in &block.verbs {
            if let Some(code) = event_codes(block.code_of(verb)) {
                let parts = self.verb_parts(verb);
                self.push(code, (false, None, false), parts, verb.line, verb.phrase.to_string());
            }
        }
        for pattern in &block.patterns {
            let Some(code) = event_codes(&pattern.code) else { continue };
            let mut pre = Vec::new();
            self.items(pattern.pre_verb(), &mut pre);
            let mut post = Vec::new();
            self.items(pattern.post_verb(), &mut post);
            // `$` before the verb is the subject, herald's default source;
            // `%` before it asks for a compound subject, `+` makes the
            // subject the target; `^` there is implied by the few words
            // herald allows between the words before the anchor.
            let target_at = pre.iter().position(|i| matches!(i, Item::Target));
            // `RECENTLY_*`: the word right before the verb, with none between.
            let verb_joined = pattern
                .items
                .get(pattern.verb_position())
                .is_some_and(|v| matches!(v, PatternItem::Element(e) if e.joined))
                && matches!(pre.last(), Some(Item::Words(_)));
            let flags = (
                pre.iter().any(|i| matches!(i, Item::Compound)),
                target_at.map(|t| pre[..t].iter().filter(|i| matches!(i, Item::Words(_))).count()),
                verb_joined,
            );
            let pre: Vec<Alternatives> = pre
                .into_iter()
                .filter_map(|i| match i {
                    Item::Words(a) => Some(a),
                    Item::Source | Item::Target | Item::Compound | Item::Skip => None,
                })
                .collect();
            let post: Vec<herald_dict::PatternItem> =
                post.into_iter().filter_map(Item::into_herald).collect();
            let text = pattern.to_string();
            if !single_anchor.is_empty() {
                let parts = (pre.clone(), single_anchor.clone(), post.clone());
                self.push(code, flags, parts, pattern.line, text.clone());
            }
            for verb in &multi {
                // The verb's own words before it come after the pattern's,
                // so a `+` among the pattern's words keeps its place.
                let (mut before, anchor, mut after) = self.verb_parts(verb);
                // The verb's own words come between the pattern's and the
                // verb word, so a join to the verb no longer applies.
                let joined = flags.2 && before.is_empty();
                before.splice(0..0, pre.iter().cloned());
                after.extend(post.iter().cloned());
                let flags = (flags.0, flags.1, joined);
                self.push(code, flags, (before, anchor, after), pattern.line, text.clone());
            }
        }
    }

    /// A verb's words around its verb word, and the anchor.
    fn verb_parts(&mut self, verb: &Verb) -> Parts {
        let words = &verb.phrase.words;
        let idx = verb.phrase.verb_index.min(words.len().saturating_sub(1));
        let before = words[..idx]
            .iter()
            .map(|w| vec![self.literal(w)])
            .filter(|a| !a[0].is_empty())
            .collect();
        let after = words[idx + 1..]
            .iter()
            .map(|w| self.literal(w))
            .filter(|s| !s.is_empty())
            .map(|s| herald_dict::PatternItem::Words(vec![s]))
            .collect();
        (before, vec![vec![self.verb_lemma(verb)]], after)
    }

    fn push(
        &mut self,
        (code, reverse_code): Codes,
        (compound_source, target_before, before_joined): (bool, Option<usize>, bool),
        (before, anchor, after): Parts,
        line: usize,
        text: String,
    ) {
        self.out.push(herald_dict::VerbPattern {
            code,
            reverse_code,
            compound_source,
            target_before,
            before,
            before_joined,
            anchor,
            after,
            text,
            origin: (self.file.clone(), line),
        });
    }
}

/// The most alternatives a `_` join may produce (`&A_&B` is every pair);
/// beyond it the two parts are matched as separate items.
const MAX_JOINED: usize = 1024;

/// Adds word alternatives; `joined` (`A_B` in PETRARCH) makes them one
/// item with the previous words, so that they must be consecutive.
fn push_words(out: &mut Vec<Item>, alts: Alternatives, joined: bool) {
    let alts: Alternatives = alts.into_iter().filter(|a| !a.is_empty()).collect();
    if alts.is_empty() {
        return;
    }
    if let (true, Some(Item::Words(prev))) = (joined, out.last_mut()) {
        if prev.len() * alts.len() <= MAX_JOINED {
            *prev = prev
                .iter()
                .flat_map(|p| alts.iter().map(move |a| p.iter().chain(a).copied().collect()))
                .collect();
            return;
        }
    }
    out.push(Item::Words(alts));
}

enum Item {
    Words(Alternatives),
    Source,
    Target,
    Compound,
    Skip,
}

impl Item {
    /// The herald item after the verb; `%` there has no counterpart.
    fn into_herald(self) -> Option<herald_dict::PatternItem> {
        match self {
            Item::Words(a) => Some(herald_dict::PatternItem::Words(a)),
            Item::Source => Some(herald_dict::PatternItem::Source),
            Item::Target => Some(herald_dict::PatternItem::Target),
            Item::Skip => Some(herald_dict::PatternItem::Skip),
            Item::Compound => None,
        }
    }
}

fn add_verbs(out: &mut herald_dict::VerbDictionary, source: &VerbDictionary, file: &str) {
    let mut b = VerbBuilder {
        out,
        source,
        file: file.to_string(),
        literals: HashMap::new(),
        synsets: HashMap::new(),
    };
    for block in &source.blocks {
        b.block(block);
    }
}

fn herald_date(d: crate::code::Date) -> Option<herald_core::Date> {
    let year = i16::try_from(d.year()).ok()?;
    herald_core::Date::from_ymd(year, i8::try_from(d.month()).ok()?, i8::try_from(d.day()).ok()?)
}

/// The actor rows for herald: actors in file order, then agents; names
/// are the phrases' words joined by blanks and match in any case.
pub fn actor_rows(p: &PetrarchDictionaries) -> Vec<ActorRow> {
    let mut rows = Vec::new();
    for dict in &p.actors {
        for entry in &dict.entries {
            let code = entry.default_code().map_or("", |c| c.as_str());
            let dated: Vec<DatedCode> = entry
                .codes
                .iter()
                .filter_map(|c| {
                    let (from, to) = match c.restriction? {
                        DateRestriction::Before(d) => (None, herald_date(d)),
                        DateRestriction::After(d) => (herald_date(d), None),
                        DateRestriction::Between(a, b) => (herald_date(a), herald_date(b)),
                    };
                    Some(DatedCode { code: c.code.as_str().to_string(), country: None, from, to })
                })
                .collect();
            let any_code =
                if code.is_empty() { dated.first().map_or("", |c| c.code.as_str()) } else { code };
            if any_code.is_empty() {
                continue;
            }
            let country = any_code.get(..3).filter(|c| c.len() == 3).map(str::to_string);
            let kind =
                if any_code.len() == 3 { ActorKind::Country } else { ActorKind::Organisation };
            // PETRARCH gives a record one country, whatever the date.
            let dated = dated.into_iter().map(|d| DatedCode { country: country.clone(), ..d });
            let mut herald_entry = herald_dict::ActorEntry::new(code, country.clone(), kind);
            herald_entry.dated = dated.collect();
            let names = entry.phrases().map(gapped_name).collect();
            rows.push(ActorRow { entry: herald_entry, casing: Some(Casing::Any), names });
        }
    }
    if let Some(agents) = &p.agents {
        for entry in &agents.entries {
            let mut herald_entry =
                herald_dict::ActorEntry::new(entry.code.code.clone(), None, ActorKind::Agent);
            herald_entry.prefix = entry.code.placement == AgentPlacement::Prefix;
            let names = agents.forms(entry).iter().map(|f| f.words.join(" ")).collect();
            rows.push(ActorRow { entry: herald_entry, casing: Some(Casing::Any), names });
        }
    }
    rows
}

/// An actor phrase as a herald name: words joined by `_` stay together,
/// and a blank between words becomes [`herald_dict::PHRASE_GAP`], where
/// other words may stand (TABARI's rule, which the validation suite tests:
/// "ITHILEN TELEVISION" matches "Ithilen state-run television").
fn gapped_name(phrase: &ActorPhrase) -> String {
    let groups: Vec<String> = phrase
        .text
        .split_whitespace()
        .map(|group| crate::text::phrase_words(group).join(" "))
        .filter(|g| !g.is_empty())
        .collect();
    groups.join(&format!(" {} ", herald_dict::PHRASE_GAP))
}

/// herald-format files equivalent to PETRARCH dictionaries (see
/// `docs/dictionaries.md`): `verbs.txt`, `actors.tsv`, `discards.txt`, and
/// header-only `countries.tsv`, `igos.tsv`, `agents.tsv` and
/// `irregular_verbs.tsv`, so that none of herald's embedded entries mix in,
/// and `conventions.txt` (`petrarch`), which tells `herald code` to code
/// with PETRARCH's conventions.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct HeraldFiles {
    /// `(file name, contents)`, in a fixed order.
    pub files: Vec<(&'static str, String)>,
    /// What could not be written: patterns (`file:line`) and actor phrases
    /// with characters the herald format cannot hold.
    pub lossy: Vec<String>,
}

/// Converts PETRARCH dictionaries to herald's own format.
pub fn to_herald_files(p: &PetrarchDictionaries) -> HeraldFiles {
    let dicts = to_dictionaries(p);
    let (verbs, skipped) = dicts.verbs.to_text();
    let rows = actor_rows(p);
    let (actors, lossy_rows) = herald_dict::write_actor_rows(&rows);
    let mut lossy: Vec<String> =
        skipped.into_iter().map(|(file, line)| format!("{file}:{line}: pattern")).collect();
    lossy.extend(lossy_rows.into_iter().map(|i| format!("actor {}", rows[i].names.join(" | "))));
    let header = "# Converted from PETRARCH dictionaries by `herald dict convert`.\n";
    HeraldFiles {
        files: vec![
            ("verbs.txt", format!("{header}{verbs}")),
            ("actors.tsv", actors),
            ("discards.txt", format!("{header}{}", dicts.discards.to_text())),
            ("countries.tsv", "iso3\tcode\tnames\tadjectives\tcapitals\n".to_string()),
            ("igos.tsv", "code\tcountry\tnames\n".to_string()),
            ("agents.tsv", "code\tnames\n".to_string()),
            (
                "irregular_verbs.tsv",
                "lemma\tpast\tpast_participle\tthird_person\tpresent_participle\n".to_string(),
            ),
            ("conventions.txt", "petrarch\n".to_string()),
        ],
        lossy,
    }
}
