//! What a pump's MRI day leaves on record (kept by the pump, judged by [`super::mri`]):
//! the booked scan, how long the rotor stood still and the dose it missed, the check
//! after it and the clinician's boluses.

use super::clock::clock_words;
use super::units::trim;

/// Seconds in a day (the daily dose's day).
const DAY_S: f64 = 86_400.0;

/// What happened around a booked MRI scan, in simulated seconds since the start.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct PumpMri {
    /// The scan: from, until (none booked: `None`).
    pub scan: Option<(f64, f64)>,
    /// How late the rotor restarts on its own after the scan, h (0: at once).
    pub restart_late_h: f64,
    /// When the rotor stopped in the magnet, and the daily dose it was giving, mg/day.
    pub stopped: Option<(f64, f64)>,
    /// The scan is over and the rotor waits to restart (on its own at this time, or
    /// sooner by an interrogation).
    pub restart_at_s: Option<f64>,
    /// When delivery resumed after the scan.
    pub resumed_s: Option<f64>,
    /// The first interrogation after the scan.
    pub checked_s: Option<f64>,
    /// Clinician boluses given after the scan: (when, mg).
    pub boluses: Vec<(f64, f64)>,
}

impl PumpMri {
    /// The dose missed by `t_s`: the daily dose it was giving over the time it stood
    /// still, mg (`None` before the scan stopped it).
    pub fn missed_mg(&self, t_s: f64) -> Option<f64> {
        let (from, dose) = self.stopped?;
        let to = self.resumed_s.unwrap_or(t_s).max(from);
        Some(dose * (to - from) / DAY_S)
    }

    /// What an interrogation at `t_s` reads of the stop, once there was one.
    pub(super) fn words(&self, t_s: f64, drug: &str) -> Option<String> {
        let (from, _) = self.stopped?;
        let missed = self.missed_mg(t_s)?;
        let to = self.resumed_s.unwrap_or(t_s);
        Some(format!(
            "; rotor stopped by the MRI at {} for {:.0} min: {} mg of {drug} missed",
            clock_words(from),
            (to - from) / 60.0,
            trim((missed * 1e4).round() / 1e4)
        ))
    }
}
