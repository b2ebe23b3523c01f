//! Closed loop in a running stimulator: the controller of [`crate::device::closed_loop`]
//! updating the current against the patient's ECAP ([`super::recording`]) at its own
//! rate inside each step of the session, as the cord moves with heartbeat, breathing and
//! the jolts a teacher or an exercise sets off. Exact and deterministic: updates fall on a
//! fixed grid of simulated time.

use crate::device::closed_loop::LoopSettings;
use crate::patient::cord_motion::{CordMotion, Jolt};
use crate::patient::ecap::Ecap;
use std::collections::VecDeque;

use super::closed_loop::LoopSample;

/// Samples the rolling history keeps (at 50 updates a second, 80 s).
pub const HISTORY: usize = 4000;

/// A closed loop running: the current it sets, the jolts ahead, what it recorded lately.
#[derive(Clone, Debug, PartialEq)]
pub struct LiveLoop {
    /// The current the loop sets now, mA.
    pub ma: f64,
    /// The ECAP of the last update, µV.
    pub ecap_uv: f64,
    /// The last update wanted a current beyond the limits (out of compliance).
    pub saturated: bool,
    /// Jolts and when they start, s (the cord's ripple is added at every update).
    pub jolts: Vec<(f64, Jolt)>,
    /// Recent updates, oldest first, at most [`HISTORY`].
    pub history: VecDeque<LoopSample>,
    /// Time of the next update, s.
    next_s: f64,
}

impl LiveLoop {
    /// A loop starting at `ma` at `t_s`.
    pub fn new(ma: f64, t_s: f64) -> LiveLoop {
        LiveLoop {
            ma,
            ecap_uv: 0.0,
            saturated: false,
            jolts: Vec::new(),
            history: VecDeque::new(),
            next_s: t_s,
        }
    }

    /// Runs every update due before `t_end` with `settings` at pulse rate `rate_hz`,
    /// recording on `ecap` with the cord rippling as at vertebral position `v` (no ECAP:
    /// the loop reads 0 µV and climbs to its limit, as a real loop that lost its signal).
    pub fn run_until(
        &mut self,
        settings: &LoopSettings,
        rate_hz: f64,
        ecap: Option<&Ecap>,
        v: f64,
        t_end: f64,
    ) {
        let period = settings.period_s(rate_hz);
        let motion = CordMotion {
            jolts: self.jolts.clone(),
            ..CordMotion::at(v)
        };
        while self.next_s < t_end {
            let t_s = self.next_s;
            self.ecap_uv = ecap.map_or(0.0, |e| e.amplitude_uv(self.ma, motion.delta_mm(t_s)));
            if self.history.len() == HISTORY {
                self.history.pop_front();
            }
            self.history.push_back(LoopSample {
                t_s,
                ma: self.ma,
                ecap_uv: self.ecap_uv,
            });
            let next = settings.update(self.ma, self.ecap_uv);
            self.ma = next.ma;
            self.saturated = next.saturated;
            self.next_s = t_s + period;
        }
        // Jolts that are over no longer move the cord.
        self.jolts
            .retain(|&(start, jolt)| start + jolt.shape().1 > t_end);
    }
}

/// Vertebral position of the main cathode (where the cord's ripple is taken), or mid-thorax.
pub fn cathode_v(device: &crate::device::Device) -> f64 {
    device
        .stimulus()
        .poles
        .iter()
        .filter(|p| p.cathode)
        .max_by(|a, b| a.fraction.total_cmp(&b.fraction))
        .map_or(8.0, |c| crate::patient::anatomy::vertebral_position(c.z_mm))
}
