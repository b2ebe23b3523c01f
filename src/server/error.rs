//! The API's errors: a status and one JSON sentence (`{"error": "…"}`), never a trace.

use super::store::StoreError;
use axum::extract::FromRequest;
use axum::extract::rejection::JsonRejection;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};

/// An error answer.
#[derive(Debug)]
pub struct ApiError {
    /// The HTTP status.
    pub status: StatusCode,
    /// One sentence for the user.
    pub message: String,
}

impl ApiError {
    /// An error with this status and sentence.
    pub fn new(status: StatusCode, message: impl Into<String>) -> ApiError {
        ApiError {
            status,
            message: message.into(),
        }
    }

    /// 400: the request is wrong.
    pub fn bad(message: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::BAD_REQUEST, message)
    }

    /// 401: a teacher's login (or a student's token) is needed.
    pub fn login() -> ApiError {
        ApiError::new(StatusCode::UNAUTHORIZED, "log in as a teacher first")
    }

    /// 404: no such thing (or not yours: the answer does not say which).
    pub fn not_found(what: &str) -> ApiError {
        ApiError::new(StatusCode::NOT_FOUND, format!("no such {what}"))
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let body = serde_json::json!({ "error": self.message });
        (self.status, axum::Json(body)).into_response()
    }
}

impl From<StoreError> for ApiError {
    fn from(e: StoreError) -> ApiError {
        // The database's own words go to the server's log, not to the client.
        eprintln!("scs-sim serve: {e}");
        ApiError::new(
            StatusCode::SERVICE_UNAVAILABLE,
            "the class database is not answering; nothing was changed, try again",
        )
    }
}

impl From<JsonRejection> for ApiError {
    fn from(e: JsonRejection) -> ApiError {
        ApiError::new(
            e.status(),
            format!(
                "the request body is not what this route takes: {}",
                short(&e.body_text())
            ),
        )
    }
}

/// A JSON body whose rejection is an [`ApiError`] (one JSON sentence).
#[derive(FromRequest)]
#[from_request(via(axum::Json), rejection(ApiError))]
pub struct Body<T>(pub T);

/// A message cut to a readable length (serde's may quote a whole long input, and a time
/// of 1e308 s would print as 309 digits).
pub fn short(message: &str) -> String {
    const MAX: usize = 300;
    let message = crate::files::readable(message);
    if message.chars().count() <= MAX {
        message
    } else {
        let cut: String = message.chars().take(MAX).collect();
        format!("{cut}…")
    }
}
