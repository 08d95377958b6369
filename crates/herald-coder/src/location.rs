//! Where and when an event happened: its location (a place of the
//! gazetteer) and the date the text gives for it.
//!
//! The location is, in order ([`LocatedBy`]):
//! 1. a place attached to the event's clause: a locative phrase ("in",
//!    "near", "at", "outside", "across"...) under the event word, or under
//!    the verb an event noun is the object or subject of ("held talks in
//!    Geneva"), or under one of their arguments ("attacked a village near
//!    Kandahar", "police in Karachi arrested"); the object of a verb of
//!    attack or movement ("shelled Grozny", "entered Ramallah"), or where it
//!    moves to ("sent troops to Kabul"), even when that place is also the
//!    event's target;
//! 2. else the place of the sentence nearest the event word that is no
//!    actor ("Moscow said" is an actor, "in Moscow" a place);
//! 3. else the story's dateline;
//! 4. else none.
//!
//! The date is that of a date phrase attached to the event's clause
//! (`dates.rs`), else a year the sentence gives ("began in 1988"), else none
//! (the story date applies).

use herald_core::{ActorMention, Date, EventCode, EventDate, LocatedBy, Location, QuadClass, Span};
use herald_geo::{Gazetteer, PlaceId};
use herald_nlp::Dep;

use crate::context::Context;
use crate::dates::{self, Kind, Phrase};
use crate::parse::Tree;
use crate::places::{PlaceRef, StoryPlaces};
use crate::sentence::Sent;

/// How far up the tree an attachment is followed.
const MAX_CLIMB: usize = 8;

/// Prepositions that put an event at a place.
const LOCATIVE: &[&str] = &[
    "in",
    "at",
    "near",
    "outside",
    "inside",
    "around",
    "across",
    "throughout",
    "within",
    "off",
    "along",
    "into",
    "to",
    "towards",
    "toward",
];

/// Of those, the ones that give the place only for a movement ("sent
/// troops to Kabul", but "appealed to Kabul").
const DESTINATIONS: &[&str] = &["into", "to", "towards", "toward"];

/// Labels that open another clause: a place or date under one belongs to it.
const CLAUSES: &[Dep] =
    &[Dep::Ccomp, Dep::Advcl, Dep::Relcl, Dep::Csubj, Dep::Csubjpass, Dep::Parataxis, Dep::Acl];

/// Verbs of saying: a name right before one is someone speaking.
const SPEECH: &[&str] =
    &["said", "says", "told", "added", "stated", "claimed", "warned", "insisted"];

/// Verbs whose object is where they happen: attacks and movements.
const PLACE_VERBS: &[&str] = &[
    "attack",
    "attacked",
    "attacking",
    "attacks",
    "shell",
    "shelled",
    "shelling",
    "shells",
    "bomb",
    "bombed",
    "bombing",
    "bombs",
    "bombard",
    "bombarded",
    "bombarding",
    "raid",
    "raided",
    "raiding",
    "raids",
    "storm",
    "stormed",
    "storming",
    "storms",
    "invade",
    "invaded",
    "invading",
    "invades",
    "occupy",
    "occupied",
    "occupying",
    "occupies",
    "capture",
    "captured",
    "capturing",
    "captures",
    "enter",
    "entered",
    "entering",
    "enters",
    "visit",
    "visited",
    "visiting",
    "visits",
    "besiege",
    "besieged",
    "besieging",
    "strike",
    "struck",
    "striking",
    "strikes",
    "hit",
    "hitting",
    "hits",
    "seize",
    "seized",
    "seizing",
    "seizes",
    "overrun",
    "overran",
    "overrunning",
    "pound",
    "pounded",
    "pounding",
    "pounds",
    "blast",
    "blasted",
    "blasting",
    "blasts",
    "target",
    "targeted",
    "targeting",
    "targets",
    "take",
    "took",
    "taken",
    "taking",
    "takes",
    "reach",
    "reached",
    "reaching",
    "surround",
    "surrounded",
    "surrounding",
    "patrol",
    "patrolled",
    "patrolling",
    "penetrate",
    "penetrated",
    "swoop",
    "swooped",
    "swept",
    "sweep",
    "cross",
    "crossed",
    "crossing",
];

/// Verbs of movement: where they go is where they happen ("arrived in",
/// "flew to", "sent troops into").
const MOVE_VERBS: &[&str] = &[
    "send",
    "sent",
    "sending",
    "sends",
    "deploy",
    "deployed",
    "deploying",
    "deploys",
    "dispatch",
    "dispatched",
    "arrive",
    "arrived",
    "arriving",
    "arrives",
    "fly",
    "flew",
    "flown",
    "flying",
    "flies",
    "travel",
    "travelled",
    "traveled",
    "travelling",
    "traveling",
    "travels",
    "head",
    "headed",
    "heading",
    "heads",
    "go",
    "went",
    "gone",
    "going",
    "goes",
    "come",
    "came",
    "coming",
    "comes",
    "return",
    "returned",
    "returning",
    "returns",
    "move",
    "moved",
    "moving",
    "moves",
    "march",
    "marched",
    "marching",
    "advance",
    "advanced",
    "advancing",
    "push",
    "pushed",
    "pushing",
    "pour",
    "poured",
    "pouring",
    "charge",
    "charged",
    "charging",
    "land",
    "landed",
    "landing",
    "enter",
    "entered",
    "entering",
    "visit",
    "visited",
    "visiting",
    "lead",
    "led",
    "leading",
    "leads",
];

/// What a story says about where and when, for its events.
pub(crate) struct Whereabouts<'g> {
    gaz: Option<&'g Gazetteer>,
    date: Option<Date>,
    places: StoryPlaces,
}

impl<'g> Whereabouts<'g> {
    /// The story's places (`places.rs`) and date.
    pub(crate) fn new(
        gaz: Option<&'g Gazetteer>,
        date: Option<Date>,
        places: StoryPlaces,
    ) -> Whereabouts<'g> {
        Whereabouts { gaz, date, places }
    }

    /// What sentence `idx` says, with its free places `free`.
    pub(crate) fn sentence<'a>(&'a self, idx: usize, free: &'a [PlaceRef]) -> Setting<'a> {
        Setting {
            gaz: self.gaz,
            date: self.date,
            dateline: self.places.dateline,
            free,
            in_actors: self.in_actors(idx),
            phrases: std::cell::OnceCell::new(),
        }
    }

    /// The places inside sentence `idx`'s actor mentions ("protesters in
    /// Nairobi", "Moscow said").
    pub(crate) fn in_actors(&self, idx: usize) -> &[PlaceRef] {
        self.places.in_actors.iter().find(|(i, _)| *i == idx).map_or(&[], |(_, p)| p.as_slice())
    }
}

/// What a sentence says about where and when: its places, its date
/// phrases, and the story's.
pub(crate) struct Setting<'a> {
    gaz: Option<&'a Gazetteer>,
    date: Option<Date>,
    dateline: Option<(PlaceId, Span)>,
    free: &'a [PlaceRef],
    in_actors: &'a [PlaceRef],
    /// The sentence's date phrases, read at its first event: most
    /// sentences that reach the emitter have none.
    phrases: std::cell::OnceCell<Vec<Phrase>>,
}

impl Setting<'_> {
    /// The date and location of the event whose word is token `anchor`,
    /// with the given source and target.
    pub(crate) fn of(
        &self,
        ctx: &Context<'_, '_>,
        anchor: usize,
        code: EventCode,
        source: &ActorMention,
        target: Option<&ActorMention>,
    ) -> (Option<EventDate>, Option<Location>) {
        let verbal =
            code.root_number().is_some_and(|r| matches!(QuadClass::of_root(r).number(), 1 | 3));
        (self.date_of(ctx, anchor, verbal), self.location_of(ctx, anchor, source, target))
    }

    fn location_of(
        &self,
        ctx: &Context<'_, '_>,
        anchor: usize,
        source: &ActorMention,
        target: Option<&ActorMention>,
    ) -> Option<Location> {
        let gaz = self.gaz?;
        let sent = ctx.sent;
        // A place that is (part of) an actor mention names the actor
        // ("Moscow said", "Pakistan's Foreign Ministry"); one that holds
        // it is a place ("in the Rwandan capital").
        let within = |p: &PlaceRef, a: &ActorMention| {
            let span = sent.span(p.start, p.end);
            a.span.start <= span.start && span.end <= a.span.end
        };
        let is_source = |p: &PlaceRef| within(p, source);
        let is_target = |p: &PlaceRef| target.is_some_and(|t| within(p, t));
        let tree = ctx.tree.as_ref();
        let attach = |p: &PlaceRef| tree.and_then(|t| attachment(t, sent, p, anchor));
        // A place inside an actor mention is a place where the sentence
        // says so: after a locative ("in Kabul", "in the north of the
        // Gaza Strip"); otherwise the mention is an actor ("Moscow said").
        let placelike = |p: &PlaceRef| {
            let m = ctx.mention_at.get(p.start).copied().flatten();
            let locative = attach(p)
                .is_some_and(|(via, _)| matches!(via, Via::Prep(k) if !sent.is(k, DESTINATIONS)));
            // "the capital, Buenos Aires".
            let apposed = p.start >= 2
                && sent.is(p.start - 1, &[","])
                && sent.is(p.start - 2, &["capital", "city", "town", "village", "province"]);
            // "Lali said": a person (or an actor) speaking.
            let speaks = sent.is(p.end, SPEECH);
            // "a man from South Australia", "the Adelaide man": where
            // someone comes from.
            let origin = tree.is_some_and(|t| {
                place_head(t, p).and_then(|k| t.head(k)).is_some_and(|h| {
                    sent.is(h, &["from"]) && t.head(h).is_some_and(|n| !t.is_verb(n))
                })
            });
            (m.is_none_or(|m| ctx.is_location(m)) || locative || apposed) && !speaks && !origin
        };
        let places = || self.free.iter().chain(self.in_actors);
        let chosen = tree
            .and_then(|tree| {
                let head = clause_head(tree, anchor);
                let verbs = event_verbs(tree, anchor, false);
                let moves = |k: usize| sent.is(k, MOVE_VERBS);
                // Of the places in the clause: where it goes or what it
                // strikes first, then a place of the event word itself,
                // then one of its object's, then of its subject's ("The
                // US commander in Iraq held talks ... during a visit to
                // Beirut"); the nearest among equals.
                places()
                    .filter_map(|p| {
                        let (via, at) = attach(p)?;
                        let rank = match via {
                            // Where a movement goes, even to its target
                            // ("sent troops to Afghanistan").
                            Via::Prep(k) if sent.is(k, DESTINATIONS) => {
                                (moves(at) || moves(anchor) || moves(head)).then_some(0)?
                            }
                            // What an attack or a movement reaches ("shelled
                            // Grozny", "the bombing of Kandahar").
                            Via::Object => (sent.is(at, PLACE_VERBS) || moves(at)).then_some(0)?,
                            Via::Prep(_) if at == anchor || at == head => 1,
                            Via::Prep(_) if at > anchor => 2,
                            Via::Prep(_) => 3,
                        };
                        (!is_source(p) && in_clause(tree, at, &verbs)).then_some((
                            rank,
                            distance(p, anchor),
                            p,
                        ))
                    })
                    .min_by_key(|&(rank, distance, p)| (rank, distance, p.start))
                    .map(|(_, _, p)| (p, LocatedBy::Clause))
            })
            .or_else(|| {
                places()
                    .filter(|p| placelike(p) && !is_source(p) && !is_target(p))
                    .min_by_key(|p| (distance(p, anchor), p.start))
                    .map(|p| (p, LocatedBy::Sentence))
            });
        if let Some((p, how)) = chosen {
            // "in the West Bank town of Hebron", "in Jerusalem, in northern
            // Israel": the most precise of the places that lie in it.
            let inner = places()
                .filter(|q| placelike(q) && !is_source(q) && gaz.contains(p.place, q.place))
                .min_by_key(|q| (distance(q, anchor), q.start));
            return self.location(gaz, sent, inner.unwrap_or(p), how);
        }
        let (place, span) = self.dateline?;
        self.fill(gaz, place, span, LocatedBy::Dateline)
    }

    fn location(
        &self,
        gaz: &Gazetteer,
        sent: &Sent<'_>,
        p: &PlaceRef,
        how: LocatedBy,
    ) -> Option<Location> {
        self.fill(gaz, p.place, sent.span(p.start, p.end), how)
    }

    fn fill(&self, gaz: &Gazetteer, id: PlaceId, span: Span, how: LocatedBy) -> Option<Location> {
        let place = gaz.place(id)?;
        Some(Location {
            name: place.name.to_string(),
            span,
            geonameid: place.geonameid,
            country: place.country.as_str().to_string(),
            admin1: gaz.admin1_of(id).map(|a| a.name.to_string()),
            lat: place.lat,
            lon: place.lon,
            how,
        })
    }

    fn date_of(&self, ctx: &Context<'_, '_>, anchor: usize, verbal: bool) -> Option<EventDate> {
        let sent = ctx.sent;
        let phrases = self.phrases.get_or_init(|| dates::find(sent));
        if phrases.is_empty() {
            return None;
        }
        let phrase = match &ctx.tree {
            Some(tree) => {
                let verbs = event_verbs(tree, anchor, verbal);
                phrases.iter().find(|p| {
                    date_attachment(tree, sent, p)
                        .is_some_and(|at| dates_event(tree, at, anchor, &verbs))
                })
            }
            None => {
                let (from, to) = (ctx.clause_start(anchor, &[]), ctx.clause_end(anchor + 1));
                phrases.iter().find(|p| from <= p.start && p.end <= to)
            }
        };
        // A year the sentence gives is the events' ("began in 1988").
        let phrase = phrase.or_else(|| phrases.iter().find(|p| matches!(p.kind, Kind::Year(_))))?;
        let (date, precision) = phrase.resolve(self.date, future(sent, anchor))?;
        Some(EventDate { date, precision, span: sent.span(phrase.start, phrase.end) })
    }
}

/// Gives each material event (an act, not words: CAMEO quad classes 2
/// and 4) that the rules above leave without a location the location of
/// the story's last material event before it that has one: "Israeli tanks
/// entered Jenin. Two gunmen were shot." Verbal events neither take nor
/// give one: where words were said is rarely where the story's acts happen.
pub(crate) fn from_story(events: &mut [herald_core::Event]) {
    let mut last: Option<Location> = None;
    for e in events {
        let material =
            e.code.root_number().is_some_and(|r| matches!(QuadClass::of_root(r).number(), 2 | 4));
        if !material {
            continue;
        }
        match &e.location {
            Some(l) => last = Some(l.clone()),
            None => e.location = last.clone().map(|l| Location { how: LocatedBy::Story, ..l }),
        }
    }
}

/// Whether the event at `anchor` lies ahead: "will", "'ll" or "shall"
/// shortly before it.
fn future(sent: &Sent<'_>, anchor: usize) -> bool {
    (anchor.saturating_sub(3)..anchor).any(|k| sent.is(k, &["will", "'ll", "shall", "wo"]))
}

/// The verb that carries an event word: the word itself, or for an event
/// noun that is a verb's object or subject, that verb ("held talks",
/// "talks ended").
fn clause_head(tree: &Tree, anchor: usize) -> usize {
    // "was given a jail sentence in June 1995": a noun's modifier stands
    // for the noun it modifies.
    let anchor = match tree.head(anchor) {
        Some(h)
            if matches!(tree.label(anchor), Some(Dep::Compound | Dep::Amod))
                && !tree.is_verb(anchor)
                && !tree.is_verb(h) =>
        {
            h
        }
        _ => anchor,
    };
    let argument = matches!(
        tree.label(anchor),
        Some(Dep::Dobj | Dep::Nsubj | Dep::Nsubjpass | Dep::Attr | Dep::Pobj)
    );
    match tree.head(anchor) {
        Some(h) if argument && !tree.is_verb(anchor) && tree.is_verb(h) => h,
        Some(h) if tree.label(anchor) == Some(Dep::Pobj) && !tree.is_verb(anchor) => {
            // "launched attacks on": the preposition's head.
            tree.head(h).filter(|&v| tree.is_verb(v)).unwrap_or(anchor)
        }
        _ => anchor,
    }
}

/// How a place hangs in the tree.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Via {
    /// Under the preposition at this token.
    Prep(usize),
    /// As the direct object of its head.
    Object,
}

/// The token of a place mention whose head lies outside it.
fn place_head(tree: &Tree, p: &PlaceRef) -> Option<usize> {
    (p.start..p.end).find(|&k| tree.head(k).is_none_or(|h| !(p.start..p.end).contains(&h)))
}

/// How a place attaches, and the token it hangs from: the locative
/// preposition it is the object of and that preposition's head; or as the
/// direct object of a verb, or the "of" object of the event word itself
/// ("the bombing of Kandahar"). "of" phrases are climbed ("on the edge of
/// the town of Jenin", "patrolling the streets of Kabul").
fn attachment(tree: &Tree, sent: &Sent<'_>, p: &PlaceRef, anchor: usize) -> Option<(Via, usize)> {
    let mut k = place_head(tree, p)?;
    // A place modifying a noun ("Gaza City security buildings") is where
    // that noun is only as the object of an attack; "in the US bombing"
    // puts nothing in the United States.
    let mut modifier = false;
    for _ in 0..MAX_CLIMB {
        let h = tree.head(k)?;
        match tree.label(k)? {
            Dep::Dobj => return Some((Via::Object, h)),
            Dep::Pobj if sent.is(h, LOCATIVE) && !modifier => {
                return Some((Via::Prep(h), tree.head(h)?));
            }
            Dep::Pobj if sent.is(h, &["of"]) => {
                let noun = tree.head(h)?;
                if noun == anchor && !modifier {
                    return Some((Via::Object, anchor));
                }
                k = noun;
            }
            Dep::Appos | Dep::Conj => k = h,
            // "US airstrikes", "Israeli raids": the doer's country.
            Dep::Compound | Dep::Nmod | Dep::Amod if h == anchor => return None,
            Dep::Compound | Dep::Nmod | Dep::Amod => {
                modifier = true;
                k = h;
            }
            _ => return None,
        }
    }
    None
}

/// How far a place is from the event word, in tokens.
fn distance(p: &PlaceRef, anchor: usize) -> usize {
    p.start.abs_diff(anchor).min(p.end.abs_diff(anchor + 1))
}

/// Whether token `at` belongs to the clause of an event (`verbs`, see
/// [`event_verbs`]): it is one of its verbs, or lies under one with no
/// other clause in between.
fn in_clause(tree: &Tree, at: usize, verbs: &[usize]) -> bool {
    let mut k = at;
    for _ in 0..=MAX_CLIMB {
        if verbs.contains(&k) {
            return true;
        }
        if tree.label(k).is_some_and(|l| CLAUSES.contains(&l)) {
            return false;
        }
        let Some(h) = tree.head(k) else { return false };
        k = h;
    }
    false
}

/// The token a date phrase dates, and whether it modifies that word as a
/// noun does ("Thursday's attack", "the 1988 accord"): its head, through
/// the prepositions of time ("on Monday"), a part of a period ("at the
/// beginning of the month") and an adverb ("earlier on Sunday"). A phrase
/// under another preposition ("since Sunday", "until March") dates nothing.
fn date_attachment(tree: &Tree, sent: &Sent<'_>, p: &Phrase) -> Option<(usize, bool)> {
    let inside = |k: usize| (p.start..p.end).contains(&k);
    let root = (p.start..p.end).find(|&k| tree.head(k).is_none_or(|h| !inside(h)))?;
    let nominal =
        matches!(tree.label(root), Some(Dep::Poss | Dep::Compound | Dep::Amod | Dep::Nmod));
    let mut h = tree.head(root)?;
    for _ in 0..4 {
        if sent.is(h, &["on", "in", "at", "during", "by"])
            || (tree.label(h) == Some(Dep::Advmod) && !tree.is_verb(h))
        {
            h = tree.head(h)?;
        } else if sent.is(h, &["of"]) {
            // Only "the beginning of the month" and the like.
            let part = tree.head(h)?;
            if !sent.is(part, &["beginning", "end", "middle", "start", "course"]) {
                return None;
            }
            h = tree.head(part)?;
        } else if tree.tag(h).is_some_and(|t| t == herald_nlp::Tag::In) {
            return None;
        } else {
            break;
        }
    }
    Some((h, nominal))
}

/// The verbs whose time is the event's: the event word, the verb that
/// carries it, and those it depends on as an adverbial clause, a conjunct,
/// an open complement or the object of a preposition ("killed ... before
/// being killed"); for words (a verbal event), the verb of saying too ("On
/// Friday he said he was willing to meet").
fn event_verbs(tree: &Tree, anchor: usize, verbal: bool) -> Vec<usize> {
    let head = clause_head(tree, anchor);
    let mut verbs = vec![anchor, head];
    let mut k = head;
    for _ in 0..4 {
        let up = match tree.label(k) {
            Some(Dep::Advcl | Dep::Conj | Dep::Xcomp | Dep::Pcomp | Dep::Prep | Dep::Acomp) => true,
            Some(Dep::Ccomp) => verbal,
            _ => false,
        };
        let Some(h) = tree.head(k).filter(|_| up) else { break };
        verbs.push(h);
        k = h;
    }
    verbs
}

/// Whether a date attached at `at` dates an event of `verbs` (whose word
/// is `anchor`): it is one of them, or a noun right under one or under its
/// preposition ("bombarded vehicles in pre-dawn raids on Sunday"); a date
/// that modifies a noun dates that noun only.
fn dates_event(tree: &Tree, (at, nominal): (usize, bool), anchor: usize, verbs: &[usize]) -> bool {
    if nominal {
        return at == anchor;
    }
    if verbs.contains(&at) {
        return true;
    }
    let Some(h) = tree.head(at).filter(|_| !tree.is_verb(at)) else { return false };
    verbs.contains(&h)
        || (tree.tag(h) == Some(herald_nlp::Tag::In)
            && tree.head(h).is_some_and(|v| verbs.contains(&v)))
}
