//! Parses every PETRARCH reference dictionary, printing counts, errors,
//! a lint summary and the time taken; then builds herald's runtime
//! dictionaries from the Phoenix set (CAMEO verbs, Phoenix actors, agents
//! and discards) and prints the time that takes.
//!
//! ```sh
//! cargo run --release -p herald-petrarch --example parse_all [DIR] [-v]
//! ```
//!
//! `DIR` defaults to `shared/reference/petrarch2/` beside the workspace;
//! `-v` also prints every lint warning.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::time::Instant;

use herald_petrarch::*;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let verbose = args.iter().any(|a| a == "-v");
    let dir = args.iter().find(|a| *a != "-v").map(PathBuf::from).unwrap_or_else(|| {
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/reference/petrarch2")
    });
    let total = Instant::now();
    for (name, kind) in FILES {
        let path = dir.join(name);
        let t = Instant::now();
        let result = match kind {
            Kind::Verbs => load_verbs(&path).map(|(d, e)| {
                let lints = lint_verbs(&d);
                let summary = format!(
                    "{} synsets, {} blocks, {} verbs, {} patterns, {} transformations",
                    d.synsets.len(),
                    d.blocks.len(),
                    d.verbs().count(),
                    d.patterns().count(),
                    d.transformations.len()
                );
                (summary, e, lints)
            }),
            Kind::Actors => load_actors(&path).map(|(d, e)| {
                let lints = lint_actors(&d);
                let restrictions = d
                    .entries
                    .iter()
                    .flat_map(|e| &e.codes)
                    .filter(|c| c.restriction.is_some())
                    .count();
                let summary = format!(
                    "{} actors, {} phrases, {} date restrictions",
                    d.entries.len(),
                    d.phrase_count(),
                    restrictions
                );
                (summary, e, lints)
            }),
            Kind::Agents => load_agents(&path).map(|(d, e)| {
                let lints = lint_agents(&d);
                let forms: usize = d.entries.iter().map(|a| d.forms(a).len()).sum();
                let summary = format!(
                    "{} substitution sets, {} agents, {} expanded forms",
                    d.substitutions.len(),
                    d.entries.len(),
                    forms
                );
                (summary, e, lints)
            }),
            Kind::Discards => load_discards(&path).map(|(d, e)| {
                let lints = lint_discards(&d);
                let summary = format!(
                    "{} discards ({} story-level)",
                    d.entries.len(),
                    d.story_level().count()
                );
                (summary, e, lints)
            }),
            Kind::Issues => load_issues(&path).map(|(d, e)| {
                let lints = lint_issues(&d);
                let summary = format!(
                    "{} blocks, {} phrases, {} ignore phrases",
                    d.blocks.len(),
                    d.entries().count(),
                    d.ignores().count()
                );
                (summary, e, lints)
            }),
        };
        let elapsed = t.elapsed();
        match result {
            Err(e) => println!("{name}: cannot load: {e}"),
            Ok((summary, errors, lints)) => {
                println!(
                    "{name}: {summary} — {} errors, {} lint warnings ({elapsed:.1?})",
                    errors.len(),
                    lints.len()
                );
                for e in &errors {
                    println!("  error: {e}");
                }
                let mut by_kind: BTreeMap<String, usize> = BTreeMap::new();
                for w in &lints {
                    *by_kind.entry(format!("{:?}", w.kind)).or_default() += 1;
                    if verbose {
                        println!("  lint: {w}");
                    }
                }
                if !by_kind.is_empty() {
                    println!("  lints by kind: {by_kind:?}");
                }
            }
        }
    }
    println!("total: {:.1?}", total.elapsed());

    let t = Instant::now();
    let phoenix = PetrarchFiles {
        verbs: Some(dir.join("CAMEO.2.0.txt")),
        actors: ["Countries", "International", "MilNonState"]
            .iter()
            .map(|n| dir.join(format!("Phoenix.{n}.actors.txt")))
            .collect(),
        agents: Some(dir.join("Phoenix.agents.txt")),
        discards: Some(dir.join("Phoenix.discards.txt")),
    };
    match load_files(&phoenix) {
        Ok((dicts, errors)) => println!(
            "Phoenix set as herald dictionaries: {} actor phrases, {} verb patterns, {} parse errors ({:.1?})",
            dicts.actors.len(),
            dicts.verbs.patterns().len(),
            errors.len(),
            t.elapsed()
        ),
        Err(e) => println!("Phoenix set: cannot load: {e}"),
    }
}

#[derive(Clone, Copy)]
enum Kind {
    Verbs,
    Actors,
    Agents,
    Discards,
    Issues,
}

const FILES: [(&str, Kind); 11] = [
    ("CAMEO.2.0.txt", Kind::Verbs),
    ("PETR.Validate.verbs.txt", Kind::Verbs),
    ("Phoenix.Countries.actors.txt", Kind::Actors),
    ("Phoenix.International.actors.txt", Kind::Actors),
    ("Phoenix.MilNonState.actors.txt", Kind::Actors),
    ("PETR.Validate.actors.txt", Kind::Actors),
    ("Phoenix.agents.txt", Kind::Agents),
    ("PETR.Validate.agents.txt", Kind::Agents),
    ("Phoenix.discards.txt", Kind::Discards),
    ("PETR.Validate.discards.txt", Kind::Discards),
    ("Phoenix.IssueCoding.txt", Kind::Issues),
];
