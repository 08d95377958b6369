//! Event writers.

use std::io::{self, Write};

use anyhow::Result;
use herald_core::EventRecord;

use crate::OutputFormat;

/// Writes events in the chosen format.
pub enum EventWriter<W: Write> {
    /// JSON lines.
    Jsonl(W),
    /// CSV with a header.
    Csv(Box<csv::Writer<W>>),
}

const CSV_HEADER: [&str; 24] = [
    "story_id",
    "sentence_index",
    "date",
    "source_code",
    "source_country",
    "source_text",
    "source_start",
    "source_end",
    "target_code",
    "target_country",
    "target_text",
    "target_start",
    "target_end",
    "cameo",
    "cameo_root",
    "cameo_name",
    "plover",
    "goldstein",
    "quad_class",
    "verb_text",
    "verb_start",
    "verb_end",
    "pattern",
    "sentence",
];

impl<W: Write> EventWriter<W> {
    pub fn new(format: OutputFormat, out: W) -> Result<EventWriter<W>> {
        Ok(match format {
            OutputFormat::Jsonl => EventWriter::Jsonl(out),
            OutputFormat::Csv => {
                let mut w = csv::Writer::from_writer(out);
                w.write_record(CSV_HEADER)?;
                EventWriter::Csv(Box::new(w))
            }
        })
    }

    pub fn write(&mut self, e: &EventRecord) -> Result<()> {
        match self {
            EventWriter::Jsonl(w) => {
                serde_json::to_writer(&mut *w, e)?;
                w.write_all(b"\n")?;
            }
            EventWriter::Csv(w) => {
                let t = e.target.as_ref();
                let opt = |s: Option<&str>| s.unwrap_or("").to_string();
                w.write_record([
                    e.story_id.clone(),
                    e.sentence_index.to_string(),
                    opt(e.date.as_deref()),
                    e.source.code.clone(),
                    opt(e.source.country.as_deref()),
                    e.source.text.clone(),
                    e.source.span.start.to_string(),
                    e.source.span.end.to_string(),
                    opt(t.map(|t| t.code.as_str())),
                    opt(t.and_then(|t| t.country.as_deref())),
                    opt(t.map(|t| t.text.as_str())),
                    t.map_or(String::new(), |t| t.span.start.to_string()),
                    t.map_or(String::new(), |t| t.span.end.to_string()),
                    e.cameo.clone(),
                    e.cameo_root.clone(),
                    opt(e.cameo_name.as_deref()),
                    opt(e.plover.as_deref()),
                    e.goldstein.map_or(String::new(), |g| g.to_string()),
                    e.quad_class.map_or(String::new(), |q| q.to_string()),
                    e.verb.text.clone(),
                    e.verb.span.start.to_string(),
                    e.verb.span.end.to_string(),
                    e.pattern.clone(),
                    e.sentence.clone(),
                ])?;
            }
        }
        Ok(())
    }

    pub fn finish(self) -> Result<()> {
        match self {
            EventWriter::Jsonl(mut w) => w.flush()?,
            EventWriter::Csv(mut w) => w.flush()?,
        }
        Ok(())
    }
}

/// Whether an error is a closed stdout (`herald code | head`), which is not a failure.
pub fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|e| {
        e.downcast_ref::<io::Error>().is_some_and(|e| e.kind() == io::ErrorKind::BrokenPipe)
            || e.downcast_ref::<csv::Error>().is_some_and(|e| matches!(e.kind(), csv::ErrorKind::Io(io) if io.kind() == io::ErrorKind::BrokenPipe))
    })
}
