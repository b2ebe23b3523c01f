//! The spinal cord as a stimulator's target: the dorsal columns and roots under epidural
//! leads, and the words of a patient who feels them.

use super::reach::{Gate, Reach, Search, Thresholds};
use crate::device::Device;
use crate::device::program::MAX_AMPLITUDE_MA;
use crate::implant::kind::ImplantKind;
use crate::patient::activation::Activation;
use crate::patient::perception::{self, Perception};
use crate::patient::stimulus::Stimulus;
use crate::patient::{Pain, Patient, Response, words};

/// Fibre thresholds at the spinal cord of the present configuration.
#[derive(Clone, Debug, PartialEq)]
pub struct Spine {
    /// What the cord receives.
    pub stimulus: Stimulus,
    /// Thresholds of its fibre groups.
    pub activation: Activation,
}

impl Spine {
    /// The cord under `device`'s leads in `patient`, with its thresholds.
    pub(super) fn of(patient: &Patient, device: &Device) -> (Spine, Thresholds) {
        let stimulus = device.stimulus();
        let activation = Activation::new(&patient.body(), &stimulus);
        let pt_ma = perception::perception_threshold(&activation, &stimulus, MAX_AMPLITUDE_MA);
        let dt_ma = perception::discomfort_threshold(&activation, &stimulus, MAX_AMPLITUDE_MA);
        (
            Spine {
                stimulus,
                activation,
            },
            Thresholds { pt_ma, dt_ma },
        )
    }
}

impl Reach for Spine {
    fn kind(&self) -> ImplantKind {
        ImplantKind::Scs
    }

    fn search(&self) -> Search {
        Search::Assistant
    }

    fn respond(&self, patient: &Patient, ma: f64, dt_ma: Option<f64>) -> Response {
        crate::patient::respond(patient, &self.activation, &self.stimulus, ma, dt_ma)
    }

    fn advance(&self, gate: &mut Gate, response: &Response, h_s: f64, _device: &Device) {
        gate.slow.advance(&response.targets, h_s);
    }

    fn pain(&self, patient: &Patient, gate: &Gate, noise: f64) -> Pain {
        crate::patient::pain(patient, &gate.slow, noise)
    }

    fn speech(
        &self,
        patient: &Patient,
        perception: &Perception,
        pain: &Pain,
        _ma: f64,
        stimulating: bool,
    ) -> String {
        words::speech(patient, perception, pain, stimulating)
    }

    fn activation(&self) -> Option<&Activation> {
        Some(&self.activation)
    }
}
