//! What one kind of implant brings to `simulate`: its rows, how its happenings (`--stop-at`,
//! `--bolus-at`, `--occlusion-at`) act and when, and how its series and summary print.
//! The loop ([`super::run`]) is the same for every kind.

use crate::cli::args::Simulate;
use crate::cli::out::{Out, WriteFailed};
use anyhow::Result;
use scs_sim::implant::report::Row;
use scs_sim::patient::anatomy::Posture;
use scs_sim::patient::cord_motion::Jolt;
use scs_sim::session::Session;
use scs_sim::session::WorldEvent;

/// What a `simulate` flag sets off at its time in the run.
#[derive(Clone, Copy, Debug)]
pub enum Happening {
    /// `--bolus-at`: the patient presses the bolus button.
    Bolus,
    /// `--occlusion-at`: the catheter becomes occluded.
    Occlusion,
    /// `--stop-at`: the therapy is stopped.
    Stop,
    /// `--events`: something the patient does.
    Patient(PatientEvent),
}

/// What `--events` sets off: something the patient does.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum PatientEvent {
    /// `cough` or `bend`: the cord jolts toward the leads for a moment.
    Jolt(Jolt),
    /// `posture=P`: the patient takes posture P.
    Posture(Posture),
}

impl PatientEvent {
    /// What it sends to the session, as the scene.
    pub fn event(self) -> WorldEvent {
        match self {
            PatientEvent::Jolt(j) => WorldEvent::Jolt(j),
            PatientEvent::Posture(p) => WorldEvent::SetPosture(p),
        }
    }
}

impl Happening {
    /// The word a refusal of it is listed under.
    pub fn name(self) -> &'static str {
        match self {
            Happening::Bolus => "bolus",
            Happening::Occlusion => "occlusion",
            Happening::Stop => "stop",
            Happening::Patient(PatientEvent::Jolt(j)) => j.name(),
            Happening::Patient(PatientEvent::Posture(_)) => "posture",
        }
    }
}

/// The happenings the flags ask for, in time order (at one time: the `--events` as given,
/// the boluses, then the occlusion, then the stop); `events` are `--events`, parsed.
pub fn plan(a: &Simulate, events: &[(f64, Happening)]) -> Vec<(f64, Happening)> {
    let mut plan: Vec<(f64, Happening)> = events
        .iter()
        .copied()
        .chain(a.bolus_at.iter().map(|t| (*t, Happening::Bolus)))
        .chain(a.occlusion_at.map(|t| (t, Happening::Occlusion)))
        .chain(a.stop_at.map(|t| (t, Happening::Stop)))
        .collect();
    plan.sort_by(|x, y| x.0.total_cmp(&y.0));
    plan
}

/// The implant's row of the series now.
pub fn row_now(s: &Session) -> Row {
    s.implant().therapy().row(&s.patient, &s.view())
}

/// One kind of implant's part of `simulate`.
pub trait Series {
    /// This kind's row of the series.
    type Row;

    /// This kind's own row among the implants' rows (`None`: another kind's).
    fn own(row: Row) -> Option<Self::Row>;

    /// Whether a happening at `t` acts before the row at `t_row` is taken (else after it).
    fn before(t: f64, t_row: f64) -> bool;

    /// Sets off `what` at `t` (the session has been brought to `t`).
    fn happen(&mut self, s: &mut Session, t: f64, what: Happening) -> Result<()>;

    /// Writes what comes before the first row.
    fn begin(&self, out: &mut Out) -> Result<(), WriteFailed>;

    /// Takes one row into account and writes it (or keeps it for later).
    fn row(&mut self, row: &Self::Row, out: &mut Out) -> Result<(), WriteFailed>;

    /// Writes what comes after the last row: the summary of the run that ended in `s`.
    fn end(self, s: &Session, out: &mut Out) -> Result<(), WriteFailed>;
}
