//! The dashboard's results: one row per student and exercise (best and last score, the
//! last grade's criteria, time, attempts) and, per exercise, a histogram of the students'
//! best scores and the commonest mistakes (the criteria that lost the most points).

use super::teacher::own_class;
use crate::server::auth::Teacher;
use crate::server::error::ApiError;
use crate::server::store::{ClassAttempt, Ending};
use crate::server::{AppState, deal};
use axum::Json;
use axum::extract::{Path, State};
use serde::Serialize;
use serde_json::{Value, json};
use std::collections::BTreeMap;

/// Bins of the score histogram: 0–9, 10–19, …, 90–100.
const BINS: usize = 10;

/// One student's attempts at one exercise.
#[derive(Debug, Serialize)]
pub struct Row {
    /// The student's id.
    pub student_id: String,
    /// The student's name.
    pub student: String,
    /// The exercise's id.
    pub exercise: String,
    /// Attempts started, graded or not.
    pub attempts: usize,
    /// The best graded score.
    pub best: Option<u32>,
    /// The last graded score.
    pub last: Option<u32>,
    /// The latest attempt (to open as its debrief, or to watch while live).
    pub last_attempt: String,
    /// The latest attempt's status: `live`, `finished` or `timed-out`.
    pub last_status: String,
    /// Simulated time of the last graded attempt, s.
    pub simulated_s: Option<f64>,
    /// Whether the last graded attempt met the goal.
    pub goal_met: Option<bool>,
    /// The last graded attempt's criteria.
    pub criteria: Value,
}

/// A criterion's points lost over an exercise's graded attempts.
#[derive(Debug, Serialize)]
pub struct Mistake {
    /// The criterion ("Goal", "Safety", …).
    pub criterion: String,
    /// Points lost in all.
    pub lost: u64,
    /// Graded attempts that lost some.
    pub attempts: usize,
}

fn report(e: &Ending) -> Value {
    serde_json::from_str(&e.report).unwrap_or_default()
}

/// The rows, in the order of each pair's first attempt.
pub fn rows(attempts: &[ClassAttempt]) -> Vec<Row> {
    let mut rows: Vec<Row> = Vec::new();
    for r in attempts {
        let a = &r.attempt;
        let i = match rows
            .iter()
            .position(|x| x.student_id == a.student_id && x.exercise == a.exercise)
        {
            Some(i) => i,
            None => {
                rows.push(Row {
                    student_id: a.student_id.clone(),
                    student: r.student.clone(),
                    exercise: a.exercise.clone(),
                    attempts: 0,
                    best: None,
                    last: None,
                    last_attempt: String::new(),
                    last_status: String::new(),
                    simulated_s: None,
                    goal_met: None,
                    criteria: Value::Null,
                });
                rows.len() - 1
            }
        };
        let row = &mut rows[i];
        row.attempts += 1;
        row.last_attempt = a.id.clone();
        row.last_status = a.ending.as_ref().map_or("live", |e| &e.how).to_string();
        if let Some(e) = &a.ending {
            row.best = Some(row.best.map_or(e.score, |b| b.max(e.score)));
            row.last = Some(e.score);
            row.simulated_s = Some(e.end_t_s);
            row.goal_met = Some(e.goal_met);
            row.criteria = report(e)["criteria"].clone();
        }
    }
    rows
}

/// The points each criterion lost over `endings`, most first (none lost: left out).
pub fn mistakes<'a>(endings: impl Iterator<Item = &'a Ending>) -> Vec<Mistake> {
    let mut by: BTreeMap<String, (u64, usize)> = BTreeMap::new();
    for e in endings {
        let report = report(e);
        for c in report["criteria"].as_array().into_iter().flatten() {
            let lost = c["max"]
                .as_u64()
                .unwrap_or(0)
                .saturating_sub(c["points"].as_u64().unwrap_or(0));
            if lost > 0 {
                let name = c["name"].as_str().unwrap_or("?").to_string();
                let entry = by.entry(name).or_default();
                entry.0 += lost;
                entry.1 += 1;
            }
        }
    }
    let mut out: Vec<Mistake> = by
        .into_iter()
        .map(|(criterion, (lost, attempts))| Mistake {
            criterion,
            lost,
            attempts,
        })
        .collect();
    out.sort_by(|a, b| b.lost.cmp(&a.lost).then(b.attempts.cmp(&a.attempts)));
    out
}

/// Each student's best score of `exercise` counted in ten bins.
pub fn histogram(rows: &[Row], exercise: &str) -> [usize; BINS] {
    let mut bins = [0; BINS];
    for best in rows
        .iter()
        .filter(|r| r.exercise == exercise)
        .filter_map(|r| r.best)
    {
        bins[(best as usize / 10).min(BINS - 1)] += 1;
    }
    bins
}

/// The whole results table of a class's attempts.
pub fn table(attempts: &[ClassAttempt]) -> Value {
    let rows = rows(attempts);
    let mut exercises: Vec<&str> = Vec::new();
    for r in &rows {
        if !exercises.contains(&r.exercise.as_str()) {
            exercises.push(&r.exercise);
        }
    }
    let per_exercise: Vec<Value> = exercises
        .iter()
        .map(|ex| {
            let endings: Vec<&Ending> = attempts
                .iter()
                .filter(|r| r.attempt.exercise == *ex)
                .filter_map(|r| r.attempt.ending.as_ref())
                .collect();
            json!({
                "exercise": ex,
                "title": deal::exercise(ex).map(|e| e.title.clone()),
                "graded": endings.len(),
                "histogram": histogram(&rows, ex),
                "mistakes": mistakes(endings.into_iter()),
            })
        })
        .collect();
    json!({ "rows": rows, "exercises": per_exercise })
}

/// `GET /api/classes/{id}/results`.
pub async fn results(
    State(app): State<AppState>,
    t: Teacher,
    Path(id): Path<String>,
) -> Result<Json<Value>, ApiError> {
    let class = own_class(&app, &t, &id).await?;
    let attempts = app.store.class_attempts(&class.id).await?;
    Ok(Json(table(&attempts)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::server::store::AttemptRow;

    fn attempt(student: &str, score: Option<u32>, lost_safety: u32) -> ClassAttempt {
        let criteria = json!([
            {"name": "Goal", "points": 50, "max": 50, "detail": ""},
            {"name": "Safety", "points": 15 - lost_safety, "max": 15, "detail": ""},
        ]);
        ClassAttempt {
            attempt: AttemptRow {
                id: format!("{student}-{score:?}"),
                student_id: student.into(),
                assignment_id: "as".into(),
                exercise: "thresholds".into(),
                seed: 1,
                speed: 10.0,
                budget_s: 600.0,
                started_ms: 0,
                deadline_ms: 1,
                last_seq: 0,
                last_t_s: 0.0,
                skipped_s: 0.0,
                ending: score.map(|score| Ending {
                    finished_ms: 1,
                    how: "finished".into(),
                    end_t_s: 30.0,
                    score,
                    goal_met: score >= 50,
                    report: json!({ "criteria": criteria }).to_string(),
                }),
            },
            student: student.to_uppercase(),
        }
    }

    #[test]
    fn best_last_histogram_and_mistakes() {
        let all = [
            attempt("ana", Some(90), 0),
            attempt("ana", Some(65), 5),
            attempt("ben", Some(100), 0),
            attempt("cy", None, 0),
        ];
        let table = table(&all);
        let rows = table["rows"].as_array().expect("rows");
        assert_eq!(rows.len(), 3);
        assert_eq!(
            (&rows[0]["attempts"], &rows[0]["best"], &rows[0]["last"]),
            (&json!(2), &json!(90), &json!(65))
        );
        assert_eq!(
            rows[2]["best"],
            Value::Null,
            "a live attempt has no score yet"
        );
        assert_eq!(rows[2]["last_status"], "live");
        let ex = &table["exercises"][0];
        assert_eq!(ex["histogram"], json!([0, 0, 0, 0, 0, 0, 0, 0, 0, 2]));
        assert_eq!(ex["graded"], 3);
        assert_eq!(
            ex["mistakes"],
            json!([{"criterion": "Safety", "lost": 5, "attempts": 1}])
        );
    }
}
