//! Peripheral nerves as a stimulator's target: the fascicles and fibre classes a lead at a
//! nerve reaches, the relief a percutaneous lead carries over, and the words (and
//! twitches) of a patient who feels them.

use super::reach::{Gate, Reach, Search, Thresholds};
use crate::device::program::MAX_AMPLITUDE_MA;
use crate::device::{Device, Generator};
use crate::implant::kind::ImplantKind;
use crate::patient::nerve_activation::{NerveActivation, NerveStimulus};
use crate::patient::nerve_response::{self as nerve, NerveReading};
use crate::patient::perception::Perception;
use crate::patient::{Pain, Patient, Response, nerve_words};

/// Fibre thresholds at the nerves of the present configuration.
#[derive(Clone, Debug, PartialEq)]
pub struct Nerves {
    /// What the nerves receive.
    pub stimulus: NerveStimulus,
    /// Thresholds of every fascicle and fibre class.
    pub activation: NerveActivation,
    /// Motor threshold, mA (`None` for a purely sensory nerve or beyond reach).
    pub mt_ma: Option<f64>,
}

impl Nerves {
    /// The nerves at `device`'s leads in `patient`, with their thresholds.
    pub(super) fn of(patient: &Patient, device: &Device) -> (Nerves, Thresholds) {
        let stimulus = device.nerve_stimulus();
        let activation = NerveActivation::new(patient.threshold_scale, &stimulus);
        let pt_ma = nerve::perception_threshold(&activation, &stimulus, MAX_AMPLITUDE_MA);
        let dt_ma = nerve::discomfort_threshold(&activation, &stimulus, MAX_AMPLITUDE_MA);
        let mt_ma = nerve::motor_threshold(&activation, MAX_AMPLITUDE_MA);
        (
            Nerves {
                stimulus,
                activation,
                mt_ma,
            },
            Thresholds { pt_ma, dt_ma },
        )
    }
}

impl Reach for Nerves {
    fn kind(&self) -> ImplantKind {
        ImplantKind::Pns
    }

    fn search(&self) -> Search {
        Search::TestStimulation
    }

    fn respond(&self, patient: &Patient, ma: f64, _dt_ma: Option<f64>) -> Response {
        nerve::respond(patient, &self.activation, &self.stimulus, ma).0
    }

    /// Percutaneous (coiled) leads on an external generator carry relief over.
    fn advance(&self, gate: &mut Gate, response: &Response, h_s: f64, device: &Device) {
        let carries = device.generator() == Generator::External;
        gate.course
            .advance(&mut gate.slow, &response.targets, h_s, carries);
    }

    fn pain(&self, patient: &Patient, gate: &Gate, noise: f64) -> Pain {
        crate::patient::pain(patient, &gate.course.combined(&gate.slow), noise)
    }

    fn speech(
        &self,
        patient: &Patient,
        perception: &Perception,
        pain: &Pain,
        ma: f64,
        stimulating: bool,
    ) -> String {
        let reading = self.nerve_reading(ma).unwrap_or_default();
        nerve_words::speech(patient, perception, &reading, pain, stimulating)
    }

    fn nerve_reading(&self, ma: f64) -> Option<NerveReading> {
        Some(nerve::reading(&self.activation, ma))
    }

    fn motor_threshold(&self) -> Option<f64> {
        self.mt_ma
    }

    fn nerve_activation(&self) -> Option<&NerveActivation> {
        Some(&self.activation)
    }
}
