//! The store's behaviour: deduplication, duplicate-report linking,
//! aggregates with known numbers, and format versioning.

mod common;

use common::{add, anonymous, event, story};
use herald_core::{Date, EventCode, LocationRecord};
use herald_input::{Origin, Story};
use herald_store::{
    Added, AggregateQuery, BBox, EventFilter, NetworkQuery, Page, Period, Reader, Rollup,
    StoreError, Writer, FORMAT_VERSION,
};

const TEXT: &str = "Iran hits Iraq hard today.";

fn open() -> (tempfile::TempDir, std::path::PathBuf, Writer) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("herald.db");
    let writer = Writer::open(&path).unwrap();
    (dir, path, writer)
}

fn all(period: Period) -> AggregateQuery {
    AggregateQuery { filter: EventFilter::default(), period, rollup: Rollup::Actor }
}

#[test]
fn a_story_with_the_same_id_is_stored_once() {
    let (_dir, path, mut w) = open();
    let s = story("a", Some("2024-03-05"), TEXT);
    let e = vec![event(&s, "IRN", Some("IRQ"), "190", Some("2024-03-05"))];
    assert_eq!(add(&mut w, &[(s.clone(), e.clone())]), [Added::Stored { events: 1 }]);
    // Again in a later run, and twice within one batch.
    assert_eq!(
        add(&mut w, &[(s.clone(), e.clone()), (s.clone(), e)]),
        [Added::AlreadyStored, Added::AlreadyStored]
    );
    // Same id, other text: still the same story.
    let edited = story("a", None, "Iran hits Iraq again.");
    assert_eq!(add(&mut w, &[(edited, vec![])]), [Added::AlreadyStored]);
    let sum = Reader::open(&path).unwrap().summary().unwrap();
    assert_eq!((sum.stories, sum.coded, sum.events, sum.canonical_events), (1, 1, 1, 1));
}

#[test]
fn stories_without_ids_are_deduplicated_by_text() {
    let (_dir, path, mut w) = open();
    let added = add(
        &mut w,
        &[
            (anonymous(1, TEXT), vec![]),
            (anonymous(7, TEXT), vec![]),
            (anonymous(8, "Something else."), vec![]),
        ],
    );
    assert_eq!(
        added,
        [Added::Stored { events: 0 }, Added::AlreadyStored, Added::Stored { events: 0 }]
    );
    // Text files and stdin text have made-up ids too (file name, `stdin`).
    let text_file = |path: &str, text: &str| {
        let origin = Origin { file: path.into(), line: 1 };
        let id = if path == "<stdin>" { "stdin" } else { path.rsplit('/').next().unwrap() };
        Story { id: id.into(), origin, ..story("", None, text) }
    };
    let added = add(
        &mut w,
        &[
            (text_file("a/story.txt", "A first article."), vec![]),
            (text_file("b/story.txt", "A second article."), vec![]),
            (text_file("<stdin>", "A third article."), vec![]),
            (text_file("<stdin>", "A fourth article."), vec![]),
            (text_file("c/moved.txt", "A first article."), vec![]),
        ],
    );
    assert_eq!(added[..4], [Added::Stored { events: 0 }; 4]);
    assert_eq!(added[4], Added::AlreadyStored);
    // An explicit id never collides with a text key, even for the same text.
    assert_eq!(add(&mut w, &[(story("x", None, TEXT), vec![])]), [Added::Stored { events: 0 }]);
    let sum = Reader::open(&path).unwrap().summary().unwrap();
    assert_eq!((sum.stories, sum.no_events, sum.coded), (7, 7, 0));
}

#[test]
fn a_dropped_batch_stores_nothing() {
    let (_dir, path, mut w) = open();
    {
        let s = story("a", None, TEXT);
        let mut batch = w.batch().unwrap();
        batch.add_story(&s, &[], &[event(&s, "IRN", Some("IRQ"), "190", None)]).unwrap();
        batch.add_rejected("f.txt", "binary").unwrap();
    }
    let r = Reader::open(&path).unwrap();
    assert_eq!(r.summary().unwrap(), Default::default());
}

#[test]
fn rejected_inputs_are_recorded_once() {
    let (_dir, path, mut w) = open();
    for _ in 0..2 {
        let mut batch = w.batch().unwrap();
        batch.add_rejected("a.jsonl:3", "malformed JSONL record").unwrap();
        batch.add_rejected("b.txt", "binary file").unwrap();
        batch.commit().unwrap();
    }
    let rejected = Reader::open(&path).unwrap().rejected(Page::default()).unwrap();
    let got: Vec<_> = rejected.iter().map(|r| (r.origin.as_str(), r.reason.as_str())).collect();
    assert_eq!(got, [("a.jsonl:3", "malformed JSONL record"), ("b.txt", "binary file")]);
}

#[test]
fn duplicate_reports_are_linked_and_counted_once() {
    let (_dir, path, mut w) = open();
    let (a, b, c) = (story("a", None, TEXT), story("b", None, TEXT), story("c", None, TEXT));
    add(
        &mut w,
        &[
            (a.clone(), vec![event(&a, "IRN", Some("IRQ"), "190", Some("2024-03-05"))]),
            // Same dyad, code and day, in another story (the date may carry a time).
            (b.clone(), vec![event(&b, "IRN", Some("IRQ"), "190", Some("2024-03-05T08:00Z"))]),
            // Another day, another code, the reverse dyad: three more events.
            (
                c.clone(),
                vec![
                    event(&c, "IRN", Some("IRQ"), "190", Some("2024-03-06")),
                    event(&c, "IRN", Some("IRQ"), "111", Some("2024-03-05")),
                    event(&c, "IRQ", Some("IRN"), "190", Some("2024-03-05")),
                ],
            ),
        ],
    );
    let r = Reader::open(&path).unwrap();
    let sum = r.summary().unwrap();
    assert_eq!((sum.events, sum.canonical_events, sum.dyads), (5, 4, 2));
    let dyad = EventFilter {
        source: Some("IRN".into()),
        target: Some("IRQ".into()),
        ..Default::default()
    };
    let events = r.events(&dyad, Page::default()).unwrap();
    assert_eq!(events.len(), 4);
    let first_two: Vec<_> = events
        .iter()
        .filter(|e| e.record.cameo == "190" && e.day.as_deref() == Some("2024-03-05"))
        .collect();
    assert_eq!(first_two.len(), 2);
    assert_eq!(first_two[0].canonical, first_two[1].canonical);
    assert!(first_two.iter().all(|e| e.mentions == 2));
    let totals = r
        .aggregate(&AggregateQuery {
            filter: dyad.clone(),
            period: Period::All,
            rollup: Rollup::Actor,
        })
        .unwrap();
    assert_eq!((totals[0].events, totals[0].mentions), (3, 4));
    assert_eq!(totals[0].goldstein_sum, -22.0);
    assert_eq!(totals[0].quad, [0, 0, 1, 2]);
    // Code filters are answered from the canonical events, with the same counts.
    let code = EventFilter { root: EventCode::parse("19"), ..dyad };
    let by_code = r
        .aggregate(&AggregateQuery { filter: code, period: Period::Day, rollup: Rollup::Actor })
        .unwrap();
    let got: Vec<_> =
        by_code.iter().map(|a| (a.period.as_deref().unwrap(), a.events, a.mentions)).collect();
    assert_eq!(got, [("2024-03-05", 1, 2), ("2024-03-06", 1, 1)]);
}

#[test]
fn user_defined_codes_are_counted_without_a_score() {
    let (_dir, path, mut w) = open();
    let s = story("u", None, TEXT);
    let mut user = event(&s, "IRN", Some("IRQ"), "190", Some("2024-03-05"));
    user.cameo = "174K".into();
    user.cameo_root = "17".into();
    (user.cameo_name, user.plover, user.goldstein, user.quad_class) = (None, None, None, None);
    let cameo = event(&s, "IRN", Some("IRQ"), "190", Some("2024-03-05"));
    add(&mut w, &[(s, vec![user, cameo])]);
    let r = Reader::open(&path).unwrap();
    // The unscored event counts as an event, but not in the mean.
    for period in [Period::All, Period::Day] {
        let row = &r.aggregate(&all(period)).unwrap()[0];
        assert_eq!((row.events, row.scored, row.quad), (2, 1, [0, 0, 0, 1]), "{period:?}");
        assert_eq!(row.goldstein_mean(), Some(-10.0), "{period:?}");
    }
    // Only unscored events: no mean, and no error from SQL's NULL sums.
    let root = EventFilter { root: EventCode::parse("17"), ..Default::default() };
    let rows = r
        .aggregate(&AggregateQuery { filter: root, period: Period::Week, rollup: Rollup::Actor })
        .unwrap();
    assert_eq!((rows[0].events, rows[0].quad, rows[0].goldstein_mean()), (1, [0; 4], None));
    let events = r.events(&EventFilter::default(), Page::default()).unwrap();
    assert!(events.iter().any(|e| e.record.cameo == "174K" && e.record.goldstein.is_none()));
}

/// Ten dated events and two undated ones for one dyad, with known sums.
fn timeline_store() -> (tempfile::TempDir, Reader) {
    let (dir, path, mut w) = open();
    // (day, code): 2024-01-29 is a Monday; weeks start 01-29 and 02-05; months 01 and 02.
    let dated = [
        ("2024-01-29", "190"), // week 01-29, Jan: -10, quad 4
        ("2024-01-31", "040"), // week 01-29, Jan: +1, quad 1
        ("2024-01-31", "190"), // week 01-29, Jan: -10
        ("2024-02-01", "050"), // week 01-29, Feb: +3.5, quad 1
        ("2024-02-04", "111"), // week 01-29 (Sunday), Feb: -2, quad 3
        ("2024-02-05", "190"), // week 02-05, Feb: -10
        ("2024-02-05", "040"), // week 02-05, Feb: +1
        ("2024-02-11", "050"), // week 02-05 (Sunday), Feb: +3.5
        ("2024-02-12", "111"), // week 02-12, Feb: -2
        ("2024-02-29", "190"), // week 02-26, Feb: -10
    ];
    let mut items = Vec::new();
    for (i, (day, code)) in dated.iter().enumerate() {
        let s = story(&format!("s{i}"), Some(day), TEXT);
        items.push((s.clone(), vec![event(&s, "IRN", Some("IRQ"), code, Some(day))]));
    }
    // Undated: no story date, or a year only.
    let u1 = story("u1", None, TEXT);
    items.push((u1.clone(), vec![event(&u1, "IRN", Some("IRQ"), "190", None)]));
    let u2 = story("u2", None, TEXT);
    items.push((u2.clone(), vec![event(&u2, "IRN", Some("IRQ"), "190", Some("1988"))]));
    add(&mut w, &items);
    let reader = Reader::open(&path).unwrap();
    (dir, reader)
}

fn rows(r: &Reader, q: &AggregateQuery) -> Vec<(String, u64, [u64; 4], f64)> {
    r.aggregate(q)
        .unwrap()
        .into_iter()
        .map(|a| {
            (
                a.period.unwrap_or_default(),
                a.events,
                a.quad,
                (a.goldstein_sum * 10.0).round() / 10.0,
            )
        })
        .collect()
}

#[test]
fn aggregates_per_day_week_and_month() {
    let (_dir, r) = timeline_store();
    let s = |x: &str| x.to_string();
    assert_eq!(
        rows(&r, &all(Period::Week)),
        [
            (s("2024-01-29"), 5, [2, 0, 1, 2], -17.5),
            (s("2024-02-05"), 3, [2, 0, 0, 1], -5.5),
            (s("2024-02-12"), 1, [0, 0, 1, 0], -2.0),
            (s("2024-02-26"), 1, [0, 0, 0, 1], -10.0),
        ]
    );
    assert_eq!(
        rows(&r, &all(Period::Month)),
        [(s("2024-01-01"), 3, [1, 0, 0, 2], -19.0), (s("2024-02-01"), 7, [3, 0, 2, 2], -16.0)]
    );
    let days = rows(&r, &all(Period::Day));
    assert_eq!(days.len(), 8);
    assert_eq!(days[1], (s("2024-01-31"), 2, [1, 0, 0, 1], -9.0));
    // Totals include the two undated events; time buckets do not.
    assert_eq!(rows(&r, &all(Period::All)), [(s(""), 12, [4, 0, 2, 6], -55.0)]);
    assert_eq!(days.iter().map(|d| d.1).sum::<u64>(), 10);
    // A date range leaves undated events out, even for totals.
    let feb = EventFilter {
        from: Some(Date::parse("2024-02-01").unwrap()),
        to: Some(Date::parse("2024-02-29").unwrap()),
        ..Default::default()
    };
    assert_eq!(
        rows(
            &r,
            &AggregateQuery { filter: feb.clone(), period: Period::All, rollup: Rollup::Actor }
        ),
        [(s(""), 7, [3, 0, 2, 2], -16.0)]
    );
    assert_eq!(r.events(&feb, Page::default()).unwrap().len(), 7);
    let mean = r.aggregate(&all(Period::All)).unwrap()[0].goldstein_mean().unwrap();
    assert!((mean - -55.0 / 12.0).abs() < 1e-9);
}

#[test]
fn events_are_filtered_and_paged() {
    let (_dir, r) = timeline_store();
    let f = |filter: EventFilter| r.events(&filter, Page::default()).unwrap().len();
    assert_eq!(f(EventFilter::default()), 12);
    assert_eq!(f(EventFilter { actor: Some("IRQ".into()), ..Default::default() }), 12);
    assert_eq!(f(EventFilter { actor: Some("USA".into()), ..Default::default() }), 0);
    assert_eq!(f(EventFilter { country: Some("IRN".into()), ..Default::default() }), 12);
    assert_eq!(f(EventFilter { cameo: EventCode::parse("190"), ..Default::default() }), 6);
    assert_eq!(f(EventFilter { root: EventCode::parse("111"), ..Default::default() }), 2);
    assert_eq!(f(EventFilter { plover: Some("assault".into()), ..Default::default() }), 6);
    assert_eq!(f(EventFilter { quad: Some(4), ..Default::default() }), 6);
    assert_eq!(f(EventFilter { quad: Some(2), ..Default::default() }), 0);
    assert_eq!(f(EventFilter { source_country: Some("IRN".into()), ..Default::default() }), 12);
    assert_eq!(f(EventFilter { target_country: Some("IRN".into()), ..Default::default() }), 0);
    // Undated first, then by day.
    let page = r.events(&EventFilter::default(), Page { limit: Some(3), offset: 1 }).unwrap();
    let days: Vec<_> = page.iter().map(|e| e.day.clone()).collect();
    assert_eq!(days, [None, Some("2024-01-29".into()), Some("2024-01-31".into())]);
    // An event reads back as it was written, with its sentence.
    let e = r.event(page[1].id).unwrap().unwrap();
    assert_eq!(e.record.source.text, "Iran");
    assert_eq!(e.record.verb.text, "hits");
    assert_eq!(e.record.sentence, TEXT);
    assert_eq!(e.record.goldstein, Some(-10.0));
    assert_eq!(r.story(e.story).unwrap().unwrap().id, "s0");
    assert!(r.event(9999).unwrap().is_none());
    assert!(r.has_dyad("IRN", Some("IRQ")).unwrap());
    assert!(!r.has_dyad("IRQ", Some("IRN")).unwrap());
}

#[test]
fn paging_after_an_event_visits_every_event_once_in_order() {
    let (_dir, r) = timeline_store();
    let assault = EventFilter { plover: Some("assault".into()), ..Default::default() };
    for filter in [EventFilter::default(), assault] {
        let ids = |events: Vec<herald_store::StoredEvent>| -> Vec<i64> {
            events.iter().map(|e| e.id).collect()
        };
        let all = ids(r.events(&filter, Page::default()).unwrap());
        // Pages that end on an undated event, inside a day and between days.
        for limit in 1..=5 {
            let (mut seen, mut after) = (Vec::new(), None);
            // Bounded, so that a cursor that does not advance fails instead of hanging.
            for _ in 0..=all.len() {
                let page = ids(r.events_after(&filter, after, limit).unwrap().unwrap());
                assert!(page.len() <= limit as usize);
                let Some(&last) = page.last() else { break };
                seen.extend(page);
                after = Some(last);
            }
            assert_eq!(seen, all, "limit {limit}");
        }
    }
    assert!(r.events_after(&EventFilter::default(), Some(9999), 5).unwrap().is_none());
}

#[test]
fn network_lists_dyads_with_targets_by_event_count() {
    let (_dir, path, mut w) = open();
    let s = story("a", None, TEXT);
    let ev = |src, tgt, code| event(&s, src, tgt, code, None);
    add(
        &mut w,
        &[(
            s.clone(),
            vec![
                ev("IRN", Some("IRQ"), "190"),
                ev("IRN", Some("IRQ"), "190"),
                ev("IRQ", Some("USA"), "040"),
                ev("IRN", None, "190"),
            ],
        )],
    );
    let r = Reader::open(&path).unwrap();
    let net = r.network(&network(EventFilter::default(), Rollup::Actor, 10)).unwrap();
    let got: Vec<_> =
        net.iter().map(|a| (a.source.as_str(), a.target.as_deref(), a.events)).collect();
    assert_eq!(got, [("IRN", Some("IRQ"), 2), ("IRQ", Some("USA"), 1)]);
    let top1 = r.network(&network(EventFilter::default(), Rollup::Actor, 1)).unwrap();
    assert_eq!(top1.len(), 1);
    let busy = NetworkQuery { min_events: 2, ..network(EventFilter::default(), Rollup::Actor, 10) };
    assert_eq!(r.network(&busy).unwrap().len(), 1);
}

fn network(filter: EventFilter, rollup: Rollup, top: u64) -> NetworkQuery {
    NetworkQuery { filter, rollup, top, min_events: 1 }
}

/// Actors of three countries and an organisation without one, on two days.
fn rollup_store() -> (tempfile::TempDir, Reader) {
    let (dir, path, mut w) = open();
    let mut items = Vec::new();
    for (i, (src, tgt, code, day)) in [
        ("ARMMIL", "AZE", "190", "2024-03-01"),
        ("ARMMIL", "AZEMIL", "190", "2024-03-01"),
        ("ARMGOV", "AZEGOV", "040", "2024-03-02"),
        ("ARM", "AZE", "111", "2024-03-02"),
        ("AZEMIL", "ARMMIL", "190", "2024-03-02"),
        ("ARMGOV", "ARMMIL", "040", "2024-03-02"),
        ("IGOUNO", "ARMGOV", "040", "2024-03-02"),
        ("USAGOV", "IGOUNO", "050", "2024-03-01"),
    ]
    .into_iter()
    .enumerate()
    {
        let s = story(&format!("r{i}"), Some(day), TEXT);
        let mut e = event(&s, src, Some(tgt), code, Some(day));
        for actor in std::iter::once(&mut e.source).chain(e.target.as_mut()) {
            if actor.code.starts_with("IGO") {
                actor.country = None;
            }
        }
        items.push((s, vec![e]));
    }
    add(&mut w, &items);
    (dir, Reader::open(&path).unwrap())
}

#[test]
fn a_rollup_groups_actors_by_country() {
    let (_dir, r) = rollup_store();
    let dyads = |q: &NetworkQuery| -> Vec<(String, String, u64)> {
        r.network(q)
            .unwrap()
            .into_iter()
            .map(|a| (a.source, a.target.unwrap_or_default(), a.events))
            .collect()
    };
    let s = |x: &str| x.to_string();
    assert_eq!(
        dyads(&network(EventFilter::default(), Rollup::Country, 10)),
        [
            (s("ARM"), s("AZE"), 4),
            (s("ARM"), s("ARM"), 1),
            (s("AZE"), s("ARM"), 1),
            (s("IGOUNO"), s("ARM"), 1),
            (s("USA"), s("IGOUNO"), 1)
        ]
    );
    // Code and date filters go through other tables, with the same grouping.
    let assault = EventFilter { quad: Some(4), ..Default::default() };
    assert_eq!(
        dyads(&network(assault, Rollup::Country, 10)),
        [(s("ARM"), s("AZE"), 2), (s("AZE"), s("ARM"), 1)]
    );
    let first = EventFilter { to: Some(Date::parse("2024-03-01").unwrap()), ..Default::default() };
    assert_eq!(
        dyads(&network(first, Rollup::Country, 10)),
        [(s("ARM"), s("AZE"), 2), (s("USA"), s("IGOUNO"), 1)]
    );
    let countries = EventFilter {
        source_country: Some("ARM".into()),
        target_country: Some("AZE".into()),
        ..Default::default()
    };
    assert_eq!(r.events(&countries, Page::default()).unwrap().len(), 4);
    let q = AggregateQuery { filter: countries, period: Period::Day, rollup: Rollup::Country };
    let days: Vec<_> =
        r.aggregate(&q).unwrap().into_iter().map(|a| (a.period.unwrap(), a.events)).collect();
    assert_eq!(days, [(s("2024-03-01"), 2), (s("2024-03-02"), 2)]);
}

/// The busiest dyads come first whichever table answers (a code filter
/// once failed, and a date range ordered by one day's count).
#[test]
fn the_network_is_ordered_by_events_under_any_filter() {
    let (_dir, r) = rollup_store();
    let conflict = EventFilter { root: EventCode::parse("19"), ..Default::default() };
    let dated =
        EventFilter { from: Some(Date::parse("2024-03-01").unwrap()), ..Default::default() };
    for filter in [EventFilter::default(), conflict, dated] {
        let net = r.network(&network(filter.clone(), Rollup::Country, 10)).unwrap();
        assert!(net.windows(2).all(|w| w[0].events >= w[1].events), "{filter:?}");
        assert_eq!(net[0].source, "ARM", "{filter:?}");
    }
}

#[test]
fn a_story_has_its_title_url_and_events() {
    let (_dir, path, mut w) = open();
    let mut s = story("a", Some("2024-03-05"), TEXT);
    s.title = Some("<b>Title</b>".into());
    s.extra.insert("url".into(), "https://example.org/a".into());
    let mut numeric = story("b", None, TEXT);
    numeric.extra.insert("url".into(), 7.into());
    let e = |s: &Story, code| event(s, "IRN", Some("IRQ"), code, None);
    add(&mut w, &[(s.clone(), vec![e(&s, "190"), e(&s, "040")]), (numeric.clone(), vec![])]);
    let r = Reader::open(&path).unwrap();
    let info = r.story(1).unwrap().unwrap();
    assert_eq!(
        (info.title.as_deref(), info.url.as_deref(), info.events),
        (Some("<b>Title</b>"), Some("https://example.org/a"), 2)
    );
    let codes: Vec<_> =
        r.story_events(1, Page::default()).unwrap().into_iter().map(|e| e.record.cameo).collect();
    assert_eq!(codes, ["190", "040"]);
    assert_eq!(r.story_events(1, Page { limit: Some(1), offset: 1 }).unwrap().len(), 1);
    // A url that is not text is no url; a story without events has none.
    let other = r.story(2).unwrap().unwrap();
    assert_eq!((other.url, other.events), (None, 0));
    assert!(r.story(3).unwrap().is_none());
}

/// Runs SQL on a store file directly, as another program (or a newer herald) would.
fn sql(path: &std::path::Path, sql: &str) {
    rusqlite::Connection::open(path).unwrap().execute_batch(sql).unwrap();
}

#[test]
fn newer_formats_and_other_files_are_refused() {
    let (_dir, path, w) = open();
    drop(w);
    sql(
        &path,
        &format!("UPDATE meta SET value = '{}' WHERE key = 'format_version'", FORMAT_VERSION + 1),
    );
    let err = Reader::open(&path).err().unwrap();
    assert!(
        matches!(err, StoreError::UnsupportedFormat { found, .. } if found == FORMAT_VERSION + 1),
        "{err}"
    );
    assert!(err.to_string().contains("newer herald"), "{err}");
    assert!(matches!(Writer::open(&path).err().unwrap(), StoreError::UnsupportedFormat { .. }));

    let dir = tempfile::tempdir().unwrap();
    let text = dir.path().join("notes.txt");
    std::fs::write(
        &text,
        "not a database, but long enough to have a header .........................",
    )
    .unwrap();
    assert!(matches!(Writer::open(&text).err().unwrap(), StoreError::NotAStore { .. }));
    let other = dir.path().join("other.db");
    sql(&other, "CREATE TABLE t (x)");
    assert!(matches!(Reader::open(&other).err().unwrap(), StoreError::NotAStore { .. }));
    assert!(matches!(
        Reader::open(&dir.path().join("missing.db")).err().unwrap(),
        StoreError::Open { .. }
    ));
}

#[test]
fn a_version_1_store_still_opens() {
    // `compat/v1.sql` is a store written by format version 1, as SQL; it must
    // stay readable (or be refused with a clear error) by every later format.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v1.db");
    sql(&path, include_str!("compat/v1.sql"));
    let r = Reader::open(&path).unwrap();
    let sum = r.summary().unwrap();
    assert_eq!((sum.stories, sum.events, sum.canonical_events, sum.dyads), (1, 1, 1, 1));
    let e = &r.events(&EventFilter::default(), Page::default()).unwrap()[0];
    assert_eq!(
        (e.record.source.code.as_str(), e.record.cameo.as_str(), e.day.as_deref()),
        ("ARMMIL", "190", Some("2024-03-05"))
    );
    assert_eq!(rows(&r, &all(Period::Month)), [("2024-03-01".to_string(), 1, [0, 0, 0, 1], -10.0)]);
    // Writing to it adds the indexes added since.
    drop(Writer::open(&path).unwrap());
    let conn = rusqlite::Connection::open(&path).unwrap();
    let indexes: i64 = conn
        .query_row(
            "SELECT count(*) FROM sqlite_master WHERE type = 'index'
             AND name IN ('events_root', 'events_plover')",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(indexes, 2);
}

#[test]
fn a_version_2_store_still_opens() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v2.db");
    sql(&path, include_str!("compat/v2.sql"));
    let r = Reader::open(&path).unwrap();
    let e = &r.events(&EventFilter::default(), Page::default()).unwrap()[0];
    let got = (e.record.plover_context.as_deref(), e.record.story_url.as_deref());
    assert_eq!(got, (Some("military"), Some("https://news.example/a")));
    assert_eq!(e.record.story_source.as_deref(), Some("wire"));
    assert_eq!(r.provenance().unwrap()[0].conventions, "herald");
}

#[test]
fn a_version_1_store_is_upgraded_by_a_writer() {
    // Format 2 added columns to `events`: a version 1 store reads them as
    // null, and a writer adds them, then stores events with them.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v1.db");
    sql(&path, include_str!("compat/v1.sql"));
    let old =
        &Reader::open(&path).unwrap().events(&EventFilter::default(), Page::default()).unwrap()[0];
    assert_eq!((old.record.plover_mode.as_deref(), old.record.story_url.as_deref()), (None, None));
    let mut w = Writer::open(&path).unwrap();
    let s = story("new", Some("2024-03-06"), "Iran hits Iraq hard.");
    let mut e = event(&s, "IRN", Some("IRQ"), "190", Some("2024-03-06"));
    e.plover_mode = Some("ground".into());
    add(&mut w, &[(s, vec![e.clone()])]);
    drop(w);
    let r = Reader::open(&path).unwrap();
    let events = r.events(&EventFilter::default(), Page::default()).unwrap();
    assert_eq!(events.len(), 2);
    assert_eq!(events[0].record.source.code, "ARMMIL");
    assert_eq!(events[1].record, e);
    let version: String = rusqlite::Connection::open(&path)
        .unwrap()
        .query_row("SELECT value FROM meta WHERE key = 'format_version'", [], |r| r.get(0))
        .unwrap();
    assert_eq!(version, FORMAT_VERSION.to_string());
}

/// Writers opening a new store at once: exactly one creates the schema,
/// the others find it (issue 14: `table meta already exists`).
#[test]
fn concurrent_first_opens_do_not_race() {
    for _ in 0..10 {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("new.db");
        let barrier = std::sync::Barrier::new(4);
        std::thread::scope(|scope| {
            let opens: Vec<_> = (0..4)
                .map(|_| {
                    scope.spawn(|| {
                        barrier.wait();
                        Writer::open(&path).map(drop)
                    })
                })
                .collect();
            for open in opens {
                open.join().unwrap().unwrap();
            }
        });
        Reader::open(&path).unwrap();
    }
}

/// A SQLite file that is not a herald store is refused untouched: not
/// switched to WAL, not given a table (issue 14).
#[test]
fn a_foreign_database_is_refused_unchanged() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("foreign.db");
    let conn = rusqlite::Connection::open(&path).unwrap();
    conn.execute_batch("CREATE TABLE notes (body TEXT); INSERT INTO notes VALUES ('mine');")
        .unwrap();
    drop(conn);
    let before = std::fs::read(&path).unwrap();
    assert!(matches!(Writer::open(&path), Err(StoreError::NotAStore { .. })));
    assert!(matches!(Reader::open(&path), Err(StoreError::NotAStore { .. })));
    assert_eq!(std::fs::read(&path).unwrap(), before, "the file was changed");
    let names: Vec<_> =
        std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(names, ["foreign.db"], "no WAL or journal left beside it");
    // Not SQLite at all.
    let text = dir.path().join("notes.txt");
    std::fs::write(&text, "not a database, but long enough to be read as one. ".repeat(20))
        .unwrap();
    let before = std::fs::read(&text).unwrap();
    assert!(matches!(Writer::open(&text), Err(StoreError::NotAStore { .. })));
    assert_eq!(std::fs::read(&text).unwrap(), before);
}

fn provenance(syntax: &str) -> herald_core::Provenance {
    herald_core::Provenance {
        herald: "0.1.0".into(),
        model: None,
        dictionaries: vec![herald_core::Fingerprint {
            name: "verbs.txt".into(),
            sha256: "ab".into(),
        }],
        conventions: "herald".into(),
        syntax: syntax.into(),
    }
}

/// The store keeps the configuration that coded it and refuses another
/// unless mixing is allowed.
#[test]
fn provenance_is_recorded_and_never_mixed_unawares() {
    let (_dir, path, mut w) = open();
    let (a, b) = (provenance("parse"), provenance("word-order"));
    w.record_provenance(&b, false).unwrap();
    // No story yet: another configuration simply replaces it.
    w.record_provenance(&a, false).unwrap();
    add(&mut w, &[(story("s1", Some("2024-03-01"), TEXT), vec![])]);
    w.record_provenance(&a, false).unwrap();
    let err = w.record_provenance(&b, false).unwrap_err();
    assert!(matches!(err, StoreError::MixedConfiguration { .. }), "{err}");
    assert!(err.to_string().contains("syntax parse here, word-order now"), "{err}");
    assert_eq!(Reader::open(&path).unwrap().provenance().unwrap(), std::slice::from_ref(&a));
    w.record_provenance(&b, true).unwrap();
    assert_eq!(Reader::open(&path).unwrap().provenance().unwrap(), [a, b]);
}

fn located(country: &str, admin1: &str, lat: f64, lon: f64) -> Option<LocationRecord> {
    Some(LocationRecord {
        name: admin1.to_string(),
        country: country.to_string(),
        admin1: Some(admin1.to_string()),
        lat,
        lon,
        how: "clause".into(),
        ..Default::default()
    })
}

#[test]
fn events_and_aggregates_are_filtered_by_where_they_happened() {
    let (_dir, path, mut w) = open();
    let s = story("a", Some("2024-03-05"), TEXT);
    let mut baku = event(&s, "ARMMIL", Some("AZE"), "190", Some("2024-03-04"));
    baku.location = located("AZE", "Baku", 40.38, 49.89);
    let mut fiji = event(&s, "IRN", Some("IRQ"), "040", Some("2024-03-05"));
    fiji.location = located("FJI", "Central", -18.14, 178.44);
    let nowhere = event(&s, "IRN", Some("USA"), "111", Some("2024-03-05"));
    add(&mut w, &[(s, vec![baku, fiji, nowhere])]);
    drop(w);
    let r = Reader::open(&path).unwrap();
    let codes = |filter: EventFilter| -> Vec<String> {
        let events = r.events(&filter, Page::default()).unwrap();
        events.into_iter().map(|e| e.record.cameo).collect()
    };
    let f = EventFilter::default;
    let bbox = |b: &str| Some(BBox::parse(b).unwrap());
    assert_eq!(codes(EventFilter { location_country: Some("AZE".into()), ..f() }), ["190"]);
    assert_eq!(codes(EventFilter { location_admin1: Some("Central".into()), ..f() }), ["040"]);
    assert_eq!(codes(EventFilter { bbox: bbox("40,30,50,45"), ..f() }), ["190"]);
    // Across the antimeridian, and a box that holds both.
    assert_eq!(codes(EventFilter { bbox: bbox("170,-30,-170,0"), ..f() }), ["040"]);
    assert_eq!(codes(EventFilter { bbox: bbox("-180,-90,180,90"), ..f() }).len(), 2);
    // Aggregates count the canonical events of the place only.
    let q = AggregateQuery {
        filter: EventFilter { location_country: Some("AZE".into()), ..f() },
        period: Period::All,
        rollup: Rollup::Country,
    };
    let rows = r.aggregate(&q).unwrap();
    assert_eq!(rows.len(), 1);
    assert_eq!((rows[0].source.as_str(), rows[0].events), ("ARM", 1));
}

#[test]
fn a_date_the_text_gives_as_a_week_month_or_year_has_no_day() {
    let (_dir, path, mut w) = open();
    let s = story("a", Some("2024-03-05"), TEXT);
    let dated = |date: &str, precision: &str| {
        let mut e = event(&s, "IRN", Some("IRQ"), "190", Some(date));
        e.date_precision = Some(precision.to_string());
        e
    };
    let events = vec![
        dated("2024-03-04", "day"),
        dated("2024-02-26", "week"),
        dated("2024-02", "month"),
        dated("2024-03-05", "story"),
    ];
    add(&mut w, &[(s, events)]);
    drop(w);
    let r = Reader::open(&path).unwrap();
    let mut days: Vec<Option<String>> = r
        .events(&EventFilter::default(), Page::default())
        .unwrap()
        .into_iter()
        .map(|e| e.day)
        .collect();
    days.sort();
    assert_eq!(days, [None, None, Some("2024-03-04".into()), Some("2024-03-05".into())]);
}

#[test]
fn a_location_filter_on_a_store_without_locations_says_how_to_get_them() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v2.db");
    sql(&path, include_str!("compat/v2.sql"));
    let filter = EventFilter { location_country: Some("AZE".into()), ..EventFilter::default() };
    let r = Reader::open(&path).unwrap();
    let err = r.events(&filter, Page::default()).unwrap_err();
    assert!(matches!(err, StoreError::NoLocations { found: 2, .. }), "{err:?}");
    assert!(err.to_string().contains("herald ingest"), "{err}");
    let q = AggregateQuery { filter: filter.clone(), period: Period::All, rollup: Rollup::Actor };
    assert!(matches!(r.aggregate(&q), Err(StoreError::NoLocations { .. })));
    // A writer upgrades it: the old events have no location, new ones do.
    let mut w = Writer::open(&path).unwrap();
    let s = story("new", Some("2024-03-06"), TEXT);
    let mut e = event(&s, "ARMMIL", Some("AZE"), "190", Some("2024-03-06"));
    e.location = located("AZE", "Baku", 40.38, 49.89);
    add(&mut w, &[(s, vec![e])]);
    drop(w);
    let r = Reader::open(&path).unwrap();
    assert_eq!(r.events(&filter, Page::default()).unwrap().len(), 1);
    assert_eq!(r.aggregate(&q).unwrap().len(), 1);
    let cube = herald_store::Cube::load(&r).unwrap();
    assert_eq!(cube.timeline(&filter, Period::All)[0].events, 1);
}

#[test]
fn bounding_boxes_are_checked() {
    let b = BBox::parse("-10, 35.5, 30, 60").unwrap();
    assert!(b.contains(0.0, 50.0) && !b.contains(31.0, 50.0) && !b.contains(0.0, 61.0));
    for bad in ["1,2,3", "1,2,3,4,5", "a,b,c,d", "-190,0,0,10", "0,50,10,40", "0,-91,10,10", ""] {
        assert!(BBox::parse(bad).is_err(), "{bad}");
    }
}
