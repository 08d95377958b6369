//! PETRARCH/TABARI dictionary readers: any text parses without panicking,
//! and every error points at a line of the input.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let lines = text.split('\n').count();
    let (_, e1) = herald_petrarch::parse_verbs("fuzz.verbs", text);
    let (_, e2) = herald_petrarch::parse_actors("fuzz.actors", text);
    let (_, e3) = herald_petrarch::parse_agents("fuzz.agents", text);
    let (_, e4) = herald_petrarch::parse_discards("fuzz.discards", text);
    let (_, e5) = herald_petrarch::parse_issues("fuzz.issues", text);
    for e in e1.iter().chain(&e2).chain(&e3).chain(&e4).chain(&e5) {
        assert!(e.line >= 1 && e.line <= lines, "{e}");
    }
});
