//! `herald eval`.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{bail, Context, Result};
use herald_core::{CameoTable, EventRecord};
use herald_eval::{GoldSentence, Level, Score};
use herald_input::{InputConfig, Inputs, Story};

use crate::report::Report;
use crate::{EvalArgs, LevelArg};

pub fn run(args: EvalArgs) -> Result<ExitCode> {
    let gold_name = args.gold.display().to_string();
    let gold_text = std::fs::read_to_string(&args.gold)
        .with_context(|| format!("reading {}", args.gold.display()))?;
    let gold = herald_eval::parse_gold(&gold_name, &gold_text)?;
    let mut report = Report::new(false, indicatif::ProgressBar::hidden());
    let events = match &args.events {
        Some(path) => read_events(path)?,
        None => {
            let stories = read_stories(&args, &gold)?;
            let texts: BTreeMap<String, String> =
                stories.iter().map(|s| (s.id.clone(), s.text.clone())).collect();
            herald_eval::check_references(&gold_name, &gold, &texts)?;
            let coder = args.coder.setup(&mut report)?.coder;
            let cameo = CameoTable::embedded();
            let mut events = Vec::new();
            for story in &stories {
                report.story(story);
                let coded = herald_setup::code_story(&coder, &cameo, story);
                report.skipped(story, &coded.skipped);
                events.extend(coded.records);
            }
            events
        }
    };
    let level = match args.level {
        Some(LevelArg::Plover) => Level::Plover,
        Some(LevelArg::Root) => Level::Root,
        None if gold.iter().flat_map(|g| &g.events).all(|e| !e.plover.is_empty()) => Level::Plover,
        None => Level::Root,
    };
    let missing = gold.iter().flat_map(|g| &g.events).any(|e| match level {
        Level::Plover => e.plover.is_empty(),
        Level::Root => e.roots.is_empty(),
    });
    if missing {
        bail!("{gold_name}: some gold events have no {level:?} type to compare at this level");
    }
    let score = herald_eval::score(&gold, &events, level);
    if args.json {
        println!("{}", serde_json::to_string_pretty(&score)?);
    } else {
        print_score(&score, gold.len(), args.verbose);
    }
    let summary = report.summary();
    if !summary.is_empty() {
        eprintln!("herald: {}", summary.trim_start_matches(", "));
    }
    let below = args.min_f1.filter(|&floor| score.f1() < floor);
    if let Some(floor) = below {
        eprintln!("herald: F1 {:.3} is below the floor {floor:.3}", score.f1());
    }
    Ok(if report.rejected() || below.is_some() { ExitCode::from(1) } else { ExitCode::SUCCESS })
}

/// The gold documents: from a stories file, or text files in a directory.
fn read_stories(args: &EvalArgs, gold: &[GoldSentence]) -> Result<Vec<Story>> {
    let mut docs: Vec<&str> = gold.iter().map(|g| g.doc.as_str()).collect();
    docs.sort_unstable();
    docs.dedup();
    let paths: Vec<PathBuf> = match &args.stories {
        Some(file) => vec![file.clone()],
        None => {
            let dir = match &args.docs {
                Some(d) => d.clone(),
                None => args.gold.parent().unwrap_or(Path::new(".")).to_path_buf(),
            };
            docs.iter().map(|d| dir.join(d)).collect()
        }
    };
    let mut stories = Vec::new();
    for story in Inputs::new(&paths, InputConfig::standard()) {
        let story = story?;
        if args.stories.is_none() || docs.binary_search(&story.id.as_str()).is_ok() {
            stories.push(story);
        }
    }
    let found: Vec<&str> = stories.iter().map(|s| s.id.as_str()).collect();
    if let Some(doc) = docs.iter().find(|d| !found.contains(d)) {
        bail!("gold document {doc:?} is not among the stories");
    }
    Ok(stories)
}

fn print_score(score: &Score, sentences: usize, verbose: bool) {
    if verbose {
        for d in &score.sentences {
            println!(
                "{} sentence {}: found {:?} missed {:?} spurious {:?}",
                d.doc,
                d.sentence_index + 1,
                d.found,
                d.missed,
                d.spurious
            );
        }
    }
    let level = match score.level {
        Level::Plover => "PLOVER type",
        Level::Root => "CAMEO root",
    };
    let t = &score.total;
    println!(
        "precision {:.3}  recall {:.3}  F1 {:.3}  ({level} + dyad; tp {}, fp {}, fn {}, required {}, sentences {sentences})",
        t.precision(),
        t.recall(),
        t.f1(),
        t.tp,
        t.fp,
        t.fn_,
        t.gold,
    );
    println!(
        "\n{:<12} {:>5} {:>5} {:>5} {:>5} {:>6} {:>6} {:>6}",
        "type", "gold", "tp", "fp", "fn", "P", "R", "F1"
    );
    for (kind, c) in &score.types {
        println!(
            "{kind:<12} {:>5} {:>5} {:>5} {:>5} {:>6.3} {:>6.3} {:>6.3}",
            c.gold,
            c.tp,
            c.fp,
            c.fn_,
            c.precision(),
            c.recall(),
            c.f1()
        );
    }
    let mut confusions: Vec<(&String, &usize)> = score.confusions.iter().collect();
    confusions.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
    if !confusions.is_empty() {
        println!("\nerrors, by kind (a miss and a spurious event of one sentence paired up):");
        for (what, n) in confusions.iter().take(25) {
            println!("  {n:>4}  {what}");
        }
    }
}

fn read_events(path: &Path) -> Result<Vec<EventRecord>> {
    let text =
        std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(i, l)| {
            serde_json::from_str(l)
                .with_context(|| format!("{}:{}: not a herald event", path.display(), i + 1))
        })
        .collect()
}
