//! `herald serve`: a JSON API over an event store, and a web page, an
//! analyst's workbench: the actor network, the events over time, and the
//! events behind them with their evidence highlighted, under filters kept
//! in the page's URL.
//!
//! The server is a thin shell over [`herald_store::Reader`]: handlers parse
//! and validate parameters (a bad one is a 400 with a JSON error, never a
//! 500), run store queries on the blocking pool, and convert the result to
//! wire types defined only in this crate. Networks and timelines come from
//! the store's [`herald_store::Cube`], held in memory and brought up to date
//! when the store changes, so they answer in milliseconds under any filter;
//! events come from SQLite, a page at a time. Actor names come from
//! herald-dict's country, organisation and agent tables. The page and its
//! JavaScript libraries are embedded in the binary.
//!
//! | endpoint | answers |
//! |---|---|
//! | `GET /api/summary` | store counts and provenance |
//! | `GET /api/vocabulary` | CAMEO roots with names, PLOVER types, quad classes |
//! | `GET /api/network?top&min_events&rollup&…filter` | the `top` dyads by events (at least `min_events`), as nodes (with `kind` and `name`) and edges |
//! | `GET /api/timeline?period&…filter` | the matching events per `day`, `week`, `month` (or `all`), all dyads together, per quad class, with the mean Goldstein score |
//! | `GET /api/suggest?q&limit&rollup` | countries and actors of the store whose code or name (or a word of it) starts with `q`, busiest first |
//! | `GET /api/dyads/{source}/{target}/timeline?period&…filter` | one dyad per day, week or month |
//! | `GET /api/aggregates?period&rollup&limit&offset&…filter` | every dyad per period |
//! | `GET /api/places?top&…filter` | where the matching events happened: canonical events per country of their location, and the `top` busiest points (latitude, longitude, country, admin1) |
//! | `GET /api/events?limit&(offset\|after)&…filter` | event reports with highlighted sentence segments, names and their story; `next` is the `after` of the next page |
//! | `GET /api/events.csv?…filter`, `GET /api/events.parquet?…filter` | the matching events as a file, streamed |
//! | `GET /api/events/{id}` | one event and its story |
//! | `GET /api/stories/{row}?limit&offset` | a story and its events |
//!
//! Filter parameters: `actor`, `country`, `source`, `target`,
//! `source_country`, `target_country`, `cameo`, `root`, `plover`, `quad`
//! (1–4), `from`, `to`, and where events happened: `location_country`,
//! `location_admin1` and `bbox=minlon,minlat,maxlon,maxlat` (see
//! [`herald_store::EventFilter`]). `rollup=country`
//! groups actors by country (`ARMMIL` + `ARMGOV` + `ARM` → `ARM`); a node
//! of `kind` `country` is filtered with `country`, `source_country` and
//! `target_country`, one of `kind` `actor` with `actor`, `source` and
//! `target`. Unknown and repeated parameters are refused.
#![warn(missing_docs)]

mod api;
mod assets;
mod download;
mod error;
mod layers;
mod params;
mod pool;
mod serve;

use std::net::SocketAddr;
use std::path::Path;
use std::time::Duration;

use axum::http::{HeaderName, HeaderValue, StatusCode};
use axum::routing::get;
use axum::{middleware, Router};
use herald_store::{Cube, Reader, StoreError};
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::timeout::TimeoutLayer;

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

/// How much the server takes on at once, and how long it waits, so that
/// load and slow or stalled clients cost bounded memory, threads and files.
#[derive(Clone, Debug)]
pub struct Limits {
    /// Store readers in use at once (each a file handle, a page cache and a
    /// blocking thread while it runs).
    pub readers: usize,
    /// How long a request waits for a free reader before a 503.
    pub reader_wait: Duration,
    /// Open connections; one more is answered 503 and closed.
    pub connections: usize,
    /// How long a client has to send a request's headers; a connection
    /// that sends nothing for this long is closed.
    pub header_read: Duration,
    /// How long answering a request may take before a 503.
    pub request: Duration,
    /// The largest request body (the API only reads query strings).
    pub body_bytes: usize,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            readers: 8,
            reader_wait: Duration::from_secs(5),
            connections: 1024,
            header_read: Duration::from_secs(10),
            request: Duration::from_secs(30),
            body_bytes: 16 << 10,
        }
    }
}

/// The application: API routes and the page, over the store at `db`
/// (opened now, read-only, so that a bad path fails here), with the
/// default [`Limits`] and no `Host` check.
pub fn router(db: &Path) -> Result<Router, ServerError> {
    app(db, &Limits::default(), None)
}

fn app(
    db: &Path,
    limits: &Limits,
    hosts: Option<layers::AllowedHosts>,
) -> Result<Router, ServerError> {
    let reader = Reader::open(db)?;
    let cube = Cube::load(&reader)?;
    let pool = pool::Pool::new(db.to_path_buf(), reader, cube, limits);
    let mut app = Router::new()
        .route("/api/summary", get(api::summary))
        .route("/api/vocabulary", get(api::vocabulary))
        .route("/api/network", get(api::network))
        .route("/api/timeline", get(api::timeline))
        .route("/api/suggest", get(api::suggest))
        .route("/api/places", get(api::places))
        .route("/api/aggregates", get(api::aggregates))
        .route("/api/events", get(api::events))
        .route("/api/events.csv", get(download::events_csv))
        .route("/api/events.parquet", get(download::events_parquet))
        .route("/api/events/{id}", get(api::event))
        .route("/api/stories/{row}", get(api::story))
        .route("/api/dyads/{source}/{target}/timeline", get(api::dyad_timeline))
        .route("/api/{*rest}", get(api::not_found))
        .route("/", get(assets::index))
        .route("/assets/{name}", get(assets::asset))
        .with_state(api::App::new(pool))
        .layer(RequestBodyLimitLayer::new(limits.body_bytes))
        .layer(TimeoutLayer::with_status_code(StatusCode::SERVICE_UNAVAILABLE, limits.request))
        .layer(middleware::from_fn(layers::json_errors));
    if let Some(hosts) = hosts {
        app = app.layer(middleware::from_fn_with_state(hosts, layers::check_host));
    }
    for (name, value) in layers::SECURITY_HEADERS {
        app = app.layer(SetResponseHeaderLayer::overriding(
            HeaderName::from_static(name),
            HeaderValue::from_static(value),
        ));
    }
    Ok(app)
}

/// A server bound to its address, not yet serving.
pub struct Server {
    runtime: tokio::runtime::Runtime,
    listener: tokio::net::TcpListener,
    app: Router,
    limits: Limits,
}

impl Server {
    /// Opens the store at `db` and binds `addr` (port 0: any free port),
    /// with the default [`Limits`].
    pub fn bind(db: &Path, addr: SocketAddr) -> Result<Server, ServerError> {
        Server::bind_with(db, addr, Limits::default())
    }

    /// As [`Server::bind`], with these limits. On a loopback address the
    /// server answers only requests whose `Host` is `localhost`,
    /// `127.0.0.1` or `[::1]` with its port (DNS rebinding).
    pub fn bind_with(db: &Path, addr: SocketAddr, limits: Limits) -> Result<Server, ServerError> {
        let io = |context: String| move |source| ServerError::Io { context, source };
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .enable_all()
            .build()
            .map_err(io("starting the runtime".into()))?;
        let listener = runtime
            .block_on(tokio::net::TcpListener::bind(addr))
            .map_err(io(format!("binding {addr}")))?;
        let bound = listener.local_addr().map_err(io("reading the bound address".into()))?;
        let hosts = bound.ip().is_loopback().then(|| layers::AllowedHosts::loopback(bound));
        let app = app(db, &limits, hosts)?;
        Ok(Server { runtime, listener, app, limits })
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
        let Server { runtime, listener, app, limits } = self;
        runtime.block_on(serve::serve(listener, app, limits, async {
            // If the signal handler cannot be installed, serve until killed
            // rather than stop at once.
            if tokio::signal::ctrl_c().await.is_err() {
                std::future::pending::<()>().await;
            }
        }));
        Ok(())
    }
}
