//! `herald serve`: a JSON API over an event store, and a web page showing
//! the actor network, a dyad's cooperation/conflict timeline, and the
//! events behind it with their evidence highlighted.
//!
//! The server is a thin shell over [`herald_store::Reader`]: handlers parse
//! and validate parameters (a bad one is a 400 with a JSON error, never a
//! 500), run one store query on the blocking pool, and convert the result to
//! wire types defined only in this crate. The page and its JavaScript
//! libraries are embedded in the binary.
//!
//! | endpoint | answers |
//! |---|---|
//! | `GET /api/summary` | store counts |
//! | `GET /api/network?top&…filter` | the `top` dyads by events, as nodes and edges |
//! | `GET /api/dyads/{source}/{target}/timeline?period&…filter` | one dyad per day, week or month |
//! | `GET /api/aggregates?period&limit&offset&…filter` | every dyad per period |
//! | `GET /api/events?limit&(offset\|after)&…filter` | event reports, with highlighted sentence segments; `next` is the `after` of the next page |
//! | `GET /api/events/{id}` | one event and its story |
//!
//! Filter parameters: `actor`, `country`, `source`, `target`, `cameo`,
//! `root`, `plover`, `from`, `to` (see [`herald_store::EventFilter`]).
#![warn(missing_docs)]

mod api;
mod assets;
mod error;
mod pool;

use std::net::SocketAddr;
use std::path::Path;

use axum::routing::get;
use axum::Router;
use herald_store::{Reader, StoreError};

pub use error::ErrorCode;

/// Why the server could not start or stopped.
#[derive(Debug, thiserror::Error)]
pub enum ServerError {
    /// The store could not be opened.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// Binding the address or serving failed.
    #[error("{context}: {source}")]
    Io {
        /// What was being done.
        context: String,
        /// The underlying error.
        source: std::io::Error,
    },
}

/// The application: API routes and the page, over the store at `db`
/// (opened now, read-only, so that a bad path fails here).
pub fn router(db: &Path) -> Result<Router, ServerError> {
    let reader = Reader::open(db)?;
    let pool = pool::Pool::new(db.to_path_buf(), reader);
    Ok(Router::new()
        .route("/api/summary", get(api::summary))
        .route("/api/network", get(api::network))
        .route("/api/aggregates", get(api::aggregates))
        .route("/api/events", get(api::events))
        .route("/api/events/{id}", get(api::event))
        .route("/api/dyads/{source}/{target}/timeline", get(api::timeline))
        .route("/api/{*rest}", get(api::not_found))
        .route("/", get(assets::index))
        .route("/assets/{name}", get(assets::asset))
        .with_state(pool))
}

/// A server bound to its address, not yet serving.
pub struct Server {
    runtime: tokio::runtime::Runtime,
    listener: tokio::net::TcpListener,
    app: Router,
}

impl Server {
    /// Opens the store at `db` and binds `addr` (port 0: any free port).
    pub fn bind(db: &Path, addr: SocketAddr) -> Result<Server, ServerError> {
        let app = router(db)?;
        let io = |context: String| move |source| ServerError::Io { context, source };
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .enable_all()
            .build()
            .map_err(io("starting the runtime".into()))?;
        let listener = runtime
            .block_on(tokio::net::TcpListener::bind(addr))
            .map_err(io(format!("binding {addr}")))?;
        Ok(Server { runtime, listener, app })
    }

    /// The address actually bound.
    pub fn local_addr(&self) -> Result<SocketAddr, ServerError> {
        self.listener.local_addr().map_err(|source| ServerError::Io {
            context: "reading the bound address".into(),
            source,
        })
    }

    /// Serves until Ctrl-C (SIGINT), then finishes the requests in flight.
    pub fn run(self) -> Result<(), ServerError> {
        let Server { runtime, listener, app } = self;
        runtime
            .block_on(async move {
                axum::serve(listener, app)
                    .with_graceful_shutdown(async {
                        // If the signal handler cannot be installed, serve
                        // until killed rather than stop at once.
                        if tokio::signal::ctrl_c().await.is_err() {
                            std::future::pending::<()>().await;
                        }
                    })
                    .await
            })
            .map_err(|source| ServerError::Io { context: "serving".into(), source })
    }
}
