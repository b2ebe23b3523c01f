//! A pulse generator on leads, at the spinal cord or at peripheral nerves: the device, the
//! fibre thresholds its present configuration reaches in this body (the [`Target`]), and
//! the dorsal-horn gate's slow states that its stimulation moves.

use crate::device::Device;
use crate::device::program::MAX_AMPLITUDE_MA;
use crate::implant::kind::ImplantKind;
use crate::patient::activation::Activation;
use crate::patient::gate::SlowGate;
use crate::patient::nerve_activation::{NerveActivation, NerveStimulus};
use crate::patient::nerve_response::{self as nerve, NerveCourse, NerveReading};
use crate::patient::stimulus::Stimulus;
use crate::patient::{Patient, perception};

/// Fibre thresholds at the spinal cord of the present configuration.
#[derive(Clone, Debug, PartialEq)]
pub struct Spine {
    /// What the cord receives.
    pub stimulus: Stimulus,
    /// Thresholds of its fibre groups.
    pub activation: Activation,
}

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

/// What the leads reach: the spinal cord's fibres, or peripheral nerves'.
// One per stimulator, built once per change of settings: its size does not matter (the
// lint fires on main since the recalibrated physiology enlarged `Activation`).
#[allow(clippy::large_enum_variant)]
#[derive(Clone, Debug, PartialEq)]
pub enum Target {
    /// Spinal cord stimulation.
    Spine(Spine),
    /// Peripheral nerve stimulation.
    Nerve(Nerves),
}

/// The thresholds of the present configuration, kept until a command changes it.
#[derive(Clone, Debug, PartialEq)]
pub(super) struct Cache {
    pub(super) target: Target,
    pub(super) pt_ma: Option<f64>,
    pub(super) dt_ma: Option<f64>,
}

impl Cache {
    pub(super) fn of(patient: &Patient, device: &Device) -> Cache {
        if device.at_nerves() {
            let stimulus = device.nerve_stimulus();
            let activation = NerveActivation::new(patient.threshold_scale, &stimulus);
            let pt_ma = nerve::perception_threshold(&activation, &stimulus, MAX_AMPLITUDE_MA);
            let dt_ma = nerve::discomfort_threshold(&activation, &stimulus, MAX_AMPLITUDE_MA);
            let mt_ma = nerve::motor_threshold(&activation, MAX_AMPLITUDE_MA);
            return Cache {
                target: Target::Nerve(Nerves {
                    stimulus,
                    activation,
                    mt_ma,
                }),
                pt_ma,
                dt_ma,
            };
        }
        let stimulus = device.stimulus();
        let activation = Activation::new(&patient.body(), &stimulus);
        let pt_ma = perception::perception_threshold(&activation, &stimulus, MAX_AMPLITUDE_MA);
        let dt_ma = perception::discomfort_threshold(&activation, &stimulus, MAX_AMPLITUDE_MA);
        Cache {
            target: Target::Spine(Spine {
                stimulus,
                activation,
            }),
            pt_ma,
            dt_ma,
        }
    }
}

/// A stimulator implanted in a patient.
#[derive(Clone, Debug, PartialEq)]
pub struct Stimulator {
    pub(super) device: Device,
    /// When stimulation last (re)started, for soft start and cycling, s.
    pub(super) started_s: f64,
    pub(super) slow: SlowGate,
    /// Peripheral nerve stimulation's carry-over (zero at the spine).
    pub(super) course: NerveCourse,
    pub(super) cache: Cache,
    /// What happened around a booked MRI scan.
    pub(super) mri: super::mri::MriDay,
}

impl Stimulator {
    /// A stimulator in `patient`, switched as the device says, at t = 0.
    pub fn new(device: Device, patient: &Patient) -> Stimulator {
        let cache = Cache::of(patient, &device);
        Stimulator {
            device,
            started_s: 0.0,
            slow: SlowGate::default(),
            course: NerveCourse::default(),
            cache,
            mri: super::mri::MriDay::default(),
        }
    }

    /// Spinal cord or peripheral nerve stimulation, by what the leads reach.
    pub fn kind(&self) -> ImplantKind {
        match self.cache.target {
            Target::Spine(_) => ImplantKind::Scs,
            Target::Nerve(_) => ImplantKind::Pns,
        }
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
        &self.cache.target
    }

    /// What the nerves do at `ma` beyond what is felt (twitch, fibre classes); `None` at
    /// the spine.
    pub fn nerve_reading(&self, ma: f64) -> Option<NerveReading> {
        match &self.cache.target {
            Target::Spine(_) => None,
            Target::Nerve(n) => Some(nerve::reading(&n.activation, ma)),
        }
    }

    /// Perception threshold of the present configuration, mA.
    pub fn perception_threshold(&self) -> Option<f64> {
        self.cache.pt_ma
    }

    /// Discomfort threshold of the present configuration, mA.
    pub fn discomfort_threshold(&self) -> Option<f64> {
        self.cache.dt_ma
    }

    /// Motor threshold of the present configuration, mA (peripheral nerves only).
    pub fn motor_threshold(&self) -> Option<f64> {
        match &self.cache.target {
            Target::Nerve(n) => n.mt_ma,
            Target::Spine(_) => None,
        }
    }

    /// The spinal activation of the present configuration (fibre thresholds), at the spine.
    pub fn activation(&self) -> Option<&Activation> {
        match &self.cache.target {
            Target::Spine(s) => Some(&s.activation),
            Target::Nerve(_) => None,
        }
    }

    /// The nerve activation of the present configuration, at peripheral nerves.
    pub fn nerve_activation(&self) -> Option<&NerveActivation> {
        match &self.cache.target {
            Target::Nerve(n) => Some(&n.activation),
            Target::Spine(_) => None,
        }
    }
}
