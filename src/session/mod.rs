//! A running simulation: the implant, the patient, the remote, a simulated clock and the
//! log of every command. `apply` is the only door for changes; `step` advances time.

pub mod action_words;
pub mod ramp;
pub mod record;
pub mod replay;
mod rules;
pub mod series;
pub mod steering;
pub mod stepwise;
pub mod view;

pub use crate::implant::command::{
    AccessRequest, Command, Event, ProgrammerEdit, PumpEdit, PumpEvent, PumpKey, RefillStep,
    RemoteKey, Role, WorldEvent,
};
pub use crate::implant::refusal::Refusal;
/// The command vocabulary and its refusals live with the implant that obeys them; these
/// paths keep the session's names for them.
pub use crate::implant::{command, refusal};

use crate::device::Device;
use crate::implant::{Implant, Stimulator};
use crate::patient::Patient;
use crate::patient::activation::Activation;
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

/// The shortest time to a next visit, s (an hour: shorter waits are the clock's).
pub const MIN_VISIT_GAP_S: f64 = 3600.0;
/// The longest, s (two weeks: a session file holds at most 30 days).
pub const MAX_VISIT_GAP_S: f64 = 14.0 * 86_400.0;

/// Standard deviation of the patient's moment-to-moment pain fluctuation, VAS.
const NOISE_SD: f64 = 0.15;
/// Correlation time of that fluctuation, s.
const NOISE_TAU_S: f64 = 60.0;

/// A simulation in progress.
#[derive(Clone, Debug)]
pub struct Session {
    /// What is implanted (reached through [`Session::implant`]; changed only by `apply`).
    implant: Implant,
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
    /// In this exercise the trainee may ask the patient to change posture, cough and bend
    /// (a closed loop is checked so); otherwise the scene is the exercise's alone.
    pub patient_moves: bool,
    /// The clinician programmer's PIN lock.
    pub access: crate::clinician::Access,
    /// Simulated time since the session started, s.
    pub t_s: f64,
    /// Until when the patient is at home (a visit ended with its next one booked), s: the
    /// trainee's commands before then are refused.
    pub away_until_s: f64,
    /// Seed of the session's randomness.
    pub seed: u64,
    /// Every command applied or refused.
    pub log: Vec<LogEntry>,
    /// Whole seconds of physiology integrated so far.
    ticks: u64,
    pub(crate) noise: f64,
    rng: ChaCha8Rng,
    series: series::Series,
}

impl Session {
    /// A new session at t = 0 with this patient and stimulator (a spinal cord stimulator,
    /// or a peripheral nerve stimulator when the device's leads lie at nerves).
    pub fn new(patient: Patient, device: Device, role: Role, seed: u64) -> Session {
        let implant = Implant::of(device, &patient);
        Session::hosting(patient, implant, role, seed)
    }

    /// A new session at t = 0 hosting any implant.
    pub fn hosting(patient: Patient, implant: Implant, role: Role, seed: u64) -> Session {
        let mut s = Session {
            implant,
            patient,
            remote: Remote::default(),
            role,
            start_role: role,
            exercise: None,
            patient_moves: false,
            access: crate::clinician::Access::default(),
            t_s: 0.0,
            away_until_s: 0.0,
            seed,
            log: Vec::new(),
            ticks: 0,
            noise: 0.0,
            rng: ChaCha8Rng::seed_from_u64(seed),
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
            self.implant.therapy_mut().refresh(&self.patient);
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

    /// Advances simulated time to `t_s`. The physiology moves on a fixed grid (one second
    /// for a stimulator, a minute for a drug pump: [`Implant::grid_s`]), so the result
    /// does not depend on how time was cut into steps (a GUI's frames or a replay's jumps
    /// give the same session).
    pub fn advance_to(&mut self, t_s: f64) {
        if !t_s.is_finite() || t_s <= self.t_s {
            return;
        }
        let h = self.implant.therapy().grid_s();
        while (self.ticks + 1) as f64 * h <= t_s {
            self.t_s = self.ticks as f64 * h;
            self.tick(h);
            self.ticks += 1;
        }
        self.t_s = t_s;
    }

    /// The implant.
    pub fn implant(&self) -> &Implant {
        &self.implant
    }

    /// The stimulator (spinal or peripheral); `None` for a drug pump.
    pub fn stimulator(&self) -> Option<&Stimulator> {
        self.implant.stimulator()
    }

    /// The stimulator's pulse generator; `None` for a drug pump.
    pub fn device(&self) -> Option<&Device> {
        self.stimulator().map(Stimulator::device)
    }

    /// Amplitude reaching the tissue now, mA (after compliance, cycling and soft start; 0
    /// for an implant that does not stimulate).
    pub fn instant_ma(&self) -> f64 {
        self.implant.therapy().instant_ma(self.t_s)
    }

    fn tick(&mut self, h: f64) {
        let tick = self.implant.therapy_mut().tick(&self.patient, self.t_s, h);
        if self.t_s < self.away_until_s {
            self.implant.charge_at_home();
        }
        // Ornstein–Uhlenbeck fluctuation of the felt pain.
        let a = (-h / NOISE_TAU_S).exp();
        self.noise = self.noise * a + NOISE_SD * (1.0 - a * a).sqrt() * self.gaussian();
        self.record_sample(self.ticks + 1, tick.delivered_ma, tick.paresthesia);
    }

    /// Adds the state at the end of physiology tick `tick` to the series.
    fn record_sample(&mut self, tick: u64, ma: f64, paresthesia: f64) {
        let pain = self.implant.therapy().pain(&self.patient, self.noise);
        self.series.record(
            tick,
            series::Sample {
                t_s: tick as f64 * self.implant.therapy().grid_s(),
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
        self.implant.therapy().respond(&self.patient, ma)
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
        if self.implant.therapy().therapy_on() {
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

    /// Perception threshold of the present configuration, mA (stimulators only).
    pub fn perception_threshold(&self) -> Option<f64> {
        self.stimulator()?.perception_threshold()
    }

    /// Discomfort threshold of the present configuration, mA (stimulators only).
    pub fn discomfort_threshold(&self) -> Option<f64> {
        self.stimulator()?.discomfort_threshold()
    }

    /// The spinal activation of the present configuration (fibre thresholds); `None` for
    /// a peripheral nerve stimulator (see [`Session::nerve_activation`]) or a pump.
    pub fn activation(&self) -> Option<&Activation> {
        self.stimulator()?.activation()
    }

    /// The nerve activation of the present configuration; `None` at the spine.
    pub fn nerve_activation(&self) -> Option<&crate::patient::nerve_activation::NerveActivation> {
        self.stimulator()?.nerve_activation()
    }

    /// Motor threshold of the present configuration, mA (peripheral nerves with motor
    /// axons only).
    pub fn motor_threshold(&self) -> Option<f64> {
        self.stimulator()?.motor_threshold()
    }

    /// What the nerves do at amplitude `ma` (twitch, fibre classes); `None` at the spine.
    pub fn nerve_reading(&self, ma: f64) -> Option<crate::patient::nerve_response::NerveReading> {
        self.stimulator()?.nerve_reading(ma)
    }
}
