//! Prints the tags and dependency tree of each stdin line, one token per
//! line (`index form tag head label`), a blank line between sentences:
//! `echo "Russia attacked Georgia." | cargo run -p herald-nlp --example parse`.

use std::io::{self, BufRead, Write};

fn main() -> io::Result<()> {
    let model = herald_nlp::Model::embedded();
    let mut out = io::BufWriter::new(io::stdout().lock());
    for line in io::stdin().lock().lines() {
        let line = line?;
        for sentence in herald_text::split_sentences(&line) {
            let tokens: Vec<&str> = sentence.tokens.iter().map(|t| t.slice(&line)).collect();
            let a = model.tag_and_parse(&tokens);
            for (i, token) in tokens.iter().enumerate() {
                let head = a.heads[i].map_or("-".to_string(), |h| h.to_string());
                writeln!(out, "{i}\t{token}\t{}\t{head}\t{}", a.tags[i], a.labels[i])?;
            }
            writeln!(out)?;
        }
    }
    out.flush()
}
