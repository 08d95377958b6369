//! Load test of `herald serve` on loopback: builds a store of at least a
//! million synthetic events and serves it on 127.0.0.1. Then:
//!
//! 1. concurrent keep-alive clients request dyad timelines for a bounded
//!    time: requests/s and latency percentiles;
//! 2. one user's page interactions, each the requests the page sends at
//!    once (opening it, brushing a date range, filtering by PLOVER type,
//!    CAMEO root or quad class, rolling up to countries, searching,
//!    clicking a node or an edge, paging events, the first byte of a CSV
//!    download), each repeated: the median and slowest time until every
//!    answer has arrived, against the page's budget of 300 ms; and whole
//!    downloads of a country's events, which have no budget (a Parquet
//!    file's first bytes come with its first row group of 100,000 events,
//!    so it has no useful first byte).
//!
//! Fails if any request failed or an interaction's median is over budget.
//!
//! ```sh
//! cargo bench -p herald-server --bench load
//! HERALD_LOAD_EVENTS=200000 HERALD_LOAD_SECS=5 cargo bench -p herald-server --bench load
//! ```
//!
//! Knobs (environment): `HERALD_LOAD_EVENTS` (default 1,000,000),
//! `HERALD_LOAD_SECS` (default 20, at most 20), `HERALD_LOAD_CLIENTS`
//! (default 16), `HERALD_LOAD_REPEAT` (times each interaction is run,
//! default 10), `HERALD_LOAD_DB` (reuse or keep the store at this path).
//! Clients and server share the machine, so the numbers are a floor.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use herald_core::{ActorRecord, CameoTable, EventCode, EventRecord, Span, VerbRecord};
use herald_input::{Origin, Story};
use herald_store::{EventFilter, NetworkQuery, Reader, Rollup, Writer};
use http_body_util::{BodyExt, Empty};
use hyper::body::Bytes;
use hyper::body::Incoming;
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
                    ..Default::default()
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

/// The process's resident anonymous memory in MB (Linux; 0 elsewhere):
/// the pages of the store file that readers map are the system's file
/// cache, not the server's memory.
fn resident_mb() -> f64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let kb = status
        .lines()
        .find_map(|l| l.strip_prefix("RssAnon:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<f64>().ok());
    kb.map_or(0.0, |kb| kb / 1e3)
}

/// What the page must answer within.
const BUDGET_MS: f64 = 300.0;

type HttpClient = Client<hyper_util::client::legacy::connect::HttpConnector, Empty<Bytes>>;

/// Sends a GET and waits for the status and the first piece of the body
/// (`whole`: for all of it). Whether it succeeded.
async fn fetch(client: &HttpClient, addr: SocketAddr, path: &str, whole: bool) -> bool {
    let uri = format!("http://{addr}{path}").parse().expect("uri");
    let Ok(res) = client.get(uri).await else { return false };
    let ok = res.status().is_success();
    if !ok {
        println!("{path}: {}", res.status());
    }
    let mut body: Incoming = res.into_body();
    let got = if whole {
        body.collect().await.is_ok()
    } else {
        // The first frame of a streamed download; dropping the body then
        // closes the connection, which stops the download.
        matches!(body.frame().await, Some(Ok(_)))
    };
    ok && got
}

/// One user's interaction: the requests the page sends at once.
struct Interaction {
    name: &'static str,
    paths: Vec<String>,
    /// Downloads: only until their first byte.
    first_byte: bool,
    /// Whether it must answer within [`BUDGET_MS`]: whole downloads need not.
    budget: bool,
}

fn interactions(
    actor: &str,
    other: &str,
    country: &str,
    other_country: &str,
    story: i64,
    event: i64,
) -> Vec<Interaction> {
    // The network takes a roll-up and a floor of events; the timeline and
    // the events only the filter.
    let page = |filter: &str, network: &str| {
        vec![
            format!("/api/network?top=150&{filter}&{network}"),
            format!("/api/timeline?period=week&{filter}"),
            format!("/api/events?limit=50&{filter}"),
        ]
    };
    let year = "from=2022-06-01&to=2023-05-31";
    let month = "from=2023-03-01&to=2023-03-31";
    let i = |name, paths| Interaction { name, paths, first_byte: false, budget: true };
    vec![
        i(
            "open the page",
            [vec!["/api/summary".into(), "/api/vocabulary".into()], page("", "")].concat(),
        ),
        i("brush a year", page(year, "")),
        i("brush a month", page(month, "")),
        i("timeline per day", vec!["/api/timeline?period=day".into()]),
        i("PLOVER type", page("plover=ASSAULT", "")),
        i("CAMEO root (no event)", page("root=20", "")),
        i("quad class", page("quad=4", "")),
        i("minimum events", page("", "min_events=50")),
        i("every filter", page(&format!("{year}&plover=ASSAULT&quad=4"), "min_events=3")),
        i("roll up to countries", page("", "rollup=country")),
        i("roll-up, a year, a quad class", page(&format!("{year}&quad=1"), "rollup=country")),
        i(
            "type in the search box",
            vec![format!("/api/suggest?q={}", &country[..1]), format!("/api/suggest?q={}", &country[..2])],
        ),
        i("pick a country", page(&format!("country={country}"), "")),
        i("pick an actor", page(&format!("actor={actor}"), "")),
        i(
            "click a node",
            vec![
                format!("/api/timeline?period=week&actor={actor}"),
                format!("/api/network?top=500&actor={actor}"),
                format!("/api/events?limit=50&actor={actor}"),
            ],
        ),
        i(
            "click a node, rolled up",
            vec![
                format!("/api/timeline?period=week&country={country}"),
                format!("/api/network?top=500&rollup=country&country={country}"),
                format!("/api/events?limit=50&country={country}"),
            ],
        ),
        i(
            "click an edge",
            vec![
                format!("/api/timeline?period=week&source={actor}&target={other}"),
                format!("/api/events?limit=50&source={actor}&target={other}"),
            ],
        ),
        i(
            "click an edge, rolled up, a year",
            vec![
                format!("/api/timeline?period=week&source_country={country}&target_country={other_country}&{year}"),
                format!("/api/events?limit=50&source_country={country}&target_country={other_country}&{year}"),
            ],
        ),
        i("more events", vec![format!("/api/events?limit=50&after={event}")]),
        i("more events, filtered", vec![format!("/api/events?limit=50&quad=2&after={event}")]),
        i("a story's events", vec![format!("/api/stories/{story}")]),
        Interaction {
            name: "download CSV (first byte)",
            paths: vec!["/api/events.csv".into()],
            first_byte: true,
            budget: true,
        },
        Interaction {
            name: "download CSV of a country (first byte)",
            paths: vec![format!("/api/events.csv?country={country}&plover=ASSAULT")],
            first_byte: true,
            budget: true,
        },
        Interaction {
            name: "download CSV of a country (whole)",
            paths: vec![format!("/api/events.csv?country={country}")],
            first_byte: false,
            budget: false,
        },
        Interaction {
            name: "download Parquet of a country (whole)",
            paths: vec![format!("/api/events.parquet?country={country}")],
            first_byte: false,
            budget: false,
        },
    ]
}

/// Runs each interaction `repeat` times, one after the other; prints the
/// median and slowest. Returns the failed requests and the interactions
/// over budget.
async fn page_interactions(
    addr: SocketAddr,
    list: &[Interaction],
    repeat: usize,
) -> (u64, Vec<&'static str>) {
    let client: HttpClient = Client::builder(TokioExecutor::new()).build_http();
    let (mut errors, mut slow) = (0, Vec::new());
    println!(
        "page: each interaction {repeat} times, all its requests at once (budget {BUDGET_MS} ms)"
    );
    for it in list {
        let mut times = Vec::new();
        for _ in 0..repeat {
            let started = Instant::now();
            let answers = futures_util::future::join_all(
                it.paths.iter().map(|p| fetch(&client, addr, p, !it.first_byte)),
            )
            .await;
            times.push(u32::try_from(started.elapsed().as_micros()).unwrap_or(u32::MAX));
            errors += answers.iter().filter(|ok| !**ok).count() as u64;
        }
        times.sort_unstable();
        let (p50, max) = (percentile(&times, 0.5), percentile(&times, 1.0));
        let over = it.budget && p50 >= BUDGET_MS;
        if over {
            slow.push(it.name);
        }
        println!(
            "page: {:<40} {:>2} requests  p50 {p50:>7.1} ms  max {max:>7.1} ms{}",
            it.name,
            it.paths.len(),
            if over {
                "  OVER BUDGET"
            } else if it.budget {
                ""
            } else {
                "  (no budget)"
            }
        );
    }
    (errors, slow)
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
    let repeat = env_or("HERALD_LOAD_REPEAT", 10).max(1) as usize;
    let tmp = tempfile::tempdir().expect("temp dir");
    let path = std::env::var("HERALD_LOAD_DB")
        .map(PathBuf::from)
        .unwrap_or_else(|_| tmp.path().join("load.db"));
    if path.exists() {
        // A kept store gets the indexes this herald adds.
        drop(Writer::open(&path).expect("open store"));
    } else {
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
    // The busiest dyad is the one the page's user clicks, and its
    // countries are the ones they search for.
    let (actor, other) = dyads[0].clone();
    let (country, other_country) = (actor[..3].to_string(), other[..3].to_string());
    let story = i64::try_from(summary.stories / 2).unwrap_or(1);
    let event = i64::try_from(summary.events / 2).unwrap_or(1);

    let runtime =
        tokio::runtime::Builder::new_multi_thread().enable_all().build().expect("runtime");
    runtime.block_on(async {
        let (started, before) = (Instant::now(), resident_mb());
        let app = herald_server::router(&path).expect("router");
        println!(
            "server: ready in {:.2}s, {:+.0} MB resident (the store's cube read)",
            started.elapsed().as_secs_f64(),
            resident_mb() - before
        );
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

        let list = interactions(&actor, &other, &country, &other_country, story, event);
        let (errors, slow) = page_interactions(addr, &list, repeat).await;
        assert_eq!(errors, 0, "page requests failed");
        assert!(slow.is_empty(), "over budget: {slow:?}");
    });
}
