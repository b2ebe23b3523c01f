//! A class's results for a spreadsheet (CSV) and for a training department's Learning
//! Record Store (xAPI 1.0.3 statements).

use super::teacher::own_class;
use crate::server::auth::Teacher;
use crate::server::error::ApiError;
use crate::server::store::ClassAttempt;
use crate::server::{AppState, deal};
use axum::Json;
use axum::extract::{Path, State};
use axum::http::header::{CONTENT_DISPOSITION, CONTENT_TYPE, HOST};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};
use sha2::{Digest, Sha256};
use std::time::{Duration, UNIX_EPOCH};

/// A time in ms since 1970 as RFC 3339 (ISO 8601) UTC.
fn iso(ms: i64) -> String {
    let t = UNIX_EPOCH + Duration::from_millis(u64::try_from(ms).unwrap_or(0));
    humantime::format_rfc3339_millis(t).to_string()
}

/// The criteria of a graded attempt's stored report: "Goal 50/50; Relief 12/20; …".
fn criteria(row: &ClassAttempt) -> String {
    let Some(report) = row
        .attempt
        .ending
        .as_ref()
        .and_then(|e| serde_json::from_str::<Value>(&e.report).ok())
    else {
        return String::new();
    };
    report["criteria"]
        .as_array()
        .map(|list| {
            list.iter()
                .map(|c| {
                    format!(
                        "{} {}/{}",
                        c["name"].as_str().unwrap_or("?"),
                        c["points"],
                        c["max"]
                    )
                })
                .collect::<Vec<_>>()
                .join("; ")
        })
        .unwrap_or_default()
}

/// `GET /api/classes/{id}/results.csv`: one row per attempt.
pub async fn csv(
    State(app): State<AppState>,
    t: Teacher,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    let class = own_class(&app, &t, &id).await?;
    let rows = app.store.class_attempts(&class.id).await?;
    let mut w = csv::Writer::from_writer(Vec::new());
    let failed = |_| {
        ApiError::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "the CSV could not be written",
        )
    };
    w.write_record([
        "student",
        "student_id",
        "exercise",
        "title",
        "attempt",
        "seed",
        "status",
        "started",
        "finished",
        "simulated_s",
        "entries",
        "score",
        "goal_met",
        "criteria",
    ])
    .map_err(failed)?;
    for row in &rows {
        let a = &row.attempt;
        let e = a.ending.as_ref();
        let title = deal::exercise(&a.exercise)
            .map(|x| x.title.clone())
            .unwrap_or_default();
        w.write_record([
            row.student.clone(),
            a.student_id.clone(),
            a.exercise.clone(),
            title,
            a.id.clone(),
            a.seed.to_string(),
            e.map_or("live", |e| e.how.as_str()).to_string(),
            iso(a.started_ms),
            e.map(|e| iso(e.finished_ms)).unwrap_or_default(),
            format!("{:.1}", e.map_or(a.last_t_s, |e| e.end_t_s)),
            a.last_seq.to_string(),
            e.map(|e| e.score.to_string()).unwrap_or_default(),
            e.map(|e| e.goal_met.to_string()).unwrap_or_default(),
            criteria(row),
        ])
        .map_err(failed)?;
    }
    let bytes = w.into_inner().map_err(|_| {
        ApiError::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "the CSV could not be written",
        )
    })?;
    let name = format!("attachment; filename=\"results-{}.csv\"", class.code);
    Ok((
        [
            (CONTENT_TYPE, "text/csv; charset=utf-8".to_string()),
            (CONTENT_DISPOSITION, name),
        ],
        bytes,
    )
        .into_response())
}

/// A UUID (version 4 form) derived from `text`, so the same attempt always gives the same
/// statement ids and an LRS keeps one copy.
fn uuid(text: &str) -> String {
    let mut b: [u8; 16] = Sha256::digest(text.as_bytes())[..16]
        .try_into()
        .unwrap_or([0; 16]);
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    let h: String = b.iter().map(|x| format!("{x:02x}")).collect();
    format!(
        "{}-{}-{}-{}-{}",
        &h[0..8],
        &h[8..12],
        &h[12..16],
        &h[16..20],
        &h[20..32]
    )
}

/// An ISO 8601 duration of `ms`.
fn duration(ms: i64) -> String {
    format!("PT{:.2}S", ms.max(0) as f64 / 1000.0)
}

fn verb(name: &str) -> Value {
    json!({ "id": format!("http://adlnet.gov/expapi/verbs/{name}"), "display": { "en-US": name } })
}

/// The statements of one graded attempt: `completed`, then `passed` or `failed`.
fn statements(row: &ClassAttempt, home: &str) -> Vec<Value> {
    let a = &row.attempt;
    let Some(e) = &a.ending else {
        return Vec::new();
    };
    let title = deal::exercise(&a.exercise).map_or(a.exercise.clone(), |x| x.title.clone());
    let actor = json!({ "objectType": "Agent", "name": row.student, "account": { "homePage": home, "name": a.student_id } });
    let object = json!({
        "objectType": "Activity",
        "id": format!("{home}exercises/{}", a.exercise),
        "definition": { "name": { "en-US": title }, "type": "http://adlnet.gov/expapi/activities/simulation" },
    });
    let result = json!({
        "score": { "scaled": f64::from(e.score) / 100.0, "raw": e.score, "min": 0, "max": 100 },
        "success": e.goal_met,
        "completion": true,
        "duration": duration(e.finished_ms - a.started_ms),
    });
    let outcome = if e.goal_met { "passed" } else { "failed" };
    ["completed", outcome]
        .into_iter()
        .map(|v| {
            json!({
                "id": uuid(&format!("{}/{v}", a.id)),
                "version": "1.0.3",
                "actor": actor,
                "verb": verb(v),
                "object": object,
                "result": result,
                "timestamp": iso(e.finished_ms),
                "context": { "registration": uuid(&a.id), "extensions": { format!("{home}xapi/seed"): a.seed } },
            })
        })
        .collect()
}

/// `GET /api/classes/{id}/xapi`: the graded attempts as xAPI 1.0.3 statements.
pub async fn xapi(
    State(app): State<AppState>,
    t: Teacher,
    Path(id): Path<String>,
    headers: HeaderMap,
) -> Result<Json<Vec<Value>>, ApiError> {
    let class = own_class(&app, &t, &id).await?;
    let host = headers
        .get(HOST)
        .and_then(|h| h.to_str().ok())
        .filter(|h| {
            h.chars()
                .all(|c| c.is_ascii_alphanumeric() || ".-:[]".contains(c))
        })
        .unwrap_or("localhost");
    let home = format!("http://{host}/");
    let rows = app.store.class_attempts(&class.id).await?;
    Ok(Json(
        rows.iter().flat_map(|r| statements(r, &home)).collect(),
    ))
}
