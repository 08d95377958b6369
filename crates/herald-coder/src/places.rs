//! Places named in a story (`herald-geo`): they tell which country the
//! story and its actors without a nationality belong to ("Illawarra
//! police", "police in Karachi", "militants in Kashmir"), and where its
//! events happened (`location.rs`).

use herald_core::Span;
use herald_geo::{parse_dateline, Context as GeoContext, Gazetteer, Iso3, PlaceId, PlaceMention};

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
    /// The place, in the coder's gazetteer.
    pub place: PlaceId,
}

/// A sentence's place mentions: those that are not part of an actor
/// mention ("Moscow said" is an actor, not a place), and those that are.
pub(crate) struct Found {
    free: Vec<PlaceMention>,
    in_actors: Vec<PlaceMention>,
}

/// What a story says about places besides its sentences' free place
/// mentions, for event locations: its dateline, and the places that are
/// also actor mentions ("in Kabul", "shelled Grozny"), by sentence index.
#[derive(Clone, Debug, Default)]
pub(crate) struct StoryPlaces {
    /// The dateline's place and its span in the story text.
    pub dateline: Option<(PlaceId, Span)>,
    /// Per sentence (by index in the story), the places inside its actor mentions.
    pub in_actors: Vec<(usize, Vec<PlaceRef>)>,
}

/// Finds the place mentions of a sentence, unresolved.
pub(crate) fn find(gaz: &Gazetteer, sent: &Sent<'_>, mentions: &[Mention]) -> Found {
    let (in_actors, free) = gaz
        .find_mentions(&sent.tokens, &sent.lower)
        .into_iter()
        .partition(|p| mentions.iter().any(|m| m.start < p.end && p.start < m.end));
    Found { free, in_actors }
}

/// Resolves every sentence's place mentions against what the whole story
/// says: the countries of its actors and places, and its dateline. `raw`
/// holds each sentence's index in the story and its mentions; the free
/// places come back in that order, the others in [`StoryPlaces`].
pub(crate) fn resolve(
    gaz: &Gazetteer,
    text: &str,
    actors: &[&[Mention]],
    raw: Vec<(usize, Found)>,
) -> (Vec<Vec<PlaceRef>>, StoryPlaces) {
    let mut ctx = GeoContext::new();
    for m in actors.iter().flat_map(|ms| ms.iter()) {
        if let Some(c) = m.country.as_deref().and_then(Iso3::new) {
            ctx.add_country(c);
        }
    }
    let mut story = StoryPlaces::default();
    if let Some(dateline) = parse_dateline(text) {
        if let Some(r) = gaz.dateline_place(text, &dateline) {
            if let Some(place) = gaz.place(r.place) {
                ctx.set_dateline(Some(r.place), place.country);
                let span = Span::new(dateline.place.start, dateline.place.end);
                story.dateline = Some((r.place, span));
            }
        }
    }
    let refs = |mentions: &[PlaceMention]| -> Vec<PlaceRef> {
        mentions
            .iter()
            .filter_map(|p| {
                let r = gaz.resolve_mention(p, &ctx)?;
                let place = gaz.place(r.place)?;
                Some(PlaceRef {
                    start: p.start,
                    end: p.end,
                    country: place.country.as_str().to_string(),
                    place: r.place,
                })
            })
            .collect()
    };
    let mut free = Vec::with_capacity(raw.len());
    for (idx, found) in raw {
        free.push(refs(&found.free));
        if !found.in_actors.is_empty() {
            story.in_actors.push((idx, refs(&found.in_actors)));
        }
    }
    (free, story)
}
