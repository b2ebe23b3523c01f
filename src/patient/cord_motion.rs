//! How the spinal cord moves under a lead second by second: a ripple with each heartbeat
//! and each breath (fractions of a millimetre), and the jumps of a cough, a sneeze or a
//! bend (the shared notes' REFERENCES-ECAP.md §4). Posture moves it by millimetres
//! ([`super::anatomy::posture_shift_mm`]); this is what moves it between postures.

use serde::{Deserialize, Serialize};

/// Heartbeat rate, Hz.
pub const HEART_HZ: f64 = 1.1;
/// Breathing rate, Hz.
pub const BREATH_HZ: f64 = 0.25;
/// Cardiac ripple of the dorsal CSF in the neck, mm (cardiac-locked motion, much smaller
/// below T4–T5: Figley 2008) (*approximate*: 0.05–0.3 mm).
pub const HEART_NECK_MM: f64 = 0.2;
/// Cardiac ripple below mid-thorax, mm.
pub const HEART_LOW_MM: f64 = 0.05;
/// Respiratory ripple at T12, mm (it grows toward T12) (*approximate*).
pub const BREATH_LOW_MM: f64 = 0.15;
/// How far a cough brings the cord toward the lead, mm, and for how long, s (*approximate*:
/// a teaching assumption that about doubles the ECAP for under a second).
pub const COUGH_MM: f64 = -0.6;
/// Length of a cough's movement, s.
pub const COUGH_S: f64 = 0.6;
/// How far bending forward brings the cord toward a dorsal thoracic lead, mm, and for how
/// long, s: slower and longer than a cough (Inceptiv lowers output "when the response
/// rises (cough, sneeze, bending)") (*approximate*: a teaching assumption).
pub const BEND_MM: f64 = -0.5;
/// Length of a bend's movement, down and back up, s.
pub const BEND_S: f64 = 3.0;

/// Something that moves the cord for a moment.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub enum Jolt {
    /// A cough or a sneeze: the cord comes toward a dorsal lead for under a second.
    Cough,
    /// Bending forward and back up: the cord comes toward the lead for a few seconds.
    Bend,
}

impl Jolt {
    /// The jolt in words ("cough").
    pub fn name(self) -> &'static str {
        match self {
            Jolt::Cough => "cough",
            Jolt::Bend => "bend",
        }
    }

    /// How far the cord comes toward the lead at the jolt's height, mm (negative), and
    /// how long the jolt lasts, s.
    pub fn shape(self) -> (f64, f64) {
        match self {
            Jolt::Cough => (COUGH_MM, COUGH_S),
            Jolt::Bend => (BEND_MM, BEND_S),
        }
    }

    /// How far the cord lies from where it would, `after_s` into the jolt, mm: a smooth
    /// rise and fall (half a sine), nothing outside the jolt.
    pub fn delta_mm(self, after_s: f64) -> f64 {
        let (mm, seconds) = self.shape();
        let x = after_s / seconds;
        if (0.0..1.0).contains(&x) {
            mm * (std::f64::consts::PI * x).sin()
        } else {
            0.0
        }
    }
}

/// The cord's movement at one vertebral position, with the jolts scheduled on it.
#[derive(Clone, Debug, PartialEq)]
pub struct CordMotion {
    /// Cardiac ripple, mm (half of peak to peak).
    pub heart_mm: f64,
    /// Respiratory ripple, mm.
    pub breath_mm: f64,
    /// Jolts and when they start, s.
    pub jolts: Vec<(f64, Jolt)>,
}

impl CordMotion {
    /// The ripple at vertebral position `v` (0 = C1 … 17 = T12 …): cardiac motion larger in
    /// the neck, respiratory larger toward T12.
    pub fn at(v: f64) -> CordMotion {
        let thoracic = ((v - 4.0) / 8.0).clamp(0.0, 1.0);
        CordMotion {
            heart_mm: HEART_NECK_MM + (HEART_LOW_MM - HEART_NECK_MM) * thoracic,
            breath_mm: BREATH_LOW_MM * ((v - 7.0) / 12.0).clamp(0.2, 1.0),
            jolts: Vec::new(),
        }
    }

    /// How much farther from the lead the cord lies at `t_s` than at rest, mm (negative:
    /// closer).
    pub fn delta_mm(&self, t_s: f64) -> f64 {
        let tau = std::f64::consts::TAU;
        let ripple = self.heart_mm * (tau * HEART_HZ * t_s).sin()
            + self.breath_mm * (tau * BREATH_HZ * t_s).sin();
        let jolts: f64 = self
            .jolts
            .iter()
            .map(|&(start, jolt)| jolt.delta_mm(t_s - start))
            .sum();
        ripple + jolts
    }
}
