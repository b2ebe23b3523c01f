//! What is implanted: one place per kind of implant. The session hosts an [`Implant`] and
//! knows nothing of spinal cords, nerves or drugs; each kind brings its device, what it
//! reaches in the body and how the body answers over time.
//!
//! Spinal cord stimulation and peripheral nerve stimulation share the pulse generator
//! ([`crate::device`]), the dorsal-horn gate and its time course ([`Stimulator`], whose
//! [`stimulator::Target`] is the spinal cord or a nerve); the drug pump brings its own
//! device and body model ([`pump`]).

pub mod command;
pub mod pump;
pub mod refusal;
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
    /// An intrathecal drug pump: a reservoir and a catheter into the CSF.
    Pump,
}

impl ImplantKind {
    /// The stable name (`scs`, `pns`), as in `list patients --json`.
    pub fn name(self) -> &'static str {
        match self {
            ImplantKind::Scs => "scs",
            ImplantKind::Pns => "pns",
            ImplantKind::Pump => "pump",
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
    /// An intrathecal drug pump.
    Pump(Box<pump::PumpImplant>),
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
            Implant::Pump(_) => ImplantKind::Pump,
        }
    }

    /// The stimulator; a pump has none, and an idle one (off, 0 mA) stands in for it so
    /// that a reader never panics (use [`Implant::pump`] to tell).
    pub fn stimulator(&self) -> &Stimulator {
        match self {
            Implant::Scs(s) | Implant::Pns(s) => s,
            Implant::Pump(p) => p.idle(),
        }
    }

    /// The stimulator, for the session's rules.
    pub(crate) fn stimulator_mut(&mut self) -> &mut Stimulator {
        match self {
            Implant::Scs(s) | Implant::Pns(s) => s,
            Implant::Pump(p) => p.idle_mut(),
        }
    }

    /// The drug pump, if this is one.
    pub fn pump(&self) -> Option<&pump::PumpImplant> {
        match self {
            Implant::Pump(p) => Some(p),
            Implant::Scs(_) | Implant::Pns(_) => None,
        }
    }

    /// The drug pump, for the session's rules.
    pub(crate) fn pump_mut(&mut self) -> Option<&mut pump::PumpImplant> {
        match self {
            Implant::Pump(p) => Some(p),
            Implant::Scs(_) | Implant::Pns(_) => None,
        }
    }

    /// Seconds between two steps of the physiology: 1 s for stimulation (the gate moves
    /// in seconds), [`pump::GRID_S`] for a pump (drug levels move over hours).
    pub fn grid_s(&self) -> f64 {
        match self {
            Implant::Pump(_) => pump::GRID_S,
            Implant::Scs(_) | Implant::Pns(_) => 1.0,
        }
    }

    /// Recomputes what depends on the settings and the body (after an accepted command).
    pub fn refresh(&mut self, patient: &Patient) {
        // A pump's state needs no recomputing: the rules keep its alarms current.
        if !matches!(self, Implant::Pump(_)) {
            self.stimulator_mut().refresh(patient);
        }
    }

    /// Advances the implant and the body's slow states by `h_s` seconds at time `t_s`.
    pub fn tick(&mut self, patient: &Patient, t_s: f64, h_s: f64) -> Tick {
        match self {
            Implant::Pump(p) => p.tick(t_s, h_s),
            Implant::Scs(_) | Implant::Pns(_) => self.stimulator_mut().tick(patient, t_s, h_s),
        }
    }

    /// Pain now, from the slow states, plus a fluctuation `noise` on the overall VAS.
    pub fn pain(&self, patient: &Patient, noise: f64) -> Pain {
        match self {
            Implant::Pump(p) => p.pain(patient, noise),
            Implant::Scs(_) | Implant::Pns(_) => self.stimulator().pain(patient, noise),
        }
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
            Implant::Pump(p) => pump::words::speech(patient, &p.effects(patient), pain),
        }
    }
}
