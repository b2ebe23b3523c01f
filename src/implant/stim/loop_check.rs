//! The check a closed-loop goal runs on the final settings, as a clinician checks a new
//! loop before the patient leaves: lying down, standing up, coughing and bending while the
//! ECAP is watched (REFERENCES-ECAP §3–§5). The same schedule runs whatever the trainee
//! did, open loop at the delivered current or closed loop with the program's settings, so
//! a grade compares like with like; it is deterministic (no noise, simulated time only).

use super::Stimulator;
use super::closed_loop::{LoopRun, Schedule, run};
use crate::implant::goal::Verdict;
use crate::patient::Patient;
use crate::patient::anatomy::Posture;
use crate::patient::cord_motion::{CordMotion, Jolt};

/// Length of the check, s.
pub const CHECK_S: f64 = 80.0;

/// The check's changes of posture: from when, to which (`None`: back to where the patient
/// was at the end of the session).
pub const CHECK_POSTURES: [(f64, Option<Posture>); 3] = [
    (15.0, Some(Posture::Supine)),
    (35.0, Some(Posture::Standing)),
    (60.0, None),
];

/// The check's coughs and bend: when, and which.
pub const CHECK_JOLTS: [(f64, Jolt); 5] = [
    (8.0, Jolt::Cough),
    (25.0, Jolt::Cough),
    (45.0, Jolt::Cough),
    (50.0, Jolt::Bend),
    (70.0, Jolt::Cough),
];

/// Updates a second of an open-loop check (it samples the ECAP as a closed one would).
const OPEN_LOOP_HZ: f64 = 50.0;

/// What the check found.
#[derive(Clone, Debug, PartialEq)]
pub struct LoopCheck {
    /// Closed loop was on (the program in closed loop, delivering).
    pub closed: bool,
    /// The run through the check.
    pub run: LoopRun,
    /// The patient's window in ECAP, µV (at perception, at discomfort).
    pub window_uv: (f64, f64),
    /// The ECAP halfway between the perception and discomfort thresholds in current, µV.
    pub middle_uv: f64,
}

/// A schedule for `st` in `patient` (from the posture the patient is in): the cord moving
/// with `postures` (`None`: back to that posture), `jolts` and the ripple, for `seconds`,
/// against the patient's window; `None` without an ECAP, the two thresholds or a cathode.
pub fn schedule(
    st: &Stimulator,
    patient: &Patient,
    postures: &[(f64, Option<Posture>)],
    jolts: &[(f64, Jolt)],
    seconds: f64,
) -> Option<Schedule> {
    let window_uv = st.ecap_window_uv(patient)?;
    let cathode_z = st
        .device()
        .stimulus()
        .poles
        .iter()
        .filter(|p| p.cathode)
        .max_by(|a, b| a.fraction.total_cmp(&b.fraction))?
        .z_mm;
    let body = patient.body();
    let here = body.csf_at(cathode_z);
    let postures = postures
        .iter()
        .map(|&(from, posture)| {
            let there = posture.map_or(here, |p| {
                crate::patient::activation::Body {
                    posture: p,
                    ..body.clone()
                }
                .csf_at(cathode_z)
            });
            (from, there - here)
        })
        .collect();
    Some(Schedule {
        motion: CordMotion {
            jolts: jolts.to_vec(),
            ..CordMotion::at(super::live_loop::cathode_v(st.device()))
        },
        postures,
        seconds,
        window_uv,
    })
}

/// Runs the check on `st` in `patient`; `None` without an ECAP or the two thresholds.
pub fn check(st: &Stimulator, patient: &Patient) -> Option<LoopCheck> {
    let ecap = st.ecap(patient)?;
    let middle_ma = 0.5 * (st.perception_threshold()? + st.discomfort_threshold()?);
    let program = st.device().program();
    let settings = program.running_loop().filter(|_| st.device().delivering());
    let schedule = schedule(st, patient, &CHECK_POSTURES, &CHECK_JOLTS, CHECK_S)?;
    let (update_hz, start_ma) = match &settings {
        Some(l) => (
            1.0 / l.period_s(program.settings.rate_hz),
            st.held_ma(patient),
        ),
        None => (OPEN_LOOP_HZ, st.device().delivered_ma()),
    };
    Some(LoopCheck {
        closed: settings.is_some(),
        run: run(&ecap, settings.as_ref(), update_hz, start_ma, &schedule),
        window_uv: schedule.window_uv,
        middle_uv: ecap.amplitude_uv(middle_ma, 0.0),
    })
}

/// Whether the closed-loop goal is met: closed loop on, its target within
/// `target_percent` of the window's middle, and the check kept inside the window at least
/// `min_in_window` of the time with no jolt over it.
pub fn judge(
    st: &Stimulator,
    patient: &Patient,
    target_percent: f64,
    min_in_window: f64,
) -> Verdict {
    let Some(c) = check(st, patient) else {
        return Verdict::impossible(
            "these settings record no ECAP (a cathode and a free contact two away on the same lead, tonic or burst) or are never felt",
        );
    };
    let target = st.device().program().running_loop().map(|l| l.target_uv);
    let on_target =
        target.is_some_and(|t| (t - c.middle_uv).abs() <= target_percent / 100.0 * c.middle_uv);
    let held = c.run.in_window >= min_in_window && c.run.overshoots == 0;
    let target_words = target.map_or("no target".to_string(), |t| format!("target {t:.0} µV"));
    Verdict::of_checks(
        &[c.closed, on_target, held],
        format!(
            "{}; {target_words} (the middle of the window {:.0} µV, ±{target_percent:.0}%; window {:.0}–{:.0} µV); lying down, standing, four coughs and a bend: in the window {:.0}% of the time (needed {:.0}%), {} jolt{} over it",
            if c.closed {
                "closed loop on"
            } else {
                "open loop"
            },
            c.middle_uv,
            c.window_uv.0,
            c.window_uv.1,
            100.0 * c.run.in_window,
            100.0 * min_in_window,
            c.run.overshoots,
            if c.run.overshoots == 1 { "" } else { "s" },
        ),
    )
}
