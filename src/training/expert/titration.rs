//! A careful titration (ziconotide's: start low, go slow, stop where it relieves), planned
//! only from what the trainee sees: the relief the patient panel shows now. The fairness
//! of a varied attempt, the tests and the debrief's words all use this one plan.

use crate::implant::Therapy as _;
use crate::implant::pump::rules::{ZICONOTIDE_MAX_MG, ZICONOTIDE_STEP_MG};
use crate::implant::pump::{PumpEdit, PumpImplant};
use crate::session::{ProgrammerEdit, Role, Session};

/// Days a careful titration waits after each step before judging it (the relief builds
/// over a day or so; the rules allow 3 steps a week).
pub const WATCH_DAYS: f64 = 3.0;

const DAY_S: f64 = 86_400.0;

/// The pump's daily dose and the relief shown now, %.
fn dose_and_relief(s: &Session) -> Option<(f64, f64)> {
    let p = s.implant().downcast_ref::<PumpImplant>()?;
    Some((p.pump.daily_dose_mg, p.pain(&s.patient, 0.0).relief_percent))
}

/// The careful titration of the attempt started in `start`, as (day, mg/day) steps: every
/// [`WATCH_DAYS`] while the relief shown is under `min_relief_percent`, one step up, the
/// largest allowed while the relief is under half the goal and half of it nearer, so the
/// last step lands at most half a step above the least dose that relieves; then hold. No
/// step is planned that would not be watched within `budget_s`.
pub fn careful_titration(
    start: &Session,
    min_relief_percent: f64,
    budget_s: f64,
) -> Vec<(f64, f64)> {
    let mut s = start.clone();
    let mut plan = Vec::new();
    let mut day = 0.0;
    while let Some((dose, relief)) = dose_and_relief(&s) {
        if relief >= min_relief_percent
            || dose >= ZICONOTIDE_MAX_MG - 1e-12
            || (day + WATCH_DAYS) * DAY_S > budget_s
        {
            break;
        }
        let step = if relief < min_relief_percent / 2.0 {
            ZICONOTIDE_STEP_MG
        } else {
            ZICONOTIDE_STEP_MG / 2.0
        };
        let next = (dose + step).min(ZICONOTIDE_MAX_MG);
        if s.apply_as(
            Role::Clinician,
            ProgrammerEdit::Pump(PumpEdit::SetDailyDose(next)),
        )
        .is_err()
        {
            break;
        }
        plan.push((day, next));
        day += WATCH_DAYS;
        s.advance_to(day * DAY_S);
    }
    plan
}

/// `plan`'s steps played on `start` at their days as the clinician, then on to `until_s`.
pub fn play_titration(start: &Session, plan: &[(f64, f64)], until_s: f64) -> Session {
    let mut s = start.clone();
    for &(day, mg) in plan {
        s.advance_to(day * DAY_S);
        let _ = s.apply_as(
            Role::Clinician,
            ProgrammerEdit::Pump(PumpEdit::SetDailyDose(mg)),
        );
    }
    s.advance_to(until_s);
    s
}
