//! Read-only store connections shared by request handlers.
//!
//! SQLite calls block, so each request runs on tokio's blocking pool with a
//! [`Reader`] of its own. At most [`Limits::readers`] requests use the
//! store at once: each holds a permit, so no more readers (each a file
//! handle and a page cache) and blocking threads are ever opened, whatever
//! the load. A request that finds no permit within [`Limits::reader_wait`]
//! is answered 503. Readers are kept for reuse because opening one reads
//! the schema. Every query is one statement, so it reads a consistent
//! snapshot even while `herald ingest` is adding to the store (WAL mode).
//!
//! Aggregates come from a [`Cube`] shared by all requests, brought up to
//! date with the store before each use that finds it changed.

use std::path::PathBuf;
use std::sync::{Arc, Mutex, PoisonError, RwLock};
use std::time::Duration;

use herald_store::{Cube, EventFilter, Reader};
use tokio::sync::Semaphore;

use crate::error::{ApiError, ErrorCode};
use crate::Limits;

#[derive(Clone)]
pub struct Pool {
    inner: Arc<Inner>,
}

struct Inner {
    path: PathBuf,
    idle: Mutex<Vec<Reader>>,
    permits: Arc<Semaphore>,
    wait: Duration,
    request: Duration,
    cube: RwLock<Cube>,
}

impl Pool {
    /// A pool over the store at `path`, holding `first` (already opened, so
    /// that a bad path fails at startup rather than on the first request)
    /// and the store's cube.
    pub fn new(path: PathBuf, first: Reader, cube: Cube, limits: &Limits) -> Pool {
        Pool {
            inner: Arc::new(Inner {
                path,
                idle: Mutex::new(vec![first]),
                permits: Arc::new(Semaphore::new(limits.readers.max(1))),
                wait: limits.reader_wait,
                request: limits.request,
                cube: RwLock::new(cube),
            }),
        }
    }

    /// How long answering a request may take ([`Limits::request`]).
    pub fn request_limit(&self) -> Duration {
        self.inner.request
    }

    /// Runs `f` with the store's cube, first brought up to date if the
    /// store has changed, on the blocking thread pool, once the store is
    /// known to hold what `filter` asks about (locations: `Reader::check_filter`).
    pub async fn cube<T, F>(&self, filter: &EventFilter, f: F) -> Result<T, ApiError>
    where
        T: Send + 'static,
        F: FnOnce(&Cube) -> T + Send + 'static,
    {
        let inner = Arc::clone(&self.inner);
        let filter = filter.clone();
        self.run(move |reader| {
            reader.check_filter(&filter)?;
            // A panic while holding the lock leaves at worst a cube that
            // refreshes again: a poisoned lock is safe to use.
            let current =
                inner.cube.read().unwrap_or_else(PoisonError::into_inner).is_current(reader)?;
            if !current {
                inner.cube.write().unwrap_or_else(PoisonError::into_inner).refresh(reader)?;
            }
            Ok(f(&inner.cube.read().unwrap_or_else(PoisonError::into_inner)))
        })
        .await
    }

    /// Runs `f` with a reader on the blocking thread pool, once one is free.
    pub async fn run<T, F>(&self, f: F) -> Result<T, ApiError>
    where
        T: Send + 'static,
        F: FnOnce(&Reader) -> Result<T, ApiError> + Send + 'static,
    {
        let inner = Arc::clone(&self.inner);
        let permit = tokio::time::timeout(inner.wait, Arc::clone(&inner.permits).acquire_owned())
            .await
            .map_err(|_| ApiError::new(ErrorCode::Busy, "the server is busy; try again shortly"))?
            .map_err(|_| ApiError::new(ErrorCode::Internal, "the reader pool is closed"))?;
        tokio::task::spawn_blocking(move || {
            // The permit goes with the work: if the request is dropped,
            // the query still counts until it ends.
            let _permit = permit;
            // A panic elsewhere while holding the lock leaves the Vec
            // intact, so a poisoned lock is still safe to use.
            let reader = inner.idle.lock().unwrap_or_else(|e| e.into_inner()).pop();
            let reader = match reader {
                Some(r) => r,
                None => Reader::open(&inner.path)?,
            };
            let out = f(&reader);
            // Never more readers than permits, so the idle list stays small.
            inner.idle.lock().unwrap_or_else(|e| e.into_inner()).push(reader);
            out
        })
        .await
        .map_err(|e| ApiError::new(ErrorCode::Internal, format!("request task failed: {e}")))?
    }
}
