//! The event store commands: `herald ingest`, `herald query`, `herald export`
//! and `herald serve`.

use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::mpsc::Receiver;
use std::time::Instant;

use anyhow::{Context, Result};
use herald_core::{CameoTable, Date, EventCode, EventRecord};
use herald_input::{Format, InputConfig, InputError, Inputs, Story};
use herald_store::{
    Added, AggregateQuery, BBox, DyadAggregate, EventFilter, Page, Period, Reader, Rejected,
    Rollup, StoredEvent, StoryKey, Writer,
};
use rayon::prelude::*;
use serde::Serialize;

use herald_setup::{code_story, CodedStory};

use crate::report::Report;
use crate::{CoderArgs, InputFormat};

#[derive(clap::Args)]
pub struct IngestArgs {
    /// Files or directories to code and store; `-` or nothing reads stdin.
    inputs: Vec<PathBuf>,
    /// The store (an SQLite file), created if missing.
    #[arg(long, default_value = "herald.db")]
    db: PathBuf,
    /// How to read the inputs.
    #[arg(long, value_enum, default_value = "auto")]
    input_format: InputFormat,
    #[command(flatten)]
    coder: CoderArgs,
    /// Add to a store whose events were coded with another configuration
    /// (herald version, model, dictionaries or settings).
    #[arg(long)]
    allow_mixed: bool,
    /// Worker threads for coding (0 = one per core).
    #[arg(long, default_value_t = 0)]
    threads: usize,
    /// Reject stories (text files or JSONL lines) longer than this many bytes.
    #[arg(long, default_value_t = 4 << 20)]
    max_bytes: usize,
    /// Stories coded in parallel and committed together in one transaction.
    #[arg(long, default_value_t = 256, value_parser = clap::value_parser!(u16).range(1..))]
    batch: u16,
    /// No warning per story, sentence or dictionary line: only the counts.
    #[arg(short, long)]
    quiet: bool,
}

/// Event filters shared by `query` and `export`.
#[derive(clap::Args)]
pub struct FilterArgs {
    /// The store to read.
    #[arg(long, default_value = "herald.db")]
    db: PathBuf,
    /// Events with this actor code as source or target.
    #[arg(long)]
    actor: Option<String>,
    /// Events with a source or target of this country (ISO alpha-3).
    #[arg(long)]
    country: Option<String>,
    /// Events with this source actor code (with --target: one dyad).
    #[arg(long)]
    source: Option<String>,
    /// Events with this target actor code.
    #[arg(long)]
    target: Option<String>,
    /// Events with exactly this CAMEO code.
    #[arg(long, value_parser = parse_code)]
    cameo: Option<EventCode>,
    /// Events with this CAMEO root (a longer code stands for its root).
    #[arg(long, value_parser = parse_code)]
    root: Option<EventCode>,
    /// Events of this PLOVER type.
    #[arg(long)]
    plover: Option<String>,
    /// From this day (YYYY-MM-DD), inclusive. A date range leaves out undated events.
    #[arg(long, value_parser = parse_day)]
    from: Option<Date>,
    /// Up to this day (YYYY-MM-DD), inclusive.
    #[arg(long, value_parser = parse_day)]
    to: Option<Date>,
    /// Events that happened in this country (ISO alpha-3 of their location).
    #[arg(long)]
    location_country: Option<String>,
    /// Events that happened in this first-level division (its GeoNames name).
    #[arg(long)]
    location_admin1: Option<String>,
    /// Events that happened in this box: minlon,minlat,maxlon,maxlat in degrees.
    #[arg(long, value_parser = BBox::parse, allow_hyphen_values = true)]
    bbox: Option<BBox>,
}

fn parse_code(s: &str) -> Result<EventCode, String> {
    EventCode::parse(s)
        .ok_or_else(|| format!("`{s}` is not a CAMEO code (2 to 4 digits, root 01-20)"))
}

fn parse_day(s: &str) -> Result<Date, String> {
    Date::parse(s).map_err(|e| e.to_string())
}

fn parse_period(s: &str) -> Result<Period, String> {
    Period::parse(s).map_err(|e| e.to_string())
}

impl FilterArgs {
    fn filter(&self) -> EventFilter {
        EventFilter {
            actor: self.actor.clone(),
            country: self.country.clone(),
            source: self.source.clone(),
            target: self.target.clone(),
            cameo: self.cameo,
            root: self.root,
            plover: self.plover.clone(),
            from: self.from,
            to: self.to,
            location_country: self.location_country.clone(),
            location_admin1: self.location_admin1.clone(),
            bbox: self.bbox,
            ..EventFilter::default()
        }
    }

    fn reader(&self) -> Result<Reader> {
        Ok(Reader::open(&self.db)?)
    }
}

/// How `herald query` prints.
#[derive(Clone, Copy, Debug, clap::ValueEnum)]
pub enum QueryFormat {
    /// Aligned columns for reading.
    Table,
    /// One JSON object per line.
    Jsonl,
    /// Comma-separated values with a header row.
    Csv,
}

#[derive(clap::Args)]
pub struct QueryArgs {
    #[command(flatten)]
    filter: FilterArgs,
    /// Print aggregates per dyad and period (day, week, month or all) instead of events.
    #[arg(long, value_name = "PERIOD", value_parser = parse_period)]
    aggregate: Option<Period>,
    /// Output format.
    #[arg(long, value_enum, default_value = "table")]
    format: QueryFormat,
    /// Print at most this many events.
    #[arg(long)]
    limit: Option<u64>,
    /// Print the inputs that were rejected, and why, instead of events.
    #[arg(long, conflicts_with = "aggregate")]
    rejected: bool,
    /// Print the store's counts and the configurations (herald version,
    /// model, dictionaries, settings) that coded its events, as JSON.
    #[arg(long, conflicts_with_all = ["aggregate", "rejected"])]
    info: bool,
}

#[derive(clap::Args)]
pub struct ExportArgs {
    #[command(flatten)]
    filter: FilterArgs,
    /// Write the matching events to this Parquet file (one row per report).
    #[arg(long, value_name = "FILE")]
    parquet: PathBuf,
}

#[derive(clap::Args)]
pub struct ServeArgs {
    /// The store to serve.
    #[arg(long, default_value = "herald.db")]
    db: PathBuf,
    /// Address to listen on, an IP or IP:port (`[::1]:8080`); only this
    /// machine by default.
    #[arg(long, default_value = "127.0.0.1", value_parser = parse_addr)]
    addr: (IpAddr, Option<u16>),
    /// Port to listen on, unless `--addr` gives one (0: any free port,
    /// printed at startup) [default: 8080].
    #[arg(long)]
    port: Option<u16>,
}

/// An IP address, with or without a port.
fn parse_addr(s: &str) -> Result<(IpAddr, Option<u16>), String> {
    match (s.parse::<SocketAddr>(), s.parse::<IpAddr>()) {
        (Ok(addr), _) => Ok((addr.ip(), Some(addr.port()))),
        (_, Ok(ip)) => Ok((ip, None)),
        _ => Err(format!("`{s}` is not an IP address or IP:port")),
    }
}

/// What happened to every input of an ingest run.
#[derive(Default)]
struct Tally {
    coded: usize,
    no_events: usize,
    events: usize,
    already: usize,
    rejected: usize,
}

/// A batch of inputs read and coded, on its way to the writer thread.
struct CodedBatch {
    /// `(origin, reason)` of each rejected input.
    rejected: Vec<(String, String)>,
    /// Stories with their sentence spans and events.
    stories: Vec<(Story, CodedStory)>,
}

pub fn ingest(args: IngestArgs) -> Result<ExitCode> {
    let mut report = Report::new(args.quiet, indicatif::ProgressBar::hidden());
    let setup = args.coder.setup(&mut report)?;
    let coder = setup.coder;
    let cameo = CameoTable::embedded();
    let pool = rayon::ThreadPoolBuilder::new().num_threads(args.threads).build()?;
    let format = match args.input_format {
        InputFormat::Auto => Format::Auto,
        InputFormat::Text => Format::Text,
        InputFormat::Jsonl => Format::Jsonl,
    };
    let paths = if args.inputs.is_empty() { vec!["-".into()] } else { args.inputs.clone() };
    let mut inputs = Inputs::new(&paths, InputConfig { format, max_bytes: args.max_bytes });
    let mut writer = Writer::open(&args.db)?;
    writer.record_provenance(&setup.provenance, args.allow_mixed).map_err(|e| match e {
        herald_store::StoreError::MixedConfiguration { .. } => {
            anyhow::anyhow!("{e}; add --allow-mixed to store these events anyway")
        }
        e => e.into(),
    })?;
    // Stories stored by an earlier (perhaps killed) run are not coded again.
    let stored = Reader::open(&args.db)?;
    let batch_size = usize::from(args.batch);
    let started = Instant::now();
    let mut already = 0;
    // One thread stores batch n while this one reads and codes batch n + 1.
    let (send, receive) = std::sync::mpsc::sync_channel::<CodedBatch>(1);
    let (read, written) = std::thread::scope(|scope| {
        let write = scope.spawn(|| store_batches(&mut writer, receive));
        let read = (|| -> Result<()> {
            loop {
                let mut stories: Vec<Story> = Vec::with_capacity(batch_size);
                let mut rejected = Vec::new();
                for item in inputs.by_ref() {
                    match item {
                        Ok(story) => {
                            report.story(&story);
                            stories.push(story);
                            if stories.len() == batch_size {
                                break;
                            }
                        }
                        Err(err) => {
                            eprintln!("herald: rejected: {err}");
                            rejected.push(rejection(&err));
                        }
                    }
                }
                if stories.is_empty() && rejected.is_empty() {
                    return Ok(());
                }
                let mut todo = Vec::with_capacity(stories.len());
                for story in stories {
                    if stored.contains(&StoryKey::of(&story))? {
                        already += 1;
                    } else {
                        todo.push(story);
                    }
                }
                let coded: Vec<CodedStory> = pool
                    .install(|| todo.par_iter().map(|s| code_story(&coder, &cameo, s)).collect());
                for (story, coded) in todo.iter().zip(&coded) {
                    report.skipped(story, &coded.skipped);
                }
                let stories = todo.into_iter().zip(coded).collect();
                if send.send(CodedBatch { rejected, stories }).is_err() {
                    // The writer stopped; its error is reported below.
                    return Ok(());
                }
            }
        })();
        drop(send);
        (read, write.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic)))
    });
    let mut tally = written?;
    read?;
    tally.already += already;
    let secs = started.elapsed().as_secs_f64();
    let stored = tally.coded + tally.no_events;
    eprintln!(
        "herald: {} inputs: {} stories stored ({} with events, {} events; {} with none), {} already stored, \
         {} rejected{}; in {:.2}s ({:.0} stories/s, {:.0} events/s) into {}",
        stored + tally.already + tally.rejected,
        stored,
        tally.coded,
        tally.events,
        tally.no_events,
        tally.already,
        tally.rejected,
        report.summary(),
        secs,
        stored as f64 / secs.max(1e-9),
        tally.events as f64 / secs.max(1e-9),
        args.db.display()
    );
    let rejected = tally.rejected > 0 || report.rejected();
    Ok(if rejected { ExitCode::from(1) } else { ExitCode::SUCCESS })
}

/// Stores each batch in one transaction: a story is stored whole or not at
/// all, and a crash loses at most the batch in flight, which a re-run redoes.
fn store_batches(writer: &mut Writer, batches: Receiver<CodedBatch>) -> Result<Tally> {
    let mut tally = Tally::default();
    for coded in batches {
        let mut batch = writer.batch()?;
        for (origin, reason) in &coded.rejected {
            batch.add_rejected(origin, reason)?;
        }
        for (story, coded) in &coded.stories {
            match batch
                .add_story(story, &coded.sentences, &coded.records)
                .with_context(|| format!("storing {}", story.id))?
            {
                Added::Stored { events: 0 } => tally.no_events += 1,
                Added::Stored { events } => {
                    tally.coded += 1;
                    tally.events += events;
                }
                // Stored since it was checked: by the batch before, or
                // earlier in this one.
                Added::AlreadyStored => tally.already += 1,
            }
        }
        batch.commit()?;
        tally.rejected += coded.rejected.len();
    }
    Ok(tally)
}

/// Where a rejected input is (`file` or `file:line`) and why, without the
/// location repeated in the reason.
fn rejection(err: &InputError) -> (String, String) {
    let origin = match err {
        InputError::Io { file, .. } | InputError::Binary { file } => file.clone(),
        InputError::InvalidUtf8 { origin, .. }
        | InputError::Empty { origin }
        | InputError::Malformed { origin, .. }
        | InputError::TooLong { origin, .. } => origin.to_string(),
    };
    let message = err.to_string();
    let reason = message.strip_prefix(&format!("{origin}: ")).unwrap_or(&message).to_string();
    (origin, reason)
}

/// An event as `herald query` prints it: the `herald code` record plus the
/// store's ids, the event's day and its number of reports.
#[derive(Serialize)]
struct EventLine<'a> {
    event_id: i64,
    canonical_id: i64,
    mentions: u64,
    day: Option<&'a str>,
    #[serde(flatten)]
    record: &'a EventRecord,
}

const AGGREGATE_HEADER: [&str; 13] = [
    "source",
    "target",
    "source_country",
    "target_country",
    "period",
    "events",
    "mentions",
    "q1",
    "q2",
    "q3",
    "q4",
    "goldstein_sum",
    "goldstein_mean",
];

pub fn query(args: QueryArgs) -> Result<ExitCode> {
    let reader = args.filter.reader()?;
    let filter = args.filter.filter();
    let mut out = BufWriter::new(io::stdout().lock());
    if args.info {
        let s = reader.summary()?;
        let info = serde_json::json!({
            "stories": s.stories, "coded": s.coded, "no_events": s.no_events,
            "rejected": s.rejected, "events": s.events,
            "canonical_events": s.canonical_events, "dyads": s.dyads,
            "provenance": reader.provenance()?,
        });
        serde_json::to_writer_pretty(&mut out, &info)?;
        writeln!(out)?;
        out.flush()?;
        return Ok(ExitCode::SUCCESS);
    }
    if args.rejected {
        let page = Page { limit: args.limit, offset: 0 };
        write_rejected(&mut out, args.format, &reader.rejected(page)?)?;
        out.flush()?;
        return Ok(ExitCode::SUCCESS);
    }
    match args.aggregate {
        Some(period) => {
            let rows =
                reader.aggregate(&AggregateQuery { filter, period, rollup: Rollup::Actor })?;
            write_aggregates(&mut out, args.format, &rows)?;
        }
        None => {
            let page = Page { limit: args.limit, offset: 0 };
            match args.format {
                QueryFormat::Jsonl => reader.for_each_event(&filter, page, |e| -> Result<()> {
                    let line = EventLine {
                        event_id: e.id,
                        canonical_id: e.canonical,
                        mentions: e.mentions,
                        day: e.day.as_deref(),
                        record: &e.record,
                    };
                    println_json(&mut out, &line)
                })?,
                QueryFormat::Csv => {
                    let mut w = csv::Writer::from_writer(&mut out);
                    w.write_record(StoredEvent::flat_header())?;
                    reader.for_each_event(&filter, page, |e| -> Result<()> {
                        Ok(w.write_record(e.flat_row())?)
                    })?;
                    w.flush()?;
                }
                QueryFormat::Table => {
                    let mut rows = Vec::new();
                    reader.for_each_event(&filter, page, |e| -> Result<()> {
                        rows.push(event_row(&e));
                        Ok(())
                    })?;
                    let header = [
                        "id",
                        "day",
                        "source",
                        "target",
                        "cameo",
                        "goldstein",
                        "reports",
                        "story",
                        "sentence",
                    ];
                    write_table(&mut out, &header, &rows)?;
                }
            }
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

fn println_json(out: &mut impl Write, value: &impl Serialize) -> Result<()> {
    serde_json::to_writer(&mut *out, value)?;
    out.write_all(b"\n")?;
    Ok(())
}

fn opt(s: Option<&str>) -> String {
    s.unwrap_or("").to_string()
}

fn event_row(e: &StoredEvent) -> Vec<String> {
    let r = &e.record;
    let mut sentence: String = r.sentence.chars().take(70).collect();
    if sentence.len() < r.sentence.len() {
        sentence.push('…');
    }
    vec![
        e.id.to_string(),
        opt(e.day.as_deref()),
        r.source.code.clone(),
        opt(r.target.as_ref().map(|t| t.code.as_str())),
        r.cameo.clone(),
        opt(r.goldstein.map(|g| g.to_string()).as_deref()),
        e.mentions.to_string(),
        r.story_id.clone(),
        sentence,
    ]
}

fn aggregate_row(a: &DyadAggregate) -> Vec<String> {
    vec![
        a.source.clone(),
        opt(a.target.as_deref()),
        opt(a.source_country.as_deref()),
        opt(a.target_country.as_deref()),
        opt(a.period.as_deref()),
        a.events.to_string(),
        a.mentions.to_string(),
        a.quad[0].to_string(),
        a.quad[1].to_string(),
        a.quad[2].to_string(),
        a.quad[3].to_string(),
        format!("{:.2}", a.goldstein_sum),
        a.goldstein_mean().map_or(String::new(), |m| format!("{m:.2}")),
    ]
}

fn write_aggregates(
    out: &mut impl Write,
    format: QueryFormat,
    rows: &[DyadAggregate],
) -> Result<()> {
    match format {
        QueryFormat::Table => {
            write_table(out, &AGGREGATE_HEADER, &rows.iter().map(aggregate_row).collect::<Vec<_>>())
        }
        QueryFormat::Csv => {
            let mut w = csv::Writer::from_writer(out);
            w.write_record(AGGREGATE_HEADER)?;
            for row in rows {
                w.write_record(aggregate_row(row))?;
            }
            Ok(w.flush()?)
        }
        QueryFormat::Jsonl => {
            for a in rows {
                let line = serde_json::json!({
                    "source": a.source, "target": a.target,
                    "source_country": a.source_country, "target_country": a.target_country,
                    "period": a.period, "events": a.events, "mentions": a.mentions, "quad": a.quad,
                    "goldstein_sum": a.goldstein_sum, "goldstein_mean": a.goldstein_mean(),
                });
                println_json(out, &line)?;
            }
            Ok(())
        }
    }
}

fn write_rejected(out: &mut impl Write, format: QueryFormat, rows: &[Rejected]) -> Result<()> {
    const HEADER: [&str; 3] = ["origin", "reason", "at"];
    let cells = |r: &Rejected| vec![r.origin.clone(), r.reason.clone(), r.at.clone()];
    match format {
        QueryFormat::Table => {
            write_table(out, &HEADER, &rows.iter().map(cells).collect::<Vec<_>>())
        }
        QueryFormat::Csv => {
            let mut w = csv::Writer::from_writer(out);
            w.write_record(HEADER)?;
            for row in rows {
                w.write_record(cells(row))?;
            }
            Ok(w.flush()?)
        }
        QueryFormat::Jsonl => rows.iter().try_for_each(|r| {
            println_json(
                out,
                &serde_json::json!({"origin": r.origin, "reason": r.reason, "at": r.at}),
            )
        }),
    }
}

/// Left-aligned columns, as wide as their widest cell; an empty cell is `-`
/// so that every row has all its columns.
fn write_table(out: &mut impl Write, header: &[&str], rows: &[Vec<String>]) -> Result<()> {
    let rows: Vec<Vec<&str>> = rows
        .iter()
        .map(|row| row.iter().map(|c| if c.is_empty() { "-" } else { c.as_str() }).collect())
        .collect();
    let mut widths: Vec<usize> = header.iter().map(|h| h.chars().count()).collect();
    for row in &rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.chars().count());
        }
    }
    let line = |cells: &mut dyn Iterator<Item = &str>| -> String {
        let padded: Vec<String> = cells.zip(&widths).map(|(c, &w)| format!("{c:<w$}")).collect();
        padded.join("  ").trim_end().to_string()
    };
    writeln!(out, "{}", line(&mut header.iter().copied()))?;
    for row in &rows {
        writeln!(out, "{}", line(&mut row.iter().copied()))?;
    }
    Ok(())
}

pub fn export(args: ExportArgs) -> Result<ExitCode> {
    let reader = args.filter.reader()?;
    let file = File::create(&args.parquet)
        .with_context(|| format!("creating {}", args.parquet.display()))?;
    let rows = herald_store::write_parquet(&reader, &args.filter.filter(), BufWriter::new(file))
        .with_context(|| format!("writing {}", args.parquet.display()))?;
    eprintln!("herald: {rows} events written to {}", args.parquet.display());
    Ok(ExitCode::SUCCESS)
}

pub fn serve(args: ServeArgs) -> Result<ExitCode> {
    let (ip, addr_port) = args.addr;
    let port = match (addr_port, args.port) {
        (Some(a), Some(p)) if a != p => {
            anyhow::bail!("--addr says port {a} and --port says {p}: give the port once")
        }
        (a, p) => a.or(p).unwrap_or(8080),
    };
    let server = herald_server::Server::bind(&args.db, SocketAddr::new(ip, port))?;
    let addr = server.local_addr()?;
    // On stdout, flushed, so that scripts starting `--port 0` can read the address.
    let mut stdout = io::stdout().lock();
    writeln!(stdout, "herald: serving {} at http://{addr}/", args.db.display())?;
    stdout.flush()?;
    drop(stdout);
    server.run()?;
    Ok(ExitCode::SUCCESS)
}
