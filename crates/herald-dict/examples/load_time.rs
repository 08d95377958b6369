//! How long the embedded dictionaries take to load, and how much memory
//! they hold, with and without the named people and groups of
//! `actors.tsv` (which `tools/actors/build.py` writes):
//!
//! ```sh
//! cargo run --release -p herald-dict --example load_time            # with actors.tsv
//! cargo run --release -p herald-dict --example load_time -- without # without it
//! ```
//!
//! Memory is the growth of the process's resident set while building the
//! first copy (Linux only; elsewhere it prints 0), so it is approximate;
//! each variant runs in a process of its own, as freed memory is reused.

use std::time::Instant;

use herald_dict::{Dictionaries, Sources};

/// Resident set size in KiB, from /proc/self/statm (pages of 4 KiB).
fn rss_kib() -> u64 {
    std::fs::read_to_string("/proc/self/statm")
        .ok()
        .and_then(|s| s.split_whitespace().nth(1)?.parse::<u64>().ok())
        .map_or(0, |pages| pages * 4)
}

/// The fastest of `runs` loads, in milliseconds, and the memory one holds.
fn measure(sources: Sources<'static>, runs: usize) -> (f64, u64) {
    let before = rss_kib();
    let kept = Dictionaries::from_sources(sources).expect("embedded dictionaries load");
    let memory = rss_kib().saturating_sub(before);
    let mut best = f64::MAX;
    for _ in 0..runs {
        let start = Instant::now();
        let d = Dictionaries::from_sources(sources).expect("embedded dictionaries load");
        best = best.min(start.elapsed().as_secs_f64() * 1e3);
        drop(d);
    }
    println!("  {} actor phrases", kept.actors.len());
    (best, memory)
}

fn main() {
    let runs = 20;
    let (label, sources) = if std::env::args().nth(1).as_deref() == Some("without") {
        ("without actors.tsv", Sources { actors: None, ..Sources::embedded() })
    } else {
        ("with actors.tsv", Sources::embedded())
    };
    println!("{label}:");
    let (ms, kib) = measure(sources, runs);
    println!("  load {ms:.1} ms (fastest of {runs}), ~{kib} KiB");
}
