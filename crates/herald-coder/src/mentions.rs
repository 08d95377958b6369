//! Finding actor mentions in a sentence and combining dictionary phrases
//! into actors: "Azerbaijani" + "Foreign Ministry" → `AZEGOV`,
//! "spokesman" + "of" + "Azerbaijan" → `AZEGOV`, and remembering people
//! introduced with a role ("Hikmet Hajiyev, spokesman of the ...").

use std::collections::HashMap;

use herald_dict::{ActorKind, Dictionaries};

use crate::sentence::Sent;

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
}

/// People met earlier in the story, by normalised name: full name and surname.
#[derive(Clone, Debug, Default)]
pub(crate) struct Memory {
    people: HashMap<String, (String, Option<String>)>,
}

impl Memory {
    fn bind(&mut self, name: &[String], code: &str, country: &Option<String>) {
        let value = (code.to_string(), country.clone());
        self.people.insert(name.join(" "), value.clone());
        if let Some(last) = name.last() {
            self.people.entry(last.clone()).or_insert(value);
        }
    }
}

/// Finds the actor mentions of a sentence, in order, non-overlapping.
pub(crate) fn find(sent: &Sent<'_>, dicts: &Dictionaries, memory: &mut Memory) -> Vec<Mention> {
    let n = sent.len();
    let mut prims: Vec<Mention> = Vec::new();
    let mut i = 0;
    while i < n {
        if let Some(m) = dicts.actors.longest_at(&sent.tokens, &sent.lower, i) {
            prims.push(Mention {
                start: i,
                end: i + m.len,
                code: m.entry.code.clone(),
                country: m.entry.country.clone(),
                kind: m.entry.kind,
                has_agent: m.entry.kind == ActorKind::Agent || m.entry.kind == ActorKind::Capital,
            });
            i += m.len;
        } else if let Some(len) = remembered_at(sent, memory, i) {
            let (code, country) = memory.people[&sent.lower[i..i + len].join(" ")].clone();
            prims.push(Mention {
                start: i,
                end: i + len,
                code,
                country,
                kind: ActorKind::Named,
                has_agent: true,
            });
            i += len;
        } else {
            i += 1;
        }
    }
    let merged = merge_adjacent(sent, prims);
    let merged = merge_of(sent, merged);
    learn_people(sent, &merged, memory);
    merged
        .into_iter()
        .filter(|m| m.kind != ActorKind::Agent || m.country.is_some() || is_standalone_agent(m))
        .collect()
}

/// Bare agents without a country ("the rebels", "gunmen") are actors in their
/// own right; state roles without a country ("officials", "the court") are
/// too vague to code.
fn is_standalone_agent(m: &Mention) -> bool {
    !matches!(m.code.as_str(), "GOV" | "ELI" | "LEG" | "JUD")
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

/// "Azerbaijani" + "Foreign Ministry", "Armenia 's" + "troops" → one actor.
fn merge_adjacent(sent: &Sent<'_>, prims: Vec<Mention>) -> Vec<Mention> {
    let mut out: Vec<Mention> = Vec::with_capacity(prims.len());
    for m in prims {
        if let Some(prev) = out.last_mut() {
            let gap = &sent.lower[prev.end..m.start];
            let joined = gap.is_empty() || gap == ["'s"] || gap == ["'"];
            if joined
                && m.kind == ActorKind::Agent
                && (is_countryish(prev.kind) || prev.kind == ActorKind::Organisation)
                && !prev.has_agent
            {
                prev.code = format!("{}{}", prev.code, m.code);
                prev.end = m.end;
                prev.has_agent = true;
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

/// "spokesman of the Azerbaijani Foreign Ministry", "army of Azerbaijan":
/// an agent followed by `of [the]` and a country-bearing actor takes that
/// country. Merges right to left so chains resolve.
fn merge_of(sent: &Sent<'_>, mut ms: Vec<Mention>) -> Vec<Mention> {
    let mut i = ms.len();
    while i >= 2 {
        i -= 1;
        let (left, right) = (&ms[i - 1], &ms[i]);
        let gap = &sent.lower[left.end..right.start];
        let of_gap = matches!(gap, [of] | [of, _] if of == "of" || of == "from")
            && (gap.len() == 1 || gap[1] == "the");
        if of_gap
            && left.kind == ActorKind::Agent
            && left.country.is_none()
            && right.country.is_some()
        {
            let code = if right.has_agent {
                right.code.clone()
            } else {
                format!("{}{}", right.code, left.code)
            };
            let merged = Mention {
                start: left.start,
                end: right.end,
                code,
                country: right.country.clone(),
                kind: right.kind,
                has_agent: true,
            };
            ms.splice(i - 1..=i, [merged]);
        }
    }
    ms
}

/// Learns people introduced by a role: "Hikmet Hajiyev, spokesman of the
/// Azerbaijani Foreign Ministry" and "Azerbaijani Foreign Minister Jeyhun Bayramov".
fn learn_people(sent: &Sent<'_>, ms: &[Mention], memory: &mut Memory) {
    for m in ms.iter().filter(|m| m.has_agent && m.country.is_some()) {
        // Role, then name.
        let after = name_run(sent, m.end);
        if after > m.end {
            memory.bind(&sent.lower[m.end..after], &m.code, &m.country);
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

/// The end of a run of 1–4 capitalised words starting at `start`.
fn name_run(sent: &Sent<'_>, start: usize) -> usize {
    let mut end = start;
    while end < sent.len() && end - start < 4 && is_capitalised(sent.tokens[end]) {
        end += 1;
    }
    end
}
