//! Who acts and who is acted upon for a matched pattern: by word order,
//! then from the dependency tree where there is one.

use herald_core::EventCode;
use herald_dict::PatternItem;
use herald_nlp::{Dep, Tag};

use crate::context::Context;
use crate::matching::Hit;
use crate::nouns::{recipient_carrier, LIGHT_VERBS};
use crate::parse::Tree;
use crate::places::PlaceRef;
use crate::words::{
    is_participle, is_verb_form, BE_FORMS, CIRCUMSTANCE, CLAUSE_BREAKS, DETERMINERS, LOCATIVES,
    MODALS_OF_OBLIGATION, NEGATIONS, PREPOSITIONS,
};

/// How far up the tree from a place its event is looked for.
const PLACE_CLIMB: usize = 6;

pub(crate) struct Resolved {
    /// An infinitive under another coded verb: not an event of its own.
    pub(crate) governed: bool,
    pub(crate) source: Option<usize>,
    pub(crate) target: Option<usize>,
    /// The grammatical subject: the source in active voice, the target in passive.
    pub(crate) subject: Option<usize>,
    pub(crate) negated: bool,
    pub(crate) obliged: bool,
}

/// Prepositions that introduce what talks are about.
const TOPIC: &[&str] = &["on", "about", "over", "regarding", "concerning"];

/// Nouns of what an actor issues and says things in.
const DOCUMENTS: &[&str] = &[
    "statement",
    "statements",
    "communique",
    "letter",
    "message",
    "declaration",
    "resolution",
    "report",
    "note",
    "speech",
    "editorial",
];

/// Verbs whose subject is the author of the document they take.
const ISSUING: &[&str] = &[
    "issue",
    "issued",
    "issues",
    "issuing",
    "release",
    "released",
    "releases",
    "releasing",
    "publish",
    "published",
    "publishes",
    "publishing",
    "make",
    "made",
    "makes",
    "making",
    "adopt",
    "adopted",
    "adopts",
    "adopting",
    "sign",
    "signed",
    "signs",
    "signing",
    "deliver",
    "delivered",
    "delivers",
    "delivering",
    "read",
    "reads",
    "reading",
    "send",
    "sent",
    "sends",
    "sending",
    "give",
    "gave",
    "given",
    "gives",
    "giving",
    "put",
    "puts",
    "putting",
    "write",
    "wrote",
    "written",
    "writes",
    "writing",
    "draft",
    "drafted",
    "drafts",
    "drafting",
];

impl Context<'_, '_> {
    /// The subject of a verb whose match starts at `first`: the nearest
    /// actor before it in the same clause that is not the object of a preposition.
    pub(crate) fn subject(&self, first: usize, speech: &[usize], anchor: usize) -> Option<usize> {
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

    pub(crate) fn resolve(&self, hit: &Hit<'_>, speech: &[usize]) -> Resolved {
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
        // "will meet in London for talks on Zimbabwe": what a meeting is
        // about is no party to it.
        let meeting =
            hit.pattern.code.is_some_and(|c| c.root_number() == Some(4) || c.as_str() == "036");
        if meeting && resolved.target.is_some_and(|t| self.is_topic(t)) {
            resolved.target = None;
        }
        resolved
    }

    /// Whether mention `m` is what something is about ("talks on Zimbabwe").
    fn is_topic(&self, m: usize) -> bool {
        let start = self.mentions[self.groups[self.group_of[m]][0]].start;
        start > 0 && self.sent.is(start - 1, TOPIC)
    }

    /// The parse's subject of verb `v` (with whether `v` is passive), or for
    /// a gerund under a preposition of circumstance, its verb's ("marked
    /// the day by calling on", "after meeting X"; "accused of attacking" is
    /// another's act). PETRARCH codes no such gerund.
    pub(crate) fn clause_subject(&self, tree: &Tree, v: usize) -> Option<(usize, bool)> {
        tree.subject(v).or_else(|| {
            if !self.config.story_context || tree.tag(v) != Some(Tag::Vbg) {
                return None;
            }
            // "Hamas issued a statement slamming Arafat's call": the
            // statement's author says it.
            // "... vowing to fight and slamming the call": so is a
            // participle joined to it.
            let first = if tree.label(v) == Some(Dep::Conj) { tree.head(v)? } else { v };
            if tree.label(first) == Some(Dep::Acl) {
                let n = tree.head(first).filter(|&n| self.sent.is(n, DOCUMENTS))?;
                // "an EU statement condemning China": its author named with it.
                if self.mention_of_node(tree, n).is_some() {
                    return Some((n, false));
                }
                // "Hungary blocked a statement condemning China" is not
                // Hungary's.
                let verb = tree
                    .head(n)
                    .filter(|&v| tree.label(n) == Some(Dep::Dobj) && self.sent.is(v, ISSUING))?;
                return tree.subject(verb).filter(|&(_, passive)| !passive);
            }
            if tree.label(v) != Some(Dep::Pcomp) {
                return None;
            }
            let p = tree.head(v).filter(|&p| self.sent.is(p, CIRCUMSTANCE))?;
            let verb = tree.head(p).filter(|&h| tree.is_verb(h))?;
            tree.subject(verb).map(|(s, _)| (s, false))
        })
    }

    /// The person event word `v` is done to, when the dictionaries do not
    /// know them: a name ("Whiting was arrested", "police detained Afroz")
    /// as the passive subject or the object, outside every actor mention;
    /// for arrests, charges and sentences, which are done to people, any
    /// noun ("the three directors were given a suspended sentence").
    /// Tokens `start..end` of the name.
    pub(crate) fn person_patient(
        &self,
        v: usize,
        code: EventCode,
        places: &[PlaceRef],
    ) -> Option<(usize, usize)> {
        let tree = self.tree.as_ref()?;
        // "Whiting was given a jail sentence": a noun's recipient.
        let v = if tree.is_verb(v) { v } else { recipient_carrier(tree, self.sent, v)?.0 };
        let n = match tree.subject(v) {
            Some((s, true)) => s,
            _ => tree.children(v, &[Dep::Dobj]).next()?,
        };
        let name = |k: usize| matches!(tree.tag(k), Some(Tag::Nnp | Tag::Nnps));
        let noun = crate::matching::legal(code) && matches!(tree.tag(n), Some(Tag::Nn | Tag::Nns));
        if !(name(n) || noun) || self.mention_at.get(n).copied().flatten().is_some() {
            return None;
        }
        let mut start = n;
        while start > 0 && name(start - 1) && tree.head(start - 1) == Some(n) {
            start -= 1;
        }
        let free = (start..=n).all(|k| self.mention_at[k].is_none())
            && !places.iter().any(|p| p.start <= n && start < p.end);
        free.then_some((start, n + 1))
    }

    /// The place event word `v` happens at, as tokens `start..end` and its
    /// country: a place or a country named as one ("in Gaza") in a
    /// locative phrase of the verb, of its object or of a phrase under them
    /// ("bombed targets in Gaza", "fired on two cars in the West Bank city
    /// of Hebron"), or the verb's object ("shelled Kharkiv").
    pub(crate) fn place_of(&self, v: usize) -> Option<(usize, usize, &str)> {
        let tree = self.tree.as_ref()?;
        // An event noun's place may hang from its light verb ("stepped up
        // its operations in Gaza").
        let carrier = (!tree.is_verb(v) && tree.label(v) == Some(Dep::Dobj))
            .then(|| tree.head(v).filter(|&h| self.sent.is(h, LIGHT_VERBS)))
            .flatten();
        let attached = |last: usize| {
            let mut at = last;
            let mut locative = false;
            // Only "of" phrases so far: the place names its noun.
            let mut named = true;
            for _ in 0..PLACE_CLIMB {
                let Some(head) = tree.head(at) else { return false };
                match tree.label(at) {
                    Some(Dep::Pobj) => {
                        named &= self.sent.is(head, &["of"]);
                        // "the bombing of Kandahar", "attacks on Kabul": an
                        // event noun's object is where it happened.
                        let noun_object = !tree.is_verb(v)
                            && tree.head(head) == Some(v)
                            && self.sent.is(head, &["of", "on", "against", "upon"]);
                        locative |= self.sent.is(head, LOCATIVES)
                            || self.sent.is(head, &["into"])
                            || noun_object
                    }
                    // "shelled Kharkiv", "captured the town of Bakhmut": a
                    // verb's object place is where it acts.
                    Some(Dep::Dobj) => locative |= named && head == v && tree.is_verb(v),
                    Some(Dep::Prep | Dep::Compound | Dep::Appos) => {}
                    _ => return false,
                }
                if head == v || Some(head) == carrier {
                    return locative;
                }
                at = head;
            }
            false
        };
        let places = self.places.iter().map(|p| (p.start, p.end, p.country.as_str()));
        let located = (0..self.mentions.len()).filter(|&m| self.is_location(m)).filter_map(|m| {
            let mention = &self.mentions[m];
            Some((mention.start, mention.end, mention.country.as_deref()?))
        });
        places.chain(located).find(|&(_, end, _)| attached(end - 1))
    }

    /// The mentions the parse gives verb `v` as objects, most direct first.
    pub(crate) fn parsed_objects(&self, v: usize) -> Vec<usize> {
        let Some(tree) = self.tree.as_ref().filter(|t| t.is_verb(v)) else { return Vec::new() };
        tree.objects(v)
            .into_iter()
            .filter_map(|n| {
                // "condemned the attacks by X": the doer of an act named
                // as the object is who the verb is about.
                self.mention_of_node(tree, n).or_else(|| {
                    tree.children(n, &[Dep::Prep]).filter(|&p| self.sent.is(p, &["by"])).find_map(
                        |p| {
                            tree.children(p, &[Dep::Pobj])
                                .find_map(|o| self.mention_of_node(tree, o))
                        },
                    )
                })
            })
            .collect()
    }

    /// Who makes the statement `hit` anchors: its subject.
    pub(crate) fn speaker(&self, hit: &Hit<'_>, speech: &[usize]) -> Option<usize> {
        let parsed = self.tree.as_ref().and_then(|tree| {
            let verb = hit.first == hit.anchor && tree.is_verb(hit.anchor);
            let (n, _) = tree.subject(hit.anchor).filter(|_| verb)?;
            self.mention_of_node(tree, n).map(|m| self.groups[self.group_of[m]][0])
        });
        parsed.or_else(|| self.subject(hit.first, speech, hit.anchor))
    }

    /// The mention standing for tree node `n`: the one it heads or lies in,
    /// else one modifying it ("Armenian forces", "forces of Armenia").
    pub(crate) fn mention_of_node(&self, tree: &Tree, n: usize) -> Option<usize> {
        let at = |k: usize| tree.headed(k).or(self.mention_at.get(k).copied().flatten());
        // A possessive pronoun is no actor of the phrase it determines
        // ("lifted its ban"); event nouns read their possessors themselves.
        let modifier = |k: usize| at(k).filter(|&m| !self.is_possessive(m));
        at(n)
            .or_else(|| {
                tree.children(n, &[Dep::Compound, Dep::Amod, Dep::Poss, Dep::Nmod])
                    .find_map(modifier)
            })
            // "The Foreign Minister, Alexander Downer, said": the name in
            // apposition says whose the title is.
            .or_else(|| tree.children(n, &[Dep::Appos]).find_map(at))
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
        // "X is ready to meet Y": an adjective's subject is its copula's.
        let predicate = (!tree.is_verb(hit.anchor) && tree.label(hit.anchor) == Some(Dep::Acomp))
            .then(|| tree.head(hit.anchor))
            .flatten()
            .filter(|&h| tree.is_verb(h));
        let v = predicate.unwrap_or(hit.anchor);
        // "a suspended sentence", "the wounded soldiers": a participle
        // modifying a noun names no act, unless the pattern spells the noun
        // out with it ("bombing raids").
        if tree.label(v) == Some(Dep::Amod) && hit.first == hit.anchor {
            let compound =
                tree.head(v).is_some_and(|h| h > v && h < hit.end && self.mention_at[h].is_none());
            if compound && self.config.event_nouns && hit.pattern.target_before.is_none() {
                return self.resolve_noun(tree, hit, by_order);
            }
            return Resolved { governed: true, ..by_order };
        }
        if !tree.is_verb(v) {
            // A noun takes its target through the preposition its pattern
            // spells: "calls with Sharon" is no call on Sharon by `*call +`
            // ("aid from Iran" names the giver, see `recipient_carrier`).
            if matches!(hit.pattern.after.as_slice(), [PatternItem::Target])
                && hit.pattern.target_before.is_none()
                && hit.target.is_some_and(|t| {
                    let start = self.mentions[t].start;
                    start > 0
                        && self.sent.is(start - 1, PREPOSITIONS)
                        && !self.sent.is(start - 1, &["from", "by"])
                })
            {
                return Resolved { governed: true, ..by_order };
            }
            // Event nouns take their actors from their own modifiers or the
            // verb that carries them; otherwise the possessor rules.
            // A statement is made by a verb: "a terrorist state" states nothing.
            let statement = hit.pattern.code.is_some_and(|c| c.root_number() == Some(1));
            if self.config.event_nouns && statement {
                return Resolved { governed: true, ..by_order };
            }
            return if self.config.event_nouns && hit.pattern.target_before.is_none() {
                self.resolve_noun(tree, hit, by_order)
            } else {
                by_order
            };
        }
        // "the circumstances surrounding the transfer": a participle
        // modifying a noun that is no actor is no act of anyone's.
        // ("a statement vowing to" is its author's, `clause_subject`).
        let modifier = tree.label(v) == Some(Dep::Acl)
            && matches!(tree.tag(v), Some(Tag::Vbg | Tag::Vbn))
            && tree
                .head(v)
                .is_some_and(|n| !tree.is_verb(n) && self.mention_of_node(tree, n).is_none())
            && self
                .clause_subject(tree, v)
                .is_none_or(|(n, _)| self.mention_of_node(tree, n).is_none());
        // A passive agent names the doer ("the Islamist accused by
        // Washington"); arrests and sentences are done to people the
        // dictionaries need not know ("a mother sentenced to death").
        let done_to_people = hit.pattern.code.is_some_and(crate::matching::legal);
        if modifier && hit.first == hit.anchor && tree.agent(v).is_none() && !done_to_people {
            return Resolved { governed: true, ..by_order };
        }
        // A pattern with words before its anchor ("noted + *regret") spells
        // out where its subject stands; word order finds it.
        let parsed = self.clause_subject(tree, v).filter(|_| hit.first == hit.anchor);
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
        // "called Arafat a liar", "called the attack an act of terror": a
        // verb with an object and a complement names its object, it does
        // not act on it ("called Zelensky" does).
        let nominal = |k: &usize| {
            matches!(tree.tag(*k), Some(Tag::Nn | Tag::Nns | Tag::Nnp | Tag::Nnps | Tag::Prp))
        };
        let objects: Vec<usize> =
            tree.children(v, &[Dep::Dobj, Dep::Oprd, Dep::Attr]).filter(nominal).collect();
        let naming = matches!(hit.pattern.after.as_slice(), [PatternItem::Target])
            && objects.len() >= 2
            && objects.iter().any(|&k| tree.label(k) != Some(Dep::Dobj));
        if naming {
            return Resolved { governed: true, ..by_order };
        }
        let bare = hit.pattern.after.is_empty() && hit.pattern.target_before.is_none();
        let target = if bare && !hit.pattern.compound_source {
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
        self.resolve_words(hit, speech, true)
    }

    /// The target of `hit` whether or not another verb governs it: the
    /// object of an embedded event ("refused to extradite the banker").
    pub(crate) fn target_of(&self, hit: &Hit<'_>, speech: &[usize]) -> Option<usize> {
        let by_order = self.resolve_words(hit, speech, false);
        match &self.tree {
            Some(tree) => self.resolve_by_tree(tree, hit, by_order).target,
            None => by_order.target,
        }
    }

    /// [`Self::resolve_by_order`], optionally without recognising a
    /// governed infinitive.
    fn resolve_words(&self, hit: &Hit<'_>, speech: &[usize], check_governed: bool) -> Resolved {
        let sent = self.sent;
        let lookback = hit.first.saturating_sub(4)..hit.first;
        let before_words: Vec<&str> = lookback.clone().map(|k| sent.lower[k].as_str()).collect();
        let subject =
            self.subject(hit.first, speech, hit.anchor).or_else(|| self.subject_within(hit));
        // "urged Armenia to show restraint", "agreed to expand cooperation":
        // an infinitive under another coded verb is part of that verb's
        // event, not a separate event that happened.
        let start = self.clause_start(hit.first, speech);
        let governed = check_governed
            && hit.first > 0
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
