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
    /// No such dyad, event or page (404).
    NotFound,
    /// The store failed; not the client's fault (500).
    Internal,
}

impl ErrorCode {
    fn status(self) -> StatusCode {
        match self {
            ErrorCode::BadParameter | ErrorCode::UnknownParameter => StatusCode::BAD_REQUEST,
            ErrorCode::NotFound => StatusCode::NOT_FOUND,
            ErrorCode::Internal => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    fn as_str(self) -> &'static str {
        match self {
            ErrorCode::BadParameter => "bad_parameter",
            ErrorCode::UnknownParameter => "unknown_parameter",
            ErrorCode::NotFound => "not_found",
            ErrorCode::Internal => "internal",
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

impl From<StoreError> for ApiError {
    fn from(err: StoreError) -> ApiError {
        // Parameters are validated before they reach the store, so a store
        // error is the server's problem, not a bad request.
        ApiError::new(ErrorCode::Internal, err.to_string())
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let body =
            serde_json::json!({ "error": { "code": self.code.as_str(), "message": self.message } });
        (self.code.status(), Json(body)).into_response()
    }
}
