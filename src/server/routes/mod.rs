//! The HTTP routes (docs/class-api.md): the teacher's behind the login cookie, the
//! student's behind its token, the live record's WebSocket, and a few open ones.

pub mod export;
pub mod pages;
pub mod results;
pub mod roster;
pub mod student;
pub mod summary;
pub mod teacher;

use super::AppState;
use super::error::ApiError;
use super::limits::MAX_BODY;
use crate::server::deal;
use axum::Json;
use axum::Router;
use axum::extract::{ConnectInfo, DefaultBodyLimit, Request, State};
use axum::http::StatusCode;
use axum::http::header::RETRY_AFTER;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use serde_json::{Value, json};
use std::net::SocketAddr;

/// Every route a teacher's login guards, as (method, path): the test walks each without
/// a login (logout last: it ends the login).
pub const TEACHER_ROUTES: [(&str, &str); 14] = [
    ("GET", "/api/classes"),
    ("POST", "/api/classes"),
    ("GET", "/api/classes/{id}"),
    ("POST", "/api/classes/{id}/assignments"),
    ("GET", "/api/classes/{id}/attempts"),
    ("GET", "/api/classes/{id}/results.csv"),
    ("GET", "/api/classes/{id}/xapi"),
    ("GET", "/api/attempts/{id}"),
    ("GET", "/api/classes/{id}/live"),
    ("GET", "/api/classes/{id}/results"),
    ("POST", "/api/attempts/{id}/watch"),
    ("POST", "/api/classes/{id}/demo"),
    ("GET", "/api/teacher"),
    ("POST", "/api/teacher/logout"),
];

/// The server's routes on `app`.
pub fn router(app: AppState) -> Router {
    Router::new()
        .route("/api/health", get(health))
        .route("/api/exercises", get(exercises))
        .route("/api/teacher/login", post(teacher::login))
        .route("/api/teacher/logout", post(teacher::logout))
        .route("/api/teacher", get(teacher::me))
        .route(
            "/api/classes",
            get(teacher::classes).post(teacher::create_class),
        )
        .route("/api/classes/{id}", get(teacher::class))
        .route(
            "/api/classes/{id}/assignments",
            post(teacher::add_assignment),
        )
        .route("/api/classes/{id}/attempts", get(teacher::attempts))
        .route("/api/classes/{id}/results.csv", get(export::csv))
        .route("/api/classes/{id}/xapi", get(export::xapi))
        .route("/api/attempts/{id}", get(teacher::attempt_detail))
        .route("/api/classes/{id}/live", get(roster::live))
        .route("/api/classes/{id}/results", get(results::results))
        .route("/api/attempts/{id}/watch", post(roster::watch_key))
        .route("/api/classes/{id}/demo", post(roster::start_demo))
        .route("/api/student", get(student::me))
        .route("/api/join", post(student::join))
        .route("/api/student/assignments", get(student::assignments))
        .route(
            "/api/student/attempts",
            get(student::attempts).post(student::start),
        )
        .route("/api/student/attempts/{id}", get(student::attempt_detail))
        .route("/api/live", get(super::live::upgrade))
        .route("/api/watch", get(super::view::watch))
        .route("/api/follow", get(super::view::follow))
        .route("/", get(pages::index))
        .route("/teacher", get(pages::dashboard))
        .route("/teacher/{file}", get(pages::dashboard_asset))
        .route("/{file}", get(pages::file))
        .fallback(|| async { ApiError::not_found("route (docs/class-api.md lists them)") })
        .method_not_allowed_fallback(|| async {
            ApiError::new(
                StatusCode::METHOD_NOT_ALLOWED,
                "this route does not take that method",
            )
        })
        .layer(DefaultBodyLimit::max(MAX_BODY))
        .layer(axum::middleware::from_fn_with_state(
            app.clone(),
            rate_limit,
        ))
        .with_state(app)
}

/// Refuses a request beyond the address's rate (429, one sentence, `Retry-After: 1`).
async fn rate_limit(
    State(app): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    request: Request,
    next: Next,
) -> Response {
    if app.requests.take(peer.ip()) {
        return next.run(request).await;
    }
    let refused = ApiError::new(
        StatusCode::TOO_MANY_REQUESTS,
        "too many requests from this address: wait a second and try again",
    );
    ([(RETRY_AFTER, "1")], refused).into_response()
}

/// Whether the server and its database answer.
async fn health(State(app): State<AppState>) -> Result<Json<Value>, ApiError> {
    app.store.ping().await?;
    Ok(Json(json!({ "ok": true })))
}

/// The built-in exercises an assignment may name.
async fn exercises() -> Json<Vec<Value>> {
    Json(
        crate::training::exercise::BUILT_IN
            .iter()
            .filter_map(|(id, _)| deal::exercise(id))
            .map(|e| json!({ "id": e.id, "title": e.title, "speed": e.speed, "time_budget_s": e.time_budget_s }))
            .collect(),
    )
}
