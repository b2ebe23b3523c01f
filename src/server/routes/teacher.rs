//! The teacher's routes: login and logout, classes, assignments, roster, attempts and
//! their entries, grade and debrief. Every one but login needs the login cookie.

use super::summary::{AttemptSummary, summary};
use crate::server::auth::{self, Teacher};
use crate::server::error::{ApiError, Body};
use crate::server::names::clean_name;
use crate::server::store::{Assignment, AttemptRow, Class, Student};
use crate::server::{AppState, attempt, deal, now_ms};
use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::http::header::SET_COOKIE;
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use serde_json::{Value, json};

/// `POST /api/teacher/login`'s body.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Login {
    name: String,
    password: String,
}

/// Checks the password (argon2, a few at a time) and sets the login cookie.
pub async fn login(
    State(app): State<AppState>,
    Body(body): Body<Login>,
) -> Result<Response, ApiError> {
    let wrong = || ApiError::new(StatusCode::UNAUTHORIZED, "wrong teacher name or password");
    let Some((id, hash)) = app.store.teacher(&body.name).await? else {
        return Err(wrong());
    };
    let _turn = app.login_gate.acquire().await.map_err(|_| wrong())?;
    let ok = tokio::task::spawn_blocking(move || auth::verify_password(&body.password, &hash))
        .await
        .unwrap_or(false);
    if !ok {
        return Err(wrong());
    }
    let token = auth::random_hex(32);
    app.store
        .open_session(&auth::token_hash(&token), &id, now_ms() + auth::LOGIN_MS)
        .await?;
    let cookie = auth::login_cookie(&token, app.secure_cookies);
    Ok(([(SET_COOKIE, cookie)], Json(json!({ "teacher": id }))).into_response())
}

/// Ends the login.
pub async fn logout(State(app): State<AppState>, t: Teacher) -> Result<Response, ApiError> {
    app.store.close_session(&t.token_hash).await?;
    Ok((
        [(SET_COOKIE, auth::logout_cookie())],
        Json(json!({ "logged_out": true })),
    )
        .into_response())
}

/// `POST /api/classes`'s body.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NewClass {
    name: String,
}

/// A join code: six letters and digits that read unambiguously aloud and on a board.
fn join_code() -> String {
    const ALPHABET: &[u8] = b"ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    (0..6)
        .map(|_| ALPHABET[rand::random_range(0..ALPHABET.len())] as char)
        .collect()
}

/// Creates a class with a fresh join code.
pub async fn create_class(
    State(app): State<AppState>,
    t: Teacher,
    Body(body): Body<NewClass>,
) -> Result<(StatusCode, Json<Class>), ApiError> {
    let name = clean_name(&body.name, "class name")?;
    for _ in 0..20 {
        let class = Class {
            id: auth::random_hex(16),
            name: name.clone(),
            code: join_code(),
        };
        if app.store.create_class(&class, &t.id, now_ms()).await? {
            return Ok((StatusCode::CREATED, Json(class)));
        }
    }
    Err(ApiError::new(
        StatusCode::SERVICE_UNAVAILABLE,
        "no free join code was found; try again",
    ))
}

/// The teacher's classes.
pub async fn classes(
    State(app): State<AppState>,
    t: Teacher,
) -> Result<Json<Vec<Class>>, ApiError> {
    Ok(Json(app.store.classes(&t.id).await?))
}

/// The class if it is this teacher's (404 otherwise: another teacher's class is not said
/// to exist).
pub async fn own_class(app: &AppState, t: &Teacher, id: &str) -> Result<Class, ApiError> {
    app.store
        .teachers_class(id, &t.id)
        .await?
        .ok_or_else(|| ApiError::not_found("class of yours"))
}

/// A class with its assignments and roster.
pub async fn class(
    State(app): State<AppState>,
    t: Teacher,
    Path(id): Path<String>,
) -> Result<Json<Value>, ApiError> {
    let class = own_class(&app, &t, &id).await?;
    let assignments = app.store.assignments(&class.id).await?;
    let roster = app.store.roster(&class.id).await?;
    Ok(Json(
        json!({ "class": class, "assignments": assignments, "roster": roster }),
    ))
}

/// `POST /api/classes/{id}/assignments`' body.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NewAssignment {
    exercise: String,
    #[serde(default)]
    seed: Option<u64>,
    #[serde(default)]
    due_ms: Option<i64>,
}

/// Gives the class an exercise.
pub async fn add_assignment(
    State(app): State<AppState>,
    t: Teacher,
    Path(id): Path<String>,
    Body(body): Body<NewAssignment>,
) -> Result<(StatusCode, Json<Assignment>), ApiError> {
    let class = own_class(&app, &t, &id).await?;
    let exercise = deal::exercise(&body.exercise).ok_or_else(|| {
        ApiError::bad(format!(
            "'{}' is not a built-in exercise (GET /api/exercises lists them)",
            crate::files::shorten(&body.exercise)
        ))
    })?;
    deal::check_seed(body.seed).map_err(ApiError::bad)?;
    let given = app.store.assignments(&class.id).await?;
    if given
        .iter()
        .any(|a| a.exercise == exercise.id && a.seed == body.seed)
    {
        // Two identical lines in the students' list would tell them nothing apart.
        let patient = body
            .seed
            .map_or("a new patient each attempt".to_string(), |s| {
                format!("seed {s}")
            });
        return Err(ApiError::new(
            StatusCode::CONFLICT,
            format!("this class already has {} with {patient}", exercise.title),
        ));
    }
    let a = Assignment {
        id: auth::random_hex(16),
        class_id: class.id,
        exercise: exercise.id.clone(),
        seed: body.seed,
        due_ms: body.due_ms,
    };
    app.store.add_assignment(&a, now_ms()).await?;
    Ok((StatusCode::CREATED, Json(a)))
}

/// Every attempt in the class (one whose time ran out is graded by the sweeper within seconds).
pub async fn attempts(
    State(app): State<AppState>,
    t: Teacher,
    Path(id): Path<String>,
) -> Result<Json<Vec<AttemptSummary>>, ApiError> {
    let class = own_class(&app, &t, &id).await?;
    let rows = app.store.class_attempts(&class.id).await?;
    Ok(Json(
        rows.iter()
            .map(|r| summary(&r.attempt, &r.student))
            .collect(),
    ))
}

/// The attempt `id` and its student, if it is in one of teacher `teacher_id`'s classes
/// (another's is not said to exist).
pub async fn own_attempt(
    app: &AppState,
    teacher_id: &str,
    id: &str,
) -> Result<(AttemptRow, Student), ApiError> {
    let not_found = || ApiError::not_found("attempt in your classes");
    let a = attempt::current(app, id).await?.ok_or_else(not_found)?;
    let student = app
        .store
        .student(&a.student_id)
        .await?
        .ok_or_else(not_found)?;
    app.store
        .teachers_class(&student.class_id, teacher_id)
        .await?
        .ok_or_else(not_found)?;
    Ok((a, student))
}

/// One attempt of the teacher's classes with its entries and debrief.
pub async fn attempt_detail(
    State(app): State<AppState>,
    t: Teacher,
    Path(id): Path<String>,
) -> Result<Json<Value>, ApiError> {
    let (a, student) = own_attempt(&app, &t.id, &id).await?;
    super::summary::detail(&app, &a, &student.name)
        .await
        .map(Json)
}

/// Who is logged in (the dashboard asks at load).
pub async fn me(State(app): State<AppState>, t: Teacher) -> Result<Json<Value>, ApiError> {
    let name = app.store.teacher_name(&t.id).await?;
    Ok(Json(json!({ "teacher": t.id, "name": name })))
}
