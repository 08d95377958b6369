//! Coding throughput on the example articles: sentences and events per second
//! on one core, with the embedded dictionaries, for each syntax source.
//!
//! Run with `cargo bench -p herald-coder --bench code`.

use std::time::Instant;

use herald_coder::{Coder, CoderConfig, Syntax};
use herald_dict::Dictionaries;

fn main() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples/news");
    let mut paths: Vec<_> =
        std::fs::read_dir(dir).expect("examples/news").map(|e| e.expect("entry").path()).collect();
    paths.sort();
    let stories: Vec<String> =
        paths.iter().map(|p| std::fs::read_to_string(p).expect("example text")).collect();

    let load = Instant::now();
    let dicts = Dictionaries::embedded();
    println!("dictionaries loaded in {:.1} ms", load.elapsed().as_secs_f64() * 1e3);
    for syntax in [Syntax::WordOrder, Syntax::Parse] {
        let load = Instant::now();
        let coder = Coder::new(dicts.clone(), CoderConfig { syntax, ..CoderConfig::standard() });
        println!("{syntax:?}: coder built in {:.1} ms", load.elapsed().as_secs_f64() * 1e3);
        bench(&coder, &stories);
    }
}

fn bench(coder: &Coder, stories: &[String]) {
    // One pass to know what a correct run produces; every timed pass must match it.
    let expected: usize = stories.iter().map(|s| coder.code(s).events.len()).sum();
    assert!(expected > 0, "the examples must produce events");
    let (mut sentences, mut bytes, mut rounds) = (0usize, 0usize, 0usize);
    let start = Instant::now();
    while start.elapsed().as_secs_f64() < 3.0 {
        let mut events = 0;
        for story in stories {
            let coded = coder.code(story);
            sentences += coded.sentences.len();
            events += coded.events.len();
            bytes += story.len();
        }
        assert_eq!(events, expected);
        rounds += 1;
    }
    let secs = start.elapsed().as_secs_f64();
    println!(
        "coded {rounds} rounds: {:.0} sentences/s, {:.2} MB/s, {:.0} events/s (one core)",
        sentences as f64 / secs,
        bytes as f64 / secs / 1e6,
        (expected * rounds) as f64 / secs
    );
}
