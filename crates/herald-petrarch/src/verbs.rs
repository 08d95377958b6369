//! The verb dictionary (`CAMEO.2.0.txt`, `PETR.Validate.verbs.txt`): synsets,
//! verb blocks with their verbs and patterns, and transformations.

use std::collections::{HashMap, HashSet};
use std::fmt;

use crate::code::{EventCode, EventCodeKind, VerbCode};
use crate::error::{DictError, ErrorKind};
use crate::expand::{limit_for, product};
use crate::inflect::{regular_plural, regular_verb_forms};
use crate::lint::{self, LintKind, LintWarning};
use crate::text::{self, Line};
use crate::MAX_EXPANSIONS;

/// A parsed verb dictionary.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct VerbDictionary {
    /// Synonym sets (`&NAME` with `+member` lines), in file order.
    pub synsets: Vec<Synset>,
    /// Verb blocks (`--- DESCRIPTION [CODE] ---`), in file order.
    pub blocks: Vec<VerbBlock>,
    /// Transformations (`~ a (a b ATTACK) SAY = a b 015`), in file order.
    pub transformations: Vec<Transformation>,
}

/// A synonym set: `&NAME` followed by `+member` lines.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Synset {
    /// Line of the `&NAME` label.
    pub line: usize,
    /// The name, without `&` and without a trailing `_`.
    pub name: String,
    /// The label ended with `_`: no plurals are generated for any member.
    pub no_plurals: bool,
    /// The members, in file order.
    pub members: Vec<SynsetMember>,
}

/// One `+member` line of a synset: a word or phrase (words separated by
/// blanks or `_`, which must be consecutive), possibly using other synsets.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SynsetMember {
    /// Line of the member.
    pub line: usize,
    /// The words and synset references of the phrase.
    pub items: Vec<PhraseItem>,
    /// The phrase ended with `_`: no plural is generated for it.
    pub no_plural: bool,
}

/// A word or synset reference in a synset member.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum PhraseItem {
    /// A literal word.
    Word(String),
    /// A reference to another synset.
    Synset(SynsetRef),
}

/// A reference `&NAME` to a synset.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct SynsetRef {
    /// The synset name the reference was resolved to (no `&`, no trailing `_`).
    pub name: String,
    /// The reference as written, without `&` (e.g. `TIETYPES_RELATIONS`,
    /// which is read as `&TIETYPES` joined to `RELATIONS`).
    pub written: String,
}

/// A verb block: a header, its verbs and its patterns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VerbBlock {
    /// Line of the `---` header.
    pub line: usize,
    /// The general description in the header, e.g. `ACCELERATE`.
    pub description: String,
    /// The block code; the null code `---` when the header has none.
    pub code: VerbCode,
    /// Whether the header gave a code (`false`: `code` is the default null code).
    pub explicit_code: bool,
    /// Any further `[codes]` in the header (unused by PETRARCH; see lint).
    pub extra_codes: Vec<VerbCode>,
    /// The verbs of the block.
    pub verbs: Vec<Verb>,
    /// The patterns of the block.
    pub patterns: Vec<Pattern>,
}

impl VerbBlock {
    /// The code of an isolated verb of this block: its own code, else the block code.
    pub fn code_of<'a>(&'a self, verb: &'a Verb) -> &'a VerbCode {
        verb.code.as_ref().unwrap_or(&self.code)
    }
}

/// A primary verb line, e.g. `SPEED {SPEEDING SPEEDS SPED }`,
/// `+CORDON_OFF {+CORDONED_OFF ...}` or `ASK [020]`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verb {
    /// Line of the verb.
    pub line: usize,
    /// The verb (one word, or several with one marked as the verb).
    pub phrase: VerbPhrase,
    /// The forms given in `{...}`; `None` when there is no `{...}`, in which
    /// case regular forms are generated. `{}` gives `Some(vec![])`: no other forms.
    pub irregular: Option<Vec<VerbPhrase>>,
    /// The verb's own code, if any.
    pub code: Option<VerbCode>,
    /// The comment on the line, if any.
    pub comment: Option<String>,
}

impl Verb {
    /// All forms of the verb: the phrase itself, then either the forms in
    /// `{...}` or the regular `S`, `ED` and `ING` forms of the verb word
    /// (see [`crate::regular_verb_forms`]).
    pub fn forms(&self) -> Vec<VerbPhrase> {
        let mut out = vec![self.phrase.clone()];
        match &self.irregular {
            Some(forms) => out.extend(forms.iter().cloned()),
            None => {
                for form in regular_verb_forms(self.phrase.verb_word()) {
                    let mut p = self.phrase.clone();
                    if let Some(w) = p.words.get_mut(p.verb_index) {
                        *w = form;
                    }
                    out.push(p);
                }
            }
        }
        out
    }
}

/// A verb written as one or more words, one of which is the verb.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct VerbPhrase {
    /// The words (`_` and blanks separate words).
    pub words: Vec<String>,
    /// Index in `words` of the verb word (marked with `+` in multi-word verbs).
    pub verb_index: usize,
    /// Whether the verb word was marked with `+`.
    pub marked: bool,
}

impl VerbPhrase {
    /// The verb word.
    pub fn verb_word(&self) -> &str {
        self.words.get(self.verb_index).map_or("", String::as_str)
    }

    /// The words separated by blanks, e.g. `CORDON OFF`.
    pub fn text(&self) -> String {
        self.words.join(" ")
    }
}

impl fmt::Display for VerbPhrase {
    /// The dictionary notation, e.g. `+CORDON_OFF` or `WIRE_+TAP`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, w) in self.words.iter().enumerate() {
            if i > 0 {
                f.write_str("_")?;
            }
            if i == self.verb_index && self.marked {
                f.write_str("+")?;
            }
            f.write_str(w)?;
        }
        Ok(())
    }
}

/// A pattern line: `- PRE * POST [CODE] # comment`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pattern {
    /// Line of the pattern.
    pub line: usize,
    /// The items of the pattern in order, including exactly one verb marker `*`.
    pub items: Vec<PatternItem>,
    /// The code.
    pub code: VerbCode,
    /// The comment (typically the verb the pattern was written for).
    pub comment: Option<String>,
}

impl Pattern {
    /// Index in `items` of the verb marker.
    pub fn verb_position(&self) -> usize {
        self.items.iter().position(PatternItem::is_verb).unwrap_or(self.items.len())
    }

    /// The items before the verb marker (pre-verb nouns and prepositional phrases).
    pub fn pre_verb(&self) -> &[PatternItem] {
        &self.items[..self.verb_position()]
    }

    /// The items after the verb marker (post-verb nouns and prepositional phrases).
    pub fn post_verb(&self) -> &[PatternItem] {
        let p = self.verb_position();
        self.items.get(p + 1..).unwrap_or(&[])
    }

    /// Every synset reference in the pattern, including those in groups.
    pub fn synset_refs(&self) -> Vec<&SynsetRef> {
        fn walk<'a>(items: &'a [PatternItem], out: &mut Vec<&'a SynsetRef>) {
            for it in items {
                match it {
                    PatternItem::Element(PatternElement { token: Token::Synset(r), .. }) => {
                        out.push(r)
                    }
                    PatternItem::Element(_) => {}
                    PatternItem::Braced(g) | PatternItem::Prep(g) => walk(g, out),
                }
            }
        }
        let mut out = Vec::new();
        walk(&self.items, &mut out);
        out
    }
}

impl fmt::Display for Pattern {
    /// The pattern in normalised dictionary notation, e.g. `- * (TO {BANNED PARTIES}) $ [1722]`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "- {} {}", ItemsDisplay(&self.items), self.code)
    }
}

/// One item of a pattern.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum PatternItem {
    /// A word, synset reference or marker.
    Element(PatternElement),
    /// A `{BRACED NOUN PHRASE}`: the last word is the head.
    Braced(Vec<PatternItem>),
    /// A `(PREP NOUN)` prepositional phrase: the first item is the
    /// preposition, the rest (possibly nothing, as in `(TO)`) its object.
    Prep(Vec<PatternItem>),
}

impl PatternItem {
    /// Whether this is the verb marker `*`.
    pub fn is_verb(&self) -> bool {
        matches!(self, PatternItem::Element(PatternElement { token: Token::Verb, .. }))
    }
}

/// A word, synset reference or marker in a pattern.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct PatternElement {
    /// What the element is.
    pub token: Token,
    /// Joined to the previous element with `_` (TABARI: the two must be consecutive).
    pub joined: bool,
    /// Followed by a trailing `_` (TABARI: the word must match exactly, not as a stem).
    pub exact: bool,
}

/// The kinds of [`PatternElement`].
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Token {
    /// A literal word.
    Word(String),
    /// A synset reference `&NAME`.
    Synset(SynsetRef),
    /// `*`: the verb.
    Verb,
    /// `$`: the source actor.
    Source,
    /// `+`: the target actor.
    Target,
    /// `%`: a compound actor.
    Compound,
    /// `^`: skip a noun phrase.
    Skip,
}

struct ItemsDisplay<'a>(&'a [PatternItem]);

impl fmt::Display for ItemsDisplay<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, item) in self.0.iter().enumerate() {
            let joined = matches!(item, PatternItem::Element(e) if e.joined);
            if i > 0 {
                f.write_str(if joined { "_" } else { " " })?;
            }
            match item {
                PatternItem::Element(e) => {
                    match &e.token {
                        Token::Word(w) => f.write_str(w)?,
                        Token::Synset(r) => write!(f, "&{}", r.name)?,
                        Token::Verb => f.write_str("*")?,
                        Token::Source => f.write_str("$")?,
                        Token::Target => f.write_str("+")?,
                        Token::Compound => f.write_str("%")?,
                        Token::Skip => f.write_str("^")?,
                    }
                    if e.exact {
                        f.write_str("_")?;
                    }
                }
                PatternItem::Braced(g) => write!(f, "{{{}}}", ItemsDisplay(g))?,
                PatternItem::Prep(g) => write!(f, "({})", ItemsDisplay(g))?,
            }
        }
        Ok(())
    }
}

/// A transformation line: `~ a (a b ATTACK) SAY = a b 015`.
///
/// In postfix notation: the top clause's source (`a`), its target (here a
/// nested clause: lower source, lower target, lower verb) and its verb
/// (`SAY`); after `=`, the resulting source, target and code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Transformation {
    /// Line of the transformation.
    pub line: usize,
    /// The clause to match.
    pub clause: TransformClause,
    /// What it is transformed into.
    pub result: TransformResult,
    /// The comment, if any.
    pub comment: Option<String>,
}

/// A clause of a transformation: `source target VERB`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TransformClause {
    /// The source actor.
    pub source: TransformActor,
    /// The target: an actor or a nested clause.
    pub target: TransformTarget,
    /// The verb.
    pub verb: TransformVerb,
}

/// The target of a [`TransformClause`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TransformTarget {
    /// An actor.
    Actor(TransformActor),
    /// A nested clause in parentheses.
    Clause(Box<TransformClause>),
}

/// An actor in a transformation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TransformActor {
    /// A variable such as `a` or `b`.
    Var(String),
    /// `.`: a non-specified actor.
    Unspecified,
    /// `_`: a non-present actor.
    Absent,
}

/// A verb in a transformation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TransformVerb {
    /// A verb (matched through its code, so synonyms match too), e.g. `ATTACK`.
    Verb(String),
    /// `Q`: any verb.
    Any,
}

/// The right-hand side of a transformation: `source target code`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TransformResult {
    /// The resulting source.
    pub source: TransformActor,
    /// The resulting target.
    pub target: TransformActor,
    /// The resulting code.
    pub code: TransformCode,
}

/// The code of a [`TransformResult`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TransformCode {
    /// An event code.
    Code(EventCode),
    /// `Q`: the code of the matched lower verb.
    Inherit,
}

impl VerbDictionary {
    /// The first synset called `name` (with or without `&` and trailing `_`).
    pub fn synset(&self, name: &str) -> Option<&Synset> {
        let name = name.trim_start_matches('&').trim_end_matches('_');
        self.synsets.iter().find(|s| s.name == name)
    }

    /// Every verb with its block.
    pub fn verbs(&self) -> impl Iterator<Item = (&VerbBlock, &Verb)> {
        self.blocks.iter().flat_map(|b| b.verbs.iter().map(move |v| (b, v)))
    }

    /// Every pattern with its block.
    pub fn patterns(&self) -> impl Iterator<Item = (&VerbBlock, &Pattern)> {
        self.blocks.iter().flat_map(|b| b.patterns.iter().map(move |p| (b, p)))
    }

    /// The phrases a synset stands for, each as a list of words: every
    /// member, plus its regular plural unless plurals are switched off (a
    /// `_` after the label or the member) or the member ends with a synset;
    /// synsets used inside members are expanded (a synset used inside
    /// itself, or nested more than 16 deep, expands to nothing there). At
    /// most [`MAX_EXPANSIONS`] phrases are returned.
    pub fn synset_phrases(&self, name: &str) -> Vec<Vec<String>> {
        let mut cache = HashMap::new();
        self.expand_synset(name, &mut cache, 0)
    }

    fn expand_synset(
        &self,
        name: &str,
        cache: &mut HashMap<String, Vec<Vec<String>>>,
        depth: usize,
    ) -> Vec<Vec<String>> {
        let Some(syn) = self.synset(name) else { return Vec::new() };
        if let Some(done) = cache.get(&syn.name) {
            return done.clone();
        }
        if depth > MAX_SYNSET_DEPTH {
            return Vec::new();
        }
        // Guards against cycles: a synset being expanded expands to nothing.
        cache.insert(syn.name.clone(), Vec::new());
        let mut out: Vec<Vec<String>> = Vec::new();
        for m in &syn.members {
            if out.len() >= MAX_EXPANSIONS {
                break;
            }
            let mut slots: Vec<Vec<Vec<String>>> = Vec::with_capacity(m.items.len());
            for item in &m.items {
                slots.push(match item {
                    PhraseItem::Word(w) => vec![vec![w.clone()]],
                    PhraseItem::Synset(r) => self.expand_synset(&r.name, cache, depth + 1),
                });
            }
            let widest =
                slots.iter().map(|s| s.iter().map(Vec::len).max().unwrap_or(0)).sum::<usize>();
            let plural = !syn.no_plurals
                && !m.no_plural
                && matches!(m.items.last(), Some(PhraseItem::Word(_)));
            for p in product(&slots, limit_for(widest * 8)) {
                if plural {
                    let mut q = p.clone();
                    if let Some(last) = q.last_mut() {
                        *last = regular_plural(last);
                    }
                    out.push(p);
                    out.push(q);
                } else {
                    out.push(p);
                }
            }
        }
        out.truncate(MAX_EXPANSIONS);
        cache.insert(syn.name.clone(), out.clone());
        out
    }
}

/// How deeply synsets inside synsets are expanded.
const MAX_SYNSET_DEPTH: usize = 16;

/// Parses a verb dictionary.
///
/// Returns the dictionary and every error found (in line order). Lines
/// with errors are left out of the dictionary, except block headers, which
/// always start a new block (so that the following patterns do not attach
/// to the previous block).
pub fn parse_verbs(path: &str, text: &str) -> (VerbDictionary, Vec<DictError>) {
    let mut errors = Vec::new();
    let lines = text::lines(path, text, &mut errors);
    let mut p = VerbParser {
        path,
        dict: VerbDictionary::default(),
        errors,
        defined: HashMap::new(),
        mode: Mode::Start,
    };
    for line in &lines {
        p.line(line);
    }
    let VerbParser { dict, mut errors, .. } = p;
    errors.sort_by_key(|e| (e.line, e.column));
    (dict, errors)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    Start,
    /// In a synset (index into `synsets`, or `None` after a bad label).
    Synset(Option<usize>),
    Block,
}

struct VerbParser<'p> {
    path: &'p str,
    dict: VerbDictionary,
    errors: Vec<DictError>,
    /// Synsets defined so far: name → index.
    defined: HashMap<String, usize>,
    mode: Mode,
}

impl VerbParser<'_> {
    fn line(&mut self, line: &Line<'_>) {
        let content = line.content.trim();
        if content.is_empty() {
            return;
        }
        if content.starts_with("---") {
            self.header(line, content);
        } else if let Some(body) = content.strip_prefix('-') {
            self.pattern(line, body);
        } else if content.starts_with('~') {
            self.transformation(line, content);
        } else if let Some(name) = content.strip_prefix('&') {
            self.synset_label(line, content, name);
        } else if let (Mode::Synset(idx), Some(member)) = (self.mode, content.strip_prefix('+')) {
            self.synset_member(line, idx, member);
        } else {
            if matches!(self.mode, Mode::Synset(_)) && !self.dict.blocks.is_empty() {
                self.mode = Mode::Block;
            }
            if self.mode == Mode::Block {
                self.verb(line, content);
            } else {
                self.errors.push(line.error(
                    self.path,
                    content,
                    ErrorKind::Orphan("verb", "verb block"),
                ));
            }
        }
    }

    fn err(&mut self, line: &Line<'_>, fragment: &str, kind: ErrorKind) {
        self.errors.push(line.error(self.path, fragment, kind));
    }

    fn header(&mut self, line: &Line<'_>, content: &str) {
        self.mode = Mode::Block;
        let after = &content[3..];
        let (before, groups, rest, problems) = text::split_bracket_groups(after);
        for (frag, kind) in problems {
            self.err(line, frag, kind);
        }
        let description = if groups.is_empty() && rest.is_empty() {
            before.trim().trim_end_matches('-').trim()
        } else {
            before.trim()
        };
        let tail = rest.trim_matches(|c: char| c == '-' || c.is_whitespace());
        if !tail.is_empty() {
            self.err(line, rest.trim(), ErrorKind::TrailingText);
        }
        let mut codes = Vec::new();
        for g in &groups {
            match VerbCode::parse(g.inner) {
                Ok(c) => codes.push(c),
                Err(kind) => self.err(line, g.whole, kind),
            }
        }
        let explicit_code = !codes.is_empty();
        let mut codes = codes.into_iter();
        let code = codes.next().unwrap_or_else(VerbCode::null);
        self.dict.blocks.push(VerbBlock {
            line: line.number,
            description: description.to_string(),
            code,
            explicit_code,
            extra_codes: codes.collect(),
            verbs: Vec::new(),
            patterns: Vec::new(),
        });
    }

    fn synset_label(&mut self, line: &Line<'_>, content: &str, name: &str) {
        let end = name.find(|c: char| !is_name_char(c)).unwrap_or(name.len());
        let (label, rest) = name.split_at(end);
        let trimmed = label.trim_end_matches('_');
        if trimmed.is_empty() {
            self.err(line, content, ErrorKind::InvalidSynsetName);
            self.mode = Mode::Synset(None);
            return;
        }
        if !rest.trim().is_empty() {
            self.err(line, rest.trim(), ErrorKind::TrailingText);
        }
        let idx = self.dict.synsets.len();
        self.dict.synsets.push(Synset {
            line: line.number,
            name: trimmed.to_string(),
            no_plurals: label.ends_with('_'),
            members: Vec::new(),
        });
        self.defined.entry(trimmed.to_string()).or_insert(idx);
        self.mode = Mode::Synset(Some(idx));
    }

    fn synset_member(&mut self, line: &Line<'_>, idx: Option<usize>, member: &str) {
        if let Some(bad) = member.find(['$', '+', '%', '^', '*', '(', ')', '{', '}', '[', ']']) {
            let frag = &member[bad..bad + 1];
            self.err(line, frag, ErrorKind::UnexpectedToken(frag.to_string()));
            return;
        }
        let mut items = Vec::new();
        for chunk in member.split_whitespace() {
            // `&NAME` references may be joined to words with `_`.
            let mut rest = chunk;
            while !rest.is_empty() {
                if let Some(r) = rest.strip_prefix('&') {
                    let end = r.find(|c: char| !is_name_char(c)).unwrap_or(r.len());
                    let written = &r[..end];
                    if written.trim_end_matches('_').is_empty() {
                        self.err(line, chunk, ErrorKind::InvalidSynsetName);
                        return;
                    }
                    let (sref, remainder) = self.resolve_synset(written);
                    items.push(PhraseItem::Synset(sref));
                    items.extend(remainder.into_iter().map(PhraseItem::Word));
                    rest = &r[end..];
                } else {
                    let end = rest.find('&').unwrap_or(rest.len());
                    items
                        .extend(text::phrase_words(&rest[..end]).into_iter().map(PhraseItem::Word));
                    rest = &rest[end..];
                }
            }
        }
        if items.is_empty() {
            self.err(line, line.content.trim(), ErrorKind::EmptyPhrase);
            return;
        }
        let Some(idx) = idx else { return };
        let no_plural = text::ends_with_stop(member);
        if let Some(s) = self.dict.synsets.get_mut(idx) {
            s.members.push(SynsetMember { line: line.number, items, no_plural });
        }
    }

    /// Resolves `&written`: the whole name if defined, else the longest
    /// defined prefix ending before a `_`, the rest being joined words.
    fn resolve_synset(&self, written: &str) -> (SynsetRef, Vec<String>) {
        let name = written.trim_end_matches('_');
        if !self.defined.contains_key(name) && name.len() <= MAX_SYNSET_NAME {
            for (pos, _) in name.match_indices('_').collect::<Vec<_>>().into_iter().rev() {
                let prefix = &name[..pos];
                if self.defined.contains_key(prefix) {
                    let rest = text::phrase_words(&name[pos + 1..]);
                    let sref = SynsetRef { name: prefix.to_string(), written: written.to_string() };
                    return (sref, rest);
                }
            }
        }
        (SynsetRef { name: name.to_string(), written: written.to_string() }, Vec::new())
    }

    fn verb(&mut self, line: &Line<'_>, content: &str) {
        let split = content.find(['{', '[']).unwrap_or(content.len());
        let (phrase_text, mut rest) = content.split_at(split);
        let phrase = match parse_verb_phrase(phrase_text) {
            Ok(p) => p,
            Err(kind) => {
                self.err(line, phrase_text.trim(), kind);
                return;
            }
        };
        let mut irregular = None;
        if let Some(r) = rest.strip_prefix('{') {
            let Some(close) = r.find('}') else {
                self.err(line, rest, ErrorKind::Unclosed('{'));
                return;
            };
            let inner = &r[..close];
            let mut forms = Vec::new();
            for f in inner.split(|c: char| c.is_whitespace() || c == ',').filter(|f| !f.is_empty())
            {
                match parse_verb_phrase(f) {
                    Ok(mut p) => {
                        if !p.marked && p.words.len() == phrase.words.len() {
                            p.verb_index = phrase.verb_index;
                        }
                        forms.push(p);
                    }
                    Err(kind) => {
                        self.err(line, f, kind);
                        return;
                    }
                }
            }
            irregular = Some(forms);
            rest = &r[close + 1..];
        }
        let (between, groups, after, problems) = text::split_bracket_groups(rest);
        if let Some((frag, kind)) = problems.into_iter().next() {
            self.err(line, frag, kind);
            return;
        }
        let trailing = if !between.trim().is_empty() {
            between.trim()
        } else if groups.len() > 1 {
            groups[1].whole
        } else {
            after.trim()
        };
        if !trailing.is_empty() {
            self.err(line, trailing, ErrorKind::TrailingText);
            return;
        }
        let code = match groups.first().map(|g| (g, VerbCode::parse(g.inner))) {
            None => None,
            Some((_, Ok(c))) => Some(c),
            Some((g, Err(kind))) => {
                self.err(line, g.whole, kind);
                return;
            }
        };
        let verb =
            Verb { line: line.number, phrase, irregular, code, comment: line.comment_string() };
        if let Some(b) = self.dict.blocks.last_mut() {
            b.verbs.push(verb);
        }
    }

    fn pattern(&mut self, line: &Line<'_>, body: &str) {
        if self.dict.blocks.is_empty() {
            self.err(line, line.content.trim(), ErrorKind::Orphan("pattern", "verb block"));
            return;
        }
        let (pattern_text, groups, after, problems) = text::split_bracket_groups(body);
        if let Some((frag, kind)) = problems.into_iter().next() {
            self.err(line, frag, kind);
            return;
        }
        let Some(code_group) = groups.first() else {
            self.err(line, line.content.trim(), ErrorKind::MissingCode);
            return;
        };
        if groups.len() > 1 {
            self.err(line, groups[1].whole, ErrorKind::TrailingText);
            return;
        }
        if !after.trim().is_empty() {
            self.err(line, after.trim(), ErrorKind::TrailingText);
            return;
        }
        let code = match VerbCode::parse(code_group.inner) {
            Ok(c) => c,
            Err(kind) => {
                self.err(line, code_group.whole, kind);
                return;
            }
        };
        let items = match self.pattern_items(line, pattern_text) {
            Ok(items) => items,
            Err(e) => {
                self.errors.push(e);
                return;
            }
        };
        let pattern = Pattern { line: line.number, items, code, comment: line.comment_string() };
        if let Some(b) = self.dict.blocks.last_mut() {
            b.patterns.push(pattern);
        }
    }

    fn pattern_items(&self, line: &Line<'_>, body: &str) -> Result<Vec<PatternItem>, DictError> {
        let base = line.offset_of(body);
        let err = |off: usize, text: &str, kind| line.error_at(self.path, base + off, text, kind);
        let mut b = ItemBuilder::default();
        let bytes = body.as_bytes();
        let mut i = 0;
        while i < body.len() {
            let c = body[i..].chars().next().unwrap_or(' ');
            let clen = c.len_utf8();
            match c {
                c if c.is_whitespace() => {
                    b.flush_word(body, i);
                    b.boundary();
                }
                '_' => {
                    b.flush_word(body, i);
                    b.underscore();
                }
                '(' | '{' => {
                    b.flush_word(body, i);
                    b.boundary();
                    if let Some(&(open, _, _)) = b.stack.last() {
                        if open == '{' || c == '(' {
                            return Err(err(i, &body[i..i + 1], ErrorKind::NestedGroup(c)));
                        }
                    }
                    b.stack.push((c, Vec::new(), i));
                }
                ')' | '}' => {
                    b.flush_word(body, i);
                    b.boundary();
                    let want = if c == ')' { '(' } else { '{' };
                    match b.stack.pop() {
                        None => return Err(err(i, &body[i..i + 1], ErrorKind::Unmatched(c))),
                        Some((open, _, _)) if open != want => {
                            return Err(err(
                                i,
                                &body[i..i + 1],
                                ErrorKind::MismatchedBracket { open, close: c },
                            ))
                        }
                        Some((open, items, start)) => {
                            if items.is_empty() {
                                return Err(err(
                                    start,
                                    &body[start..i + 1],
                                    ErrorKind::EmptyPhrase,
                                ));
                            }
                            if items.iter().any(PatternItem::is_verb) {
                                return Err(err(
                                    start,
                                    &body[start..i + 1],
                                    ErrorKind::UnexpectedToken("*".into()),
                                ));
                            }
                            let group = if open == '(' {
                                PatternItem::Prep(items)
                            } else {
                                PatternItem::Braced(items)
                            };
                            b.push(group, false);
                            b.adjacent = true;
                        }
                    }
                }
                '*' | '$' | '+' | '%' | '^' => {
                    b.flush_word(body, i);
                    let token = match c {
                        '*' => Token::Verb,
                        '$' => Token::Source,
                        '+' => Token::Target,
                        '%' => Token::Compound,
                        _ => Token::Skip,
                    };
                    b.push_element(token);
                }
                '&' => {
                    b.flush_word(body, i);
                    let start = i + 1;
                    let mut end = start;
                    while end < body.len() && is_name_char(bytes[end] as char) {
                        end += 1;
                    }
                    let written = &body[start..end];
                    if written.trim_end_matches('_').is_empty() {
                        let stop = end.max(i + 1);
                        return Err(err(i, &body[i..stop], ErrorKind::InvalidSynsetName));
                    }
                    let (sref, remainder) = self.resolve_synset(written);
                    b.push_element(Token::Synset(sref));
                    for w in remainder {
                        b.pending_join = true;
                        b.push_element(Token::Word(w));
                    }
                    if written.ends_with('_') {
                        // `&AUXVERB1_`: the `_` belongs to the label convention.
                        b.adjacent = true;
                    }
                    i = end;
                    continue;
                }
                _ => {
                    if b.word_start.is_none() {
                        b.word_start = Some(i);
                    }
                }
            }
            i += clen;
        }
        b.flush_word(body, body.len());
        b.boundary();
        if let Some((open, _, start)) = b.stack.last() {
            return Err(err(*start, &body[*start..], ErrorKind::Unclosed(*open)));
        }
        let verbs = b.items.iter().filter(|it| it.is_verb()).count();
        let frag = body.trim();
        match verbs {
            0 => Err(err(body.len() - body.trim_start().len(), frag, ErrorKind::MissingVerbMarker)),
            1 => Ok(b.items),
            _ => {
                Err(err(body.len() - body.trim_start().len(), frag, ErrorKind::MultipleVerbMarkers))
            }
        }
    }

    fn transformation(&mut self, line: &Line<'_>, content: &str) {
        match parse_transformation(content) {
            Ok((clause, result)) => self.dict.transformations.push(Transformation {
                line: line.number,
                clause,
                result,
                comment: line.comment_string(),
            }),
            Err(msg) => self.err(line, content, ErrorKind::InvalidTransformation(msg)),
        }
    }
}

/// Incremental construction of pattern items.
#[derive(Default)]
struct ItemBuilder {
    items: Vec<PatternItem>,
    /// Open groups: bracket, items so far, byte offset of the bracket.
    stack: Vec<(char, Vec<PatternItem>, usize)>,
    word_start: Option<usize>,
    /// A `_` was seen: the next element is joined to the previous one.
    pending_join: bool,
    /// The last thing seen was an element with nothing after it yet.
    adjacent: bool,
    /// The pending `_` came right after an element.
    underscore_after_element: bool,
}

impl ItemBuilder {
    fn current(&mut self) -> &mut Vec<PatternItem> {
        match self.stack.last_mut() {
            Some((_, items, _)) => items,
            None => &mut self.items,
        }
    }

    fn push(&mut self, item: PatternItem, _joined: bool) {
        self.current().push(item);
    }

    fn push_element(&mut self, token: Token) {
        let joined = self.pending_join && !self.current().is_empty();
        self.pending_join = false;
        self.underscore_after_element = false;
        self.current().push(PatternItem::Element(PatternElement { token, joined, exact: false }));
        self.adjacent = true;
    }

    fn flush_word(&mut self, body: &str, end: usize) {
        if let Some(start) = self.word_start.take() {
            self.push_element(Token::Word(body[start..end].to_string()));
        }
    }

    fn underscore(&mut self) {
        if !self.pending_join {
            self.underscore_after_element = self.adjacent;
        }
        self.pending_join = true;
        self.adjacent = false;
    }

    /// Whitespace, a bracket or the end: a pending `_` right after an
    /// element was a trailing `_` (exact match).
    fn boundary(&mut self) {
        if self.pending_join && self.underscore_after_element {
            if let Some(PatternItem::Element(e)) = self.current().last_mut() {
                e.exact = true;
            }
            self.pending_join = false;
        }
        self.underscore_after_element = false;
        self.adjacent = false;
    }
}

fn is_name_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_'
}

/// Parses a verb phrase such as `SPEED`, `+CORDON_OFF` or `WIRE_+TAP`.
fn parse_verb_phrase(s: &str) -> Result<VerbPhrase, ErrorKind> {
    let mut words = Vec::new();
    let mut verb_index = None;
    for w in s.split(|c: char| c == '_' || c.is_whitespace()).filter(|w| !w.is_empty()) {
        let (marked, word) = match w.strip_prefix('+') {
            Some(rest) => (true, rest),
            None => (false, w),
        };
        if word.is_empty() {
            return Err(ErrorKind::EmptyPhrase);
        }
        if let Some(c) = word
            .chars()
            .find(|&c| matches!(c, '+' | '$' | '%' | '^' | '*' | '&' | '(' | ')' | ']' | '}'))
        {
            return Err(ErrorKind::UnexpectedToken(c.to_string()));
        }
        if marked {
            if verb_index.is_some() {
                return Err(ErrorKind::MultipleVerbWords);
            }
            verb_index = Some(words.len());
        }
        words.push(word.to_string());
    }
    if words.is_empty() {
        return Err(ErrorKind::EmptyPhrase);
    }
    Ok(VerbPhrase { marked: verb_index.is_some(), verb_index: verb_index.unwrap_or(0), words })
}

/// Longest reference for which a defined prefix is looked for.
const MAX_SYNSET_NAME: usize = 256;

/// Maximum nesting of parenthesised clauses in a transformation.
const MAX_TRANSFORM_DEPTH: usize = 16;

fn parse_transformation(content: &str) -> Result<(TransformClause, TransformResult), &'static str> {
    let body = content.strip_prefix('~').ok_or("must start with `~`")?;
    let (lhs, rhs) = body.split_once('=').ok_or("missing `=`")?;
    let spaced = lhs.replace('(', " ( ").replace(')', " ) ");
    let tokens: Vec<&str> = spaced.split_whitespace().collect();
    let mut pos = 0;
    let clause = parse_clause(&tokens, &mut pos, 0)?;
    if pos != tokens.len() {
        return Err("unexpected text before `=`");
    }
    let r: Vec<&str> = rhs.split_whitespace().collect();
    if r.len() != 3 {
        return Err("the result must be `source target code`");
    }
    let code = if r[2] == "Q" {
        TransformCode::Inherit
    } else {
        TransformCode::Code(EventCode::new(r[2]))
    };
    let result = TransformResult { source: parse_actor(r[0])?, target: parse_actor(r[1])?, code };
    Ok((clause, result))
}

fn parse_clause(
    tokens: &[&str],
    pos: &mut usize,
    depth: usize,
) -> Result<TransformClause, &'static str> {
    if depth > MAX_TRANSFORM_DEPTH {
        return Err("clauses nested too deeply");
    }
    let source = parse_actor(tokens.get(*pos).ok_or("missing source")?)?;
    *pos += 1;
    let target = match tokens.get(*pos) {
        Some(&"(") => {
            *pos += 1;
            let inner = parse_clause(tokens, pos, depth + 1)?;
            if tokens.get(*pos) != Some(&")") {
                return Err("unclosed `(`");
            }
            *pos += 1;
            TransformTarget::Clause(Box::new(inner))
        }
        Some(t) => {
            *pos += 1;
            TransformTarget::Actor(parse_actor(t)?)
        }
        None => return Err("missing target"),
    };
    let verb = match tokens.get(*pos) {
        Some(&"Q") => TransformVerb::Any,
        Some(t) if *t != "(" && *t != ")" && t.chars().any(|c| c.is_uppercase()) => {
            TransformVerb::Verb(t.to_string())
        }
        _ => return Err("missing verb"),
    };
    *pos += 1;
    Ok(TransformClause { source, target, verb })
}

fn parse_actor(t: &str) -> Result<TransformActor, &'static str> {
    match t {
        "." => Ok(TransformActor::Unspecified),
        "_" => Ok(TransformActor::Absent),
        v if !v.is_empty() && v.chars().all(|c| c.is_ascii_lowercase()) => {
            Ok(TransformActor::Var(v.to_string()))
        }
        _ => Err("actors must be lower-case variables, `.` or `_`"),
    }
}

/// Lints a verb dictionary (see [`LintKind`] for what is checked).
pub fn lint_verbs(dict: &VerbDictionary) -> Vec<LintWarning> {
    let mut out = Vec::new();
    let defined_at: HashMap<&str, usize> = {
        let mut m = HashMap::new();
        for s in &dict.synsets {
            m.entry(s.name.as_str()).or_insert(s.line);
        }
        m
    };
    // Synsets.
    let mut index: HashMap<&str, &Synset> = HashMap::new();
    for s in &dict.synsets {
        index.entry(s.name.as_str()).or_insert(s);
    }
    let mut counts: HashMap<&str, usize> = HashMap::new();
    let mut seen_syn: HashMap<&str, usize> = HashMap::new();
    for s in &dict.synsets {
        if let Some(first) = seen_syn.insert(&s.name, s.line) {
            let msg = format!("synset &{} is already defined on line {first}", s.name);
            lint::warn(&mut out, s.line, LintKind::DuplicateEntry, msg);
        }
        if s.members.is_empty() {
            let msg = format!("synset &{} has no members", s.name);
            lint::warn(&mut out, s.line, LintKind::EmptySynset, msg);
        }
        let mut members = HashSet::new();
        for m in &s.members {
            if !members.insert(&m.items) {
                let msg = format!("member repeated in synset &{}", s.name);
                lint::warn(&mut out, m.line, LintKind::DuplicateEntry, msg);
            }
            for it in &m.items {
                if let PhraseItem::Synset(r) = it {
                    check_ref(&mut out, m.line, r, &defined_at);
                }
            }
        }
        if expansion_count(&s.name, &index, &mut counts, 0) >= MAX_EXPANSIONS {
            let msg = format!("synset &{} expands to more than {MAX_EXPANSIONS} phrases", s.name);
            lint::warn(&mut out, s.line, LintKind::TooManyExpansions, msg);
        }
    }
    // Blocks, verbs and patterns.
    let mut forms_seen: HashMap<String, usize> = HashMap::new();
    for b in &dict.blocks {
        for code in std::iter::once(&b.code).chain(&b.extra_codes) {
            check_code(&mut out, b.line, code);
        }
        if !b.extra_codes.is_empty() {
            let msg = format!(
                "header of block {} has {} codes; only {} is used",
                b.description,
                1 + b.extra_codes.len(),
                b.code
            );
            lint::warn(&mut out, b.line, LintKind::MultipleBlockCodes, msg);
        }
        if b.verbs.is_empty() && !b.patterns.is_empty() {
            let msg = format!("block {} has patterns but no verbs", b.description);
            lint::warn(&mut out, b.line, LintKind::BlockWithoutVerbs, msg);
        }
        for v in &b.verbs {
            if let Some(c) = &v.code {
                check_code(&mut out, v.line, c);
            }
            if v.phrase.words.len() > 1 && !v.phrase.marked {
                let msg =
                    format!("multi-word verb {} has no `+` marking the verb word", v.phrase.text());
                lint::warn(&mut out, v.line, LintKind::UnmarkedMultiWordVerb, msg);
            }
            for f in v.forms() {
                let key = f.text();
                if let Some(first) = forms_seen.get(&key) {
                    let msg = format!("verb form {key} is already defined on line {first}");
                    lint::warn(&mut out, v.line, LintKind::DuplicateEntry, msg);
                } else {
                    forms_seen.insert(key, v.line);
                }
            }
        }
        let mut seen_patterns: HashMap<&[PatternItem], &Pattern> = HashMap::new();
        for p in &b.patterns {
            check_code(&mut out, p.line, &p.code);
            if p.items.len() == 1 {
                lint::warn(
                    &mut out,
                    p.line,
                    LintKind::EmptyPattern,
                    format!("pattern `{p}` has nothing but the verb"),
                );
            }
            for r in p.synset_refs() {
                check_ref(&mut out, p.line, r, &defined_at);
            }
            if let Some(first) = seen_patterns.get(p.items.as_slice()) {
                let same = if first.code == p.code { "" } else { " (with a different code)" };
                let msg = format!("pattern `{p}` repeats the pattern on line {}{same}", first.line);
                lint::warn(&mut out, p.line, LintKind::DuplicatePattern, msg);
            } else {
                seen_patterns.insert(&p.items, p);
            }
        }
    }
    // Transformations.
    let roots: HashSet<String> =
        dict.verbs().flat_map(|(_, v)| v.forms()).map(|f| f.words.join("_")).collect();
    for t in &dict.transformations {
        let mut verbs = Vec::new();
        let mut clause = Some(&t.clause);
        while let Some(c) = clause {
            if let TransformVerb::Verb(v) = &c.verb {
                verbs.push(v);
            }
            clause = match &c.target {
                TransformTarget::Clause(inner) => Some(inner),
                TransformTarget::Actor(_) => None,
            };
        }
        for v in verbs {
            if !roots.contains(v.as_str()) {
                let msg = format!("transformation verb {v} is not a verb of the dictionary");
                lint::warn(&mut out, t.line, LintKind::UnknownTransformationVerb, msg);
            }
        }
        if let TransformCode::Code(c) = &t.result.code {
            if !c.is_valid() {
                lint::warn(
                    &mut out,
                    t.line,
                    LintKind::BadCode,
                    format!("code {c} is not a CAMEO code"),
                );
            }
        }
    }
    lint::finish(out)
}

/// How many phrases a synset expands to (saturating), as
/// [`VerbDictionary::synset_phrases`] would produce them without its cap.
fn expansion_count<'a>(
    name: &'a str,
    index: &HashMap<&'a str, &'a Synset>,
    memo: &mut HashMap<&'a str, usize>,
    depth: usize,
) -> usize {
    if let Some(&n) = memo.get(name) {
        return n;
    }
    let Some(syn) = index.get(name) else { return 0 };
    if depth > MAX_SYNSET_DEPTH {
        return 0;
    }
    memo.insert(name, 0);
    let mut total = 0usize;
    for m in &syn.members {
        let mut n = 1usize;
        for item in &m.items {
            if let PhraseItem::Synset(r) = item {
                n = n.saturating_mul(expansion_count(&r.name, index, memo, depth + 1));
            }
        }
        if !syn.no_plurals && !m.no_plural && matches!(m.items.last(), Some(PhraseItem::Word(_))) {
            n = n.saturating_mul(2);
        }
        total = total.saturating_add(n);
    }
    memo.insert(name, total);
    total
}

fn check_code(out: &mut Vec<LintWarning>, line: usize, code: &VerbCode) {
    for c in code.codes() {
        if c.kind() == EventCodeKind::Other {
            lint::warn(
                out,
                line,
                LintKind::BadCode,
                format!(
                    "code {c} in {code} is not a CAMEO code; it is coded as a user-defined code"
                ),
            );
        }
    }
}

fn check_ref(
    out: &mut Vec<LintWarning>,
    line: usize,
    r: &SynsetRef,
    defined_at: &HashMap<&str, usize>,
) {
    match defined_at.get(r.name.as_str()) {
        None => lint::warn(
            out,
            line,
            LintKind::UndefinedSynset,
            format!("synset &{} is not defined", r.name),
        ),
        Some(&at) if at > line => {
            let msg = format!("synset &{} is used before its definition on line {at}", r.name);
            lint::warn(out, line, LintKind::SynsetDefinedAfterUse, msg);
        }
        Some(_) => {}
    }
    if r.written.trim_end_matches('_') != r.name {
        let msg = format!(
            "&{} is not a synset; read as &{} joined to the following word(s)",
            r.written, r.name
        );
        lint::warn(out, line, LintKind::AmbiguousSynsetReference, msg);
    }
}
