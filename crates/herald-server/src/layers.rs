//! What every response goes through: security headers, a `Host` check
//! against DNS rebinding, and JSON bodies for every error.

use std::net::SocketAddr;

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::header::{self, HeaderValue};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::error::{ApiError, ErrorCode};

/// Headers sent with every response. The page loads its scripts and styles
/// from `/assets/` only; cytoscape and uPlot set inline styles on the
/// elements they draw, hence `style-src 'unsafe-inline'` (styles cannot
/// run code).
pub const SECURITY_HEADERS: [(&str, &str); 4] = [
    ("x-content-type-options", "nosniff"),
    ("x-frame-options", "DENY"),
    ("referrer-policy", "no-referrer"),
    (
        "content-security-policy",
        "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; \
         img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; \
         frame-ancestors 'none'",
    ),
];

/// Replaces the empty or plain-text body of an error answered by the router
/// or a layer (unknown path, wrong method, timeout, body too large) with
/// the API's JSON error, keeping the status and headers such as `Allow`.
pub async fn json_errors(request: Request, next: Next) -> Response {
    let response = next.run(request).await;
    let status = response.status();
    let json = response
        .headers()
        .get(header::CONTENT_TYPE)
        .is_some_and(|v| v.as_bytes().starts_with(b"application/json"));
    if json || !(status.is_client_error() || status.is_server_error()) {
        return response;
    }
    let (mut parts, _) = response.into_parts();
    let reason = status.canonical_reason().unwrap_or("error").to_ascii_lowercase();
    let body = ApiError::new(ErrorCode::of_status(status), reason).body().to_string();
    parts.headers.insert(header::CONTENT_TYPE, HeaderValue::from_static("application/json"));
    parts.headers.remove(header::CONTENT_LENGTH);
    Response::from_parts(parts, Body::from(body))
}

/// The `Host` values a loopback server answers to: `localhost`,
/// `127.0.0.1` and `[::1]`, with its port (or without, on port 80).
#[derive(Clone)]
pub struct AllowedHosts(Vec<String>);

impl AllowedHosts {
    pub fn loopback(addr: SocketAddr) -> AllowedHosts {
        let port = addr.port();
        let mut hosts = Vec::new();
        for host in ["localhost", "127.0.0.1", "[::1]"] {
            hosts.push(format!("{host}:{port}"));
            if port == 80 {
                hosts.push(host.to_string());
            }
        }
        AllowedHosts(hosts)
    }
}

/// Refuses a request whose `Host` is not this server's: a page of another
/// site that rebinds its name to 127.0.0.1 must not read the API.
pub async fn check_host(
    State(allowed): State<AllowedHosts>,
    request: Request,
    next: Next,
) -> Response {
    let host = request.headers().get(header::HOST).and_then(|h| h.to_str().ok());
    match host {
        Some(h) if allowed.0.iter().any(|a| a.eq_ignore_ascii_case(h)) => next.run(request).await,
        _ => ApiError::new(
            ErrorCode::ForbiddenHost,
            format!("this server answers to {} only", allowed.0.join(", ")),
        )
        .into_response(),
    }
}
