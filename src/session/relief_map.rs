//! A relief map: steady-state relief over amplitude × pulse width for the present contacts,
//! for teachers to show where the therapeutic window lies.

use super::Session;
use crate::device::body::stimulus;
use crate::device::program::MAX_AMPLITUDE_MA;
use crate::patient::activation::Activation;
use crate::patient::perception::discomfort_threshold;
use crate::patient::steady_relief;
use crate::patient::stimulus::Stimulus;
use rayon::prelude::*;

/// Relief (%) on a grid: `relief[j * amplitudes.len() + i]` at `pulse_widths[j]`, `amplitudes[i]`.
#[derive(Clone, Debug, PartialEq)]
pub struct ReliefMap {
    /// Amplitudes, mA (columns).
    pub amplitudes: Vec<f64>,
    /// Pulse widths, µs (rows).
    pub pulse_widths: Vec<f64>,
    /// Steady relief, %.
    pub relief: Vec<f64>,
    /// Discomfort threshold at each pulse width, mA (if reached).
    pub discomfort_ma: Vec<Option<f64>>,
}

impl Session {
    /// Steady relief for `n_amp` amplitudes up to `max_ma` and `n_pw` pulse widths over the
    /// waveform's range, with everything else as programmed.
    pub fn relief_map(&self, n_amp: usize, n_pw: usize, max_ma: f64) -> ReliefMap {
        let settings = self.device().program().settings;
        let ((pw_lo, pw_hi), _) = settings.waveform.limits();
        let max_ma = max_ma.clamp(0.5, MAX_AMPLITUDE_MA);
        let span = |lo: f64, hi: f64, n: usize, k: usize| {
            lo + (hi - lo) * k as f64 / (n.max(2) - 1) as f64
        };
        let amplitudes: Vec<f64> = (0..n_amp).map(|i| span(0.0, max_ma, n_amp, i)).collect();
        let pulse_widths: Vec<f64> = (0..n_pw).map(|j| span(pw_lo, pw_hi, n_pw, j)).collect();
        let base = self
            .device()
            .usable_electrodes()
            .map(|e| stimulus(&settings, &e, &self.device().placements));
        let b = self.patient.body();
        // Rows are independent: one per pulse width, on every core.
        let rows: Vec<(Vec<f64>, Option<f64>)> = pulse_widths
            .par_iter()
            .map(|&pw| {
                let Some(base) = &base else {
                    return (vec![0.0; n_amp], None);
                };
                let stim = Stimulus {
                    pulse_width_us: pw,
                    ..base.clone()
                };
                let act = Activation::new(&b, &stim);
                let dt = discomfort_threshold(&act, &stim, MAX_AMPLITUDE_MA);
                (steady_relief(&self.patient, &act, &stim, &amplitudes), dt)
            })
            .collect();
        let mut relief = Vec::with_capacity(n_amp * n_pw);
        let mut discomfort_ma = Vec::with_capacity(n_pw);
        for (row, dt) in rows {
            relief.extend(row);
            discomfort_ma.push(dt);
        }
        ReliefMap {
            amplitudes,
            pulse_widths,
            relief,
            discomfort_ma,
        }
    }
}
