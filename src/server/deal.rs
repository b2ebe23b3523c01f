//! How the server deals an attempt: the exercise's start for the attempt's seed, and the
//! recording an attempt's entries make, graded by the window's own `score`.
//!
//! The seed is drawn per attempt (or fixed by the assignment) and stored with it; it picks
//! the attempt's own variant of the patient exactly as the window's attempts do, so the
//! grade equals the window's for the same seed and actions.

use crate::session::record::{Recording, SESSION_VERSION};
use crate::session::{LogEntry, Role, Session};
use crate::training::exercise::{BUILT_IN, Exercise, StartError, find};
use std::collections::HashMap;
use std::sync::OnceLock;

/// The session an attempt of `exercise` with seed `seed` starts from: its own fair variant
/// of the patient, the start's commands already applied and logged (an exercise that fixes
/// its seed starts every attempt with that one).
pub fn start(exercise: &Exercise, seed: u64) -> Result<Session, StartError> {
    exercise.start_attempt(exercise.attempt_seed(seed))
}

/// The sealed recording of an attempt, as the window saves it: the exercise's `start`
/// (with its seed), then the trainee's `entries`, ending at simulated time `end_t_s`.
pub fn recording(
    exercise: &Exercise,
    start: &Session,
    entries: Vec<LogEntry>,
    end_t_s: f64,
) -> Recording {
    let mut log = start.log.clone();
    log.extend(entries);
    Recording {
        version: SESSION_VERSION,
        patient: exercise.patient.clone(),
        seed: start.seed,
        role: Role::Clinician,
        exercise: Some(exercise.id.clone()),
        patient_moves: exercise.patient_moves,
        t_s: end_t_s,
        log,
        trainee: None,
        date: None,
        checksum: None,
    }
    .sealed()
}

/// A built-in exercise by id (never a file: a client names only what the server offers),
/// parsed once per process.
pub fn exercise(id: &str) -> Option<&'static Exercise> {
    static PARSED: OnceLock<HashMap<&'static str, Exercise>> = OnceLock::new();
    PARSED
        .get_or_init(|| {
            BUILT_IN
                .iter()
                .filter_map(|(id, _)| find(id).ok().map(|e| (*id, e)))
                .collect()
        })
        .get(id)
}

/// The largest seed the server draws or takes: 2^53 − 1, the largest whole number a
/// JavaScript number holds exactly, so the dashboard and any script reading `/api` see
/// the seed that picked the patient, not a rounded one (it also fits the store's signed
/// 64-bit column).
pub const MAX_SEED: u64 = (1 << 53) - 1;

/// A new seed, for an attempt or a demonstration whose teacher fixed none.
pub fn draw_seed() -> u64 {
    rand::random::<u64>() & MAX_SEED
}

/// A teacher's seed (an assignment's, a demonstration's), or the sentence refusing it.
pub fn check_seed(seed: Option<u64>) -> Result<(), String> {
    match seed {
        Some(s) if s > MAX_SEED => Err(format!(
            "a seed is at most {MAX_SEED} (a larger one would be rounded in a browser)"
        )),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn drawn_seeds_survive_a_javascript_number() {
        for _ in 0..1000 {
            let seed = draw_seed();
            assert_eq!(seed as f64 as u64, seed, "{seed} rounds in JavaScript");
        }
        // Not all small: the draw still spans the 53 bits.
        assert!((0..1000).any(|_| draw_seed() > 1 << 52));
    }

    #[test]
    fn a_teachers_seed_beyond_what_a_browser_holds_is_refused() {
        assert!(check_seed(None).is_ok() && check_seed(Some(MAX_SEED)).is_ok());
        assert!(
            check_seed(Some(MAX_SEED + 1))
                .unwrap_err()
                .contains("at most")
        );
    }
}
