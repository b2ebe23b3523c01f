//! A pulse generator on leads, at the spinal cord or at peripheral nerves: the device, what
//! its present configuration reaches in this body (the [`Target`], with its thresholds),
//! and the slow states its stimulation moves ([`Gate`]).

use super::target::{Gate, Reach, Reached, Target};
use crate::device::Device;
use crate::implant::kind::ImplantKind;
use crate::patient::Patient;
use crate::patient::activation::Activation;
use crate::patient::nerve_activation::NerveActivation;
use crate::patient::nerve_response::NerveReading;

/// A stimulator implanted in a patient.
#[derive(Clone, Debug, PartialEq)]
pub struct Stimulator {
    pub(super) device: Device,
    /// When stimulation last (re)started, for soft start and cycling, s.
    pub(super) started_s: f64,
    pub(super) gate: Gate,
    pub(super) reached: Reached,
    /// What happened around a booked MRI scan.
    pub(super) mri: super::mri::MriDay,
    /// Percutaneous leads withdrawn (indices into the device's nerve leads).
    pub(super) withdrawn: Vec<usize>,
}

impl Stimulator {
    /// A stimulator in `patient`, switched as the device says, at t = 0.
    pub fn new(device: Device, patient: &Patient) -> Stimulator {
        let reached = Target::of(patient, &device);
        Stimulator {
            device,
            started_s: 0.0,
            gate: Gate::default(),
            reached,
            mri: super::mri::MriDay::default(),
            withdrawn: Vec::new(),
        }
    }

    /// Spinal cord or peripheral nerve stimulation, by what the leads reach.
    pub fn kind(&self) -> ImplantKind {
        self.reach().kind()
    }

    /// The pulse generator.
    pub fn device(&self) -> &Device {
        &self.device
    }

    /// The pulse generator, for the session's rules (the only place that changes it).
    pub(crate) fn device_mut(&mut self) -> &mut Device {
        &mut self.device
    }

    /// When stimulation last (re)started, s.
    pub fn started_s(&self) -> f64 {
        self.started_s
    }

    /// Stimulation (re)starts at `t_s`: soft start and cycling count from here.
    pub(crate) fn restart(&mut self, t_s: f64) {
        self.started_s = t_s;
    }

    /// What the leads reach and its thresholds.
    pub fn target(&self) -> &Target {
        &self.reached.target
    }

    /// The present target's answers.
    pub(super) fn reach(&self) -> &dyn Reach {
        self.reached.target.reach()
    }

    /// What the nerves do at `ma` beyond what is felt (twitch, fibre classes); `None` at
    /// the spine.
    pub fn nerve_reading(&self, ma: f64) -> Option<NerveReading> {
        self.reach().nerve_reading(ma)
    }

    /// Perception threshold of the present configuration, mA.
    pub fn perception_threshold(&self) -> Option<f64> {
        self.reached.pt_ma
    }

    /// Discomfort threshold of the present configuration, mA.
    pub fn discomfort_threshold(&self) -> Option<f64> {
        self.reached.dt_ma
    }

    /// Motor threshold of the present configuration, mA (peripheral nerves only).
    pub fn motor_threshold(&self) -> Option<f64> {
        self.reach().motor_threshold()
    }

    /// The spinal activation of the present configuration (fibre thresholds), at the spine.
    pub fn activation(&self) -> Option<&Activation> {
        self.reach().activation()
    }

    /// The nerve activation of the present configuration, at peripheral nerves.
    pub fn nerve_activation(&self) -> Option<&NerveActivation> {
        self.reach().nerve_activation()
    }
}
