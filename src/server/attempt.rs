//! An attempt's life on the server: started with a seed the server draws, each entry
//! checked, replayed, stored and only then acknowledged, graded when the trainee finishes
//! or when time runs out. Everything an attempt is lives in the store, so any server
//! process on the same database can take the next entry.

use super::error::ApiError;
use super::referee::{self, Refused, WireEntry};
use super::store::{AttemptRow, Ending, StoreError, Student};
use super::{AppState, auth, deal, grade, now_ms};
use crate::session::LogEntry;
use std::time::Duration;

/// Wall-clock seconds after an attempt's time runs out before the server grades it (the
/// client's last entries may still be on their way).
const GRACE_S: f64 = 30.0;

/// How often each server process looks for attempts whose time ran out.
const SWEEP: Duration = Duration::from_secs(5);

/// Why an entry or a finish was not taken.
#[derive(Debug, thiserror::Error)]
pub enum LiveError {
    /// The referee refused it.
    #[error(transparent)]
    Refused(#[from] Refused),
    /// The database failed: nothing was stored, nothing acknowledged.
    #[error("the class database could not store this; it was not acknowledged: send it again")]
    Store(#[from] StoreError),
    /// Another connection moved the attempt on meanwhile.
    #[error(
        "another connection moved this attempt on meanwhile: reconnect to resume from the last acknowledged entry"
    )]
    Moved,
    /// The attempt's exercise, start or stored entries no longer replay.
    #[error("this attempt cannot be replayed: {0}")]
    Broken(String),
}

impl From<LiveError> for ApiError {
    fn from(e: LiveError) -> ApiError {
        if let LiveError::Store(s) = e {
            return s.into();
        }
        ApiError::new(axum::http::StatusCode::CONFLICT, e.to_string())
    }
}

/// Starts an attempt of one of the student's class's assignments.
pub async fn start(
    app: &AppState,
    student: &Student,
    assignment_id: &str,
) -> Result<AttemptRow, ApiError> {
    let assignment = app
        .store
        .assignment(assignment_id, &student.class_id)
        .await?
        .ok_or_else(|| ApiError::not_found("assignment in your class"))?;
    let exercise = deal::exercise(&assignment.exercise)
        .ok_or_else(|| ApiError::bad("this assignment's exercise is not built into this server"))?;
    let seed = assignment.seed.unwrap_or_else(deal::draw_seed);
    let started_ms = now_ms();
    let wall_s = exercise.time_budget_s / exercise.speed + GRACE_S;
    let new = AttemptRow {
        id: auth::random_hex(16),
        student_id: student.id.clone(),
        assignment_id: assignment.id,
        exercise: exercise.id.clone(),
        seed,
        speed: exercise.speed,
        budget_s: exercise.time_budget_s,
        started_ms,
        deadline_ms: started_ms + (wall_s * 1000.0) as i64,
        last_seq: 0,
        last_t_s: 0.0,
        skipped_s: 0.0,
        ending: None,
    };
    app.store.start_attempt(&new).await?;
    Ok(new)
}

/// The attempt, graded first if its time ran out.
pub async fn current(app: &AppState, id: &str) -> Result<Option<AttemptRow>, LiveError> {
    let Some(a) = app.store.attempt(id).await? else {
        return Ok(None);
    };
    if a.ending.is_none() && now_ms() > a.deadline_ms {
        finish(app, id, None).await?;
        return Ok(app.store.attempt(id).await?);
    }
    Ok(Some(a))
}

/// Takes one entry: checked, replayed, committed to the store, then acknowledged (the
/// returned receipt time, ms since 1970). Nothing of a refused entry is stored.
pub async fn entry(app: &AppState, attempt_id: &str, e: WireEntry) -> Result<i64, LiveError> {
    let a = current(app, attempt_id)
        .await?
        .ok_or_else(|| LiveError::Broken("it is not in the store".into()))?;
    let received_ms = now_ms();
    referee::check(&a, &e, received_ms)?;
    let stored = referee::stored(&e, received_ms).map_err(|x| LiveError::Broken(x.to_string()))?;
    let log = referee::log_entry(&e);
    let mut s = match app.replays.take(&a.id, a.last_seq) {
        Some(s) => s,
        None => rebuild(app, &a).await?,
    };
    let (s, replayed) = tokio::task::spawn_blocking(move || {
        let r = referee::replay(&mut s, &log);
        (s, r)
    })
    .await
    .map_err(|x| LiveError::Broken(x.to_string()))?;
    if let Err(divergence) = replayed {
        return Err(Refused::Outcome {
            seq: e.seq,
            divergence,
        }
        .into());
    }
    if !app
        .store
        .append(&a.id, &stored, referee::skip_s(&e))
        .await?
    {
        return Err(LiveError::Moved);
    }
    app.replays.put(&a.id, e.seq, s);
    app.hub.stored(&a.id, e.seq);
    Ok(received_ms)
}

/// An attempt's acknowledged entries as log entries.
async fn logged(app: &AppState, a: &AttemptRow) -> Result<Vec<LogEntry>, LiveError> {
    app.store
        .entries(&a.id)
        .await?
        .iter()
        .map(referee::from_stored)
        .collect::<Result<_, _>>()
        .map_err(|x| LiveError::Broken(x.to_string()))
}

/// The replay of an attempt rebuilt from the store (another process took its last entries,
/// or this one restarted).
pub async fn rebuild(app: &AppState, a: &AttemptRow) -> Result<crate::session::Session, LiveError> {
    let exercise = exercise_of(a)?;
    let entries = logged(app, a).await?;
    let seed = a.seed;
    tokio::task::spawn_blocking(move || referee::rebuild(exercise, seed, &entries))
        .await
        .map_err(|x| LiveError::Broken(x.to_string()))?
        .map_err(|x| LiveError::Broken(x.to_string()))
}

fn exercise_of(a: &AttemptRow) -> Result<&'static crate::training::exercise::Exercise, LiveError> {
    deal::exercise(&a.exercise).ok_or_else(|| {
        LiveError::Broken(format!(
            "exercise '{}' is not built into this server",
            a.exercise
        ))
    })
}

/// Grades the attempt: at the trainee's `t_s` when it finishes (`Some`), at the end of
/// the exercise's time when time ran out (`None`). An attempt graded already keeps its
/// grade.
pub async fn finish(
    app: &AppState,
    attempt_id: &str,
    t_s: Option<f64>,
) -> Result<Ending, LiveError> {
    let a = app
        .store
        .attempt(attempt_id)
        .await?
        .ok_or_else(|| LiveError::Broken("it is not in the store".into()))?;
    if let Some(ending) = a.ending {
        return Ok(ending);
    }
    let (how, end_t_s) = match t_s {
        Some(t) => ("finished", referee::end_time(&a, t, now_ms())?),
        None => ("timed-out", a.budget_s),
    };
    let exercise = exercise_of(&a)?;
    let entries = logged(app, &a).await?;
    let seed = a.seed;
    let report =
        tokio::task::spawn_blocking(move || grade::grade(exercise, seed, entries, end_t_s))
            .await
            .map_err(|x| LiveError::Broken(x.to_string()))?
            .map_err(|x| LiveError::Broken(x.to_string()))?;
    let ending = Ending {
        finished_ms: now_ms(),
        how: how.to_string(),
        end_t_s,
        score: report.score,
        goal_met: report.goal_met,
        report: serde_json::to_string(&report).map_err(|x| LiveError::Broken(x.to_string()))?,
    };
    if app.store.finish(&a.id, a.last_seq, &ending).await? {
        return Ok(ending);
    }
    // Another connection or process graded it (or took an entry) meanwhile.
    match app.store.attempt(attempt_id).await?.and_then(|a| a.ending) {
        Some(ending) => Ok(ending),
        None => Err(LiveError::Moved),
    }
}

/// Grades, every few seconds, the open attempts whose time ran out (any process may).
pub async fn sweep(app: AppState) {
    let mut tick = tokio::time::interval(SWEEP);
    loop {
        tick.tick().await;
        let overdue = match app.store.overdue(now_ms()).await {
            Ok(ids) => ids,
            Err(e) => {
                eprintln!("scs-sim serve: {e}");
                continue;
            }
        };
        for id in overdue {
            if let Err(e) = finish(&app, &id, None).await {
                eprintln!("scs-sim serve: attempt {id} could not be graded: {e}");
            }
        }
    }
}
