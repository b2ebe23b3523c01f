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
            .retain(|&(start, _)| start + crate::patient::cord_motion::COUGH_S > t_end);
    }
}

impl super::Stimulator {
    /// Runs the running program's closed loop over the step `[t_s, t_s + h_s)`; with the
    /// program in open loop or nothing delivered, there is no loop (it starts again from
    /// the program's amplitude when it returns).
    pub(super) fn advance_loop(&mut self, patient: &crate::patient::Patient, t_s: f64, h_s: f64) {
        let program = self.device.program();
        let Some(settings) = program.closed_loop.filter(|_| self.device.delivering()) else {
            self.live_loop = None;
            return;
        };
        let rate_hz = program.settings.rate_hz;
        let start_ma = self
            .device
            .delivered_ma()
            .clamp(settings.min_ma, settings.max_ma);
        let mut live = self
            .live_loop
            .take()
            .unwrap_or_else(|| LiveLoop::new(start_ma, t_s));
        let v = cathode_v(&self.device);
        let ecap = super::recording::ecap_of(self, patient);
        live.run_until(&settings, rate_hz, ecap.as_ref(), v, t_s + h_s);
        self.live_loop = Some(live);
    }

    /// The closed loop running now, if the program is in closed loop and delivering.
    pub fn live_loop(&self) -> Option<&LiveLoop> {
        self.live_loop.as_ref()
    }

    /// A jolt of the cord (a cough) at `t_s`: the running loop meets it; without one
    /// nothing records it.
    pub(super) fn jolt(&mut self, jolt: Jolt, t_s: f64) {
        if let Some(live) = &mut self.live_loop {
            live.jolts.push((t_s, jolt));
        }
    }
}

/// Vertebral position of the main cathode (where the cord's ripple is taken), or mid-thorax.
fn cathode_v(device: &crate::device::Device) -> f64 {
    device
        .stimulus()
        .poles
        .iter()
        .filter(|p| p.cathode)
        .max_by(|a, b| a.fraction.total_cmp(&b.fraction))
        .map_or(8.0, |c| crate::patient::anatomy::vertebral_position(c.z_mm))
}
