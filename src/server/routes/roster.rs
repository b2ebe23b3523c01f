//! The teacher's live view of a class: the roster as it stands (each student's latest
//! attempt, its clock, last action in words, the patient's relief on the server's replay,
//! the connection), a key to watch an attempt from a window without the login cookie, and
//! the start of a demonstration the students follow.

use super::teacher::{own_attempt, own_class};
use crate::server::auth::{self, Teacher};
use crate::server::demo::{Demo, Opening};
use crate::server::error::{ApiError, Body};
use crate::server::store::AttemptRow;
use crate::server::{AppState, attempt, deal, now_ms, referee};
use crate::session::action_words::action_words;
use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use serde::Deserialize;
use serde_json::{Value, json};
use std::collections::HashMap;

/// `GET /api/classes/{id}/live`: one row per student, its latest attempt as it stands now.
pub async fn live(
    State(app): State<AppState>,
    t: Teacher,
    Path(id): Path<String>,
) -> Result<Json<Value>, ApiError> {
    let class = own_class(&app, &t, &id).await?;
    let roster = app.store.roster(&class.id).await?;
    let attempts = app.store.class_attempts(&class.id).await?;
    // Oldest first: the last one kept is each student's latest.
    let latest: HashMap<&str, &AttemptRow> = attempts
        .iter()
        .map(|r| (r.attempt.student_id.as_str(), &r.attempt))
        .collect();
    let mut students = Vec::with_capacity(roster.len());
    for s in &roster {
        let a = latest.get(s.id.as_str()).copied();
        let pulse = a.map(|a| app.hub.pulse(&a.id)).unwrap_or_default();
        let attempt = match a {
            Some(a) => now_of(&app, a).await,
            None => Value::Null,
        };
        students.push(json!({
            "student_id": s.id, "name": s.name, "connected": pulse.connected > 0,
            "watchers": pulse.watchers, "attempt": attempt,
        }));
    }
    let demo = app.demos.of_class(&class.id).map(|d| {
        let (exercise, patient) = opening_ids(&d.opening);
        json!({ "demo": d.id, "exercise": exercise, "patient": patient, "followers": d.followers() })
    });
    Ok(Json(
        json!({ "class": class, "demo": demo, "students": students }),
    ))
}

fn opening_ids(o: &Opening) -> (Option<&str>, Option<&str>) {
    (o.exercise(), o.patient())
}

/// An attempt as it stands now: clock, last action in words, relief.
async fn now_of(app: &AppState, a: &AttemptRow) -> Value {
    let (last_action, relief) = match &a.ending {
        Some(e) => {
            let report: Value = serde_json::from_str(&e.report).unwrap_or_default();
            let last = report["timeline"]
                .as_array()
                .and_then(|t| t.last())
                .and_then(|l| l["action"].as_str())
                .map(str::to_string);
            (last, report["relief_percent"].as_f64())
        }
        None => replayed(app, a).await,
    };
    let clock_s = match &a.ending {
        Some(e) => e.end_t_s,
        None => referee::clock_s(a, now_ms()),
    };
    json!({
        "id": a.id, "exercise": a.exercise,
        "title": deal::exercise(&a.exercise).map(|e| e.title.clone()),
        "status": a.ending.as_ref().map_or("live", |e| e.how.as_str()),
        "clock_s": clock_s, "budget_s": a.budget_s, "last_t_s": a.last_t_s, "last_seq": a.last_seq,
        "last_action": last_action, "relief_percent": relief,
        "score": a.ending.as_ref().map(|e| e.score),
        "goal_met": a.ending.as_ref().map(|e| e.goal_met),
    })
}

/// The last action in words and the relief, from the server's replay of a live attempt
/// (kept between entries; rebuilt from the store when this process does not hold it).
async fn replayed(app: &AppState, a: &AttemptRow) -> (Option<String>, Option<f64>) {
    let session = match app.replays.take(&a.id, a.last_seq) {
        Some(s) => s,
        None => match attempt::rebuild(app, a).await {
            Ok(s) => s,
            Err(_) => return (None, None),
        },
    };
    let last = session.log.last().filter(|_| a.last_seq > 0).map(|e| {
        let words = action_words(&e.command, None);
        match &e.refused {
            Some(why) => format!("{words} (refused: {why})"),
            None => words,
        }
    });
    let relief = session.view().pain.relief_percent;
    app.replays.put(&a.id, a.last_seq, session);
    (last, Some(relief))
}

/// `POST /api/attempts/{id}/watch`: a key to watch the attempt, valid as long as a login.
pub async fn watch_key(
    State(app): State<AppState>,
    t: Teacher,
    Path(id): Path<String>,
) -> Result<Json<Value>, ApiError> {
    let (a, _) = own_attempt(&app, &t.id, &id).await?;
    let key = auth::random_hex(32);
    let expires_ms = now_ms() + auth::LOGIN_MS;
    app.store
        .add_watch_key(&auth::token_hash(&key), &t.id, &a.id, expires_ms)
        .await?;
    Ok(Json(json!({
        "attempt": a.id, "key": key, "expires_ms": expires_ms,
        "link": format!("/?watch={}&key={key}", a.id),
    })))
}

/// `POST /api/classes/{id}/demo`'s body: an exercise or a built-in patient.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NewDemo {
    #[serde(default)]
    exercise: Option<String>,
    #[serde(default)]
    patient: Option<String>,
    #[serde(default)]
    seed: Option<u64>,
}

/// What a demonstration opens, checked: a built-in exercise (its speed) or patient (1×).
fn opening(body: NewDemo) -> Result<(Opening, f64), ApiError> {
    match (body.exercise, body.patient) {
        (Some(e), None) => {
            let exercise = deal::exercise(&e).ok_or_else(|| {
                ApiError::bad(format!(
                    "'{}' is not a built-in exercise (GET /api/exercises lists them)",
                    crate::files::shorten(&e)
                ))
            })?;
            Ok((Opening::Exercise(exercise.id.clone()), exercise.speed))
        }
        (None, Some(p)) if crate::library::ids().contains(&p.as_str()) => {
            Ok((Opening::Patient(p), 1.0))
        }
        (None, Some(p)) => Err(ApiError::bad(format!(
            "'{}' is not a built-in patient ({})",
            crate::files::shorten(&p),
            crate::library::ids().join(", ")
        ))),
        _ => Err(ApiError::bad(
            "a demonstration opens either an exercise or a patient",
        )),
    }
}

/// Starts the class's demonstration (ending its previous one).
pub async fn start_demo(
    State(app): State<AppState>,
    t: Teacher,
    Path(id): Path<String>,
    Body(body): Body<NewDemo>,
) -> Result<(StatusCode, Json<Value>), ApiError> {
    let class = own_class(&app, &t, &id).await?;
    deal::check_seed(body.seed).map_err(ApiError::bad)?;
    let seed = body.seed.unwrap_or_else(deal::draw_seed);
    let (opening, speed) = opening(body)?;
    let teacher = app.store.teacher_name(&t.id).await?.unwrap_or_default();
    let (demo, key) = Demo::new(&class.id, &teacher, opening, seed, speed, now_ms());
    let demo = app.demos.start(demo);
    let (exercise, patient) = opening_ids(&demo.opening);
    Ok((
        StatusCode::CREATED,
        Json(json!({
            "demo": demo.id, "key": key, "link": format!("/?follow={}", class.code),
            "exercise": exercise, "patient": patient, "seed": seed, "speed": speed,
        })),
    ))
}
