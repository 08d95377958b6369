//! The JSON API: query parameters in, wire types out. These types exist only
//! here; they are converted from the store's by hand so that the store can
//! change without changing the wire, and the other way round.

use std::collections::BTreeMap;
use std::sync::Arc;

use axum::extract::rejection::PathRejection;
use axum::extract::{Path, State};
use axum::Json;
use herald_core::{CameoTable, EventRecord, QuadClass, Span};
use herald_dict::ActorNames;
use herald_geo::{Gazetteer, Iso3};
use herald_store::{
    AggregateQuery, DyadAggregate, NetworkQuery, Page, Participant, Period, Rollup, StoredEvent,
    StoryInfo, Totals,
};
use serde::Serialize;

use crate::error::ApiError;
use crate::params::{actor_code, Pairs, Params};
use crate::pool::Pool;

/// Events returned per request unless `limit` says otherwise, and the most it may say.
const DEFAULT_LIMIT: u64 = 100;
const MAX_LIMIT: u64 = 10_000;
/// Aggregate rows returned per request unless `limit` says otherwise (at most `MAX_LIMIT`).
const DEFAULT_AGGREGATES: u64 = 1_000;
/// Edges in the network unless `top` says otherwise, and the most it may say.
const DEFAULT_TOP: u64 = 300;
const MAX_TOP: u64 = 5_000;
/// Suggestions unless `limit` says otherwise, and the most it may say.
const DEFAULT_SUGGESTIONS: u64 = 10;
const MAX_SUGGESTIONS: u64 = 50;
/// The longest search text, in characters.
const MAX_SEARCH: usize = 64;

/// What every handler shares: the store, and the tables that name things.
#[derive(Clone)]
pub struct App {
    pub pool: Pool,
    pub names: Arc<ActorNames>,
    pub vocabulary: Arc<VocabularyDto>,
    /// For the map: where each country lies.
    pub gazetteer: Arc<Gazetteer>,
}

impl App {
    pub fn new(pool: Pool) -> App {
        App {
            pool,
            names: Arc::new(ActorNames::embedded()),
            vocabulary: Arc::new(VocabularyDto::new(&CameoTable::embedded())),
            gazetteer: Arc::new(Gazetteer::embedded()),
        }
    }

    /// The readable name of a node or an event's actor: a country's, or an
    /// actor code's.
    fn name(&self, code: &str, kind: Kind) -> Option<String> {
        match kind {
            Kind::Country => self.names.country(code).map(str::to_string),
            Kind::Actor => self.names.name(code),
        }
    }
}

/// What a node, a suggestion or a filter value stands for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// An actor code (`ARMMIL`): filter with `actor`, `source`, `target`.
    Actor,
    /// A country (`ARM`): filter with `country`, `source_country`, `target_country`.
    Country,
}

#[derive(Serialize)]
pub struct SummaryDto {
    stories: u64,
    coded: u64,
    no_events: u64,
    rejected: u64,
    events: u64,
    canonical_events: u64,
    dyads: u64,
    /// The configurations that coded the store's events.
    provenance: Vec<herald_core::Provenance>,
}

pub async fn summary(State(app): State<App>, query: Pairs) -> Result<Json<SummaryDto>, ApiError> {
    Params::new(query)?.finish()?;
    let (s, provenance) = app.pool.run(|r| Ok((r.summary()?, r.provenance()?))).await?;
    Ok(Json(SummaryDto {
        stories: s.stories,
        coded: s.coded,
        no_events: s.no_events,
        rejected: s.rejected,
        events: s.events,
        canonical_events: s.canonical_events,
        dyads: s.dyads,
        provenance,
    }))
}

/// The codes the page offers as filters, with their names, from herald's
/// CAMEO table.
#[derive(Clone, Serialize)]
pub struct VocabularyDto {
    roots: Vec<RootDto>,
    plover: Vec<String>,
    quad: Vec<QuadDto>,
}

#[derive(Clone, Serialize)]
struct RootDto {
    code: String,
    name: String,
    quad: u8,
}

#[derive(Clone, Serialize)]
struct QuadDto {
    number: u8,
    name: &'static str,
}

impl VocabularyDto {
    fn new(table: &CameoTable) -> VocabularyDto {
        let roots = table.entries().iter().filter(|e| e.code.as_str().len() == 2);
        let mut plover: Vec<String> =
            table.entries().iter().filter_map(|e| e.plover.clone()).collect();
        plover.sort();
        plover.dedup();
        VocabularyDto {
            roots: roots
                .map(|e| RootDto {
                    code: e.code.to_string(),
                    name: e.name.clone(),
                    quad: e.quad_class.number(),
                })
                .collect(),
            plover,
            quad: QuadClass::ALL
                .iter()
                .map(|q| QuadDto { number: q.number(), name: q.name() })
                .collect(),
        }
    }
}

pub async fn vocabulary(
    State(app): State<App>,
    query: Pairs,
) -> Result<Json<VocabularyDto>, ApiError> {
    Params::new(query)?.finish()?;
    Ok(Json(VocabularyDto::clone(&app.vocabulary)))
}

/// A piece of a sentence, marked with the role it plays in the event, if any.
#[derive(Serialize, Debug, PartialEq)]
pub struct Segment {
    text: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    role: Option<&'static str>,
}

#[derive(Serialize)]
pub struct EventDto {
    id: i64,
    canonical: i64,
    mentions: u64,
    day: Option<String>,
    /// The sentence cut at the source, target and verb spans, so a page can
    /// highlight them without converting byte offsets to UTF-16.
    segments: Vec<Segment>,
    /// Readable names of the source and target codes, when herald's tables have them.
    source_name: Option<String>,
    target_name: Option<String>,
    /// The story the event was read in (in event lists and details).
    #[serde(skip_serializing_if = "Option::is_none")]
    story: Option<StoryDto>,
    #[serde(flatten)]
    record: EventRecord,
}

/// Cuts the event's sentence into plain and highlighted segments. Spans that
/// fall outside the sentence, off char boundaries, or over an earlier span
/// are not highlighted rather than cut wrongly.
fn segments(e: &StoredEvent) -> Vec<Segment> {
    let r = &e.record;
    let sentence = &r.sentence;
    let base = e.sentence_span.start;
    let mut marks: Vec<(Span, &'static str)> =
        vec![(r.source.span, "source"), (r.verb.span, "verb")];
    if let Some(t) = &r.target {
        marks.push((t.span, "target"));
    }
    let mut marks: Vec<(usize, usize, &'static str)> = marks
        .into_iter()
        .filter_map(|(s, role)| {
            let (start, end) = (s.start.checked_sub(base)?, s.end.checked_sub(base)?);
            (start < end && sentence.get(start..end).is_some()).then_some((start, end, role))
        })
        .collect();
    marks.sort();
    let mut out = Vec::new();
    let mut at = 0;
    for (start, end, role) in marks {
        if start < at {
            continue;
        }
        if start > at {
            out.push(Segment { text: sentence[at..start].to_string(), role: None });
        }
        out.push(Segment { text: sentence[start..end].to_string(), role: Some(role) });
        at = end;
    }
    if at < sentence.len() {
        out.push(Segment { text: sentence[at..].to_string(), role: None });
    }
    out
}

fn event_dto(app: &App, e: StoredEvent, story: Option<StoryDto>) -> EventDto {
    EventDto {
        id: e.id,
        canonical: e.canonical,
        mentions: e.mentions,
        day: e.day.clone(),
        segments: segments(&e),
        source_name: app.names.name(&e.record.source.code),
        target_name: e.record.target.as_ref().and_then(|t| app.names.name(&t.code)),
        story,
        record: e.record,
    }
}

#[derive(Clone, Serialize)]
pub struct StoryDto {
    /// The story's number in the store, for `/api/stories/{row}`.
    row: i64,
    id: String,
    date: Option<String>,
    source: Option<String>,
    title: Option<String>,
    url: Option<String>,
    status: String,
    origin: String,
    /// Its event reports.
    events: u64,
}

fn story_dto(s: StoryInfo) -> StoryDto {
    StoryDto {
        row: s.row,
        id: s.id,
        date: s.date,
        source: s.source,
        title: s.title,
        url: s.url,
        status: s.status,
        origin: s.origin,
        events: s.events,
    }
}

/// The stories of these events, each read once.
fn stories_of(
    r: &herald_store::Reader,
    events: &[StoredEvent],
) -> Result<BTreeMap<i64, StoryInfo>, ApiError> {
    let mut stories = BTreeMap::new();
    for e in events {
        if let std::collections::btree_map::Entry::Vacant(slot) = stories.entry(e.story) {
            if let Some(s) = r.story(e.story)? {
                slot.insert(s);
            }
        }
    }
    Ok(stories)
}

#[derive(Serialize)]
pub struct EventsDto {
    events: Vec<EventDto>,
    limit: u64,
    offset: u64,
    /// The `after` value for the next page; `null` on the last page.
    next: Option<i64>,
}

/// Pages by `offset`, or by `after` (the last event id of the previous
/// page), which costs the same however deep the page is.
pub async fn events(State(app): State<App>, query: Pairs) -> Result<Json<EventsDto>, ApiError> {
    let mut p = Params::new(query)?;
    let filter = p.filter()?;
    let limit = p.number("limit", DEFAULT_LIMIT, 1..=MAX_LIMIT)?;
    let offset = p.number("offset", 0, 0..=u64::from(u32::MAX))?;
    let after = p.take_with("after", |v| {
        v.parse::<i64>().map_err(|_| format!("`{v}` is not an event id"))
    })?;
    p.finish()?;
    if after.is_some() && offset > 0 {
        return Err(ApiError::bad("use either `offset` or `after`, not both"));
    }
    let (events, stories) = app
        .pool
        .run(move |r| {
            let events = match after {
                Some(_) => r.events_after(&filter, after, limit)?,
                None => Some(r.events(&filter, Page { limit: Some(limit), offset })?),
            };
            let Some(events) = events else { return Ok(None) };
            let stories = stories_of(r, &events)?;
            Ok(Some((events, stories)))
        })
        .await?
        .ok_or_else(|| ApiError::bad(format!("`after`: no event {}", after.unwrap_or_default())))?;
    let next = events.last().filter(|_| events.len() as u64 == limit).map(|e| e.id);
    let events = events
        .into_iter()
        .map(|e| {
            let story = stories.get(&e.story).cloned().map(story_dto);
            event_dto(&app, e, story)
        })
        .collect();
    Ok(Json(EventsDto { events, limit, offset, next }))
}

#[derive(Serialize)]
pub struct EventDetailDto {
    event: EventDto,
    story: Option<StoryDto>,
}

pub async fn event(
    State(app): State<App>,
    id: Result<Path<i64>, PathRejection>,
    query: Pairs,
) -> Result<Json<EventDetailDto>, ApiError> {
    let Path(id) = id.map_err(|e| ApiError::bad(format!("event id: {}", e.body_text())))?;
    Params::new(query)?.finish()?;
    let found = app
        .pool
        .run(move |r| {
            let Some(event) = r.event(id)? else { return Ok(None) };
            let story = r.story(event.story)?;
            Ok(Some((event, story)))
        })
        .await?;
    let (event, story) = found.ok_or_else(|| ApiError::not_found(format!("no event {id}")))?;
    Ok(Json(EventDetailDto { event: event_dto(&app, event, None), story: story.map(story_dto) }))
}

#[derive(Serialize)]
pub struct StoryEventsDto {
    story: StoryDto,
    events: Vec<EventDto>,
    limit: u64,
    offset: u64,
}

/// A story and a page of its events, in sentence order.
pub async fn story(
    State(app): State<App>,
    row: Result<Path<i64>, PathRejection>,
    query: Pairs,
) -> Result<Json<StoryEventsDto>, ApiError> {
    let Path(row) = row.map_err(|e| ApiError::bad(format!("story: {}", e.body_text())))?;
    let mut p = Params::new(query)?;
    let limit = p.number("limit", DEFAULT_LIMIT, 1..=MAX_LIMIT)?;
    let offset = p.number("offset", 0, 0..=u64::from(u32::MAX))?;
    p.finish()?;
    let found = app
        .pool
        .run(move |r| {
            let Some(story) = r.story(row)? else { return Ok(None) };
            Ok(Some((story, r.story_events(row, Page { limit: Some(limit), offset })?)))
        })
        .await?;
    let (story, events) = found.ok_or_else(|| ApiError::not_found(format!("no story {row}")))?;
    let events = events.into_iter().map(|e| event_dto(&app, e, None)).collect();
    Ok(Json(StoryEventsDto { story: story_dto(story), events, limit, offset }))
}

#[derive(Serialize)]
pub struct AggregateDto {
    source: String,
    target: Option<String>,
    source_country: Option<String>,
    target_country: Option<String>,
    period: Option<String>,
    events: u64,
    mentions: u64,
    /// Canonical events per quad class 1–4.
    quad: [u64; 4],
    cooperation: u64,
    conflict: u64,
    goldstein_sum: f64,
    goldstein_mean: Option<f64>,
}

fn aggregate_dto(a: DyadAggregate) -> AggregateDto {
    AggregateDto {
        goldstein_mean: a.goldstein_mean().map(round2),
        goldstein_sum: round2(a.goldstein_sum),
        cooperation: a.quad[0] + a.quad[1],
        conflict: a.quad[2] + a.quad[3],
        source: a.source,
        target: a.target,
        source_country: a.source_country,
        target_country: a.target_country,
        period: a.period,
        events: a.events,
        mentions: a.mentions,
        quad: a.quad,
    }
}

/// Sums of one-decimal scores drift in binary floating point (`0.1 + 0.2`);
/// two decimals are all any client needs.
fn round2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

#[derive(Serialize)]
pub struct AggregatesDto {
    period: &'static str,
    rollup: &'static str,
    rows: Vec<AggregateDto>,
    limit: u64,
    offset: u64,
}

pub async fn aggregates(
    State(app): State<App>,
    query: Pairs,
) -> Result<Json<AggregatesDto>, ApiError> {
    let mut p = Params::new(query)?;
    let filter = p.filter()?;
    let period = p.period(Period::All, true)?;
    let rollup = p.rollup()?;
    let limit = p.number("limit", DEFAULT_AGGREGATES, 1..=MAX_LIMIT)?;
    let offset = p.number("offset", 0, 0..=u64::from(u32::MAX))?;
    p.finish()?;
    let q = AggregateQuery { filter, period, rollup };
    let page = Page { limit: Some(limit), offset };
    let rows = app.pool.run(move |r| Ok(r.aggregate_page(&q, page)?)).await?;
    Ok(Json(AggregatesDto {
        period: period.as_str(),
        rollup: rollup.as_str(),
        rows: rows.into_iter().map(aggregate_dto).collect(),
        limit,
        offset,
    }))
}

#[derive(Serialize)]
pub struct DyadTimelineDto {
    source: String,
    target: String,
    period: &'static str,
    points: Vec<AggregateDto>,
}

pub async fn dyad_timeline(
    State(app): State<App>,
    path: Result<Path<(String, String)>, PathRejection>,
    query: Pairs,
) -> Result<Json<DyadTimelineDto>, ApiError> {
    let Path((source, target)) = path.map_err(|e| ApiError::bad(e.body_text()))?;
    actor_code(&source).map_err(|m| ApiError::bad(format!("source: {m}")))?;
    actor_code(&target).map_err(|m| ApiError::bad(format!("target: {m}")))?;
    let mut p = Params::new(query)?;
    let period = p.period(Period::Week, false)?;
    let mut filter = p.filter()?;
    p.finish()?;
    if filter.source.is_some() || filter.target.is_some() {
        return Err(ApiError::bad(
            "the dyad is in the path; `source` and `target` cannot be given too",
        ));
    }
    filter.source = Some(source.clone());
    filter.target = Some(target.clone());
    let (s, t) = (source.clone(), target.clone());
    let rows = app
        .pool
        .run(move |r| {
            if !r.has_dyad(&s, Some(&t))? {
                return Ok(None);
            }
            Ok(Some(r.aggregate(&AggregateQuery { filter, period, rollup: Rollup::Actor })?))
        })
        .await?
        .ok_or_else(|| ApiError::not_found(format!("no events from {source} to {target}")))?;
    Ok(Json(DyadTimelineDto {
        source,
        target,
        period: period.as_str(),
        points: rows.into_iter().map(aggregate_dto).collect(),
    }))
}

#[derive(Serialize)]
pub struct PointDto {
    period: Option<String>,
    events: u64,
    mentions: u64,
    /// Canonical events per quad class 1–4.
    quad: [u64; 4],
    cooperation: u64,
    conflict: u64,
    goldstein_sum: f64,
    goldstein_mean: Option<f64>,
}

fn point_dto(t: Totals) -> PointDto {
    PointDto {
        goldstein_mean: t.goldstein_mean().map(round2),
        goldstein_sum: round2(t.goldstein_sum),
        cooperation: t.quad[0] + t.quad[1],
        conflict: t.quad[2] + t.quad[3],
        period: t.period,
        events: t.events,
        mentions: t.mentions,
        quad: t.quad,
    }
}

#[derive(Serialize)]
pub struct TimelineDto {
    period: &'static str,
    points: Vec<PointDto>,
}

/// The matching events per period, all dyads together: the overall
/// timeline, or an actor's, a country's or a dyad's under the filter.
pub async fn timeline(State(app): State<App>, query: Pairs) -> Result<Json<TimelineDto>, ApiError> {
    let mut p = Params::new(query)?;
    let filter = p.filter()?;
    let period = p.period(Period::Week, true)?;
    p.finish()?;
    let points = app.pool.cube(&filter.clone(), move |c| c.timeline(&filter, period)).await?;
    Ok(Json(TimelineDto {
        period: period.as_str(),
        points: points.into_iter().map(point_dto).collect(),
    }))
}

/// Points shown on the map at most, and by default.
const MAX_POINTS: u64 = 5000;
const DEFAULT_POINTS: u64 = 1000;

#[derive(Serialize)]
pub struct CountryCountDto {
    /// ISO alpha-3.
    country: String,
    name: Option<String>,
    events: u64,
    /// GeoNames' point of the country (a map finds its shape by it).
    lat: Option<f64>,
    lon: Option<f64>,
}

#[derive(Serialize)]
pub struct PlaceDto {
    lat: f64,
    lon: f64,
    country: String,
    admin1: Option<String>,
    events: u64,
}

#[derive(Serialize)]
pub struct PlacesDto {
    /// Canonical events per country of their location, busiest first.
    countries: Vec<CountryCountDto>,
    /// The `top` busiest points.
    points: Vec<PlaceDto>,
}

/// Where the matching events happened, for the map: per country of their
/// location and per point.
pub async fn places(State(app): State<App>, query: Pairs) -> Result<Json<PlacesDto>, ApiError> {
    let mut p = Params::new(query)?;
    let filter = p.filter()?;
    let top = p.number("top", DEFAULT_POINTS, 1..=MAX_POINTS)?;
    p.finish()?;
    let top = usize::try_from(top).unwrap_or(usize::MAX);
    let places = app.pool.cube(&filter.clone(), move |c| c.places(&filter, top)).await?;
    Ok(Json(PlacesDto {
        countries: places
            .countries
            .into_iter()
            .map(|(country, events)| {
                let point = Iso3::new(&country)
                    .and_then(|c| app.gazetteer.country(c))
                    .and_then(|c| app.gazetteer.place(c.place));
                CountryCountDto {
                    name: app.names.name(&country),
                    lat: point.map(|p| p.lat),
                    lon: point.map(|p| p.lon),
                    country,
                    events,
                }
            })
            .collect(),
        points: places
            .points
            .into_iter()
            .map(|p| PlaceDto {
                lat: p.lat,
                lon: p.lon,
                country: p.country,
                admin1: p.admin1,
                events: p.events,
            })
            .collect(),
    }))
}

#[derive(Serialize)]
pub struct NodeDto {
    id: String,
    kind: Kind,
    name: Option<String>,
    country: Option<String>,
    /// Canonical events the actor takes part in, within the shown edges.
    events: u64,
}

#[derive(Serialize)]
pub struct NetworkDto {
    rollup: &'static str,
    nodes: Vec<NodeDto>,
    edges: Vec<AggregateDto>,
}

pub async fn network(State(app): State<App>, query: Pairs) -> Result<Json<NetworkDto>, ApiError> {
    let mut p = Params::new(query)?;
    let filter = p.filter()?;
    let top = p.number("top", DEFAULT_TOP, 1..=MAX_TOP)?;
    let min_events = p.number("min_events", 1, 1..=u64::from(u32::MAX))?;
    let rollup = p.rollup()?;
    p.finish()?;
    let q = NetworkQuery { filter, rollup, top, min_events };
    let edges = app.pool.cube(&q.filter.clone(), move |c| c.network(&q)).await?;
    let mut nodes: BTreeMap<&str, NodeDto> = BTreeMap::new();
    for e in &edges {
        let target = e.target.as_deref().unwrap_or_default();
        for (id, country) in [(e.source.as_str(), &e.source_country), (target, &e.target_country)] {
            let node = nodes.entry(id).or_insert_with(|| {
                // Rolled up, a node is a country when its actors have one.
                let kind = match rollup {
                    Rollup::Country if country.as_deref() == Some(id) => Kind::Country,
                    _ => Kind::Actor,
                };
                NodeDto {
                    id: id.to_string(),
                    kind,
                    name: app.name(id, kind),
                    country: country.clone(),
                    events: 0,
                }
            });
            node.events += e.events;
        }
    }
    let nodes = nodes.into_values().collect();
    Ok(Json(NetworkDto {
        rollup: rollup.as_str(),
        nodes,
        edges: edges.into_iter().map(aggregate_dto).collect(),
    }))
}

#[derive(Serialize)]
pub struct SuggestionDto {
    code: String,
    kind: Kind,
    name: Option<String>,
    country: Option<String>,
    /// Canonical events it takes part in.
    events: u64,
}

#[derive(Serialize)]
pub struct SuggestionsDto {
    suggestions: Vec<SuggestionDto>,
}

/// Whether `q` (lower case) starts the code, the name or a word of the name.
fn matches(q: &str, code: &str, name: Option<&str>) -> bool {
    let lower = |s: &str| s.to_lowercase();
    lower(code).starts_with(q)
        || name.map(lower).is_some_and(|n| {
            n.starts_with(q) || n.split(|c: char| !c.is_alphanumeric()).any(|w| w.starts_with(q))
        })
}

/// Countries and actors of the store whose code or name starts with `q`
/// (or has a word that does), busiest first, for the page's search box.
/// Rolled up to countries, actors that have a country are left out.
pub async fn suggest(
    State(app): State<App>,
    query: Pairs,
) -> Result<Json<SuggestionsDto>, ApiError> {
    let mut p = Params::new(query)?;
    let q = p
        .take_with("q", |v| {
            let v = v.trim();
            match v.chars().count() {
                0 => Err("is empty".to_string()),
                n if n > MAX_SEARCH => Err(format!("is longer than {MAX_SEARCH} characters")),
                _ => Ok(v.to_lowercase()),
            }
        })?
        .ok_or_else(|| ApiError::bad("`q` (the text to search for) is missing"))?;
    let limit = p.number("limit", DEFAULT_SUGGESTIONS, 1..=MAX_SUGGESTIONS)?;
    let rollup = p.rollup()?;
    p.finish()?;
    let everything = herald_store::EventFilter::default();
    let (countries, actors) = app.pool.cube(&everything, |c| (c.countries(), c.actors())).await?;
    let actors = actors.into_iter().filter(|a| rollup == Rollup::Actor || a.country.is_none());
    let candidates =
        countries.into_iter().map(|c| (c, Kind::Country)).chain(actors.map(|a| (a, Kind::Actor)));
    let mut found: Vec<SuggestionDto> = candidates
        .filter_map(|(p, kind): (Participant, Kind)| {
            let name = app.name(&p.code, kind);
            matches(&q, &p.code, name.as_deref()).then_some(SuggestionDto {
                code: p.code,
                kind,
                name,
                country: p.country,
                events: p.events,
            })
        })
        .collect();
    // An exact code first, then countries, then the busiest.
    found.sort_by(|a, b| {
        let rank = |s: &SuggestionDto| (!s.code.eq_ignore_ascii_case(&q), s.kind != Kind::Country);
        rank(a).cmp(&rank(b)).then(b.events.cmp(&a.events)).then_with(|| a.code.cmp(&b.code))
    });
    found.truncate(usize::try_from(limit).unwrap_or(usize::MAX));
    Ok(Json(SuggestionsDto { suggestions: found }))
}

pub async fn not_found() -> ApiError {
    ApiError::not_found("no such endpoint")
}

#[cfg(test)]
mod tests {
    use herald_core::{ActorRecord, VerbRecord};

    use super::*;

    fn event(
        sentence: &str,
        base: usize,
        source: Span,
        verb: Span,
        target: Option<Span>,
    ) -> StoredEvent {
        let actor =
            |span: Span| ActorRecord { code: "X".into(), country: None, text: String::new(), span };
        StoredEvent {
            id: 1,
            canonical: 1,
            mentions: 1,
            story: 1,
            day: None,
            sentence_span: Span::new(base, base + sentence.len()),
            record: EventRecord {
                story_id: "s".into(),
                sentence_index: 0,
                sentence: sentence.into(),
                date: None,
                source: actor(source),
                target: target.map(actor),
                cameo: "190".into(),
                cameo_root: "19".into(),
                cameo_name: None,
                plover: None,
                goldstein: Some(-10.0),
                quad_class: Some(4),
                verb: VerbRecord { text: String::new(), span: verb },
                pattern: String::new(),
                ..Default::default()
            },
        }
    }

    fn roles(segs: &[Segment]) -> Vec<(&str, Option<&str>)> {
        segs.iter().map(|s| (s.text.as_str(), s.role)).collect()
    }

    #[test]
    fn segments_follow_spans_relative_to_the_sentence() {
        let e = event(
            "Iran condemned Israel.",
            10,
            Span::new(10, 14),
            Span::new(15, 24),
            Some(Span::new(25, 31)),
        );
        assert_eq!(
            roles(&segments(&e)),
            [
                ("Iran", Some("source")),
                (" ", None),
                ("condemned", Some("verb")),
                (" ", None),
                ("Israel", Some("target")),
                (".", None)
            ]
        );
    }

    #[test]
    fn bad_spans_are_not_highlighted() {
        // The source ends inside `é`; the verb overlaps the target, which comes first.
        let e = event(
            "Café Iran x",
            100,
            Span::new(100, 104),
            Span::new(106, 110),
            Some(Span::new(102, 108)),
        );
        assert_eq!(roles(&segments(&e)), [("Ca", None), ("fé Ir", Some("target")), ("an x", None)]);
        // A span before the sentence.
        let e = event("Iran x", 100, Span::new(50, 54), Span::new(100, 104), None);
        assert_eq!(roles(&segments(&e)), [("Iran", Some("verb")), (" x", None)]);
    }
}
