//! The in-memory [`Cube`] answers exactly as the store's SQL aggregates do,
//! under every filter and roll-up, and stays so as stories are added.

mod common;

use std::collections::BTreeMap;

use common::{add, event, story};
use herald_core::{Date, EventCode, EventRecord, LocationRecord};
use herald_input::Story;
use herald_store::{
    AggregateQuery, BBox, Cube, DyadAggregate, EventFilter, NetworkQuery, Period, Reader, Rollup,
    Totals, Writer,
};

const TEXT: &str = "Iran hits Iraq hard today.";
const ACTORS: [&str; 8] = ["ARMMIL", "ARMGOV", "ARM", "AZE", "AZEMIL", "IGOUNO", "USAGOV", "IRN"];
const CODES: [&str; 6] = ["190", "040", "111", "050", "174K", "020"];

/// Country, admin1, latitude, longitude.
type Place = (&'static str, Option<&'static str>, f64, f64);

/// Event locations: none, countries, divisions, and places on both sides
/// of the antimeridian.
const PLACES: [Option<Place>; 6] = [
    None,
    Some(("ARM", Some("Yerevan"), 40.18, 44.51)),
    Some(("AZE", Some("Baku"), 40.38, 49.89)),
    Some(("AZE", None, 40.5, 47.5)),
    Some(("FJI", Some("Central"), -18.14, 178.44)),
    Some(("USA", Some("Alaska"), 51.88, -176.66)),
];

/// xorshift64*: the same stories on every run.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        (self.0.wrapping_mul(0x2545_f491_4f6c_dd1d) % n as u64) as usize
    }
}

/// Stories of a few events each: actors with and without countries, codes
/// with and without a score, quad class or PLOVER type, undated events,
/// events without a target, and the same event reported twice.
fn stories(rng: &mut Rng, first: usize, n: usize) -> Vec<(Story, Vec<EventRecord>)> {
    (first..first + n)
        .map(|i| {
            let day = (rng.below(8) > 0)
                .then(|| format!("2024-0{}-{:02}", 1 + rng.below(3), 1 + rng.below(28)));
            let s = story(&format!("s{i}"), day.as_deref(), TEXT);
            let events = (0..1 + rng.below(3))
                .map(|_| {
                    let source = ACTORS[rng.below(ACTORS.len())];
                    let target = (rng.below(10) > 0).then(|| ACTORS[rng.below(ACTORS.len())]);
                    let code = CODES[rng.below(CODES.len())];
                    let mut e = event(&s, source, target, code, day.as_deref());
                    if code == "174K" {
                        (e.goldstein, e.quad_class, e.cameo_name) = (None, None, None);
                    }
                    e.location =
                        PLACES[rng.below(PLACES.len())].map(|(country, admin1, lat, lon)| {
                            LocationRecord {
                                name: admin1.unwrap_or(country).to_string(),
                                country: country.to_string(),
                                admin1: admin1.map(str::to_string),
                                lat,
                                lon,
                                how: "clause".into(),
                                ..Default::default()
                            }
                        });
                    for actor in std::iter::once(&mut e.source).chain(e.target.as_mut()) {
                        if actor.code.starts_with("IGO") {
                            actor.country = None;
                        }
                    }
                    e
                })
                .collect();
            (s, events)
        })
        .collect()
}

fn bbox(text: &str) -> Option<BBox> {
    Some(BBox::parse(text).unwrap())
}

fn filters() -> Vec<EventFilter> {
    let day = |d: &str| Some(Date::parse(d).unwrap());
    let f = EventFilter::default;
    vec![
        f(),
        EventFilter { actor: Some("ARMMIL".into()), ..f() },
        EventFilter { country: Some("ARM".into()), ..f() },
        EventFilter { source: Some("ARMMIL".into()), target: Some("AZE".into()), ..f() },
        EventFilter {
            source_country: Some("ARM".into()),
            target_country: Some("AZE".into()),
            ..f()
        },
        EventFilter { target: Some("IGOUNO".into()), ..f() },
        EventFilter { cameo: EventCode::parse("190"), ..f() },
        EventFilter { root: EventCode::parse("111"), ..f() },
        EventFilter { root: EventCode::user("174K"), ..f() },
        EventFilter { plover: Some("assault".into()), ..f() },
        EventFilter { quad: Some(1), ..f() },
        EventFilter { from: day("2024-02-01"), ..f() },
        EventFilter { from: day("2024-01-10"), to: day("2024-02-20"), quad: Some(4), ..f() },
        EventFilter { country: Some("AZE".into()), to: day("2024-02-01"), ..f() },
        EventFilter { actor: Some("NOBODY".into()), ..f() },
        EventFilter { plover: Some("NOTHING".into()), ..f() },
        EventFilter { location_country: Some("AZE".into()), ..f() },
        EventFilter { location_admin1: Some("Yerevan".into()), from: day("2024-02-01"), ..f() },
        EventFilter { location_country: Some("NOWHERE".into()), ..f() },
        EventFilter { bbox: bbox("44,39,50,41"), ..f() },
        // Across the antimeridian: Fiji and the Aleutians.
        EventFilter { bbox: bbox("170,-30,-170,60"), quad: Some(4), ..f() },
    ]
}

/// Rows to compare, as text: Goldstein sums rounded, as floating-point
/// sums in another order may differ in the last bits.
fn dyads(rows: Vec<DyadAggregate>) -> Vec<String> {
    rows.into_iter()
        .map(|a| {
            format!(
                "{} {:?} {:?} {:?} {} {} {:?} {:.6} {}",
                a.source,
                a.target,
                a.source_country,
                a.target_country,
                a.events,
                a.mentions,
                a.quad,
                a.goldstein_sum,
                a.scored
            )
        })
        .collect()
}

fn totals(rows: Vec<Totals>) -> Vec<String> {
    rows.into_iter()
        .map(|t| {
            let (p, e, m, q, g, s) =
                (t.period, t.events, t.mentions, t.quad, t.goldstein_sum, t.scored);
            format!("{p:?} {e} {m} {q:?} {g:.6} {s}")
        })
        .collect()
}

/// The timeline as SQL gives it: the per-dyad rows summed per period.
fn sql_timeline(r: &Reader, filter: &EventFilter, period: Period) -> Vec<Totals> {
    let query = AggregateQuery { filter: filter.clone(), period, rollup: Rollup::Actor };
    let mut per: BTreeMap<Option<String>, Totals> = BTreeMap::new();
    for a in r.aggregate(&query).unwrap() {
        let t = per.entry(a.period.clone()).or_insert(Totals {
            period: a.period,
            events: 0,
            mentions: 0,
            quad: [0; 4],
            goldstein_sum: 0.0,
            scored: 0,
        });
        t.events += a.events;
        t.mentions += a.mentions;
        for (x, y) in t.quad.iter_mut().zip(a.quad) {
            *x += y;
        }
        t.goldstein_sum += a.goldstein_sum;
        t.scored += a.scored;
    }
    let mut rows: Vec<Totals> = per.into_values().collect();
    if period == Period::All && rows.is_empty() {
        rows.push(Totals {
            period: None,
            events: 0,
            mentions: 0,
            quad: [0; 4],
            goldstein_sum: 0.0,
            scored: 0,
        });
    }
    rows
}

fn assert_same(r: &Reader, cube: &Cube) {
    for filter in filters() {
        for rollup in [Rollup::Actor, Rollup::Country] {
            for (top, min_events) in [(100, 1), (3, 1), (100, 3)] {
                let q = NetworkQuery { filter: filter.clone(), rollup, top, min_events };
                assert_eq!(dyads(cube.network(&q)), dyads(r.network(&q).unwrap()), "{q:?}");
            }
        }
        for period in [Period::Day, Period::Week, Period::Month, Period::All] {
            assert_eq!(
                totals(cube.timeline(&filter, period)),
                totals(sql_timeline(r, &filter, period)),
                "{filter:?} {period:?}"
            );
        }
    }
    for a in cube.actors() {
        let filter = EventFilter { actor: Some(a.code.clone()), ..Default::default() };
        assert_eq!(a.events, sql_timeline(r, &filter, Period::All)[0].events, "{}", a.code);
    }
    for c in cube.countries() {
        let filter = EventFilter { country: Some(c.code.clone()), ..Default::default() };
        assert_eq!(c.events, sql_timeline(r, &filter, Period::All)[0].events, "{}", c.code);
    }
}

#[test]
fn the_cube_agrees_with_sql_and_follows_the_store() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("herald.db");
    let mut w = Writer::open(&path).unwrap();
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let first = stories(&mut rng, 0, 300);
    add(&mut w, &first);
    let r = Reader::open(&path).unwrap();
    let mut cube = Cube::load(&r).unwrap();
    assert!(cube.is_current(&r).unwrap());
    assert!(cube.len() > 300, "{}", cube.len());
    assert_same(&r, &cube);

    // New events, and new reports of events the cube has already read.
    let mut more = stories(&mut rng, 300, 100);
    let again: Vec<_> = first[..50]
        .iter()
        .map(|(s, e)| {
            let copy = Story { id: format!("{}-again", s.id), ..s.clone() };
            let events =
                e.iter().map(|e| EventRecord { story_id: copy.id.clone(), ..e.clone() }).collect();
            (copy, events)
        })
        .collect();
    more.extend(again);
    add(&mut w, &more);
    assert!(!cube.is_current(&r).unwrap());
    cube.refresh(&r).unwrap();
    assert!(cube.is_current(&r).unwrap());
    assert_same(&r, &cube);
    let reloaded = Cube::load(&r).unwrap();
    assert_eq!(reloaded.len(), cube.len());
}

#[test]
fn an_empty_store_has_an_empty_cube() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("herald.db");
    drop(Writer::open(&path).unwrap());
    let r = Reader::open(&path).unwrap();
    let cube = Cube::load(&r).unwrap();
    assert!(cube.is_empty());
    let q = NetworkQuery {
        filter: EventFilter::default(),
        rollup: Rollup::Actor,
        top: 10,
        min_events: 1,
    };
    assert!(cube.network(&q).is_empty());
    assert_eq!(
        totals(cube.timeline(&EventFilter::default(), Period::All)),
        ["None 0 0 [0, 0, 0, 0] 0.000000 0"]
    );
    assert!(cube.timeline(&EventFilter::default(), Period::Week).is_empty());
}

/// The cube's places count what the store's events say, per country and point.
#[test]
fn places_count_the_located_canonical_events() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("herald.db");
    let mut w = Writer::open(&path).unwrap();
    let mut rng = Rng(7);
    add(&mut w, &stories(&mut rng, 0, 300));
    drop(w);
    let r = Reader::open(&path).unwrap();
    let cube = Cube::load(&r).unwrap();
    for filter in filters() {
        let places = cube.places(&filter, 1000);
        for (country, n) in &places.countries {
            let f = EventFilter { location_country: Some(country.clone()), ..filter.clone() };
            assert_eq!(*n, sql_timeline(&r, &f, Period::All)[0].events, "{filter:?} {country}");
        }
        let located: u64 = places.countries.iter().map(|(_, n)| n).sum();
        assert_eq!(located, places.points.iter().map(|p| p.events).sum::<u64>(), "{filter:?}");
    }
    let all = cube.places(&EventFilter::default(), 1000);
    assert_eq!(all.points.len(), 5, "every place of the test stories");
    assert_eq!(cube.places(&EventFilter::default(), 2).points.len(), 2);
}
