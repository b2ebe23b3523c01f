//! The interface every kind of stimulator target answers ([`Reach`]), and the slow states
//! a stimulation moves ([`Gate`]).

use crate::device::Device;
use crate::implant::kind::ImplantKind;
use crate::patient::activation::Activation;
use crate::patient::gate::SlowGate;
use crate::patient::nerve_activation::NerveActivation;
use crate::patient::nerve_response::{NerveCourse, NerveReading};
use crate::patient::perception::Perception;
use crate::patient::{Pain, Patient, Response};

/// The perception and discomfort thresholds of a target's present configuration, mA.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Thresholds {
    /// Perception threshold (`None`: beyond reach).
    pub pt_ma: Option<f64>,
    /// Discomfort threshold (`None`: beyond reach).
    pub dt_ma: Option<f64>,
}

/// How a clinician finds a target's coverage: the way an expert's plan follows. The
/// target's own file says which, so the expert never asks what kind of target it is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Search {
    /// The programming assistant screens the contacts along the leads and picks contacts
    /// and pulse width; the amplitude is then titrated.
    Assistant,
    /// Test stimulation: each lead still in its introducer placed first, then a guarded
    /// cathode moved along each lead and kept where it meets the goal at the least current.
    TestStimulation,
}

/// What every kind of target answers. The defaults are a target without the feature (a
/// spinal cord has no motor threshold to read).
pub trait Reach {
    /// The kind of implant this target makes.
    fn kind(&self) -> ImplantKind;

    /// How a clinician finds this target's coverage.
    fn search(&self) -> Search;

    /// The fast physiology at amplitude `ma` (`dt_ma`: the discomfort threshold).
    fn respond(&self, patient: &Patient, ma: f64, dt_ma: Option<f64>) -> Response;

    /// The gate's slow states (and a nerve's carry-over) move for `h_s` seconds toward
    /// what `response` asks, on `device`.
    fn advance(&self, gate: &mut Gate, response: &Response, h_s: f64, device: &Device);

    /// Pain now from the slow states, with a fluctuation `noise` on the overall VAS.
    fn pain(&self, patient: &Patient, gate: &Gate, noise: f64) -> Pain;

    /// What the patient says at `ma` (`stimulating`: current is flowing).
    fn speech(
        &self,
        patient: &Patient,
        perception: &Perception,
        pain: &Pain,
        ma: f64,
        stimulating: bool,
    ) -> String;

    /// What a nerve does at `ma` beyond what is felt (twitch, fibre classes).
    fn nerve_reading(&self, _ma: f64) -> Option<NerveReading> {
        None
    }

    /// Motor threshold, mA.
    fn motor_threshold(&self) -> Option<f64> {
        None
    }

    /// The spinal activation (fibre thresholds).
    fn activation(&self) -> Option<&Activation> {
        None
    }

    /// The nerve activation (fascicle and fibre-class thresholds).
    fn nerve_activation(&self) -> Option<&NerveActivation> {
        None
    }
}

/// The slow states a stimulation moves: the dorsal-horn gate, and a nerve's carry-over
/// (zero at the spine).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Gate {
    /// The gate's slow states.
    pub slow: SlowGate,
    /// Peripheral nerve stimulation's carry-over.
    pub course: NerveCourse,
}
