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
    /// The closed loop running (the program in closed loop, delivering).
    pub(super) live_loop: Option<super::live_loop::LiveLoop>,
    /// Percutaneous leads withdrawn (indices into the device's nerve leads).
    pub(super) withdrawn: Vec<usize>,
    /// The last tick's fast physiology, kept while its amplitude and the settings stay.
    pub(super) memo: Memo,
}

/// The fast physiology of the last tick and the amplitude it was computed at: a long run
/// at one setting (a 10 kHz wash-in over days, a pump of weeks beside it) computes it once,
/// not every simulated second. Forgotten whenever the settings or the body change
/// ([`crate::implant::Therapy::refresh`]); not part of the state, so two stimulators that
/// differ only in it are equal.
#[derive(Clone, Debug, Default)]
pub(super) struct Memo(Option<(u64, crate::patient::Response)>);

impl Memo {
    /// The response at `ma`, computed by `respond` unless it is the one kept.
    pub(super) fn get(
        &mut self,
        ma: f64,
        respond: impl FnOnce() -> crate::patient::Response,
    ) -> crate::patient::Response {
        match &self.0 {
            Some((bits, r)) if *bits == ma.to_bits() => r.clone(),
            _ => {
                let r = respond();
                self.0 = Some((ma.to_bits(), r.clone()));
                r
            }
        }
    }

    /// Forgets the kept response.
    pub(super) fn clear(&mut self) {
        self.0 = None;
    }
}

impl PartialEq for Memo {
    fn eq(&self, _: &Memo) -> bool {
        true
    }
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
            live_loop: None,
            withdrawn: Vec::new(),
            memo: Memo::default(),
        }
    }

    /// The patient at home charges the battery once the remote asks for it (a
    /// percutaneous trial's external generator included: its battery is changed).
    pub(crate) fn charge_at_home(&mut self) {
        if self.device.battery.state() != crate::device::battery::BatteryState::Ok {
            self.device.battery.recharge();
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

impl Stimulator {
    /// Runs the running program's closed loop over the step `[t_s, t_s + h_s)`; with the
    /// program in open loop or nothing delivered, there is no loop (it starts again from
    /// the program's amplitude when it returns).
    pub(super) fn advance_loop(&mut self, patient: &crate::patient::Patient, t_s: f64, h_s: f64) {
        let program = self.device.program();
        let Some(settings) = program.running_loop().filter(|_| self.device.delivering()) else {
            self.live_loop = None;
            return;
        };
        let rate_hz = program.settings.rate_hz;
        let start_ma = self
            .device
            .delivered_ma()
            .clamp(settings.min_ma, settings.max_ma);
        let mut live = self
            .live_loop
            .take()
            .unwrap_or_else(|| super::live_loop::LiveLoop::new(start_ma, t_s));
        let v = super::live_loop::cathode_v(&self.device);
        let ecap = self.ecap(patient);
        live.run_until(&settings, rate_hz, ecap.as_ref(), v, t_s + h_s);
        self.live_loop = Some(live);
    }

    /// The closed loop running now, if the program is in closed loop and delivering.
    pub fn live_loop(&self) -> Option<&super::live_loop::LiveLoop> {
        self.live_loop.as_ref()
    }

    /// A jolt of the cord (a cough) at `t_s`: the running loop meets it; without one
    /// nothing records it.
    pub(super) fn jolt(&mut self, jolt: crate::patient::cord_motion::Jolt, t_s: f64) {
        if let Some(live) = &mut self.live_loop {
            live.jolts.push((t_s, jolt));
        }
    }

    /// The ECAP recording in `patient` at the present settings; `None` for a target without
    /// dorsal columns (a peripheral nerve), a kHz waveform (no volley), no cathode or no
    /// free recording contact ([`super::recording::recording_mm`]).
    pub fn ecap<'a>(
        &'a self,
        patient: &crate::patient::Patient,
    ) -> Option<crate::patient::ecap::Ecap<'a>> {
        let act = self.activation()?;
        let record_mm = super::recording::recording_mm(&self.device)?;
        crate::patient::ecap::Ecap::new(act, &patient.body(), &self.device.stimulus(), record_mm)
    }

    /// The current the present settings hold at rest in `patient`, mA: in closed loop the
    /// one whose ECAP meets the target (within the loop's limits), else the delivered one.
    pub fn held_ma(&self, patient: &crate::patient::Patient) -> f64 {
        let program = self.device.program();
        match (program.running_loop(), self.ecap(patient)) {
            (Some(l), Some(ecap)) if self.device.delivering() => ecap
                .current_for(l.target_uv, l.max_ma)
                .unwrap_or(l.max_ma)
                .clamp(l.min_ma, l.max_ma),
            _ => self.device.delivered_ma(),
        }
    }

    /// The therapeutic window in ECAP, µV: the ECAPs at the perception and discomfort
    /// thresholds of the present configuration (`None` without an ECAP or either threshold).
    pub fn ecap_window_uv(&self, patient: &crate::patient::Patient) -> Option<(f64, f64)> {
        let ecap = self.ecap(patient)?;
        let (pt, dt) = (self.perception_threshold()?, self.discomfort_threshold()?);
        Some((ecap.amplitude_uv(pt, 0.0), ecap.amplitude_uv(dt, 0.0)))
    }
}
