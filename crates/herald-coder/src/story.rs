//! What a story tells about its actors beyond one sentence: the country it
//! is about, which gives a country to actors that name none ("police",
//! "the government", "militants"), and who its pronouns stand for.

use herald_core::ActorMention;
use herald_core::Date;
use herald_dict::{ActorKind, Dictionaries};

use crate::mentions::{self, Mention};
use crate::places::PlaceRef;
use crate::sentence::Sent;

/// The story's actors, as far as coding has got.
#[derive(Debug, Default)]
pub(crate) struct Story {
    /// The country the story is mostly about, if one stands out.
    home: Option<String>,
    /// The two countries a story names most, when both are named often:
    /// each is the other's opponent in fighting whose other side the
    /// sentence leaves unsaid ("Israeli soldiers returned fire").
    sides: Option<(String, String)>,
    /// Where each country was last named, for the evidence of an opponent
    /// the sentence leaves unsaid.
    last_named: Vec<(String, ActorMention)>,
    /// Every country the story names.
    countries: Vec<String>,
    /// Actors of earlier sentences, most recent sentence last.
    recent: Vec<Antecedent>,
    /// Who is speaking in the quotation the last sentence ended in, for a
    /// quotation that goes on over several sentences.
    speaker: Option<Mention>,
}

/// An actor a pronoun can stand for.
#[derive(Clone, Debug)]
struct Antecedent {
    mention: Mention,
    number: Number,
    /// Sentence index.
    sentence: usize,
}

/// What a mention or pronoun refers to: a person ("he"), a singular
/// collective ("it"), a group ("they"), or a body news calls either ("the
/// military said it", "the military said they").
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Number {
    Person,
    Thing,
    Group,
    Body,
}

impl Number {
    /// Whether a pronoun of number `pronoun` can stand for a mention of this one.
    fn takes(self, pronoun: Number) -> bool {
        self == pronoun || (self == Number::Body && pronoun != Number::Person)
    }
}

/// Pronouns standing for an actor, as subjects, objects or possessors.
/// Words that end a clause before a pronoun.
const CLAUSE_BREAKS: &[&str] = &[",", ";", ":", "and", "but", "or", "\"", "“", "”"];

/// Nouns that, after "both" or "the two", stand for a story's two sides.
const SIDES: &[&str] =
    &["sides", "countries", "nations", "rivals", "neighbours", "neighbors", "enemies", "foes"];

/// Whether mentions `a` and `b`, side by side, are the two halves of "both
/// sides" ([`Story::two_sides`]): one compound actor.
pub(crate) fn joint(sent: &Sent<'_>, a: &Mention, b: &Mention) -> bool {
    a.end == b.start && a.pronoun && b.pronoun && b.end == b.start + 1 && sent.is(b.start, SIDES)
}

fn pronoun(word: &str) -> Option<Number> {
    match word {
        "he" | "she" | "him" | "his" | "her" => Some(Number::Person),
        "it" | "its" => Some(Number::Thing),
        "they" | "them" | "their" => Some(Number::Group),
        _ => None,
    }
}

/// Head words of agent phrases that name one person.
const PERSONS: &[&str] = &[
    "president",
    "minister",
    "premier",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "leader",
    "chief",
    "official",
    "envoy",
    "ambassador",
    "secretary",
    "general",
    "commander",
    "king",
    "queen",
    "prince",
    "emir",
    "sheikh",
    "governor",
    "mayor",
    "senator",
    "chairman",
    "chancellor",
    "diplomat",
    "negotiator",
    "officer",
    "lawmaker",
    "mp",
    "judge",
    "prosecutor",
    "head",
    "counterpart",
    "representative",
    "adviser",
    "advisor",
    "director",
    "deputy",
    "monarch",
    "dictator",
    "ruler",
    "colonel",
    "commissioner",
    "coordinator",
    "mediator",
    "man",
    "woman",
];

/// Nouns that, after "the", stand for the organisation named last.
const ORGANISATIONS: &[&str] =
    &["organisation", "organization", "group", "movement", "agency", "body", "alliance"];

/// Head words of agent phrases that name a group of people.
const GROUPS: &[&str] = &["police", "people", "clergy", "media", "youth", "staff"];

/// Head words of agent phrases that name a body of people, singular or plural.
const BODIES: &[&str] = &["military"];

impl Story {
    /// The story context of a story whose sentences have `mentions` and
    /// `places`: its home country is the one its actors and places name
    /// most often, if it is named at least twice and more often than any
    /// other.
    pub fn new<'m>(
        mentions: impl IntoIterator<Item = &'m [Mention]>,
        places: impl IntoIterator<Item = &'m PlaceRef>,
    ) -> Story {
        let mut counts: Vec<(&str, usize)> = Vec::new();
        let mentions: Vec<&Mention> = mentions.into_iter().flatten().collect();
        let mentions_armed: Vec<String> = mentions
            .iter()
            .filter(|m| ["MIL", "REB", "UAF", "INS", "COP"].iter().any(|a| m.code.ends_with(a)))
            .filter_map(|m| m.country.clone())
            .collect();
        let actors = mentions
            .iter()
            .filter(|m| !m.code.starts_with("IGO"))
            .filter_map(|m| m.country.as_deref());
        for country in actors.chain(places.into_iter().map(|p| p.country.as_str())) {
            if country == "EUR" {
                continue;
            }
            match counts.iter_mut().find(|(c, _)| *c == country) {
                Some((_, n)) => *n += 1,
                None => counts.push((country, 1)),
            }
        }
        let top = counts.iter().map(|&(_, n)| n).max().unwrap_or(0);
        let leaders: Vec<&str> =
            counts.iter().filter(|&&(_, n)| n == top).map(|&(c, _)| c).collect();
        let home = (top >= 2 && leaders.len() == 1).then(|| leaders[0].to_string());
        counts.sort_by_key(|&(_, n)| std::cmp::Reverse(n));
        // A story has sides only where it names armed forces of one of them.
        let armed: Vec<&str> = mentions_armed.iter().map(String::as_str).collect();
        let sides = match counts.as_slice() {
            [(a, _), (b, m), rest @ ..]
                if *m >= 2
                    && rest.first().is_none_or(|r| r.1 < *m)
                    && (armed.contains(a) || armed.contains(b)) =>
            {
                Some((a.to_string(), b.to_string()))
            }
            _ => None,
        };
        let countries = counts.iter().map(|&(c, _)| c.to_string()).collect();
        Story { home, sides, last_named: Vec::new(), countries, recent: Vec::new(), speaker: None }
    }

    /// Completes a sentence's mentions: agents with no country take one
    /// from the story; pronouns become mentions of the actor they stand for.
    /// `places` are the sentence's free places and those inside its actor
    /// mentions.
    pub fn complete(
        &self,
        sent: &Sent<'_>,
        mut mentions: Vec<Mention>,
        (places, in_actors): (&[PlaceRef], &[PlaceRef]),
        people: (&Dictionaries, Option<Date>),
    ) -> Vec<Mention> {
        let (dicts, date) = people;
        mentions::honorific_people(sent, dicts, date, &mut mentions, |c| {
            self.countries.iter().any(|k| k == c)
        });
        // "its troops", "their weapons": an agent of the actor the
        // possessive stands for.
        for i in 0..sent.len() {
            if !sent.is(i, &["its", "their", "his", "her"]) {
                continue;
            }
            let Some(k) = mentions.iter().position(|m| {
                m.start == i + 1 && m.kind == ActorKind::Agent && m.country.is_none() && !m.prefix
            }) else {
                continue;
            };
            if let Some(antecedent) = self.antecedent(sent, &mentions, i) {
                let m = &mut mentions[k];
                let agent = m.code.trim_start_matches("---").to_string();
                if let Some(country) = antecedent.country {
                    m.code = format!("{country}{agent}");
                    m.country = Some(country);
                    m.start = i;
                    m.inferred = true;
                    m.pronoun = true;
                    m.owner = Some(antecedent.code);
                }
            }
        }
        let quoted = sent.quoted();
        for k in 0..mentions.len() {
            let m = &mentions[k];
            if m.kind != ActorKind::Agent || m.country.is_some() || m.prefix {
                continue;
            }
            // "Karachi police", "police in Karachi": a place attached to
            // the agent; else "the army" after "the Israeli army": the same
            // kind of actor mentioned last with a country, in this sentence
            // or before; else a place of the sentence; else the story's
            // home country.
            let agent = m.code.trim_start_matches("---").to_string();
            // Words quoted are the speaker's, not a clue to who the speaker
            // is: `"... New Delhi ...," ministry spokesman Khan said`.
            let heard = |i: usize| !quoted[i] || quoted[m.start];
            let after = |p: &PlaceRef| {
                let at = |k: usize| sent.is(k, &["in", "of", "from"]);
                (p.start == m.end + 1 && at(m.end))
                    || (p.start == m.end + 2 && at(m.end) && sent.is(m.end + 1, &["the"]))
            };
            let attached = places.iter().find(|p| p.end == m.start || after(p));
            let places = || places.iter().find(|p| heard(p.start));
            // "Gunmen kidnapped schoolchildren in northern Nigeria", "fired
            // at protesters in Nairobi": a story with no home is where its
            // sentence says, in the actors' own words too, unless it names
            // actors of another country ("Somali factions ... talks in Kenya").
            let located = || {
                in_actors.iter().find(|p| {
                    let foreign = mentions
                        .iter()
                        .any(|o| o.country.as_ref().is_some_and(|c| *c != p.country));
                    !foreign
                        && heard(p.start)
                        && (1..=2).any(|b| p.start >= b && sent.is(p.start - b, &["in", "at"]))
                })
            };
            // "the militants" after "Al Qaeda fighters": armed men are of
            // the armed group named last, one with no country too.
            let stateless = |o: &Mention| {
                same_agent(&agent, "REB") && o.country.is_none() && o.code.starts_with("IMG")
            };
            // "In Washington, ...": a capital named as where is no actor.
            let locative = |o: &Mention| {
                o.kind == ActorKind::Capital && o.start > 0 && sent.is(o.start - 1, &["in", "at"])
            };
            let same_kind = |o: &Mention| {
                o.country.is_some() && same_agent(agent_of(o), &agent) && !locative(o)
            };
            let last = mentions[..k]
                .iter()
                .filter(|o| heard(o.start))
                .rev()
                .chain(self.recent.iter().rev().map(|a| &a.mention))
                .find(|o| same_kind(o) || stateless(o));
            if let Some(group) = last.filter(|o| attached.is_none() && stateless(o)) {
                let code = group.code.clone();
                let m = &mut mentions[k];
                m.code = code;
                m.inferred = true;
                continue;
            }
            let antecedent = || last.and_then(|o| o.country.clone());
            // "In Kabul, the defence minister said": a capital named as
            // where the role, the next actor named, is.
            let capital = || {
                let at = mentions[..k].iter().rposition(|o| o.kind == ActorKind::Capital)?;
                let o = &mentions[at];
                let next = at + 1 == k;
                (next && heard(o.start) && o.start > 0 && sent.is(o.start - 1, &["in"]))
                    .then_some(o)
            };
            // "Hong Kong police fired tear gas at protesters": police act on
            // their own country's people.
            let policed = || {
                let people = ["CVL", "OPP", "EDU", "LAB"].iter().any(|a| same_agent(a, &agent));
                mentions
                    .iter()
                    .find(|o| people && o.code.ends_with("COP") && !o.inferred)
                    .and_then(|o| o.country.clone())
            };
            let country = attached
                .map(|p| p.country.clone())
                .or_else(antecedent)
                .or_else(|| places().map(|p| p.country.clone()))
                .or_else(policed)
                .or_else(|| capital().and_then(|o| o.country.clone()))
                .or_else(|| self.home.clone())
                .or_else(|| located().map(|p| p.country.clone()));
            if let Some(country) = country {
                let m = &mut mentions[k];
                m.code = format!("{country}{agent}");
                m.country = Some(country);
                m.inferred = true;
            }
        }
        let mut pronouns = self.two_sides(sent, &mentions);
        // "the organisation", "the group": the organisation named last.
        for i in 1..sent.len() {
            let free = |k: usize| !mentions.iter().any(|m| (m.start..m.end).contains(&k));
            if !sent.is(i - 1, &["the"]) || !sent.is(i, ORGANISATIONS) || !free(i) {
                continue;
            }
            let last = self.recent.iter().rev().map(|a| &a.mention).find(|m| {
                m.kind == ActorKind::Organisation && !m.has_agent && !m.pronoun && !m.inferred
            });
            if let Some(m) = last {
                pronouns.push(Mention { start: i - 1, end: i + 1, inferred: true, ..m.clone() });
            }
        }
        for i in 0..sent.len() {
            if pronoun(&sent.lower[i]).is_none()
                || mentions.iter().any(|m| (m.start..m.end).contains(&i))
            {
                continue;
            }
            if let Some(antecedent) = self.antecedent(sent, &mentions, i) {
                pronouns.push(Mention { start: i, end: i + 1, pronoun: true, ..antecedent });
            }
        }
        if !pronouns.is_empty() {
            mentions.extend(pronouns);
            mentions.sort_by_key(|m| m.start);
        }
        self.first_person(sent, mentions)
    }

    /// "We will downgrade their embassy staff," the spokesman said: in a
    /// quotation, "we", "our", "I" stand for its speaker, named in the
    /// sentence or in the one the quotation began in.
    fn first_person(&self, sent: &Sent<'_>, mut mentions: Vec<Mention>) -> Vec<Mention> {
        if !sent.has_quote() && self.speaker.is_none() {
            return mentions;
        }
        let quoted = sent.quoted();
        let first = |i: usize| {
            quoted[i]
                && sent.is(i, FIRST_PERSON)
                && !mentions.iter().any(|m| (m.start..m.end).contains(&i))
        };
        if !(0..sent.len()).any(first) {
            return mentions;
        }
        let speaker = match quote_speaker(sent, &mentions, &quoted) {
            Some(k) => mentions[k].clone(),
            None if sent.opens_quote() => match &self.speaker {
                Some(s) => s.clone(),
                None => return mentions,
            },
            None => return mentions,
        };
        let found: Vec<Mention> = (0..sent.len())
            .filter(|&i| first(i))
            .map(|i| Mention {
                start: i,
                end: i + 1,
                pronoun: true,
                inferred: true,
                owner: None,
                ..speaker.clone()
            })
            .collect();
        mentions.extend(found);
        mentions.sort_by_key(|m| m.start);
        mentions
    }

    /// The actor the pronoun at token `i` stands for: an earlier actor of
    /// the same sentence, else one of the nearest earlier sentence that has
    /// one. A subject pronoun most often stands for a subject ("Musharraf
    /// says he is ready": the first actor), an object or possessive one for
    /// the nearest actor ("praised Azerbaijan for its efforts").
    fn antecedent(&self, sent: &Sent<'_>, mentions: &[Mention], i: usize) -> Option<Mention> {
        let number = pronoun(&sent.lower[i])?;
        let subject = sent.is(i, &["he", "she", "it", "they"]);
        let candidates = mentions
            .iter()
            .filter(|m| {
                // News media report; "it" is seldom the agency.
                let media = m.code.get(3..) == Some("MED");
                let party = (m.country.is_some() && !media) || m.code.starts_with("IGO");
                m.end <= i && party && number_of(sent, m).takes(number)
            })
            // "Palestinian-controlled land": the first part of a compound
            // modifier names no one.
            .filter(|m| !sent.is(m.end, &["-"]))
            // "In Washington, the IMF said it ...": a capital named as where.
            .filter(|m| {
                m.kind != ActorKind::Capital || m.start == 0 || !sent.is(m.start - 1, &["in", "at"])
            });
        // "Iran will not suspend enrichment despite UN sanctions, its
        // negotiator said": the possessor of a closing attribution's
        // speaker is the sentence's first actor, not the nearest.
        let attribution = i > 0
            && sent.is(i - 1, &[","])
            && sent.is(i, &["its", "their"])
            && (i + 1..sent.len().min(i + 6)).any(|k| sent.is(k, ATTRIBUTION))
            && (i + 1..sent.len()).all(|k| !sent.is(k, &[","]));
        let same = if subject || attribution {
            candidates.min_by_key(|m| m.start)
        } else {
            // "gunmen who opened fire on them": an object pronoun is not
            // the subject of its own clause, the actor just before it with
            // nothing but words of the clause between.
            let mut nearest: Vec<&Mention> = candidates.collect();
            nearest.sort_by_key(|m| std::cmp::Reverse(m.start));
            let object = sent.is(i, &["them", "him"]);
            // "the gunmen, who had opened fire on them": a relative
            // pronoun makes its noun its clause's subject.
            let relative = |m: &Mention| {
                let at = if sent.is(m.end, &[","]) { m.end + 1 } else { m.end };
                sent.is(at, &["who", "which", "that"]).then_some(at + 1)
            };
            let own_subject = |m: &Mention| {
                let from = relative(m).unwrap_or(m.end);
                (from..i).all(|k| !sent.is(k, CLAUSE_BREAKS))
                    && !mentions.iter().any(|o| o.start >= m.end && o.end <= i)
            };
            match nearest.as_slice() {
                [first, rest @ ..] if object && own_subject(first) => rest.first().copied(),
                [first, ..] => Some(*first),
                [] => None,
            }
        };
        same.cloned().or_else(|| {
            let last = self.recent.iter().rev().find(|a| a.number.takes(number))?.sentence;
            self.recent
                .iter()
                .find(|a| a.sentence == last && a.number.takes(number))
                .map(|a| a.mention.clone())
        })
    }

    /// The country the story is mostly about, if one stands out.
    pub fn home(&self) -> Option<&str> {
        self.home.as_deref()
    }

    /// "both sides", "the two countries": the story's two sides, as two
    /// mentions side by side that [`joint`] makes one compound actor.
    fn two_sides(&self, sent: &Sent<'_>, mentions: &[Mention]) -> Vec<Mention> {
        let Some((a, b)) = self.sides.as_ref() else { return Vec::new() };
        let mut out = Vec::new();
        for i in 0..sent.len() {
            let lead = if sent.is(i, &["both"]) {
                1
            } else if sent.is(i, &["the"]) && sent.is(i + 1, &["two"]) {
                2
            } else {
                continue;
            };
            let noun = i + lead;
            let free = (i..=noun).all(|k| !mentions.iter().any(|m| (m.start..m.end).contains(&k)));
            if !sent.is(noun, SIDES) || !free {
                continue;
            }
            let side = |start: usize, end: usize, country: &str| Mention {
                start,
                end,
                code: country.to_string(),
                country: Some(country.to_string()),
                kind: ActorKind::Country,
                has_agent: false,
                prefix: false,
                base: None,
                pronoun: true,
                inferred: true,
                owner: None,
            };
            out.push(side(i, noun, a));
            out.push(side(noun, noun + 1, b));
        }
        out
    }

    /// Whether `a` and `b` are the two sides of the story's fighting.
    pub fn are_sides(&self, a: &str, b: &str) -> bool {
        self.sides.as_ref().is_some_and(|(x, y)| (x == a && y == b) || (x == b && y == a))
    }

    /// The other side of `country` in the story's fighting, with where it
    /// was last named.
    pub fn opponent(&self, country: &str) -> Option<&ActorMention> {
        let (a, b) = self.sides.as_ref()?;
        let other = if country == a {
            b
        } else if country == b {
            a
        } else {
            return None;
        };
        self.last_named.iter().find(|(c, _)| c == other).map(|(_, m)| m)
    }

    /// Remembers sentence `sentence`'s actors as antecedents for later pronouns.
    pub fn observe(&mut self, sent: &Sent<'_>, mentions: &[Mention], sentence: usize) {
        for m in mentions.iter().filter(|m| !m.inferred && !m.pronoun) {
            let Some(country) = &m.country else { continue };
            let named = ActorMention {
                code: country.clone(),
                country: Some(country.clone()),
                span: sent.span(m.start, m.end),
            };
            match self.last_named.iter_mut().find(|(c, _)| c == country) {
                Some((_, last)) => *last = named,
                None => self.last_named.push((country.clone(), named)),
            }
        }
        let international =
            |m: &Mention| ["IGO", "NGO", "IMG"].iter().any(|p| m.code.starts_with(p));
        for m in mentions.iter().filter(|m| m.country.is_some() || international(m)) {
            let number = number_of(sent, m);
            self.recent.push(Antecedent { mention: m.clone(), number, sentence });
        }
        // Pronouns and agents reach back a few sentences at most.
        self.recent.retain(|a| a.sentence + 5 > sentence);
        // A quotation's speaker holds while the quotation goes on: into the
        // sentences that open with a quotation mark after it.
        self.speaker = if sent.has_quote() {
            let quoted = sent.quoted();
            quote_speaker(sent, mentions, &quoted)
                .map(|k| mentions[k].clone())
                .or_else(|| self.speaker.take().filter(|_| sent.opens_quote()))
        } else {
            None
        };
    }
}

/// First-person pronouns, which in a quotation stand for its speaker.
const FIRST_PERSON: &[&str] = &["we", "us", "our", "i", "me", "my"];

/// Verbs that attribute a quotation to its speaker.
const ATTRIBUTION: &[&str] = &[
    "said",
    "says",
    "say",
    "added",
    "adds",
    "told",
    "tells",
    "stated",
    "declared",
    "warned",
    "insisted",
    "explained",
    "according",
];

/// The mention that a sentence's quotation is attributed to: an actor
/// outside the quotation next to an attributing verb (`," Mr Jan said`,
/// `," said Gul Lali`, `Mr Jan said: "`).
fn quote_speaker(sent: &Sent<'_>, mentions: &[Mention], quoted: &[bool]) -> Option<usize> {
    let attributes = |i: usize| !quoted[i] && sent.is(i, ATTRIBUTION);
    // The speaker's name may follow the role: "spokesman Aziz Ahmed Khan said".
    let name = |i: &usize| sent.tokens[*i].starts_with(char::is_uppercase);
    mentions.iter().position(|m| {
        let after = (m.end..sent.len()).find(|i| !name(i)).is_some_and(|i| {
            attributes(i) || (i + 1 < sent.len() && attributes(i + 1) && !quoted[i])
        });
        !quoted[m.start]
            && (m.country.is_some() || m.kind == ActorKind::Organisation)
            && (after || (m.start.saturating_sub(2)..m.start).any(attributes))
    })
}

/// The agent part of an actor code with a country (`MIL` of `ISRMIL`).
fn agent_of(m: &Mention) -> &str {
    match &m.country {
        Some(c) if m.code.len() > c.len() && m.code.starts_with(c.as_str()) => &m.code[c.len()..],
        _ => "",
    }
}

/// Whether two agent codes name the same kind of actor; the armed groups'
/// codes are one kind ("Palestinian gunmen" ... "the militants").
fn same_agent(a: &str, b: &str) -> bool {
    const ARMED: &[&str] = &["REB", "UAF", "INS"];
    !a.is_empty() && (a == b || (ARMED.contains(&a) && ARMED.contains(&b)))
}

/// Whether `word` is a plural noun of people: "leaders", "gunmen",
/// "children", or one of [`GROUPS`].
fn plural(word: &str) -> bool {
    GROUPS.contains(&word)
        || word.ends_with('s')
        || word.ends_with("men")
        || matches!(word, "children" | "personnel")
}

/// Whether mention `m` names a group of people ("factions", "leaders").
pub(crate) fn is_group(sent: &Sent<'_>, m: &Mention) -> bool {
    let head = sent.lower.get(m.end.saturating_sub(1)).map_or("", String::as_str);
    // "rival Afghan factions": a demonym before a plural noun the
    // dictionaries do not know.
    let people = m.kind == ActorKind::CountryAdjective
        && sent.lower.get(m.end).is_some_and(|n| n.len() > 3 && plural(n));
    !m.pronoun && ((m.has_agent && plural(head)) || people)
}

/// Whether mention `m` is a person, a thing or a group, by its kind and
/// its last word.
fn number_of(sent: &Sent<'_>, m: &Mention) -> Number {
    let last = m.end.saturating_sub(1);
    let head = sent.lower.get(last).map_or("", String::as_str);
    // "Pakistan's President Pervez Musharraf": a role that ends in a name.
    let named = m.has_agent
        && m.end > m.start + 1
        && sent.tokens.get(last).is_some_and(|t| t.chars().next().is_some_and(char::is_uppercase));
    // "militants from Hamas", "officials of the UN": the people come first.
    let first = sent.lower.get(m.start).map_or("", String::as_str);
    let people_of = m.has_agent && sent.is(m.start + 1, &["of", "from", "in"]) && plural(first);
    match m.kind {
        _ if m.pronoun => pronoun(head).unwrap_or(Number::Thing),
        _ if people_of => Number::Group,
        _ if named || (m.has_agent && PERSONS.contains(&head)) => Number::Person,
        _ if BODIES.contains(&head) => Number::Body,
        ActorKind::Named => Number::Person,
        // "Hamas militants", "United States officials": people of it.
        _ if m.has_agent && plural(head) => Number::Group,
        ActorKind::Country | ActorKind::Capital | ActorKind::Organisation => Number::Thing,
        ActorKind::CountryAdjective => Number::Group,
        ActorKind::Agent if PERSONS.contains(&head) => Number::Person,
        ActorKind::Agent if plural(head) => Number::Group,
        ActorKind::Agent => Number::Thing,
    }
}
