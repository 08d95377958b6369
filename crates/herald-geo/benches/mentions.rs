//! Cost of the gazetteer: build time and memory of `Gazetteer::embedded`,
//! and place mentions found per second on one thread.
//!
//! The sentences are our own, written for this bench (no third-party news
//! text). Run with `cargo bench -p herald-geo --bench mentions`.

use std::time::{Duration, Instant};

use herald_geo::{normalize, Gazetteer};

const TEXT: &str = "Rebel fighters attacked a police station in northern Syria on Tuesday, \
killing three officers, the interior ministry in Damascus said. The government condemned the \
attack. Talks between the two sides were due to resume in Geneva next week, but diplomats said \
they expected little progress. Thousands of protesters gathered outside parliament in the \
capital to demand the resignation of the prime minister. Israeli troops entered Jenin in the \
occupied West Bank before dawn, the Palestinian health ministry said. Russian missiles struck \
Kharkiv and the Kyiv region overnight, Ukraine's air force said. The Indian army said its \
soldiers had repelled an attack near Srinagar. Officials in Paris, Texas, said the storm had \
passed. Washington rejected the proposal, and Moscow said it would respond. Police in Reading \
arrested two men on Friday. A car bomb exploded in Mogadishu, killing at least five people. \
Hundreds of migrants reached the Greek island of Lesbos from the Turkish coast. The president \
flew to Abuja for talks with Nigerian officials. Floods swept through Sindh province in \
southern Pakistan, displacing thousands. Protesters marched through Caracas and Maracaibo.";

/// Resident memory in KiB (Linux; 0 elsewhere).
fn rss_kib() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            let line = s.lines().find(|l| l.starts_with("VmRSS:"))?;
            line.split_whitespace().nth(1)?.parse().ok()
        })
        .unwrap_or(0)
}

fn main() {
    let before = rss_kib();
    let t = Instant::now();
    let gaz = Gazetteer::embedded();
    let first = t.elapsed();
    let after = rss_kib();
    let mut best = first;
    for _ in 0..4 {
        let t = Instant::now();
        let g = Gazetteer::embedded();
        best = best.min(t.elapsed());
        drop(g);
    }
    println!(
        "embedded gazetteer: {} places; builds in {:.1} ms (best of 5; first {:.1} ms); \
         resident memory +{:.1} MiB after the first build",
        gaz.places().len(),
        best.as_secs_f64() * 1e3,
        first.as_secs_f64() * 1e3,
        (after.saturating_sub(before)) as f64 / 1024.0
    );

    let sentences: Vec<(Vec<&str>, Vec<String>)> = herald_text::split_sentences(TEXT)
        .iter()
        .map(|s| {
            let tokens: Vec<&str> = s.tokens.iter().map(|t| &TEXT[t.start..t.end]).collect();
            let lower = tokens.iter().map(|t| normalize(t)).collect();
            (tokens, lower)
        })
        .collect();
    let tokens: usize = sentences.iter().map(|s| s.0.len()).sum();
    let pass = || sentences.iter().map(|(t, l)| gaz.find_mentions(t, l).len()).sum::<usize>();
    let mentions = pass();
    assert!(mentions >= 20, "found {mentions} mentions");

    let start = Instant::now();
    let mut passes = 0u32;
    let mut fastest = f64::MAX;
    while start.elapsed() < Duration::from_secs(3) {
        let t = Instant::now();
        std::hint::black_box(pass());
        fastest = fastest.min(t.elapsed().as_secs_f64());
        passes += 1;
    }
    let secs = start.elapsed().as_secs_f64();
    let n = sentences.len() as f64 * f64::from(passes);
    println!(
        "find_mentions: {} sentences, {tokens} tokens, {mentions} mentions per pass; \
         {:.0} sentences/s ({:.2} µs per sentence), fastest pass {:.2} µs per sentence \
         (1 thread, {passes} passes)",
        sentences.len(),
        n / secs,
        secs / n * 1e6,
        fastest / sentences.len() as f64 * 1e6
    );
}
