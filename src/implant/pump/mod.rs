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

use super::{Stimulator, Tick};
use crate::device::Device;
use crate::patient::pharmacology::{Drug, Effects, Pharmacology};
use crate::patient::{Pain, Patient};

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

/// A pump in a patient: the pump, the body's drug levels, and an idle pulse generator that
/// stands in for the stimulator a pump session does not have (so readers of
/// `Session::device()` see a stimulator that is off; the rules refuse every stimulator
/// command on a pump).
#[derive(Clone, Debug)]
pub struct PumpImplant {
    /// The pump and its catheter.
    pub pump: Pump,
    /// Drug levels and their effects.
    pub body: Pharmacology,
    idle: Stimulator,
}

impl PumpImplant {
    /// A pump implanted in `patient`, with `idle` standing in for a stimulator.
    pub fn new(pump: Pump, body: Pharmacology, idle: Stimulator) -> PumpImplant {
        let mut p = PumpImplant { pump, body, idle };
        p.pump.update_alarms(0.0);
        p
    }

    /// The idle stand-in stimulator.
    pub fn idle(&self) -> &Stimulator {
        &self.idle
    }

    /// The idle stand-in stimulator, for the session's rules (they never change it on a
    /// pump: every stimulator command is refused first).
    pub(crate) fn idle_mut(&mut self) -> &mut Stimulator {
        &mut self.idle
    }

    /// One step of `h_s` seconds at `t_s`.
    pub fn tick(&mut self, t_s: f64, h_s: f64) -> Tick {
        let delivery = self.pump.step(t_s, h_s);
        self.body.step(&delivery, h_s);
        Tick {
            delivered_ma: 0.0,
            paresthesia: 0.0,
        }
    }

    /// Effects now.
    pub fn effects(&self, patient: &Patient) -> Effects {
        self.body.effects(patient)
    }

    /// Pain now, with a fluctuation `noise` on the overall VAS.
    pub fn pain(&self, patient: &Patient, noise: f64) -> Pain {
        Pain::of(patient, self.effects(patient).pain.regions, noise)
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

/// An idle pulse generator (one lead, off, 0 mA) that stands in for the stimulator a pump
/// patient does not have.
pub fn idle_device() -> Result<Device, String> {
    use crate::device::battery::Battery;
    use crate::device::impedance::Impedances;
    use crate::device::lead::{Placement, Vertebra};
    use crate::device::programs::Programs;
    use crate::device::spec::ProgramSpec;
    let spec: ProgramSpec = ron::from_str(
        "(name: \"None\", waveform: Tonic, amplitude_ma: 0.0, pulse_width_us: 300, rate_hz: 50, contacts: \"0-+00000\", patient_window: (min_ma: 0.0, max_ma: 1.0))",
    )
    .map_err(|e| e.to_string())?;
    let program = spec.to_program().map_err(|p| format!("{p:?}"))?;
    Ok(Device {
        placements: vec![Placement {
            level: Vertebra::parse("T9").map_err(|e| e.to_string())?,
            lateral_mm: 0.0,
        }],
        impedances: Impedances::seeded(1, 0),
        programs: Programs::one(program),
        active: 0,
        therapy_on: false,
        battery: Battery::at_percent(100.0),
        mri_mode: false,
        nerve_leads: Vec::new(),
    })
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
