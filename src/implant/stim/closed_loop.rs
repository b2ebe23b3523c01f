//! Closed-loop stimulation run over simulated time: the device's controller
//! ([`crate::device::closed_loop`]) against the body's evoked response
//! ([`crate::patient::ecap`]) as the cord moves with posture, heartbeat, breathing and
//! coughs ([`crate::patient::cord_motion`]). Exact and deterministic: one step per loop
//! update, no wall clock. Open loop is the same run with the current held.

use crate::device::closed_loop::LoopSettings;
use crate::patient::cord_motion::CordMotion;
use crate::patient::ecap::Ecap;

/// One update of a run.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LoopSample {
    /// Simulated time, s.
    pub t_s: f64,
    /// The current delivered, mA.
    pub ma: f64,
    /// The ECAP it evoked, µV.
    pub ecap_uv: f64,
}

/// A run and what a teacher compares: how far the ECAP strayed from its target, how long
/// it stayed inside the patient's window, and how often it went over it (a jolt felt).
#[derive(Clone, Debug, PartialEq)]
pub struct LoopRun {
    /// Every update in order.
    pub samples: Vec<LoopSample>,
    /// Mean |ECAP − target|, µV.
    pub mean_error_uv: f64,
    /// Share of updates with the ECAP inside the window (0..1).
    pub in_window: f64,
    /// Times the ECAP rose over the window's top (one per excursion).
    pub overshoots: usize,
    /// Updates the loop wanted beyond its limits (out of compliance).
    pub saturated: usize,
}

impl LoopRun {
    /// A run of `samples` measured against `target_uv` and the window `(low, high)`, µV,
    /// with `saturated` updates out of compliance.
    pub fn of(
        samples: Vec<LoopSample>,
        target_uv: f64,
        (low, high): (f64, f64),
        saturated: usize,
    ) -> LoopRun {
        let (mut error, mut inside, mut overshoots, mut over) = (0.0, 0, 0, false);
        for x in &samples {
            error += (x.ecap_uv - target_uv).abs();
            inside += usize::from((low..=high).contains(&x.ecap_uv));
            overshoots += usize::from(x.ecap_uv > high && !over);
            over = x.ecap_uv > high;
        }
        let n = samples.len().max(1) as f64;
        LoopRun {
            samples,
            mean_error_uv: error / n,
            in_window: inside as f64 / n,
            overshoots,
            saturated,
        }
    }
}

/// What a run is asked to do.
#[derive(Clone, Debug)]
pub struct Schedule {
    /// The cord's ripple and jolts.
    pub motion: CordMotion,
    /// From which time the cord moves to lie how much farther than at the start, mm
    /// (posture changes, each taking [`POSTURE_CHANGE_S`]), in time order.
    pub postures: Vec<(f64, f64)>,
    /// Length of the run, s.
    pub seconds: f64,
    /// The patient's window in ECAP, µV (at perception, at discomfort).
    pub window_uv: (f64, f64),
}

impl Schedule {
    /// How much farther the cord lies at `t_s` than at the start, mm.
    pub fn delta_mm(&self, t_s: f64) -> f64 {
        let mut posture = 0.0;
        for &(from, mm) in self.postures.iter().take_while(|(from, _)| *from <= t_s) {
            let moved = ((t_s - from) / POSTURE_CHANGE_S).min(1.0);
            posture += (mm - posture) * moved;
        }
        posture + self.motion.delta_mm(t_s)
    }
}

/// How long a change of posture takes, s: the cord glides to its new place as the patient
/// lies down or stands up (*approximate*: a second or two).
pub const POSTURE_CHANGE_S: f64 = 1.5;

/// Runs `schedule` from `start_ma`: closed loop with `settings`, or open loop (the current
/// held) with `None`, sampled `update_hz` times a second either way. The target of an
/// open-loop run is the ECAP its current evokes at the start.
pub fn run(
    ecap: &Ecap,
    settings: Option<&LoopSettings>,
    update_hz: f64,
    start_ma: f64,
    schedule: &Schedule,
) -> LoopRun {
    let period = 1.0 / update_hz.max(1.0);
    let steps = (schedule.seconds / period).round() as usize;
    let target = settings.map_or_else(|| ecap.amplitude_uv(start_ma, 0.0), |s| s.target_uv);
    let mut ma = start_ma;
    let mut samples = Vec::with_capacity(steps);
    let mut saturated = 0;
    for k in 0..steps {
        let t_s = k as f64 * period;
        let ecap_uv = ecap.amplitude_uv(ma, schedule.delta_mm(t_s));
        samples.push(LoopSample { t_s, ma, ecap_uv });
        if let Some(s) = settings {
            let next = s.update(ma, ecap_uv);
            saturated += usize::from(next.saturated);
            ma = next.ma;
        }
    }
    LoopRun::of(samples, target, schedule.window_uv, saturated)
}
