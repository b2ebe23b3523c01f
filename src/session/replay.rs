//! Checked replay: every recorded command is applied again at its time and its outcome
//! (accepted, or which rule refused it) compared with the one recorded. The first
//! difference is reported in one sentence, so a recording never silently changes meaning
//! when a rule changes.

use super::{LogEntry, Role, Session};
use crate::implant::command::{AccessRequest, Command};
use crate::implant::refusal::Refusal;

/// The first entry whose outcome on replay differs from the recorded one.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
#[error("entry {} of the log ({})", index + 1, self.what())]
pub struct Divergence {
    /// Position in the log (0-based).
    pub index: usize,
    /// Simulated time of the entry, s.
    pub t_s: f64,
    /// The command.
    pub command: Command,
    /// The recorded outcome.
    pub recorded: Option<Refusal>,
    /// The outcome on replay.
    pub replayed: Option<Refusal>,
}

impl Divergence {
    /// What differs, without the entry's place in the log: "SetAmplitude(2.0) at t = 4.0 s
    /// was accepted when recorded but refused (…) on replay" (a class attempt numbers its
    /// entries from the trainee's first, not from the log's).
    pub fn what(&self) -> String {
        format!(
            "{:?} at t = {:.1} s was {} when recorded but {} on replay",
            self.command,
            self.t_s,
            outcome(&self.recorded),
            outcome(&self.replayed)
        )
    }
}

fn outcome(r: &Option<Refusal>) -> String {
    match r {
        None => "accepted".into(),
        Some(why) => format!("refused (\"{why}\")"),
    }
}

fn same(a: &Option<Refusal>, b: &Option<Refusal>) -> bool {
    match (a, b) {
        (None, None) => true,
        (Some(x), Some(y)) => x.same_rule(y),
        _ => false,
    }
}

/// Moves the session to the entry's time and applies it again; `index` is the entry's
/// place in the recording (for the report). Errors if the outcome differs.
pub fn replay_entry(
    s: &mut Session,
    index: usize,
    entry: &LogEntry,
) -> Result<(), Box<Divergence>> {
    s.advance_to(entry.t_s);
    let replayed = match &entry.command {
        // PINs are never recorded: a login or a PIN change is replayed by its recorded
        // outcome, where the rest of the state allows that outcome.
        Command::Access(AccessRequest::EnterClinician { .. }) => replay_login(s, entry),
        Command::Access(AccessRequest::SetClinicianPin { .. }) => replay_pin_change(s, entry),
        _ => s.apply_as(entry.role, entry.command.clone()).err(),
    };
    if same(&entry.refused, &replayed) {
        Ok(())
    } else {
        Err(Box::new(Divergence {
            index,
            t_s: entry.t_s,
            command: entry.command.clone(),
            recorded: entry.refused.clone(),
            replayed,
        }))
    }
}

/// A recorded login, replayed by its recorded outcome (PINs are never recorded). The
/// simulated-time lock-out is not imposed again: the window locks on the wall clock, so a
/// login accepted after a wall-clock lock-out may come at any simulated time. A recorded
/// wrong PIN still counts as a failure. Returns the outcome the replay finds.
fn replay_login(s: &mut Session, entry: &LogEntry) -> Option<Refusal> {
    s.log.push(entry.clone());
    // From the days at home nothing is taken, a login neither.
    if s.t_s < s.away_until_s {
        return Some(Refusal::AtHome {
            until_s: s.away_until_s,
        });
    }
    if s.role == Role::Clinician {
        return None;
    }
    match &entry.refused {
        None => {
            s.access.clear_lockout();
            s.role = Role::Clinician;
            None
        }
        Some(Refusal::WrongPin { .. }) => {
            s.access.record_failure(s.t_s);
            Some(Refusal::WrongPin {
                locked: s.access.locked_until_s.is_some(),
            })
        }
        Some(other) => Some(other.clone()),
    }
}

/// A recorded PIN change, replayed by its recorded outcome where the rules allow it: only
/// a logged-in clinician, never in an exercise. The PIN itself is not recorded, so the
/// replayed session keeps its lock as it was.
fn replay_pin_change(s: &mut Session, entry: &LogEntry) -> Option<Refusal> {
    s.log.push(entry.clone());
    if entry.refused.is_some() {
        return entry.refused.clone();
    }
    if entry.role != Role::Clinician || s.role != Role::Clinician {
        Some(Refusal::NotAllowed)
    } else if s.exercise.is_some() {
        Some(Refusal::PinChangeInExercise)
    } else {
        None
    }
}
