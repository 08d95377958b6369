//! Prints the sentence spans of each input line, for building gold files:
//! every stdin line is one document; every sentence is printed as
//! `line<TAB>start<TAB>end` (0-based line, byte offsets into the line).

use std::io::{self, BufRead, Write};

fn main() -> io::Result<()> {
    let stdin = io::stdin();
    let mut out = io::BufWriter::new(io::stdout().lock());
    for (n, line) in stdin.lock().lines().enumerate() {
        let line = line?;
        for s in herald_text::split_sentences(&line) {
            writeln!(out, "{n}\t{}\t{}", s.span.start, s.span.end)?;
        }
    }
    out.flush()
}
