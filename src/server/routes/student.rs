//! The student's routes: join a class with its code and a name (the server issues a
//! token), list the class's assignments, start an attempt, read its own attempts. A
//! student reads and writes only its own attempts.

use super::summary::{detail, summary};
use crate::server::auth::{self, StudentAuth};
use crate::server::error::{ApiError, Body};
use crate::server::names::clean_name;
use crate::server::store::Student;
use crate::server::{AppState, attempt, deal, now_ms};
use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use serde::Deserialize;
use serde_json::{Value, json};

/// `POST /api/join`'s body.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Join {
    code: String,
    name: String,
}

/// Joins a class: the answer's token is the student's only key; keep it.
pub async fn join(
    State(app): State<AppState>,
    Body(body): Body<Join>,
) -> Result<(StatusCode, Json<Value>), ApiError> {
    let name = clean_name(&body.name, "student's name")?;
    let code = body.code.trim().to_uppercase();
    let class = app
        .store
        .class_by_code(&code)
        .await?
        .ok_or_else(|| ApiError::not_found("class code"))?;
    let token = auth::random_hex(32);
    let student = Student {
        id: auth::random_hex(16),
        class_id: class.id.clone(),
        name,
        joined_ms: now_ms(),
    };
    app.store
        .add_student(&student, &auth::token_hash(&token))
        .await?;
    Ok((
        StatusCode::CREATED,
        Json(
            json!({ "token": token, "student": student, "class": { "id": class.id, "name": class.name } }),
        ),
    ))
}

/// The student's class's assignments, each with its exercise's title, speed and time, how
/// many attempts this student started and the one still live (to resume).
pub async fn assignments(
    State(app): State<AppState>,
    StudentAuth(s): StudentAuth,
) -> Result<Json<Vec<Value>>, ApiError> {
    let list = app.store.assignments(&s.class_id).await?;
    let mine = app.store.student_attempts(&s.id).await?;
    Ok(Json(
        list.into_iter()
            .map(|a| {
                let e = deal::exercise(&a.exercise);
                let of_it = || mine.iter().filter(|m| m.assignment_id == a.id);
                let open = of_it()
                    .rfind(|m| m.ending.is_none() && m.deadline_ms > now_ms())
                    .map(|m| m.id.clone());
                json!({
                    "title": e.map(|e| e.title.clone()),
                    "brief": e.map(|e| e.brief.clone()),
                    "speed": e.map(|e| e.speed),
                    "time_budget_s": e.map(|e| e.time_budget_s),
                    "attempts": of_it().count(),
                    "open_attempt": open,
                    "assignment": a,
                })
            })
            .collect(),
    ))
}

/// Who the token is: the student and its class (a client that kept a token checks it).
pub async fn me(
    State(app): State<AppState>,
    StudentAuth(s): StudentAuth,
) -> Result<Json<Value>, ApiError> {
    let class = app
        .store
        .class_of(&s.class_id)
        .await?
        .ok_or_else(|| ApiError::not_found("class"))?;
    Ok(Json(json!({ "student": s, "class": class })))
}

/// `POST /api/student/attempts`' body.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Start {
    assignment: String,
}

/// Starts an attempt: the server draws its seed and its clock starts now.
pub async fn start(
    State(app): State<AppState>,
    StudentAuth(s): StudentAuth,
    Body(body): Body<Start>,
) -> Result<(StatusCode, Json<Value>), ApiError> {
    let a = attempt::start(&app, &s, &body.assignment).await?;
    Ok((StatusCode::CREATED, Json(detail(&app, &a, &s.name).await?)))
}

/// The student's own attempts.
pub async fn attempts(
    State(app): State<AppState>,
    StudentAuth(s): StudentAuth,
) -> Result<Json<Vec<Value>>, ApiError> {
    let list = app.store.student_attempts(&s.id).await?;
    Ok(Json(
        list.iter()
            .map(|a| serde_json::to_value(summary(a, &s.name)).unwrap_or_default())
            .collect(),
    ))
}

/// One of the student's own attempts (another's is not said to exist).
pub async fn attempt_detail(
    State(app): State<AppState>,
    StudentAuth(s): StudentAuth,
    Path(id): Path<String>,
) -> Result<Json<Value>, ApiError> {
    let a = attempt::current(&app, &id)
        .await?
        .filter(|a| a.student_id == s.id)
        .ok_or_else(|| ApiError::not_found("attempt of yours"))?;
    detail(&app, &a, &s.name).await.map(Json)
}
