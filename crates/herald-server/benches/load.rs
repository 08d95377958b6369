//! Load test of `herald serve` on loopback: builds a store of at least a
//! million synthetic events, serves it on 127.0.0.1, and runs concurrent
//! keep-alive clients against the dyad timeline endpoint for a bounded time.
//! Prints requests/s, latency percentiles and the error count, and fails if
//! any request failed.
//!
//! ```sh
//! cargo bench -p herald-server --bench load
//! HERALD_LOAD_EVENTS=200000 HERALD_LOAD_SECS=5 cargo bench -p herald-server --bench load
//! ```
//!
//! Knobs (environment): `HERALD_LOAD_EVENTS` (default 1,000,000),
//! `HERALD_LOAD_SECS` (default 20, at most 20), `HERALD_LOAD_CLIENTS`
//! (default 16), `HERALD_LOAD_DB` (reuse or keep the store at this path).
//! Clients and server share the machine, so the numbers are a floor.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use herald_core::{ActorRecord, CameoTable, EventCode, EventRecord, Span, VerbRecord};
use herald_input::{Origin, Story};
use herald_store::{EventFilter, NetworkQuery, Reader, Rollup, Writer};
use http_body_util::{BodyExt, Empty};
use hyper::body::Bytes;
use hyper_util::client::legacy::Client;
use hyper_util::rt::TokioExecutor;

const EVENTS_PER_STORY: usize = 10;
const STORIES_PER_BATCH: usize = 2_000;

fn env_or(name: &str, default: u64) -> u64 {
    std::env::var(name).ok().and_then(|v| v.parse().ok()).unwrap_or(default)
}

/// xorshift64*: deterministic, so every run builds the same store.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    /// Skewed towards small values, as a few actors dominate real news.
    fn skewed(&mut self, n: usize) -> usize {
        let a = self.below(n);
        let b = self.below(n);
        a.min(b)
    }
}

const COUNTRIES: [&str; 40] = [
    "USA", "RUS", "CHN", "UKR", "ISR", "IRN", "GBR", "FRA", "DEU", "TUR", "IND", "PAK", "SYR",
    "IRQ", "SAU", "EGY", "JPN", "KOR", "PRK", "AZE", "ARM", "GEO", "KAZ", "AFG", "LBN", "JOR",
    "YEM", "SDN", "ETH", "NGA", "ZAF", "BRA", "MEX", "VEN", "COL", "CUB", "POL", "ITA", "ESP",
    "CAN",
];
const AGENTS: [&str; 4] = ["", "GOV", "MIL", "REB"];
/// Organisations without a country: they stay themselves in a country roll-up.
const IGOS: [&str; 4] = ["IGOUNO", "IGONAT", "IGOUNOIAE", "NGOHRI"];
/// (CAMEO code, Goldstein, quad class).
const CODES: [(&str, f32, u8); 8] = [
    ("040", 1.0, 1),
    ("051", 3.4, 1),
    ("036", 4.0, 1),
    ("073", 7.4, 2),
    ("112", -2.0, 3),
    ("130", -4.4, 3),
    ("173", -5.0, 4),
    ("190", -10.0, 4),
];

/// Builds the synthetic store: stories of ten one-sentence events between
/// 164 actors over three years, with some reports of the same event.
fn build_store(path: &Path, events: u64) -> Duration {
    let started = Instant::now();
    let mut writer = Writer::open(path).expect("create store");
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let cameo = CameoTable::embedded();
    let actors: Vec<String> = COUNTRIES
        .iter()
        .flat_map(|c| AGENTS.iter().map(move |a| format!("{c}{a}")))
        .chain(IGOS.iter().map(|i| i.to_string()))
        .collect();
    let stories = events.div_ceil(EVENTS_PER_STORY as u64) as usize;
    let mut done = 0;
    while done < stories {
        let mut batch = writer.batch().expect("batch");
        for i in done..(done + STORIES_PER_BATCH).min(stories) {
            let day = 1 + rng.below(3 * 365) as i64;
            let date = civil(19_000 + day);
            let mut text = String::new();
            let mut sentences = Vec::new();
            let mut records = Vec::new();
            for s in 0..EVENTS_PER_STORY {
                let si = rng.skewed(actors.len());
                let ti = rng.skewed(actors.len());
                // No self-dyads: an actor acting on itself is the next actor.
                let ti = if ti == si { (ti + 1) % actors.len() } else { ti };
                let (src, tgt) = (&actors[si], &actors[ti]);
                let (code, goldstein, quad) = CODES[rng.below(CODES.len())];
                let start = text.len();
                let sentence = format!("{src} acted on {tgt} in report {i}.{s}. ");
                text.push_str(&sentence);
                let span = |from: usize, len: usize| Span::new(start + from, start + from + len);
                let src_span = span(0, src.len());
                let verb_span = span(src.len() + 1, 5);
                let tgt_span = span(src.len() + 10, tgt.len());
                sentences.push(Span::new(start, start + sentence.len() - 1));
                let actor = |code: &str, span: Span| ActorRecord {
                    code: code.to_string(),
                    country: (!IGOS.contains(&code)).then(|| code[..3].to_string()),
                    text: code.to_string(),
                    span,
                };
                let entry = EventCode::parse(code).and_then(|c| cameo.get(&c)).expect("CAMEO code");
                records.push(EventRecord {
                    story_id: format!("load-{i}"),
                    sentence_index: s,
                    sentence: sentence.trim_end().to_string(),
                    date: Some(date.clone()),
                    source: actor(src, src_span),
                    target: Some(actor(tgt, tgt_span)),
                    cameo: code.to_string(),
                    cameo_root: code[..2].to_string(),
                    cameo_name: Some(entry.name.clone()),
                    plover: entry.plover.clone(),
                    goldstein: Some(goldstein),
                    quad_class: Some(quad),
                    verb: VerbRecord { text: "acted".into(), span: verb_span },
                    pattern: format!("verbs.txt:{} {code} load", 100 + s),
                });
            }
            let story = Story {
                id: format!("load-{i}"),
                date: herald_core::Date::parse(&date).ok(),
                source: Some("load".into()),
                title: Some(format!("Report {i}")),
                text,
                extra: [("url".to_string(), format!("https://example.org/load/{i}").into())]
                    .into_iter()
                    .collect(),
                origin: Origin { file: "load".into(), line: i + 1 },
                warnings: Vec::new(),
            };
            batch.add_story(&story, &sentences, &records).expect("add story");
        }
        batch.commit().expect("commit");
        done = (done + STORIES_PER_BATCH).min(stories);
    }
    started.elapsed()
}

/// `YYYY-MM-DD` of a day number since 1970-01-01 (Hinnant's `civil_from_days`).
fn civil(z: i64) -> String {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!("{y:04}-{m:02}-{d:02}")
}

fn percentile(sorted: &[u32], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    f64::from(sorted[i]) / 1000.0
}

fn main() {
    // `cargo bench` passes `--bench`; `cargo test --benches` would pass
    // nothing and must not start a 20-second load run.
    if !std::env::args().any(|a| a == "--bench") {
        return;
    }
    let events = env_or("HERALD_LOAD_EVENTS", 1_000_000);
    let secs = env_or("HERALD_LOAD_SECS", 20).clamp(1, 20);
    let clients = env_or("HERALD_LOAD_CLIENTS", 16).max(1);
    let tmp = tempfile::tempdir().expect("temp dir");
    let path = std::env::var("HERALD_LOAD_DB")
        .map(PathBuf::from)
        .unwrap_or_else(|_| tmp.path().join("load.db"));
    if !path.exists() {
        let took = build_store(&path, events);
        println!(
            "store: {events} events built in {:.1}s ({:.0} events/s)",
            took.as_secs_f64(),
            events as f64 / took.as_secs_f64()
        );
    }
    let reader = Reader::open(&path).expect("open store");
    let summary = reader.summary().expect("summary");
    println!(
        "store: {} stories, {} event reports, {} canonical events, {} dyads, {:.0} MB",
        summary.stories,
        summary.events,
        summary.canonical_events,
        summary.dyads,
        std::fs::metadata(&path).map_or(0.0, |m| m.len() as f64 / 1e6)
    );
    // The 50 busiest dyads: each timeline covers thousands of events.
    let dyads: Vec<(String, String)> = reader
        .network(&NetworkQuery {
            filter: EventFilter::default(),
            rollup: Rollup::Actor,
            top: 50,
            min_events: 1,
        })
        .expect("network")
        .into_iter()
        .filter_map(|a| Some((a.source, a.target?)))
        .collect();
    drop(reader);

    let runtime =
        tokio::runtime::Builder::new_multi_thread().enable_all().build().expect("runtime");
    runtime.block_on(async {
        let app = herald_server::router(&path).expect("router");
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind");
        let addr: SocketAddr = listener.local_addr().expect("addr");
        tokio::spawn(async move { axum::serve(listener, app).await });
        println!("load: {clients} clients for {secs}s on http://{addr}/api/dyads/{{source}}/{{target}}/timeline?period=week");
        let deadline = Instant::now() + Duration::from_secs(secs);
        let client: Client<_, Empty<Bytes>> = Client::builder(TokioExecutor::new()).build_http();
        let started = Instant::now();
        let tasks: Vec<_> = (0..clients as usize)
            .map(|c| {
                let client = client.clone();
                let dyads = dyads.clone();
                tokio::spawn(async move {
                    let (mut latencies, mut errors) = (Vec::new(), 0u64);
                    let mut i = c;
                    while Instant::now() < deadline {
                        let (s, t) = &dyads[i % dyads.len()];
                        i += 1;
                        let uri = format!("http://{addr}/api/dyads/{s}/{t}/timeline?period=week").parse().expect("uri");
                        let sent = Instant::now();
                        let ok = match client.get(uri).await {
                            Ok(res) => {
                                let status = res.status();
                                let body = res.into_body().collect().await;
                                status.is_success() && body.is_ok_and(|b| b.to_bytes().starts_with(b"{\"source\""))
                            }
                            Err(_) => false,
                        };
                        latencies.push(u32::try_from(sent.elapsed().as_micros()).unwrap_or(u32::MAX));
                        errors += u64::from(!ok);
                    }
                    (latencies, errors)
                })
            })
            .collect();
        let mut latencies = Vec::new();
        let mut errors = 0;
        for task in tasks {
            let (l, e) = task.await.expect("client task");
            latencies.extend(l);
            errors += e;
        }
        let elapsed = started.elapsed().as_secs_f64();
        latencies.sort_unstable();
        println!(
            "load: {} requests in {elapsed:.1}s: {:.0} requests/s, latency p50 {:.2} ms, p99 {:.2} ms, max {:.2} ms, {errors} errors",
            latencies.len(),
            latencies.len() as f64 / elapsed,
            percentile(&latencies, 0.5),
            percentile(&latencies, 0.99),
            percentile(&latencies, 1.0),
        );
        assert_eq!(errors, 0, "requests failed");
    });
}
