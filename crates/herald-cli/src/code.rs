//! `herald code`.

use std::fs::File;
use std::io::{self, BufWriter, IsTerminal, Write};
use std::process::ExitCode;
use std::time::Instant;

use anyhow::{Context, Result};
use herald_core::CameoTable;
use herald_input::{Format, InputConfig, Inputs, Story};
use herald_setup::{code_story, CodedStory};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use rayon::prelude::*;

use crate::output::EventWriter;
use crate::report::Report;
use crate::{CodeArgs, InputFormat};

/// Stories coded in parallel per batch; output order is story order whatever the thread count.
const BATCH: usize = 256;

/// Counts for the closing summary.
#[derive(Default)]
pub struct Tally {
    pub stories: usize,
    pub with_events: usize,
    pub events: usize,
    pub rejected: usize,
}

pub fn run(args: CodeArgs) -> Result<ExitCode> {
    let progress = progress_bar(args.no_progress);
    let mut report = Report::new(args.quiet, progress.clone());
    let coder = args.coder.setup(&mut report)?.coder;
    let cameo = CameoTable::embedded();
    let pool = rayon::ThreadPoolBuilder::new().num_threads(args.threads).build()?;
    let format = match args.input_format {
        InputFormat::Auto => Format::Auto,
        InputFormat::Text => Format::Text,
        InputFormat::Jsonl => Format::Jsonl,
    };
    let inputs = if args.inputs.is_empty() { vec!["-".into()] } else { args.inputs.clone() };
    let mut inputs = Inputs::new(&inputs, InputConfig { format, max_bytes: args.max_bytes });
    let out: Box<dyn Write> = match &args.output {
        Some(path) => {
            Box::new(File::create(path).with_context(|| format!("creating {}", path.display()))?)
        }
        None => Box::new(io::stdout().lock()),
    };
    let mut writer = EventWriter::new(args.format, BufWriter::new(out))?;
    let started = Instant::now();
    let mut tally = Tally::default();
    loop {
        let mut batch: Vec<Story> = Vec::with_capacity(BATCH);
        for item in inputs.by_ref() {
            match item {
                Ok(story) => {
                    report.story(&story);
                    batch.push(story);
                    if batch.len() == BATCH {
                        break;
                    }
                }
                Err(err) => {
                    tally.rejected += 1;
                    progress.suspend(|| eprintln!("herald: rejected: {err}"));
                }
            }
        }
        if batch.is_empty() {
            break;
        }
        let coded: Vec<CodedStory> =
            pool.install(|| batch.par_iter().map(|s| code_story(&coder, &cameo, s)).collect());
        for (story, coded) in batch.iter().zip(&coded) {
            report.skipped(story, &coded.skipped);
            if args.explain {
                progress.suspend(|| explain(story, coded));
            }
            tally.stories += 1;
            tally.events += coded.records.len();
            tally.with_events += usize::from(!coded.records.is_empty());
            for r in &coded.records {
                writer.write(r)?;
            }
        }
        progress.set_position(inputs.bytes_read());
        progress.set_message(format!("{} stories, {} events", tally.stories, tally.events));
    }
    writer.finish()?;
    progress.finish_and_clear();
    let secs = started.elapsed().as_secs_f64();
    eprintln!(
        "herald: {} stories coded ({} with events, {} events), {} rejected{}, in {:.2}s ({:.0} stories/s)",
        tally.stories,
        tally.with_events,
        tally.events,
        tally.rejected,
        report.summary(),
        secs,
        tally.stories as f64 / secs.max(1e-9)
    );
    let rejected = tally.rejected > 0 || report.rejected();
    Ok(if rejected { ExitCode::from(1) } else { ExitCode::SUCCESS })
}

/// The characters of a sentence `--explain` quotes.
const QUOTED: usize = 80;

/// `--explain`: why matched patterns coded nothing, sentence by sentence.
fn explain(story: &Story, coded: &CodedStory) {
    for note in &coded.notes {
        let sentence =
            coded.sentences.get(note.sentence_index).map_or("", |s| s.slice(&story.text));
        let mut quoted: String = sentence.chars().take(QUOTED).collect();
        if quoted.len() < sentence.len() {
            quoted.push('…');
        }
        eprintln!(
            "herald: explain: story {:?} sentence {} ({quoted:?}): {}",
            story.id, note.sentence_index, note.message
        );
    }
}

pub fn progress_bar(disabled: bool) -> ProgressBar {
    if disabled || !io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
    bar.set_style(
        ProgressStyle::with_template(
            "{spinner} {elapsed} {binary_bytes} read ({binary_bytes_per_sec}) {msg}",
        )
        .unwrap_or_else(|_| ProgressStyle::default_spinner()),
    );
    bar
}
