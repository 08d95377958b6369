//! `herald dict lint`, `herald dict convert` and coding with PETRARCH
//! dictionaries, run through the binary. Uses herald-petrarch's hand-made
//! fixtures (`crates/herald-petrarch/tests/data`).

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn herald() -> Command {
    Command::new(env!("CARGO_BIN_EXE_herald"))
}

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../herald-petrarch/tests/data").join(name)
}

fn run_with_stdin(mut cmd: Command, stdin: &str) -> Output {
    let mut child =
        cmd.stdin(Stdio::piped()).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap();
    // A run that fails on its arguments exits without reading its input.
    if let Err(e) = child.stdin.take().unwrap().write_all(stdin.as_bytes()) {
        assert_eq!(e.kind(), std::io::ErrorKind::BrokenPipe, "{e}");
    }
    child.wait_with_output().unwrap()
}

fn stdout(out: &Output) -> String {
    String::from_utf8(out.stdout.clone()).unwrap()
}

/// `SOURCE>TARGET CODE` per event.
fn events(out: &Output) -> Vec<String> {
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    stdout(out)
        .lines()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).unwrap();
            let target = v["target"]["code"].as_str().unwrap_or("-").to_string();
            format!(
                "{}>{} {}",
                v["source"]["code"].as_str().unwrap(),
                target,
                v["cameo"].as_str().unwrap()
            )
        })
        .collect()
}

/// Stories whose actors' codes depend on the date.
const STORIES: &str = concat!(
    r#"{"id":"a","date":"1933-06-15","text":"Firefly attacked Sylvania."}"#,
    "\n",
    r#"{"id":"b","date":"1950-01-01","text":"Firefly attacked Sylvania. Freedonian soldiers bombed Sylvania."}"#,
    "\n",
    r#"{"id":"c","text":"Freedonia struck Sylvania at the World Cup."}"#,
    "\n",
);

const EXPECTED: [&str; 3] = ["FREELI>SYLGOV 190", "FRE>SYL 190", "FREMIL>SYL 195"];

fn petrarch_dir() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (from, to) in [
        ("verbs.txt", "test.verbs.txt"),
        ("actors.txt", "test.actors.txt"),
        ("agents.txt", "test.agents.txt"),
        ("discards.txt", "test.discards.txt"),
    ] {
        std::fs::copy(fixture(from), dir.path().join(to)).unwrap();
    }
    dir
}

#[test]
fn codes_with_explicit_petrarch_files_and_story_dates() {
    let mut cmd = herald();
    cmd.args(["code", "--no-progress", "--petrarch-verbs"])
        .arg(fixture("verbs.txt"))
        .arg("--petrarch-actors")
        .arg(fixture("actors.txt"))
        .arg("--petrarch-agents")
        .arg(fixture("agents.txt"))
        .arg("--petrarch-discards")
        .arg(fixture("discards.txt"));
    assert_eq!(events(&run_with_stdin(cmd, STORIES)), EXPECTED);
}

#[test]
fn detects_a_petrarch_directory() {
    let dir = petrarch_dir();
    let mut cmd = herald();
    cmd.args(["code", "--no-progress", "--dictionaries"]).arg(dir.path());
    assert_eq!(events(&run_with_stdin(cmd, STORIES)), EXPECTED);

    // Two verb dictionaries: ambiguous, so the user must name them.
    std::fs::copy(fixture("verbs.txt"), dir.path().join("other.verbs.txt")).unwrap();
    let mut cmd = herald();
    cmd.args(["code", "--no-progress", "--dictionaries"]).arg(dir.path());
    let out = run_with_stdin(cmd, STORIES);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("several verb files"));
}

#[test]
fn converted_dictionaries_code_the_same() {
    let dir = petrarch_dir();
    let converted = tempfile::tempdir().unwrap();
    let out = herald()
        .args(["dict", "convert", "--to", "herald", "--dictionaries"])
        .arg(dir.path())
        .arg("--output")
        .arg(converted.path())
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    for name in ["verbs.txt", "actors.tsv", "discards.txt", "conventions.txt"] {
        assert!(converted.path().join(name).is_file(), "{name}");
    }
    let mut cmd = herald();
    cmd.args(["code", "--no-progress", "--dictionaries"]).arg(converted.path());
    assert_eq!(events(&run_with_stdin(cmd, STORIES)), EXPECTED);
}

#[test]
fn lint_reports_positions_and_exits_1() {
    let out = herald()
        .args(["dict", "lint"])
        .arg(fixture("verbs_bad.txt"))
        .args(["--kind", "verbs"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let text = stdout(&out);
    let label = fixture("verbs_bad.txt").display().to_string();
    assert!(text.lines().count() >= 10, "{text}");
    assert!(text.contains(&format!("{label}:3:11: malformed code")), "{text}");
    assert!(text.lines().all(|l| l.starts_with(&format!("{label}:"))), "{text}");

    // A clean file: no output, exit 0. The kind comes from the name.
    let dir = tempfile::tempdir().unwrap();
    let clean = dir.path().join("clean.actors.txt");
    std::fs::write(&clean, "FREEDONIA_ [FRE]\n+FREEDONIAN_\n").unwrap();
    let out = herald().args(["dict", "lint"]).arg(&clean).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    assert!(stdout(&out).is_empty());

    // Duplicates are lint warnings, with the line of the repeat.
    std::fs::write(&clean, "FREEDONIA_ [FRE]\nFREEDONIA_ [FRE]\n").unwrap();
    let out = herald().args(["dict", "lint"]).arg(&clean).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stdout(&out).starts_with(&format!("{}:2:1: warning:", clean.display())),
        "{}",
        stdout(&out)
    );

    // A name that says nothing about the kind needs --kind.
    let out = herald().args(["dict", "lint"]).arg(fixture("verbs_bad.txt")).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn eval_codes_with_petrarch_files() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.txt"), "Freedonian soldiers bombed Sylvania.\n").unwrap();
    let gold = dir.path().join("gold.jsonl");
    let line = r#"{"doc":"a.txt","sent":1,"events":[{"source":"FRE","target":"SYL","root":"19"}]}"#;
    std::fs::write(&gold, format!("{line}\n")).unwrap();
    let eval = |petrarch: bool| {
        let mut cmd = herald();
        cmd.arg("eval").arg(&gold);
        if petrarch {
            cmd.arg("--petrarch-verbs").arg(fixture("verbs.txt"));
            cmd.arg("--petrarch-actors").arg(fixture("actors.txt"));
            cmd.arg("--petrarch-agents").arg(fixture("agents.txt"));
        }
        let out = cmd.output().unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        stdout(&out)
    };
    assert!(eval(true).contains("recall 1.000"), "{}", eval(true));
    // herald's embedded dictionaries know no Freedonia.
    assert!(eval(false).contains("recall 0.000"), "{}", eval(false));
}

/// A dictionary that cannot be used is exit 2 with its position; a
/// PETRARCH file with defective lines still codes, warns with
/// file:line:col, counts the lines and exits 1 (issue 14).
#[test]
fn unusable_dictionaries_stop_defective_lines_are_counted() {
    let dir = tempfile::tempdir().unwrap();
    let code = |args: &[&std::ffi::OsStr]| {
        let mut cmd = herald();
        cmd.args(["code", "--no-progress"]).args(args);
        run_with_stdin(cmd, STORIES)
    };
    let path = |name: &str| dir.path().join(name);
    // An empty PETRARCH verb file, and one whose every line is rejected.
    std::fs::write(path("empty.verbs.txt"), "").unwrap();
    std::fs::write(path("bad.verbs.txt"), "--- ATTACK [19x] ---\n").unwrap();
    for verbs in ["empty.verbs.txt", "bad.verbs.txt"] {
        let out = code(&["--petrarch-verbs".as_ref(), path(verbs).as_os_str()]);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{verbs}: {stderr}");
        assert!(stderr.contains(verbs) && stderr.contains("no verb patterns"), "{stderr}");
    }
    // An empty PETRARCH actor file.
    std::fs::write(path("empty.actors.txt"), "\n").unwrap();
    let out = code(&[
        "--petrarch-verbs".as_ref(),
        fixture("verbs.txt").as_os_str(),
        "--petrarch-actors".as_ref(),
        path("empty.actors.txt").as_os_str(),
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no actor entries"));
    // herald's format: an empty verbs.txt, and invalid UTF-8 at line 2, column 6.
    let herald_dir = tempfile::tempdir().unwrap();
    std::fs::write(herald_dir.path().join("verbs.txt"), "").unwrap();
    let out = code(&["--dictionaries".as_ref(), herald_dir.path().as_os_str()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("verbs.txt:1:1: no verb patterns"));
    std::fs::write(herald_dir.path().join("verbs.txt"), b"190 *attack +\n190 *\xe9\n").unwrap();
    let out = code(&["--dictionaries".as_ref(), herald_dir.path().as_os_str()]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("verbs.txt:2:6: invalid UTF-8 (byte 0xE9)"), "{stderr}");
    // A PETRARCH actor file with one defective line among good ones.
    let actors = std::fs::read_to_string(fixture("actors.txt")).unwrap();
    std::fs::write(path("defective.actors.txt"), format!("{actors}\nBROKEN_  [FRE 9999-]\n"))
        .unwrap();
    let out = code(&[
        "--petrarch-verbs".as_ref(),
        fixture("verbs.txt").as_os_str(),
        "--petrarch-actors".as_ref(),
        path("defective.actors.txt").as_os_str(),
        "--petrarch-agents".as_ref(),
        fixture("agents.txt").as_os_str(),
    ]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(!out.stdout.is_empty(), "the dictionaries are still used");
    let line = actors.lines().count() + 2;
    assert!(stderr.contains(&format!("defective.actors.txt:{line}:")), "{stderr}");
    assert!(stderr.contains("1 dictionary line skipped"), "{stderr}");
}
