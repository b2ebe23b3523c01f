//! The virtual cohort's closed-loop trial, as EVOKE ran it (REFERENCES-ECAP §6): the same
//! patients, the same tonic program, once with the current held (open loop) and once with
//! the loop holding the ECAP at the program's (closed loop), through the same compressed
//! day of postures, coughs and bends. Relief counts only while the ECAP lies inside the
//! patient's window: below it nothing is felt (tonic therapy needs its paresthesia), above
//! it stimulation is uncomfortable. In open loop most patients turn their remote to put the
//! tingling back after a change of posture (Kuechmann 2009: about 80 %), after a while; the
//! rest live with it. A responder has at least 50 % relief of their back and leg pain
//! together, as EVOKE counted.

use super::assistant;
use super::cohort::{RESPONDER_RELIEF_PERCENT, back_and_leg_relief, patient_seed, wilson};
use super::therapy::Therapy;
use crate::device::closed_loop::LoopSettings;
use crate::implant::stim::closed_loop::{LoopRun, LoopSample, Schedule, run};
use crate::implant::stim::loop_check;
use crate::library::generate;
use crate::patient::anatomy::Posture;
use crate::patient::cord_motion::Jolt;
use crate::patient::ecap::Ecap;
use crate::session::{RemoteKey, Role, Session};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use rayon::prelude::*;
use serde::Serialize;

/// Length of the compressed day, s: a few minutes stand for the hours of each posture.
pub const DAY_S: f64 = 600.0;

/// The day's postures from the posture programmed in (sitting): upright most of the
/// day, lying down for the night (on the back, then on the front), up again.
pub const DAY_POSTURES: [(f64, Option<Posture>); 5] = [
    (100.0, Some(Posture::Standing)),
    (220.0, None),
    (320.0, Some(Posture::Supine)),
    (460.0, Some(Posture::Prone)),
    (520.0, None),
];

/// The day's coughs and bends.
pub const DAY_JOLTS: [(f64, Jolt); 8] = [
    (30.0, Jolt::Cough),
    (80.0, Jolt::Bend),
    (150.0, Jolt::Cough),
    (190.0, Jolt::Bend),
    (260.0, Jolt::Cough),
    (380.0, Jolt::Cough),
    (550.0, Jolt::Bend),
    (580.0, Jolt::Cough),
];

/// Share of open-loop patients who turn their remote after a change of posture
/// (Kuechmann 2009: about 80 % adjust amplitude around position changes).
pub const ADJUSTERS: f64 = 0.8;

/// How long an open-loop patient's stimulation is out of the window (too weak or too
/// strong, all told) before they turn the remote back, s of the compressed day
/// (*approximate*).
pub const ADJUST_S: f64 = 20.0;

/// Relief of back and leg pain a trial must reach for the patient to be implanted and
/// randomised, % (EVOKE enrolled patients after a successful trial).
pub const TRIAL_SUCCESS_PERCENT: f64 = 50.0;

/// Updates a second of both arms (as Inceptiv).
const UPDATE_HZ: f64 = 50.0;

/// Gain × slope of the closed-loop arm (as the expert sets it).
const GAIN_TIMES_SLOPE: f64 = 0.4;

/// One arm: its responders beside EVOKE's.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct LoopCohortRow {
    /// "open loop" or "closed loop".
    pub arm: &'static str,
    /// Patients whose program records an ECAP (the others cannot run closed loop).
    pub patients: usize,
    /// Share with ≥ 50 % relief of back and leg pain, %.
    pub responder_percent: f64,
    /// 95 % Wilson interval, lower end, %.
    pub ci_low: f64,
    /// 95 % Wilson interval, upper end, %.
    pub ci_high: f64,
    /// Mean relief of back and leg pain over the day, %.
    pub mean_relief_percent: f64,
    /// Median share of the day with the ECAP inside the window, %.
    pub median_in_window_percent: f64,
    /// Mean times a day the ECAP went over the window (a jolt felt).
    pub mean_overstimulations: f64,
    /// EVOKE's responder rate at 3 months, %.
    pub published_percent: f64,
    /// Where it comes from.
    pub source: &'static str,
}

/// The closed-loop cohort's result.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct LoopCohortReport {
    /// Patients generated.
    pub patients: usize,
    /// Seed of the cohort.
    pub seed: u64,
    /// Open loop, then closed loop.
    pub rows: Vec<LoopCohortRow>,
}

/// EVOKE at 3 months (Mekhail et al., Lancet Neurol 2020): closed vs open loop.
const EVOKE: &str = "EVOKE (Mekhail 2020), ≥ 50 % back and leg relief at 3 months; 79.1 vs 53.7 % at 24 months, 77.6 vs 49.3 % at 36";

/// One patient's day in each arm: (relief %, share in window, overstimulations), open
/// then closed; `None` when the tonic program records no ECAP.
fn patient_day(seed: u64) -> Option<[(f64, f64, usize); 2]> {
    let (patient, device) = generate::trial(seed);
    let mut s = Session::new(patient, device, Role::Clinician, seed);
    for edit in assistant::program(&s, Therapy::Tonic) {
        s.apply_as(Role::Clinician, edit).ok()?;
    }
    s.apply_as(Role::Clinician, RemoteKey::TherapyOn).ok()?;
    // EVOKE implanted only patients whose trial succeeded.
    let steady = back_and_leg_relief(&s.patient, &s.steady_view().pain)?;
    if steady < TRIAL_SUCCESS_PERCENT {
        return None;
    }
    let st = s.stimulator()?;
    let ecap = st.ecap(&s.patient)?;
    let schedule = loop_check::schedule(st, &s.patient, &DAY_POSTURES, &DAY_JOLTS, DAY_S)?;
    // Both arms hold the ECAP in the middle of the window, where EVOKE's targets lay
    // (between perception and maximum comfort), with the trial's relief whenever it does.
    let ma = 0.5 * (st.perception_threshold()? + st.discomfort_threshold()?);
    let target = ecap.amplitude_uv(ma, 0.0);
    let settings = LoopSettings {
        target_uv: target,
        gain_ma_per_uv: GAIN_TIMES_SLOPE / ecap.slope_uv_per_ma(ma, 0.0).max(1e-6),
        update_hz: UPDATE_HZ,
        min_ma: 0.0,
        max_ma: st.device().program().window.max_ma,
    };
    let adjusts = ChaCha8Rng::seed_from_u64(seed).random_bool(ADJUSTERS);
    let open = open_loop(&ecap, ma, target, &schedule, adjusts);
    let closed = run(&ecap, Some(&settings), UPDATE_HZ, ma, &schedule);
    Some([open, closed].map(|r| (steady * r.in_window, r.in_window, r.overshoots)))
}

/// Open loop through `schedule` from `ma`: the current held, except that a patient who
/// `adjusts` turns the remote, once the stimulation has been out of the window for
/// [`ADJUST_S`] since the last turn, to the current that gives `target` where the cord
/// now lies.
fn open_loop(ecap: &Ecap, ma: f64, target: f64, schedule: &Schedule, adjusts: bool) -> LoopRun {
    let period = 1.0 / UPDATE_HZ;
    let steps = (schedule.seconds / period).round() as usize;
    let (low, high) = schedule.window_uv;
    let (mut ma, mut outside_s) = (ma, 0.0);
    let mut samples = Vec::with_capacity(steps);
    for k in 0..steps {
        let t_s = k as f64 * period;
        let delta = schedule.delta_mm(t_s);
        let ecap_uv = ecap.amplitude_uv(ma, delta);
        samples.push(LoopSample { t_s, ma, ecap_uv });
        if !(low..=high).contains(&ecap_uv) {
            outside_s += period;
        }
        if adjusts && outside_s >= ADJUST_S {
            ma = current_for(ecap, target, delta, ma);
            outside_s = 0.0;
        }
    }
    LoopRun::of(samples, target, schedule.window_uv, 0)
}

/// The current that gives `target` µV with the cord `delta_mm` away, mA (bisection up to
/// four times `near`).
fn current_for(ecap: &Ecap, target: f64, delta_mm: f64, near: f64) -> f64 {
    let (mut lo, mut hi) = (0.0, 4.0 * near.max(0.5));
    for _ in 0..30 {
        let mid = 0.5 * (lo + hi);
        if ecap.amplitude_uv(mid, delta_mm) >= target {
            hi = mid;
        } else {
            lo = mid;
        }
    }
    hi
}

/// Runs the closed-loop cohort: `patients` seeded trial patients, each through the day in
/// both arms, on every core (`done` once per patient). Deterministic for a seed.
pub fn run_loop_cohort(patients: usize, seed: u64, done: &(dyn Fn() + Sync)) -> LoopCohortReport {
    let days: Vec<[(f64, f64, usize); 2]> = (0..patients)
        .into_par_iter()
        .filter_map(|i| {
            let day = patient_day(patient_seed(seed, i));
            done();
            day
        })
        .collect();
    let rows = [("open loop", 60.3), ("closed loop", 82.3)]
        .into_iter()
        .enumerate()
        .map(|(arm, (name, published))| {
            let n = days.len();
            let reliefs: Vec<f64> = days.iter().map(|d| d[arm].0).collect();
            let k = reliefs
                .iter()
                .filter(|&&r| r >= RESPONDER_RELIEF_PERCENT)
                .count();
            let mut inside: Vec<f64> = days.iter().map(|d| d[arm].1).collect();
            inside.sort_by(f64::total_cmp);
            let (ci_low, ci_high) = wilson(k, n);
            let per = |v: f64| if n > 0 { v / n as f64 } else { 0.0 };
            LoopCohortRow {
                arm: name,
                patients: n,
                responder_percent: per(100.0 * k as f64),
                ci_low,
                ci_high,
                mean_relief_percent: per(reliefs.iter().sum()),
                median_in_window_percent: 100.0 * inside.get(n / 2).copied().unwrap_or(0.0),
                mean_overstimulations: per(days.iter().map(|d| d[arm].2 as f64).sum()),
                published_percent: published,
                source: EVOKE,
            }
        })
        .collect();
    LoopCohortReport {
        patients,
        seed,
        rows,
    }
}
