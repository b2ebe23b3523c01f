//! An attempt as the API shows it: who, what, where it stands, and its grade once over.

use crate::server::error::ApiError;
use crate::server::store::{AttemptRow, StoredEntry};
use crate::server::{AppState, deal};
use serde::Serialize;
use serde_json::{Value, json};

/// One attempt, for lists and exports.
#[derive(Clone, Debug, Serialize)]
pub struct AttemptSummary {
    /// The attempt's id.
    pub id: String,
    /// The student's id.
    pub student_id: String,
    /// The student's name.
    pub student: String,
    /// The assignment's id.
    pub assignment_id: String,
    /// The exercise's id.
    pub exercise: String,
    /// The seed of its patient.
    pub seed: u64,
    /// `live`, `finished` or `timed-out`.
    pub status: String,
    /// Started, ms since 1970.
    pub started_ms: i64,
    /// Graded, ms since 1970.
    pub finished_ms: Option<i64>,
    /// The last acknowledged entry (entries are numbered from 1: also how many there are).
    pub last_seq: i64,
    /// Its simulated time, s.
    pub last_t_s: f64,
    /// Simulated time graded at, s.
    pub end_t_s: Option<f64>,
    /// 0–100, once graded.
    pub score: Option<u32>,
    /// Whether the goal was met, once graded.
    pub goal_met: Option<bool>,
}

/// The summary of an attempt of `student`.
pub fn summary(a: &AttemptRow, student: &str) -> AttemptSummary {
    let e = a.ending.as_ref();
    AttemptSummary {
        id: a.id.clone(),
        student_id: a.student_id.clone(),
        student: student.to_string(),
        assignment_id: a.assignment_id.clone(),
        exercise: a.exercise.clone(),
        seed: a.seed,
        status: e.map_or("live", |e| e.how.as_str()).to_string(),
        started_ms: a.started_ms,
        finished_ms: e.map(|e| e.finished_ms),
        last_seq: a.last_seq,
        last_t_s: a.last_t_s,
        end_t_s: e.map(|e| e.end_t_s),
        score: e.map(|e| e.score),
        goal_met: e.map(|e| e.goal_met),
    }
}

/// A stored entry as the API shows it (its JSON columns as JSON).
pub fn entry_json(e: &StoredEntry) -> Value {
    json!({
        "seq": e.seq,
        "t_s": e.t_s,
        "sender": serde_json::from_str::<Value>(&e.sender).unwrap_or_default(),
        "command": serde_json::from_str::<Value>(&e.command).unwrap_or_default(),
        "outcome": e.outcome.as_deref().and_then(|o| serde_json::from_str::<Value>(o).ok()),
        "received_ms": e.received_ms,
    })
}

/// An attempt with its entries and, once graded, its grade and debrief.
pub async fn detail(app: &AppState, a: &AttemptRow, student: &str) -> Result<Value, ApiError> {
    let entries = app.store.entries(&a.id).await?;
    let entries_json: Vec<Value> = entries.iter().map(entry_json).collect();
    let report = a
        .ending
        .as_ref()
        .and_then(|e| serde_json::from_str::<Value>(&e.report).ok());
    let exercise = deal::exercise(&a.exercise);
    Ok(json!({
        "attempt": summary(a, student),
        "speed": a.speed,
        "time_budget_s": a.budget_s,
        "deadline_ms": a.deadline_ms,
        "title": exercise.map(|e| e.title.clone()),
        "entries": entries_json,
        "report": report,
    }))
}
