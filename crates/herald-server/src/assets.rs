//! The web page and its vendored libraries, embedded at build time so the
//! binary is self-contained (see `assets/VENDORED.md` for versions).

use axum::extract::Path;
use axum::http::header;
use axum::response::{IntoResponse, Response};

use crate::error::ApiError;

const INDEX: &str = include_str!("../assets/index.html");

/// `(name, content type, bytes)` of everything under `/assets/`.
const ASSETS: &[(&str, &str, &[u8])] = &[
    ("app.js", "text/javascript; charset=utf-8", include_bytes!("../assets/app.js")),
    ("app.css", "text/css; charset=utf-8", include_bytes!("../assets/app.css")),
    (
        "cytoscape.min.js",
        "text/javascript; charset=utf-8",
        include_bytes!("../assets/cytoscape.min.js"),
    ),
    (
        "uPlot.iife.min.js",
        "text/javascript; charset=utf-8",
        include_bytes!("../assets/uPlot.iife.min.js"),
    ),
    ("uPlot.min.css", "text/css; charset=utf-8", include_bytes!("../assets/uPlot.min.css")),
    // The map: d3-geo (which needs d3-array) projects topojson-client's
    // features of world-atlas's countries; no tiles, no network.
    (
        "d3-array.min.js",
        "text/javascript; charset=utf-8",
        include_bytes!("../assets/d3-array.min.js"),
    ),
    ("d3-geo.min.js", "text/javascript; charset=utf-8", include_bytes!("../assets/d3-geo.min.js")),
    (
        "topojson-client.min.js",
        "text/javascript; charset=utf-8",
        include_bytes!("../assets/topojson-client.min.js"),
    ),
    ("countries-110m.json", "application/json", include_bytes!("../assets/countries-110m.json")),
];

pub async fn index() -> Response {
    ([(header::CONTENT_TYPE, "text/html; charset=utf-8")], INDEX).into_response()
}

pub async fn asset(Path(name): Path<String>) -> Response {
    match ASSETS.iter().find(|(n, _, _)| *n == name) {
        Some((_, mime, bytes)) => {
            // Assets change only with the binary; a short max-age is enough
            // to avoid refetching the libraries on every page view.
            ([(header::CONTENT_TYPE, *mime), (header::CACHE_CONTROL, "max-age=3600")], *bytes)
                .into_response()
        }
        None => ApiError::not_found(format!("no asset `{name}`")).into_response(),
    }
}
