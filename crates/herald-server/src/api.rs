//! The JSON API: query parameters in, wire types out. These types exist only
//! here; they are converted from the store's by hand so that the store can
//! change without changing the wire, and the other way round.

use std::collections::BTreeMap;

use axum::extract::rejection::{PathRejection, QueryRejection};
use axum::extract::{Path, Query, State};
use axum::Json;
use herald_core::{Date, EventCode, EventRecord, Span};
use herald_store::{
    AggregateQuery, DyadAggregate, EventFilter, NetworkQuery, Page, Period, Rollup, StoredEvent,
    StoryInfo,
};
use serde::Serialize;

use crate::error::{ApiError, ErrorCode};
use crate::pool::Pool;

/// Events returned per request unless `limit` says otherwise, and the most it may say.
const DEFAULT_LIMIT: u64 = 100;
const MAX_LIMIT: u64 = 10_000;
/// Aggregate rows returned per request unless `limit` says otherwise (at most `MAX_LIMIT`).
const DEFAULT_AGGREGATES: u64 = 1_000;
/// Edges in the network unless `top` says otherwise, and the most it may say.
const DEFAULT_TOP: u64 = 300;
const MAX_TOP: u64 = 5_000;

type Pairs = Result<Query<Vec<(String, String)>>, QueryRejection>;

/// A request's query parameters, taken one by one; whatever is left at the
/// end is unknown, which is an error so that typos do not silently widen a query.
struct Params(BTreeMap<String, String>);

impl Params {
    fn new(query: Pairs) -> Result<Params, ApiError> {
        let Query(pairs) = query.map_err(|e| ApiError::bad(e.body_text()))?;
        let mut map = BTreeMap::new();
        for (key, value) in pairs {
            if map.contains_key(&key) {
                return Err(ApiError::new(
                    ErrorCode::UnknownParameter,
                    format!("`{key}` is given more than once"),
                ));
            }
            map.insert(key, value);
        }
        Ok(Params(map))
    }

    /// A parameter's value; an empty value counts as absent.
    fn take(&mut self, key: &str) -> Option<String> {
        self.0.remove(key).filter(|v| !v.is_empty())
    }

    fn take_with<T>(
        &mut self,
        key: &str,
        parse: impl FnOnce(&str) -> Result<T, String>,
    ) -> Result<Option<T>, ApiError> {
        self.take(key)
            .map(|v| parse(&v).map_err(|m| ApiError::bad(format!("`{key}`: {m}"))))
            .transpose()
    }

    fn code(&mut self, key: &str) -> Result<Option<String>, ApiError> {
        self.take_with(key, |v| actor_code(v).map(str::to_string))
    }

    fn number(
        &mut self,
        key: &str,
        default: u64,
        range: std::ops::RangeInclusive<u64>,
    ) -> Result<u64, ApiError> {
        let n = self.take_with(key, |v| {
            v.parse::<u64>().map_err(|_| format!("`{v}` is not a non-negative integer"))
        })?;
        let n = n.unwrap_or(default);
        if !range.contains(&n) {
            return Err(ApiError::bad(format!(
                "`{key}` must be between {} and {}",
                range.start(),
                range.end()
            )));
        }
        Ok(n)
    }

    /// The [`EventFilter`] parameters: actor, country, source, target,
    /// source_country, target_country, cameo, root, plover, quad, from, to.
    fn filter(&mut self) -> Result<EventFilter, ApiError> {
        let cameo =
            |v: &str| EventCode::parse(v).ok_or_else(|| format!("`{v}` is not a CAMEO code"));
        let quad = |v: &str| match v.parse::<u8>() {
            Ok(q @ 1..=4) => Ok(q),
            _ => Err(format!("`{v}` is not a quad class (1 to 4)")),
        };
        let filter = EventFilter {
            actor: self.code("actor")?,
            country: self.code("country")?,
            source: self.code("source")?,
            target: self.code("target")?,
            source_country: self.code("source_country")?,
            target_country: self.code("target_country")?,
            cameo: self.take_with("cameo", cameo)?,
            root: self.take_with("root", cameo)?,
            plover: self.code("plover")?,
            quad: self.take_with("quad", quad)?,
            from: self.take_with("from", |v| Date::parse(v).map_err(|e| e.to_string()))?,
            to: self.take_with("to", |v| Date::parse(v).map_err(|e| e.to_string()))?,
        };
        if let (Some(from), Some(to)) = (filter.from, filter.to) {
            if from > to {
                return Err(ApiError::bad(format!("`from` ({from}) is after `to` ({to})")));
            }
        }
        Ok(filter)
    }

    fn finish(self) -> Result<(), ApiError> {
        match self.0.keys().next() {
            Some(key) => Err(ApiError::new(
                ErrorCode::UnknownParameter,
                format!("unknown parameter `{key}`"),
            )),
            None => Ok(()),
        }
    }
}

/// Actor codes, countries and PLOVER types are short words of letters,
/// digits, `_` and `-`; anything else is a client bug worth reporting.
fn actor_code(v: &str) -> Result<&str, String> {
    if v.len() <= 64 && v.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-') {
        Ok(v)
    } else {
        Err(format!("`{v}` is not a code (letters, digits, `_`, `-`, at most 64)"))
    }
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

pub async fn summary(State(pool): State<Pool>, query: Pairs) -> Result<Json<SummaryDto>, ApiError> {
    Params::new(query)?.finish()?;
    let (s, provenance) = pool.run(|r| Ok((r.summary()?, r.provenance()?))).await?;
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

fn event_dto(e: StoredEvent) -> EventDto {
    EventDto {
        id: e.id,
        canonical: e.canonical,
        mentions: e.mentions,
        day: e.day.clone(),
        segments: segments(&e),
        record: e.record,
    }
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
pub async fn events(State(pool): State<Pool>, query: Pairs) -> Result<Json<EventsDto>, ApiError> {
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
    let events = pool
        .run(move |r| match after {
            Some(_) => Ok(r.events_after(&filter, after, limit)?),
            None => Ok(Some(r.events(&filter, Page { limit: Some(limit), offset })?)),
        })
        .await?
        .ok_or_else(|| ApiError::bad(format!("`after`: no event {}", after.unwrap_or_default())))?;
    let next = events.last().filter(|_| events.len() as u64 == limit).map(|e| e.id);
    Ok(Json(EventsDto { events: events.into_iter().map(event_dto).collect(), limit, offset, next }))
}

#[derive(Serialize)]
pub struct StoryDto {
    id: String,
    date: Option<String>,
    source: Option<String>,
    title: Option<String>,
    status: String,
    origin: String,
}

#[derive(Serialize)]
pub struct EventDetailDto {
    event: EventDto,
    story: Option<StoryDto>,
}

pub async fn event(
    State(pool): State<Pool>,
    id: Result<Path<i64>, PathRejection>,
    query: Pairs,
) -> Result<Json<EventDetailDto>, ApiError> {
    let Path(id) = id.map_err(|e| ApiError::bad(format!("event id: {}", e.body_text())))?;
    Params::new(query)?.finish()?;
    let found = pool
        .run(move |r| {
            let Some(event) = r.event(id)? else { return Ok(None) };
            let story = r.story(event.story)?;
            Ok(Some((event, story)))
        })
        .await?;
    let (event, story) = found.ok_or_else(|| ApiError::not_found(format!("no event {id}")))?;
    let story = story.map(|s: StoryInfo| StoryDto {
        id: s.id,
        date: s.date,
        source: s.source,
        title: s.title,
        status: s.status,
        origin: s.origin,
    });
    Ok(Json(EventDetailDto { event: event_dto(event), story }))
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
    rows: Vec<AggregateDto>,
    limit: u64,
    offset: u64,
}

pub async fn aggregates(
    State(pool): State<Pool>,
    query: Pairs,
) -> Result<Json<AggregatesDto>, ApiError> {
    let mut p = Params::new(query)?;
    let filter = p.filter()?;
    let period = p
        .take_with("period", |v| Period::parse(v).map_err(|e| e.to_string()))?
        .unwrap_or(Period::All);
    let limit = p.number("limit", DEFAULT_AGGREGATES, 1..=MAX_LIMIT)?;
    let offset = p.number("offset", 0, 0..=u64::from(u32::MAX))?;
    p.finish()?;
    let q = AggregateQuery { filter, period, rollup: Rollup::Actor };
    let page = Page { limit: Some(limit), offset };
    let rows = pool.run(move |r| Ok(r.aggregate_page(&q, page)?)).await?;
    Ok(Json(AggregatesDto {
        period: period.as_str(),
        rows: rows.into_iter().map(aggregate_dto).collect(),
        limit,
        offset,
    }))
}

#[derive(Serialize)]
pub struct TimelineDto {
    source: String,
    target: String,
    period: &'static str,
    points: Vec<AggregateDto>,
}

pub async fn timeline(
    State(pool): State<Pool>,
    path: Result<Path<(String, String)>, PathRejection>,
    query: Pairs,
) -> Result<Json<TimelineDto>, ApiError> {
    let Path((source, target)) = path.map_err(|e| ApiError::bad(e.body_text()))?;
    actor_code(&source).map_err(|m| ApiError::bad(format!("source: {m}")))?;
    actor_code(&target).map_err(|m| ApiError::bad(format!("target: {m}")))?;
    let mut p = Params::new(query)?;
    let period = p.take_with("period", |v| match Period::parse(v) {
        Ok(Period::All) => Err("a timeline needs day, week or month".to_string()),
        other => other.map_err(|e| e.to_string()),
    })?;
    let period = period.unwrap_or(Period::Week);
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
    let rows = pool
        .run(move |r| {
            if !r.has_dyad(&s, Some(&t))? {
                return Ok(None);
            }
            Ok(Some(r.aggregate(&AggregateQuery { filter, period, rollup: Rollup::Actor })?))
        })
        .await?
        .ok_or_else(|| ApiError::not_found(format!("no events from {source} to {target}")))?;
    Ok(Json(TimelineDto {
        source,
        target,
        period: period.as_str(),
        points: rows.into_iter().map(aggregate_dto).collect(),
    }))
}

#[derive(Serialize)]
pub struct NodeDto {
    id: String,
    country: Option<String>,
    /// Canonical events the actor takes part in, within the shown edges.
    events: u64,
}

#[derive(Serialize)]
pub struct NetworkDto {
    nodes: Vec<NodeDto>,
    edges: Vec<AggregateDto>,
}

pub async fn network(State(pool): State<Pool>, query: Pairs) -> Result<Json<NetworkDto>, ApiError> {
    let mut p = Params::new(query)?;
    let filter = p.filter()?;
    let top = p.number("top", DEFAULT_TOP, 1..=MAX_TOP)?;
    p.finish()?;
    let q = NetworkQuery { filter, rollup: Rollup::Actor, top, min_events: 1 };
    let edges = pool.run(move |r| Ok(r.network(&q)?)).await?;
    let mut nodes: BTreeMap<&str, NodeDto> = BTreeMap::new();
    for e in &edges {
        let target = e.target.as_deref().unwrap_or_default();
        for (id, country) in [(e.source.as_str(), &e.source_country), (target, &e.target_country)] {
            let node = nodes.entry(id).or_insert_with(|| NodeDto {
                id: id.to_string(),
                country: country.clone(),
                events: 0,
            });
            node.events += e.events;
        }
    }
    let nodes = nodes.into_values().collect();
    Ok(Json(NetworkDto { nodes, edges: edges.into_iter().map(aggregate_dto).collect() }))
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
