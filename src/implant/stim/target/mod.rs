//! What a stimulator's leads reach — the spinal cord's fibres ([`spine`]) or a peripheral
//! nerve's ([`nerves`]) — each kind in its own file behind one small interface
//! ([`Reach`]). The stimulator never asks which it has: it asks its [`Target`] for the
//! [`Reach`] and calls it. A new kind of target (a dorsal root ganglion) is one file here,
//! one variant of [`Target`] and its arm in [`Target::reach`] and [`Target::of`].

mod nerves;
mod reach;
mod spine;

pub use nerves::Nerves;
pub use reach::{Gate, Reach, Search, Thresholds};
pub use spine::Spine;

use crate::device::Device;
use crate::patient::Patient;

/// What the leads reach: one variant per kind of target.
// One per stimulator, built once per change of settings: its size does not matter.
#[allow(clippy::large_enum_variant)]
#[derive(Clone, Debug, PartialEq)]
pub enum Target {
    /// Spinal cord stimulation.
    Spine(Spine),
    /// Peripheral nerve stimulation.
    Nerve(Nerves),
}

/// A target with the thresholds of the present configuration, kept until a command
/// changes it.
#[derive(Clone, Debug, PartialEq)]
pub struct Reached {
    /// What the leads reach.
    pub target: Target,
    /// Perception threshold, mA.
    pub pt_ma: Option<f64>,
    /// Discomfort threshold, mA.
    pub dt_ma: Option<f64>,
}

impl Target {
    /// What `device`'s leads reach in `patient`, with its thresholds.
    pub fn of(patient: &Patient, device: &Device) -> Reached {
        let (target, Thresholds { pt_ma, dt_ma }) = if super::site::at_nerves(device) {
            let (t, th) = Nerves::of(patient, device);
            (Target::Nerve(t), th)
        } else {
            let (t, th) = Spine::of(patient, device);
            (Target::Spine(t), th)
        };
        Reached {
            target,
            pt_ma,
            dt_ma,
        }
    }

    /// The target's answers.
    pub fn reach(&self) -> &dyn Reach {
        match self {
            Target::Spine(t) => t,
            Target::Nerve(t) => t,
        }
    }
}
