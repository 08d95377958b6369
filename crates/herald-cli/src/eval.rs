//! `herald eval`.

use std::path::Path;
use std::process::ExitCode;

use anyhow::{Context, Result};
use herald_core::{CameoTable, EventRecord};
use herald_input::{InputConfig, Inputs};

use crate::report::Report;
use crate::EvalArgs;

pub fn run(args: EvalArgs) -> Result<ExitCode> {
    let gold_text = std::fs::read_to_string(&args.gold)
        .with_context(|| format!("reading {}", args.gold.display()))?;
    let gold = herald_eval::parse_gold(&args.gold.display().to_string(), &gold_text)?;
    let mut report = Report::new(false, indicatif::ProgressBar::hidden());
    let events = match &args.events {
        Some(path) => read_events(path)?,
        None => {
            let dir = match &args.docs {
                Some(d) => d.clone(),
                None => args.gold.parent().unwrap_or(Path::new(".")).to_path_buf(),
            };
            let coder = args.coder.setup(&mut report)?.coder;
            let cameo = CameoTable::embedded();
            let mut docs: Vec<&str> = gold.iter().map(|g| g.doc.as_str()).collect();
            docs.sort();
            docs.dedup();
            let paths: Vec<_> = docs.iter().map(|d| dir.join(d)).collect();
            let mut events = Vec::new();
            for story in Inputs::new(&paths, InputConfig::standard()) {
                let story = story?;
                report.story(&story);
                let coded = herald_setup::code_story(&coder, &cameo, &story);
                report.skipped(&story, &coded.skipped);
                events.extend(coded.records);
            }
            events
        }
    };
    let score = herald_eval::score(&gold, &events);
    if args.verbose {
        for d in &score.details {
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
    println!(
        "precision {:.3}  recall {:.3}  F1 {:.3}  (tp {}, fp {}, fn {}, required {}, sentences {})",
        score.precision(),
        score.recall(),
        score.f1(),
        score.true_positives,
        score.false_positives,
        score.false_negatives,
        score.required,
        gold.len()
    );
    let summary = report.summary();
    if !summary.is_empty() {
        eprintln!("herald: {}", summary.trim_start_matches(", "));
    }
    Ok(if report.rejected() { ExitCode::from(1) } else { ExitCode::SUCCESS })
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
