//! What statements say about other actors. A speaker who says another
//! actor should or must do something demands it of them ("Downer says the
//! Commonwealth should put Zimbabwe on its agenda"); a speaker who calls
//! another responsible or guilty accuses it ("India says Pakistan is
//! responsible for the attack"). A hostile act a party reports of another
//! is coded as the act, not as an accusation: news attribution only says
//! where the news comes from.

use herald_core::EventCode;
use herald_nlp::Dep;

use crate::clauses::{self, Frame, Frames, Modality};
use crate::coder::Emitter;
use crate::context::Context;

/// Predicates that blame their subject ("X is responsible", "X is a
/// terrorist state").
const BLAME: &[&str] = &[
    "responsible",
    "guilty",
    "culpable",
    "liable",
    "behind",
    "terrorist",
    "terrorists",
    "criminal",
    "criminals",
    "murderer",
    "murderers",
    "aggressor",
    "aggressors",
    "irrelevant",
    "enemy",
    "enemies",
    "blame",
    "blamed",
    "sponsor",
    "sponsors",
];

/// Verbs of knowing and seeing, whose complement is a fact to the speaker.
const PERCEIVING: &[&str] = &[
    "realise",
    "realize",
    "realised",
    "realized",
    "know",
    "knows",
    "knew",
    "see",
    "sees",
    "saw",
    "understand",
    "understands",
    "understood",
    "recognise",
    "recognize",
    "recognised",
    "recognized",
    "accept",
    "accepts",
    "accepted",
];

/// Codes the requests and accusations the sentence's statements make.
pub(crate) fn code(
    ctx: &Context<'_, '_>,
    frames: &Frames,
    emitter: &mut Emitter<'_, '_>,
    require_target: bool,
) {
    let Some(tree) = ctx.tree.as_ref() else { return };
    for w in 0..ctx.sent.len() {
        if frames.get(&ctx.sent.lower[w]) != Some(Frame::Say) || !tree.is_verb(w) {
            continue;
        }
        let Some(speaker) = clauses::frame_subject(ctx, w) else { continue };
        if !is_party(ctx, speaker) {
            continue;
        }
        // "... will realise that Osama is guilty," he said: what no party
        // is said to know or see is the speaker's own claim.
        let perceived = |c: usize| {
            (frames.get(&ctx.sent.lower[c]) == Some(Frame::Say) || ctx.sent.is(c, PERCEIVING))
                && clauses::own_subject(ctx, c).is_none_or(|s| !is_party(ctx, s))
        };
        let clauses: Vec<usize> = tree
            .children(w, &[Dep::Ccomp])
            .flat_map(|c| {
                let inner: Vec<usize> = if perceived(c) {
                    tree.children(c, &[Dep::Ccomp]).collect()
                } else {
                    Vec::new()
                };
                std::iter::once(c).chain(inner)
            })
            .collect();
        for c in clauses {
            if tree.negated(c, c..c + 1) {
                continue;
            }
            let subject = clauses::own_subject(ctx, c)
                .filter(|&t| ctx.group_head(t) != ctx.group_head(speaker));
            let (code, target) = if clauses::modality(ctx, tree, c) == Modality::Obliged {
                (EventCode::parse("100"), subject.filter(|&t| !own_state(ctx, speaker, t)))
            } else if let Some(due) = time_for(ctx, c) {
                (
                    EventCode::parse("100"),
                    Some(due).filter(|&t| ctx.group_head(t) != ctx.group_head(speaker)),
                )
            } else {
                let blamed = subject.filter(|_| blames(ctx, c)).or_else(|| perpetrator(ctx, c));
                (
                    EventCode::parse("112"),
                    blamed.filter(|&t| ctx.group_head(t) != ctx.group_head(speaker)),
                )
            };
            let Some(target) = target else { continue };
            if has(emitter, ctx, speaker, target, code) {
                continue;
            }
            emitter.emit(
                w,
                code,
                None,
                speaker,
                Some(target),
                "statements",
                "says",
                require_target,
            );
        }
    }
}

/// Whether mentions `a` and `b` are both the state of one country: its
/// government, forces, police, courts or intelligence, or the country
/// itself. What one says the other must do is the state's own course.
pub(crate) fn own_state(ctx: &Context<'_, '_>, a: usize, b: usize) -> bool {
    let state = |m: usize| {
        let mention = &ctx.mentions[m];
        let Some(country) = mention.country.as_deref() else { return false };
        let agent = mention.code.strip_prefix(country).unwrap_or("---");
        agent.is_empty() || ["GOV", "MIL", "COP", "JUD", "SPY"].iter().any(|s| agent.starts_with(s))
    };
    ctx.mentions[a].country.is_some()
        && ctx.mentions[a].country == ctx.mentions[b].country
        && state(a)
        && state(b)
}

/// A speaker whose statements about others are acts: an actor with a
/// country or an organisation, not the news media.
fn is_party(ctx: &Context<'_, '_>, m: usize) -> bool {
    let mention = &ctx.mentions[m];
    (mention.country.is_some() || mention.code.starts_with("IGO")) && !mention.code.ends_with("MED")
}

/// Whether clause `c` blames its subject: a copula with a blaming
/// predicate ("is responsible", "was behind the attack").
fn blames(ctx: &Context<'_, '_>, c: usize) -> bool {
    let Some(tree) = ctx.tree.as_ref() else { return false };
    let predicate = tree
        .children(c, &[Dep::Acomp, Dep::Attr, Dep::Prep, Dep::Xcomp])
        .any(|p| ctx.sent.is(p, BLAME));
    predicate || ctx.sent.is(c, BLAME)
}

/// Hostile acts whose doer a statement can name.
const HOSTILE_ACTS: &[&str] = &[
    "attack",
    "attacks",
    "bombing",
    "bombings",
    "blast",
    "blasts",
    "explosion",
    "explosions",
    "killing",
    "killings",
    "massacre",
    "assassination",
    "ambush",
    "raid",
    "raids",
    "shooting",
    "shootings",
    "hijacking",
    "hijackings",
    "plot",
    "murder",
    "murders",
    "kidnapping",
    "abduction",
    "assault",
    "strike",
    "strikes",
    "shelling",
    "atrocity",
    "atrocities",
];

/// "said the attack was carried out by Hamas": the doer a passive clause
/// about a hostile act names, whom the statement blames.
fn perpetrator(ctx: &Context<'_, '_>, c: usize) -> Option<usize> {
    let tree = ctx.tree.as_ref()?;
    let act = tree.children(c, &[Dep::Nsubjpass]).next()?;
    if !ctx.sent.is(act, HOSTILE_ACTS) {
        return None;
    }
    ctx.mention_of_node(tree, tree.agent(c)?)
}

/// "it is time for Arafat to exert control": whom the clause says it is
/// time to act.
fn time_for(ctx: &Context<'_, '_>, c: usize) -> Option<usize> {
    let tree = ctx.tree.as_ref()?;
    let time = tree.children(c, &[Dep::Attr]).find(|&a| ctx.sent.is(a, &["time"]))?;
    let for_whom = tree
        .children(time, &[Dep::Prep])
        .filter(|&p| ctx.sent.is(p, &["for"]))
        .find_map(|p| tree.children(p, &[Dep::Pobj]).find_map(|o| ctx.mention_of_node(tree, o)));
    for_whom.or_else(|| {
        tree.children(c, &[Dep::Advcl, Dep::Xcomp, Dep::Ccomp])
            .find_map(|v| clauses::own_subject(ctx, v))
    })
}

/// Whether an event with this code root between the two mentions' codes
/// was coded already.
fn has(
    ctx_emitter: &Emitter<'_, '_>,
    ctx: &Context<'_, '_>,
    source: usize,
    target: usize,
    code: Option<EventCode>,
) -> bool {
    let (s, t) = (&ctx.mentions[source].code, &ctx.mentions[target].code);
    let root = code.and_then(|c| c.root_number());
    ctx_emitter.events.iter().any(|e| {
        e.code.root_number() == root
            && &e.source.code == s
            && e.target.as_ref().is_some_and(|x| &x.code == t)
    })
}
