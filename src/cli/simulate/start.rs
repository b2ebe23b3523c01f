//! The run's own numbers checked, and the session `simulate` starts from: the patient's
//! (programmed by SETUP) or an exercise's scene.

use crate::cli::args::Simulate;
use crate::cli::setup;
use anyhow::{Result, anyhow};
use scs_sim::files::{self, shorten};
use scs_sim::implant::therapy::WEEK;
use scs_sim::library;
use scs_sim::session::Session;
use scs_sim::training::exercise;
use std::io::Write as _;

/// The longest run for the patient `simulate` names, s, and in words.
fn longest_run(a: &Simulate) -> (f64, &'static str) {
    let patient = match &a.exercise {
        Some(e) => exercise::find(e).ok().map(|e| e.patient),
        None => Some(
            a.setup
                .patient
                .clone()
                .unwrap_or(library::DEFAULT_ID.into()),
        ),
    };
    patient
        .and_then(|p| library::open(&p).ok())
        .map_or(WEEK, |(_, implant)| implant.therapy().longest_run())
}

/// Checks the run's own numbers, naming the flag.
pub fn check_run(a: &Simulate) -> Result<()> {
    let (seconds, interval_s) = (a.seconds, a.interval_s);
    let (max, words) = longest_run(a);
    if !seconds.is_finite() || seconds <= 0.0 || seconds > max {
        return Err(anyhow!(
            "--seconds {seconds} must be more than 0 and at most {max} ({words})"
        ));
    }
    if !interval_s.is_finite() || interval_s < 0.01 || interval_s > seconds {
        return Err(anyhow!(
            "--interval-s {interval_s} must be from 0.01 to --seconds ({seconds})"
        ));
    }
    if let Some(t) = a.stop_at
        && (!t.is_finite() || t < 0.0)
    {
        return Err(anyhow!(
            "--stop-at {t} must be a time in seconds, 0 or more"
        ));
    }
    Ok(())
}

/// The session `simulate` runs, and the patient name its saved file would record.
pub fn start(a: &Simulate) -> Result<(Session, String)> {
    let Some(name) = &a.exercise else {
        let patient = a.setup.patient.as_deref().unwrap_or(library::DEFAULT_ID);
        let session = setup::build(&a.setup, a.seed.unwrap_or(1))?;
        return Ok((session, patient.to_string()));
    };
    let exercise = exercise::find(name).map_err(|e| anyhow!("--exercise: {e}"))?;
    if let (Some(given), Some(fixed)) = (a.seed, exercise.seed)
        && given != fixed
    {
        return Err(anyhow!(
            "--seed {given}: exercise '{}' fixes its seed ({fixed}), so every attempt meets the same patient",
            shorten(&exercise.id)
        ));
    }
    if a.save_session.is_some() && !files::is_plain_id(&exercise.id) {
        return Err(anyhow!(
            "--save-session: exercise id '{}' is not a plain id (letters, digits, - and _), so a session of it could not be read back",
            shorten(&exercise.id)
        ));
    }
    // Each run is a new attempt with its own variant of the patient, unless a seed is given.
    let seed = exercise.attempt_seed(a.seed.unwrap_or_else(rand::random));
    let session = setup::build_exercise(&a.setup, &exercise, seed)?;
    // Said on stderr so the same attempt can be run again; a closed stderr loses only this.
    let _ = writeln!(
        std::io::stderr(),
        "exercise '{}': attempt seed {seed} (run the same variant again with --seed {seed})",
        shorten(&exercise.id)
    );
    Ok((session, exercise.patient))
}
