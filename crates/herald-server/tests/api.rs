//! The JSON API over a small store: shapes, filters, and errors (400 for
//! bad parameters, 404 for unknown things, always a JSON error body).

use axum::body::Body;
use axum::http::{Request, StatusCode};
use axum::Router;
use herald_core::{ActorRecord, EventRecord, Span, VerbRecord};
use herald_input::{Origin, Story};
use herald_store::Writer;
use http_body_util::BodyExt;
use serde_json::Value;
use tower::ServiceExt;

const TEXT: &str = "Iran condemned Israel. Israel attacked Iran.";

fn story(id: &str, date: &str) -> Story {
    Story {
        id: id.into(),
        date: Some(herald_core::Date::parse(date).unwrap()),
        source: None,
        title: Some(format!("Title {id}")),
        text: TEXT.into(),
        extra: [("url".to_string(), format!("https://example.org/{id}").into())]
            .into_iter()
            .collect(),
        origin: Origin { file: "t.jsonl".into(), line: 1 },
        warnings: Vec::new(),
    }
}

fn event(
    s: &Story,
    sentence: usize,
    src: (&str, Span),
    verb: Span,
    tgt: (&str, Span),
    cameo: &str,
) -> EventRecord {
    let actor = |(code, span): (&str, Span)| ActorRecord {
        code: code.into(),
        country: Some(code.into()),
        text: span.slice(TEXT).into(),
        span,
    };
    let conflict = cameo.starts_with("19");
    EventRecord {
        story_id: s.id.clone(),
        sentence_index: sentence,
        sentence: String::new(),
        date: s.date.map(|d| d.to_string()),
        source: actor(src),
        target: Some(actor(tgt)),
        cameo: cameo.into(),
        cameo_root: cameo[..2].into(),
        cameo_name: Some("name".into()),
        plover: conflict.then(|| "ASSAULT".into()),
        goldstein: Some(if conflict { -10.0 } else { -2.0 }),
        quad_class: Some(if conflict { 4 } else { 3 }),
        verb: VerbRecord { text: verb.slice(TEXT).into(), span: verb },
        pattern: "p".into(),
        ..Default::default()
    }
}

/// Two stories on two days: Iran condemns Israel (111), Israel attacks Iran (190).
fn app() -> (tempfile::TempDir, Router) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("herald.db");
    let mut w = Writer::open(&path).unwrap();
    let mut batch = w.batch().unwrap();
    let sentences = [Span::new(0, 22), Span::new(23, 44)];
    for (id, date) in [("a", "2024-03-05"), ("b", "2024-03-12")] {
        let s = story(id, date);
        let mut events = [
            event(
                &s,
                0,
                ("IRN", Span::new(0, 4)),
                Span::new(5, 14),
                ("ISR", Span::new(15, 21)),
                "111",
            ),
            event(
                &s,
                1,
                ("ISR", Span::new(23, 29)),
                Span::new(30, 38),
                ("IRN", Span::new(39, 43)),
                "190",
            ),
        ];
        if id == "a" {
            // The attack of story a happened in Tehran; the rest nowhere said.
            events[1].location = Some(herald_core::LocationRecord {
                name: "Tehran".into(),
                span: Span::new(39, 43),
                geonameid: 112931,
                country: "IRN".into(),
                admin1: Some("Tehran".into()),
                lat: 35.69439,
                lon: 51.42151,
                how: "clause".into(),
            });
        }
        batch.add_story(&s, &sentences, &events).unwrap();
    }
    batch.commit().unwrap();
    let app = herald_server::router(&path).unwrap();
    (dir, app)
}

async fn get(app: &Router, uri: &str) -> (StatusCode, String, Value) {
    let res = app.clone().oneshot(Request::get(uri).body(Body::empty()).unwrap()).await.unwrap();
    let status = res.status();
    let mime = res
        .headers()
        .get("content-type")
        .map_or(String::new(), |v| v.to_str().unwrap().to_string());
    let bytes = res.into_body().collect().await.unwrap().to_bytes();
    let json = if mime.starts_with("application/json") {
        serde_json::from_slice(&bytes).unwrap()
    } else {
        Value::Null
    };
    (status, mime, json)
}

#[tokio::test]
async fn summary_and_network() {
    let (_dir, app) = app();
    let (status, _, body) = get(&app, "/api/summary").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body["stories"], 2);
    assert_eq!(body["events"], 4);
    let (status, _, net) = get(&app, "/api/network").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(net["nodes"].as_array().unwrap().len(), 2);
    let edges = net["edges"].as_array().unwrap();
    assert_eq!(edges.len(), 2);
    let edge = edges.iter().find(|e| e["source"] == "ISR").unwrap();
    assert_eq!((edge["target"].as_str(), edge["events"].as_u64()), (Some("IRN"), Some(2)));
    assert_eq!(edge["goldstein_mean"], -10.0);
    assert_eq!(edge["quad"], serde_json::json!([0, 0, 0, 2]));
}

#[tokio::test]
async fn dyad_timeline() {
    let (_dir, app) = app();
    let (status, _, tl) = get(&app, "/api/dyads/ISR/IRN/timeline?period=week").await;
    assert_eq!(status, StatusCode::OK);
    let points: Vec<_> = tl["points"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| (p["period"].clone(), p["conflict"].clone()))
        .collect();
    assert_eq!(points, [("2024-03-04".into(), 1.into()), ("2024-03-11".into(), 1.into())]);
    let (_, _, tl) = get(&app, "/api/dyads/ISR/IRN/timeline?period=month&from=2024-03-06").await;
    assert_eq!(tl["points"][0]["events"], 1);
    let (status, _, err) = get(&app, "/api/dyads/USA/IRN/timeline").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(err["error"]["code"], "not_found");
}

#[tokio::test]
async fn events_with_highlighted_segments() {
    let (_dir, app) = app();
    let (status, _, body) = get(&app, "/api/events?source=ISR&target=IRN&limit=1").await;
    assert_eq!(status, StatusCode::OK);
    let events = body["events"].as_array().unwrap();
    assert_eq!(events.len(), 1);
    let e = &events[0];
    assert_eq!(e["sentence"], "Israel attacked Iran.");
    assert_eq!(e["cameo"], "190");
    assert_eq!(e["mentions"], 1);
    let segs: Vec<(String, Option<String>)> = e["segments"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| (s["text"].as_str().unwrap().into(), s["role"].as_str().map(Into::into)))
        .collect();
    let expected = [
        ("Israel", Some("source")),
        (" ", None),
        ("attacked", Some("verb")),
        (" ", None),
        ("Iran", Some("target")),
        (".", None),
    ];
    assert_eq!(segs, expected.map(|(t, r)| (t.to_string(), r.map(str::to_string))));
    let id = e["id"].as_i64().unwrap();
    let (status, _, detail) = get(&app, &format!("/api/events/{id}")).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(detail["story"]["title"], "Title a");
    let (_, _, body) = get(&app, "/api/events?plover=assault&from=2024-03-10&to=2024-03-31").await;
    assert_eq!(body["events"].as_array().unwrap().len(), 1);
    let (_, _, body) = get(&app, "/api/aggregates?period=day&actor=IRN").await;
    assert_eq!(body["rows"].as_array().unwrap().len(), 4);
    let (_, _, body) = get(&app, "/api/aggregates?period=day&limit=3&offset=2").await;
    let rows: Vec<_> = body["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| (r["source"].as_str().unwrap(), r["period"].as_str().unwrap()))
        .collect();
    // Of IRN -> ISR and ISR -> IRN on 5 and 12 March, the last two.
    assert_eq!(rows, [("ISR", "2024-03-05"), ("ISR", "2024-03-12")]);
    assert_eq!((body["limit"].as_u64(), body["offset"].as_u64()), (Some(3), Some(2)));
}

#[tokio::test]
async fn events_page_after_the_last_id() {
    let (_dir, app) = app();
    let ids = |body: &serde_json::Value| -> Vec<i64> {
        body["events"].as_array().unwrap().iter().map(|e| e["id"].as_i64().unwrap()).collect()
    };
    let (_, _, all) = get(&app, "/api/events").await;
    let all = ids(&all);
    assert!(all.len() >= 3, "{all:?}");
    let (mut seen, mut uri) = (Vec::new(), "/api/events?limit=2".to_string());
    for _ in 0..=all.len() {
        let (status, _, body) = get(&app, &uri).await;
        assert_eq!(status, StatusCode::OK, "{uri}: {body}");
        seen.extend(ids(&body));
        match body["next"].as_i64() {
            Some(next) => uri = format!("/api/events?limit=2&after={next}"),
            None => break,
        }
    }
    assert_eq!(seen, all);
}

#[tokio::test]
async fn bad_parameters_are_400_with_a_json_error() {
    let (_dir, app) = app();
    for (uri, code) in [
        ("/api/events?limit=0", "bad_parameter"),
        ("/api/events?limit=abc", "bad_parameter"),
        ("/api/events?limit=100000", "bad_parameter"),
        ("/api/events?offset=-1", "bad_parameter"),
        ("/api/events?from=2024-13-01", "bad_parameter"),
        ("/api/events?from=2024-03-10&to=2024-03-01", "bad_parameter"),
        ("/api/events?cameo=abc", "bad_parameter"),
        ("/api/events?root=99", "bad_parameter"),
        ("/api/events?actor=a%20b", "bad_parameter"),
        ("/api/events?from=%ZZ", "bad_parameter"),
        ("/api/events?colour=red", "unknown_parameter"),
        ("/api/events?actor=IRN&actor=ISR", "unknown_parameter"),
        ("/api/events/abc", "bad_parameter"),
        ("/api/aggregates?period=year", "bad_parameter"),
        ("/api/aggregates?limit=10001", "bad_parameter"),
        ("/api/network?top=0", "bad_parameter"),
        ("/api/dyads/ISR/IRN/timeline?period=all", "bad_parameter"),
        ("/api/dyads/ISR/IRN/timeline?source=USA", "bad_parameter"),
        ("/api/dyads/IS%20R/IRN/timeline", "bad_parameter"),
        ("/api/summary?x=1", "unknown_parameter"),
        ("/api/events?offset=99999999999", "bad_parameter"),
        ("/api/events?actor=%FF", "bad_parameter"),
        ("/api/events/99999999999999999999", "bad_parameter"),
        ("/api/events/1?limit=1", "unknown_parameter"),
        ("/api/aggregates?cameo=1", "bad_parameter"),
        ("/api/aggregates?plover=a;b", "bad_parameter"),
        ("/api/aggregates?to=yesterday", "bad_parameter"),
        ("/api/network?top=abc", "bad_parameter"),
        ("/api/network?top=5001", "bad_parameter"),
        ("/api/network?country=IR%20N", "bad_parameter"),
        ("/api/dyads/%FF/IRN/timeline", "bad_parameter"),
        ("/api/dyads/ISR/IRN/timeline?from=2024-03-10&to=2024-03-01", "bad_parameter"),
        ("/api/dyads/ISR/IRN/timeline?top=5", "unknown_parameter"),
        ("/api/events?after=abc", "bad_parameter"),
        ("/api/events?after=99999", "bad_parameter"),
        ("/api/events?after=1&offset=2", "bad_parameter"),
        ("/api/events?quad=5", "bad_parameter"),
        ("/api/events?quad=x", "bad_parameter"),
        ("/api/events?source_country=I%20R", "bad_parameter"),
        ("/api/network?rollup=region", "bad_parameter"),
        ("/api/network?min_events=0", "bad_parameter"),
        ("/api/network?min_events=1&min_events=2", "unknown_parameter"),
        ("/api/aggregates?rollup=x", "bad_parameter"),
        ("/api/timeline?period=year", "bad_parameter"),
        ("/api/timeline?top=3", "unknown_parameter"),
        ("/api/suggest", "bad_parameter"),
        ("/api/suggest?q=%20", "bad_parameter"),
        (
            "/api/suggest?q=aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
            "bad_parameter",
        ),
        ("/api/suggest?q=ir&limit=51", "bad_parameter"),
        ("/api/suggest?q=ir&actor=IRN", "unknown_parameter"),
        ("/api/vocabulary?x=1", "unknown_parameter"),
        ("/api/stories/abc", "bad_parameter"),
        ("/api/stories/1?limit=0", "bad_parameter"),
        ("/api/events.csv?colour=red", "unknown_parameter"),
        ("/api/events.csv?limit=10", "unknown_parameter"),
        ("/api/events.parquet?from=2024-13-01", "bad_parameter"),
    ] {
        let (status, mime, body) = get(&app, uri).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{uri}: {body}");
        assert!(mime.starts_with("application/json"), "{uri}");
        assert_eq!(body["error"]["code"], code, "{uri}: {body}");
        assert!(body["error"]["message"].as_str().is_some_and(|m| !m.is_empty()), "{uri}");
    }
}

#[tokio::test]
async fn unknown_things_are_404_with_a_json_error() {
    let (_dir, app) = app();
    for uri in [
        "/api/events/999",
        "/api/stories/99",
        "/api/nothing/here",
        "/assets/nope.js",
        "/nothing",
        "/a/b/c",
    ] {
        let (status, _, body) = get(&app, uri).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{uri}");
        assert_eq!(body["error"]["code"], "not_found", "{uri}");
    }
}

#[tokio::test]
async fn the_page_and_its_assets_are_served() {
    let (_dir, app) = app();
    let (status, mime, _) = get(&app, "/").await;
    assert_eq!((status, mime.as_str()), (StatusCode::OK, "text/html; charset=utf-8"));
    for asset in ["app.js", "app.css", "cytoscape.min.js", "uPlot.iife.min.js", "uPlot.min.css"] {
        let (status, _, _) = get(&app, &format!("/assets/{asset}")).await;
        assert_eq!(status, StatusCode::OK, "{asset}");
    }
}

/// Every error has the JSON error shape, whoever answers it: a wrong method,
/// a body too large (issue 14: some errors were empty or plain text).
#[tokio::test]
async fn router_errors_are_json_too() {
    let (_dir, app) = app();
    let cases = [
        (
            Request::post("/api/summary").body(Body::empty()).unwrap(),
            StatusCode::METHOD_NOT_ALLOWED,
            "method_not_allowed",
        ),
        (
            Request::delete("/").body(Body::empty()).unwrap(),
            StatusCode::METHOD_NOT_ALLOWED,
            "method_not_allowed",
        ),
        (
            Request::get("/api/summary")
                .header("content-length", "1000000")
                .body(Body::from(vec![b'x'; 1_000_000]))
                .unwrap(),
            StatusCode::PAYLOAD_TOO_LARGE,
            "too_large",
        ),
    ];
    for (request, status, code) in cases {
        let what = format!("{} {}", request.method(), request.uri());
        let res = app.clone().oneshot(request).await.unwrap();
        assert_eq!(res.status(), status, "{what}");
        assert_eq!(res.headers()["content-type"], "application/json", "{what}");
        let body: Value =
            serde_json::from_slice(&res.into_body().collect().await.unwrap().to_bytes()).unwrap();
        assert_eq!(body["error"]["code"], code, "{what}");
    }
}

/// Security headers on pages, assets, API answers and errors alike.
#[tokio::test]
async fn security_headers_on_every_response() {
    let (_dir, app) = app();
    for uri in ["/", "/assets/app.js", "/api/summary", "/api/nothing", "/nothing"] {
        let res =
            app.clone().oneshot(Request::get(uri).body(Body::empty()).unwrap()).await.unwrap();
        let h = res.headers();
        assert_eq!(h["x-content-type-options"], "nosniff", "{uri}");
        assert_eq!(h["x-frame-options"], "DENY", "{uri}");
        assert_eq!(h["referrer-policy"], "no-referrer", "{uri}");
        let csp = h["content-security-policy"].to_str().unwrap();
        assert!(
            csp.contains("script-src 'self'") && csp.contains("frame-ancestors 'none'"),
            "{uri}"
        );
    }
}

/// The summary says which configuration coded the store.
#[tokio::test]
async fn summary_shows_the_provenance() {
    let (_dir, app) = app();
    let (_, _, body) = get(&app, "/api/summary").await;
    assert_eq!(body["provenance"], serde_json::json!([]), "none recorded by this fixture");
}

/// Rolled up to countries, the network's nodes are countries with their
/// names; otherwise actors, named from herald's tables.
#[tokio::test]
async fn network_with_names_rollup_and_a_floor() {
    let (_dir, app) = app();
    let (status, _, net) = get(&app, "/api/network?rollup=country&min_events=2").await;
    assert_eq!(status, StatusCode::OK, "{net}");
    assert_eq!(net["rollup"], "country");
    let nodes = net["nodes"].as_array().unwrap();
    let iran = nodes.iter().find(|n| n["id"] == "IRN").unwrap();
    assert_eq!((iran["kind"].as_str(), iran["name"].as_str()), (Some("country"), Some("Iran")));
    assert_eq!(net["edges"].as_array().unwrap().len(), 2);
    let (_, _, agg) = get(&app, "/api/aggregates?rollup=country&country=IRN").await;
    assert_eq!(
        (agg["rollup"].as_str(), agg["rows"].as_array().map(Vec::len)),
        (Some("country"), Some(2))
    );
    let (_, _, net) = get(&app, "/api/network?min_events=3").await;
    assert_eq!(net["edges"], serde_json::json!([]));
    let (_, _, net) = get(&app, "/api/network?quad=4").await;
    let edges = net["edges"].as_array().unwrap();
    assert_eq!(edges.len(), 1);
    assert_eq!((edges[0]["source"].as_str(), edges[0]["events"].as_u64()), (Some("ISR"), Some(2)));
    assert_eq!(net["nodes"][0]["kind"], "actor");
    assert_eq!(net["nodes"][0]["name"], "Iran");
}

/// The overall timeline sums every dyad per period, under the filter.
#[tokio::test]
async fn overall_timeline() {
    let (_dir, app) = app();
    let (status, _, tl) = get(&app, "/api/timeline?period=week").await;
    assert_eq!(status, StatusCode::OK, "{tl}");
    let points: Vec<_> = tl["points"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            (
                p["period"].as_str().unwrap().to_string(),
                p["events"].as_u64().unwrap(),
                p["quad"].clone(),
            )
        })
        .collect();
    assert_eq!(
        points,
        [
            ("2024-03-04".to_string(), 2, serde_json::json!([0, 0, 1, 1])),
            ("2024-03-11".to_string(), 2, serde_json::json!([0, 0, 1, 1]))
        ]
    );
    let (_, _, tl) = get(&app, "/api/timeline?period=all&source=IRN&from=2024-03-06").await;
    assert_eq!(tl["points"][0]["events"], 1);
    assert_eq!(tl["points"][0]["goldstein_mean"], -2.0);
    let (_, _, tl) = get(&app, "/api/timeline?actor=NOBODY").await;
    assert_eq!(tl["points"], serde_json::json!([]));
}

#[tokio::test]
async fn suggestions_by_code_or_name() {
    let (_dir, app) = app();
    let codes = |body: &Value| -> Vec<(String, String)> {
        body["suggestions"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| (s["code"].as_str().unwrap().into(), s["kind"].as_str().unwrap().into()))
            .collect()
    };
    let (status, _, body) = get(&app, "/api/suggest?q=isr").await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let s = |c: &str, k: &str| (c.to_string(), k.to_string());
    assert_eq!(codes(&body), [s("ISR", "country"), s("ISR", "actor")]);
    assert_eq!(body["suggestions"][0]["name"], "Israel");
    assert_eq!(body["suggestions"][0]["events"], 4);
    // By a word of the name, in any case; rolled up, actors with a country are left out.
    let (_, _, body) = get(&app, "/api/suggest?q=IRA&rollup=country").await;
    assert_eq!(codes(&body), [s("IRN", "country")]);
    let (_, _, body) = get(&app, "/api/suggest?q=zz").await;
    assert_eq!(codes(&body), []);
}

#[tokio::test]
async fn vocabulary_lists_roots_plover_types_and_quad_classes() {
    let (_dir, app) = app();
    let (status, _, v) = get(&app, "/api/vocabulary").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(v["roots"].as_array().unwrap().len(), 20);
    assert_eq!(v["roots"][18]["code"], "19");
    assert_eq!(v["roots"][18]["name"], "Fight");
    assert!(v["plover"].as_array().unwrap().iter().any(|p| p == "ASSAULT"));
    assert_eq!(v["quad"][3]["name"], "material conflict");
}

/// Each event carries its story (title, url, date) and readable names;
/// a story lists its other events.
#[tokio::test]
async fn events_carry_their_story_and_names() {
    let (_dir, app) = app();
    let (_, _, body) = get(&app, "/api/events?source=ISR&target=IRN&limit=1").await;
    let e = &body["events"][0];
    assert_eq!(
        (e["source_name"].as_str(), e["target_name"].as_str()),
        (Some("Israel"), Some("Iran"))
    );
    let story = &e["story"];
    assert_eq!(story["title"], "Title a");
    assert_eq!(story["url"], "https://example.org/a");
    assert_eq!(story["date"], "2024-03-05");
    assert_eq!(story["events"], 2);
    let (status, _, body) = get(&app, &format!("/api/stories/{}", story["row"])).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["story"]["id"], "a");
    let codes: Vec<_> =
        body["events"].as_array().unwrap().iter().map(|e| e["cameo"].clone()).collect();
    assert_eq!(codes, ["111", "190"]);
    assert_eq!(body["events"][1]["segments"][0]["role"], "source");
}

async fn download(app: &Router, uri: &str) -> (StatusCode, String, Vec<u8>) {
    let res = app.clone().oneshot(Request::get(uri).body(Body::empty()).unwrap()).await.unwrap();
    let status = res.status();
    let h = res.headers();
    let head = format!(
        "{} | {}",
        h.get("content-type").map_or("", |v| v.to_str().unwrap()),
        h.get("content-disposition").map_or("", |v| v.to_str().unwrap())
    );
    (status, head, res.into_body().collect().await.unwrap().to_bytes().to_vec())
}

#[tokio::test]
async fn downloads_of_the_selection() {
    let (_dir, app) = app();
    let (status, head, csv) = download(&app, "/api/events.csv?plover=assault").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(head, "text/csv; charset=utf-8 | attachment; filename=\"herald-events.csv\"");
    let text = String::from_utf8(csv).unwrap();
    let lines: Vec<_> = text.lines().collect();
    assert_eq!(lines.len(), 3, "{text}");
    // The columns of the Parquet export and `herald query --format csv`.
    let header: Vec<&str> = herald_store::StoredEvent::flat_header().collect();
    assert_eq!(lines[0], header.join(","));
    assert!(lines[0].starts_with("event_id,canonical_id,mentions,day,story_id,"), "{}", lines[0]);
    assert!(lines[1].contains(",Israel attacked Iran.,"), "{}", lines[1]);
    let (status, head, parquet) = download(&app, "/api/events.parquet?source=IRN").await;
    assert_eq!(status, StatusCode::OK);
    assert!(head.starts_with("application/vnd.apache.parquet | attachment"), "{head}");
    assert!(parquet.starts_with(b"PAR1") && parquet.ends_with(b"PAR1"), "{} bytes", parquet.len());
    let rows =
        parquet::file::reader::SerializedFileReader::new(axum::body::Bytes::from(parquet)).unwrap();
    use parquet::file::reader::FileReader;
    assert_eq!(rows.metadata().file_metadata().num_rows(), 2);
}

/// A CSV download is read page after page (a first of 200 events, then of
/// 10,000): every event once, in order.
#[tokio::test]
async fn a_csv_download_spans_pages() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("many.db");
    let mut w = Writer::open(&path).unwrap();
    let mut batch = w.batch().unwrap();
    // Ten reports a story, so that the store is quick to fill.
    for i in 0..1_150 {
        let s = story(&format!("m{i}"), &format!("2024-0{}-1{}", 1 + i % 9, i % 10));
        let e = event(
            &s,
            0,
            ("IRN", Span::new(0, 4)),
            Span::new(5, 14),
            ("ISR", Span::new(15, 21)),
            "111",
        );
        batch.add_story(&s, &[Span::new(0, 22)], &vec![e; 10]).unwrap();
    }
    batch.commit().unwrap();
    let app = herald_server::router(&path).unwrap();
    let (status, _, csv) = download(&app, "/api/events.csv").await;
    assert_eq!(status, StatusCode::OK);
    let mut reader = csv::Reader::from_reader(csv.as_slice());
    let ids: Vec<i64> = reader.records().map(|r| r.unwrap()[0].parse().unwrap()).collect();
    let all = herald_store::Reader::open(&path).unwrap();
    let expected: Vec<i64> = all
        .events(&herald_store::EventFilter::default(), herald_store::Page::default())
        .unwrap()
        .into_iter()
        .map(|e| e.id)
        .collect();
    assert_eq!(ids.len(), 11_500);
    assert_eq!(ids, expected);
}

#[tokio::test]
async fn events_and_aggregates_by_where_they_happened() {
    let (_dir, app) = app();
    let (status, _, places) = get(&app, "/api/places").await;
    assert_eq!(status, StatusCode::OK);
    let iran = &places["countries"][0];
    assert_eq!(places["countries"].as_array().unwrap().len(), 1);
    let got = (iran["country"].as_str(), iran["name"].as_str(), iran["events"].as_u64());
    assert_eq!(got, (Some("IRN"), Some("Iran"), Some(1)));
    // GeoNames' point of the country, for the map.
    let (lat, lon) = (iran["lat"].as_f64().unwrap(), iran["lon"].as_f64().unwrap());
    assert!((25.0..40.0).contains(&lat) && (44.0..63.0).contains(&lon), "{iran}");
    let point = &places["points"][0];
    assert_eq!((point["lat"].as_f64(), point["admin1"].as_str()), (Some(35.69439), Some("Tehran")));
    for (query, n) in [
        ("location_country=IRN", 1),
        ("location_country=ISR", 0),
        ("location_admin1=Tehran", 1),
        ("bbox=50,30,55,40", 1),
        ("bbox=0,0,10,10", 0),
        ("bbox=50,30,55,40&cameo=111", 0),
    ] {
        let (status, _, body) = get(&app, &format!("/api/events?{query}")).await;
        assert_eq!(status, StatusCode::OK, "{query}: {body}");
        let events = body["events"].as_array().unwrap();
        assert_eq!(events.len(), n, "{query}");
        if n == 1 {
            assert_eq!(events[0]["location"]["name"], "Tehran");
        }
        let (_, _, timeline) = get(&app, &format!("/api/timeline?period=all&{query}")).await;
        let total: u64 = timeline["points"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p["events"].as_u64().unwrap())
            .sum();
        assert_eq!(total, n as u64, "{query}");
        let (_, _, net) = get(&app, &format!("/api/network?{query}")).await;
        assert_eq!(net["edges"].as_array().unwrap().len(), n, "{query}");
        let (status, _, rows) = get(&app, &format!("/api/aggregates?period=all&{query}")).await;
        assert_eq!(status, StatusCode::OK, "{query}: {rows}");
        let (_, _, places) = get(&app, &format!("/api/places?{query}")).await;
        assert_eq!(places["points"].as_array().unwrap().len(), n, "{query}");
    }
    for bad in ["bbox=1,2,3", "bbox=0,50,10,40", "bbox=-200,0,0,1", "top=0"] {
        let (status, _, body) = get(&app, &format!("/api/places?{bad}")).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{bad}: {body}");
    }
}
