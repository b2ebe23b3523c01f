//! Which patient an attempt meets: the first variant drawn from its seed that keeps the
//! exercise fair — its start does not meet the goal, no amplitude alone meets it, and the
//! expert way planned for it does — so a wide variation never deals an attempt that is
//! given away or out of reach. The choice is deterministic (the same seed meets the same
//! variant, in the window, on replay and on the class server).

use super::exercise::{Exercise, FIRST_SEED, Goal, StartError};
use super::expert;
use super::judge::{judge, judged_view};
use crate::device::safety::WarningCode;
use crate::implant::pump::goal::PumpGoal;
use crate::session::{ProgrammerEdit, RemoteKey, Role, Session};
use std::collections::HashMap;
use std::sync::{Mutex, OnceLock};

/// Variants drawn for one attempt before it falls back to the patient as the file has
/// them (which the test suite holds fair).
const DRAWS: u64 = 8;

/// Amplitudes tried alone, mA: 0.5 to 12 in 0.5 mA steps.
const ALONE_MA: std::ops::RangeInclusive<u32> = 1..=24;

impl Exercise {
    /// The first attempt's session ([`FIRST_SEED`], or the fixed seed).
    pub fn start_session(&self) -> Result<Session, StartError> {
        self.start_attempt(self.attempt_seed(FIRST_SEED))
    }

    /// A new session set up for attempt `seed` of this exercise: its own fair variant of
    /// the patient and of the start's commands (logged as the exercise's), in the clinician
    /// programmer.
    pub fn start_attempt(&self, seed: u64) -> Result<Session, StartError> {
        if self.vary == Default::default() {
            return self.variant(seed, None);
        }
        let draw = fair_draw(self, seed)?;
        self.variant(seed, draw)
    }
}

/// The draw each (exercise file, attempt seed) met, found so far in this process.
type Found = Mutex<HashMap<(String, u64), Option<u64>>>;

/// The draw attempt `seed` meets (`None`: the file's own patient), found once per
/// exercise, seed and process: finding it plans the expert way of each candidate.
fn fair_draw(exercise: &Exercise, seed: u64) -> Result<Option<u64>, StartError> {
    static FOUND: OnceLock<Found> = OnceLock::new();
    let key = (ron::to_string(exercise).unwrap_or_default(), seed);
    let found = FOUND.get_or_init(Mutex::default);
    if let Some(draw) = found.lock().ok().and_then(|f| f.get(&key).copied()) {
        return Ok(draw);
    }
    let mut draw = None;
    for d in 0..DRAWS {
        // A variant whose start the device refuses (a setting out of its range) is not
        // dealt; a patient that cannot be opened is an error of the exercise.
        match exercise.variant(seed, Some(d)) {
            Ok(s) if fair(exercise, &s) => {
                draw = Some(d);
                break;
            }
            Ok(_) | Err(StartError::Refused { .. }) => {}
            Err(e) => return Err(e),
        }
    }
    if let Ok(mut f) = found.lock() {
        f.insert(key, draw);
    }
    Ok(draw)
}

/// The variant started in `s` keeps the exercise fair.
fn fair(exercise: &Exercise, s: &Session) -> bool {
    !met_without_trying(exercise, s)
        && !amplitude_alone_meets(exercise, s)
        && expert_meets(exercise, s)
}

/// A drug pump's expert way is in words, held by its own tests; what is played here is a
/// titration's, the careful one the debrief advises ([`expert::careful_titration`]).
fn pump_fair(exercise: &Exercise, goal: &PumpGoal, s: &Session) -> bool {
    match goal {
        PumpGoal::Titration {
            min_relief_percent,
            max_above_needed_mg: Some(_),
            ..
        } => {
            let budget = exercise.time_budget_s;
            let plan = expert::careful_titration(s, *min_relief_percent, budget);
            let t = expert::play_titration(s, &plan, budget * 0.95);
            judge(&exercise.goal, &t, &t.view()).met
        }
        _ => true,
    }
}

/// The goal is met at the start, or once the start has settled.
fn met_without_trying(exercise: &Exercise, s: &Session) -> bool {
    judge(&exercise.goal, s, &s.view()).met || judge(&exercise.goal, s, &s.steady_view()).met
}

/// Some amplitude alone (therapy on, every lead still in its introducer deployed where it
/// is) meets the goal once settled.
fn amplitude_alone_meets(exercise: &Exercise, s: &Session) -> bool {
    ALONE_MA.into_iter().any(|k| {
        let mut t = s.clone();
        let _ = t.apply_as(Role::Clinician, RemoteKey::TherapyOn);
        if t.apply_as(
            Role::Clinician,
            ProgrammerEdit::SetAmplitude(f64::from(k) * 0.5),
        )
        .is_err()
        {
            return false;
        }
        let leads = t.device().map_or(0, |d| d.nerve_leads.len());
        for lead in 0..leads {
            let _ = t.apply_as(Role::Clinician, ProgrammerEdit::DeployLead(lead));
        }
        judge(&exercise.goal, &t, &t.steady_view()).met
    })
}

/// The expert way planned for this variant meets the goal when played on it, and leaves
/// the patient comfortable (a drug pump's expert way is in words, held by its own tests;
/// here only what can be checked of it, [`pump_fair`]).
fn expert_meets(exercise: &Exercise, s: &Session) -> bool {
    if let Goal::Pump(goal) = &exercise.goal {
        return pump_fair(exercise, goal, s);
    }
    let plan = expert::plan(exercise, s);
    let mut t = s.clone();
    for c in plan.commands() {
        t.advance_to(c.t_s);
        if t.apply_as(Role::Clinician, c.command.clone()).is_err() {
            return false;
        }
    }
    t.advance_to(plan.finish_s);
    t.set_noise(0.0);
    let view = judged_view(&t);
    let comfortable = !view
        .alerts
        .iter()
        .any(|w| w.code == WarningCode::Discomfort);
    judge(&exercise.goal, &t, &view).met && comfortable
}
