//! A running simulation: the implant, the patient, the remote, a simulated clock and the
//! log of every command. `apply` is the only door for changes; `step` advances time.

pub mod command;
pub mod ramp;
pub mod record;
pub mod refusal;
pub mod relief_map;
pub mod replay;
mod rules;
pub mod series;
pub mod view;

pub use command::{AccessRequest, Command, Event, ProgrammerEdit, RemoteKey, Role, WorldEvent};
pub use refusal::Refusal;

use crate::device::Device;
use crate::device::program::MAX_AMPLITUDE_MA;
use crate::device::waveform;
use crate::patient::activation::Activation;
use crate::patient::gate::SlowGate;
use crate::patient::stimulus::Stimulus;
use crate::patient::{Patient, perception};
use crate::remote::Remote;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use serde::{Deserialize, Serialize};

/// One entry of the session log: when, what, and whether it was accepted.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LogEntry {
    /// Simulated time, s.
    pub t_s: f64,
    /// Who sent it.
    pub role: Role,
    /// The command.
    pub command: Command,
    /// `None` if accepted, otherwise which rule refused it.
    pub refused: Option<Refusal>,
}

/// Fibre thresholds of the present configuration, cached until a command changes it.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Cache {
    pub stimulus: Stimulus,
    pub activation: Activation,
    pub pt_ma: Option<f64>,
    pub dt_ma: Option<f64>,
}

/// Standard deviation of the patient's moment-to-moment pain fluctuation, VAS.
const NOISE_SD: f64 = 0.15;
/// Correlation time of that fluctuation, s.
const NOISE_TAU_S: f64 = 60.0;

/// A simulation in progress.
#[derive(Clone, Debug)]
pub struct Session {
    /// The implant.
    pub device: Device,
    /// The person.
    pub patient: Patient,
    /// The handheld remote.
    pub remote: Remote,
    /// Who is acting by default: the patient, or the clinician once logged in.
    pub role: Role,
    /// The role the session started in (replays start from it).
    pub start_role: Role,
    /// The exercise this session practises, if any (its id).
    pub exercise: Option<String>,
    /// The clinician programmer's PIN lock.
    pub access: crate::clinician::Access,
    /// Simulated time since the session started, s.
    pub t_s: f64,
    /// Seed of the session's randomness.
    pub seed: u64,
    /// Every command applied or refused.
    pub log: Vec<LogEntry>,
    /// When stimulation last (re)started, for soft start and cycling, s.
    pub started_s: f64,
    /// Whole seconds of physiology integrated so far.
    ticks: u64,
    pub(crate) slow: SlowGate,
    pub(crate) noise: f64,
    rng: ChaCha8Rng,
    pub(crate) cache: Cache,
    series: series::Series,
}

impl Session {
    /// A new session at t = 0 with this patient and implant.
    pub fn new(patient: Patient, device: Device, role: Role, seed: u64) -> Session {
        let cache = compute_cache(&patient, &device);
        let mut s = Session {
            device,
            patient,
            remote: Remote::default(),
            role,
            start_role: role,
            exercise: None,
            access: crate::clinician::Access::default(),
            t_s: 0.0,
            seed,
            log: Vec::new(),
            started_s: 0.0,
            ticks: 0,
            slow: SlowGate::default(),
            noise: 0.0,
            rng: ChaCha8Rng::seed_from_u64(seed),
            cache,
            series: series::Series::default(),
        };
        s.record_sample(0, 0.0, 0.0);
        s
    }

    /// Applies a command as the session's role; see [`Session::apply_as`].
    pub fn apply(&mut self, command: impl Into<Command>) -> Result<Vec<Event>, Refusal> {
        self.apply_as(self.role, command)
    }

    /// Applies a command as `role`: checks permission, lock, link and interlocks, changes
    /// the state, logs it (refused or not) and returns what changed.
    pub fn apply_as(
        &mut self,
        role: Role,
        command: impl Into<Command>,
    ) -> Result<Vec<Event>, Refusal> {
        let command = command.into();
        let result = rules::apply(self, role, &command);
        if result.is_ok() {
            self.cache = compute_cache(&self.patient, &self.device);
        }
        // A PIN is never written to the log; the outcome is.
        self.log.push(LogEntry {
            t_s: self.t_s,
            role,
            command: command.redacted(),
            refused: result.as_ref().err().cloned(),
        });
        result
    }

    /// Advances simulated time by `dt_s` seconds.
    pub fn step(&mut self, dt_s: f64) {
        if dt_s.is_finite() && dt_s > 0.0 {
            self.advance_to(self.t_s + dt_s);
        }
    }

    /// Advances simulated time to `t_s`. The physiology moves on a fixed one-second grid,
    /// so the result does not depend on how time was cut into steps (a GUI's frames or a
    /// replay's jumps give the same session).
    pub fn advance_to(&mut self, t_s: f64) {
        if !t_s.is_finite() || t_s <= self.t_s {
            return;
        }
        while (self.ticks + 1) as f64 <= t_s {
            self.t_s = self.ticks as f64;
            self.tick(1.0);
            self.ticks += 1;
        }
        self.t_s = t_s;
    }

    /// Amplitude reaching the tissue now, mA (after compliance, cycling and soft start).
    pub fn instant_ma(&self) -> f64 {
        let settings = &self.device.program().settings;
        self.device.delivered_ma() * waveform::envelope(settings, self.t_s - self.started_s)
    }

    fn tick(&mut self, h: f64) {
        let ma = self.instant_ma();
        let response = self.respond(ma);
        self.slow.advance(&response.targets, h);
        let settings = self.device.program().settings;
        let power =
            crate::device::battery::power_w(ma, self.device.load_ohm(), settings.pulse_duty());
        self.device.battery.drain(power, h);
        if self.device.battery.energy_j <= 0.0 {
            // The implant stops by itself; the remote shows the battery alert.
            self.device.therapy_on = false;
        }
        // Ornstein–Uhlenbeck fluctuation of the felt pain.
        let a = (-h / NOISE_TAU_S).exp();
        self.noise = self.noise * a + NOISE_SD * (1.0 - a * a).sqrt() * self.gaussian();
        let paresthesia = response
            .perception
            .paresthesia
            .iter()
            .copied()
            .fold(0.0, f64::max);
        self.record_sample(self.ticks + 1, ma, paresthesia);
    }

    /// Adds the state at the end of physiology tick `tick` to the series.
    fn record_sample(&mut self, tick: u64, ma: f64, paresthesia: f64) {
        let pain = crate::patient::pain(&self.patient, &self.slow, self.noise);
        self.series.record(
            tick,
            series::Sample {
                t_s: tick as f64,
                stimulation_on: ma > 0.0,
                amplitude_ma: ma,
                pain_vas: pain.vas,
                relief_percent: pain.relief_percent,
                paresthesia_intensity: paresthesia,
            },
        );
    }

    /// The course of the session so far (one sample per simulated second, coarser for
    /// long sessions).
    pub fn series(&self) -> &series::Series {
        &self.series
    }

    fn gaussian(&mut self) -> f64 {
        let u1: f64 = self.rng.random::<f64>().max(1e-12);
        let u2: f64 = self.rng.random();
        (-2.0 * u1.ln()).sqrt() * (std::f64::consts::TAU * u2).cos()
    }

    /// The fast physiology at amplitude `ma` with the present configuration.
    pub fn respond(&self, ma: f64) -> crate::patient::Response {
        crate::patient::respond(
            &self.patient,
            &self.cache.activation,
            &self.cache.stimulus,
            ma,
            self.cache.dt_ma,
        )
    }

    /// Sets the patient's momentary pain fluctuation (VAS); tests and teachers use 0 to
    /// show the underlying course.
    pub fn set_noise(&mut self, vas: f64) {
        self.noise = if vas.is_finite() {
            vas.clamp(-2.0, 2.0)
        } else {
            0.0
        };
    }

    /// The command the remote's power key sends now: on when off, off when on.
    pub fn therapy_toggle(&self) -> RemoteKey {
        if self.device.therapy_on {
            RemoteKey::TherapyOff
        } else {
            RemoteKey::TherapyOn
        }
    }

    /// The command the remote's lock key sends now.
    pub fn lock_toggle(&self) -> RemoteKey {
        if self.remote.locked {
            RemoteKey::Unlock
        } else {
            RemoteKey::Lock
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

    /// The activation of the present configuration (fibre thresholds).
    pub fn activation(&self) -> &Activation {
        &self.cache.activation
    }
}

fn compute_cache(patient: &Patient, device: &Device) -> Cache {
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
