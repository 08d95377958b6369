//! Event writers.

use std::io::{self, Write};

use anyhow::Result;
use herald_core::{EventRecord, COLUMNS};

use crate::OutputFormat;

/// Writes events in the chosen format.
pub enum EventWriter<W: Write> {
    /// JSON lines.
    Jsonl(W),
    /// CSV with a header.
    Csv(Box<csv::Writer<W>>),
}

impl<W: Write> EventWriter<W> {
    pub fn new(format: OutputFormat, out: W) -> Result<EventWriter<W>> {
        Ok(match format {
            OutputFormat::Jsonl => EventWriter::Jsonl(out),
            OutputFormat::Csv => {
                let mut w = csv::Writer::from_writer(out);
                w.write_record(COLUMNS.iter().map(|c| c.name))?;
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
                w.write_record(COLUMNS.iter().map(|c| (c.get)(e).to_csv()))?;
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
