//! `herald`: political event data from news text.
//!
//! This crate is the only one that knows about argv, files on disk,
//! terminals and exit codes; the pipeline itself lives in the library crates.

mod code;
mod dict_cmds;
mod eval;
mod output;
mod report;
mod store_cmds;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

/// Codes news text into CAMEO/PLOVER event data: who did what to whom, when, with evidence.
#[derive(Parser)]
#[command(name = "herald", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Code stories into events (one JSON object per event on stdout).
    Code(CodeArgs),
    /// Score herald against a gold file: precision/recall/F1 at country-dyad + CAMEO-root level.
    Eval(EvalArgs),
    /// PETRARCH dictionary tools: lint, convert to herald's format.
    Dict(dict_cmds::DictArgs),
    /// Code stories and store them, their sentences and events in an SQLite store.
    Ingest(store_cmds::IngestArgs),
    /// Query a store: events by actor, country, dyad, code and date, or aggregates per dyad and period.
    Query(store_cmds::QueryArgs),
    /// Export a store's events to Parquet.
    Export(store_cmds::ExportArgs),
    /// Serve a store: a JSON API and a web page of the actor network (127.0.0.1 by default).
    Serve(store_cmds::ServeArgs),
}

/// How to write events.
#[derive(Clone, Copy, Debug, ValueEnum, PartialEq, Eq)]
enum OutputFormat {
    /// One JSON object per event.
    Jsonl,
    /// Comma-separated values with a header row.
    Csv,
}

/// Where the coder finds subjects and objects.
#[derive(Clone, Copy, Debug, ValueEnum, PartialEq, Eq)]
enum SyntaxArg {
    /// The dependency parse of each sentence (word order where it finds nothing).
    Parse,
    /// Word-order heuristics within the clause.
    WordOrder,
}

impl From<SyntaxArg> for herald_coder::Syntax {
    fn from(arg: SyntaxArg) -> Self {
        match arg {
            SyntaxArg::Parse => herald_coder::Syntax::Parse,
            SyntaxArg::WordOrder => herald_coder::Syntax::WordOrder,
        }
    }
}

/// How to read inputs.
#[derive(Clone, Copy, Debug, ValueEnum)]
enum InputFormat {
    /// `.jsonl`/`.ndjson` files (and stdin starting with `{`) are JSONL, other files plain text.
    Auto,
    /// Every file is one plain-text story.
    Text,
    /// Every file is JSONL: `id`, `date`, `source`, `title`, `text` per line.
    Jsonl,
}

/// The dictionaries and settings to code with (`herald code`, `ingest`, `eval`).
#[derive(clap::Args)]
struct CoderArgs {
    /// A directory of dictionaries: PETRARCH files (`CAMEO*.txt`, `*.verbs.txt`,
    /// `*.actors.txt`, ...) replace herald's; herald-format files replace the
    /// embedded ones of the same name.
    #[arg(long, value_name = "DIR")]
    dictionaries: Option<PathBuf>,
    #[command(flatten)]
    petrarch: dict_cmds::PetrarchArgs,
    /// Where subjects and objects come from (default: the conventions' choice).
    #[arg(long, value_enum, value_name = "SOURCE")]
    syntax: Option<SyntaxArg>,
}

impl CoderArgs {
    /// Builds the coder, reporting the dictionary lines it had to leave out.
    fn setup(&self, report: &mut report::Report) -> anyhow::Result<herald_setup::Setup> {
        let options = herald_setup::Options {
            dictionaries: self.dictionaries.clone(),
            petrarch: self.petrarch.files(),
            syntax: self.syntax.map(Into::into),
        };
        let setup = herald_setup::build(&options)?;
        report.dictionary_lines(&setup.skipped);
        Ok(setup)
    }
}

#[derive(clap::Args)]
struct CodeArgs {
    /// Files or directories to code; `-` or nothing reads stdin.
    inputs: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value = "jsonl")]
    format: OutputFormat,
    /// How to read the inputs.
    #[arg(long, value_enum, default_value = "auto")]
    input_format: InputFormat,
    #[command(flatten)]
    coder: CoderArgs,
    /// Write events to this file instead of stdout.
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
    /// Worker threads (0 = one per core). Output is identical for any value.
    #[arg(long, default_value_t = 0)]
    threads: usize,
    /// Reject stories (text files or JSONL lines) longer than this many bytes.
    #[arg(long, default_value_t = 4 << 20)]
    max_bytes: usize,
    /// Never show a progress bar.
    #[arg(long)]
    no_progress: bool,
    /// No warning per story, sentence or dictionary line: only the counts.
    #[arg(short, long)]
    quiet: bool,
    /// Say on stderr why a pattern that matched coded nothing: no source
    /// actor, or a negated, denied or only possible act.
    #[arg(long)]
    explain: bool,
}

#[derive(clap::Args)]
struct EvalArgs {
    /// Gold file (JSONL: doc, sent, events); see `docs/coding-protocol.md`
    /// and `herald-eval`'s docs.
    gold: PathBuf,
    /// Score these events (herald JSONL output) instead of coding the gold documents.
    #[arg(long, value_name = "FILE")]
    events: Option<PathBuf>,
    /// Where the gold documents are, as text files named by the gold's `doc`
    /// (default: beside the gold file).
    #[arg(long, value_name = "DIR", conflicts_with = "stories")]
    docs: Option<PathBuf>,
    /// The gold documents as herald JSONL stories whose `id` is the gold's
    /// `doc` (e.g. from `python3 eval/corpus.py stories`).
    #[arg(long, value_name = "FILE")]
    stories: Option<PathBuf>,
    /// Compare events by PLOVER type or by CAMEO root (default: PLOVER when
    /// every gold event has a PLOVER type, else root).
    #[arg(long, value_enum)]
    level: Option<LevelArg>,
    /// Exit with 1 if F1 is below this (for CI floors).
    #[arg(long, value_name = "F1")]
    min_f1: Option<f64>,
    /// Also score event locations and dates against this location gold
    /// file (`docs/location-protocol.md`); undated stories are coded with
    /// its reference dates for it.
    #[arg(long, value_name = "FILE")]
    locations: Option<PathBuf>,
    /// With `--locations`: exit with 1 if the location country accuracy
    /// (events whose sentence names the place) is below this.
    #[arg(long, value_name = "ACCURACY", requires = "locations")]
    min_location_country: Option<f64>,
    /// With `--locations`: exit with 1 if the place accuracy is below this.
    #[arg(long, value_name = "ACCURACY", requires = "locations")]
    min_location_place: Option<f64>,
    /// With `--locations`: exit with 1 if the date accuracy is below this.
    #[arg(long, value_name = "ACCURACY", requires = "locations")]
    min_date: Option<f64>,
    /// Print the whole score as JSON instead of tables.
    #[arg(long)]
    json: bool,
    #[command(flatten)]
    coder: CoderArgs,
    /// Print every scored sentence.
    #[arg(short, long)]
    verbose: bool,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
enum LevelArg {
    /// PLOVER event type + source and target country.
    Plover,
    /// CAMEO root + source and target country.
    Root,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Code(args) => code::run(args),
        Command::Eval(args) => eval::run(args),
        Command::Dict(args) => dict_cmds::run(args),
        Command::Ingest(args) => store_cmds::ingest(args),
        Command::Query(args) => store_cmds::query(args),
        Command::Export(args) => store_cmds::export(args),
        Command::Serve(args) => store_cmds::serve(args),
    };
    match result {
        Ok(code) => code,
        Err(err) => {
            if output::is_broken_pipe(&err) {
                return ExitCode::SUCCESS;
            }
            eprintln!("herald: error: {err:#}");
            ExitCode::from(2)
        }
    }
}
