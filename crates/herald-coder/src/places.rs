//! Places named in a story (`herald-geo`): they tell which country the
//! story and its actors without a nationality belong to ("Illawarra
//! police", "police in Karachi", "militants in Kashmir").

use herald_geo::{parse_dateline, Context as GeoContext, Gazetteer, Iso3};

use crate::mentions::Mention;
use crate::sentence::Sent;

/// A place mention resolved to one place.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct PlaceRef {
    /// Tokens `start..end` of the sentence.
    pub start: usize,
    pub end: usize,
    /// ISO alpha-3 of the place's country.
    pub country: String,
}

/// Place mentions of a sentence that are not part of an actor mention
/// ("Moscow said" is an actor, not a place), unresolved.
pub(crate) fn find(
    gaz: &Gazetteer,
    sent: &Sent<'_>,
    mentions: &[Mention],
) -> Vec<herald_geo::PlaceMention> {
    gaz.find_mentions(&sent.tokens, &sent.lower)
        .into_iter()
        .filter(|p| !mentions.iter().any(|m| m.start < p.end && p.start < m.end))
        .collect()
}

/// Resolves every sentence's place mentions against what the whole story
/// says: the countries of its actors and places, and its dateline.
pub(crate) fn resolve(
    gaz: &Gazetteer,
    text: &str,
    actors: &[&[Mention]],
    raw: Vec<Vec<herald_geo::PlaceMention>>,
) -> Vec<Vec<PlaceRef>> {
    let mut ctx = GeoContext::new();
    for m in actors.iter().flat_map(|ms| ms.iter()) {
        if let Some(c) = m.country.as_deref().and_then(Iso3::new) {
            ctx.add_country(c);
        }
    }
    if let Some(dateline) = parse_dateline(text) {
        if let Some(r) = gaz.dateline_place(text, &dateline) {
            if let Some(place) = gaz.place(r.place) {
                ctx.set_dateline(Some(r.place), place.country);
            }
        }
    }
    raw.into_iter()
        .map(|mentions| {
            mentions
                .iter()
                .filter_map(|p| {
                    let r = gaz.resolve_mention(p, &ctx)?;
                    let place = gaz.place(r.place)?;
                    Some(PlaceRef {
                        start: p.start,
                        end: p.end,
                        country: place.country.as_str().to_string(),
                    })
                })
                .collect()
        })
        .collect()
}
