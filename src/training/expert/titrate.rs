//! Titration by test stimulation on a copy of the session: the amplitude an expert settles
//! on, judged by the exercise's own goal.

use crate::device::program::{AMPLITUDE_STEP_MA, MAX_AMPLITUDE_MA};
use crate::session::{ProgrammerEdit, Role, Session};
use crate::training::exercise::Goal;
use crate::training::judge::judge;

/// The amplitude snapped up to the device's step.
pub(super) fn step_up(ma: f64) -> f64 {
    (ma / AMPLITUDE_STEP_MA - 1e-6).ceil() * AMPLITUDE_STEP_MA
}

/// The amplitude from `from_ma` up on the copy's present contacts that an expert settles
/// on: among those that meet the goal, the lowest within a point of the best relief (or
/// the one that relieves most when none meets it). The search stops at discomfort, a
/// twitch or a safety warning.
pub(super) fn titrate(s: &Session, goal: &Goal, from_ma: f64) -> Option<f64> {
    let mut tried: Vec<(bool, f64, f64)> = Vec::new();
    let mut ma = step_up(from_ma.max(AMPLITUDE_STEP_MA));
    let mut trial = s.clone();
    while ma <= MAX_AMPLITUDE_MA + 1e-9 {
        if trial
            .apply_as(Role::Clinician, ProgrammerEdit::SetAmplitude(ma))
            .is_err()
        {
            break;
        }
        let view = trial.steady_view();
        let unsafe_now = view.alerts.iter().any(|w| w.code.stops_titration());
        if unsafe_now || view.response.perception.twitch {
            break;
        }
        let met = judge(goal, &trial, &view).met;
        tried.push((met, view.pain.relief_percent, ma));
        ma = ((ma + AMPLITUDE_STEP_MA) * 10.0).round() / 10.0;
    }
    // Not the last step before discomfort: an expert keeps a margin.
    if tried.len() > 2 {
        tried.pop();
    }
    let any_met = tried.iter().any(|t| t.0);
    let pool: Vec<&(bool, f64, f64)> = tried.iter().filter(|t| t.0 == any_met).collect();
    let best = pool.iter().map(|t| t.1).fold(f64::NEG_INFINITY, f64::max);
    pool.iter().find(|t| t.1 >= best - 1.0).map(|t| t.2)
}
