//! Read-only store connections shared by request handlers.
//!
//! SQLite calls block, so each request runs on tokio's blocking pool with a
//! [`Reader`] of its own; readers are kept for reuse because opening one
//! reads the schema. Every query is one statement, so it reads a consistent
//! snapshot even while `herald ingest` is adding to the store (WAL mode).

use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use herald_store::Reader;

use crate::error::{ApiError, ErrorCode};

/// At most this many idle readers are kept; more are opened under load and
/// closed after use.
const MAX_IDLE: usize = 32;

#[derive(Clone)]
pub struct Pool {
    inner: Arc<Inner>,
}

struct Inner {
    path: PathBuf,
    idle: Mutex<Vec<Reader>>,
}

impl Pool {
    /// A pool over the store at `path`, holding `first` (already opened, so
    /// that a bad path fails at startup rather than on the first request).
    pub fn new(path: PathBuf, first: Reader) -> Pool {
        Pool { inner: Arc::new(Inner { path, idle: Mutex::new(vec![first]) }) }
    }

    /// Runs `f` with a reader on the blocking thread pool.
    pub async fn run<T, F>(&self, f: F) -> Result<T, ApiError>
    where
        T: Send + 'static,
        F: FnOnce(&Reader) -> Result<T, ApiError> + Send + 'static,
    {
        let inner = Arc::clone(&self.inner);
        tokio::task::spawn_blocking(move || {
            // A panic elsewhere while holding the lock leaves the Vec intact,
            // so a poisoned lock is still safe to use.
            let reader = inner.idle.lock().unwrap_or_else(|e| e.into_inner()).pop();
            let reader = match reader {
                Some(r) => r,
                None => Reader::open(&inner.path)?,
            };
            let out = f(&reader);
            let mut idle = inner.idle.lock().unwrap_or_else(|e| e.into_inner());
            if idle.len() < MAX_IDLE {
                idle.push(reader);
            }
            out
        })
        .await
        .map_err(|e| ApiError::new(ErrorCode::Internal, format!("request task failed: {e}")))?
    }
}
