//! Finding place mentions in a tokenised sentence.
//!
//! A name fires only where it is written as a name: its first token starts
//! with a capital letter, and it is not part of a longer proper name (no
//! title-case word right after it, nor right before it except at the start
//! of a sentence, after a direction or a demonym). Names that are also
//! common English words ("Nice", "Reading", "March") need support besides:
//! a locative preposition before them ("in Nice") or a region after them
//! ("Reading, Pennsylvania").

use std::ops::Range;

use crate::gazetteer::{CityCountry, Gazetteer};
use crate::index::{NameHit, TokenId, NONE};
use crate::place::{Iso3, PlaceId, PlaceKind};

/// How many tokens past a name's start its lookups read: as long as the
/// longest name (`build/pack.rs` refuses longer ones).
pub(crate) const WINDOW: usize = 16;

/// A place mentioned in a sentence.
#[derive(Clone, Debug, PartialEq)]
pub struct PlaceMention {
    /// First token of the mention, qualifier included.
    pub start: usize,
    /// One past its last token, region included.
    pub end: usize,
    /// The tokens of the name itself ("Syria" in "northern Syria"; "the
    /// Syrian capital" for a [`MentionKind::Capital`]).
    pub name: Range<usize>,
    /// The places the name may stand for, in table order; narrowed by a
    /// region ("Paris, Texas") or a following "province"/"city". Empty only
    /// for "the capital" of no known country.
    pub candidates: Vec<PlaceId>,
    /// A direction before the name: "northern Syria", "north of Kyiv".
    pub qualifier: Option<Qualifier>,
    /// The tokens of a region after a comma that narrowed the candidates
    /// ("Texas" in "Paris, Texas").
    pub region: Option<Range<usize>>,
    /// A name, or "the capital".
    pub kind: MentionKind,
}

/// What a mention is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MentionKind {
    /// A place name.
    Name,
    /// "the capital", "the Syrian capital", "the capital of Syria": the
    /// capital of `country` if the text says which (else the context's).
    Capital {
        /// The country the text names, if any.
        country: Option<Iso3>,
    },
}

/// A direction qualifying a place.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Qualifier {
    /// Which part or side.
    pub direction: Direction,
    /// `true` for "north of Kyiv" (outside the place), `false` for
    /// "northern Syria" (a part of it).
    pub outside: bool,
}

/// A compass direction or the centre.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[allow(missing_docs)] // The names say it.
pub enum Direction {
    North,
    South,
    East,
    West,
    NorthEast,
    NorthWest,
    SouthEast,
    SouthWest,
    Central,
}

impl Direction {
    /// `"north"`, `"north-east"`, `"central"`...
    pub fn as_str(self) -> &'static str {
        match self {
            Direction::North => "north",
            Direction::South => "south",
            Direction::East => "east",
            Direction::West => "west",
            Direction::NorthEast => "north-east",
            Direction::NorthWest => "north-west",
            Direction::SouthEast => "south-east",
            Direction::SouthWest => "south-west",
            Direction::Central => "central",
        }
    }

    /// The direction a normalised word gives ("northern", "south-east", "central").
    pub fn from_word(lower: &str) -> Option<Direction> {
        Some(match lower {
            "north" | "northern" => Direction::North,
            "south" | "southern" => Direction::South,
            "east" | "eastern" => Direction::East,
            "west" | "western" => Direction::West,
            "northeast" | "northeastern" | "north-east" | "north-eastern" => Direction::NorthEast,
            "northwest" | "northwestern" | "north-west" | "north-western" => Direction::NorthWest,
            "southeast" | "southeastern" | "south-east" | "south-eastern" => Direction::SouthEast,
            "southwest" | "southwestern" | "south-west" | "south-western" => Direction::SouthWest,
            "central" => Direction::Central,
            _ => return None,
        })
    }
}

/// Prepositions before a place ("in Nice"): support for a name that is
/// also a common word.
const LOCATIVES: &[&str] = &[
    "in",
    "at",
    "near",
    "outside",
    "inside",
    "from",
    "to",
    "into",
    "around",
    "across",
    "throughout",
    "within",
    "towards",
    "toward",
    "through",
    "via",
];

/// Words after a name that make it a division: "Idlib province", "Kherson region".
const DIVISION_WORDS: &[&str] = &[
    "province",
    "region",
    "governorate",
    "oblast",
    "state",
    "district",
    "county",
    "prefecture",
    "territory",
    "department",
    "municipality",
];

/// Months and days: common words that a preposition does not make places
/// ("in March"), and that may follow a place ("Syria Tuesday").
const MONTHS_AND_DAYS: &[&str] = &[
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

/// Other title-case words that may stand next to a place name without
/// making it part of another proper name: function words of title-case
/// headlines, and what follows a place ("Kabul Airport", "Kherson Region").
const NEIGHBOURS: &[&str] = &[
    "the", "of", "and", "in", "at", "on", "to", "for", "from", "near", "by", "with", "a", "an",
    "city", "airport", "border",
];

fn is_neighbour(lower: &str) -> bool {
    MONTHS_AND_DAYS.contains(&lower)
        || NEIGHBOURS.contains(&lower)
        || DIVISION_WORDS.contains(&lower)
}

/// Titles before a person's name ("Mr Truss", "General Musharraf").
const TITLES: &[&str] = &[
    "mr",
    "mrs",
    "ms",
    "miss",
    "dr",
    "sir",
    "dame",
    "lord",
    "lady",
    "president",
    "senator",
    "sen",
    "general",
    "gen",
    "governor",
    "gov",
    "mayor",
    "judge",
    "justice",
    "sheikh",
    "rev",
    "reverend",
    "bishop",
    "king",
    "queen",
    "prince",
    "princess",
    "minister",
    "secretary",
    "chancellor",
    "commander",
    "colonel",
    "col",
    "captain",
    "capt",
    "lieutenant",
    "lt",
    "sergeant",
    "sgt",
    "professor",
    "prof",
    "ambassador",
    "premier",
];

/// A title-case word ("Katz", "Post"), as opposed to lower case, capitals
/// ("UN", "BAKU") and punctuation.
fn title_word(token: &str) -> bool {
    token.chars().next().is_some_and(char::is_uppercase) && token.chars().any(char::is_lowercase)
}

/// Two to four capitals, dots aside: "UN", "US", "U.S.", "UAE".
fn is_acronym(token: &str) -> bool {
    let letters = token.chars().filter(|&c| c != '.').count();
    (2..=4).contains(&letters) && token.chars().all(|c| c == '.' || c.is_uppercase())
}

/// Punctuation that opens a sentence or clause, after which capitals say
/// nothing: quotes, brackets, colons, dashes (not commas).
fn opens_clause(token: &str) -> bool {
    token != "," && token.chars().next().is_some_and(|c| !c.is_alphanumeric())
}

/// A sentence (or a window of one) with its token ids, and the rules.
pub(crate) struct Finder<'g, 's, T, L> {
    gaz: &'g Gazetteer,
    tokens: &'s [T],
    lower: &'s [L],
    /// Ids of `lower[offset..offset + ids.len()]`.
    ids: Vec<TokenId>,
    offset: usize,
}

impl<'g, 's, T: AsRef<str>, L: AsRef<str>> Finder<'g, 's, T, L> {
    /// The whole sentence.
    fn new(gaz: &'g Gazetteer, tokens: &'s [T], lower: &'s [L]) -> Self {
        let n = tokens.len().min(lower.len());
        let (tokens, lower) = (&tokens[..n], &lower[..n]);
        Finder { gaz, tokens, lower, ids: gaz.ids(lower, 0, n), offset: 0 }
    }

    /// Enough of the sentence from token `i` on to read a name starting
    /// there (not what follows it).
    pub(crate) fn window(gaz: &'g Gazetteer, tokens: &'s [T], lower: &'s [L], i: usize) -> Self {
        let n = tokens.len().min(lower.len());
        let (tokens, lower) = (&tokens[..n], &lower[..n]);
        let offset = i.min(n);
        Finder { gaz, tokens, lower, ids: gaz.ids(lower, offset, offset + WINDOW), offset }
    }

    fn len(&self) -> usize {
        self.tokens.len()
    }

    fn token(&self, k: usize) -> &str {
        self.tokens.get(k).map_or("", AsRef::as_ref)
    }

    fn lower(&self, k: usize) -> &str {
        self.lower.get(k).map_or("", AsRef::as_ref)
    }

    fn id(&self, k: usize) -> TokenId {
        k.checked_sub(self.offset).and_then(|k| self.ids.get(k)).copied().unwrap_or(NONE)
    }

    /// Names starting at `k`, longest first.
    fn names_at(&self, k: usize) -> impl Iterator<Item = NameHit<'g>> + use<'_, 'g, 's, T, L> {
        let ids = if self.id(k) == NONE { &[][..] } else { &self.ids[..] };
        self.gaz.index.names_at(ids, k.saturating_sub(self.offset))
    }

    /// Written as a name: a capital first letter, or a lower-case Arabic
    /// article before one ("al-Bab", "el-Arish", tokenised "al", "-", "Bab").
    fn written_as_name(&self, k: usize) -> bool {
        let starts_upper = |t: &str| t.chars().next().is_some_and(char::is_uppercase);
        let t = self.token(k);
        starts_upper(t)
            || (t.len() <= 3
                && !t.is_empty()
                && t.bytes().all(|b| b.is_ascii_lowercase())
                && self.token(k + 1) == "-"
                && starts_upper(self.token(k + 2)))
    }

    /// The longest name at `k` written as a name and not followed by
    /// another title-case word.
    fn name_at(&self, k: usize) -> Option<NameHit<'g>> {
        if !self.written_as_name(k) {
            return None;
        }
        self.names_at(k).find(|h| {
            let next = k + h.len;
            !title_word(self.token(next)) || is_neighbour(self.lower(next))
        })
    }

    /// Whether a title-case word right before `k` makes the name part of
    /// another proper name ("Jim Jordan", "Metropolitan Police"), or a
    /// title makes it a person's ("Mr Truss", even opening a sentence).
    fn after_other_name(&self, k: usize) -> bool {
        if k == 0 || !title_word(self.token(k - 1)) {
            return false;
        }
        let prev = self.lower(k - 1);
        if TITLES.contains(&prev.trim_end_matches('.')) {
            return true;
        }
        let sentence_start = k == 1 || opens_clause(self.token(k - 2));
        !(sentence_start
            || is_neighbour(prev)
            || LOCATIVES.contains(&prev)
            || Direction::from_word(prev).is_some()
            || self.gaz.demonym(prev).is_some())
    }

    /// The mention starting at `k`, if any.
    fn mention_at(&self, k: usize) -> Option<PlaceMention> {
        if let Some(m) = self.name_mention(k, false) {
            return Some(m);
        }
        if self.lower(k) == "the" {
            return self.capital_mention(k);
        }
        let (direction, len) = self.direction_at(k)?;
        let after = k + len;
        let (outside, at) =
            if self.lower(after) == "of" { (true, after + 1) } else { (false, after) };
        let Some(mut m) = self.name_mention(at, true) else {
            return (!outside).then(|| self.directional_name(k, len)).flatten();
        };
        m.start = k;
        m.qualifier = Some(Qualifier { direction, outside });
        Some(m)
    }

    /// A name that starts with a direction written in lower case whose
    /// rest names no place: "central Sulawesi" is the province of Central
    /// Sulawesi, "northern Syria" a part of Syria (see `mention_at`).
    fn directional_name(&self, k: usize, len: usize) -> Option<PlaceMention> {
        if !title_word(self.token(k + len)) || self.after_other_name(k + len) {
            return None;
        }
        let hit = self.names_at(k).find(|h| {
            let next = k + h.len;
            h.len > len && (!title_word(self.token(next)) || is_neighbour(self.lower(next)))
        })?;
        let name = k..k + hit.len;
        let mut m = PlaceMention {
            start: k,
            end: name.end,
            name,
            candidates: hit.places.to_vec(),
            qualifier: None,
            region: None,
            kind: MentionKind::Name,
        };
        self.narrow(&mut m);
        (!hit.common).then_some(m)
    }

    /// A direction at `k` and its length in tokens: "northern", or
    /// "north-eastern", which the tokenizer splits at the hyphen.
    fn direction_at(&self, k: usize) -> Option<(Direction, usize)> {
        let d = Direction::from_word(self.lower(k))?;
        if self.lower(k + 1) == "-" {
            let compound = format!("{}-{}", self.lower(k), self.lower(k + 2));
            if let Some(d) = Direction::from_word(&compound) {
                return Some((d, 3));
            }
        }
        Some((d, 1))
    }

    /// A place name at `k`, with what narrows it after it. `qualified`:
    /// a direction stands before it, so a capital before it is expected.
    fn name_mention(&self, k: usize, qualified: bool) -> Option<PlaceMention> {
        let hit = self.name_at(k)?;
        if !qualified && self.after_other_name(k) {
            return None;
        }
        let mut candidates = hit.places.to_vec();
        // A short word in capitals is an acronym: "US" and "UAE" are
        // countries, "UN" is not the Indian town of Un.
        if hit.len == 1 && is_acronym(self.token(k)) {
            candidates.retain(|&c| self.gaz.kind(c) == PlaceKind::Country);
            if candidates.is_empty() {
                return None;
            }
        }
        let name = k..k + hit.len;
        let mut m = PlaceMention {
            start: k,
            end: name.end,
            name: name.clone(),
            candidates,
            qualifier: None,
            region: None,
            kind: MentionKind::Name,
        };
        self.narrow(&mut m);
        let supported = m.region.is_some()
            || (k > 0
                && LOCATIVES.contains(&self.lower(k - 1))
                && !MONTHS_AND_DAYS.contains(&self.lower(k)));
        (!hit.common || supported).then_some(m)
    }

    /// Narrows a name's candidates by a region after a comma ("Paris,
    /// Texas"), or by "province"/"region" (divisions) or "city" (cities)
    /// right after it.
    fn narrow(&self, m: &mut PlaceMention) {
        let e = m.end;
        if self.token(e) == "," {
            if let Some(region) = self.name_at(e + 1) {
                let within: Vec<PlaceId> = m
                    .candidates
                    .iter()
                    .copied()
                    .filter(|&c| region.places.iter().any(|&r| self.gaz.contains(r, c)))
                    .collect();
                if !within.is_empty() {
                    m.candidates = within;
                    m.region = Some(e + 1..e + 1 + region.len);
                    m.end = e + 1 + region.len;
                    return;
                }
            }
        }
        let word = self.lower(e);
        let kind = if DIVISION_WORDS.contains(&word) {
            PlaceKind::Admin1
        } else if word == "city" {
            PlaceKind::City
        } else {
            return;
        };
        let of_kind: Vec<PlaceId> =
            m.candidates.iter().copied().filter(|&c| self.gaz.kind(c) == kind).collect();
        // "Kyiv region" is the region around the city, not the division
        // that is the city itself, when both are candidates.
        let around: Vec<PlaceId> = of_kind
            .iter()
            .copied()
            .filter(|&d| {
                kind == PlaceKind::Admin1 && !m.candidates.iter().any(|&c| self.gaz.contains(d, c))
            })
            .collect();
        if !of_kind.is_empty() {
            m.candidates = if around.is_empty() { of_kind } else { around };
            m.end = e + 1;
        }
    }

    /// "the capital", "the Syrian capital", "the capital of Syria" at `k`
    /// (a "the"), unless the capital is named right after ("the capital,
    /// Damascus"), where the name is the mention.
    fn capital_mention(&self, k: usize) -> Option<PlaceMention> {
        let mut country = None;
        let mut j = k + 1;
        if self.lower(j) != "capital" {
            country = Some(self.gaz.demonym(self.lower(j))?);
            j += 1;
        }
        if self.lower(j) != "capital" {
            return None;
        }
        let mut end = j + 1;
        if self.lower(end) == "city" {
            end += 1;
        }
        let named = if self.token(end) == "," { end + 1 } else { end };
        if self.name_at(named).is_some() {
            return None;
        }
        let name = k..end;
        if country.is_none() && self.lower(end) == "of" {
            if let Some(of) = self.name_mention(end + 1, false) {
                let c = of.candidates.iter().find(|&&c| self.gaz.kind(c) == PlaceKind::Country);
                if let Some(&c) = c {
                    country = Some(self.gaz.places[c.index()].country);
                    end = of.end;
                }
            }
        }
        Some(PlaceMention {
            start: k,
            end,
            name,
            candidates: country.and_then(|c| self.gaz.capital_of(c)).into_iter().collect(),
            qualifier: None,
            region: None,
            kind: MentionKind::Capital { country },
        })
    }

    /// Every mention, left to right, non-overlapping.
    fn all(&self) -> Vec<PlaceMention> {
        let mut out = Vec::new();
        let mut k = 0;
        while k < self.len() {
            match self.mention_at(k) {
                Some(m) if m.end > k => {
                    k = m.end;
                    out.push(m);
                }
                _ => k += 1,
            }
        }
        out
    }

    /// A city name at `i` that could be an actor.
    pub(crate) fn city_at(&self, i: usize) -> Option<CityCountry> {
        let hit = self.name_at(i).filter(|h| !h.common && !self.after_other_name(i))?;
        let best = hit
            .places
            .iter()
            .map(|&p| &self.gaz.places[p.index()])
            .zip(hit.places)
            .filter(|(p, _)| p.kind == PlaceKind::City)
            .max_by_key(|(p, id)| (p.capital, p.population, std::cmp::Reverse(**id)))?;
        Some(CityCountry {
            len: hit.len,
            place: *best.1,
            country: best.0.country,
            capital: best.0.capital,
        })
    }
}

impl Gazetteer {
    /// The place mentions of one sentence, left to right, non-overlapping.
    /// `tokens` are its tokens as written (`herald_text::tokenize`), `lower`
    /// the same tokens normalised (`herald_dict::normalize`, or
    /// [`normalize`](crate::normalize)); extra tokens in the longer of the two are ignored.
    pub fn find_mentions<T: AsRef<str>, L: AsRef<str>>(
        &self,
        tokens: &[T],
        lower: &[L],
    ) -> Vec<PlaceMention> {
        Finder::new(self, tokens, lower).all()
    }

    /// Whether place `outer` contains place `inner` (a country its
    /// divisions and cities, a division its cities).
    pub fn contains(&self, outer: PlaceId, inner: PlaceId) -> bool {
        let (Some(o), Some(i)) = (self.place(outer), self.place(inner)) else { return false };
        match o.kind {
            PlaceKind::Country => i.country == o.country && outer != inner,
            PlaceKind::Admin1 => i.kind == PlaceKind::City && i.admin1 == o.admin1,
            PlaceKind::City => false,
        }
    }
}
