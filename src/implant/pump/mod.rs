//! An intrathecal drug pump (IDDS): the programmable pump and its catheter
//! ([`Pump`]), what the programmer, the patient's remote and the scene may do with it
//! ([`rules`]), and the body's answer ([`crate::patient::pharmacology`]). Facts and
//! numbers from `REFERENCES-IDDS.md` in the shared notes.

pub mod alarm;
pub mod catheter;
pub mod command;
pub mod device;
pub mod refill;
pub mod refusal;
pub mod rules;
pub mod words;

pub use alarm::Alarm;
pub use command::{Kit, Port, PumpEdit, PumpEvent, PumpKey, RefillStep};
pub use device::{BolusLimits, Fill, FlexStep, Mode, Pump};
pub use refusal::PumpRefusal;

use super::command::{Command, Event, ProgrammerEdit, RemoteKey, WorldEvent};
use super::refusal::{Refusal, WrongKind};
use super::{Host, ImplantKind, Therapy, Tick};
use crate::patient::pharmacology::{Drug, Effects, Pharmacology};
use crate::patient::{Pain, Patient, Response};

/// The physiology grid of a pump session, s: drug levels move over minutes to weeks, and
/// a minute still resolves a fentanyl bolus's peak (5–20 min).
pub const GRID_S: f64 = 60.0;

/// Clock time at the start of every session, hours after midnight (patients' remotes and
/// refusals name clock times: "Next dose available at 14:30").
pub const START_CLOCK_H: f64 = 8.0;

/// Session time `t_s` as a clock time, e.g. `14:30` (with the day after the first).
pub fn clock_words(t_s: f64) -> String {
    let minutes = (START_CLOCK_H * 60.0 + t_s / 60.0).ceil().max(0.0) as u64;
    let day = minutes / 1440;
    let (h, m) = ((minutes % 1440) / 60, minutes % 60);
    if day == 0 {
        format!("{h:02}:{m:02}")
    } else {
        format!("{h:02}:{m:02} on day {}", day + 1)
    }
}

/// A pump in a patient: the pump and its catheter, and the body's drug levels.
#[derive(Clone, Debug)]
pub struct PumpImplant {
    /// The pump and its catheter.
    pub pump: Pump,
    /// Drug levels and their effects.
    pub body: Pharmacology,
}

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
            _ => {
                return Err(Refusal::WrongImplant(WrongKind {
                    implant: ImplantKind::Pump,
                    takes: command.takes().unwrap_or_default().to_vec(),
                }));
            }
        };
        done.map(|w| vec![Event::Changed(w)]).map_err(Refusal::Pump)
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

impl PumpImplant {
    /// A pump implanted with these drug levels; its alarms are read at once.
    pub fn new(pump: Pump, body: Pharmacology) -> PumpImplant {
        let mut p = PumpImplant { pump, body };
        p.pump.update_alarms(0.0);
        p
    }

    /// Effects now.
    pub fn effects(&self, patient: &Patient) -> Effects {
        self.body.effects(patient)
    }

    /// The steady state of the present prescription: a copy settled on the programmed
    /// dose of the programmed drug, as if it had run for weeks at exact flow.
    pub fn steady(&self) -> PumpImplant {
        let mut s = self.clone();
        let drug = s.pump.programmed.drug;
        let dose = s.pump.mean_daily_dose_mg();
        s.body.drugs = Default::default();
        if dose > 0.0 {
            s.body.settle(drug, dose);
        }
        s
    }
}

/// Mean daily dose of a flex schedule over 24 h, mg/day.
pub fn flex_mean(steps: &[FlexStep]) -> f64 {
    let mut sorted: Vec<FlexStep> = steps.to_vec();
    sorted.sort_by(|a, b| a.start_h.total_cmp(&b.start_h));
    let n = sorted.len();
    (0..n)
        .map(|i| {
            let start = sorted[i].start_h;
            let end = if i + 1 < n {
                sorted[i + 1].start_h
            } else {
                sorted[0].start_h + 24.0
            };
            sorted[i].daily_dose_mg * (end - start) / 24.0
        })
        .sum()
}

/// The drug's dose in the programmer's unit: µg for ziconotide, baclofen and clonidine,
/// mg otherwise (e.g. `7.2 µg/day`, `5 mg/day`).
pub fn dose_words(drug: Drug, mg: f64) -> String {
    if drug.in_micrograms() {
        format!("{} µg", trim(mg * 1000.0))
    } else {
        format!("{} mg", trim(mg))
    }
}

/// A number as the pump's screens print it: to three decimals, trailing zeros dropped.
pub(crate) fn trim(v: f64) -> String {
    let r = (v * 1000.0).round() / 1000.0;
    format!("{r}")
}
