//! Matching a verb pattern at an anchor token: the pattern's words, its
//! source and target slots, and an implicit target.

use herald_core::EventCode;
use herald_dict::{ActorKind, Dictionaries, PatternItem, VerbPattern};
use herald_nlp::{Dep, Tag};

use crate::context::Context;
use crate::words::{NOUN_DETERMINERS, PREPOSITIONS, TIME_WORDS};

/// A pattern matched at an anchor token.
pub(crate) struct Hit<'p> {
    pub(crate) pattern: &'p VerbPattern,
    pub(crate) anchor: usize,
    /// First token of the match (the earliest word before the anchor).
    pub(crate) first: usize,
    /// One past the last token the pattern's own items matched.
    pub(crate) end: usize,
    pub(crate) target: Option<usize>,
    pub(crate) source: Option<usize>,
}

const MAX_GAP: usize = 4;

/// Codes of acts done to people by police, courts or soldiers: coercion,
/// charges, trials and convictions.
pub(crate) fn coerces(code: EventCode) -> bool {
    code.root_number() == Some(17) || matches!(code.as_str(), "1121" | "115" | "116")
}

/// Codes of arrests, charges and sentences: acts done to people only.
pub(crate) fn legal(code: EventCode) -> bool {
    matches!(code.as_str(), "173" | "1121" | "115" | "116")
}

/// Codes of violence: assaults, fighting, mass violence.
pub(crate) fn violent(code: EventCode) -> bool {
    matches!(code.root_number(), Some(18..=20))
}

impl Context<'_, '_> {
    pub(crate) fn try_match<'p>(
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
        for (i, item) in pattern.after.iter().enumerate() {
            match item {
                PatternItem::Words(alts) => {
                    // "appealed for Iraq to release": an infinitive's "to"
                    // after an actor, the infinitive's subject, is no
                    // preposition before an actor ("appeal to +"); "sent
                    // troops to help Lebanon" may be one.
                    let actor_next = matches!(
                        pattern.after.get(i + 1),
                        Some(PatternItem::Target | PatternItem::Source)
                    );
                    let infinitive_to = |k: usize| {
                        actor_next
                            && self.sent.is(k, &["to"])
                            && self.tree.as_ref().is_some_and(|t| t.tag(k + 1) == Some(Tag::Vb))
                            && (cursor..k).any(|j| self.mention_at[j].is_some())
                    };
                    // "to release": the word after an infinitive's "to" is
                    // its verb ("urged X to hold free elections" asks no
                    // release), an adverb at most between them.
                    let infinitive = self.sent.is(cursor - 1, &["to"])
                        && !self.sent.is(cursor, NOUN_DETERMINERS);
                    // "welcomed Uganda's decision to": the words after a
                    // possessor belong to its noun, not to the pattern.
                    if self.sent.is(cursor, &["'s", "’s"]) && cursor > anchor + anchor_len {
                        return None;
                    }
                    // "to help mediate", "to quickly end": a helping verb
                    // or an adverb may come before the infinitive's own.
                    let gap = if !infinitive {
                        MAX_GAP + 2
                    } else if self
                        .sent
                        .lower
                        .get(cursor)
                        .is_some_and(|w| w.ends_with("ly") || w == "help")
                    {
                        2
                    } else {
                        1
                    };
                    let (k, len) = (cursor..(cursor + gap).min(end))
                        .filter(|&k| {
                            !(infinitive_to(k)
                                || self.sent.is(k, PREPOSITIONS) && self.sent.is(k + 1, TIME_WORDS))
                        })
                        .find_map(|k| self.alternative_at(k, alts, dicts).map(|len| (k, len)))?;
                    // "threatened South Korea with a nuclear strike": an
                    // object between the pattern's words is the target.
                    // A bare agent there ("joint military exercises")
                    // only describes the event.
                    if target.is_none() && !pattern.has_target_slot() {
                        target = self.mention_in(cursor, k).filter(|&m| {
                            let m = &self.mentions[m];
                            m.country.is_some() || m.inferred || m.kind != ActorKind::Agent
                        });
                    }
                    // "demanded the withdrawal of Armenian forces": the
                    // pattern's word is inside an actor, who is the target.
                    if target.is_none() && !pattern.has_target_slot() {
                        // A bare agent ("threatened military action") is
                        // the pattern's word, not an actor of the text.
                        target = self.mention_at[k].filter(|&m| {
                            !self.is_location(m)
                                && self.mentions[m].country.is_some()
                                && !self.mentions[m].inferred
                        });
                    }
                    cursor = k + len;
                }
                PatternItem::Target | PatternItem::Source => {
                    // "meet today to choose a prime minister": an
                    // infinitive starts another clause, with actors of its own.
                    let infinitive = self.tree.as_ref().and_then(|t| {
                        (cursor..end)
                            .find(|&k| self.sent.is(k, &["to"]) && t.tag(k + 1) == Some(Tag::Vb))
                    });
                    let window = (cursor + self.config.target_window)
                        .min(end)
                        .min(infinitive.unwrap_or(end));
                    // A visit's target is the place visited ("arrived in
                    // Kabul"), which other events' targets never are.
                    let visit =
                        pattern.code.is_some_and(|c| matches!(c.as_str(), "042" | "043" | "044"));
                    let after = self
                        .mention_in(cursor, window)
                        .or_else(|| visit.then(|| self.place_in(cursor, window)).flatten());
                    // "Azerbaijan, which Russia condemned": the parse finds
                    // an object before the verb, where word order cannot.
                    let parsed = || {
                        self.parsed_objects(anchor)
                            .into_iter()
                            .find(|&m| self.mentions[m].end <= anchor)
                            .or_else(|| self.passive_subject(anchor))
                    };
                    let m = match after {
                        Some(m) => m,
                        None if *item == PatternItem::Target => match parsed() {
                            Some(m) => m,
                            // "Whiting was arrested", "charged Whiting
                            // with murder": the coder makes the person one
                            // of the people of the place.
                            None if self.config.story_context
                                && pattern.code.is_some_and(|c| {
                                    coerces(c) && self.person_patient(anchor, c, &[]).is_some()
                                }) =>
                            {
                                if pattern.after.last() == Some(item) {
                                    break;
                                }
                                // Only a charge or sentence goes on to
                                // say for what; "forced Rafter to" may
                                // be anything.
                                if !pattern.code.is_some_and(legal) {
                                    return None;
                                }
                                continue;
                            }
                            None if self.config.story_context
                                && pattern.after.last() == Some(item)
                                && pattern.code.is_some_and(violent)
                                && self.hideout(cursor).is_some() =>
                            {
                                target = self.hideout(cursor);
                                break;
                            }
                            // "Israeli jets bombed targets in Gaza": the
                            // coder makes the place's country the target.
                            None if self.config.story_context
                                && pattern.after.last() == Some(item)
                                && pattern.code.is_some_and(violent)
                                && self.place_of(anchor).is_some() =>
                            {
                                break;
                            }
                            None => return None,
                        },
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
        // A reciprocal pattern's actors are its compound subject: "Australia
        // and the UN clashed over asylum seekers" names a topic after it.
        if target.is_none()
            && !pattern.has_target_slot()
            && !pattern.compound_source
            && pattern.code.is_some_and(|c| c.root_number() != Some(1))
        {
            // The object, if it comes before the next verb ("jailed" in
            // "free 50 jailed rebels" modifies the object).
            let modifier =
                |k: usize| self.tree.as_ref().is_some_and(|t| t.label(k) == Some(Dep::Amod));
            let next_verb = (cursor..end)
                .find(|&k| {
                    (self.anchorable[k] && self.config.target_before_next_verb && !modifier(k))
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

    /// "Two Pakistani men were arrested": in the passive, the pattern's
    /// target is the verb's subject (with the event noun patterns' own
    /// conventions unaffected: only parsed passive verbs count).
    fn passive_subject(&self, anchor: usize) -> Option<usize> {
        let tree = self.tree.as_ref().filter(|t| t.is_verb(anchor) && t.is_passive(anchor))?;
        let (s, passive) = tree.subject(anchor)?;
        passive.then(|| self.mention_of_node(tree, s)).flatten()
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
}
