//! Per-sentence lookup tables over the actor mentions: which mention is at
//! each token, which tokens can anchor a pattern, compound actors, clause
//! boundaries.

use herald_dict::{ActorKind, Alternatives, Dictionaries, LemmaId, PatternItem, VerbPattern};
use herald_nlp::Dep;

use crate::config::CoderConfig;
use crate::mentions::Mention;
use crate::parse::Tree;
use crate::places::PlaceRef;
use crate::sentence::Sent;
use crate::words::{
    BE_FORMS, CLAUSE_BREAKS, DEGREE_ADVERBS, LOCATIVES, NEGATIONS, NOUN_DETERMINERS, PREPOSITIONS,
};

/// Per-sentence lookup tables over the mentions.
pub(crate) struct Context<'s, 'a> {
    pub(crate) sent: &'s Sent<'a>,
    pub(crate) mentions: &'s [Mention],
    pub(crate) mention_at: Vec<Option<usize>>,
    /// Tokens that can anchor a pattern: a pattern lemma, outside actor
    /// mentions, and not a capitalised word inside the sentence (a name).
    pub(crate) anchorable: Vec<bool>,
    /// Anchors of the sentence's pattern matches, in order.
    pub(crate) verbs: Vec<usize>,
    /// Those of [`Self::verbs`] whose events are violent.
    pub(crate) violent: Vec<usize>,
    pub(crate) group_of: Vec<usize>,
    pub(crate) groups: Vec<Vec<usize>>,
    pub(crate) config: &'s CoderConfig,
    pub(crate) tree: Option<Tree>,
    /// Places of the sentence that are no actors (`places.rs`).
    pub(crate) places: &'s [PlaceRef],
    /// Every dictionary lemma some token of the sentence can be, sorted.
    lemmas: Vec<LemmaId>,
    /// Tokens that are a pattern lemma, wherever they stand.
    pattern_word: Vec<bool>,
}

/// Participles after "X-" that make X the go-between of the thing, not a party.
const MEDIATED: &[&str] = &["brokered", "mediated", "facilitated"];

/// How far after a pattern's last word a "where" clause may start.
const HIDEOUT_REACH: usize = 8;

impl<'s, 'a> Context<'s, 'a> {
    pub(crate) fn new(
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
        let mut lemmas: Vec<LemmaId> = Vec::new();
        let pattern_word: Vec<bool> = (0..sent.len())
            .map(|i| {
                let of = dicts.verbs.lemmas_of(&sent.lower[i]);
                lemmas.extend_from_slice(of);
                mention_at[i].is_none()
                    && of.iter().any(|&l| dicts.verbs.patterns_for(l).next().is_some())
            })
            .collect();
        lemmas.sort_unstable();
        lemmas.dedup();
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
                (conj > 0 && m.start - from - conj <= 3 && modifiers && !apposition)
                    || crate::story::joint(sent, &mentions[m_idx - 1], m)
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
            violent: Vec::new(),
            group_of,
            groups,
            config,
            tree: None,
            places: &[],
            lemmas,
            pattern_word,
        }
    }

    /// Uses `tree` from now on, and keeps in a compound actor only the
    /// mentions joined by a conjunction or that the tree coordinates ("the
    /// army, which Russia supplies" is no compound).
    pub(crate) fn set_tree(&mut self, tree: Tree) {
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
                    let joint = last.last().is_some_and(|&g| {
                        crate::story::joint(self.sent, &self.mentions[g], &self.mentions[m])
                    });
                    and || joint || tree.conjoined(m, within)
                });
                match split.last_mut() {
                    Some(last) if linked => last.push(m),
                    _ => split.push(vec![m]),
                }
            }
            groups.extend(split);
        }
        // "Iraqi Kurds and Iranian Shiites", "Ithilen's sheep and goats of
        // Gondor": actors owning coordinated nouns act together, unless the
        // nouns are events ("Israel's attack and the reply of Hamas").
        let owned = |m: usize| {
            let h = tree.mention_head(m)?;
            let noun = match tree.label(h)? {
                Dep::Poss | Dep::Amod | Dep::Compound | Dep::Nmod => tree.head(h)?,
                Dep::Pobj => tree.head(tree.head(h).filter(|&p| self.sent.is(p, &["of"]))?)?,
                _ => return None,
            };
            (self.mention_at[noun].is_none() && !self.pattern_word[noun]).then_some(noun)
        };
        let mut merged: Vec<Vec<usize>> = Vec::with_capacity(groups.len());
        for group in groups {
            let coordinated = merged.last().and_then(|last| {
                let (first, second) = (owned(*last.last()?)?, owned(group[0])?);
                Some(tree.label(second) == Some(Dep::Conj) && tree.head(second) == Some(first))
            });
            match merged.last_mut() {
                Some(last) if coordinated == Some(true) => last.extend(group),
                _ => merged.push(group),
            }
        }
        let groups = merged;
        for (g, group) in groups.iter().enumerate() {
            for &m in group {
                self.group_of[m] = g;
            }
        }
        self.groups = groups;
        self.tree = Some(tree);
    }

    /// The first mention of `m`'s compound actor, which stands for it.
    pub(crate) fn group_head(&self, m: usize) -> usize {
        self.groups[self.group_of[m]][0]
    }

    pub(crate) fn group(&self, m: usize) -> Vec<usize> {
        self.groups[self.group_of[m]].clone()
    }

    /// Whether every word `pattern` needs besides its anchor occurs in the
    /// sentence: most patterns of a frequent verb fail on this alone, which
    /// is far cheaper than trying to match them.
    pub(crate) fn may_match(&self, pattern: &VerbPattern) -> bool {
        let present = |alts: &Alternatives| {
            alts.iter().any(|alt| alt.first().is_some_and(|l| self.lemmas.binary_search(l).is_ok()))
        };
        pattern.before.iter().all(present)
            && pattern.after.iter().all(|item| match item {
                PatternItem::Words(alts) => present(alts),
                _ => true,
            })
    }

    /// The first token after `from` that ends the clause.
    pub(crate) fn clause_end(&self, from: usize) -> usize {
        (from..self.sent.len())
            .find(|&k| {
                self.sent.is(k, CLAUSE_BREAKS)
                    || self.sent.is(k, &[".", "!", "?"])
                    || (self.sent.is(k, &[","])
                        && self.sent.is(k + 1, &["and", "but", "while", "whereas"]))
                    // "raided the village, arresting 12 militants": a
                    // participle of another event opens its own clause.
                    || (self.sent.is(k, &[","])
                        && self.anchorable.get(k + 1) == Some(&true)
                        && self.sent.lower[k + 1].ends_with("ing"))
            })
            .unwrap_or(self.sent.len())
    }

    /// The first token of the clause containing `before`.
    /// A comma right before the verb is skipped ("X, a spokesman of Y, said"),
    /// and so is the comma opening a prepositional aside that ends there ("X,
    /// in remarks published on Monday, urged"); any other earlier comma ends
    /// the search ("..., diplomats said").
    pub(crate) fn clause_start(&self, before: usize, speech: &[usize]) -> usize {
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
    pub(crate) fn is_location(&self, m: usize) -> bool {
        let mention = &self.mentions[m];
        // "in central Paris", "in northern Afghanistan": a locative, then
        // at most two lower-case words, none a preposition of another phrase
        // ("in aid to Lebanon"); "in Argentina's food riots": a possessor,
        // not a place.
        let locative = (1..=3).any(|back| {
            mention.start >= back
                && self.sent.is(mention.start - back, LOCATIVES)
                && (mention.start - back + 1..mention.start).all(|k| {
                    self.sent.tokens[k].chars().all(char::is_lowercase)
                        && !self.sent.is(k, CLAUSE_BREAKS)
                        && !self.sent.is(k, PREPOSITIONS)
                })
        });
        self.config.locations
            && matches!(mention.kind, ActorKind::Country | ActorKind::Capital)
            && locative
            && !self.sent.is(mention.end, &["'s", "'"])
    }

    /// The length of the first alternative that matches at token `k`, if any.
    pub(crate) fn alternative_at(
        &self,
        k: usize,
        alts: &Alternatives,
        dicts: &Dictionaries,
    ) -> Option<usize> {
        alts.iter().find_map(|alt| {
            let fits = k + alt.len() <= self.sent.len()
                && alt.iter().enumerate().all(|(j, lemma)| {
                    dicts.verbs.lemmas_of(&self.sent.lower[k + j]).contains(lemma)
                });
            fits.then_some(alt.len())
        })
    }

    /// The first mention starting in `from..to`.
    pub(crate) fn mention_in(&self, from: usize, to: usize) -> Option<usize> {
        (from..to.min(self.sent.len())).find_map(|k| {
            self.mention_at[k].filter(|&m| {
                self.mentions[m].start == k
                    && !self.is_location(m)
                    && !self.is_possessive(m)
                    && !self.is_broker(m)
            })
        })
    }

    /// Whether mention `m` only says who brokered what follows: "a
    /// UN-brokered ceasefire" is no agreement with the UN ("a US-backed
    /// plan" is the US's, "a Saudi-led coalition" Saudi Arabia's).
    fn is_broker(&self, m: usize) -> bool {
        let end = self.mentions[m].end;
        self.sent.is(end, &["-"]) && self.sent.is(end + 1, MEDIATED)
    }

    /// "attacks on the caves where Al Qaeda members were hiding": the actor
    /// that a "where" clause right after `from` puts at the place attacked.
    pub(crate) fn hideout(&self, from: usize) -> Option<usize> {
        let len = self.sent.len();
        let w = (from..(from + HIDEOUT_REACH).min(len)).find(|&k| self.sent.is(k, &["where"]))?;
        self.mention_in(w + 1, w + 4)
    }

    /// The first country or capital named as a place in `from..to` ("in
    /// Kabul").
    pub(crate) fn place_in(&self, from: usize, to: usize) -> Option<usize> {
        (from..to.min(self.sent.len())).find_map(|k| {
            self.mention_at[k].filter(|&m| self.mentions[m].start == k && self.is_location(m))
        })
    }

    /// A possessive pronoun standing for an actor ("its", "their"): an
    /// event noun's possessor ("their ambushes"), never an object ("lifted
    /// its ban" is no act on itself).
    pub(crate) fn is_possessive(&self, m: usize) -> bool {
        let mention = &self.mentions[m];
        mention.pronoun
            && mention.end == mention.start + 1
            && self.sent.is(mention.start, &["its", "their", "his", "her"])
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
