//! Events inside embedded clauses: the verb that carries an event often
//! sits in the complement of another verb that says what kind of act the
//! sentence reports. "Canada urged Iraq to release the journalists" is a
//! request by Canada of Iraq, "Moldova said it would expel two Russian
//! diplomats" a threat against Russia, "Japan is ready to mediate" an
//! offer, "Brazil refused to extradite the banker" a rejection, "Iran
//! denied attacking the ship" no attack at all.
//!
//! The governing word is a *frame* (a verb, adjective or noun from a small
//! closed lexicon); the embedded event's CAMEO code chooses the subcode of
//! the frame's family (a demanded release is 1053, a threatened attack
//! 1384). Frames are found by climbing the dependency tree from the event
//! word through complement relations, so this needs the parse.

use herald_core::EventCode;
use herald_dict::{FastMap, Irregulars};
use herald_nlp::{Dep, Tag};

use crate::context::Context;
use crate::nouns::LIGHT_VERBS;
use crate::parse::Tree;

/// What a governing word makes of the event in its complement.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Frame {
    /// "say", "announce": the event as reported, or an intent when it is
    /// in the future ("said it would expel").
    Say,
    /// "plan", "agree", "offer", "ready": an intent, cooperative (AGREE)
    /// or hostile (THREATEN) by the event's own type.
    Intend,
    /// "urge", "call for", "ask": an appeal to the addressee (CAMEO 02).
    Appeal,
    /// "demand", "order": a demand of the addressee (CAMEO 10).
    Request,
    /// "threaten", "warn": a threat.
    Threaten,
    /// "refuse", "reject": a rejection.
    Refuse,
    /// "deny", "fail": the event did not happen.
    Deny,
    /// "stop", "halt": the event no longer happens.
    Stop,
    /// "try", "begin", "continue": the event itself.
    Through,
}

/// Frame words by lemma; verbs and nouns are inflected at load time.
const FRAMES: &[(Frame, &[&str])] = &[
    (
        Frame::Say,
        &[
            "say",
            "announce",
            "state",
            "declare",
            "add",
            "report",
            "confirm",
            "claim",
            "insist",
            "stress",
            "reiterate",
            "affirm",
            "assert",
            "indicate",
            "reveal",
            "disclose",
            "note",
            "predict",
            "tell",
            "believe",
            "think",
            "hint",
            "suggest",
            "signal",
            "statement",
        ],
    ),
    (
        Frame::Intend,
        &[
            "plan",
            "intend",
            "aim",
            "prepare",
            "decide",
            "want",
            "wish",
            "seek",
            "hope",
            "mean",
            "propose",
            "agree",
            "offer",
            "promise",
            "pledge",
            "vow",
            "undertake",
            "commit",
            "volunteer",
            "guarantee",
            "resolve",
            "expect",
            "ready",
            "prepared",
            "willing",
            "determined",
            "eager",
            "keen",
            "poised",
            "due",
            "scheduled",
            "decision",
            "intention",
            "readiness",
            "willingness",
            "proposal",
            "commitment",
            "bid",
        ],
    ),
    (
        Frame::Appeal,
        &[
            "urge",
            "call",
            "ask",
            "press",
            "appeal",
            "request",
            "push",
            "pressure",
            "encourage",
            "advise",
            "implore",
            "beg",
            "plead",
            "exhort",
            "plea",
            "challenge",
        ],
    ),
    (Frame::Request, &["demand", "order", "instruct", "require"]),
    (Frame::Threaten, &["threaten", "warn", "threat", "warning", "ultimatum"]),
    (Frame::Refuse, &["refuse", "reject", "decline", "oppose", "resist", "balk", "refusal"]),
    (Frame::Deny, &["deny", "denial", "fail", "failure"]),
    (Frame::Stop, &["stop", "cease", "halt", "quit", "abandon"]),
    (
        Frame::Through,
        &["try", "attempt", "begin", "start", "continue", "resume", "manage", "effort"],
    ),
];

/// "take", which carries decisions and steps.
const TAKE: &[&str] = &["take", "took", "taken", "takes", "taking"];

/// Intend frames that, with another actor as the complement's subject,
/// ask that actor to act ("wants Georgia to withdraw").
const WISHES: &[&str] = &[
    "want",
    "wants",
    "wanted",
    "wanting",
    "wish",
    "wishes",
    "wished",
    "wishing",
    "expect",
    "expects",
    "expected",
    "expecting",
];

/// The frame lexicon, by normalised word form.
#[derive(Clone, Debug)]
pub(crate) struct Frames {
    words: FastMap<String, Frame>,
}

impl Frames {
    pub fn new(irregulars: &Irregulars) -> Frames {
        let mut words = FastMap::default();
        for &(frame, lemmas) in FRAMES {
            for lemma in lemmas {
                for form in irregulars.forms(lemma) {
                    words.entry(form).or_insert(frame);
                }
            }
        }
        Frames { words }
    }

    pub fn get(&self, word: &str) -> Option<Frame> {
        self.words.get(word).copied()
    }
}

/// How far up the tree a frame is looked for.
const MAX_DEPTH: usize = 5;

/// An event word's place under a frame.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Governed {
    pub frame: Frame,
    /// The frame word.
    pub word: usize,
    /// Whether the event or a word on the way is negated.
    pub negated: bool,
    /// Whether only the event is negated, under an appeal or a demand: "urged
    /// Iraq not to attack" asks something all the same.
    pub asked_not: bool,
    /// The event's tense or mood.
    pub modality: Modality,
}

/// Future, possibility and obligation, from the event's auxiliaries.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Modality {
    Plain,
    Future,
    Possible,
    Obliged,
}

/// The modality of clause word `v`, from its auxiliaries and those of the
/// verb it is coordinated with ("would downgrade ... and ban").
/// Words that make the verb after them a prediction.
const HEDGES: &[&str] = &["likely", "unlikely"];

pub(crate) fn modality(ctx: &Context<'_, '_>, tree: &Tree, v: usize) -> Modality {
    let mut at = v;
    for _ in 0..3 {
        for a in tree.children(at, &[Dep::Aux]) {
            match ctx.sent.lower[a].as_str() {
                "will" | "'ll" | "shall" | "would" | "'d" | "wo" => return Modality::Future,
                "could" | "may" | "might" | "can" | "ca" => return Modality::Possible,
                "should" | "must" | "ought" => return Modality::Obliged,
                _ => {}
            }
        }
        // "has to act", "needs to lead": an obligation.
        if ctx.sent.is(at, &["have", "has", "had", "need", "needs", "needed"])
            && tree.children(at, &[Dep::Xcomp]).next().is_some()
        {
            return Modality::Obliged;
        }
        // "is likely to come under fire": a prediction, not a report.
        if let Some(h) = tree.head(at).filter(|_| tree.label(at) == Some(Dep::Xcomp)) {
            if ctx.sent.is(h, HEDGES) {
                return Modality::Possible;
            }
        }
        // "is going to attack", "is to visit".
        if let Some(h) = tree.head(at).filter(|_| tree.label(at) == Some(Dep::Xcomp)) {
            if ctx.sent.is(h, &["going"]) || ctx.sent.is(h, &["is", "are", "was", "were"]) {
                return Modality::Future;
            }
        }
        match tree.label(at) {
            Some(Dep::Conj) => {
                at = match tree.head(at) {
                    Some(h) => h,
                    None => break,
                }
            }
            // "will continue to attack": the aspect verb's mood is the act's.
            Some(Dep::Xcomp) => match tree.head(at).filter(|&h| ctx.sent.is(h, ASPECT)) {
                Some(h) => at = h,
                None => break,
            },
            // "will operate in Afghanistan to fight the Taliban": a purpose
            // is as real as the act it is the purpose of.
            Some(Dep::Advcl) if tree.children(at, &[Dep::Aux]).any(|a| ctx.sent.is(a, &["to"])) => {
                match tree.head(at) {
                    Some(h) => at = h,
                    None => break,
                }
            }
            _ => break,
        }
    }
    Modality::Plain
}

/// Verbs of an act's phase or attempt, which carry its auxiliaries.
const ASPECT: &[&str] = &[
    "continue",
    "continues",
    "continued",
    "continuing",
    "keep",
    "keeps",
    "begin",
    "begins",
    "start",
    "starts",
    "resume",
    "resumes",
    "try",
    "tries",
    "attempt",
    "attempts",
    "seek",
    "seeks",
];

/// The frame governing event word `v`, if any: climbs complement relations
/// (an infinitive or `that` clause, an adjective's infinitive, an event noun
/// as object or in a prepositional phrase, a noun's infinitive) and
/// coordination, and returns the first frame word met that is not
/// [`Frame::Through`].
pub(crate) fn governing(ctx: &Context<'_, '_>, frames: &Frames, v: usize) -> Option<Governed> {
    let tree = ctx.tree.as_ref()?;
    let own_negation = tree.negated(v, v..v + 1);
    let mut negated = false;
    let mut modality = self::modality(ctx, tree, v);
    let mut at = v;
    for _ in 0..MAX_DEPTH {
        let mut via = tree.label(at)?;
        let mut head = tree.head(at)?;
        // "a request for an arrest warrant": an event noun modifying
        // another stands where that noun stands.
        if via == Dep::Compound && at == v && !tree.is_verb(v) {
            at = head;
            continue;
        }
        match via {
            Dep::Xcomp | Dep::Ccomp | Dep::Dobj | Dep::Acl | Dep::Advcl | Dep::Conj => {}
            // "called for the release of X", "accused of attacking".
            // "called for the release of X", "pressure for talks": only
            // "for" makes a phrase a frame's complement ("a set of
            // sanctions" is no intent).
            Dep::Pobj | Dep::Pcomp
                if tree.label(head) == Some(Dep::Prep) && ctx.sent.is(head, &["for"]) =>
            {
                via = Dep::Prep;
                head = tree.head(head)?;
            }
            _ => return None,
        }
        negated |= tree.negated(head, head..head + 1);
        // A coordinated verb shares the frame of the verb it is joined to
        // ("said it would downgrade ... and ban"), not that verb's own role.
        if via == Dep::Conj {
            at = head;
            continue;
        }
        // "would step up its operations": the light verb carries the
        // noun's event, and its mood, up to the frame.
        if via == Dep::Dobj && at == v && !tree.is_verb(v) && ctx.sent.is(head, LIGHT_VERBS) {
            if modality == Modality::Plain {
                modality = self::modality(ctx, tree, head);
            }
            at = head;
            continue;
        }
        let frame = match frames.get(&ctx.sent.lower[head])? {
            // "would continue attacking": the aspect verb's mood is the act's.
            Frame::Through => {
                if modality == Modality::Plain {
                    modality = self::modality(ctx, tree, head);
                }
                at = head;
                continue;
            }
            // "told X to": a request; "told reporters that": speech.
            Frame::Say
                if via == Dep::Xcomp
                    && ctx.sent.is(head, &["tell", "told", "tells", "telling"]) =>
            {
                Frame::Request
            }
            // "wants Georgia to withdraw": a wish for another's act is a
            // request of them.
            Frame::Intend
                if ctx.sent.is(head, WISHES)
                    && (tree.children(head, &[Dep::Dobj]).any(|o| o < at)
                        || tree.children(at, &[Dep::Nsubj]).any(|s| s > head)) =>
            {
                Frame::Appeal
            }
            frame => frame,
        };
        // An adverbial clause is a frame's complement only for a request
        // ("calling for X to return"); otherwise it is a clause of its own
        // ("met to discuss", "attacked, saying ...").
        if via == Dep::Advcl && !matches!(frame, Frame::Request | Frame::Appeal) {
            return None;
        }
        // "warned the United States not to sell arms": a warning to
        // someone not to act asks it of them ("threatened not to attend"
        // is the threatener's own act).
        let warned = frame == Frame::Threaten && tree.children(head, &[Dep::Dobj]).any(|o| o < at);
        let asking = matches!(frame, Frame::Request | Frame::Appeal) || warned;
        let asked_not = own_negation && asking && !negated;
        let negated = negated || (own_negation && !asking);
        return Some(Governed { frame, word: head, negated, asked_not, modality });
    }
    None
}

/// The subject of frame word `w`: its own, a copula's for an adjective
/// ("X is ready to"), the governing verb's for a participle clause ("...,
/// saying it would") or a shared one through coordination and infinitives.
pub(crate) fn frame_subject(ctx: &Context<'_, '_>, w: usize) -> Option<usize> {
    let tree = ctx.tree.as_ref()?;
    // "welcomed Uganda's decision to withdraw": a frame noun's possessor
    // is whose intent it is.
    if !tree.is_verb(w) {
        // "the Indian decision to expel": so is its actor adjective.
        let possessor = tree
            .children(w, &[Dep::Poss, Dep::Amod, Dep::Compound, Dep::Nmod])
            .filter(|&p| p < w)
            .find_map(|p| ctx.mention_of_node(tree, p));
        if possessor.is_some() {
            return possessor;
        }
    }
    let mut at = w;
    for _ in 0..MAX_DEPTH {
        if let Some((s, passive)) = ctx.clause_subject(tree, at) {
            return (!passive).then(|| ctx.mention_of_node(tree, s)).flatten();
        }
        let head = tree.head(at)?;
        at = match tree.label(at)? {
            Dep::Acomp | Dep::Xcomp | Dep::Conj => head,
            Dep::Advcl if matches!(tree.tag(at), Some(Tag::Vbg | Tag::Vbn)) => head,
            // An event noun's frame: "announced its decision to", "has
            // plans to" as an object: the subject of the verb that carries
            // it ("condemned the decision to" is another's decision).
            Dep::Dobj | Dep::Attr
                if !tree.is_verb(at)
                    && (ctx.sent.is(head, LIGHT_VERBS) || ctx.sent.is(head, TAKE)) =>
            {
                head
            }
            // "dropped a bombshell with a decision to cut ties": the
            // subject of the verb the decision comes with.
            Dep::Pobj if !tree.is_verb(at) && ctx.sent.is(head, &["with"]) => {
                tree.head(head).filter(|&v| tree.is_verb(v))?
            }
            _ => return None,
        };
    }
    None
}

/// The actors frame word `w` is addressed to: its object, dative or the
/// object of "on", "upon", "for" ("urged Iraq", "called on Iraq",
/// "called for Zinni to return").
pub(crate) fn addressees(ctx: &Context<'_, '_>, w: usize) -> Vec<usize> {
    let Some(tree) = ctx.tree.as_ref() else { return Vec::new() };
    let mut out = Vec::new();
    for o in tree.children(w, &[Dep::Dobj, Dep::Dative]) {
        out.extend(ctx.mention_of_node(tree, o));
    }
    for p in tree.children(w, &[Dep::Prep]) {
        if ctx.sent.is(p, &["on", "upon", "for", "to"]) {
            for o in tree.children(p, &[Dep::Pobj]) {
                out.extend(ctx.mention_of_node(tree, o));
            }
        }
    }
    out
}

/// Whether clause word `v` only states a condition ("if Israel agreed",
/// "unless Peru apologised"): such an event has not happened.
pub(crate) fn conditional(ctx: &Context<'_, '_>, v: usize) -> bool {
    condition_of(ctx, v).is_some()
}

/// The condition clause `v` stands in, or its coordinated verb does.
fn condition_of(ctx: &Context<'_, '_>, v: usize) -> Option<usize> {
    let tree = ctx.tree.as_ref()?;
    let mut at = v;
    for _ in 0..3 {
        let marked =
            tree.children(at, &[Dep::Mark]).any(|m| ctx.sent.is(m, &["if", "unless", "whether"]));
        // The parser may attach a marked condition as a complement ("quit
        // if Israel failed"); "asked if" is a question, no act either.
        if matches!(tree.label(at), Some(Dep::Advcl | Dep::Ccomp)) && marked {
            return Some(at);
        }
        match tree.label(at) {
            Some(Dep::Conj) => at = tree.head(at)?,
            _ => return None,
        }
    }
    None
}

/// The subject of a condition attached to `v` ("threatened to recall its
/// ambassador unless Peru apologised": Peru), who a threat is aimed at.
pub(crate) fn condition_subject(ctx: &Context<'_, '_>, v: usize) -> Option<usize> {
    let tree = ctx.tree.as_ref()?;
    tree.children(v, &[Dep::Advcl, Dep::Ccomp])
        .find(|&c| conditional(ctx, c))
        .and_then(|c| own_subject(ctx, c))
}

/// The actor a frame word's complement clause is about: the subject of
/// its `that` clause or the object of its infinitive ("demanded that
/// Belarus close ...").
pub(crate) fn complement_subject(ctx: &Context<'_, '_>, w: usize) -> Option<usize> {
    let tree = ctx.tree.as_ref()?;
    tree.children(w, &[Dep::Ccomp, Dep::Xcomp]).find_map(|c| own_subject(ctx, c))
}

/// Whom a frame word with no event under it is aimed at: its complement
/// clause's subject ("demanded that Belarus close ..."), or the subject of
/// a condition attached to it or its infinitive ("threatened to recall its
/// ambassador unless Peru apologised").
pub(crate) fn frame_target(ctx: &Context<'_, '_>, w: usize) -> Option<usize> {
    let tree = ctx.tree.as_ref()?;
    complement_subject(ctx, w)
        .or_else(|| condition_subject(ctx, w))
        .or_else(|| tree.children(w, &[Dep::Xcomp]).find_map(|c| condition_subject(ctx, c)))
}

/// The doer of the act a verb's `that` clause reports: its passive agent
/// ("alleges the attack was backed by Pakistan") or its subject.
pub(crate) fn reported_doer(ctx: &Context<'_, '_>, v: usize) -> Option<usize> {
    let tree = ctx.tree.as_ref()?;
    tree.children(v, &[Dep::Ccomp]).find_map(|c| match tree.agent(c) {
        Some(a) => ctx.mention_of_node(tree, a),
        None => own_subject(ctx, c),
    })
}

/// The mention that is event word `v`'s own subject, if any ("demanded
/// that Belarus close").
pub(crate) fn own_subject(ctx: &Context<'_, '_>, v: usize) -> Option<usize> {
    let tree = ctx.tree.as_ref()?;
    // An event noun's subject is its light verb's ("would step up its
    // operations").
    let carrier = (!tree.is_verb(v) && tree.label(v) == Some(Dep::Dobj))
        .then(|| tree.head(v).filter(|&h| ctx.sent.is(h, LIGHT_VERBS)))
        .flatten();
    let s = tree.children(carrier.unwrap_or(v), &[Dep::Nsubj]).next()?;
    ctx.mention_of_node(tree, s)
}

/// The CAMEO code of an intent to do `code`: cooperation (AGREE, 03x) or
/// a threat (13x) by the act's type.
pub(crate) fn intent(code: EventCode) -> Option<EventCode> {
    let c = code.as_str();
    let out = match code.root_number()? {
        1 | 2 | 9 | 10 | 11 | 12 => return Some(code),
        3 => c,
        4 => "036",
        5 => "032",
        6 => match c {
            "061" => "0311",
            "062" => "0312",
            "063" => "0313",
            "064" => "0314",
            _ => "031",
        },
        7 => match c {
            "071" => "0331",
            "072" => "0332",
            "073" => "0333",
            "074" => "0334",
            _ => "033",
        },
        8 => match c.get(..3).unwrap_or(c) {
            "081" => "0351",
            "082" => "0352",
            "083" => "034",
            "084" => "0353",
            "085" => "0354",
            "086" => "0355",
            "087" => "0356",
            _ => "035",
        },
        _ => return threat(code),
    };
    EventCode::parse(out)
}

/// The CAMEO code of a threat to do `code` (13x).
pub(crate) fn threat(code: EventCode) -> Option<EventCode> {
    let c = code.as_str();
    let out = match code.root_number()? {
        13 => c,
        14 => "133",
        15 => "138",
        16 => match c.get(..3).unwrap_or(c) {
            "161" => "1313",
            "162" => "1311",
            "163" => "1312",
            "164" => "134",
            "165" => "135",
            "166" => "136",
            _ => "131",
        },
        17 => match c {
            "1721" => "1321",
            "1722" => "1322",
            "1723" => "1323",
            "1724" => "1324",
            "172" => "132",
            _ => "137",
        },
        18 => "1383",
        19 => match c {
            "191" => "1381",
            "192" => "1382",
            _ => "1384",
        },
        20 => "1385",
        _ => "130",
    };
    EventCode::parse(out)
}

/// The CAMEO code of a request that someone do `code` (10x).
pub(crate) fn request(code: EventCode) -> Option<EventCode> {
    let c = code.as_str();
    let out = match code.root_number()? {
        4 if c.starts_with("045") => "108",
        4 => "106",
        5 => "102",
        6 => match c {
            "061" => "1011",
            "062" => "1012",
            "063" => "1013",
            "064" => "1014",
            _ => "101",
        },
        7 => match c {
            "071" => "1031",
            "072" => "1032",
            "073" => "1033",
            "074" => "1034",
            _ => "103",
        },
        8 => match c.get(..3).unwrap_or(c) {
            "081" => "1051",
            "082" => "1052",
            "083" => "1041",
            "084" => "1053",
            "085" => "1054",
            "086" => "1055",
            "087" => "1056",
            _ => "105",
        },
        3 if c.starts_with("037") => "107",
        _ => "100",
    };
    EventCode::parse(out)
}

/// The CAMEO code of an appeal that someone do `code` (02x): CAMEO's
/// appeals mirror its demands subcode for subcode (`1053` → `0253`).
pub(crate) fn appeal(code: EventCode) -> Option<EventCode> {
    let demand = request(code)?;
    EventCode::parse(&format!("02{}", &demand.as_str()[2..]))
}

/// The CAMEO code of a refusal to do `code` (12x).
pub(crate) fn rejection(code: EventCode) -> Option<EventCode> {
    let c = code.as_str();
    let out = match code.root_number()? {
        4 if c.starts_with("045") => "126",
        4 => "125",
        6 => match c {
            "061" => "1211",
            "062" => "1212",
            "063" => "1213",
            "064" => "1214",
            _ => "121",
        },
        7 => match c {
            "071" => "1221",
            "072" => "1222",
            "073" => "1223",
            "074" => "1224",
            _ => "122",
        },
        8 => match c.get(..3).unwrap_or(c) {
            "081" => "1241",
            "082" => "1242",
            "083" => "123",
            "084" => "1243",
            "085" => "1244",
            "086" => "1245",
            "087" => "1246",
            _ => "124",
        },
        3 if c.starts_with("037") => "127",
        _ => "120",
    };
    EventCode::parse(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn code(c: &str) -> EventCode {
        EventCode::parse(c).unwrap()
    }

    #[test]
    fn families_choose_subcodes_by_the_embedded_act() {
        let s = |c: Option<EventCode>| c.unwrap().to_string();
        assert_eq!(s(intent(code("042"))), "036");
        assert_eq!(s(intent(code("073"))), "0333");
        assert_eq!(s(intent(code("0872"))), "0356");
        assert_eq!(s(intent(code("166"))), "136");
        assert_eq!(s(intent(code("190"))), "1384");
        assert_eq!(s(threat(code("163"))), "1312");
        assert_eq!(s(request(code("0841"))), "1053");
        assert_eq!(s(request(code("190"))), "100");
        assert_eq!(s(appeal(code("0841"))), "0253");
        assert_eq!(s(appeal(code("046"))), "026");
        assert_eq!(s(rejection(code("063"))), "1213");
        assert_eq!(s(rejection(code("046"))), "125");
    }

    #[test]
    fn every_family_code_is_cameo() {
        let table = herald_core::CameoTable::embedded();
        for entry in table.entries() {
            let c = entry.code;
            let all = [intent(c), threat(c), request(c), appeal(c), rejection(c)];
            for out in all.into_iter().flatten() {
                assert!(table.contains(&out), "{c} -> {out}");
            }
        }
    }
}
