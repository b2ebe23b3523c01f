//! The pump's commands, one enum per sender, each carried by its group of
//! `session::Command` (`Programmer(Pump(...))`, `Remote(Pump(...))`, `World(Pump(...))`).

use super::device::{BolusLimits, Mode};
pub use super::refill::{Kit, Port};
use super::units::trim;
use crate::patient::pharmacology::Drug;
use serde::{Deserialize, Serialize};

/// The clinician programmer's pump tasks.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum PumpEdit {
    /// Read the pump: its record, alarms, bolus use; resumes a pump held after an MRI.
    Interrogate,
    /// The drug and concentration in the reservoir, as the clinician tells the pump (the
    /// rate is recomputed to keep the daily dose).
    SetDrug {
        /// The drug.
        drug: Drug,
        /// Its concentration, mg/mL.
        concentration_mg_per_ml: f64,
    },
    /// The daily dose, mg/day; the rate is dose ÷ concentration.
    SetDailyDose(f64),
    /// The dosing mode.
    SetMode(Mode),
    /// The patient's bolus (dose, lockout, maximum a day), or none.
    SetBolus(Option<BolusLimits>),
    /// The low-reservoir alarm level, mL.
    SetLowReservoirAlarm(f64),
    /// A single bolus given now by the clinician (a screening dose), mg.
    ClinicianBolus(f64),
    /// Priming bolus: fills the catheter (its dead volume) with the reservoir's drug.
    PrimingBolus,
    /// Bridge bolus: after a concentration change, pushes the old drug left in the catheter
    /// at the prescribed daily dose, so the new one reaches the tip without a gap or a surge.
    BridgeBolus,
    /// A step of the refill.
    Refill(RefillStep),
}

/// The steps of a refill, in the order a nurse does them (REFERENCES-IDDS §3).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum RefillStep {
    /// Start: note the expected residual from the pump's record (after interrogation).
    Begin,
    /// Put a needle into a port.
    InsertNeedle {
        /// The port.
        port: Port,
        /// The kit the needle comes from.
        kit: Kit,
    },
    /// Aspirate completely through the needle and read the syringe.
    Aspirate,
    /// Flag a discrepancy between the returned and the expected residual (logged for
    /// follow-up).
    FlagDiscrepancy,
    /// Inject drug through the needle.
    Fill {
        /// The drug.
        drug: Drug,
        /// Its concentration, mg/mL.
        concentration_mg_per_ml: f64,
        /// Volume, mL.
        volume_ml: f64,
    },
    /// Take the needle out.
    RemoveNeedle,
    /// Update the pump's record with the volume now in the reservoir and end the refill.
    Finish {
        /// The reservoir volume to record, mL.
        volume_ml: f64,
    },
}

/// Keys of the patient's pump remote.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum PumpKey {
    /// Ask for a bolus within the clinician's limits.
    Bolus,
}

/// What happens to the pump or the patient (the scene, a teacher, an exercise).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum PumpEvent {
    /// The catheter is blocked (true) or clear again (false).
    Occlusion(bool),
    /// The motor stalls (true) or turns again (false).
    MotorStall(bool),
    /// The patient goes into (true) or comes out of (false) an MRI scanner.
    Mri(bool),
    /// Delivered ÷ programmed (1.0 exact; above 1.145 over-infusion).
    FlowFactor(f64),
    /// The next so many refill needles miss the septum and lie in the pocket.
    NeedleMisses(u32),
    /// The reservoir truly holds this much, and the pump's record says the same, mL.
    Reservoir(f64),
    /// The reservoir truly holds this much, mL, whatever the record says (a leak or an
    /// over-infusion since the last refill, found only by aspirating).
    TrueReservoir(f64),
    /// The elective replacement indicator is reached in this many days (0: now).
    EriInDays(f64),
    /// After the next MRI scan the rotor restarts this many hours late (0–24; the
    /// manufacturer: it should restart, sometimes 2–24 h late).
    RestartLate(f64),
    /// A new order: the prescription now names the same drug at this concentration, mg/mL
    /// (the pharmacy supplies it from now on), at the same daily dose. The pump is not
    /// told: refilling and reprogramming are the clinician's.
    NewOrder(f64),
}

impl PumpEdit {
    /// The task in plain words, for the debrief's timeline and exports.
    pub fn words(&self) -> String {
        match self {
            PumpEdit::Interrogate => "Pump interrogated".into(),
            PumpEdit::SetDrug {
                drug,
                concentration_mg_per_ml,
            } => format!("Pump drug {drug} {} mg/mL", trim(*concentration_mg_per_ml)),
            PumpEdit::SetDailyDose(mg) => format!("Daily dose {} mg", trim(*mg)),
            PumpEdit::SetMode(Mode::Stopped) => "Pump stopped".into(),
            PumpEdit::SetMode(Mode::SimpleContinuous) => "Simple continuous mode".into(),
            PumpEdit::SetMode(Mode::Flex(s)) => format!("Flex mode, {} steps", s.len()),
            PumpEdit::SetBolus(None) => "Patient bolus off".into(),
            PumpEdit::SetBolus(Some(l)) => format!(
                "Patient bolus {} mg, lockout {} h, {} a day",
                trim(l.dose_mg),
                trim(l.lockout_h),
                l.max_per_day
            ),
            PumpEdit::SetLowReservoirAlarm(ml) => {
                format!("Low-reservoir alarm at {} mL", trim(*ml))
            }
            PumpEdit::ClinicianBolus(mg) => format!("Clinician bolus {} mg", trim(*mg)),
            PumpEdit::PrimingBolus => "Priming bolus".into(),
            PumpEdit::BridgeBolus => "Bridge bolus".into(),
            PumpEdit::Refill(step) => step.words(),
        }
    }
}

impl RefillStep {
    /// The step in plain words.
    pub fn words(&self) -> String {
        match self {
            RefillStep::Begin => "Refill begun".into(),
            RefillStep::InsertNeedle { port, kit } => format!(
                "Needle ({}) into the {}",
                match kit {
                    Kit::Refill => "refill kit",
                    Kit::CatheterAccess => "catheter access kit",
                },
                match port {
                    Port::Reservoir => "reservoir",
                    Port::CatheterAccess => "catheter access port",
                }
            ),
            RefillStep::Aspirate => "Aspirated".into(),
            RefillStep::FlagDiscrepancy => "Discrepancy flagged".into(),
            RefillStep::Fill {
                drug,
                concentration_mg_per_ml,
                volume_ml,
            } => format!(
                "Filled {} mL of {drug} {} mg/mL",
                trim(*volume_ml),
                trim(*concentration_mg_per_ml)
            ),
            RefillStep::RemoveNeedle => "Needle out".into(),
            RefillStep::Finish { volume_ml } => {
                format!("Pump updated: reservoir {} mL", trim(*volume_ml))
            }
        }
    }
}

impl PumpKey {
    /// The key in plain words.
    pub fn words(self) -> &'static str {
        match self {
            PumpKey::Bolus => "Remote: bolus asked for",
        }
    }
}

impl PumpEvent {
    /// The event in plain words.
    pub fn words(&self) -> String {
        match self {
            PumpEvent::Occlusion(true) => "Catheter occluded".into(),
            PumpEvent::Occlusion(false) => "Catheter clear".into(),
            PumpEvent::MotorStall(true) => "Pump motor stalls".into(),
            PumpEvent::MotorStall(false) => "Pump motor turns again".into(),
            PumpEvent::Mri(true) => "Into the MRI scanner".into(),
            PumpEvent::Mri(false) => "Out of the MRI scanner".into(),
            PumpEvent::FlowFactor(f) => format!("Pump flow {} x programmed", trim(*f)),
            PumpEvent::NeedleMisses(n) => format!("Next {n} needle(s) miss the septum"),
            PumpEvent::Reservoir(ml) => format!("Reservoir at {} mL", trim(*ml)),
            PumpEvent::TrueReservoir(ml) => format!("Reservoir truly at {} mL", trim(*ml)),
            PumpEvent::EriInDays(d) => format!("Elective replacement in {} days", trim(*d)),
            PumpEvent::RestartLate(h) => {
                format!("After the scan the pump restarts {} h late", trim(*h))
            }
            PumpEvent::NewOrder(c) => format!("New order: {} mg/mL", trim(*c)),
        }
    }
}
