//! What every implant does for the session that hosts it, and what it reaches of its host.

use super::command::{Command, Event};
use super::goal::{Ending, Goal, Verdict};
use super::kind::ImplantKind;
use super::refusal::{Refusal, WrongKind};
use super::report::{Report, Row};
use super::view::View;
use crate::device::safety::{SafetyReport, Warning};
use crate::patient::{Pain, Patient, Response};

/// What one second of physiology produced, for the session's series.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Tick {
    /// Current reaching the tissue, mA (0 for an implant that does not stimulate).
    pub delivered_ma: f64,
    /// Strongest paresthesia anywhere (0..1).
    pub paresthesia: f64,
}

/// What an implant's rules reach besides the implant: the body, the moment, and what the
/// patient's words depend on (the session's seed and the felt pain's fluctuation).
pub struct Host<'a> {
    /// The person (a stimulator's scene may change the CSF under its leads).
    pub patient: &'a mut Patient,
    /// Simulated time, s.
    pub t_s: f64,
    /// Seed of the session's randomness.
    pub seed: u64,
    /// The felt pain's fluctuation now, VAS.
    pub noise: f64,
}

/// The longest run of an implant whose work is done within days, s and in words.
pub const WEEK: (f64, &str) = (7.0 * 86_400.0, "a week");

/// What every implant does for the session that hosts it, whatever its kind. The session
/// asks only this; what a kind has nothing to say about has a default (a pump stimulates
/// nothing, so its current is 0 and the body's fast answer is the resting one).
pub trait Therapy {
    /// Which kind this is.
    fn kind(&self) -> ImplantKind;

    /// Refuses a command meant for another kind of implant (checked before anything else,
    /// so the refusal names the kinds); `None` lets it through.
    fn foreign(&self, command: &Command) -> Option<Refusal> {
        let takes = command.takes()?;
        let implant = self.kind();
        (!takes.contains(&implant)).then(|| {
            Refusal::WrongImplant(WrongKind {
                implant,
                takes: takes.to_vec(),
            })
        })
    }

    /// Applies one of this implant's own commands: the session has checked who sent it
    /// and that it is not [`Therapy::foreign`]. The state is untouched on refusal.
    fn apply(&mut self, host: &mut Host, command: &Command) -> Result<Vec<Event>, Refusal>;

    /// The longest simulated run worth asking of one command, s and in words.
    fn longest_run(&self) -> (f64, &'static str) {
        WEEK
    }

    /// Seconds between two steps of the physiology.
    fn grid_s(&self) -> f64 {
        1.0
    }

    /// Recomputes what depends on the settings and the body (after an accepted command).
    fn refresh(&mut self, _patient: &Patient) {}

    /// Advances the implant and the body's slow states by `h_s` seconds at time `t_s`.
    fn tick(&mut self, patient: &Patient, t_s: f64, h_s: f64) -> Tick;

    /// Pain now, from the slow states, plus a fluctuation `noise` on the overall VAS.
    fn pain(&self, patient: &Patient, noise: f64) -> Pain;

    /// Pain once the present settings have run steadily, given what they make the patient
    /// feel (`response`): for a stimulator, the gate's settled answer to it.
    fn steady_pain(&self, patient: &Patient, response: &Response) -> Pain {
        response.steady_pain(patient)
    }

    /// What the patient says, feeling `response` at `ma` with `pain`.
    fn speech(&self, patient: &Patient, response: &Response, pain: &Pain, ma: f64) -> String;

    /// Current reaching the tissue at `t_s`, mA.
    fn instant_ma(&self, _t_s: f64) -> f64 {
        0.0
    }

    /// Current the present settings deliver once running steadily in `_patient`, mA.
    fn steady_ma(&self, _patient: &Patient) -> f64 {
        0.0
    }

    /// The body's fast answer to `ma` of this implant's stimulation.
    fn respond(&self, patient: &Patient, _ma: f64) -> Response {
        Response::resting(patient)
    }

    /// The device's own alerts about its state (battery, operating mode), most serious
    /// first; the session adds the telemetry link's after them.
    fn status_alerts(&self) -> Vec<Warning> {
        Vec::new()
    }

    /// Alerts about how the patient feels the present settings (discomfort), after the
    /// link's and the safety report's.
    fn felt_alerts(&self) -> Vec<Warning> {
        Vec::new()
    }

    /// Perception and discomfort thresholds of the present settings, mA (stimulators).
    fn thresholds(&self) -> (Option<f64>, Option<f64>) {
        (None, None)
    }

    /// Safety figures of the running program (`None`: nothing is delivered as charge).
    fn safety(&self) -> Option<SafetyReport> {
        None
    }

    /// Whether an exercise's `goal` is met at the session's `end`, and what was measured.
    fn judge(&self, goal: &Goal, end: &Ending) -> Verdict;

    /// What `eval` reports: the steady state of the present settings, of which `steady`
    /// is the view.
    fn report(&self, patient: &Patient, steady: &View) -> Report;

    /// The row of the simulated time series at the moment of `now` (`scs-sim simulate`).
    fn row(&self, patient: &Patient, now: &View) -> Row;

    /// What the implant is, in a few words for `check` ("2 program(s)", "drug pump with
    /// morphine 10 mg/mL").
    fn described(&self) -> String;

    /// Whether the therapy is switched on (the remote's power key turns it off when so).
    fn therapy_on(&self) -> bool {
        false
    }
}
