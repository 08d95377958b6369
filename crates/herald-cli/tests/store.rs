//! `herald ingest`, `query`, `export` and `serve`, run the way users run them.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use herald_store::{Reader, Summary};

fn herald() -> Command {
    Command::new(env!("CARGO_BIN_EXE_herald"))
}

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn run(args: &[&str]) -> Output {
    herald().args(args).output().unwrap()
}

fn stdout(out: &Output) -> String {
    String::from_utf8(out.stdout.clone()).unwrap()
}

fn summary(db: &Path) -> Summary {
    Reader::open(db).unwrap().summary().unwrap()
}

/// Ingests the examples into a fresh store.
fn examples_db(dir: &Path) -> PathBuf {
    let db = dir.join("herald.db");
    let news = repo().join("examples/news");
    let jsonl = repo().join("examples/stories.jsonl");
    let out = herald().arg("ingest").arg(&news).arg(&jsonl).arg("--db").arg(&db).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    db
}

#[test]
fn ingest_stores_every_story_once() {
    let dir = tempfile::tempdir().unwrap();
    let db = examples_db(dir.path());
    let first = summary(&db);
    assert_eq!(first.stories, 5);
    assert!(first.events >= 10, "{first:?}");
    // Again: nothing is added, and the summary says why.
    let out =
        herald().arg("ingest").arg(repo().join("examples")).arg("--db").arg(&db).output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(stderr.contains("0 stories stored") && stderr.contains("5 already stored"), "{stderr}");
    assert_eq!(summary(&db), first);
}

#[test]
fn the_store_holds_what_herald_code_outputs() {
    let dir = tempfile::tempdir().unwrap();
    let db = examples_db(dir.path());
    let examples = repo().join("examples");
    let out = herald().arg("code").arg(&examples).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let mut coded: Vec<serde_json::Value> =
        stdout(&out).lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    let out = run(&["query", "--db", db.to_str().unwrap(), "--format", "jsonl"]);
    let mut stored: Vec<serde_json::Value> = stdout(&out)
        .lines()
        .map(|l| {
            let mut e: serde_json::Value = serde_json::from_str(l).unwrap();
            for key in ["event_id", "canonical_id", "mentions", "day"] {
                e.as_object_mut().unwrap().remove(key);
            }
            e
        })
        .collect();
    let key = |e: &serde_json::Value| (e["story_id"].to_string(), e["sentence_index"].as_u64());
    coded.sort_by_key(key);
    stored.sort_by_key(key);
    assert!(!coded.is_empty());
    assert_eq!(stored, coded);
}

#[test]
fn every_input_is_accounted_for() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path();
    std::fs::write(p.join("a.txt"), "Armenian troops attacked Azerbaijani positions.").unwrap();
    std::fs::write(p.join("b.txt"), "The weather was fine.").unwrap();
    std::fs::write(p.join("c.txt"), b"\x00\x01binary").unwrap();
    std::fs::write(
        p.join("d.jsonl"),
        "{\"text\": \"Russia attacked Ukraine.\"}\n{broken\n{\"id\": 5}\n",
    )
    .unwrap();
    let db = p.join("x.db");
    let out = herald()
        .args(["ingest", "--db"])
        .arg(&db)
        .arg(p.join("a.txt"))
        .arg(p.join("b.txt"))
        .arg(p.join("c.txt"))
        .arg(p.join("d.jsonl"))
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("6 inputs: 3 stories stored") && stderr.contains("3 rejected"),
        "{stderr}"
    );
    let s = summary(&db);
    assert_eq!((s.stories, s.coded + s.no_events, s.rejected), (3, 3, 3));
    assert!(s.no_events >= 1, "{s:?}");
    let rejected = Reader::open(&db).unwrap().rejected(Default::default()).unwrap();
    let origins: Vec<_> =
        rejected.iter().map(|r| r.origin.rsplit('/').next().unwrap().to_string()).collect();
    assert_eq!(origins, ["c.txt", "d.jsonl:2", "d.jsonl:3"]);
    assert!(rejected[0].reason.starts_with("binary file"), "{:?}", rejected[0]);
    let out = run(&["query", "--db", db.to_str().unwrap(), "--rejected", "--format", "csv"]);
    let csv = stdout(&out);
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(lines.len(), 4, "{csv}");
    assert_eq!(lines[0], "origin,reason,at");
    assert!(lines[1].contains("c.txt,\"binary file"), "{csv}");
}

#[test]
fn query_prints_events_and_aggregates() {
    let dir = tempfile::tempdir().unwrap();
    let db = examples_db(dir.path());
    let db = db.to_str().unwrap();
    let out =
        run(&["query", "--db", db, "--format", "jsonl", "--source", "ARMMIL", "--target", "AZE"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let events: Vec<serde_json::Value> =
        stdout(&out).lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(events.len(), 1);
    for key in [
        "event_id",
        "canonical_id",
        "mentions",
        "day",
        "story_id",
        "sentence",
        "source",
        "target",
        "cameo",
        "verb",
    ] {
        assert!(events[0].get(key).is_some(), "missing {key}");
    }
    assert_eq!(events[0]["story_id"], "02_border_clashes.txt");

    let out = run(&["query", "--db", db, "--format", "csv", "--from", "2024-03-01"]);
    let csv = stdout(&out);
    let mut lines = csv.lines();
    assert!(lines.next().unwrap().starts_with("event_id,canonical_id,mentions,day,"));
    assert!(lines.clone().count() >= 2 && lines.all(|l| l.contains(",2024-03-0")), "{csv}");

    let out = run(&["query", "--db", db, "--aggregate", "day", "--format", "jsonl"]);
    let rows: Vec<serde_json::Value> =
        stdout(&out).lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert!(!rows.is_empty() && rows.iter().all(|r| r["period"].is_string()), "{rows:?}");

    let out = run(&["query", "--db", db, "--aggregate", "all"]);
    let table = stdout(&out);
    assert!(table.starts_with("source  ") && table.contains("ARMMIL"), "{table}");

    let out = run(&["query", "--db", db, "--from", "2024-02-30"]);
    assert_eq!(out.status.code(), Some(2));
    let out = run(&["query", "--db", &format!("{db}.missing")]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("cannot open store"));
}

#[test]
fn duplicate_reports_count_once_with_their_mentions() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("dup.jsonl");
    let attack = "Armenian troops attacked Azerbaijani positions near the border.";
    let lines = [
        serde_json::json!({"id": "wire-1", "date": "2024-03-05", "text": attack}),
        serde_json::json!({"id": "wire-2", "date": "2024-03-05T09:30:00Z", "text": attack}),
        serde_json::json!({"id": "wire-3", "date": "2024-03-06", "text": attack}),
    ];
    std::fs::write(&input, lines.map(|l| format!("{l}\n")).concat()).unwrap();
    let db = dir.path().join("dup.db");
    let out = herald().args(["ingest", "--db"]).arg(&db).arg(&input).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let s = summary(&db);
    assert_eq!((s.stories, s.events, s.canonical_events), (3, 3, 2), "{s:?}");
    let db = db.to_str().unwrap();

    let out = run(&["query", "--db", db, "--format", "jsonl", "--source", "ARMMIL"]);
    let mentions: Vec<(String, u64)> = stdout(&out)
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap())
        .map(|e| (e["story_id"].as_str().unwrap().to_string(), e["mentions"].as_u64().unwrap()))
        .collect();
    assert_eq!(mentions, [("wire-1".into(), 2), ("wire-2".into(), 2), ("wire-3".into(), 1)]);

    let out = run(&["query", "--db", db, "--aggregate", "all", "--format", "csv"]);
    let csv = stdout(&out);
    let row = csv.lines().find(|l| l.starts_with("ARMMIL,AZE,")).unwrap_or_else(|| panic!("{csv}"));
    // 2 events (5 March, 6 March) from 3 reports, both material conflict.
    assert!(row.starts_with("ARMMIL,AZE,ARM,AZE,,2,3,0,0,0,2,"), "{row}");
    let out = run(&["query", "--db", db, "--aggregate", "day", "--source", "ARMMIL"]);
    let table = stdout(&out);
    let days: Vec<Vec<&str>> =
        table.lines().skip(1).map(|l| l.split_whitespace().collect()).collect();
    assert_eq!(days.len(), 2, "{table}");
    assert_eq!(days[0][4..7], ["2024-03-05", "1", "2"], "{table}");
    assert_eq!(days[1][4..7], ["2024-03-06", "1", "1"], "{table}");
}

#[test]
fn export_writes_parquet() {
    let dir = tempfile::tempdir().unwrap();
    let db = examples_db(dir.path());
    let file = dir.path().join("events.parquet");
    let out =
        herald().args(["export", "--db"]).arg(&db).arg("--parquet").arg(&file).output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    let events = summary(&db).events;
    assert!(stderr.contains(&format!("{events} events written")), "{stderr}");
    let bytes = std::fs::read(&file).unwrap();
    assert!(bytes.starts_with(b"PAR1") && bytes.ends_with(b"PAR1"));
}

#[test]
fn serve_prints_its_address_and_answers() {
    let dir = tempfile::tempdir().unwrap();
    let db = examples_db(dir.path());
    let mut child = herald()
        .args(["serve", "--port", "0", "--db"])
        .arg(&db)
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap()).read_line(&mut line).unwrap();
    let addr = line.trim().rsplit("http://").next().unwrap().trim_end_matches('/').to_string();
    assert!(addr.starts_with("127.0.0.1:"), "{line}");
    let mut stream = TcpStream::connect(&addr).unwrap();
    write!(stream, "GET /api/summary HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n")
        .unwrap();
    let mut response = String::new();
    stream.read_to_string(&mut response).unwrap();
    child.kill().unwrap();
    child.wait().unwrap();
    assert!(response.starts_with("HTTP/1.1 200"), "{response}");
    assert!(response.contains("\"stories\":5"), "{response}");
}

/// A run killed with SIGKILL part-way, then run again, stores every story
/// exactly once: each batch is one transaction, and stored stories are skipped.
#[test]
fn ingest_killed_mid_way_and_rerun_stores_each_story_once() {
    const STORIES: usize = 6000;
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("big.jsonl");
    let texts = [
        "Armenian troops attacked Azerbaijani positions near the border.",
        "Russia and Ukraine held talks in Geneva.",
        "The weather in Baku was mild.",
    ];
    let mut jsonl = String::new();
    for i in 0..STORIES {
        let line = serde_json::json!({"id": format!("s{i}"), "date": format!("2024-01-{:02}", 1 + i % 28), "text": format!("{} Report {i}.", texts[i % 3])});
        jsonl.push_str(&format!("{line}\n"));
    }
    // Two stories without ids and the same text: one story.
    jsonl.push_str(
        "{\"text\": \"Iran condemned Israel.\"}\n{\"text\": \"Iran condemned Israel.\"}\n",
    );
    std::fs::write(&input, jsonl).unwrap();
    let db = dir.path().join("big.db");
    let ingest = || {
        let mut cmd = herald();
        cmd.args(["ingest", "--batch", "50", "--threads", "2", "--db"]).arg(&db).arg(&input);
        cmd.stdout(Stdio::null()).stderr(Stdio::piped());
        cmd
    };

    let mut child = ingest().spawn().unwrap();
    let started = Instant::now();
    let at_kill = loop {
        // Reading while the writer commits is what WAL mode is for.
        let stored = Reader::open(&db).ok().and_then(|r| r.summary().ok()).map_or(0, |s| s.stories);
        if stored >= 500 {
            break stored;
        }
        assert!(started.elapsed() < Duration::from_secs(120), "ingest made no progress");
        assert!(child.try_wait().unwrap().is_none(), "ingest finished before it could be killed");
        std::thread::sleep(Duration::from_millis(20));
    };
    child.kill().unwrap(); // SIGKILL on Unix: no chance to clean up.
    child.wait().unwrap();
    let after_kill = summary(&db);
    assert!(after_kill.stories >= at_kill && after_kill.stories < STORIES as u64, "{after_kill:?}");

    let out = ingest().output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    let done = summary(&db);
    assert_eq!(done.stories, STORIES as u64 + 1, "{stderr}");
    assert!(stderr.contains(&format!("{} already stored", after_kill.stories + 1)), "{stderr}");

    // The same counts as one uninterrupted run.
    let clean = dir.path().join("clean.db");
    let out = herald().args(["ingest", "--db"]).arg(&clean).arg(&input).output().unwrap();
    assert!(out.status.success());
    let clean = summary(&clean);
    assert_eq!(done, clean);
}

fn run_stdin(args: &[&str], stdin: &str) -> Output {
    let mut child = herald()
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(stdin.as_bytes()).unwrap();
    child.wait_with_output().unwrap()
}

/// Invalid story dates: a warning with file and line, the story coded and
/// stored undated, counted, exit 1; never a panic or a wrong day (issue 14).
#[test]
fn invalid_story_dates_are_warned_and_stored_undated() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("herald.db");
    let bad = ["2024-03-0\u{e9}x", "2024-13-45", "2024-02-30", "20240301", " 2024-03-01 "];
    let mut jsonl = String::new();
    for (i, date) in bad.iter().enumerate() {
        let line = serde_json::json!({"id": format!("bad{i}"), "date": date, "text": "Russia attacked Ukraine."});
        jsonl.push_str(&format!("{line}\n"));
    }
    jsonl.push_str(r#"{"id":"good","date":"2024-03-01","text":"Russia attacked Ukraine."}"#);
    let ingest = ["ingest", "--db", db.to_str().unwrap(), "-"];
    for args in [&["code", "-"][..], &ingest] {
        let command = args[0];
        let out = run_stdin(args, &jsonl);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{command}: {stderr}");
        for line in 1..=bad.len() {
            assert!(
                stderr.contains(&format!("<stdin>:{line}: story \"bad{}\"", line - 1)),
                "{stderr}"
            );
        }
        assert!(stderr.contains("5 invalid dates (coded undated)"), "{stderr}");
        if command == "code" {
            let dates: Vec<serde_json::Value> = stdout(&out)
                .lines()
                .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap()["date"].clone())
                .collect();
            assert_eq!(dates.iter().filter(|d| d.is_null()).count(), 5);
            assert!(dates.contains(&serde_json::json!("2024-03-01")));
        }
    }
    let db = db.to_str().unwrap();
    let s = summary(Path::new(db));
    assert_eq!((s.stories, s.events), (6, 6));
    // Only the good story has a day, so only it is in a date range.
    let out = run(&[
        "query",
        "--db",
        db,
        "--from",
        "2024-03-01",
        "--to",
        "2024-03-01",
        "--format",
        "jsonl",
    ]);
    assert_eq!(stdout(&out).lines().count(), 1);
}

/// `ingest` codes with the same options as `code`, and refuses to mix
/// configurations in one store unless told to (issue 14).
#[test]
fn ingest_codes_like_code_and_records_its_configuration() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("herald.db");
    let db = db.to_str().unwrap();
    let news = repo().join("examples/news");
    let news = news.to_str().unwrap();
    for syntax in ["word-order", "parse"] {
        let coded = run(&["code", "--syntax", syntax, news]);
        let store = dir.path().join(format!("{syntax}.db"));
        let out = run(&["ingest", "--syntax", syntax, "--db", store.to_str().unwrap(), news]);
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        assert_eq!(summary(&store).events as usize, stdout(&coded).lines().count(), "{syntax}");
    }
    assert!(run(&["ingest", "--db", db, news]).status.success());
    let info: serde_json::Value =
        serde_json::from_slice(&run(&["query", "--db", db, "--info"]).stdout).unwrap();
    let provenance = &info["provenance"][0];
    assert_eq!(provenance["herald"], env!("CARGO_PKG_VERSION"));
    assert_eq!(
        (provenance["conventions"].as_str(), provenance["syntax"].as_str()),
        (Some("herald"), Some("parse"))
    );
    assert_eq!(provenance["model"].as_str().map(str::len), Some(64));
    assert!(provenance["dictionaries"]
        .as_array()
        .unwrap()
        .iter()
        .any(|d| d["name"] == "embedded:verbs.txt"));
    let jsonl = repo().join("examples/stories.jsonl");
    let jsonl = jsonl.to_str().unwrap();
    let mixed = run(&["ingest", "--syntax", "word-order", "--db", db, jsonl]);
    assert_eq!(mixed.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&mixed.stderr);
    assert!(
        stderr.contains("another configuration") && stderr.contains("--allow-mixed"),
        "{stderr}"
    );
    let before = summary(Path::new(db));
    assert_eq!(before.stories, 3, "nothing was added");
    let allowed = run(&["ingest", "--syntax", "word-order", "--allow-mixed", "--db", db, jsonl]);
    assert!(allowed.status.success(), "{}", String::from_utf8_lossy(&allowed.stderr));
    let info: serde_json::Value =
        serde_json::from_slice(&run(&["query", "--db", db, "--info"]).stdout).unwrap();
    assert_eq!(info["provenance"].as_array().unwrap().len(), 2);
}

/// Sentences too long to code are warned about one by one (story and
/// sentence) and counted; `-q` keeps only the count (issue 14).
#[test]
fn sentences_left_uncoded_are_reported() {
    let long = format!("Russia attacked Ukraine {}.", "and then again ".repeat(70));
    let jsonl = format!(
        "{}\n",
        serde_json::json!({"id": "long", "text": format!("Russia attacked Ukraine. {long}")})
    );
    let out = run_stdin(&["code", "-"], &jsonl);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("<stdin>:1: story \"long\" sentence 1: not coded, too long"),
        "{stderr}"
    );
    assert!(stderr.contains("1 sentence too long to code"), "{stderr}");
    assert_eq!(stdout(&out).lines().count(), 1, "the short sentence is still coded");
    let quiet = run_stdin(&["code", "-q", "-"], &jsonl);
    let stderr = String::from_utf8_lossy(&quiet.stderr);
    assert!(
        !stderr.contains("warning") && stderr.contains("1 sentence too long to code"),
        "{stderr}"
    );
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("herald.db");
    let out = run_stdin(&["ingest", "--db", db.to_str().unwrap(), "-"], &jsonl);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("1 sentence too long to code"));
}

/// Concurrent first ingests into one new store all succeed (issue 14: 5
/// runs in 10 failed with `table meta already exists`).
#[test]
fn concurrent_first_ingests_all_succeed() {
    let story = repo().join("examples/news/01_caspian_talks.txt");
    for _ in 0..5 {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("herald.db");
        let children: Vec<_> = (0..3)
            .map(|_| {
                herald()
                    .args(["ingest", "--syntax", "word-order", "--db"])
                    .arg(&db)
                    .arg(&story)
                    .stderr(Stdio::piped())
                    .spawn()
                    .unwrap()
            })
            .collect();
        for child in children {
            let out = child.wait_with_output().unwrap();
            assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        }
        assert_eq!(summary(&db).stories, 1);
    }
}

/// `ingest` refuses a SQLite file that is not a herald store, and leaves it
/// byte for byte as it was (issue 14: it switched it to WAL first).
#[test]
fn ingest_leaves_a_foreign_database_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("other.db");
    let conn = rusqlite::Connection::open(&db).unwrap();
    conn.execute_batch("CREATE TABLE notes (body TEXT); INSERT INTO notes VALUES ('mine');")
        .unwrap();
    let before = std::fs::read(&db).unwrap();
    let out = herald()
        .args(["ingest", "--db"])
        .arg(&db)
        .arg(repo().join("examples/news"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("not a herald store"));
    assert_eq!(std::fs::read(&db).unwrap(), before);
    drop(conn);
}

/// `--addr` takes IP:port as users type it, as well as an IP with `--port`.
#[test]
fn serve_accepts_an_address_with_its_port() {
    let dir = tempfile::tempdir().unwrap();
    let db = examples_db(dir.path());
    let mut child = herald()
        .args(["serve", "--addr", "127.0.0.1:0", "--db"])
        .arg(&db)
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap()).read_line(&mut line).unwrap();
    child.kill().unwrap();
    child.wait().unwrap();
    assert!(line.contains("http://127.0.0.1:") && !line.contains(":8080/"), "{line}");
    let both =
        run(&["serve", "--addr", "127.0.0.1:1", "--port", "2", "--db", db.to_str().unwrap()]);
    assert_eq!(both.status.code(), Some(2));
}
