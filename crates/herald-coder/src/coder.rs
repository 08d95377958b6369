//! [`Coder`]: a story in, events and diagnostics out.

use std::sync::Arc;

use herald_core::{ActorMention, Diagnostic, DiagnosticKind, Event, EventCode, Span};
use herald_dict::{Date, Dictionaries, Discards};

use crate::config::CoderConfig;
use crate::context::Context;
use crate::matching::Hit;
use crate::mentions::{self, Memory, Mention};
use crate::parse::Tree;
use crate::resolve::Resolved;
use crate::sentence::Sent;
use crate::Syntax;

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
