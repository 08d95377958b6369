//! Runs the `herald` binary the way users do.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn herald() -> Command {
    Command::new(env!("CARGO_BIN_EXE_herald"))
}

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn run_with_stdin(mut cmd: Command, stdin: &[u8]) -> Output {
    let mut child =
        cmd.stdin(Stdio::piped()).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap();
    // A run that fails on its arguments exits without reading its input.
    if let Err(e) = child.stdin.take().unwrap().write_all(stdin) {
        assert_eq!(e.kind(), std::io::ErrorKind::BrokenPipe, "{e}");
    }
    child.wait_with_output().unwrap()
}

fn events(out: &Output) -> Vec<serde_json::Value> {
    String::from_utf8(out.stdout.clone())
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

#[test]
fn codes_the_examples_with_embedded_dictionaries() {
    let out = herald().arg("code").arg(repo().join("examples/news")).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let evs = events(&out);
    assert!(evs.len() >= 10, "only {} events", evs.len());
    for e in &evs {
        for key in [
            "story_id",
            "sentence_index",
            "sentence",
            "date",
            "source",
            "target",
            "cameo",
            "cameo_root",
            "plover",
            "goldstein",
            "quad_class",
            "verb",
            "pattern",
        ] {
            assert!(e.get(key).is_some(), "missing {key} in {e}");
        }
        // Evidence spans point into the story text.
        let story = std::fs::read_to_string(
            repo().join("examples/news").join(e["story_id"].as_str().unwrap()),
        )
        .unwrap();
        let span = &e["source"]["span"];
        let (s, t) = (span[0].as_u64().unwrap() as usize, span[1].as_u64().unwrap() as usize);
        assert_eq!(&story[s..t], e["source"]["text"].as_str().unwrap());
    }
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("3 stories coded"), "{stderr}");
}

/// The event shown in the README is what herald really prints for that example.
#[test]
fn readme_example_event_is_real_output() {
    let readme = std::fs::read_to_string(repo().join("README.md")).unwrap();
    let block = readme.split("```json\n").nth(1).and_then(|b| b.split("```").next()).unwrap();
    let shown: serde_json::Value = serde_json::from_str(block).unwrap();
    let out = herald()
        .arg("code")
        .arg(repo().join("examples/news"))
        .arg(repo().join("examples/stories.jsonl"))
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(events(&out).contains(&shown), "README event not produced: {shown}");
}

#[test]
fn jsonl_stdin_keeps_ids_and_dates() {
    let input = std::fs::read(repo().join("examples/stories.jsonl")).unwrap();
    let mut cmd = herald();
    cmd.arg("code");
    let out = run_with_stdin(cmd, &input);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let evs = events(&out);
    assert!(evs.iter().any(|e| e["story_id"] == "ex-1" && e["date"] == "2024-03-05"), "{evs:?}");
}

/// `--syntax` chooses where subjects come from; the parse is the default.
#[test]
fn syntax_flag_selects_parse_or_word_order() {
    let text = b"Russia praised Azerbaijan and condemned Armenia.";
    let dyads = |args: &[&str]| {
        let mut cmd = herald();
        cmd.arg("code").args(args).arg("-");
        let out = run_with_stdin(cmd, text);
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        events(&out)
            .iter()
            .map(|e| format!("{}>{}", e["source"]["code"], e["target"]["code"]).replace('"', ""))
            .collect::<Vec<_>>()
    };
    assert_eq!(dyads(&[]), ["RUS>AZE", "RUS>ARM"]);
    assert_eq!(dyads(&["--syntax", "parse"]), ["RUS>AZE", "RUS>ARM"]);
    assert_eq!(dyads(&["--syntax", "word-order"]), ["RUS>AZE", "AZE>ARM"]);
}

#[test]
fn csv_output_has_a_header_and_rows() {
    let mut cmd = herald();
    cmd.args(["code", "--format", "csv", "-"]);
    let out = run_with_stdin(cmd, b"Armenian troops attacked Azerbaijani positions.");
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    let mut lines = text.lines();
    assert!(lines.next().unwrap().starts_with("story_id,sentence_index,date,source_code"));
    assert!(lines.next().unwrap().contains("ARMMIL"));
}

#[test]
fn bad_inputs_are_reported_counted_and_skipped() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path();
    std::fs::write(p.join("a_good.txt"), "Armenian troops attacked Azerbaijani positions.")
        .unwrap();
    std::fs::write(p.join("b_invalid.txt"), b"Line one.\nBad \xff byte.").unwrap();
    std::fs::write(p.join("c_binary.txt"), b"\x00\x01\x02ELF").unwrap();
    std::fs::write(p.join("d_empty.txt"), "  \n").unwrap();
    let huge = format!("{{\"id\":\"big\",\"text\":\"{}\"}}", "a".repeat(10 << 20));
    let jsonl = format!(
        "{{\"id\":\"ok\",\"text\":\"Russia attacked Ukraine.\"}}\n{{\"id\":\"broken\",\"text\":\n{huge}\n{{\"id\":\"last\",\"text\":\"Iran condemned Israel.\"}}\n"
    );
    std::fs::write(p.join("e_stories.jsonl"), jsonl).unwrap();
    let out = herald().arg("code").arg(p).output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    for needle in [
        "b_invalid.txt:2: invalid UTF-8",
        "c_binary.txt: binary file",
        "d_empty.txt:1: empty story",
        "e_stories.jsonl:2: malformed JSONL record",
        &format!("e_stories.jsonl:3: {} bytes exceeds the limit", huge.len()),
        "3 stories coded",
        "5 rejected",
    ] {
        assert!(stderr.contains(needle), "missing {needle:?} in:\n{stderr}");
    }
    let ids: Vec<String> =
        events(&out).iter().map(|e| e["story_id"].as_str().unwrap().to_string()).collect();
    assert!(
        ids.contains(&"a_good.txt".to_string())
            && ids.contains(&"ok".to_string())
            && ids.contains(&"last".to_string()),
        "{ids:?}"
    );
}

#[test]
fn output_is_identical_for_any_thread_count() {
    let run = |threads: &str| {
        herald()
            .args(["code", "--threads", threads])
            .arg(repo().join("examples/news"))
            .output()
            .unwrap()
            .stdout
    };
    assert_eq!(run("1"), run("4"));
}

#[test]
fn missing_input_file_is_rejected_not_fatal() {
    let out = herald()
        .args(["code", "/nonexistent/story.txt"])
        .arg(repo().join("examples/news/01_caspian_talks.txt"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(!out.stdout.is_empty());
    assert!(String::from_utf8_lossy(&out.stderr).contains("/nonexistent/story.txt: cannot read"));
}

#[test]
fn eval_scores_the_seed_articles() {
    let gold = repo().join("../shared/seeds/gold.jsonl");
    assert!(gold.exists(), "the seed gold file is expected at {}", gold.display());
    let out = herald().arg("eval").arg(&gold).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let stdout = String::from_utf8(out.stdout).unwrap();
    let recall: f64 =
        stdout.split("recall ").nth(1).unwrap().split_whitespace().next().unwrap().parse().unwrap();
    assert!(recall >= 0.9, "seed recall fell below 0.9: {stdout}");
}

#[test]
fn bad_dictionary_directory_reports_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("verbs.txt"), "190 *occupy +\n9:9:9 *nonsense\n").unwrap();
    let out = herald()
        .arg("code")
        .arg("--dictionaries")
        .arg(dir.path())
        .arg("-")
        .stdin(Stdio::null())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("verbs.txt:2:1:") && stderr.contains("not an event code"), "{stderr}");
}

/// Invisible format characters do not stop coding (issue 14).
#[test]
fn format_characters_do_not_stop_coding() {
    for text in ["Russia\u{200b} attacked Ukraine.", "Russia attacked \u{202e}Ukraine."] {
        let line = serde_json::json!({"id": "a", "text": text}).to_string();
        let mut cmd = herald();
        cmd.args(["code", "-"]);
        let out = run_with_stdin(cmd, line.as_bytes());
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        let evs = events(&out);
        assert_eq!(evs.len(), 1, "{text:?}");
        assert_eq!(
            (evs[0]["source"]["code"].as_str(), evs[0]["target"]["code"].as_str()),
            (Some("RUS"), Some("UKR"))
        );
        // Spans stay byte offsets into the original text.
        let span = &evs[0]["target"]["span"];
        let (s, e) = (span[0].as_u64().unwrap() as usize, span[1].as_u64().unwrap() as usize);
        assert_eq!(&text[s..e], "Ukraine");
    }
}

/// `--explain` says why a matched pattern coded nothing; without it, nothing is said.
#[test]
fn explain_says_why_nothing_was_coded() {
    let text = b"Russia did not condemn Georgia. Israel said Hamas might attack Israel.";
    let mut cmd = herald();
    cmd.args(["code", "--explain", "-"]);
    let out = run_with_stdin(cmd, text);
    assert!(out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("sentence 0 (\"Russia did not condemn Georgia.\"): negated \"condemn\""),
        "{stderr}"
    );
    assert!(stderr.contains("\"attack\" not coded: possible"), "{stderr}");
    let mut cmd = herald();
    cmd.args(["code", "-"]);
    let out = run_with_stdin(cmd, text);
    assert!(!String::from_utf8_lossy(&out.stderr).contains("explain"));
}

#[test]
fn eval_output_cut_short_is_no_crash() {
    // `herald eval ... | head -1`: the reader goes away before eval writes.
    let gold = repo().join("../shared/seeds/gold.jsonl");
    let mut child = herald()
        .args(["eval", "-v"])
        .arg(&gold)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert_eq!(out.status.code(), Some(0), "{stderr}");
}
