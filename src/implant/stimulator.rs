//! A pulse generator on leads (spinal cord stimulation today; peripheral nerve stimulation
//! next): the device, the fibre thresholds its present configuration reaches in this body,
//! and the dorsal-horn gate's slow states that its stimulation moves.

use super::Tick;
use crate::device::Device;
use crate::device::battery::power_w;
use crate::device::program::MAX_AMPLITUDE_MA;
use crate::device::waveform;
use crate::patient::activation::Activation;
use crate::patient::gate::SlowGate;
use crate::patient::stimulus::Stimulus;
use crate::patient::{Pain, Patient, Response, perception};

/// Fibre thresholds of the present configuration, kept until a command changes it.
#[derive(Clone, Debug, PartialEq)]
struct Cache {
    stimulus: Stimulus,
    activation: Activation,
    pt_ma: Option<f64>,
    dt_ma: Option<f64>,
}

impl Cache {
    fn of(patient: &Patient, device: &Device) -> Cache {
        let stimulus = device.stimulus();
        let activation = Activation::new(&patient.body(), &stimulus);
        let pt_ma = perception::perception_threshold(&activation, &stimulus, MAX_AMPLITUDE_MA);
        let dt_ma = perception::discomfort_threshold(&activation, &stimulus, MAX_AMPLITUDE_MA);
        Cache {
            stimulus,
            activation,
            pt_ma,
            dt_ma,
        }
    }
}

/// A stimulator implanted in a patient.
#[derive(Clone, Debug)]
pub struct Stimulator {
    device: Device,
    /// When stimulation last (re)started, for soft start and cycling, s.
    started_s: f64,
    slow: SlowGate,
    cache: Cache,
}

impl Stimulator {
    /// A stimulator in `patient`, switched as the device says, at t = 0.
    pub fn new(device: Device, patient: &Patient) -> Stimulator {
        let cache = Cache::of(patient, &device);
        Stimulator {
            device,
            started_s: 0.0,
            slow: SlowGate::default(),
            cache,
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

    /// Recomputes the fibre thresholds after a change of settings, contacts or body.
    pub fn refresh(&mut self, patient: &Patient) {
        self.cache = Cache::of(patient, &self.device);
    }

    /// Amplitude reaching the tissue at `t_s`, mA (after compliance, cycling, soft start).
    pub fn instant_ma(&self, t_s: f64) -> f64 {
        let settings = &self.device.program().settings;
        self.device.delivered_ma() * waveform::envelope(settings, t_s - self.started_s)
    }

    /// The fast physiology at amplitude `ma` with the present configuration.
    pub fn respond(&self, patient: &Patient, ma: f64) -> Response {
        crate::patient::respond(
            patient,
            &self.cache.activation,
            &self.cache.stimulus,
            ma,
            self.cache.dt_ma,
        )
    }

    /// One step of `h_s` seconds at `t_s`: the gate's slow states move toward what the
    /// stimulation asks, the battery drains, and an empty battery stops the implant.
    pub fn tick(&mut self, patient: &Patient, t_s: f64, h_s: f64) -> Tick {
        let ma = self.instant_ma(t_s);
        let response = self.respond(patient, ma);
        self.slow.advance(&response.targets, h_s);
        let settings = self.device.program().settings;
        let power = power_w(ma, self.device.load_ohm(), settings.pulse_duty());
        self.device.battery.drain(power, h_s);
        if self.device.battery.energy_j <= 0.0 {
            // The implant stops by itself; the remote shows the battery alert.
            self.device.therapy_on = false;
        }
        Tick {
            delivered_ma: ma,
            paresthesia: response
                .perception
                .paresthesia
                .iter()
                .copied()
                .fold(0.0, f64::max),
        }
    }

    /// Pain now from the gate's slow states, with a fluctuation on the overall VAS.
    pub fn pain(&self, patient: &Patient, noise: f64) -> Pain {
        crate::patient::pain(patient, &self.slow, noise)
    }

    /// Perception threshold of the present configuration, mA.
    pub fn perception_threshold(&self) -> Option<f64> {
        self.cache.pt_ma
    }

    /// Discomfort threshold of the present configuration, mA.
    pub fn discomfort_threshold(&self) -> Option<f64> {
        self.cache.dt_ma
    }

    /// The activation of the present configuration (fibre thresholds).
    pub fn activation(&self) -> &Activation {
        &self.cache.activation
    }
}
