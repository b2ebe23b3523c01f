//! The course of a session over time (pain, relief, current), recorded in the core on the
//! physiology's one-second grid, so the plot, the CSV export and a replay all have it.

use serde::Serialize;

/// Most samples kept; when full, every other one is dropped and the interval doubles, so
/// a session of any length keeps its whole course at a coarser grain.
pub const MAX_SAMPLES: usize = 4096;

/// One moment of the session.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Sample {
    /// Simulated time, s.
    pub t_s: f64,
    /// Current flowing at that moment.
    pub stimulation_on: bool,
    /// Amplitude reaching the tissue, mA.
    pub amplitude_ma: f64,
    /// Overall pain, VAS 0–10.
    pub pain_vas: f64,
    /// Relief against no stimulation, %.
    pub relief_percent: f64,
    /// Strongest paresthesia anywhere (0..1).
    pub paresthesia_intensity: f64,
}

/// Samples at a regular interval of simulated time.
#[derive(Clone, Debug, PartialEq)]
pub struct Series {
    every_ticks: u64,
    samples: Vec<Sample>,
}

impl Default for Series {
    fn default() -> Series {
        Series {
            every_ticks: 1,
            samples: Vec::new(),
        }
    }
}

impl Series {
    /// Records `sample`, taken at physiology tick `tick`, if it falls on the interval.
    pub fn record(&mut self, tick: u64, sample: Sample) {
        if !tick.is_multiple_of(self.every_ticks) {
            return;
        }
        if self.samples.len() >= MAX_SAMPLES {
            let mut keep = false;
            self.samples.retain(|_| {
                keep = !keep;
                keep
            });
            self.every_ticks *= 2;
            if !tick.is_multiple_of(self.every_ticks) {
                return;
            }
        }
        self.samples.push(sample);
    }

    /// The samples, oldest first.
    pub fn samples(&self) -> &[Sample] {
        &self.samples
    }

    /// Simulated seconds between samples.
    pub fn interval_s(&self) -> f64 {
        // Ticks last a second for a stimulator and longer for a drug pump: the samples
        // themselves tell.
        match self.samples.as_slice() {
            [a, b, ..] => b.t_s - a.t_s,
            _ => self.every_ticks as f64,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(t: u64) -> Sample {
        Sample {
            t_s: t as f64,
            stimulation_on: true,
            amplitude_ma: 1.0,
            pain_vas: 5.0,
            relief_percent: 0.0,
            paresthesia_intensity: 0.0,
        }
    }

    #[test]
    fn a_long_session_keeps_its_whole_course_within_the_cap() {
        let mut s = Series::default();
        for t in 0..20_000 {
            s.record(t, at(t));
        }
        assert!(s.samples().len() <= MAX_SAMPLES);
        assert_eq!(s.samples()[0].t_s, 0.0);
        let last = s.samples().last().map_or(0.0, |x| x.t_s);
        assert!(last > 19_000.0, "the end of the session is kept: {last}");
        assert!(s.interval_s() >= 4.0);
        assert!(
            s.samples()
                .windows(2)
                .all(|w| w[1].t_s - w[0].t_s == s.interval_s())
        );
    }
}
