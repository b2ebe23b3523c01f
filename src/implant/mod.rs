//! What is implanted: one place per kind of implant. The session hosts an [`Implant`] and
//! knows nothing of spinal cords, nerves or drugs; each kind brings its device, what it
//! reaches in the body and how the body answers over time.
//!
//! Spinal cord stimulation and peripheral nerve stimulation share the pulse generator
//! ([`crate::device`]), the dorsal-horn gate and its time course ([`Stimulator`], whose
//! [`stimulator::Target`] is the spinal cord or a nerve); the drug pump will bring its own.

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
    /// Peripheral nerve stimulation: leads at a peripheral nerve (percutaneous, or
    /// subcutaneous across the nerve).
    Pns,
}

impl ImplantKind {
    /// The stable name (`scs`, `pns`), as in `list patients --json`.
    pub fn name(self) -> &'static str {
        match self {
            ImplantKind::Scs => "scs",
            ImplantKind::Pns => "pns",
        }
    }
}

/// An implant in a patient, with the body's state that only this kind of therapy moves.
#[derive(Clone, Debug)]
pub enum Implant {
    /// A spinal cord stimulator.
    Scs(Stimulator),
    /// A peripheral nerve stimulator.
    Pns(Stimulator),
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
    /// The implant a device makes: leads at nerves make a peripheral nerve stimulator,
    /// leads at the spine a spinal cord stimulator.
    pub fn of(device: crate::device::Device, patient: &Patient) -> Implant {
        let at_nerves = device.at_nerves();
        let s = Stimulator::new(device, patient);
        if at_nerves {
            Implant::Pns(s)
        } else {
            Implant::Scs(s)
        }
    }

    /// Which kind this is.
    pub fn kind(&self) -> ImplantKind {
        match self {
            Implant::Scs(_) => ImplantKind::Scs,
            Implant::Pns(_) => ImplantKind::Pns,
        }
    }

    /// The stimulator (every implant today is one).
    pub fn stimulator(&self) -> &Stimulator {
        match self {
            Implant::Scs(s) | Implant::Pns(s) => s,
        }
    }

    /// The stimulator, for the session's rules.
    pub(crate) fn stimulator_mut(&mut self) -> &mut Stimulator {
        match self {
            Implant::Scs(s) | Implant::Pns(s) => s,
        }
    }

    /// Recomputes what depends on the settings and the body (after an accepted command).
    pub fn refresh(&mut self, patient: &Patient) {
        self.stimulator_mut().refresh(patient);
    }

    /// Advances the implant and the body's slow states by `h_s` seconds at time `t_s`.
    pub fn tick(&mut self, patient: &Patient, t_s: f64, h_s: f64) -> Tick {
        self.stimulator_mut().tick(patient, t_s, h_s)
    }

    /// Pain now, from the slow states, plus a fluctuation `noise` on the overall VAS.
    pub fn pain(&self, patient: &Patient, noise: f64) -> Pain {
        self.stimulator().pain(patient, noise)
    }

    /// What the patient says about `perception` at amplitude `ma` with `pain`.
    pub fn speech(
        &self,
        patient: &Patient,
        perception: &crate::patient::perception::Perception,
        pain: &Pain,
        ma: f64,
    ) -> String {
        let stimulating = ma > 0.0;
        match self {
            Implant::Scs(_) => {
                crate::patient::words::speech(patient, perception, pain, stimulating)
            }
            Implant::Pns(s) => {
                let reading = s.nerve_reading(ma).unwrap_or_default();
                crate::patient::nerve_words::speech(
                    patient,
                    perception,
                    &reading,
                    pain,
                    stimulating,
                )
            }
        }
    }
}
