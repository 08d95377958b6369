//! The event coder: from story text to CAMEO events with evidence.
//!
//! [`Coder::code`] splits a story into sentences, finds actor mentions,
//! matches verb patterns, and assigns each matched pattern a source and a
//! target:
//!
//! * the source is the pattern's `$` slot, a possessor right before the
//!   anchor ("Armenia's occupation"), or the nearest actor before the
//!   anchor in the same clause (the subject);
//! * the target is the pattern's `+` slot or the first actor after it;
//! * passive voice ("was attacked by") swaps them, negation ("did not
//!   agree") drops the event, compound actors ("Azerbaijan and Russia")
//!   give one event per actor (and reciprocal events when there is no
//!   target), and a reported obligation ("X said Y should withdraw") is
//!   coded as X demanding of Y.
//!
//! With [`Syntax::Parse`] (the default) subject, object, passive agent,
//! negation, shared subjects ("X met Y and signed ...") and relative-clause
//! boundaries come from `herald-nlp`'s dependency parse of the sentence
//! (`parse.rs`); the word-order rules above fill any slot it leaves empty.
//!
//! Coding never fails: problems become [`Diagnostic`]s.
//!
//! ```
//! use herald_coder::{Coder, CoderConfig};
//! let coder = Coder::new(herald_dict::Dictionaries::embedded(), CoderConfig::standard());
//! let coded = coder.code("Armenian forces occupied Azerbaijani territory.");
//! let event = &coded.events[0];
//! assert_eq!(event.source.code, "ARMMIL");
//! assert_eq!(event.target.as_ref().unwrap().code, "AZE");
//! assert_eq!(event.code.root().as_str(), "19");
//! ```
#![warn(missing_docs)]

mod mentions;
mod parse;
mod sentence;

use std::sync::Arc;

use herald_core::{ActorMention, Date, Diagnostic, DiagnosticKind, Event, EventCode, Span};
use herald_dict::{ActorKind, Alternatives, Dictionaries, Discards, PatternItem, VerbPattern};
use herald_nlp::Dep;

use mentions::{Memory, Mention};
use parse::Tree;
use sentence::{Sent, BE_FORMS, CLAUSE_BREAKS, DETERMINERS, MODALS_OF_OBLIGATION, NEGATIONS};

/// Settings for the coder.
#[derive(Clone, Debug)]
pub struct CoderConfig {
    /// Sentences with more tokens than this are skipped with a diagnostic.
    pub max_sentence_tokens: usize,
    /// What an agent without a country or organisation becomes.
    pub bare_agents: BareAgents,
    /// Events need a target (PETRARCH's `require_dyad`): "X restored ties
    /// with Y, a senior official said" is one event, not two.
    pub require_target: bool,
    /// Countries and capitals after a locative preposition ("in Baku") are
    /// places, not actors; PETRARCH makes no such distinction.
    pub locations: bool,
    /// How many tokens after a verb (or its last pattern word) the target
    /// is looked for.
    pub target_window: usize,
    /// An implicit target must come before the next word that could be a
    /// verb; PETRARCH takes the first actor of the whole object phrase
    /// ("cordoned off the roads leading into Mordor" → MOR).
    pub target_before_next_verb: bool,
    /// A word right after a determiner ("their meeting", "a boycott") can
    /// anchor a pattern; PETRARCH's dictionaries list verbs, which a word
    /// after a determiner is not.
    pub noun_anchors: bool,
    /// A verb's pattern words and target may lie in its `that` complement
    /// ("X expressed hopes that Y could ..." → target Y), as in PETRARCH.
    pub complement_targets: bool,
    /// Where subjects, objects, passive agents and negation come from.
    pub syntax: Syntax,
}

/// How the coder finds a verb's subject and object.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Syntax {
    /// Word-order heuristics within the clause: the nearest actor before
    /// the verb, the first after it, passive by "be" + participle and "by".
    WordOrder,
    /// `herald-nlp`'s dependency parse of each sentence: `nsubj`,
    /// `nsubjpass`, `agent`, `dobj`, `dative`, prepositional objects and
    /// `neg`, shared subjects through `conj` and `xcomp`, relative clauses.
    /// A slot the parse leaves empty is filled by word order.
    Parse,
}

/// How an agent with no actor to attach to ("the government", "rebels") is coded.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BareAgents {
    /// herald's rule: non-state roles are actors in their own right (`REB`);
    /// state roles (`GOV`, `ELI`, `LEG`, `JUD`) are too vague and dropped.
    Standalone,
    /// PETRARCH's rule: every bare agent is an actor, its code added to the
    /// null actor code (`---GOV`).
    NullActor,
}

impl CoderConfig {
    /// The settings herald uses by default.
    pub fn standard() -> CoderConfig {
        CoderConfig {
            max_sentence_tokens: 200,
            bare_agents: BareAgents::Standalone,
            require_target: false,
            locations: true,
            target_window: 7,
            target_before_next_verb: true,
            noun_anchors: true,
            complement_targets: false,
            syntax: Syntax::Parse,
        }
    }

    /// Settings that follow PETRARCH's conventions, for PETRARCH dictionaries.
    pub fn petrarch() -> CoderConfig {
        CoderConfig {
            bare_agents: BareAgents::NullActor,
            require_target: true,
            locations: false,
            target_window: 12,
            target_before_next_verb: false,
            noun_anchors: false,
            complement_targets: true,
            ..CoderConfig::standard()
        }
    }
}

/// The result of coding a story.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Coded {
    /// Every sentence's span, in reading order.
    pub sentences: Vec<Span>,
    /// Events, ordered by sentence, then verb position.
    pub events: Vec<Event>,
    /// Notes on what could not be coded.
    pub diagnostics: Vec<Diagnostic>,
}

/// Codes text with a fixed set of dictionaries. Immutable; share it across threads.
#[derive(Clone, Debug)]
pub struct Coder {
    dicts: Dictionaries,
    config: CoderConfig,
    /// The parser, loaded once per coder, for [`Syntax::Parse`].
    model: Option<Arc<herald_nlp::Model>>,
}

impl Coder {
    /// A coder over `dicts`. With [`Syntax::Parse`] this loads the parsing
    /// model (a few milliseconds); share the coder rather than rebuilding it.
    pub fn new(dicts: Dictionaries, config: CoderConfig) -> Coder {
        let model =
            (config.syntax == Syntax::Parse).then(|| Arc::new(herald_nlp::Model::embedded()));
        Coder { dicts, config, model }
    }

    /// The coder's dictionaries.
    pub fn dictionaries(&self) -> &Dictionaries {
        &self.dicts
    }

    /// Codes one story whose date is unknown: actors with date-restricted
    /// codes get their unrestricted code.
    pub fn code(&self, text: &str) -> Coded {
        self.code_dated(text, None)
    }

    /// Codes one story published on `date`, which selects the codes of
    /// actors with date-restricted codes.
    pub fn code_dated(&self, text: &str, date: Option<Date>) -> Coded {
        let mut out = Coded::default();
        let mut memory = Memory::default();
        let sentences = herald_text::split_sentences(text);
        let discards = &self.dicts.discards;
        if !discards.story.is_empty() {
            let lower: Vec<String> = sentences
                .iter()
                .flat_map(|s| s.tokens.iter().map(|t| herald_dict::normalize(t.slice(text))))
                .collect();
            if let Some(phrase) = Discards::find(&discards.story, &lower) {
                out.sentences = sentences.iter().map(|s| s.span).collect();
                out.diagnostics.push(Diagnostic {
                    sentence_index: 0,
                    kind: DiagnosticKind::Discarded,
                    message: format!("story discarded for {:?}", phrase.join(" ")),
                });
                return out;
            }
        }
        for (idx, sentence) in sentences.iter().enumerate() {
            out.sentences.push(sentence.span);
            if sentence.tokens.len() > self.config.max_sentence_tokens {
                out.diagnostics.push(Diagnostic {
                    sentence_index: idx,
                    kind: DiagnosticKind::TooLong,
                    message: format!(
                        "{} tokens (limit {})",
                        sentence.tokens.len(),
                        self.config.max_sentence_tokens
                    ),
                });
                continue;
            }
            let sent = Sent::new(text, &sentence.tokens);
            if let Some(phrase) = Discards::find(&discards.sentence, &sent.lower) {
                out.diagnostics.push(Diagnostic {
                    sentence_index: idx,
                    kind: DiagnosticKind::Discarded,
                    message: format!("sentence discarded for {:?}", phrase.join(" ")),
                });
                continue;
            }
            self.code_sentence(idx, &sent, date, &mut memory, &mut out);
        }
        out
    }

    fn code_sentence(
        &self,
        idx: usize,
        sent: &Sent<'_>,
        date: Option<Date>,
        memory: &mut Memory,
        out: &mut Coded,
    ) {
        let mentions = mentions::find(sent, &self.dicts, date, self.config.bare_agents, memory);
        let mut ctx = Context::new(sent, &mentions, &self.dicts, &self.config);
        // Only a sentence with something to resolve is worth parsing.
        let anchors = ctx.anchorable.iter().any(|&a| a);
        if let Some(model) = self.model.as_ref().filter(|_| anchors && !mentions.is_empty()) {
            ctx.set_tree(Tree::new(model.tag_and_parse(&sent.tokens), sent.len(), &mentions));
        }
        let all: Vec<Hit<'_>> = (0..sent.len())
            .filter(|&i| ctx.anchorable[i])
            .filter_map(|i| self.best_hit(&ctx, i))
            .collect();
        // A match inside another pattern's match is part of it: "urged both
        // sides to show restraint" is one appeal, not an appeal and a concession.
        let hits: Vec<&Hit<'_>> = all
            .iter()
            .filter(|h| {
                !all.iter().any(|g| g.anchor != h.anchor && g.first <= h.anchor && h.anchor < g.end)
            })
            .collect();
        let is_speech = |h: &Hit<'_>| {
            h.pattern.code.is_some_and(|c| {
                c.root_number() == Some(1)
                    && (c.as_str() == "010" || sent.is(h.anchor + 1, &["that"]))
            })
        };
        let speech: Vec<usize> = hits.iter().filter(|h| is_speech(h)).map(|h| h.anchor).collect();
        ctx.verbs = hits.iter().map(|h| h.anchor).collect();
        let date = event_year(sent);
        let mut events: Vec<Event> = Vec::new();
        let mut speaker: Option<usize> = None;
        for hit in hits.iter().copied().filter(|h| is_speech(h)) {
            if let Some(src) = ctx.speaker(hit, &speech) {
                speaker.get_or_insert(src);
            }
        }
        for &hit in &hits {
            let resolved = ctx.resolve(hit, &speech);
            let Resolved { mut source, mut target, subject, negated, obliged, governed } = resolved;
            if governed {
                continue;
            }
            if negated {
                out.diagnostics.push(Diagnostic {
                    sentence_index: idx,
                    kind: DiagnosticKind::Negated,
                    message: format!("negated {:?} not coded", sent.tokens[hit.anchor]),
                });
                continue;
            }
            // A null-coded pattern matched: it codes nothing, on purpose.
            let (mut code, mut reverse) = (hit.pattern.code, hit.pattern.reverse_code);
            if code.is_none() && reverse.is_none() {
                continue;
            }
            if obliged {
                // "X said Y should withdraw": X demands of Y, Y does nothing yet.
                let Some(spk) = speaker else { continue };
                target = subject;
                source = Some(spk);
                code = code.map(demand_for);
                reverse = None;
            }
            let Some(source) = source else {
                out.diagnostics.push(Diagnostic {
                    sentence_index: idx,
                    kind: DiagnosticKind::NoSource,
                    message: format!("no source actor for {:?}", sent.tokens[hit.anchor]),
                });
                continue;
            };
            let sources = ctx.group(source);
            let targets = target.map(|t| ctx.group(t)).unwrap_or_default();
            let pairs: Vec<(usize, Option<usize>)> = if targets.is_empty()
                && sources.len() > 1
                && code.is_none_or(|c| c.root_number() != Some(1))
            {
                // "Azerbaijan and Russia strengthen cooperation": each with the other.
                sources
                    .iter()
                    .flat_map(|&s| {
                        sources.iter().filter(move |&&t| t != s).map(move |&t| (s, Some(t)))
                    })
                    .collect()
            } else if targets.is_empty() {
                sources.iter().map(|&s| (s, None)).collect()
            } else {
                sources.iter().flat_map(|&s| targets.iter().map(move |&t| (s, Some(t)))).collect()
            };
            // A code with `/` stands for several actors (PETRARCH's `[ELR/GAL]`).
            let expanded = pairs.into_iter().flat_map(|(s, t)| {
                let sm = &mentions[s];
                let tm = t.map(|t| &mentions[t]);
                let targets: Vec<Option<&str>> =
                    tm.map_or(vec![None], |tm| tm.code.split('/').map(Some).collect());
                sm.code.split('/').flat_map(move |sc| {
                    let targets = targets.clone();
                    targets.into_iter().map(move |tc| (sm, sc, tm, tc))
                })
            });
            for (sm, source_code, tm, target_code) in expanded {
                if target_code == Some(source_code)
                    || (target_code.is_none() && self.config.require_target)
                {
                    continue;
                }
                let mut source = actor(sent, sm);
                source.code = source_code.to_string();
                let target = tm.zip(target_code).map(|(tm, tc)| {
                    let mut t = actor(sent, tm);
                    t.code = tc.to_string();
                    t
                });
                // The pattern's event, and the one in the other direction
                // that a code pair such as PETRARCH's `[032:033]` adds
                // (a visit by X to Y is also Y hosting X).
                let directed = [
                    code.map(|c| (c, Some(source.clone()), target.clone())),
                    reverse.zip(target.clone()).map(|(c, t)| (c, Some(t), Some(source.clone()))),
                ];
                for (code, source, target) in directed.into_iter().flatten() {
                    let Some(source) = source else { continue };
                    let event = Event {
                        sentence_index: idx,
                        source,
                        target,
                        code,
                        verb: sent.span(hit.anchor, hit.anchor + 1),
                        pattern: format!(
                            "{}:{} {} {}",
                            hit.pattern.origin.0, hit.pattern.origin.1, code, hit.pattern.text
                        ),
                        date: date.clone(),
                    };
                    let duplicate = events.iter().any(|e| {
                        e.source.code == event.source.code
                            && e.target.as_ref().map(|t| &t.code)
                                == event.target.as_ref().map(|t| &t.code)
                            && e.code == event.code
                    });
                    if !duplicate {
                        events.push(event);
                    }
                }
            }
        }
        out.events.extend(events);
    }

    /// The most specific pattern matching at token `i`.
    fn best_hit<'d>(&'d self, ctx: &Context<'_, '_>, i: usize) -> Option<Hit<'d>> {
        let mut best: Option<Hit<'d>> = None;
        for &lemma in self.dicts.verbs.lemmas_of(&ctx.sent.lower[i]) {
            for pattern in self.dicts.verbs.patterns_for(lemma) {
                if let Some(hit) = ctx.try_match(pattern, i, &self.dicts) {
                    if best.as_ref().is_none_or(|b| hit.pattern.weight() > b.pattern.weight()) {
                        best = Some(hit);
                    }
                }
            }
        }
        best
    }
}

fn actor(sent: &Sent<'_>, m: &Mention) -> ActorMention {
    ActorMention {
        code: m.code.clone(),
        country: m.country.clone(),
        span: sent.span(m.start, m.end),
    }
}

/// The CAMEO demand code matching a demanded action.
fn demand_for(code: EventCode) -> EventCode {
    let demand = match code.root_number() {
        Some(6) => "101",
        Some(7) => "103",
        Some(8) => "105",
        _ => "100",
    };
    EventCode::parse(demand).unwrap_or(code)
}

/// A year the sentence gives for its events: "began in 1988".
fn event_year(sent: &Sent<'_>) -> Option<String> {
    (1..sent.len()).find_map(|i| {
        let y = sent.tokens[i];
        let is_year = y.len() == 4
            && y.bytes().all(|b| b.is_ascii_digit())
            && (y.starts_with("19") || y.starts_with("20"));
        (is_year && sent.is(i - 1, &["in", "since"])).then(|| y.to_string())
    })
}

/// A pattern matched at an anchor token.
struct Hit<'p> {
    pattern: &'p VerbPattern,
    anchor: usize,
    /// First token of the match (the earliest word before the anchor).
    first: usize,
    /// One past the last token the pattern's own items matched.
    end: usize,
    target: Option<usize>,
    source: Option<usize>,
}

struct Resolved {
    /// An infinitive under another coded verb: not an event of its own.
    governed: bool,
    source: Option<usize>,
    target: Option<usize>,
    /// The grammatical subject: the source in active voice, the target in passive.
    subject: Option<usize>,
    negated: bool,
    obliged: bool,
}

/// Per-sentence lookup tables over the mentions.
struct Context<'s, 'a> {
    sent: &'s Sent<'a>,
    mentions: &'s [Mention],
    mention_at: Vec<Option<usize>>,
    /// Tokens that can anchor a pattern: a pattern lemma, outside actor
    /// mentions, and not a capitalised word inside the sentence (a name).
    anchorable: Vec<bool>,
    /// Anchors of the sentence's pattern matches, in order.
    verbs: Vec<usize>,
    group_of: Vec<usize>,
    groups: Vec<Vec<usize>>,
    config: &'s CoderConfig,
    tree: Option<Tree>,
}

const MAX_GAP: usize = 4;

impl<'s, 'a> Context<'s, 'a> {
    fn new(
        sent: &'s Sent<'a>,
        mentions: &'s [Mention],
        dicts: &Dictionaries,
        config: &'s CoderConfig,
    ) -> Self {
        let mut mention_at = vec![None; sent.len()];
        for (m_idx, m) in mentions.iter().enumerate() {
            for slot in &mut mention_at[m.start..m.end] {
                *slot = Some(m_idx);
            }
        }
        let pattern_word: Vec<bool> = (0..sent.len())
            .map(|i| {
                mention_at[i].is_none()
                    && dicts
                        .verbs
                        .lemmas_of(&sent.lower[i])
                        .iter()
                        .any(|&l| dicts.verbs.patterns_for(l).next().is_some())
            })
            .collect();
        let anchorable: Vec<bool> = (0..sent.len())
            .map(|i| {
                let name_like = i > 0
                    && sent.tokens[i].chars().next().is_some_and(char::is_uppercase)
                    && !sent.is(i - 1, &["\"", "“", "'", "‘", ":", "("]);
                // "their meeting", "a boycott", "during a brief private
                // visit": a noun, "very close": an adjective, where only
                // verbs anchor.
                let noun = !config.noun_anchors
                    && i > 0
                    && (sent.is(i - 1, NOUN_DETERMINERS)
                        || sent.is(i - 1, DEGREE_ADVERBS)
                        || in_object_phrase(sent, i, &mention_at, &pattern_word));
                pattern_word[i] && !name_like && !noun
            })
            .collect();
        let mut group_of = Vec::with_capacity(mentions.len());
        let mut groups: Vec<Vec<usize>> = Vec::new();
        for (m_idx, m) in mentions.iter().enumerate() {
            let from = if m_idx > 0 { mentions[m_idx - 1].end } else { m.start };
            let gap = &sent.lower[from..m.start];
            let joined = m_idx > 0 && {
                // "Fornost and the evil awful Gondor": after the conjunction,
                // a determiner and a few lower-case words that are not verbs.
                let conj = gap
                    .iter()
                    .take_while(|w| matches!(w.as_str(), "," | "and" | "&" | "nor"))
                    .count();
                let modifiers = (from + conj..m.start).all(|k| {
                    sent.is(k, &["the", "a", "an"])
                        || (!anchorable[k]
                            && !sent.is(k, PREPOSITIONS)
                            && sent.tokens[k].chars().all(char::is_lowercase))
                });
                // "Gondor, the Osgiliath newspaper said": a comma and a
                // determiner, with no conjunction before or list after, is
                // an apposition ("Mordor, the Shire, Fornost and Bree" is a list).
                let apposition = gap[..conj].iter().all(|w| w == ",")
                    && sent.is(from + conj, &["the", "a", "an"])
                    && !sent.is(m.end, &[",", "and", "&"]);
                conj > 0 && m.start - from - conj <= 3 && modifiers && !apposition
            };
            match groups.last_mut() {
                Some(group) if joined => group.push(m_idx),
                _ => groups.push(vec![m_idx]),
            }
            group_of.push(groups.len() - 1);
        }
        Context {
            sent,
            mentions,
            mention_at,
            anchorable,
            verbs: Vec::new(),
            group_of,
            groups,
            config,
            tree: None,
        }
    }

    /// Uses `tree` from now on, and keeps in a compound actor only the
    /// mentions joined by a conjunction or that the tree coordinates ("the
    /// army, which Russia supplies" is no compound).
    fn set_tree(&mut self, tree: Tree) {
        let mut groups: Vec<Vec<usize>> = Vec::new();
        for group in &self.groups {
            let mut split: Vec<Vec<usize>> = Vec::new();
            for &m in group {
                let linked = split.last().is_some_and(|last| {
                    let within = |k: usize| {
                        last.iter()
                            .any(|&g| (self.mentions[g].start..self.mentions[g].end).contains(&k))
                    };
                    // A conjunction word is evidence enough ("Fornost and the
                    // evil awful Gondor" may parse oddly); a bare comma is not.
                    let from = last.iter().map(|&g| self.mentions[g].end).max().unwrap_or(0);
                    let and =
                        (from..self.mentions[m].start).any(|k| self.sent.is(k, &["and", "&"]));
                    and || tree.conjoined(m, within)
                });
                match split.last_mut() {
                    Some(last) if linked => last.push(m),
                    _ => split.push(vec![m]),
                }
            }
            groups.extend(split);
        }
        for (g, group) in groups.iter().enumerate() {
            for &m in group {
                self.group_of[m] = g;
            }
        }
        self.groups = groups;
        self.tree = Some(tree);
    }

    fn group(&self, m: usize) -> Vec<usize> {
        self.groups[self.group_of[m]].clone()
    }

    /// The first token after `from` that ends the clause.
    fn clause_end(&self, from: usize) -> usize {
        (from..self.sent.len())
            .find(|&k| {
                self.sent.is(k, CLAUSE_BREAKS)
                    || self.sent.is(k, &[".", "!", "?"])
                    || (self.sent.is(k, &[","])
                        && self.sent.is(k + 1, &["and", "but", "while", "whereas"]))
            })
            .unwrap_or(self.sent.len())
    }

    /// The first token of the clause containing `before`.
    /// A comma right before the verb is skipped ("X, a spokesman of Y, said"),
    /// and so is the comma opening a prepositional aside that ends there ("X,
    /// in remarks published on Monday, urged"); any other earlier comma ends
    /// the search ("..., diplomats said").
    fn clause_start(&self, before: usize, speech: &[usize]) -> usize {
        let breaks = |k: usize| self.sent.is(k, CLAUSE_BREAKS) || speech.contains(&k);
        let comma = |k: usize| self.sent.is(k, &[","]);
        let aside = (before > 0 && comma(before - 1))
            .then(|| (0..before - 1).rev().find(|&k| breaks(k) || comma(k)))
            .flatten()
            .filter(|&k| comma(k) && self.sent.is(k + 1, PREPOSITIONS));
        (0..before)
            .rev()
            .find(|&k| breaks(k) || (k + 1 != before && comma(k) && Some(k) != aside))
            .map_or(0, |k| k + 1)
    }

    /// A place rather than an actor: "in Baku", "near Azerbaijan".
    fn is_location(&self, m: usize) -> bool {
        let mention = &self.mentions[m];
        self.config.locations
            && matches!(mention.kind, ActorKind::Country | ActorKind::Capital)
            && mention.start > 0
            && self.sent.is(mention.start - 1, LOCATIVES)
    }

    /// The length of the first alternative that matches at token `k`, if any.
    fn alternative_at(&self, k: usize, alts: &Alternatives, dicts: &Dictionaries) -> Option<usize> {
        alts.iter().find_map(|alt| {
            let fits = k + alt.len() <= self.sent.len()
                && alt.iter().enumerate().all(|(j, lemma)| {
                    dicts.verbs.lemmas_of(&self.sent.lower[k + j]).contains(lemma)
                });
            fits.then_some(alt.len())
        })
    }

    /// The first mention starting in `from..to`.
    fn mention_in(&self, from: usize, to: usize) -> Option<usize> {
        (from..to.min(self.sent.len())).find_map(|k| {
            self.mention_at[k].filter(|&m| self.mentions[m].start == k && !self.is_location(m))
        })
    }

    fn try_match<'p>(
        &self,
        pattern: &'p VerbPattern,
        anchor: usize,
        dicts: &Dictionaries,
    ) -> Option<Hit<'p>> {
        let anchor_len = self.alternative_at(anchor, &pattern.anchor, dicts)?;
        let mut first = anchor;
        // Where each word before the anchor was found, `(start, end)`.
        let mut spans = vec![(0, 0); pattern.before.len()];
        for (i, alts) in pattern.before.iter().enumerate().rev() {
            // A target written between this word and the next needs room.
            let room =
                if pattern.target_before == Some(i + 1) { self.config.target_window } else { 0 };
            let longest = alts.iter().map(Vec::len).max().unwrap_or(1);
            // `recently_ *allow`: no word between it and the anchor.
            let joined = pattern.before_joined && i + 1 == pattern.before.len();
            let (found, len) =
                (first.saturating_sub(3 + room + longest)..first).rev().find_map(|k| {
                    self.alternative_at(k, alts, dicts)
                        .filter(|&len| if joined { k + len == first } else { k + len <= first })
                        .map(|len| (k, len))
                })?;
            spans[i] = (found, found + len);
            first = found;
        }
        // `noted + *regret`: the target between the words before the anchor.
        let target_between = match pattern.target_before {
            Some(p) if p > 0 => {
                let to = spans.get(p).map_or(anchor, |s| s.0);
                Some(self.mention_in(spans[p - 1].1, to)?)
            }
            _ => None,
        };
        // A relative or adverbial clause ends where the parse says.
        let subtree_end =
            self.tree.as_ref().and_then(|t| t.subordinate_end(anchor)).unwrap_or(self.sent.len());
        let mut end = self.clause_end(anchor + anchor_len).min(subtree_end);
        // "Gollum allowed that Mordor isn't a pleasant place": the pattern
        // and its target may reach into a `that` complement.
        if self.config.complement_targets && self.sent.is(end, &["that"]) {
            end = self.clause_end(end + 1).min(subtree_end);
        }
        let mut cursor = anchor + anchor_len;
        let (mut target, mut source) = (target_between, None);
        for item in &pattern.after {
            match item {
                PatternItem::Words(alts) => {
                    let (k, len) = (cursor..(cursor + MAX_GAP + 2).min(end))
                        .filter(|&k| {
                            !(self.sent.is(k, PREPOSITIONS) && self.sent.is(k + 1, TIME_WORDS))
                        })
                        .find_map(|k| self.alternative_at(k, alts, dicts).map(|len| (k, len)))?;
                    // "threatened South Korea with a nuclear strike": an
                    // object between the pattern's words is the target.
                    if target.is_none() && !pattern.has_target_slot() {
                        target = self.mention_in(cursor, k);
                    }
                    // "demanded the withdrawal of Armenian forces": the
                    // pattern's word is inside an actor, who is the target.
                    if target.is_none() && !pattern.has_target_slot() {
                        target = self.mention_at[k].filter(|&m| {
                            !self.is_location(m) && self.mentions[m].country.is_some()
                        });
                    }
                    cursor = k + len;
                }
                PatternItem::Target | PatternItem::Source => {
                    let after =
                        self.mention_in(cursor, (cursor + self.config.target_window).min(end));
                    // "Azerbaijan, which Russia condemned": the parse finds
                    // an object before the verb, where word order cannot.
                    let m = match after {
                        Some(m) => m,
                        None if *item == PatternItem::Target => self
                            .parsed_objects(anchor)
                            .into_iter()
                            .find(|&m| self.mentions[m].end <= anchor)?,
                        None => return None,
                    };
                    cursor = self.groups[self.group_of[m]]
                        .iter()
                        .map(|&g| self.mentions[g].end)
                        .max()
                        .unwrap_or(cursor)
                        .max(cursor);
                    if *item == PatternItem::Target {
                        target = Some(m)
                    } else {
                        source = Some(m)
                    }
                }
                PatternItem::Skip => cursor = self.skip_phrase(cursor, end)?,
            }
        }
        if target.is_none()
            && !pattern.has_target_slot()
            && pattern.code.is_some_and(|c| c.root_number() != Some(1))
        {
            // The object, if it comes before the next verb.
            let next_verb = (cursor..end)
                .find(|&k| {
                    (self.anchorable[k] && self.config.target_before_next_verb)
                        || self.sent.is(k, &[","])
                })
                .unwrap_or(end);
            target = self.mention_in(cursor, (cursor + self.config.target_window).min(next_verb));
        }
        // `%`: only a compound subject ("Armenia and Azerbaijan agreed").
        if pattern.compound_source {
            let subject = self.subject(first, &[], anchor)?;
            if self.groups[self.group_of[subject]].len() < 2 {
                return None;
            }
        }
        Some(Hit { pattern, anchor, first, end: cursor, target, source })
    }

    /// The end of the phrase at `from` that a `^` skips: an optional
    /// preposition, then words up to the next preposition or comma, or up to
    /// and including an actor (with its compound): "in Osgiliath", "at the
    /// Gondor", "their populations". `None` if nothing is left to skip.
    fn skip_phrase(&self, from: usize, end: usize) -> Option<usize> {
        let start = if self.sent.is(from, PREPOSITIONS) { from + 1 } else { from };
        if start >= end {
            return None;
        }
        let stop = |k: &usize| {
            self.sent.is(*k, PREPOSITIONS)
                || self.sent.is(*k, &[","])
                || self.mention_at[*k].is_some()
        };
        let k = (start..end).find(stop).unwrap_or(end);
        let k = match self.mention_at.get(k).copied().flatten() {
            Some(m) => {
                let group = &self.groups[self.group_of[m]];
                group.iter().map(|&g| self.mentions[g].end).max().unwrap_or(k + 1).min(end)
            }
            None => k,
        };
        Some(k.max(start + 1))
    }

    /// The subject of a verb whose match starts at `first`: the nearest
    /// actor before it in the same clause that is not the object of a preposition.
    fn subject(&self, first: usize, speech: &[usize], anchor: usize) -> Option<usize> {
        let start = self.clause_start(
            first,
            &speech.iter().copied().filter(|&s| s != anchor).collect::<Vec<_>>(),
        );
        // "Azerbaijan accused Armenia ... and demanded": the second verb
        // shares the first one's subject.
        if first > 0
            && self.sent.is(first - 1, &["and", "but"])
            && (first < 2 || self.mention_at[first - 2].is_none())
        {
            let gerund = |k: usize| self.sent.lower[k].ends_with("ing");
            let same_form = |k: usize| {
                k > 0
                    && !self.sent.is(k - 1, PREPOSITIONS)
                    && !self.sent.is(k - 1, &["to"])
                    && gerund(k) == gerund(anchor)
            };
            if let Some(&verb) =
                self.verbs.iter().rev().find(|&&k| k >= start && k + 1 < first && same_form(k))
            {
                return self.subject(verb, speech, verb);
            }
        }
        let infinitive = first > 0 && self.sent.is(first - 1, &["to"]);
        (start..first)
            .rev()
            .find_map(|k| {
                // "urged both sides to show restraint": the subject of "show" is
                // urge's object, which is not an actor here.
                if infinitive && k != anchor && self.anchorable[k] && k + 2 < first {
                    return Some(None);
                }
                let m = self.mention_at[k]?;
                let mention = &self.mentions[m];
                let after_preposition =
                    mention.start > 0 && self.sent.is(mention.start - 1, PREPOSITIONS);
                (mention.end == k + 1 && !after_preposition && !self.is_location(m))
                    .then_some(Some(self.groups[self.group_of[m]][0]))
            })
            .flatten()
            .or_else(|| self.relative_antecedent(start))
    }

    /// The actor a relative clause starting at `start` modifies, when the
    /// clause itself names none: "Russian troops that crossed the border
    /// attacked Georgia" (the troops attacked, whether the verb is the
    /// clause's own or the main verb after it).
    fn relative_antecedent(&self, start: usize) -> Option<usize> {
        if start < 2 || start >= self.sent.len() {
            return None;
        }
        // "that" also opens complement clauses ("agrees with France that
        // disputes should be resolved"); a relative "that" is followed by
        // its verb.
        let verb_next = self.anchorable[start]
            || self.sent.lower[start].ends_with("ed")
            || self.sent.is(start, BE_FORMS)
            || self.sent.is(start, &["has", "have", "had", "will", "would", "could", "can"]);
        let relative = self.sent.is(start - 1, &["who", "which"])
            || (self.sent.is(start - 1, &["that"]) && verb_next);
        if !relative {
            return None;
        }
        let m = self.mention_at[start - 2]?;
        (self.mentions[m].end == start - 1 && !self.is_location(m))
            .then(|| self.groups[self.group_of[m]][0])
    }

    /// The subject among the pattern's own words before its anchor, when
    /// nothing before them is: "neither X nor Y boycotted" for `neither *`.
    /// A pattern with a target there ("noted + *regret") has its actor
    /// in that place already.
    fn subject_within(&self, hit: &Hit<'_>) -> Option<usize> {
        if hit.pattern.target_before.is_some() {
            return None;
        }
        (hit.first + 1..hit.anchor).rev().find_map(|k| {
            let m = self.mention_at[k]?;
            let start = self.mentions[m].start;
            let after_preposition = start > 0 && self.sent.is(start - 1, PREPOSITIONS);
            (!after_preposition && !self.is_location(m)).then(|| self.groups[self.group_of[m]][0])
        })
    }

    /// A possessor or actor adjective right before a noun anchor: "Armenia's occupation".
    fn possessor(&self, first: usize) -> Option<usize> {
        let mut k = first;
        let mut skipped = 0;
        while k > 0 {
            k -= 1;
            if let Some(m) = self.mention_at[k] {
                return Some(m);
            }
            let w = &self.sent.lower[k];
            if w == "'s" || w == "'" {
                continue;
            }
            let lowercase_word = self.sent.tokens[k].chars().all(|c| c.is_lowercase() || c == '-');
            if skipped < 2
                && lowercase_word
                && !self.sent.is(k, DETERMINERS)
                && !self.sent.is(k, CLAUSE_BREAKS)
                && !self.sent.is(k, NEGATIONS)
            {
                skipped += 1;
                continue;
            }
            return None;
        }
        None
    }

    fn resolve(&self, hit: &Hit<'_>, speech: &[usize]) -> Resolved {
        let by_order = self.resolve_by_order(hit, speech);
        let mut resolved = match &self.tree {
            Some(tree) if !by_order.governed => self.resolve_by_tree(tree, hit, by_order),
            _ => by_order,
        };
        // "Neither Arnor nor Gondor attacked": the subject is negated,
        // unless the pattern itself spells out the word (`neither *`).
        if let Some(s) = resolved.subject {
            let start = self.mentions[self.groups[self.group_of[s]][0]].start;
            if start > 0 && self.sent.is(start - 1, &["neither"]) && hit.first >= start {
                resolved.negated = true;
            }
        }
        resolved
    }

    /// The mentions the parse gives verb `v` as objects, most direct first.
    fn parsed_objects(&self, v: usize) -> Vec<usize> {
        let Some(tree) = self.tree.as_ref().filter(|t| t.is_verb(v)) else { return Vec::new() };
        tree.objects(v).into_iter().filter_map(|n| self.mention_of_node(tree, n)).collect()
    }

    /// Who makes the statement `hit` anchors: its subject.
    fn speaker(&self, hit: &Hit<'_>, speech: &[usize]) -> Option<usize> {
        let parsed = self.tree.as_ref().and_then(|tree| {
            let verb = hit.first == hit.anchor && tree.is_verb(hit.anchor);
            let (n, _) = tree.subject(hit.anchor).filter(|_| verb)?;
            self.mention_of_node(tree, n).map(|m| self.groups[self.group_of[m]][0])
        });
        parsed.or_else(|| self.subject(hit.first, speech, hit.anchor))
    }

    /// The mention standing for tree node `n`: the one it heads or lies in,
    /// else one modifying it ("Armenian forces", "forces of Armenia").
    fn mention_of_node(&self, tree: &Tree, n: usize) -> Option<usize> {
        let at = |k: usize| tree.headed(k).or(self.mention_at.get(k).copied().flatten());
        at(n)
            .or_else(|| {
                tree.children(n, &[Dep::Compound, Dep::Amod, Dep::Poss, Dep::Nmod]).find_map(at)
            })
            .or_else(|| {
                tree.children(n, &[Dep::Prep])
                    .filter(|&p| self.sent.is(p, &["of"]))
                    .find_map(|p| tree.children(p, &[Dep::Pobj]).find_map(at))
            })
            .filter(|&m| !self.is_location(m))
    }

    /// [`Self::resolve_by_order`]'s answer with subject, object, passive
    /// agent and negation taken from the parse where it has them.
    fn resolve_by_tree(&self, tree: &Tree, hit: &Hit<'_>, by_order: Resolved) -> Resolved {
        let v = hit.anchor;
        // Nouns ("Armenia's occupation") keep the possessor rules.
        if !tree.is_verb(v) {
            return by_order;
        }
        // A pattern with words before its anchor ("noted + *regret") spells
        // out where its subject stands; word order finds it.
        let parsed = tree.subject(v).filter(|_| hit.first == hit.anchor);
        let subject = parsed
            .and_then(|(n, _)| self.mention_of_node(tree, n))
            .map(|m| self.groups[self.group_of[m]][0])
            .or(by_order.subject);
        let negated = tree.negated(v, hit.first..hit.end);
        let Resolved { obliged, .. } = by_order;
        if hit.pattern.target_before == Some(0) {
            return Resolved {
                source: hit.source,
                target: subject,
                subject,
                negated,
                obliged,
                governed: false,
            };
        }
        // As in word order, a pattern with words before its anchor spells
        // out its own voice.
        let passive = tree.is_passive(v) || parsed.is_some_and(|(_, passive)| passive);
        if passive && hit.first == hit.anchor {
            let agent = tree
                .agent(v)
                .and_then(|n| self.mention_of_node(tree, n))
                .or_else(|| self.agent_by_order(v, tree.subtree_end(v)));
            return Resolved {
                source: hit.source.or(agent),
                target: subject,
                subject,
                negated,
                obliged,
                governed: false,
            };
        }
        let target = if hit.pattern.after.is_empty() && hit.pattern.target_before.is_none() {
            self.parsed_objects(v).first().copied().or(hit.target)
        } else {
            hit.target
        };
        let source = hit.source.filter(|&s| Some(s) != target).or(subject);
        Resolved { source, target, subject, negated, obliged, governed: false }
    }

    /// The actor of a "by" phrase after a passive verb, before any comma
    /// and before `limit` (with a parse, the end of the verb's subtree: "the
    /// soldiers captured near the border were freed by Iran").
    fn agent_by_order(&self, anchor: usize, limit: usize) -> Option<usize> {
        let end = self.clause_end(anchor + 1).min(limit);
        (anchor + 1..end)
            .take_while(|&k| !self.sent.is(k, &[","]))
            .find(|&k| self.sent.is(k, &["by"]))
            .and_then(|k| self.mention_in(k + 1, (k + 4).min(end)))
    }

    /// Source, target and the rest by word order within the clause.
    fn resolve_by_order(&self, hit: &Hit<'_>, speech: &[usize]) -> Resolved {
        let sent = self.sent;
        let lookback = hit.first.saturating_sub(4)..hit.first;
        let before_words: Vec<&str> = lookback.clone().map(|k| sent.lower[k].as_str()).collect();
        let subject =
            self.subject(hit.first, speech, hit.anchor).or_else(|| self.subject_within(hit));
        // "urged Armenia to show restraint", "agreed to expand cooperation":
        // an infinitive under another coded verb is part of that verb's
        // event, not a separate event that happened.
        let start = self.clause_start(hit.first, speech);
        let governed = hit.first > 0
            && sent.is(hit.first - 1, &["to"])
            && self.verbs.iter().any(|&v| v >= start && v + 1 < hit.first);
        if governed {
            return Resolved {
                source: None,
                target: None,
                subject: None,
                negated: false,
                obliged: false,
                governed: true,
            };
        }
        let subject_end = subject.map_or(0, |s| {
            self.groups[self.group_of[s]].iter().map(|&g| self.mentions[g].end).max().unwrap_or(0)
        });
        let between =
            |words: &[&str]| lookback.clone().any(|k| k >= subject_end && sent.is(k, words));
        let negated = between(NEGATIONS);
        let obliged = between(MODALS_OF_OBLIGATION)
            || before_words
                .windows(2)
                .any(|w| matches!(w, ["have" | "has" | "need" | "needs", "to"]));
        if hit.pattern.target_before == Some(0) {
            // `+` before the anchor's words: "Y received money from X".
            return Resolved {
                source: hit.source,
                target: subject,
                subject,
                negated,
                obliged,
                governed: false,
            };
        }
        let passive = is_participle(sent.tokens[hit.anchor])
            && lookback.clone().rev().take(3).any(|k| sent.is(k, BE_FORMS))
            && hit.first == hit.anchor;
        if passive {
            return Resolved {
                source: hit.source.or(self.agent_by_order(hit.anchor, sent.len())),
                target: subject,
                subject,
                negated,
                obliged,
                governed: false,
            };
        }
        let noun_like = hit.first == hit.anchor
            && (hit.anchor > 0 && sent.is(hit.anchor - 1, DETERMINERS)
                || !is_verb_form(sent.tokens[hit.anchor]));
        let source = hit
            .source
            .or_else(|| if noun_like { self.possessor(hit.first) } else { None })
            .filter(|&s| Some(s) != hit.target)
            .or(subject);
        Resolved { source, target: hit.target, subject, negated, obliged, governed: false }
    }
}

/// Whether the word at `i` ends a noun phrase that is an object: a
/// preposition or verb, a determiner, then at most four modifiers (lower-case
/// words that are not function words, hyphens, actors): "during a brief
/// private visit", "abandoned an anti-Gondor parade". A verb cannot stand there.
fn in_object_phrase(
    sent: &Sent<'_>,
    i: usize,
    mention_at: &[Option<usize>],
    pattern_word: &[bool],
) -> bool {
    let mut k = i;
    for _ in 0..5 {
        if k < 2 {
            return false;
        }
        k -= 1;
        if sent.is(k, NOUN_DETERMINERS) {
            return sent.is(k - 1, PREPOSITIONS) || pattern_word[k - 1];
        }
        let word = sent.tokens[k].chars().all(|c| c.is_lowercase() || c == '-')
            && !sent.is(k, PREPOSITIONS)
            && !sent.is(k, NEGATIONS)
            && !sent.is(k, BE_FORMS)
            && !sent.is(k, CLAUSE_BREAKS);
        if !word && mention_at[k].is_none() {
            return false;
        }
    }
    false
}

/// Words after which a word is an adjective or adverb, not a verb.
const DEGREE_ADVERBS: &[&str] =
    &["very", "too", "so", "quite", "rather", "extremely", "more", "most", "less", "least"];

/// Words after which a word is a noun.
const NOUN_DETERMINERS: &[&str] =
    &["the", "a", "an", "their", "its", "his", "her", "our", "your", "my", "this"];

const LOCATIVES: &[&str] =
    &["in", "at", "near", "inside", "outside", "around", "across", "throughout", "within"];

const TIME_WORDS: &[&str] = &[
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "jan.",
    "feb.",
    "mar.",
    "apr.",
    "jun.",
    "jul.",
    "aug.",
    "sep.",
    "sept.",
    "oct.",
    "nov.",
    "dec.",
    "today",
    "yesterday",
    "tomorrow",
    "tonight",
];

const PREPOSITIONS: &[&str] = &[
    "of",
    "with",
    "from",
    "in",
    "on",
    "at",
    "by",
    "for",
    "to",
    "about",
    "against",
    "between",
    "among",
    "into",
    "over",
    "under",
    "toward",
    "towards",
    "upon",
    "within",
    "including",
    "during",
];

/// Looks like a past participle ("attacked", "withdrawn", "held").
fn is_participle(word: &str) -> bool {
    let w = word.to_ascii_lowercase();
    w.ends_with("ed")
        || w.ends_with("en")
        || w.ends_with("wn")
        || w.ends_with("ught")
        || w.ends_with("eld")
        || w.ends_with("ne")
}

/// Looks like an inflected verb form rather than a bare noun.
fn is_verb_form(word: &str) -> bool {
    let w = word.to_ascii_lowercase();
    w.ends_with("ed") || w.ends_with("ing") || w.ends_with("es")
}
