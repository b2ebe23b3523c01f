//! Grading an attempt with the window's own code: its entries become the recording the
//! window would save, and `training::score::score` grades it (criteria, debrief, expert).

use super::deal;
use crate::session::LogEntry;
use crate::training::exercise::Exercise;
use crate::training::score::{ScoreError, ScoreReport, score};

/// The grade of an attempt of `exercise` (seed `seed`) with the trainee's `entries`,
/// ended at simulated time `end_t_s`.
pub fn grade(
    exercise: &Exercise,
    seed: u64,
    entries: Vec<LogEntry>,
    end_t_s: f64,
) -> Result<ScoreReport, ScoreError> {
    let start = deal::start(exercise, seed)?;
    score(
        exercise,
        &deal::recording(exercise, &start, entries, end_t_s),
    )
}
