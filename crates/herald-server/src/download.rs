//! Downloads of the selected events as CSV or Parquet, streamed: the body
//! is sent as it is made, so memory does not grow with the selection.
//!
//! The CSV is read in pages of [`PAGE`] events, each with a reader of the
//! pool taken for that page only, so a long download does not keep a
//! reader from other requests. The Parquet file is written by
//! [`herald_store::write_parquet`], which reads the events with one
//! reader, to a channel that the response body drains; a client that
//! reads nothing for [`Pool::request_limit`] is dropped.
//!
//! Both have the Parquet export's columns: the record's, plus the store's
//! ids, the mention count and the event's day.

use std::io::{self, Write};
use std::time::Duration;

use axum::body::{Body, Bytes};
use axum::extract::State;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use herald_store::{EventFilter, StoredEvent};
use tokio::runtime::Handle;
use tokio::sync::mpsc;

use crate::api::App;
use crate::error::{ApiError, ErrorCode};
use crate::params::{Pairs, Params};
use crate::pool::Pool;

/// Events read and sent at a time: a small first page, so the download
/// starts at once, then larger ones (each page sorts the selection's ids
/// again when SQLite answers the filter from two indexes).
const FIRST_PAGE: u64 = 200;
const PAGE: u64 = 10_000;

/// A page of events as CSV, after the header line if `header`.
fn csv_page(events: &[StoredEvent], header: bool) -> io::Result<Vec<u8>> {
    let mut out = csv::Writer::from_writer(Vec::new());
    if header {
        out.write_record(StoredEvent::flat_header())?;
    }
    for e in events {
        out.write_record(e.flat_row())?;
    }
    out.into_inner().map_err(|e| io::Error::other(e.to_string()))
}

/// The filter of a download request (the event filters, nothing else).
fn filter(query: Pairs) -> Result<EventFilter, ApiError> {
    let mut p = Params::new(query)?;
    let filter = p.filter()?;
    p.finish()?;
    Ok(filter)
}

fn attachment(mime: &'static str, file: &'static str, body: Body) -> Response {
    let disposition = format!("attachment; filename=\"{file}\"");
    ([(header::CONTENT_TYPE, mime.to_string()), (header::CONTENT_DISPOSITION, disposition)], body)
        .into_response()
}

/// A stream ends with an error when the store fails mid-way: the status
/// has been sent, so breaking off the body is how the client learns.
fn broken(e: &ApiError) -> io::Error {
    io::Error::other(e.to_string())
}

/// Where the next CSV page starts.
struct Cursor {
    pool: Pool,
    filter: EventFilter,
    after: Option<i64>,
    header: bool,
}

/// `GET /api/events.csv?…filter`.
pub async fn events_csv(State(app): State<App>, query: Pairs) -> Result<Response, ApiError> {
    let filter = filter(query)?;
    let start = Cursor { pool: app.pool, filter, after: None, header: true };
    let pages = futures_util::stream::unfold(Some(start), |cursor| async move {
        let mut c = cursor?;
        let (filter, after) = (c.filter.clone(), c.after);
        let limit = if c.header { FIRST_PAGE } else { PAGE };
        let page = c
            .pool
            .run(move |r| Ok(r.events_after(&filter, after, limit)?.unwrap_or_default()))
            .await;
        let events = match page {
            Ok(events) => events,
            Err(e) => return Some((Err(broken(&e)), None)),
        };
        let bytes = match csv_page(&events, c.header) {
            Ok(bytes) => bytes,
            Err(e) => return Some((Err(e), None)),
        };
        let next = (events.len() as u64 == limit).then(|| {
            c.after = events.last().map(|e| e.id);
            c.header = false;
            c
        });
        Some((Ok::<_, io::Error>(Bytes::from(bytes)), next))
    });
    Ok(attachment("text/csv; charset=utf-8", "herald-events.csv", Body::from_stream(pages)))
}

/// Sends what is written to it down a channel in chunks of [`CHUNK`]
/// bytes (the first at once, so the download starts), waiting at most
/// `stall` for the receiver to take each one.
struct ChannelWriter {
    tx: mpsc::Sender<io::Result<Bytes>>,
    runtime: Handle,
    stall: Duration,
    buf: Vec<u8>,
    started: bool,
}

const CHUNK: usize = 64 << 10;

impl ChannelWriter {
    fn send(&mut self) -> io::Result<()> {
        let chunk = Bytes::from(std::mem::take(&mut self.buf));
        self.started = true;
        match self.runtime.block_on(tokio::time::timeout(self.stall, self.tx.send(Ok(chunk)))) {
            Ok(Ok(())) => Ok(()),
            Ok(Err(_)) => Err(io::Error::new(io::ErrorKind::BrokenPipe, "the client went away")),
            Err(_) => Err(io::Error::new(io::ErrorKind::TimedOut, "the client stopped reading")),
        }
    }
}

impl Write for ChannelWriter {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.buf.extend_from_slice(buf);
        if !self.started || self.buf.len() >= CHUNK {
            self.send()?;
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        if self.buf.is_empty() {
            return Ok(());
        }
        self.send()
    }
}

/// `GET /api/events.parquet?…filter`.
pub async fn events_parquet(State(app): State<App>, query: Pairs) -> Result<Response, ApiError> {
    let filter = filter(query)?;
    let (tx, rx) = mpsc::channel::<io::Result<Bytes>>(4);
    let failed = tx.clone();
    let mut out = ChannelWriter {
        tx,
        runtime: Handle::current(),
        stall: app.pool.request_limit(),
        buf: Vec::new(),
        started: false,
    };
    let pool = app.pool;
    tokio::spawn(async move {
        let written = pool
            .run(move |r| {
                herald_store::write_parquet(r, &filter, &mut out)?;
                out.flush().map_err(|e| ApiError::new(ErrorCode::Internal, e.to_string()))
            })
            .await;
        if let Err(e) = written {
            // If the client went away, no one is left to tell.
            let _ = failed.send(Err(broken(&e))).await;
        }
    });
    let chunks = futures_util::stream::unfold(rx, |mut rx| async move {
        rx.recv().await.map(|chunk| (chunk, rx))
    });
    Ok(attachment(
        "application/vnd.apache.parquet",
        "herald-events.parquet",
        Body::from_stream(chunks),
    ))
}
