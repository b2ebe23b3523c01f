//! A closed-loop stimulator's controller (Saluda Evoke, Medtronic Inceptiv): it measures
//! the evoked response (ECAP) and moves the current to hold it at a target, inside the
//! clinician's limits (the shared notes' REFERENCES-ECAP.md §5). One update is
//! I ← I + gain · (target − ECAP); near the operating point the error shrinks by
//! (1 − gain · slope) each update, so gain × slope below 1 approaches smoothly, between 1
//! and 2 rings, and above 2 oscillates until the limits stop it — as a real loop does.

use serde::{Deserialize, Serialize};

/// The fastest update a loop runs, Hz (Evoke: on every pulse, "more than 100 times per
/// second"; Inceptiv: up to 50 a second).
pub const MAX_UPDATE_HZ: f64 = 200.0;

/// What the clinician sets for closed loop.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct LoopSettings {
    /// The ECAP to hold, µV.
    pub target_uv: f64,
    /// Current moved per µV of error at each update, mA/µV.
    pub gain_ma_per_uv: f64,
    /// Updates a second (at most the pulse rate and [`MAX_UPDATE_HZ`]).
    pub update_hz: f64,
    /// The lowest current the loop may set, mA.
    pub min_ma: f64,
    /// The highest current the loop may set, mA.
    pub max_ma: f64,
}

/// Share of the clinician's target one press of the remote's up or down key moves it
/// (the Evoke patient controller moves the target, not the current, in closed loop).
pub const TARGET_STEP: f64 = 0.05;

/// Most presses either way from the clinician's target: the patient moves it within half
/// of it either side, and the current stays inside the clinician's limits.
pub const MAX_TARGET_STEPS: i32 = 10;

/// What the patient has done to closed loop on the remote: turned it off (the clinician's
/// settings kept for when it comes back on), and moved its target by whole steps.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct PatientLoop {
    /// The patient turned closed loop off: open loop at the program's amplitude.
    pub off: bool,
    /// Steps of [`TARGET_STEP`] the target is moved from the clinician's (up is positive).
    pub steps: i32,
}

/// One update's result.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Update {
    /// The current for the next pulses, mA.
    pub ma: f64,
    /// The loop wanted to go beyond a limit: out of compliance (the device alerts).
    pub saturated: bool,
}

impl LoopSettings {
    /// These settings with the target moved by the patient's `steps`.
    pub fn moved(&self, steps: i32) -> LoopSettings {
        LoopSettings {
            target_uv: self.target_uv * (1.0 + TARGET_STEP * f64::from(steps)),
            ..*self
        }
    }

    /// The next current after measuring `ecap_uv` at `ma`.
    pub fn update(&self, ma: f64, ecap_uv: f64) -> Update {
        let wanted = ma + self.gain_ma_per_uv * (self.target_uv - ecap_uv);
        let next = wanted.clamp(self.min_ma, self.max_ma);
        Update {
            ma: next,
            saturated: (wanted - next).abs() > 1e-9,
        }
    }

    /// Seconds between updates at pulse rate `rate_hz`.
    pub fn period_s(&self, rate_hz: f64) -> f64 {
        1.0 / self.update_hz.min(rate_hz).clamp(1.0, MAX_UPDATE_HZ)
    }
}
