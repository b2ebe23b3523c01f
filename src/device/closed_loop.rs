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

/// One update's result.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Update {
    /// The current for the next pulses, mA.
    pub ma: f64,
    /// The loop wanted to go beyond a limit: out of compliance (the device alerts).
    pub saturated: bool,
}

impl LoopSettings {
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
