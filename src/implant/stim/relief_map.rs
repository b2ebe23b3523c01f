//! A relief map: steady-state relief over amplitude × pulse width for the present contacts,
//! for teachers to show where the therapeutic window lies.

use super::stimulator::Stimulator;
use crate::device::body::stimulus;
use crate::device::program::MAX_AMPLITUDE_MA;
use crate::implant::least::least_meeting;
use crate::patient::Patient;
use crate::patient::activation::Activation;
use crate::patient::nerve_activation::{NerveActivation, NerveStimulus};
use crate::patient::nerve_response::{self as nerve, ReliefTable};
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

impl Stimulator {
    /// Steady relief for `n_amp` amplitudes up to `max_ma` and `n_pw` pulse widths over the
    /// waveform's range, with everything else as programmed.
    pub fn relief_map(
        &self,
        patient: &Patient,
        n_amp: usize,
        n_pw: usize,
        max_ma: f64,
    ) -> ReliefMap {
        if super::site::at_nerves(self.device()) {
            return self.nerve_pw_map(patient, n_amp, n_pw, max_ma);
        }
        let settings = self.device().program().settings;
        let ((pw_lo, pw_hi), _) = settings.waveform.limits();
        let max_ma = max_ma.clamp(0.5, MAX_AMPLITUDE_MA);
        let amplitudes: Vec<f64> = (0..n_amp).map(|i| span(0.0, max_ma, n_amp, i)).collect();
        let pulse_widths: Vec<f64> = (0..n_pw).map(|j| span(pw_lo, pw_hi, n_pw, j)).collect();
        let base = self
            .device()
            .usable_electrodes()
            .map(|e| stimulus(&settings, &e, &self.device().placements));
        let b = patient.body();
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
                (steady_relief(patient, &act, &stim, &amplitudes), dt)
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

impl Stimulator {
    /// The least amplitude, mA, at which the running program gives `min_relief_percent`
    /// steady relief with everything else as programmed (to 0.01 mA), or `None` when no
    /// amplitude the programmer allows gives it (relief grows with amplitude).
    pub fn least_amplitude_for(&self, patient: &Patient, min_relief_percent: f64) -> Option<f64> {
        let settings = self.device().program().settings;
        let max_ma = MAX_AMPLITUDE_MA;
        let base = self
            .device()
            .usable_electrodes()
            .map(|e| stimulus(&settings, &e, &self.device().placements))?;
        let act = Activation::new(&patient.body(), &base);
        least_meeting(max_ma, 0.01, |ma| {
            steady_relief(patient, &act, &base, &[ma])[0] >= min_relief_percent
        })
    }
}

/// Relief over amplitude × distance of lead 1 from its nerve, for peripheral nerve
/// stimulation: `relief[j * amplitudes.len() + i]` at `distances_mm[j]`, `amplitudes[i]`.
#[derive(Clone, Debug, PartialEq)]
pub struct NerveReliefMap {
    /// Amplitudes, mA (columns).
    pub amplitudes: Vec<f64>,
    /// Distances of lead 1 from its nerve, mm (rows).
    pub distances_mm: Vec<f64>,
    /// Steady relief, %.
    pub relief: Vec<f64>,
    /// Discomfort threshold at each distance, mA (if reached).
    pub discomfort_ma: Vec<Option<f64>>,
    /// Motor threshold at each distance, mA (if a muscle twitches within reach).
    pub motor_ma: Vec<Option<f64>>,
}

fn span(lo: f64, hi: f64, n: usize, k: usize) -> f64 {
    lo + (hi - lo) * k as f64 / (n.max(2) - 1) as f64
}

impl Stimulator {
    /// The nerve stimulus of the present program with lead 1 at `distance_mm` and pulses
    /// of `pw_us`.
    fn nerve_stimulus_at(&self, distance_mm: Option<f64>, pw_us: f64) -> NerveStimulus {
        let mut device = self.device().clone();
        if let (Some(d), Some(l)) = (distance_mm, device.nerve_leads.first_mut()) {
            l.site.distance_mm = d;
        }
        device.program_mut().settings.pulse_width_us = pw_us;
        device.nerve_stimulus()
    }

    fn nerve_pw_map(&self, patient: &Patient, n_amp: usize, n_pw: usize, max_ma: f64) -> ReliefMap {
        let settings = self.device().program().settings;
        let ((pw_lo, pw_hi), _) = settings.waveform.limits();
        let max_ma = max_ma.clamp(0.5, MAX_AMPLITUDE_MA);
        let amplitudes: Vec<f64> = (0..n_amp).map(|i| span(0.0, max_ma, n_amp, i)).collect();
        let pulse_widths: Vec<f64> = (0..n_pw).map(|j| span(pw_lo, pw_hi, n_pw, j)).collect();
        let mut relief = Vec::with_capacity(n_amp * n_pw);
        let mut discomfort_ma = Vec::with_capacity(n_pw);
        let table = ReliefTable::new(patient, &self.device().nerve_stimulus());
        for &pw in &pulse_widths {
            let stim = self.nerve_stimulus_at(None, pw);
            let act = NerveActivation::new(patient.threshold_scale, &stim);
            discomfort_ma.push(nerve::discomfort_threshold(&act, &stim, MAX_AMPLITUDE_MA));
            table.relief(&act, &amplitudes, &mut relief);
        }
        ReliefMap {
            amplitudes,
            pulse_widths,
            relief,
            discomfort_ma,
        }
    }

    /// Steady relief for `n_amp` amplitudes up to `max_ma` and `n_dist` distances of lead 1
    /// from its nerve (0 to `max_distance_mm`), everything else as programmed; `None` for
    /// a spinal cord stimulator.
    pub fn nerve_relief_map(
        &self,
        patient: &Patient,
        n_amp: usize,
        n_dist: usize,
        max_ma: f64,
        max_distance_mm: f64,
    ) -> Option<NerveReliefMap> {
        if !super::site::at_nerves(self.device()) {
            return None;
        }
        let max_ma = max_ma.clamp(0.5, MAX_AMPLITUDE_MA);
        let max_d = max_distance_mm.clamp(1.0, crate::patient::nerve::MAX_DISTANCE_MM);
        let amplitudes: Vec<f64> = (0..n_amp).map(|i| span(0.0, max_ma, n_amp, i)).collect();
        let distances_mm: Vec<f64> = (0..n_dist).map(|j| span(0.0, max_d, n_dist, j)).collect();
        let pw = self.device().program().settings.pulse_width_us;
        let mut relief = Vec::with_capacity(n_amp * n_dist);
        let mut discomfort_ma = Vec::with_capacity(n_dist);
        let mut motor_ma = Vec::with_capacity(n_dist);
        let table = ReliefTable::new(patient, &self.device().nerve_stimulus());
        for &d in &distances_mm {
            let stim = self.nerve_stimulus_at(Some(d), pw);
            let act = NerveActivation::new(patient.threshold_scale, &stim);
            discomfort_ma.push(nerve::discomfort_threshold(&act, &stim, MAX_AMPLITUDE_MA));
            motor_ma.push(nerve::motor_threshold(&act, MAX_AMPLITUDE_MA));
            table.relief(&act, &amplitudes, &mut relief);
        }
        Some(NerveReliefMap {
            amplitudes,
            distances_mm,
            relief,
            discomfort_ma,
            motor_ma,
        })
    }
}
