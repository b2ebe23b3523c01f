//! Playing an expert plan on the exercise's own session, as the clinician would.

use super::steps::ExpertPlan;
use crate::session::{Refusal, Role, Session};
use crate::training::exercise::{Exercise, StartError};

/// Why the expert's plan could not be played.
#[derive(Debug, thiserror::Error)]
pub enum PlayError {
    /// The exercise's own start could not be set up.
    #[error(transparent)]
    Start(#[from] StartError),
    /// A command of the plan was refused.
    #[error("the expert's step at {t_s:.0} s is refused: {refusal}")]
    Refused {
        /// Simulated time of the command, s.
        t_s: f64,
        /// Why it was refused.
        refusal: Refusal,
    },
}

/// Plays `plan` from the start of the exercise's attempt `seed` as the clinician would,
/// then runs simulated time on to the plan's finish. A refused command is an error (the
/// plan must be valid for that attempt).
pub fn play(exercise: &Exercise, plan: &ExpertPlan, seed: u64) -> Result<Session, PlayError> {
    let mut s = exercise.start_attempt(seed)?;
    for c in plan.commands() {
        s.advance_to(c.t_s);
        s.apply_as(Role::Clinician, c.command.clone())
            .map_err(|refusal| PlayError::Refused {
                t_s: c.t_s,
                refusal,
            })?;
    }
    s.advance_to(plan.finish_s);
    Ok(s)
}
