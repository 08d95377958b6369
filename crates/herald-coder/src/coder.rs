//! [`Coder`]: a story in, events and diagnostics out.

use std::sync::Arc;

use herald_core::Date;
use herald_core::{ActorMention, Diagnostic, DiagnosticKind, Event, EventCode, Span};
use herald_dict::{Dictionaries, Discards, PatternItem};
use herald_nlp::{Dep, Tag};

use crate::clauses::{self, Frame, Frames, Modality};
use crate::config::CoderConfig;
use crate::context::Context;
use crate::matching::{coerces, violent, Hit};
use crate::mentions::{self, Memory, Mention};
use crate::parse::Tree;
use crate::places::{self, PlaceRef};
use crate::resolve::Resolved;
use crate::sentence::Sent;
use crate::statements;
use crate::story::Story;
use crate::words::{BE_FORMS, TIME_WORDS};
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
    /// Words that govern an embedded event ("urge", "threaten", "ready").
    frames: Arc<Frames>,
    /// Places, with [`CoderConfig::places`].
    gazetteer: Option<Arc<herald_geo::Gazetteer>>,
}

impl Coder {
    /// A coder over `dicts`. With [`Syntax::Parse`] this loads the parsing
    /// model (a few milliseconds); share the coder rather than rebuilding it.
    pub fn new(dicts: Dictionaries, config: CoderConfig) -> Coder {
        let model =
            (config.syntax == Syntax::Parse).then(|| Arc::new(herald_nlp::Model::embedded()));
        let frames = Arc::new(Frames::new(&herald_dict::Irregulars::embedded()));
        let gazetteer = config.places.then(|| Arc::new(herald_geo::Gazetteer::embedded()));
        Coder { dicts, config, model, frames, gazetteer }
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
        // Actors first, for the whole story: what it is about gives a
        // country to actors that name none.
        let mut prepared: Vec<(usize, Sent<'_>, Vec<Mention>)> = Vec::new();
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
            let mentions =
                mentions::find(&sent, &self.dicts, date, self.config.bare_agents, &mut memory);
            prepared.push((idx, sent, mentions));
        }
        let (places, story_places) = match &self.gazetteer {
            Some(gaz) => {
                let raw = prepared.iter().map(|(i, s, m)| (*i, places::find(gaz, s, m))).collect();
                let actors: Vec<&[Mention]> =
                    prepared.iter().map(|(_, _, m)| m.as_slice()).collect();
                places::resolve(gaz, text, &actors, raw)
            }
            None => (vec![Vec::new(); prepared.len()], places::StoryPlaces::default()),
        };
        let whereabouts =
            crate::location::Whereabouts::new(self.gazetteer.as_deref(), date, story_places);
        let mut story = if self.config.story_context {
            Story::new(prepared.iter().map(|(_, _, m)| m.as_slice()), places.iter().flatten())
        } else {
            Story::default()
        };
        for ((idx, sent, mentions), places) in prepared.into_iter().zip(&places) {
            let mentions = if self.config.story_context {
                story.complete(
                    &sent,
                    mentions,
                    (places, whereabouts.in_actors(idx)),
                    (&self.dicts, date),
                )
            } else {
                mentions
            };
            let mentions: Vec<Mention> = mentions.into_iter().filter(mentions::is_actor).collect();
            if self.config.story_context {
                story.observe(&sent, &mentions, idx);
            }
            self.code_sentence(idx, &sent, &mentions, (&story, places, &whereabouts), &mut out);
        }
        crate::location::from_story(&mut out.events);
        out
    }

    fn code_sentence(
        &self,
        idx: usize,
        sent: &Sent<'_>,
        mentions: &[Mention],
        (story, places, whereabouts): (&Story, &[PlaceRef], &crate::location::Whereabouts<'_>),
        out: &mut Coded,
    ) {
        let mut ctx = Context::new(sent, mentions, &self.dicts, &self.config);
        ctx.places = places;
        // Only a sentence with something to resolve is worth parsing.
        let anchors = ctx.anchorable.iter().any(|&a| a);
        // A sentence without actors may still name a place whose people the
        // police act on ("Abdullah was arrested in Malaysia",
        // `Context::person_patient`), or the story's home may be where
        // ("Whiting was sentenced"); one without any is not worth the parse.
        let worth =
            anchors && (!mentions.is_empty() || !places.is_empty() || story.home().is_some());
        if let Some(model) = self.model.as_ref().filter(|_| worth) {
            ctx.set_tree(Tree::new(model.tag_and_parse(&sent.tokens), sent.len(), mentions));
        }
        let all: Vec<Hit<'_>> = (0..sent.len())
            .filter(|&i| ctx.anchorable[i] && !to_blame(sent, i))
            .filter_map(|i| self.best_hit(&ctx, i))
            .collect();
        // A match inside another pattern's match is part of it: "urged both
        // sides to show restraint" is one appeal, not an appeal and a concession.
        // Two matches holding each other's anchors ("warplanes launched
        // attacks on": `launch attack on +` and `warplane *attack on +`)
        // are one event: the wider match, else the earlier, codes it.
        // "$10 million of aid to a new agreement with Nauru": a noun takes
        // no object, so an event word between it and the target its `*aid +`
        // reached is not part of it.
        let reached = |h: &Hit<'_>, g: &Hit<'_>| {
            let noun = ctx
                .tree
                .as_ref()
                .is_some_and(|t| matches!(t.tag(g.anchor), Some(Tag::Nn | Tag::Nns)));
            // Nor one with its own source slot filled ("withdrew from the
            // border at the request of Uganda").
            let own = h.source.is_some();
            (own || (noun && matches!(g.pattern.after.first(), Some(PatternItem::Target))))
                && g.target.is_some_and(|t| g.anchor < h.anchor && h.anchor < mentions[t].start)
        };
        let within =
            |h: &Hit<'_>, g: &Hit<'_>| g.first <= h.anchor && h.anchor < g.end && !reached(h, g);
        let wins = |g: &Hit<'_>, h: &Hit<'_>| {
            (g.end - g.first, std::cmp::Reverse(g.anchor))
                > (h.end - h.first, std::cmp::Reverse(h.anchor))
        };
        // "received aid from Japan": the noun is the event, the receiving
        // verb only says who got it (`Context::resolve_noun`).
        let receiver = |g: &Hit<'_>| {
            let tree = ctx.tree.as_ref()?;
            crate::nouns::recipient_carrier(tree, sent, g.anchor)
                .and_then(|(v, receiving)| receiving.then_some(v))
        };
        let received: Vec<usize> = all.iter().filter_map(receiver).collect();
        let hits: Vec<&Hit<'_>> = all
            .iter()
            .filter(|h| !received.contains(&h.anchor))
            .filter(|h| {
                !all.iter().any(|g| {
                    g.anchor != h.anchor
                        && within(h, g)
                        && (!within(g, h) || wins(g, h))
                        && receiver(h) != Some(g.anchor)
                })
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
        ctx.violent =
            hits.iter().filter(|h| h.pattern.code.is_some_and(violent)).map(|h| h.anchor).collect();
        let setting = whereabouts.sentence(idx, places);
        let mut emitter = Emitter {
            idx,
            sent,
            ctx: &ctx,
            story,
            setting,
            directed_targets: self.config.directed_targets,
            events: Vec::new(),
            undirected: Vec::new(),
        };
        let mut speaker: Option<usize> = None;
        for hit in hits.iter().copied().filter(|h| is_speech(h)) {
            if let Some(src) = ctx.speaker(hit, &speech) {
                speaker.get_or_insert(src);
            }
        }
        // Events in the complement of a frame ("urged Iraq to release")
        // first: they use up the frame's own event.
        let mut consumed: Vec<usize> = Vec::new();
        if ctx.tree.is_some() && self.config.story_context {
            for &hit in &hits {
                if let Some(done) = self.compose(&ctx, hit, &hits, &speech, &mut emitter, out) {
                    consumed.extend(done);
                }
            }
        }
        for &hit in hits.iter().filter(|h| !consumed.contains(&h.anchor)) {
            let resolved = ctx.resolve(hit, &speech);
            let Resolved { mut source, mut target, subject, negated, obliged, governed } = resolved;
            if governed {
                continue;
            }
            // "Serbia will not recognise Kosovo": a named actor refusing.
            let refused = hit
                .pattern
                .code
                .and_then(|c| refusal(&ctx, hit.anchor, c))
                .filter(|_| subject.is_some_and(|s| !mentions[s].pronoun && source == Some(s)));
            if negated && refused.is_none() {
                out.diagnostics.push(Diagnostic {
                    sentence_index: idx,
                    kind: DiagnosticKind::Negated,
                    message: format!("negated {:?} not coded", sent.tokens[hit.anchor]),
                });
                continue;
            }
            // A null-coded pattern matched: it codes nothing, on purpose.
            let (mut code, mut reverse) = (hit.pattern.code, hit.pattern.reverse_code);
            if negated {
                (code, reverse) = (refused, None);
            }
            if code.is_none() && reverse.is_none() {
                continue;
            }
            if ctx.tree.is_some() && self.config.story_context {
                if topic(&ctx, hit.anchor) {
                    out.diagnostics.push(unrealised(idx, sent, hit.anchor, "a topic"));
                    continue;
                }
                if alleged(&ctx, hit.anchor) {
                    out.diagnostics.push(unrealised(idx, sent, hit.anchor, "alleged"));
                    continue;
                }
                if clauses::conditional(&ctx, hit.anchor) {
                    out.diagnostics.push(unrealised(idx, sent, hit.anchor, "a condition"));
                    continue;
                }
                // "India alleges the attack was backed by Pakistan": an
                // accusation with no object accuses the doer of what it
                // reports.
                let accusation = code.is_some_and(|c| c.root_number() == Some(11));
                if target.is_none() && accusation {
                    target = clauses::reported_doer(&ctx, hit.anchor)
                        .filter(|&t| source.is_none_or(|s| ctx.group_head(s) != ctx.group_head(t)));
                }
                // "rejected criticism of its policy from the UN", "an
                // address by Arafat was hailed by the UN envoy": what is
                // rejected, praised or criticised, when it was said, is
                // its author's.
                if code.is_some_and(|c| matches!(c.root_number(), Some(5 | 11 | 12))) {
                    if let Some(author) = author_of_said(&ctx, hit.anchor) {
                        if source.is_none_or(|s| ctx.group_head(s) != ctx.group_head(author)) {
                            target = Some(author);
                        }
                    }
                }
                // "demanded that Belarus close its border": a frame with no
                // event under it is aimed at its complement's subject.
                let frame = self.frames.get(&sent.lower[hit.anchor]);
                let own = target.is_some_and(|t| mentions[t].pronoun);
                if (target.is_none() || own) && frame.is_some_and(|f| f != Frame::Say) {
                    target = clauses::frame_target(&ctx, hit.anchor)
                        .filter(|&t| source.is_none_or(|s| ctx.group_head(s) != ctx.group_head(t)))
                        .or(target);
                }
            }
            if obliged {
                // "X said Y should withdraw": X demands of Y, Y does nothing yet.
                let Some(spk) = speaker else { continue };
                // "the Government will have to consider delays", says its
                // minister: a state's own course, not a demand of it.
                if subject.is_some_and(|t| {
                    ctx.group_head(t) == ctx.group_head(spk) || statements::own_state(&ctx, spk, t)
                }) {
                    continue;
                }
                target = subject;
                source = Some(spk);
                code = code.map(demand_for);
                reverse = None;
            } else if let Some(tree) = ctx.tree.as_ref().filter(|_| self.config.story_context) {
                // "Israel will withdraw": a future act is an intent; "could
                // attack" is no act.
                match clauses::modality(&ctx, tree, hit.anchor) {
                    Modality::Future if ctx.sent.lower[hit.anchor] != "would" => {
                        code = code.and_then(clauses::intent);
                        reverse = None;
                    }
                    Modality::Possible => {
                        out.diagnostics.push(unrealised(idx, sent, hit.anchor, "possible"));
                        continue;
                    }
                    _ => {}
                }
            }
            if self.config.story_context {
                (code, source, target) = forces(&ctx, hit.anchor, code, source, target);
                // "deployed gunships along the border to stop bin Laden
                // crossing": forces moved against no one named are moved
                // against whom their purpose acts on.
                if target.is_none() && code.is_some_and(|c| c.root_number() == Some(15)) {
                    target = purpose_object(&ctx, hit.anchor)
                        .filter(|&t| source.is_none_or(|s| ctx.group_head(s) != ctx.group_head(t)));
                }
                // "accused Pakistan of ... and threatened retaliation": a
                // threat aimed at no one is aimed at whom the verb it is
                // joined to acts on.
                if target.is_none() && code.is_some_and(|c| c.root_number() == Some(13)) {
                    target = joined_object(&ctx, hit.anchor)
                        .filter(|&t| source.is_none_or(|s| ctx.group_head(s) != ctx.group_head(t)));
                }
            }
            // "Whiting was arrested": a coerced or charged person the
            // dictionaries do not know is one of the people of the place.
            let person = code
                .filter(|&c| self.config.story_context && target.is_none() && coerces(c))
                .and_then(|c| ctx.person_patient(hit.anchor, c, places));
            let Some(source) = source else {
                // "received a protest note": what one receives, from no one
                // named, implies its doer only if the authorities do it.
                let received = ctx.tree.as_ref().is_some_and(|t| {
                    crate::nouns::recipient_carrier(t, sent, hit.anchor).is_some()
                });
                let implied = code
                    .filter(|_| {
                        self.config.story_context
                            && !dated_by_name(&ctx, hit.anchor)
                            && !in_passing(&ctx, hit.anchor)
                    })
                    .filter(|&c| !received || coerces(c))
                    .and_then(|c| {
                        let target = target.map(|t| &mentions[t]);
                        implied_source(story, &ctx, places, hit.anchor, c, target)
                    });
                let person = person.and_then(|p| {
                    people(sent, p, implied.as_ref().and_then(|i| i.country.as_deref()))
                });
                // "the power to detain suspects", "any attempt to arrest
                // them": an act in an infinitive no one is named doing has
                // not happened; a coercion of no one ("a jail sentence")
                // names no one it is done to.
                let unnamed = code.is_some_and(coerces) && target.is_none() && person.is_none();
                let implied = implied
                    .filter(|_| !ctx.sent.is(hit.anchor.wrapping_sub(1), &["to"]) && !unnamed);
                if let (Some(c), Some(implied)) = (code, implied) {
                    let origin = format!("{}:{}", hit.pattern.origin.0, hit.pattern.origin.1);
                    emitter.emit_implied(
                        hit.anchor,
                        c,
                        implied,
                        (target, person),
                        &origin,
                        &hit.pattern.text,
                    );
                    continue;
                }
                out.diagnostics.push(Diagnostic {
                    sentence_index: idx,
                    kind: DiagnosticKind::NoSource,
                    message: format!("no source actor for {:?}", sent.tokens[hit.anchor]),
                });
                continue;
            };
            let origin = format!("{}:{}", hit.pattern.origin.0, hit.pattern.origin.1);
            // "Pakistani police arrested two dozen militants": whom the
            // police act on are of the place, else of the police's country,
            // rather than of the country the story is about.
            let guessed = |t: &usize| {
                let m = &mentions[*t];
                m.inferred && !m.pronoun && m.has_agent && m.country.as_deref() == story.home()
            };
            if let Some((c, t)) = code
                .filter(|&c| self.config.story_context && coerces(c))
                .zip(target.filter(guessed))
            {
                let country = ctx
                    .place_of(hit.anchor)
                    .map(|p| p.2)
                    .or(places.first().map(|p| p.country.as_str()))
                    .or(mentions[source].country.as_deref())
                    .filter(|&c| Some(c) != mentions[t].country.as_deref());
                if let Some(country) = country {
                    let m = &mentions[t];
                    let agent = m.country.as_deref().and_then(|old| m.code.strip_prefix(old));
                    let patient = ActorMention {
                        code: format!("{country}{}", agent.unwrap_or("")),
                        country: Some(country.to_string()),
                        span: sent.span(m.start, m.end),
                    };
                    emitter.emit_on(hit.anchor, c, source, patient, &origin, &hit.pattern.text);
                    continue;
                }
            }
            // "Israeli jets bombed targets in Gaza": violence done at a
            // place of another country is done to that country.
            if let Some(c) =
                code.filter(|&c| self.config.story_context && target.is_none() && violent(c))
            {
                match foreign_place(&ctx, hit.anchor, source) {
                    Some(place) => {
                        emitter.emit_on(hit.anchor, c, source, place, &origin, &hit.pattern.text);
                        continue;
                    }
                    // Matched for its place alone, which is the source's own.
                    None if hit.target.is_none() && hit.pattern.has_target_slot() => {
                        out.diagnostics.push(unrealised(idx, sent, hit.anchor, "no target"));
                        continue;
                    }
                    None => {}
                }
            }
            // "Indonesian reinforcements arriving in central Sulawesi": a
            // force sent to a place of its own country is sent to deal with
            // its own people. Abroad, whether it comes as friend or foe the
            // place does not say.
            if let Some(c) = code.filter(|&c| {
                self.config.story_context && target.is_none() && c.root_number() == Some(15)
            }) {
                let own = mentions[source].country.as_deref();
                if let Some((start, end, country)) =
                    ctx.place_of(hit.anchor).filter(|p| Some(p.2) == own)
                {
                    let place = ActorMention {
                        code: country.to_string(),
                        country: Some(country.to_string()),
                        span: sent.span(start, end),
                    };
                    emitter.emit_on(hit.anchor, c, source, place, &origin, &hit.pattern.text);
                    continue;
                }
            }
            if let (Some(c), Some(p)) = (code, person) {
                // Police act on the people of the place, else of their own country.
                let country = places
                    .first()
                    .map(|p| p.country.as_str())
                    .or(mentions[source].country.as_deref());
                if let Some(person) = people(sent, p, country) {
                    emitter.emit_on(hit.anchor, c, source, person, &origin, &hit.pattern.text);
                    continue;
                }
            }
            emitter.emit(
                hit.anchor,
                code,
                reverse,
                source,
                target,
                &origin,
                &hit.pattern.text,
                self.config.require_target,
            );
        }
        if ctx.tree.is_some() && self.config.story_context {
            statements::code(&ctx, &self.frames, &mut emitter, self.config.require_target);
        }
        out.diagnostics.extend(emitter.undirected);
        let mut events = emitter.events;
        events.sort_by_key(|e| e.verb.start);
        out.events.extend(events);
    }

    /// Codes `hit` as the event of the frame governing it, if one does:
    /// returns the anchors its event uses up (its own and the frame's).
    fn compose(
        &self,
        ctx: &Context<'_, '_>,
        hit: &Hit<'_>,
        hits: &[&Hit<'_>],
        speech: &[usize],
        emitter: &mut Emitter<'_, '_>,
        out: &mut Coded,
    ) -> Option<Vec<usize>> {
        let code = hit.pattern.code?;
        let g = clauses::governing(ctx, &self.frames, hit.anchor)?;
        let frame_hit = hits.iter().find(|h| h.anchor == g.word);
        let mut used = vec![hit.anchor];
        // A statement stays a statement ("said ... should withdraw").
        used.extend(frame_hit.filter(|_| g.frame != Frame::Say).map(|h| h.anchor));
        if g.negated {
            out.diagnostics.push(Diagnostic {
                sentence_index: emitter.idx,
                kind: DiagnosticKind::Negated,
                message: format!("negated {:?} not coded", ctx.sent.tokens[hit.anchor]),
            });
            return Some(used);
        }
        let own_subject = clauses::own_subject(ctx, hit.anchor);
        let frame_subject = clauses::frame_subject(ctx, g.word)
            .or_else(|| frame_hit.and_then(|h| ctx.resolve(h, speech).source));
        let target = || ctx.target_of(hit, speech);
        let addressed = |source: Option<usize>| {
            // The actor's own people ("its ambassador") are not whom it addresses.
            let not_source = |m: &usize| {
                Some(ctx.group_head(*m)) != source.map(|s| ctx.group_head(s))
                    && !ctx.mentions[*m].pronoun
            };
            clauses::addressees(ctx, g.word)
                .into_iter()
                .find(not_source)
                .or_else(|| own_subject.filter(not_source))
                .or_else(|| target().filter(not_source))
        };
        let (code, source, target) = match g.frame {
            Frame::Deny | Frame::Stop => {
                out.diagnostics.push(unrealised(
                    emitter.idx,
                    ctx.sent,
                    hit.anchor,
                    "denied or stopped",
                ));
                return Some(used);
            }
            Frame::Say => match g.modality {
                // "said it would expel": an intent of the clause's subject.
                Modality::Future => {
                    (clauses::intent(code), own_subject.or(frame_subject), target())
                }
                // "Sharon's ministers said Arafat should be toppled": a side
                // wanting a hostile act done to its opponent threatens it.
                Modality::Obliged
                    if own_subject.is_none()
                        && ctx.tree.as_ref().is_some_and(|t| {
                            t.is_passive(hit.anchor) && t.agent(hit.anchor).is_none()
                        })
                        && clauses::intent(code).is_some_and(|c| c.root_number() == Some(13))
                        && opponents(ctx, emitter.story, frame_subject, target()) =>
                {
                    (clauses::intent(code), frame_subject, target())
                }
                // "said Y should withdraw": a demand of Y.
                Modality::Obliged => {
                    let source = frame_subject;
                    (clauses::request(code), source, own_subject.or_else(target))
                }
                // "Sharon said Israel might attack": a party speaking of
                // its own possible hostile act makes a threat; anyone
                // else's possible act is no event.
                Modality::Possible => {
                    let threat = clauses::intent(code)
                        .filter(|c| c.root_number() == Some(13))
                        .filter(|_| same_party(ctx, own_subject, frame_subject));
                    if threat.is_none() {
                        out.diagnostics.push(unrealised(
                            emitter.idx,
                            ctx.sent,
                            hit.anchor,
                            "possible",
                        ));
                        return Some(used);
                    }
                    (threat, own_subject.or(frame_subject), target())
                }
                // Reported as it happened: the event is coded as it is.
                Modality::Plain => return None,
            },
            // "the Indian decision to downgrade embassy representation",
            // "decided to cut ties": a hostile measure decided is taken.
            Frame::Intend
                if ctx.sent.is(g.word, DECISIONS)
                    && code.root_number().is_some_and(|r| (16..=17).contains(&r)) =>
            {
                (Some(code), frame_subject, target())
            }
            Frame::Intend => (clauses::intent(code), frame_subject, target()),
            // "urged Iraq not to attack": a request, of no act in particular
            // ("warned Iraq not to attack": a warning).
            Frame::Request | Frame::Appeal | Frame::Threaten if g.asked_not => {
                let generic = match g.frame {
                    Frame::Request => "100",
                    Frame::Threaten => "130",
                    _ => "020",
                };
                (EventCode::parse(generic), frame_subject, addressed(frame_subject))
            }
            // "Arafat called for an end to attacks on Israel": a side of
            // the story's fighting calling, of no one in particular, for
            // the fighting to stop commits to it (an intent to de-escalate).
            Frame::Appeal | Frame::Request
                if code.as_str().starts_with("087")
                    && own_subject.is_none()
                    && clauses::addressees(ctx, g.word).is_empty()
                    && frame_subject
                        .and_then(|s| ctx.mentions[s].country.as_deref())
                        .is_some_and(|c| emitter.story.opponent(c).is_some()) =>
            {
                (clauses::intent(code), frame_subject, target())
            }
            // "Hamas called for more attacks against Israel", "urged its
            // fighters to attack Israel": calling for violence against
            // someone, of no one but one's own, threatens them.
            Frame::Appeal | Frame::Request
                if violent(code)
                    && target().is_some()
                    && clauses::addressees(ctx, g.word)
                        .into_iter()
                        .chain(own_subject)
                        .all(|a| same_party(ctx, Some(a), frame_subject)) =>
            {
                (clauses::intent(code), frame_subject, target())
            }
            Frame::Request => (clauses::request(code), frame_subject, addressed(frame_subject)),
            Frame::Appeal => (clauses::appeal(code), frame_subject, addressed(frame_subject)),
            Frame::Threaten => {
                // "Erdogan warned that Turkey would launch an offensive":
                // the threatener's own country does the act, no one is
                // addressed.
                let own_act = |t: &usize| {
                    Some(*t) == own_subject && same_party(ctx, own_subject, frame_subject)
                };
                let target = addressed(frame_subject).filter(|t| !own_act(t)).or_else(|| {
                    clauses::condition_subject(ctx, hit.anchor)
                        .or_else(|| clauses::condition_subject(ctx, g.word))
                });
                (clauses::threat(code), frame_subject, target)
            }
            Frame::Refuse => (clauses::rejection(code), frame_subject, target()),
            Frame::Through => return None,
        };
        let source = source?;
        let target = target.filter(|&t| ctx.group_head(t) != ctx.group_head(source));
        let word = ctx.sent.lower[g.word].as_str();
        let origin = format!("{}:{}", hit.pattern.origin.0, hit.pattern.origin.1);
        let text = format!("{} (under {word:?})", hit.pattern.text);
        // The evidence is the word that carries the act: the frame's
        // ("urged", "refused"), or the reported verb's ("said it would expel").
        let evidence = if g.frame == Frame::Say { hit.anchor } else { g.word };
        // "said Israel might step up its operations in the West Bank": a
        // threat of violence at another country's place is aimed at it.
        let threat = code.is_some_and(|c| c.root_number() == Some(13));
        if let Some(place) = code
            .filter(|_| target.is_none() && threat)
            .and_then(|_| foreign_place(ctx, hit.anchor, source))
        {
            let code = code?;
            emitter.emit_on(evidence, code, source, place, &origin, &text);
            return Some(used);
        }
        emitter.emit(
            evidence,
            code,
            None,
            source,
            target,
            &origin,
            &text,
            self.config.require_target,
        );
        Some(used)
    }

    /// The most specific pattern matching at token `i`.
    fn best_hit<'d>(&'d self, ctx: &Context<'_, '_>, i: usize) -> Option<Hit<'d>> {
        let mut best: Option<Hit<'d>> = None;
        let word = ctx.sent.lower[i].as_str();
        let lemmas = self.dicts.verbs.lemmas_of(word);
        // "the meeting followed talks between X and Y": a word the parse
        // reads as a noun takes the patterns of the noun it is, when there
        // are any, not those of the verb it may be a form of.
        let noun = ctx.tree.as_ref().is_some_and(|t| matches!(t.tag(i), Some(Tag::Nn | Tag::Nns)))
            && lemmas.iter().any(|&l| self.dicts.verbs.lemma(l) == word);
        for &lemma in lemmas.iter().filter(|&&l| !noun || self.dicts.verbs.lemma(l) == word) {
            for pattern in self.dicts.verbs.patterns_for(lemma).filter(|p| ctx.may_match(p)) {
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

/// Builds a sentence's events from resolved sources and targets: compound
/// actors give one event per pair, and a compound source with no target
/// gives events among its members.
pub(crate) struct Emitter<'s, 'c> {
    idx: usize,
    sent: &'s Sent<'s>,
    ctx: &'c Context<'s, 's>,
    story: &'c Story,
    /// Where and when the sentence's events happen.
    setting: crate::location::Setting<'c>,
    /// See [`CoderConfig::directed_targets`].
    directed_targets: bool,
    pub(crate) events: Vec<Event>,
    /// Acts left uncoded for want of a recipient.
    undirected: Vec<Diagnostic>,
}

impl Emitter<'_, '_> {
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn emit(
        &mut self,
        anchor: usize,
        code: Option<EventCode>,
        reverse: Option<EventCode>,
        source: usize,
        target: Option<usize>,
        origin: &str,
        text: &str,
        require_target: bool,
    ) {
        let (ctx, sent) = (self.ctx, self.sent);
        let mentions = ctx.mentions;
        let sources = ctx.group(source);
        let targets = target.map(|t| ctx.group(t)).unwrap_or_default();
        let pairs: Vec<(usize, Option<usize>)> = if targets.is_empty()
            && sources.len() > 1
            && code.is_none_or(|c| c.root_number() != Some(1))
        {
            // "Azerbaijan and Russia strengthen cooperation": each with the other.
            sources
                .iter()
                .flat_map(|&s| sources.iter().filter(move |&&t| t != s).map(move |&t| (s, Some(t))))
                .collect()
        } else if targets.is_empty() {
            // "Afghan factions met", "... reached agreement": several actors
            // of one country consult or agree with each other.
            let among = code.is_some_and(|c| matches!(c.root_number(), Some(3..=5)))
                && sources.len() == 1
                && crate::story::is_group(sent, &mentions[sources[0]]);
            // "the cabinet will meet", "Parliament meets today": one body's
            // own session is no interaction.
            let meeting = code.is_some_and(|c| c.root_number() == Some(4) || c.as_str() == "036");
            if meeting && !among {
                return;
            }
            sources.iter().map(|&s| (s, among.then_some(s))).collect()
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
            let among = tm.is_some_and(|t| std::ptr::eq(t, sm));
            // The same code on both sides is one actor ("Israel ... itself")
            // unless they are two kinds of actor that happen to share it
            // (the minister and "officials" of one government).
            let same_actor = tm.is_some_and(|t| {
                t.pronoun || sm.pronoun || t.kind == sm.kind || std::ptr::eq(t, sm)
            });
            if (target_code == Some(source_code) && same_actor && !among)
                || (target_code.is_none() && require_target)
            {
                continue;
            }
            let mut source = actor(sent, sm);
            source.code = source_code.to_string();
            let mut target = tm.zip(target_code).map(|(tm, tc)| {
                let mut t = actor(sent, tm);
                t.code = tc.to_string();
                t
            });
            // Fighting whose other side the sentence leaves unsaid, or gives
            // only as people of the fighter's own side by guess: the other
            // side of the story's conflict.
            // So is a halt to fighting ("Hamas was halting its operations").
            let violence = code.and_then(|c| c.root_number()).is_some_and(|r| r >= 18);
            // So is a threat of force ("vowing to continue its holy war"),
            // and an offer to halt ("a ceasefire offer by Hamas").
            let halt = code
                .is_some_and(|c| ["087", "138", "0356"].iter().any(|p| c.as_str().starts_with(p)));
            let mut guessed = tm.is_none_or(|t| t.inferred && t.country == sm.country);
            // "withdrew its troops": the actor's own forces are no recipient.
            if !violence && tm.is_some_and(|t| t.owner.as_deref() == Some(sm.code.as_str())) {
                target = None;
                guessed = true;
            }
            if (violence || halt) && guessed {
                if let Some(opponent) = sm.country.as_deref().and_then(|c| self.story.opponent(c)) {
                    target = Some(opponent.clone());
                }
            }
            // "700 workers walked off the job to demonstrate": people who
            // protest or strike at no one named do so against their
            // government (a riot is aimed at no one). The evidence is the
            // event word.
            // So is a protest announced ("will hold a picket", CAMEO 133).
            let demonstration = code.is_some_and(|c| {
                (c.root_number() == Some(14) && !c.as_str().starts_with("145"))
                    || c.as_str() == "133"
            });
            let state = ["GOV", "MIL", "COP", "JUD", "LEG", "ELI", "SPY"]
                .iter()
                .any(|a| source_code.get(3..).is_some_and(|rest| rest.contains(a)));
            // "Argentina declared a state of siege": restrictions and
            // emergency rule that name no one are imposed on the source's
            // own people.
            let restriction = code.is_some_and(|c| c.as_str().starts_with("172"));
            if restriction && target.is_none() {
                target = source.country.as_ref().map(|country| ActorMention {
                    code: country.clone(),
                    country: Some(country.clone()),
                    span: sent.span(anchor, anchor + 1),
                });
            }
            if demonstration && target.is_none() && !state {
                target = source.country.as_ref().map(|country| ActorMention {
                    code: format!("{country}GOV"),
                    country: Some(country.clone()),
                    span: sent.span(anchor, anchor + 1),
                });
            }
            // The pattern's event, and the one in the other direction
            // that a code pair such as PETRARCH's `[032:033]` adds
            // (a visit by X to Y is also Y hosting X).
            let directed = [
                code.map(|c| (c, Some(source.clone()), target.clone())),
                reverse.zip(target.clone()).map(|(c, t)| (c, Some(t), Some(source.clone()))),
            ];
            for (code, source, target) in directed.into_iter().flatten() {
                let Some(source) = source else { continue };
                self.push(anchor, code, source, target, origin, text);
            }
        }
    }

    /// Codes an event whose source the sentence does not name but the
    /// story implies (see [`implied_source`]), on each member of `target`,
    /// else on the people `person` stands for.
    fn emit_implied(
        &mut self,
        anchor: usize,
        code: EventCode,
        source: ActorMention,
        (target, person): (Option<usize>, Option<ActorMention>),
        origin: &str,
        text: &str,
    ) {
        let targets = target.map(|t| self.ctx.group(t)).unwrap_or_default();
        if targets.is_empty() {
            self.push(anchor, code, source.clone(), person, origin, text);
        }
        for t in targets {
            let target = actor(self.sent, &self.ctx.mentions[t]);
            if target.code != source.code {
                self.push(anchor, code, source.clone(), Some(target), origin, text);
            }
        }
    }

    /// Codes an event of each member of `source` on `target`, an actor
    /// the mentions do not hold.
    fn emit_on(
        &mut self,
        anchor: usize,
        code: EventCode,
        source: usize,
        target: ActorMention,
        origin: &str,
        text: &str,
    ) {
        for s in self.ctx.group(source) {
            let source = actor(self.sent, &self.ctx.mentions[s]);
            self.push(anchor, code, source, Some(target.clone()), origin, text);
        }
    }

    /// Adds an event unless the sentence has it already.
    fn push(
        &mut self,
        anchor: usize,
        code: EventCode,
        source: ActorMention,
        target: Option<ActorMention>,
        origin: &str,
        text: &str,
    ) {
        if target.is_none() && self.directed_targets && needs_recipient(code) {
            let why = "an act done to someone names no one";
            self.undirected.push(unrealised(self.idx, self.sent, anchor, why));
            return;
        }
        let (date, location) = self.setting.of(self.ctx, anchor, code, &source, target.as_ref());
        let event = Event {
            sentence_index: self.idx,
            source,
            target,
            code,
            verb: self.sent.span(anchor, anchor + 1),
            pattern: format!("{origin} {code} {text}"),
            date,
            location,
        };
        let duplicate = self.events.iter().any(|e| {
            e.source.code == event.source.code
                && e.target.as_ref().map(|t| &t.code) == event.target.as_ref().map(|t| &t.code)
                && e.code == event.code
        });
        if !duplicate {
            self.events.push(event);
        }
    }
}

/// Moves of armed forces: "troops were sent in", "vessels were mobilised"
/// are the forces mobilising (the mobilised are the actor, not a
/// recipient); "troops arrived in Afghanistan" is a deployment, not a visit.
/// Soldiers and fighters capture people in combat, an assault, where police
/// arrest them; forces that storm a building raid it, they do not riot;
/// police escorting their own people police them. Governments "clash" in words: a clash with no one armed or in the street
/// on either side is a denunciation ("Australia and the UN clashed over
/// asylum seekers"), and so is coming "under fire from" such a critic.
fn forces(
    ctx: &Context<'_, '_>,
    anchor: usize,
    code: Option<EventCode>,
    source: Option<usize>,
    target: Option<usize>,
) -> (Option<EventCode>, Option<usize>, Option<usize>) {
    let mentions = ctx.mentions;
    let armed = |m: usize| {
        let c = &mentions[m].code;
        mentions[m].has_agent && ["MIL", "COP", "REB", "UAF"].iter().any(|a| c.ends_with(a))
    };
    let physical = |m: usize| {
        let c = &mentions[m].code;
        c.starts_with("IMG")
            || ["MIL", "COP", "REB", "UAF", "INS", "SPY", "CVL", "OPP"]
                .iter()
                .any(|a| c.get(3..).unwrap_or(c).contains(a) || c.starts_with(a))
    };
    let fighting = |m: usize| {
        let c = &mentions[m].code;
        c.starts_with("IMG")
            || ["MIL", "REB", "UAF", "INS"].iter().any(|a| c.get(3..).unwrap_or(c).contains(a))
    };
    let under_fire = ctx.sent.lower[anchor] == "fire"
        && (anchor.saturating_sub(2)..anchor).any(|k| ctx.sent.is(k, &["under"]));
    let verbal = || {
        (ctx.sent.lower[anchor].starts_with("clash") || under_fire)
            && source.into_iter().chain(target).flat_map(|m| ctx.group(m)).all(|m| !physical(m))
    };
    match code.map(|c| c.as_str().to_string()).as_deref() {
        Some(c) if c.starts_with("15") && source.is_none() && target.is_some_and(armed) => {
            (code, target, None)
        }
        // "deployed gunships along the border": the forces deployed are
        // the source's own, no recipient.
        Some(c)
            if c.starts_with("15")
                && source.is_some()
                && target.is_some_and(|t| armed(t) && deployed(ctx, anchor, t)) =>
        {
            (code, source, None)
        }
        Some("042" | "044") if source.is_some_and(armed) => (EventCode::parse("154"), source, None),
        Some("190" | "193") if verbal() => (EventCode::parse("111"), source, target),
        // "Mounted police escorted the protesters": policing one's own
        // people is no protection given.
        Some("074")
            if source.is_some_and(|s| mentions[s].code.ends_with("COP"))
                && target.is_some_and(|t| {
                    mentions[t].country.is_some()
                        && mentions[t].country == source.and_then(|s| mentions[s].country.clone())
                        && ["CVL", "OPP", "REF", "LAB", "EDU"]
                            .iter()
                            .any(|a| mentions[t].code.ends_with(a))
                }) =>
        {
            (None, source, target)
        }
        // "police stormed the embassy": a raid, not a riot; fighters assault.
        Some("145") if source.is_some_and(armed) => {
            let police = source.is_some_and(|s| mentions[s].code.ends_with("COP"));
            (EventCode::parse(if police { "170" } else { "190" }), source, target)
        }
        // Soldiers and fighters capture in combat; police arrest.
        Some("173")
            if ctx.sent.lower[anchor].starts_with("captur") && source.is_some_and(fighting) =>
        {
            (EventCode::parse("190"), source, target)
        }
        _ => (code, source, target),
    }
}

/// The first actor the purpose of verb `v` acts on: an infinitive clause
/// of purpose ("to stop bin Laden crossing", "in a bid to capture X") and
/// the verbs joined to it.
fn purpose_object(ctx: &Context<'_, '_>, v: usize) -> Option<usize> {
    let tree = ctx.tree.as_ref()?;
    let purpose = tree
        .children(v, &[Dep::Advcl])
        .find(|&c| tree.children(c, &[Dep::Aux]).any(|a| ctx.sent.is(a, &["to"])))?;
    let verbs = std::iter::once(purpose).chain(tree.children(purpose, &[Dep::Conj, Dep::Xcomp]));
    verbs.flat_map(|w| tree.children(w, &[Dep::Dobj]).collect::<Vec<_>>()).find_map(|o| {
        ctx.mention_of_node(tree, o).or_else(|| ctx.mention_in(o, tree.subtree_end(o)))
    })
}

/// Whether mention `m` is what verb `v` acts on directly: its object.
fn deployed(ctx: &Context<'_, '_>, v: usize, m: usize) -> bool {
    let Some(tree) = ctx.tree.as_ref() else { return false };
    tree.children(v, &[Dep::Dobj]).any(|o| ctx.mention_of_node(tree, o) == Some(m))
}

/// Whether an event of `code` is done to someone: all but statements,
/// protests, force postures, violence, and a stated will to negotiate or
/// settle ("Azerbaijan supports a negotiated solution of the conflict"),
/// which is a stance on a dispute whoever the other party is.
fn needs_recipient(code: EventCode) -> bool {
    let stance = matches!(code.as_str(), "036" | "037");
    !stance && !matches!(code.root_number(), Some(1 | 14 | 15 | 18..=20))
}

/// The source a story implies for an event whose sentence names none:
/// fighting done to one side of the story's conflict was done by the other
/// ("two armed men had been shot"); an arrest, a charge, a conviction or
/// other coercion, by the authorities of the place it happens in or of the
/// people it is done to ("three teenagers were arrested", "was charged in
/// the United States"); a protest, by people of the country it happens in
/// ("killed in nationwide riots"). The evidence is the event word itself.
fn implied_source(
    story: &Story,
    ctx: &Context<'_, '_>,
    places: &[PlaceRef],
    anchor: usize,
    code: EventCode,
    target: Option<&Mention>,
) -> Option<ActorMention> {
    let span = ctx.sent.span(anchor, anchor + 1);
    let target_country = target.and_then(|t| t.country.as_deref());
    // Courts and police act where the act happens ("charged in the United
    // States"), else in the country of the people they act on, else in the
    // story's; a place the sentence names elsewhere ("Hicks, who entered
    // Afghanistan, is accused of ...") only when nothing else says.
    let authority = || {
        ctx.place_of(anchor)
            .map(|(_, _, country)| country)
            .or(target_country)
            .or(story.home())
            .or_else(|| places.first().map(|p| p.country.as_str()))
            .or_else(|| {
                ctx.place_in(0, ctx.sent.len()).and_then(|m| ctx.mentions[m].country.as_deref())
            })
            .map(str::to_string)
    };
    let (country, agent) = match code.root_number()? {
        18..=20 => {
            let opponent = story.opponent(target_country?)?;
            (opponent.country.clone()?, "")
        }
        // "one American who has been captured after fighting": a capture
        // by no one named is by whoever holds the place, not by the
        // captive's own authorities.
        17 if ctx.sent.lower[anchor].starts_with("captur") => {
            (ctx.place_of(anchor)?.2.to_string(), "COP")
        }
        17 => (authority()?, if code.as_str() == "173" { "COP" } else { "GOV" }),
        // "he was released in 1997": so is a release from custody.
        8 if code.as_str().starts_with("084") && target.is_some() => (authority()?, "GOV"),
        // Only legal accusations have an obvious doer; a condemnation
        // ("was condemned") may come from anyone.
        11 if matches!(code.as_str(), "1121" | "115" | "116") => (authority()?, "JUD"),
        14 => (target_country.or(story.home())?.to_string(), "CVL"),
        _ => return None,
    };
    Some(ActorMention { code: format!("{country}{agent}"), country: Some(country), span })
}

/// The people of `country` standing for a person the sentence names at
/// tokens `start..end`.
fn people(
    sent: &Sent<'_>,
    (start, end): (usize, usize),
    country: Option<&str>,
) -> Option<ActorMention> {
    let country = country?;
    Some(ActorMention {
        code: format!("{country}CVL"),
        country: Some(country.to_string()),
        span: sent.span(start, end),
    })
}

fn unrealised(idx: usize, sent: &Sent<'_>, anchor: usize, why: &str) -> Diagnostic {
    Diagnostic {
        sentence_index: idx,
        kind: DiagnosticKind::Unrealised,
        message: format!("{:?} not coded: {why}", sent.tokens[anchor]),
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

/// Whether two mentions are of one country: a speaker and the actor it
/// speaks for.
fn same_party(ctx: &Context<'_, '_>, a: Option<usize>, b: Option<usize>) -> bool {
    let country = |m: Option<usize>| m.and_then(|m| ctx.mentions[m].country.as_deref());
    country(a).is_some() && country(a) == country(b)
}

/// Whether `a` and `b` are of the two sides of the story's fighting.
fn opponents(ctx: &Context<'_, '_>, story: &Story, a: Option<usize>, b: Option<usize>) -> bool {
    let country = |m: Option<usize>| m.and_then(|m| ctx.mentions[m].country.as_deref());
    match (country(a), country(b)) {
        (Some(a), Some(b)) => story.are_sides(a, b),
        _ => false,
    }
}

/// The place event word `anchor` happens at, as a target, when it is of
/// another country than `source`'s.
fn foreign_place(ctx: &Context<'_, '_>, anchor: usize, source: usize) -> Option<ActorMention> {
    let home = ctx.mentions[source].country.as_deref()?;
    let (start, end, country) = ctx.place_of(anchor).filter(|p| p.2 != home)?;
    Some(ActorMention {
        code: country.to_string(),
        country: Some(country.to_string()),
        span: ctx.sent.span(start, end),
    })
}

/// Whether token `i` is the "blame" of "X is (more) to blame", which
/// blames X (a statement's predicate, `statements.rs`) rather than says
/// whom X blames.
fn to_blame(sent: &Sent<'_>, i: usize) -> bool {
    const DEGREE: &[&str] =
        &["more", "most", "less", "partly", "largely", "also", "not", "entirely"];
    if !sent.is(i, &["blame"]) || !sent.is(i.wrapping_sub(1), &["to"]) {
        return false;
    }
    let mut k = i - 1;
    while k > 0 && sent.is(k - 1, DEGREE) {
        k -= 1;
    }
    k > 0 && sent.is(k - 1, BE_FORMS)
}

/// The actor the verb that `v` is coordinated with acts on.
fn joined_object(ctx: &Context<'_, '_>, v: usize) -> Option<usize> {
    let tree = ctx.tree.as_ref()?;
    let head = tree.head(v).filter(|_| tree.label(v) == Some(Dep::Conj))?;
    ctx.parsed_objects(head).into_iter().next()
}

/// Prepositions that set an event noun as the time or the circumstance of
/// another ("after three days of riots", "despite a major protest").
const PASSING_PREPOSITIONS: &[&str] = &["after", "despite", "following", "since", "before"];

/// Whether event noun `n` is mentioned as another event's time or
/// circumstance: a past event whose doer it does not imply.
fn in_passing(ctx: &Context<'_, '_>, n: usize) -> bool {
    let Some(tree) = ctx.tree.as_ref().filter(|t| !t.is_verb(n)) else { return false };
    let mut at = n;
    for _ in 0..6 {
        let Some(head) = tree.head(at) else { return false };
        match tree.label(at) {
            Some(Dep::Compound | Dep::Amod | Dep::Nmod) if head > at => at = head,
            Some(Dep::Pobj) if ctx.sent.is(head, &["of"]) => {
                at = match tree.head(head) {
                    Some(h) => h,
                    None => return false,
                }
            }
            Some(Dep::Pobj) => return ctx.sent.is(head, PASSING_PREPOSITIONS),
            _ => return false,
        }
    }
    false
}

/// Whether event noun `n` is what something else is about ("agreement on
/// the deployment of a force", "a debate over sanctions"): a subject of
/// talk, not an event reported.
fn topic(ctx: &Context<'_, '_>, n: usize) -> bool {
    let Some(tree) = ctx.tree.as_ref().filter(|t| !t.is_verb(n)) else { return false };
    let Some(p) = tree.head(n).filter(|_| tree.label(n) == Some(Dep::Pobj)) else { return false };
    ctx.sent.is(p, &["on", "about", "over", "regarding", "concerning"])
        && tree.head(p).is_some_and(|h| !tree.is_verb(h))
}

/// Words after which "of", "with", "for" or "against" and a gerund state an
/// allegation or a warning (a conviction, "found guilty of killing",
/// establishes the act).
const ALLEGING: &[&str] = &[
    "suspected",
    "suspect",
    "suspects",
    "suspecting",
    "accused",
    "accuse",
    "accuses",
    "accusing",
    "charged",
    "charging",
    "acquitted",
    "indicted",
    "cleared",
    "blamed",
    "blame",
    "blames",
    "blaming",
    "accusation",
    "accusations",
    "allegation",
    "allegations",
    "suspicion",
    "suspicions",
    "arrested",
    "detained",
    "jailed",
    "imprisoned",
    "warned",
    "warn",
    "warns",
    "warning",
    "cautioned",
];

/// Words of a decision taken, whose measure is reported as taken.
const DECISIONS: &[&str] = &["decision", "decisions", "decided"];

/// The rejection an actor states by saying it will not do cooperative act
/// `code` at `v` ("will not recognise", "won't lift"): CAMEO codes a refusal
/// to cooperate, yield or help as a rejection (12x). A hostile act it will
/// not do is no event.
fn refusal(ctx: &Context<'_, '_>, v: usize, code: EventCode) -> Option<EventCode> {
    let tree = ctx.tree.as_ref()?;
    let own = tree.negated(v, v..v + 1);
    let future = clauses::modality(ctx, tree, v) == Modality::Future;
    let cooperative = code.root_number().is_some_and(|r| (3..=8).contains(&r));
    (own && future && cooperative).then(|| clauses::rejection(code)).flatten()
}

/// Whether gerund `v` is what someone is suspected, accused, held for or
/// warned against ("a man suspected of fighting alongside the Taliban",
/// "accusations of violating the truce", "arrested for fighting with the
/// Taliban", "warned Russia against invading Ukraine"): an allegation or a
/// warning, not a reported act.
fn alleged(ctx: &Context<'_, '_>, v: usize) -> bool {
    let Some(tree) = ctx.tree.as_ref() else { return false };
    if tree.tag(v) != Some(Tag::Vbg) || tree.label(v) != Some(Dep::Pcomp) {
        return false;
    }
    // The phrase may hang from the accused ("accused the ambassador of
    // supporting the opposition").
    let object_of =
        |n: usize| tree.head(n).filter(|_| tree.label(n) == Some(Dep::Dobj) && !tree.is_verb(n));
    tree.head(v)
        .filter(|&p| ctx.sent.is(p, &["of", "with", "for", "against"]))
        .and_then(|p| tree.head(p))
        .is_some_and(|h| {
            ctx.sent.is(h, ALLEGING) || object_of(h).is_some_and(|v| ctx.sent.is(v, ALLEGING))
        })
}

/// What one says that another can reject, praise or criticise.
const SAID: &[&str] = &[
    "criticism",
    "criticisms",
    "accusation",
    "accusations",
    "allegation",
    "allegations",
    "claim",
    "claims",
    "charge",
    "charges",
    "demand",
    "demands",
    "call",
    "calls",
    "proposal",
    "proposals",
    "offer",
    "offers",
    "request",
    "requests",
    "plan",
    "plans",
    "suggestion",
    "suggestions",
    "statement",
    "statements",
    "address",
    "speech",
    "remarks",
    "comments",
    "announcement",
    "declaration",
    "pledge",
    "promise",
];

/// The author of what verb `v` rejects, praises or criticises, when it is
/// something said (its object, or its passive subject): its
/// possessor or actor adjective ("the UN's criticism"), or the actor of a
/// "from" or "by" phrase ("criticism of its policy from the UN").
fn author_of_said(ctx: &Context<'_, '_>, v: usize) -> Option<usize> {
    let tree = ctx.tree.as_ref().filter(|t| t.is_verb(v))?;
    let n = tree.children(v, &[Dep::Dobj, Dep::Nsubjpass]).find(|&o| ctx.sent.is(o, SAID))?;
    // A passive verb's own "by" phrase is who rejects or praises.
    let passive = tree.label(n) == Some(Dep::Nsubjpass);
    let from = |h: usize| {
        tree.children(h, &[Dep::Prep])
            .filter(|&p| ctx.sent.is(p, &["from", "by"]))
            .flat_map(|p| tree.children(p, &[Dep::Pobj]))
            .find_map(|o| ctx.mention_of_node(tree, o))
    };
    tree.children(n, &[Dep::Poss, Dep::Amod, Dep::Compound, Dep::Nmod])
        .filter(|&c| c < n)
        .find_map(|c| ctx.mention_of_node(tree, c))
        .or_else(|| from(n))
        .or_else(|| from(v).filter(|_| !passive))
        .or_else(|| {
            // "criticism of its stand on refugees from the UN", "an address
            // late yesterday by Arafat": the "from" or "by" may hang
            // anywhere in the noun's phrase.
            (n + 1..tree.subtree_end(n))
                .filter(|&k| ctx.sent.is(k, &["from", "by"]) && tree.label(k) == Some(Dep::Prep))
                .flat_map(|p| tree.children(p, &[Dep::Pobj]))
                .find_map(|o| ctx.mention_of_node(tree, o))
        })
}

/// Units of time that, counted ("four-year", "two days"), say how long.
const DURATIONS: &[&str] =
    &["year", "years", "month", "months", "week", "weeks", "day", "days", "hour", "hours"];

/// Whether event noun `n` is named by its date ("the September 11
/// attacks", "the 1999 invasion"): a past event the story mentions in
/// passing, whose doer it does not imply.
fn dated_by_name(ctx: &Context<'_, '_>, n: usize) -> bool {
    let Some(tree) = ctx.tree.as_ref().filter(|t| !t.is_verb(n)) else { return false };
    // "a four-year jail sentence", "two days of talks" say how long, not when.
    let duration = |k: usize| {
        ctx.sent.is(k, DURATIONS)
            && (ctx.sent.is(k.wrapping_sub(1), &["-"])
                || tree.children(k, &[Dep::Nummod]).next().is_some())
    };
    let dated = |k: usize| {
        let word = ctx.sent.lower[k].as_str();
        (ctx.sent.is(k, TIME_WORDS) && !duration(k))
            || (word.len() == 4 && word.bytes().all(|b| b.is_ascii_digit()))
    };
    tree.children(n, &[Dep::Compound, Dep::Nummod, Dep::Npadvmod, Dep::Amod, Dep::Nmod])
        .any(|k| dated(k) || tree.children(k, &[Dep::Compound, Dep::Nummod]).any(dated))
}
