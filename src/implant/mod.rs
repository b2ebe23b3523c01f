//! What is implanted: one place per kind of implant. The session hosts an [`Implant`] and
//! knows nothing of spinal cords, nerves or drugs; each kind brings its device, what it
//! reaches in the body and how the body answers over time.
//!
//! Today: spinal cord stimulation. Peripheral nerve stimulation will share the pulse
//! generator ([`crate::device`]) and the dorsal-horn gate; the drug pump brings its own.

pub mod stimulator;

use crate::patient::{Pain, Patient};
use serde::{Deserialize, Serialize};
pub use stimulator::Stimulator;

/// The kinds of implant, as files and scripts name them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ImplantKind {
    /// Spinal cord stimulation: leads in the epidural space over the dorsal columns.
    Scs,
}

impl ImplantKind {
    /// The stable name (`scs`), as in `list patients --json`.
    pub fn name(self) -> &'static str {
        match self {
            ImplantKind::Scs => "scs",
        }
    }
}

/// An implant in a patient, with the body's state that only this kind of therapy moves.
#[derive(Clone, Debug)]
pub enum Implant {
    /// A spinal cord stimulator.
    Scs(Stimulator),
}

/// What one second of physiology produced, for the session's series.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Tick {
    /// Current reaching the tissue, mA (0 for an implant that does not stimulate).
    pub delivered_ma: f64,
    /// Strongest paresthesia anywhere (0..1).
    pub paresthesia: f64,
}

impl Implant {
    /// Which kind this is.
    pub fn kind(&self) -> ImplantKind {
        match self {
            Implant::Scs(_) => ImplantKind::Scs,
        }
    }

    /// Recomputes what depends on the settings and the body (after an accepted command).
    pub fn refresh(&mut self, patient: &Patient) {
        match self {
            Implant::Scs(s) => s.refresh(patient),
        }
    }

    /// Advances the implant and the body's slow states by `h_s` seconds at time `t_s`.
    pub fn tick(&mut self, patient: &Patient, t_s: f64, h_s: f64) -> Tick {
        match self {
            Implant::Scs(s) => s.tick(patient, t_s, h_s),
        }
    }

    /// Pain now, from the slow states, plus a fluctuation `noise` on the overall VAS.
    pub fn pain(&self, patient: &Patient, noise: f64) -> Pain {
        match self {
            Implant::Scs(s) => s.pain(patient, noise),
        }
    }
}
