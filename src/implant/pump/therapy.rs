//! What a pump does for its session: the drug's time course on a minute grid, what the
//! patient says of its effects, its own commands, and its report.

use super::clock::GRID_S;
use super::command::PumpKey;
use super::implant::PumpImplant;
use super::report::{PumpReport, PumpRow};
use super::words;
use crate::device::safety::Warning;
use crate::implant::command::{Command, Event, ProgrammerEdit, RemoteKey, WorldEvent};
use crate::implant::goal::{Ending, Goal, NO_STIMULATOR, Verdict};
use crate::implant::kind::ImplantKind;
use crate::implant::refusal::{Refusal, WrongKind};
use crate::implant::report::{Report, Row};
use crate::implant::therapy::{Host, Therapy, Tick};
use crate::implant::view::View;
use crate::patient::{Pain, Patient, Response};

/// A pump's physiology moves on a minute grid; it stimulates nothing, so the body's fast
/// answer is the resting one and the patient speaks of the drug's effects.
impl Therapy for PumpImplant {
    fn kind(&self) -> ImplantKind {
        ImplantKind::Pump
    }

    fn apply(&mut self, host: &mut Host, command: &Command) -> Result<Vec<Event>, Refusal> {
        let t = host.t_s;
        let done = match command {
            Command::Remote(RemoteKey::Pump(PumpKey::Bolus)) => self.pump.patient_bolus(t),
            Command::Programmer(ProgrammerEdit::Pump(edit)) => {
                self.pump.program(edit, t, self.body.opioid_naive)
            }
            Command::World(WorldEvent::Pump(event)) => self.pump.world(event, t),
            Command::World(WorldEvent::BookMri { at_s, minutes }) => {
                self.pump.book_mri(*at_s, *minutes)
            }
            _ => {
                return Err(Refusal::WrongImplant(WrongKind {
                    implant: ImplantKind::Pump,
                    takes: command.takes().unwrap_or_default().to_vec(),
                }));
            }
        };
        done.map(|w| vec![Event::Changed(w)]).map_err(Refusal::Pump)
    }

    /// A pump's work spans weeks (refills, titrations): its patients may run for a year.
    fn longest_run(&self) -> (f64, &'static str) {
        (366.0 * 86_400.0, "366 days, for a drug pump")
    }

    /// A pump's relief comes from the drug in the CSF, not from a gate: the steady pain of
    /// the present settings is taken as the drug's effect now (its level changes over
    /// days, and the series shows it).
    fn steady_pain(&self, patient: &Patient, _response: &Response) -> Pain {
        self.pain(patient, 0.0)
    }

    /// Drug put outside the reservoir by the refill under way or the last one.
    fn felt_alerts(&self) -> Vec<Warning> {
        let pump = &self.pump;
        pump.refill
            .iter()
            .chain(&pump.last_refill)
            .find_map(|r| r.misplaced())
            .into_iter()
            .collect()
    }

    fn judge(&self, goal: &Goal, end: &Ending) -> Verdict {
        match goal {
            Goal::Pump(g) => super::judge::judge(g, self, end),
            _ => Verdict::impossible(NO_STIMULATOR),
        }
    }

    fn report(&self, patient: &Patient, steady: &View) -> Report {
        Report::Pump(Box::new(PumpReport::steady(self, patient, steady.t_s)))
    }

    fn row(&self, patient: &Patient, now: &View) -> Row {
        Row::Pump(Box::new(PumpRow::of(self, patient, now)))
    }

    fn described(&self) -> String {
        let rx = &self.pump.programmed;
        format!(
            "drug pump with {} {} mg/mL",
            rx.drug, rx.concentration_mg_per_ml
        )
    }

    fn grid_s(&self) -> f64 {
        GRID_S
    }

    fn tick(&mut self, _patient: &Patient, t_s: f64, h_s: f64) -> Tick {
        let delivery = self.pump.step(t_s, h_s);
        self.body.step(&delivery, h_s);
        Tick {
            delivered_ma: 0.0,
            paresthesia: 0.0,
        }
    }

    fn pain(&self, patient: &Patient, noise: f64) -> Pain {
        Pain::of(patient, self.effects(patient).pain.regions, noise)
    }

    fn speech(&self, patient: &Patient, _response: &Response, pain: &Pain, _ma: f64) -> String {
        words::speech(patient, &self.effects(patient), pain)
    }
}
