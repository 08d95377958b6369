//! Finding actor mentions in a sentence and combining dictionary phrases
//! into actors: "Azerbaijani" + "Foreign Ministry" → `AZEGOV`,
//! "spokesman" + "of" + "Azerbaijan" → `AZEGOV`, and remembering people
//! introduced with a role ("Hikmet Hajiyev, spokesman of the ...").

use herald_core::Date;
use herald_dict::{ActorEntry, ActorKind, Dictionaries};

use crate::sentence::Sent;
use crate::BareAgents;

/// An actor mention over tokens `start..end` of a sentence.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Mention {
    pub start: usize,
    pub end: usize,
    pub code: String,
    pub country: Option<String>,
    pub kind: ActorKind,
    /// Whether the mention includes an agent role (GOV, MIL, ...).
    pub has_agent: bool,
    /// For agents: the code goes before the actor's (`NGO` + `USA`).
    pub prefix: bool,
    /// The actor's code before an agent was added (`DNK` of `DNKMED`), for
    /// agents joined to it by `and` ("Danish media and government").
    pub base: Option<String>,
    /// A pronoun standing for an earlier actor ("he", "its").
    pub pronoun: bool,
    /// Its country comes from the story, not from its own words ("the
    /// army" after "the Israeli army").
    pub inferred: bool,
    /// For "its troops": the code of the actor the possessive stands for.
    pub owner: Option<String>,
}

/// People met earlier in the story, by normalised name: full name and surname.
#[derive(Clone, Debug, Default)]
pub(crate) struct Memory {
    people: herald_dict::FastMap<String, (String, Option<String>)>,
    /// Names of known people bound to the role the story gives them, which
    /// wins over the dictionaries' code for them.
    roles: herald_dict::FastMap<String, (String, Option<String>)>,
}

impl Memory {
    fn bind(&mut self, name: &[String], code: &str, country: &Option<String>) {
        let value = (code.to_string(), country.clone());
        self.people.insert(name.join(" "), value.clone());
        if let Some(last) = name.last() {
            self.people.entry(last.clone()).or_insert(value);
        }
    }

    /// Binds a name to the role the story gives it, over what the
    /// dictionaries say of the person: "The Shadow Foreign Affairs
    /// Minister, Kevin Rudd" is the opposition's, whatever office Rudd
    /// held at other times.
    fn bind_role(&mut self, name: &[String], code: &str, country: &Option<String>) {
        let value = (code.to_string(), country.clone());
        self.roles.insert(name.join(" "), value.clone());
        if let Some(last) = name.last().filter(|_| name.len() >= 2) {
            self.roles.insert(last.clone(), value);
        }
    }
}

/// Finds the actor mentions of a sentence, in order, non-overlapping.
pub(crate) fn find(
    sent: &Sent<'_>,
    dicts: &Dictionaries,
    date: Option<Date>,
    bare_agents: BareAgents,
    memory: &mut Memory,
) -> Vec<Mention> {
    let n = sent.len();
    let mut prims: Vec<Mention> = Vec::new();
    let mut i = 0;
    while i < n {
        if let Some(m) = dicts.actors.longest_at(&sent.tokens, &sent.lower, i) {
            // An actor whose codes all lie at other dates is no actor today.
            if m.entry.code_on(date).is_empty() {
                i += m.len;
                continue;
            }
            let role = (m.entry.kind == ActorKind::Named)
                .then(|| memory.roles.get(&sent.lower[i..i + m.len].join(" ")))
                .flatten();
            let (code, country) = match role {
                Some((code, country)) => (code.clone(), country.clone()),
                None => (
                    m.entry.code_on(date).to_string(),
                    m.entry.country_on(date).map(str::to_string),
                ),
            };
            let led = (m.entry.kind == ActorKind::Named)
                .then(|| government_of(sent, m.entry, date, i, m.len))
                .flatten();
            if let Some(government) = led {
                i = government.end;
                prims.push(government);
                continue;
            }
            prims.push(Mention {
                start: i,
                end: i + m.len,
                code,
                country,
                kind: m.entry.kind,
                has_agent: m.entry.kind == ActorKind::Agent || m.entry.kind == ActorKind::Capital,
                prefix: m.entry.prefix,
                base: None,
                pronoun: false,
                inferred: false,
                owner: None,
            });
            i += m.len;
        } else if let Some(m) = is_capitalised(sent.tokens[i])
            .then(|| government_of(sent, person(dicts, date, &sent.lower[i])?, date, i, 1))
            .flatten()
        {
            i = m.end;
            prims.push(m);
        } else if let Some(m) = titled_person(sent, dicts, date, &prims, i) {
            // The title's own mention ("President") is part of the person's.
            if prims.last().is_some_and(|p| p.start >= m.start) {
                prims.pop();
            }
            prims.push(m);
            i += 1;
        } else if let Some(len) = remembered_at(sent, memory, i) {
            let (code, country) = memory.people[&sent.lower[i..i + len].join(" ")].clone();
            prims.push(Mention {
                start: i,
                end: i + len,
                code,
                country,
                kind: ActorKind::Named,
                has_agent: true,
                prefix: false,
                base: None,
                pronoun: false,
                inferred: false,
                owner: None,
            });
            i += len;
        } else {
            i += 1;
        }
    }
    prims.retain(|m| !names_no_actor(sent, m));
    mark_former(sent, &mut prims);
    let merged = merge_adjacent(sent, prims);
    let mut merged = merge_of(sent, merged);
    share_actor(sent, &mut merged);
    share_agent(sent, &mut merged);
    learn_people(sent, &merged, memory);
    match bare_agents {
        BareAgents::Standalone => merged,
        BareAgents::NullActor => merged
            .into_iter()
            .map(|mut m| {
                if m.kind == ActorKind::Agent && m.country.is_none() {
                    m.code = agent_code("---", &m);
                }
                m
            })
            .collect(),
    }
}

/// Whether a mention can stand as an actor once the story has given what
/// countries it can: bare agents without a country ("the rebels", "gunmen")
/// are actors in their own right; state roles without a country
/// ("officials", "the court") are too vague to code.
pub(crate) fn is_actor(m: &Mention) -> bool {
    m.kind != ActorKind::Agent || m.country.is_some() || is_standalone_agent(m)
}

/// Bare agents without a country ("the rebels", "gunmen") are actors in their
/// own right; state roles without a country ("officials", "the court") are
/// too vague to code.
fn is_standalone_agent(m: &Mention) -> bool {
    !matches!(m.code.as_str(), "GOV" | "ELI" | "LEG" | "JUD")
}

/// Honorifics: they stand before names but say nothing of office.
const HONORIFICS: &[&str] = &["mr", "mr.", "mrs", "mrs.", "ms", "ms.", "dr", "dr."];

/// Offices that stand before a person's surname.
const TITLES: &[&str] = &[
    "president",
    "premier",
    "minister",
    "senator",
    "sen.",
    "general",
    "gen.",
    "sheikh",
    "king",
    "queen",
    "prince",
    "chancellor",
    "secretary",
    "ambassador",
    "envoy",
    "commander",
    "colonel",
    "col.",
    "mullah",
    "ayatollah",
    "governor",
    "mayor",
    "chairman",
    "leader",
    "spokesman",
    "marshal",
    "emir",
    "sultan",
];

/// Words for a government that may be named after who leads it.
const GOVERNMENTS: &[&str] = &["administration", "government", "cabinet", "regime"];

/// "The Bush administration", "the Assad regime": person `entry`, named
/// by tokens `start..start + len`, and a word for government after the
/// name (or ending it: "Clinton Administration") are the government of the
/// person's country, whether they lead it on `date` or not.
fn government_of(
    sent: &Sent<'_>,
    entry: &ActorEntry,
    date: Option<Date>,
    start: usize,
    len: usize,
) -> Option<Mention> {
    let end = start + len;
    let end = if len >= 2 && sent.is(end - 1, GOVERNMENTS) {
        end
    } else if sent.is(end, GOVERNMENTS) {
        end + 1
    } else {
        return None;
    };
    let country = entry.country_on(date)?;
    Some(Mention {
        start,
        end,
        code: format!("{country}GOV"),
        country: Some(country.to_string()),
        kind: ActorKind::Named,
        has_agent: true,
        prefix: false,
        base: None,
        pronoun: false,
        inferred: false,
        owner: None,
    })
}

/// The person a surname names on `date`: the only one of that surname in
/// the actor dictionary in office then ("President Bush" in 2001 is George
/// W. Bush, "Prime Minister Blair" in 2005 Tony Blair), else the first when
/// all of them belong to one country.
fn person<'d>(
    dicts: &'d Dictionaries,
    date: Option<Date>,
    surname: &str,
) -> Option<&'d ActorEntry> {
    let people: Vec<&ActorEntry> =
        dicts.actors.by_surname(surname).filter(|e| !e.code_on(date).is_empty()).collect();
    let mut in_office = people.iter().filter(|e| e.in_office(date));
    if let (Some(&one), None) = (in_office.next(), in_office.next()) {
        return Some(one);
    }
    let first = *people.first()?;
    let country = first.country_on(date);
    people.iter().all(|e| e.country_on(date) == country).then_some(first)
}

/// "Mr Downer", "President Musharraf": a title and a surname that names
/// people of one country at `date` in the actor dictionary is that person
/// (with the title's mention, if the title was one).
fn titled_person(
    sent: &Sent<'_>,
    dicts: &Dictionaries,
    date: Option<Date>,
    prims: &[Mention],
    i: usize,
) -> Option<Mention> {
    // The surname is the last word of the name ("spokesman Mohamad Habeel"
    // is no Mohamad), after an office, not a mere "Mr" ("Mr Baker" may be
    // anyone called Baker).
    let last = i + 1 >= sent.len() || !is_capitalised(sent.tokens[i + 1]);
    if i == 0 || !last || !is_capitalised(sent.tokens[i]) || !sent.is(i - 1, TITLES) {
        return None;
    }
    let first = person(dicts, date, &sent.lower[i])?;
    let country = first.country_on(date);
    let start = match prims.last() {
        Some(p) if p.end == i && p.kind == ActorKind::Agent && p.country.is_none() => p.start,
        _ => i - 1,
    };
    Some(Mention {
        start,
        end: i + 1,
        code: first.code_on(date).to_string(),
        country: country.map(str::to_string),
        kind: ActorKind::Named,
        has_agent: true,
        prefix: false,
        base: None,
        pronoun: false,
        inferred: false,
        owner: None,
    })
}

/// "Mr Downer" in a story that names Australia: an honorific and a surname
/// are the person of that surname in the actor dictionary when all such
/// people on `date` belong to one country and `known` says the story is
/// about it ("Mr Baker" in a story about Britain is nobody we know).
pub(crate) fn honorific_people(
    sent: &Sent<'_>,
    dicts: &Dictionaries,
    date: Option<Date>,
    mentions: &mut Vec<Mention>,
    known: impl Fn(&str) -> bool,
) {
    let mut found = Vec::new();
    for i in 1..sent.len() {
        let last = i + 1 >= sent.len() || !is_capitalised(sent.tokens[i + 1]);
        let free = |k: usize| mentions.iter().all(|m| !(m.start..m.end).contains(&k));
        if !sent.is(i - 1, HONORIFICS) || !last || !is_capitalised(sent.tokens[i]) || !free(i) {
            continue;
        }
        let Some(first) = person(dicts, date, &sent.lower[i]) else { continue };
        let country = first.country_on(date);
        if !country.is_some_and(&known) {
            continue;
        }
        found.push(Mention {
            start: i - 1,
            end: i + 1,
            code: first.code_on(date).to_string(),
            country: country.map(str::to_string),
            kind: ActorKind::Named,
            has_agent: true,
            prefix: false,
            base: None,
            pronoun: false,
            inferred: false,
            owner: None,
        });
    }
    if !found.is_empty() {
        mentions.extend(found);
        mentions.sort_by_key(|m| m.start);
    }
}

fn remembered_at(sent: &Sent<'_>, memory: &Memory, i: usize) -> Option<usize> {
    if !is_capitalised(sent.tokens[i]) {
        return None;
    }
    (1..=4.min(sent.len() - i))
        .rev()
        .find(|&len| memory.people.contains_key(&sent.lower[i..i + len].join(" ")))
}

fn is_capitalised(token: &str) -> bool {
    let mut chars = token.chars();
    chars.next().is_some_and(char::is_uppercase)
        && chars.all(|c| c.is_alphabetic() || c == '-' || c == '\'')
}

fn is_countryish(kind: ActorKind) -> bool {
    matches!(kind, ActorKind::Country | ActorKind::CountryAdjective)
}

/// Features named after a country ("the East China Sea", "the Gulf of
/// Mexico") and things made in one ("US-made Apaches") are no actor.
fn names_no_actor(sent: &Sent<'_>, m: &Mention) -> bool {
    const FEATURES: &[&str] = &[
        "sea",
        "ocean",
        "gulf",
        "strait",
        "straits",
        "bay",
        "river",
        "lake",
        "mountains",
        "desert",
        "peninsula",
        "basin",
        "valley",
        "sea's",
    ];
    let country = matches!(m.kind, ActorKind::Country | ActorKind::CountryAdjective);
    let feature = sent.is(m.end, FEATURES)
        && sent.tokens.get(m.end).is_some_and(|t| t.chars().next().is_some_and(char::is_uppercase));
    let of_feature =
        m.start >= 2 && sent.is(m.start - 1, &["of"]) && sent.is(m.start - 2, FEATURES);
    let made = sent.is(m.end, &["-"])
        && sent.is(m.end + 1, &["made", "built", "supplied", "manufactured", "designed"]);
    country && (feature || of_feature || made)
}

/// Former office holders are elites, whatever their office was (CAMEO's
/// `ELI`): "former security officials", "former Gondor prosecutors". An
/// agent right after "former" takes the word in, so that "Arnor former
/// security officials" still joins into one actor.
fn mark_former(sent: &Sent<'_>, prims: &mut [Mention]) {
    for j in 0..prims.len() {
        if prims[j].kind != ActorKind::Agent || prims[j].prefix {
            continue;
        }
        let start = prims[j].start;
        let direct =
            start > 0 && sent.is(start - 1, &["former"]) && (j == 0 || prims[j - 1].end < start);
        // "former Gondor prosecutors": the word qualifies the whole phrase.
        let before_actor = j > 0 && {
            let prev = &prims[j - 1];
            prev.end == start
                && is_countryish(prev.kind)
                && prev.start > 0
                && sent.is(prev.start - 1, &["former"])
        };
        if direct {
            prims[j].start -= 1;
        }
        if direct || before_actor {
            prims[j].code = "ELI".to_string();
        }
    }
}

/// "Azerbaijani" + "Foreign Ministry", "Armenia 's" + "troops" → one actor.
fn merge_adjacent(sent: &Sent<'_>, prims: Vec<Mention>) -> Vec<Mention> {
    let mut out: Vec<Mention> = Vec::with_capacity(prims.len());
    let agent_at: Vec<usize> =
        prims.iter().filter(|m| m.kind == ActorKind::Agent).map(|m| m.start).collect();
    for m in prims {
        if let Some(prev) = out.last_mut() {
            let gap = &sent.lower[prev.end..m.start];
            // "Dagolath's first Deputy Prime Minister", "Ithilen's awful and
            // evil minister": a possessive may be followed by two modifiers,
            // or two joined by a conjunction, before the role, but not by a
            // preposition or determiner that opens another phrase
            // ("Gondor's talks with the rebels").
            let coordinated = gap.len() == 4 && matches!(gap[2].as_str(), "and" | "or");
            let possessive_modified = matches!(gap.first().map(String::as_str), Some("'s" | "'"))
                && (gap.len() <= 3 || coordinated)
                && gap[1..].iter().all(|w| {
                    w.chars().all(char::is_alphabetic)
                        && !crate::words::PREPOSITIONS.contains(&w.as_str())
                        && !crate::words::NOUN_DETERMINERS.contains(&w.as_str())
                });
            // "Saudi-led warplanes", "Saudi-led coalition warplanes": the
            // leader's forces.
            let led = gap.len() <= 3
                && gap.starts_with(&["-".to_string(), "led".to_string()])
                && gap[2..].iter().all(|w| matches!(w.as_str(), "coalition" | "alliance"));
            let joined = gap.is_empty() || possessive_modified || led;
            // A prefix agent before its actor: "MSF Arnor" → `NGOARN`.
            if gap.is_empty()
                && prev.kind == ActorKind::Agent
                && prev.prefix
                && (is_countryish(m.kind) || m.kind == ActorKind::Organisation)
            {
                let agent = prev.clone();
                let code = agent_code(&m.code, &agent);
                *prev = Mention { start: agent.start, code, base: Some(m.code.clone()), ..m };
                continue;
            }
            if joined
                && m.kind == ActorKind::Agent
                && (is_countryish(prev.kind) || prev.kind == ActorKind::Organisation)
                && !prev.has_agent
            {
                prev.base = Some(prev.code.clone());
                prev.code = agent_code(&prev.code, &m);
                prev.end = m.end;
                prev.has_agent = true;
                continue;
            }
            // A title before a name: "Bree President Romendacil" is the
            // president, not just someone from Bree, and "Ithilen's minister
            // Calimehtar" is Ithilen's minister whatever the dictionary
            // says of the name, since the text gives his office.
            let name = prev.kind != ActorKind::Capital
                && m.kind != ActorKind::CountryAdjective
                && m.kind != ActorKind::Agent
                && (m.start..m.end).all(|k| is_capitalised(sent.tokens[k]));
            if gap.is_empty()
                && prev.has_agent
                && prev.country.is_some()
                && (m.country == prev.country || name)
            {
                prev.end = m.end;
                continue;
            }
            // "Foreign Minister Alexander Downer": a role without a country
            // before a named person is that person's.
            if gap.is_empty()
                && prev.kind == ActorKind::Agent
                && prev.country.is_none()
                && m.kind == ActorKind::Named
            {
                *prev = Mention { start: prev.start, ..m };
                continue;
            }
            // "a rebel Somali group": a role before a demonym that no
            // other role follows is of that country.
            if gap.is_empty()
                && prev.kind == ActorKind::Agent
                && prev.country.is_none()
                && !prev.prefix
                && m.kind == ActorKind::CountryAdjective
                && !agent_at.contains(&m.end)
            {
                let agent = prev.clone();
                *prev = Mention {
                    start: agent.start,
                    code: agent_code(&m.code, &agent),
                    base: Some(m.code.clone()),
                    has_agent: true,
                    ..m
                };
                continue;
            }
            // Adjacent agents form one role: "foreign ministry spokesman".
            if gap.is_empty() && m.kind == ActorKind::Agent && prev.kind == ActorKind::Agent {
                prev.end = m.end;
                continue;
            }
        }
        out.push(m);
    }
    out
}

/// An actor code with an agent's code added, unless the actor already has
/// it ("White House" + "officials": `USAGOV`, not `USAGOVGOV`).
fn agent_code(actor: &str, agent: &Mention) -> String {
    if actor.len() > 3 && actor.get(3..).is_some_and(|rest| rest.contains(agent.code.as_str())) {
        actor.to_string()
    } else if agent.prefix {
        format!("{}{actor}", agent.code)
    } else {
        format!("{actor}{}", agent.code)
    }
}

/// Number words that may count the actors after "of" or "from".
const NUMBERS: &[&str] = &[
    "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "twelve", "fifteen",
    "several", "both",
];

/// "spokesman of the Azerbaijani Foreign Ministry", "army of Azerbaijan":
/// an agent followed by `of [the]` and a country-bearing actor takes that
/// country. Merges right to left so chains resolve.
fn merge_of(sent: &Sent<'_>, mut ms: Vec<Mention>) -> Vec<Mention> {
    let mut i = ms.len();
    while i >= 2 {
        i -= 1;
        let (left, right) = (&ms[i - 1], &ms[i]);
        let gap = &sent.lower[left.end..right.start];
        // "of Azerbaijan", "from the 15 EU member states".
        let numeral = |w: &str| w.bytes().all(|b| b.is_ascii_digit()) || NUMBERS.contains(&w);
        let of_gap = matches!(gap.first().map(String::as_str), Some("of" | "from" | "in"))
            && match &gap[1..] {
                [] => true,
                [w] => w == "the" || numeral(w),
                [the, n] => the == "the" && numeral(n),
                _ => false,
            };
        // "ministers from the Commonwealth Ministerial Action Group": an
        // organisation's people are its own.
        // Not people an organisation cares for ("asylum seekers from the UN").
        let cared_for = ["REF", "CVL"].iter().any(|a| left.code.ends_with(a));
        let bearer = right.country.is_some() || (right.code.starts_with("IGO") && !cared_for);
        if of_gap && left.kind == ActorKind::Agent && left.country.is_none() && bearer {
            // "protesters in Buenos Aires" are of the place's country, not
            // of the government its capital may stand for; "officials in
            // the White House" are of the office.
            let office = ["GOV", "ELI", "LEG", "JUD", "SPY"].iter().any(|a| left.code.contains(a));
            let within = gap[0] == "in" && !office;
            let code = match &right.country {
                Some(country) if within => agent_code(country, left),
                _ if right.has_agent => right.code.clone(),
                _ => agent_code(&right.code, left),
            };
            let merged = Mention {
                start: left.start,
                end: right.end,
                code,
                country: right.country.clone(),
                // "at protesters in Nairobi": people of a place are no place
                // ("near the presidential palace in Buenos Aires" is).
                kind: if within { left.kind } else { right.kind },
                has_agent: true,
                prefix: false,
                base: match &right.country {
                    Some(country) if within => Some(country.clone()),
                    _ if right.has_agent => right.base.clone(),
                    _ => Some(right.code.clone()),
                },
                pronoun: false,
                inferred: false,
                owner: None,
            };
            let agent = left.clone();
            let mut bases: Vec<String> = merged.base.iter().cloned().collect();
            let country = merged.country.clone();
            ms.splice(i - 1..=i, [merged]);
            // "the ambassadors of Arnor, Osgiliath and Gondor": the role
            // applies to every member of the compound.
            let mut k = i;
            while k < ms.len() {
                if !joined_by_conjunction(sent, &ms[k - 1], &ms[k])
                    || ms[k].country.is_none()
                    || ms[k].has_agent
                {
                    break;
                }
                bases.push(ms[k].code.clone());
                ms[k].code = agent_code(&ms[k].code, &agent);
                ms[k].has_agent = true;
                k += 1;
            }
            // "Lawmakers and officials in Fornost and Gondor": roles
            // coordinated before it belong to the same countries, one
            // actor per country (a `/` code).
            let mut j = i - 1;
            while j > 0 && !bases.is_empty() {
                let role = &ms[j - 1];
                if !joined_by_conjunction(sent, role, &ms[j])
                    || role.kind != ActorKind::Agent
                    || role.country.is_some()
                    || role.prefix
                {
                    break;
                }
                let codes: Vec<String> = bases.iter().map(|b| agent_code(b, role)).collect();
                let role = &mut ms[j - 1];
                role.code = codes.join("/");
                role.country.clone_from(&country);
                role.has_agent = true;
                j -= 1;
            }
        }
    }
    ms
}

/// Whether only commas and conjunctions stand between `a` and `b`.
fn joined_by_conjunction(sent: &Sent<'_>, a: &Mention, b: &Mention) -> bool {
    let gap = &sent.lower[a.end..b.start];
    !gap.is_empty() && gap.iter().all(|w| matches!(w.as_str(), "," | "and" | "&"))
}

/// "Danish media and government": an agent without a country joined by
/// `and` to an actor with an agent shares that actor (`DNKMED`, `DNKGOV`).
fn share_actor(sent: &Sent<'_>, ms: &mut [Mention]) {
    for i in 1..ms.len() {
        let (left, right) = ms.split_at_mut(i);
        let (prev, m) = (&left[i - 1], &mut right[0]);
        let Some(base) = prev.base.as_deref() else { continue };
        if sent.lower[prev.end..m.start] == ["and"]
            && m.kind == ActorKind::Agent
            && m.country.is_none()
            && !m.prefix
            && prev.country.is_some()
        {
            m.code = agent_code(base, m);
            m.country.clone_from(&prev.country);
            m.base = Some(base.to_string());
        }
    }
}

/// "Serbian and Kosovar officials", "Chinese, Indian and Pakistani troops":
/// country adjectives joined to one with an agent share its agent
/// (`SRBGOV`, `KSVGOV`). Right to left, so lists resolve.
fn share_agent(sent: &Sent<'_>, ms: &mut [Mention]) {
    for i in (1..ms.len()).rev() {
        let (left, right) = ms.split_at_mut(i);
        let (prev, m) = (&mut left[i - 1], &right[0]);
        let Some(base) = m.base.as_deref().filter(|_| m.has_agent) else { continue };
        let gap = &sent.lower[prev.end..m.start];
        let joined = matches!(gap, [w] if w == "and" || w == "," || w == "or");
        if !joined || prev.kind != ActorKind::CountryAdjective || prev.has_agent {
            continue;
        }
        let code = if let Some(agent) = m.code.strip_prefix(base) {
            format!("{}{agent}", prev.code)
        } else if let Some(agent) = m.code.strip_suffix(base) {
            format!("{agent}{}", prev.code)
        } else {
            continue;
        };
        prev.base = Some(std::mem::replace(&mut prev.code, code));
        prev.has_agent = true;
    }
}

/// Learns people introduced by a role: "Hikmet Hajiyev, spokesman of the
/// Azerbaijani Foreign Ministry" and "Azerbaijani Foreign Minister Jeyhun Bayramov".
fn learn_people(sent: &Sent<'_>, ms: &[Mention], memory: &mut Memory) {
    // "Yasser Arafat" ... "Arafat": a named person's surname alone.
    for m in ms.iter().filter(|m| m.kind == ActorKind::Named && m.end - m.start >= 2) {
        let name = name_run_back(sent, m.start, m.end);
        if name.len() >= 2 {
            memory.bind(&sent.lower[name], &m.code, &m.country);
        }
    }
    // "UN envoy Terje Roed-Larsen", "Commonwealth Secretary-General Don
    // McKinnon": an organisation's official, named after it.
    for m in ms.iter().filter(|m| m.kind == ActorKind::Organisation && !m.pronoun) {
        let after = name_run(sent, m.end);
        let free = ms.iter().all(|o| o.end <= m.end || o.start >= after);
        if after >= m.end + 2 && free {
            memory.bind(&sent.lower[m.end..after], &m.code, &m.country);
        }
    }
    // "The Shadow Foreign Affairs Minister, Kevin Rudd,": a person the
    // dictionaries know takes the role the story gives them, in their
    // own country.
    for m in ms.iter().filter(|m| m.kind == ActorKind::Agent && m.country.is_none() && !m.prefix) {
        if sent.tokens.get(m.end) != Some(&",") {
            continue;
        }
        let Some(person) = ms.iter().find(|o| o.start == m.end + 1 && o.kind == ActorKind::Named)
        else {
            continue;
        };
        let Some(country) =
            person.country.as_ref().filter(|_| sent.tokens.get(person.end) == Some(&","))
        else {
            continue;
        };
        let code = agent_code(country, m);
        memory.bind_role(&sent.lower[person.start..person.end], &code, &person.country);
    }
    for m in ms.iter().filter(|m| m.has_agent && m.country.is_some()) {
        // Role, then name.
        let after = name_run(sent, m.end);
        if after > m.end {
            memory.bind(&sent.lower[m.end..after], &m.code, &m.country);
        }
        // Role, comma, name, comma: "The Attorney-General, Daryl Williams, said".
        if sent.tokens.get(m.end) == Some(&",") {
            let end = name_run(sent, m.end + 1);
            let others: Vec<&Mention> =
                ms.iter().filter(|o| o.end > m.end && o.start < end).collect();
            if end >= m.end + 3 && sent.tokens.get(end) == Some(&",") && others.is_empty() {
                memory.bind(&sent.lower[m.end + 1..end], &m.code, &m.country);
            }
        }
        // Name, comma, role.
        if m.start >= 2 && sent.tokens[m.start - 1] == "," {
            let mut s = m.start - 1;
            while s > 0 && is_capitalised(sent.tokens[s - 1]) && m.start - 1 - s < 4 {
                s -= 1;
            }
            let name_len = m.start - 1 - s;
            let not_actor = ms.iter().all(|o| o.end <= s || o.start >= m.start - 1);
            if name_len > 0 && (name_len >= 2 || s > 0) && not_actor {
                memory.bind(&sent.lower[s..m.start - 1], &m.code, &m.country);
            }
        }
    }
}

/// The capitalised words at the end of `start..end`: the name in "Israeli
/// Prime Minister Ariel Sharon" is "Ariel Sharon" only after the title.
fn name_run_back(sent: &Sent<'_>, start: usize, end: usize) -> std::ops::Range<usize> {
    let mut s = end;
    while s > start
        && is_capitalised(sent.tokens[s - 1])
        && !sent.is(s - 1, TITLES)
        && !sent.is(s - 1, HONORIFICS)
    {
        s -= 1;
    }
    s..end
}

/// The end of a run of 1–4 capitalised words starting at `start`.
fn name_run(sent: &Sent<'_>, start: usize) -> usize {
    let mut end = start;
    while end < sent.len() && end - start < 4 && is_capitalised(sent.tokens[end]) {
        end += 1;
    }
    end
}
