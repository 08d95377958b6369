//! `herald eval`.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{bail, Context, Result};
use herald_core::{CameoTable, Date, EventRecord};
use herald_eval::{GoldSentence, Level, LocationScore, PlaceCounts, Score};
use herald_input::{InputConfig, Inputs, Story};

use crate::report::Report;
use crate::{EvalArgs, LevelArg};

pub fn run(args: EvalArgs) -> Result<ExitCode> {
    let gold_name = args.gold.display().to_string();
    let gold_text = std::fs::read_to_string(&args.gold)
        .with_context(|| format!("reading {}", args.gold.display()))?;
    let gold = herald_eval::parse_gold(&gold_name, &gold_text)?;
    let locations = match &args.locations {
        Some(path) => {
            let name = path.display().to_string();
            let text = std::fs::read_to_string(path)
                .with_context(|| format!("reading {}", path.display()))?;
            Some((name.clone(), herald_eval::parse_locations(&name, &text)?))
        }
        None => None,
    };
    let mut report = Report::new(false, indicatif::ProgressBar::hidden());
    // Locations and dates are scored on events coded with each undated
    // story's reference date (the gold resolves relative dates against
    // it); events, as before, on the stories as they are.
    let (events, located) = match &args.events {
        Some(path) => {
            let events = read_events(path)?;
            (events.clone(), events)
        }
        None => {
            let stories = read_stories(&args, &gold)?;
            let texts: BTreeMap<String, String> =
                stories.iter().map(|s| (s.id.clone(), s.text.clone())).collect();
            herald_eval::check_references(&gold_name, &gold, &texts)?;
            if let Some((name, loc)) = &locations {
                let sentences: Vec<GoldSentence> = loc.iter().map(|l| l.sentence.clone()).collect();
                herald_eval::check_references(name, &sentences, &texts)?;
            }
            let coder = args.coder.setup(&mut report)?.coder;
            let cameo = CameoTable::embedded();
            let mut events = Vec::new();
            for story in &stories {
                report.story(story);
                let coded = herald_setup::code_story(&coder, &cameo, story);
                report.skipped(story, &coded.skipped);
                events.extend(coded.records);
            }
            let mut located = Vec::new();
            if let Some((_, loc)) = &locations {
                let refs: BTreeMap<&str, Date> =
                    loc.iter().map(|l| (l.sentence.doc.as_str(), l.ref_date)).collect();
                for story in &stories {
                    let mut story = story.clone();
                    story.date = story.date.or_else(|| refs.get(story.id.as_str()).copied());
                    located.extend(herald_setup::code_story(&coder, &cameo, &story).records);
                }
            }
            (events, located)
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
    let location_score =
        locations.as_ref().map(|(_, loc)| herald_eval::score_locations(loc, &gold, &located));
    match &location_score {
        Some(loc) if args.json => {
            let both = serde_json::json!({"events": score, "locations": loc});
            println!("{}", serde_json::to_string_pretty(&both)?);
        }
        _ if args.json => println!("{}", serde_json::to_string_pretty(&score)?),
        _ => print_score(&mut std::io::stdout().lock(), &score, gold.len(), args.verbose)?,
    }
    if let (Some(loc), false) = (&location_score, args.json) {
        print_locations(&mut std::io::stdout().lock(), loc, args.verbose)?;
    }
    let summary = report.summary();
    if !summary.is_empty() {
        eprintln!("herald: {}", summary.trim_start_matches(", "));
    }
    let mut below = Vec::new();
    if let Some(floor) = args.min_f1.filter(|&floor| score.f1() < floor) {
        below.push(format!("F1 {:.3} is below the floor {floor:.3}", score.f1()));
    }
    if let Some(loc) = &location_score {
        let floors = [
            (
                "location country accuracy",
                loc.sentence.country_accuracy(),
                args.min_location_country,
            ),
            ("location place accuracy", loc.sentence.place_accuracy(), args.min_location_place),
            ("date accuracy", loc.dates.accuracy(), args.min_date),
        ];
        for (what, value, floor) in floors {
            if let Some(floor) = floor.filter(|&floor| value < floor) {
                below.push(format!("{what} {value:.3} is below the floor {floor:.3}"));
            }
        }
    }
    for b in &below {
        eprintln!("herald: {b}");
    }
    Ok(if report.rejected() || !below.is_empty() { ExitCode::from(1) } else { ExitCode::SUCCESS })
}

fn print_locations(
    out: &mut impl Write,
    score: &LocationScore,
    verbose: bool,
) -> std::io::Result<()> {
    if verbose {
        for e in &score.events {
            writeln!(
                out,
                "{} sentence {}: {} gold {:?} {:?} got {:?}; date gold {:?} got {:?}",
                e.doc,
                e.sentence_index + 1,
                e.event,
                e.gold_where,
                e.gold,
                e.location,
                e.gold_date,
                e.date
            )?;
        }
    }
    let places = |out: &mut dyn Write, what: &str, c: &PlaceCounts| {
        writeln!(out,
            "  {what}: {} events, {} located; country {:.3}, admin1 {:.3} (of {}), place {:.3} (of {})",
            c.events,
            c.located,
            c.country_accuracy(),
            c.admin1_accuracy(),
            c.admin1_gold,
            c.place_accuracy(),
            c.place_gold
        )
    };
    writeln!(
        out,
        "
locations (accuracy over events; an event without a location is wrong):"
    )?;
    places(out, "place named in the sentence", &score.sentence)?;
    places(out, "  of which events matching a gold event", &score.sentence_matched)?;
    places(out, "place named elsewhere in the story", &score.story)?;
    let (i, n) = (&score.implied, &score.none);
    writeln!(
        out,
        "  no place named, actors imply the country: {} events, {} located ({} in that country)",
        i.events, i.located, i.country
    )?;
    writeln!(out, "  the text does not say: {} events, {} located", n.events, n.located)?;
    let d = &score.dates;
    writeln!(out,
        "dates: {} events dated by their sentence: right {:.3} ({} kept the story date); {} undated events, {} given a date from the text",
        d.events,
        d.accuracy(),
        d.story,
        d.undated,
        d.resolved
    )?;
    Ok(())
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

fn print_score(
    out: &mut impl Write,
    score: &Score,
    sentences: usize,
    verbose: bool,
) -> std::io::Result<()> {
    if verbose {
        for d in &score.sentences {
            writeln!(
                out,
                "{} sentence {}: found {:?} missed {:?} spurious {:?}",
                d.doc,
                d.sentence_index + 1,
                d.found,
                d.missed,
                d.spurious
            )?;
        }
    }
    let level = match score.level {
        Level::Plover => "PLOVER type",
        Level::Root => "CAMEO root",
    };
    let t = &score.total;
    writeln!(out,
        "precision {:.3}  recall {:.3}  F1 {:.3}  ({level} + dyad; tp {}, fp {}, fn {}, required {}, sentences {sentences})",
        t.precision(),
        t.recall(),
        t.f1(),
        t.tp,
        t.fp,
        t.fn_,
        t.gold,
    )?;
    writeln!(
        out,
        "\n{:<12} {:>5} {:>5} {:>5} {:>5} {:>6} {:>6} {:>6}",
        "type", "gold", "tp", "fp", "fn", "P", "R", "F1"
    )?;
    for (kind, c) in &score.types {
        writeln!(
            out,
            "{kind:<12} {:>5} {:>5} {:>5} {:>5} {:>6.3} {:>6.3} {:>6.3}",
            c.gold,
            c.tp,
            c.fp,
            c.fn_,
            c.precision(),
            c.recall(),
            c.f1()
        )?;
    }
    let mut confusions: Vec<(&String, &usize)> = score.confusions.iter().collect();
    confusions.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
    if !confusions.is_empty() {
        writeln!(
            out,
            "\nerrors, by kind (a miss and a spurious event of one sentence paired up):"
        )?;
        for (what, n) in confusions.iter().take(25) {
            writeln!(out, "  {n:>4}  {what}")?;
        }
    }
    Ok(())
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
