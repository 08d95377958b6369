//! Choosing one place among a name's candidates, from what the story says.

use crate::gazetteer::Gazetteer;
use crate::mentions::{MentionKind, PlaceMention};
use crate::place::{Iso3, Place, PlaceId, PlaceKind};

/// What the story says about where it is: the countries of the actors (and
/// places) mentioned so far, and the dateline.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Context {
    /// Countries with their number of mentions, in first-mention order.
    countries: Vec<(Iso3, u32)>,
    dateline: Option<(Option<PlaceId>, Iso3)>,
}

impl Context {
    /// An empty context: no countries, no dateline.
    pub fn new() -> Context {
        Context::default()
    }

    /// Counts one more mention of a country (an actor's or a place's).
    pub fn add_country(&mut self, iso3: Iso3) {
        match self.countries.iter_mut().find(|(c, _)| *c == iso3) {
            Some((_, n)) => *n += 1,
            None => self.countries.push((iso3, 1)),
        }
    }

    /// How many mentions of a country were counted.
    pub fn count(&self, iso3: Iso3) -> u32 {
        self.countries.iter().find(|(c, _)| *c == iso3).map_or(0, |&(_, n)| n)
    }

    /// Sets the dateline's place (if it was resolved) and country.
    pub fn set_dateline(&mut self, place: Option<PlaceId>, country: Iso3) {
        self.dateline = Some((place, country));
    }

    /// The dateline's country.
    pub fn dateline_country(&self) -> Option<Iso3> {
        self.dateline.map(|(_, c)| c)
    }

    /// The most mentioned country (the first mentioned among equals).
    pub fn main_country(&self) -> Option<Iso3> {
        let mut best: Option<(Iso3, u32)> = None;
        for &(c, n) in &self.countries {
            if best.is_none_or(|(_, m)| n > m) {
                best = Some((c, n));
            }
        }
        best.map(|(c, _)| c)
    }
}

/// A chosen place and the rule that chose it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Resolved {
    /// The place.
    pub place: PlaceId,
    /// Why this one.
    pub how: How,
}

/// The rule that chose a place among a name's candidates, in the order
/// the rules are tried.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum How {
    /// The name has one candidate.
    Only,
    /// A region after the name left one candidate ("Paris, Texas").
    Region,
    /// "the capital" of a country the text names.
    Capital,
    /// The dateline's place, or a candidate in the dateline's country.
    Dateline,
    /// A candidate in a country the story mentions (a country itself
    /// first: "Georgia" in a story about Georgia and Russia).
    StoryCountry,
    /// A country rather than a division or city ("Georgia" with no context).
    Country,
    /// The most prominent candidate: a national capital, else the most populous.
    Population,
}

impl How {
    /// `"only"`, `"region"`, `"capital"`, `"dateline"`, `"story-country"`,
    /// `"country"` or `"population"`.
    pub fn as_str(self) -> &'static str {
        match self {
            How::Only => "only",
            How::Region => "region",
            How::Capital => "capital",
            How::Dateline => "dateline",
            How::StoryCountry => "story-country",
            How::Country => "country",
            How::Population => "population",
        }
    }
}

/// Capitals before other places of a name, then by population; the
/// smaller id breaks ties, so the choice is deterministic.
fn prominence(p: &Place, id: PlaceId) -> (bool, u64, std::cmp::Reverse<PlaceId>) {
    (p.capital, p.population, std::cmp::Reverse(id))
}

impl Gazetteer {
    /// Chooses among a name's candidates (see [`How`] for the rules, tried
    /// in order). A division is dropped for a city of the same name inside
    /// it ("Aleppo" the city, not the governorate). `None` only for no
    /// candidates (ids of another gazetteer are ignored).
    pub fn resolve(&self, candidates: &[PlaceId], ctx: &Context) -> Option<Resolved> {
        let cands: Vec<(PlaceId, &Place)> = candidates
            .iter()
            .filter_map(|&c| Some((c, self.place(c)?)))
            .filter(|&(c, p)| {
                p.kind != PlaceKind::Admin1
                    || !candidates.iter().any(|&city| city != c && self.contains(c, city))
            })
            .collect();
        let pick = |how: How, keep: &dyn Fn(&Place) -> bool| {
            cands
                .iter()
                .filter(|(_, p)| keep(p))
                .max_by_key(|&&(id, p)| (ctx.count(p.country), prominence(p, id)))
                .map(|&(place, _)| Resolved { place, how })
        };
        let dateline = ctx.dateline_country();
        let in_story = |p: &Place| ctx.count(p.country) > 0 || Some(p.country) == dateline;
        if cands.len() == 1 {
            return pick(How::Only, &|_| true);
        }
        if let Some((Some(place), _)) = ctx.dateline {
            if cands.iter().any(|&(c, _)| c == place) {
                return Some(Resolved { place, how: How::Dateline });
            }
        }
        pick(How::StoryCountry, &|p| p.kind == PlaceKind::Country && in_story(p))
            .or_else(|| pick(How::Dateline, &|p| Some(p.country) == dateline))
            .or_else(|| pick(How::StoryCountry, &|p| ctx.count(p.country) > 0))
            .or_else(|| pick(How::Country, &|p| p.kind == PlaceKind::Country))
            .or_else(|| pick(How::Population, &|_| true))
    }

    /// Chooses the place of a mention: its candidates by
    /// [`resolve`](Gazetteer::resolve) (`Region` when a region narrowed
    /// them to one), and for "the capital" of no named country, the capital
    /// of the dateline's country, else of the story's main country.
    pub fn resolve_mention(&self, mention: &PlaceMention, ctx: &Context) -> Option<Resolved> {
        if let MentionKind::Capital { .. } = mention.kind {
            if let Some(&place) = mention.candidates.first() {
                return Some(Resolved { place, how: How::Capital });
            }
            let (country, how) = match (ctx.dateline_country(), ctx.main_country()) {
                (Some(c), _) => (c, How::Dateline),
                (None, Some(c)) => (c, How::StoryCountry),
                (None, None) => return None,
            };
            return Some(Resolved { place: self.capital_of(country)?, how });
        }
        let r = self.resolve(&mention.candidates, ctx)?;
        Some(match r.how {
            How::Only if mention.region.is_some() => Resolved { how: How::Region, ..r },
            _ => r,
        })
    }
}
