//! Events carried by nouns: "held talks with", "launched an attack on",
//! "imposed sanctions on", "signed an agreement with", "Israeli air
//! strikes", "talks between Afghan and British officials". The noun names
//! the event; its actors come from its own modifiers, a "between" phrase,
//! or the light verb that carries it. A noun with none of these ("condemned
//! the attack", "worked for a ceasefire") is a topic, not an event.

use herald_nlp::Dep;

use crate::context::Context;
use crate::matching::Hit;
use crate::parse::Tree;
use crate::resolve::Resolved;
use crate::sentence::Sent;

/// Verbs that carry an event noun as their object: the noun says what
/// happened, the verb only who did it ("held talks", "imposed sanctions").
pub(crate) const LIGHT_VERBS: &[&str] = &[
    "hold",
    "held",
    "holds",
    "holding",
    "have",
    "had",
    "has",
    "having",
    "launch",
    "launched",
    "launches",
    "launching",
    "carry",
    "carried",
    "carries",
    "carrying",
    "conduct",
    "conducted",
    "conducts",
    "conducting",
    "stage",
    "staged",
    "stages",
    "staging",
    "mount",
    "mounted",
    "mounts",
    "mounting",
    "impose",
    "imposed",
    "imposes",
    "imposing",
    "sign",
    "signed",
    "signs",
    "signing",
    "reach",
    "reached",
    "reaches",
    "reaching",
    "make",
    "made",
    "makes",
    "making",
    "issue",
    "issued",
    "issues",
    "issuing",
    "send",
    "sent",
    "sends",
    "sending",
    "deliver",
    "delivered",
    "delivers",
    "delivering",
    "give",
    "gave",
    "given",
    "gives",
    "giving",
    "extend",
    "extended",
    "extends",
    "extending",
    "provide",
    "provided",
    "provides",
    "providing",
    "offer",
    "offered",
    "offers",
    "offering",
    "announce",
    "announced",
    "announces",
    "announcing",
    "declare",
    "declared",
    "declares",
    "declaring",
    "begin",
    "began",
    "begun",
    "begins",
    "beginning",
    "start",
    "started",
    "starts",
    "starting",
    "resume",
    "resumed",
    "resumes",
    "resuming",
    "continue",
    "continued",
    "continues",
    "continuing",
    "step",
    "stepped",
    "steps",
    "stepping",
    "intensify",
    "intensified",
    "intensifies",
    "intensifying",
    "escalate",
    "escalated",
    "escalates",
    "escalating",
    "wage",
    "waged",
    "wages",
    "waging",
    "commit",
    "committed",
    "commits",
    "committing",
    "unleash",
    "unleashed",
    "unleashes",
    "unleashing",
    "lead",
    "led",
    "leads",
    "leading",
    "lodge",
    "lodged",
    "lodges",
    "lodging",
    "file",
    "filed",
    "files",
    "filing",
    "pay",
    "paid",
    "pays",
    "paying",
    "open",
    "opened",
    "opens",
    "opening",
    "order",
    "ordered",
    "orders",
    "ordering",
    "seal",
    "sealed",
    "seals",
    "sealing",
    "strike",
    "struck",
    "strikes",
    "striking",
    "conclude",
    "concluded",
    "concludes",
    "concluding",
    "broker",
    "brokered",
    "brokers",
    "brokering",
    "host",
    "hosted",
    "hosts",
    "hosting",
    "attend",
    "attended",
    "attends",
    "attending",
    "join",
    "joined",
    "joins",
    "joining",
    "renew",
    "renewed",
    "renews",
    "renewing",
    "perpetrate",
    "perpetrated",
    "execute",
    "executed",
    "undertake",
    "undertook",
    "undertaken",
    "undertakes",
    "pursue",
    "pursued",
    "pursues",
    "pursuing",
    "maintain",
    "maintained",
    "maintains",
    "maintaining",
    "enforce",
    "enforced",
    "enforces",
    "enforcing",
    "introduce",
    "introduced",
    "introduces",
    "introducing",
    "approve",
    "approved",
    "approves",
    "approving",
    "agree",
    "agreed",
    "agrees",
    "agreeing",
    "establish",
    "established",
    "establishes",
    "establishing",
    "set",
    "sets",
    "setting",
    "lift",
    "lifted",
    "lifts",
    "lifting",
    "end",
    "ended",
    "ends",
    "ending",
    "suspend",
    "suspended",
    "suspends",
    "suspending",
    "break",
    "broke",
    "broken",
    "breaks",
    "breaking",
    "cut",
    "cuts",
    "cutting",
    "expand",
    "expanded",
    "expands",
    "expanding",
    "strengthen",
    "strengthened",
    "strengthens",
    "strengthening",
    "deepen",
    "deepened",
    "deepens",
    "deepening",
    "boost",
    "boosted",
    "boosts",
    "boosting",
    "tighten",
    "tightened",
    "tightens",
    "tightening",
    "ease",
    "eased",
    "eases",
    "easing",
    "put",
    "puts",
    "putting",
    "place",
    "placed",
    "places",
    "placing",
    "lay",
    "laid",
    "lays",
    "laying",
    "level",
    "levelled",
    "leveled",
    "levels",
    "levelling",
    "leveling",
    "hurl",
    "hurled",
    "hurls",
    "hurling",
    "express",
    "expressed",
    "expresses",
    "expressing",
    "voice",
    "voiced",
    "voices",
    "voicing",
];

/// Verbs that carry an event noun through "on", "in" or "into": "went on
/// strike", "engaged in talks", "entered into negotiations".
const PHRASAL_LIGHT_VERBS: &[&str] = &[
    "go", "goes", "went", "gone", "going", "engage", "engaged", "engages", "engaging", "enter",
    "entered", "enters", "entering",
];

/// Verbs whose subject is the recipient of the event noun they take as
/// object, and "from" its doer: "received aid from Japan", "got a jail
/// sentence".
pub(crate) const RECEIVING_VERBS: &[&str] =
    &["receive", "received", "receives", "receiving", "get", "got", "gets", "getting", "gotten"];

/// The verb whose subject receives the event noun at `anchor`: a
/// receiving verb ("received aid from Japan", `true`) or a passive light
/// verb ("was given a jail sentence", `false`).
pub(crate) fn recipient_carrier(
    tree: &Tree,
    sent: &Sent<'_>,
    anchor: usize,
) -> Option<(usize, bool)> {
    if tree.is_verb(anchor) {
        return None;
    }
    let mut n = anchor;
    while let Some(h) = tree.head(n).filter(|&h| h > n) {
        if !matches!(tree.label(n), Some(Dep::Compound | Dep::Amod | Dep::Nmod)) {
            break;
        }
        n = h;
    }
    let v = tree.head(n).filter(|_| tree.label(n) == Some(Dep::Dobj))?;
    if sent.is(v, RECEIVING_VERBS) {
        Some((v, true))
    } else {
        let passive = tree.subject(v).is_some_and(|(_, passive)| passive);
        (passive && sent.is(v, LIGHT_VERBS)).then_some((v, false))
    }
}

/// Nouns of quantity that stand for the events they count.
const QUANTITIES: &[&str] = &[
    "set", "series", "wave", "spate", "string", "number", "round", "barrage", "volley", "flurry",
    "raft", "package", "rash", "slew", "campaign",
];

/// Prepositions of a light verb that introduce the event's recipient.
const RECIPIENT_PREPOSITIONS: &[&str] =
    &["with", "on", "against", "to", "upon", "toward", "towards", "for"];

impl Context<'_, '_> {
    /// [`Self::resolve_by_order`]'s answer for a noun anchor, with the
    /// source and target the parse gives the event noun; no source when
    /// the noun names no event of anyone's (a topic, a background mention).
    pub(crate) fn resolve_noun(&self, tree: &Tree, hit: &Hit<'_>, by_order: Resolved) -> Resolved {
        // The noun the pattern's words end in heads the phrase: "telephone
        // conversation", "bombing raids".
        let mut n = hit.anchor;
        while let Some(h) = tree.head(n).filter(|&h| h > n && h < hit.end.max(hit.anchor + 2)) {
            if !matches!(tree.label(n), Some(Dep::Compound | Dep::Amod | Dep::Nmod)) {
                break;
            }
            n = h;
        }
        // "announced a set of new sanctions", "a wave of attacks": the
        // quantity stands in the sentence for the events.
        let mut phrase = n;
        if tree.label(n) == Some(Dep::Pobj) {
            if let Some(of) = tree.head(n).filter(|&p| self.sent.is(p, &["of"])) {
                if let Some(q) = tree.head(of).filter(|&q| self.sent.is(q, QUANTITIES)) {
                    phrase = q;
                }
            }
        }
        // "Israeli air strikes hit Gaza": the verb codes the event, with
        // the noun (and its actors) as its subject; but "bombing raids by
        // US warplanes had helped the push" are raids all the same.
        let violent = hit.pattern.code.is_some_and(crate::matching::violent);
        let governs = |v: usize| self.verbs.contains(&v) && (!violent || self.violent.contains(&v));
        // "killed by a misguided US bomb": so does a passive's agent.
        let agent_of =
            |p: usize| (tree.label(p) == Some(Dep::Agent)).then(|| tree.head(p)).flatten();
        let governor = match tree.label(phrase) {
            Some(Dep::Nsubj) => tree.head(phrase),
            Some(Dep::Pobj) => tree.head(phrase).and_then(agent_of),
            _ => None,
        };
        if governor.is_some_and(governs) {
            return Resolved { governed: true, ..by_order };
        }
        let group = |m: usize| self.group_head(m);
        // "Israel's attack", "Israeli air strikes", "the attack by Israel".
        let own = hit
            .source
            .or_else(|| {
                tree.children(n, &[Dep::Poss, Dep::Amod, Dep::Compound, Dep::Nmod])
                    .filter(|&c| c < n)
                    .find_map(|c| self.mention_of_node(tree, c))
            })
            .or_else(|| {
                // "aerial attacks from US warplanes", "aid from Japan".
                let from = violent || hit.pattern.code.is_some_and(|c| c.root_number() == Some(7));
                let doer: &[&str] = if from { &["by", "from"] } else { &["by"] };
                tree.children(n, &[Dep::Prep]).filter(|&p| self.sent.is(p, doer)).find_map(|p| {
                    tree.children(p, &[Dep::Pobj]).find_map(|o| self.mention_of_node(tree, o))
                })
            })
            .map(group);
        // "talks between Afghan and British officials": the parties act on
        // each other (a compound source and no target).
        let between = || {
            tree.children(n, &[Dep::Prep])
                .filter(|&p| self.sent.is(p, &["between", "among"]))
                .find_map(|p| {
                    tree.children(p, &[Dep::Pobj]).find_map(|o| self.mention_of_node(tree, o))
                })
                .map(group)
                .filter(|&m| self.groups[self.group_of[m]].len() > 1)
        };
        // "held talks with", "imposed sanctions on", "went on hunger
        // strike": the light verb's subject.
        let meeting = hit.pattern.code.is_some_and(|c| c.root_number() == Some(4));
        let carrier = match tree.label(phrase) {
            Some(Dep::Dobj | Dep::Attr | Dep::Nsubjpass) => tree
                .head(phrase)
                .filter(|&v| self.sent.is(v, LIGHT_VERBS) || self.sent.is(v, RECEIVING_VERBS)),
            Some(Dep::Pobj) => {
                let p = tree.head(phrase).filter(|&p| tree.label(p) == Some(Dep::Prep));
                let v = p.and_then(|p| tree.head(p)).filter(|&v| tree.is_verb(v));
                match (p, v) {
                    (Some(p), Some(v))
                        if self.sent.is(p, &["on", "in", "into"])
                            && self.sent.is(v, PHRASAL_LIGHT_VERBS) =>
                    {
                        Some(v)
                    }
                    // "Chirac said, in separate calls with Sharon, ...",
                    // "after talks with X, Y agreed": a meeting in a
                    // clause's circumstances is one its subject took part in.
                    (Some(p), Some(v))
                        if meeting && self.sent.is(p, &["in", "during", "after", "at"]) =>
                    {
                        Some(v)
                    }
                    _ => None,
                }
            }
            _ => None,
        };
        // "received aid from Japan", "was given a jail sentence by a
        // court": the carrier's subject is the event's recipient, its doer
        // comes "from" or "by".
        // "withdrew at the request of a local commander": who asked, asked
        // it of the subject of what was done at their request; "came under
        // fire from X": X fired at the subject.
        if let Some(asker) = hit.source.filter(|_| tree.label(phrase) == Some(Dep::Pobj)) {
            let p = tree.head(phrase).filter(|&p| self.sent.is(p, &["at", "under"]));
            if let Some(v) = p.and_then(|p| tree.head(p)).filter(|&v| tree.is_verb(v)) {
                let done = self.clause_subject(tree, v).filter(|&(_, passive)| !passive);
                let target = done
                    .and_then(|(s, _)| self.mention_of_node(tree, s))
                    .map(group)
                    .filter(|&t| self.mentions[t].code != self.mentions[asker].code);
                let source = Some(group(asker));
                return Resolved { source, target, subject: source, ..by_order };
            }
        }
        let received = recipient_carrier(tree, self.sent, hit.anchor);
        if let Some((v, receiving)) = received {
            let giver = if receiving {
                [v, n]
                    .into_iter()
                    .flat_map(|h| tree.children(h, &[Dep::Prep]))
                    .filter(|&p| self.sent.is(p, &["from"]))
                    .find_map(|p| {
                        tree.children(p, &[Dep::Pobj]).find_map(|o| self.mention_of_node(tree, o))
                    })
            } else {
                tree.agent(v).and_then(|a| self.mention_of_node(tree, a))
            };
            let source = giver.map(group).or(own);
            let target = tree
                .subject(v)
                .and_then(|(s, _)| self.mention_of_node(tree, s))
                .map(group)
                .filter(|&t| Some(t) != source);
            let negated = by_order.negated || tree.negated(v, v..v + 1);
            return Resolved { source, target, subject: source, negated, ..by_order };
        }
        let carried = || {
            let v = carrier?;
            // "the offer was made by Hamas": a passive light verb's agent.
            if tree.label(phrase) == Some(Dep::Nsubjpass) {
                return tree.agent(v).and_then(|a| self.mention_of_node(tree, a)).map(group);
            }
            let (s, passive) = self.clause_subject(tree, v)?;
            (!passive).then(|| self.mention_of_node(tree, s)).flatten().map(group)
        };
        let (source, reciprocal) = match own {
            Some(s) => (Some(s), false),
            None => match between() {
                Some(s) => (Some(s), true),
                None => (carried(), false),
            },
        };
        let negated = by_order.negated || carrier.is_some_and(|v| tree.negated(v, v..v + 1));
        let not_source = |t: &usize| Some(group(*t)) != source;
        // "the arrest will have an impact on people smuggling": a noun no
        // verb carries reaches no further than its own phrase.
        // "Armenia's mobilisation alarmed Azerbaijan": the object of the
        // verb it is subject of is within reach.
        let reacting =
            (tree.label(phrase) == Some(Dep::Nsubj)).then(|| tree.head(phrase)).flatten().and_then(
                |v| tree.children(v, &[Dep::Dobj]).find_map(|o| self.mention_of_node(tree, o)),
            );
        let own_phrase = |t: &usize| {
            carrier.is_some()
                || self.mentions[*t].start < tree.subtree_end(phrase)
                || reacting.is_some_and(|r| group(r) == group(*t))
        };
        let target = if reciprocal {
            None
        } else {
            hit.target.filter(not_source).filter(own_phrase).or_else(|| {
                // "held talks with Y" where the pattern has no slot of its
                // own: the light verb's recipient.
                let v = carrier?;
                tree.children(v, &[Dep::Dative, Dep::Prep])
                    .filter(|&p| {
                        tree.label(p) == Some(Dep::Dative)
                            || self.sent.is(p, RECIPIENT_PREPOSITIONS)
                    })
                    .flat_map(|p| {
                        let objects: Vec<usize> = tree.children(p, &[Dep::Pobj]).collect();
                        if objects.is_empty() {
                            vec![p]
                        } else {
                            objects
                        }
                    })
                    .find_map(|o| self.mention_of_node(tree, o))
                    .filter(not_source)
            })
        };
        // A meeting in a clause's circumstances is an event only with whom
        // it was ("in calls with Sharon"); "at the summit" says where.
        let circumstance =
            carrier.is_some() && tree.label(phrase) == Some(Dep::Pobj) && !reciprocal;
        // "Four Afghan factions reached agreement during talks": a group's
        // members meet each other.
        let group_source =
            source.is_some_and(|s| crate::story::is_group(self.sent, &self.mentions[s]));
        let source = source.filter(|_| {
            !(circumstance && meeting && own.is_none() && target.is_none()) || group_source
        });
        Resolved { source, target, subject: source, negated, ..by_order }
    }
}
