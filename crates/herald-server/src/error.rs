//! API errors: every failure is a JSON body `{"error": {"code", "message"}}`
//! with a status from this table, so clients can branch on `code`.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use herald_store::StoreError;

/// The error codes of the API, and their HTTP statuses.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ErrorCode {
    /// A parameter has a value that cannot be used (400).
    BadParameter,
    /// A parameter the endpoint does not know, or given twice (400).
    UnknownParameter,
    /// No such dyad, event, page or path (404).
    NotFound,
    /// The `Host` header names another site: DNS rebinding, refused (403).
    ForbiddenHost,
    /// The path exists, but not for this method (405).
    MethodNotAllowed,
    /// The request took too long to arrive or to answer (408).
    Timeout,
    /// The request body is larger than the API accepts (413).
    TooLarge,
    /// Any other malformed request (400).
    BadRequest,
    /// The store failed; not the client's fault (500).
    Internal,
    /// Every store reader or connection is busy: try again shortly (503).
    Busy,
}

impl ErrorCode {
    fn status(self) -> StatusCode {
        match self {
            ErrorCode::BadParameter | ErrorCode::UnknownParameter | ErrorCode::BadRequest => {
                StatusCode::BAD_REQUEST
            }
            ErrorCode::NotFound => StatusCode::NOT_FOUND,
            ErrorCode::ForbiddenHost => StatusCode::FORBIDDEN,
            ErrorCode::MethodNotAllowed => StatusCode::METHOD_NOT_ALLOWED,
            ErrorCode::Timeout => StatusCode::REQUEST_TIMEOUT,
            ErrorCode::TooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            ErrorCode::Internal => StatusCode::INTERNAL_SERVER_ERROR,
            ErrorCode::Busy => StatusCode::SERVICE_UNAVAILABLE,
        }
    }

    fn as_str(self) -> &'static str {
        match self {
            ErrorCode::BadParameter => "bad_parameter",
            ErrorCode::UnknownParameter => "unknown_parameter",
            ErrorCode::NotFound => "not_found",
            ErrorCode::ForbiddenHost => "forbidden_host",
            ErrorCode::MethodNotAllowed => "method_not_allowed",
            ErrorCode::Timeout => "timeout",
            ErrorCode::TooLarge => "too_large",
            ErrorCode::BadRequest => "bad_request",
            ErrorCode::Internal => "internal",
            ErrorCode::Busy => "busy",
        }
    }

    /// The code for an error status that a layer or the router answered
    /// without a JSON body (an unknown path, a wrong method, a timeout...).
    pub(crate) fn of_status(status: StatusCode) -> ErrorCode {
        match status {
            StatusCode::NOT_FOUND => ErrorCode::NotFound,
            StatusCode::FORBIDDEN => ErrorCode::ForbiddenHost,
            StatusCode::METHOD_NOT_ALLOWED => ErrorCode::MethodNotAllowed,
            StatusCode::REQUEST_TIMEOUT => ErrorCode::Timeout,
            StatusCode::PAYLOAD_TOO_LARGE => ErrorCode::TooLarge,
            StatusCode::SERVICE_UNAVAILABLE => ErrorCode::Busy,
            s if s.is_client_error() => ErrorCode::BadRequest,
            _ => ErrorCode::Internal,
        }
    }
}

/// An error answered to the client.
#[derive(Debug)]
pub struct ApiError {
    code: ErrorCode,
    message: String,
}

impl ApiError {
    pub fn new(code: ErrorCode, message: impl Into<String>) -> ApiError {
        ApiError { code, message: message.into() }
    }

    pub fn bad(message: impl Into<String>) -> ApiError {
        ApiError::new(ErrorCode::BadParameter, message)
    }

    pub fn not_found(message: impl Into<String>) -> ApiError {
        ApiError::new(ErrorCode::NotFound, message)
    }
}

impl std::fmt::Display for ApiError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.code.as_str(), self.message)
    }
}

impl From<StoreError> for ApiError {
    fn from(err: StoreError) -> ApiError {
        // Parameters are validated before they reach the store, so a store
        // error is the server's problem, not a bad request; but for a
        // location filter on a store too old to have locations.
        let code = match err {
            StoreError::NoLocations { .. } => ErrorCode::BadParameter,
            _ => ErrorCode::Internal,
        };
        ApiError::new(code, err.to_string())
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        (self.code.status(), Json(self.body())).into_response()
    }
}

impl ApiError {
    /// The JSON body: `{"error": {"code", "message"}}`.
    pub(crate) fn body(&self) -> serde_json::Value {
        serde_json::json!({ "error": { "code": self.code.as_str(), "message": self.message } })
    }

    /// The whole HTTP/1.1 response, for connections refused before a
    /// service runs (over the connection cap).
    pub(crate) fn to_http1(&self) -> Vec<u8> {
        let body = self.body().to_string();
        let status = self.code.status();
        format!(
            "HTTP/1.1 {} {}\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{body}",
            status.as_str(),
            status.canonical_reason().unwrap_or(""),
            body.len()
        )
        .into_bytes()
    }
}
