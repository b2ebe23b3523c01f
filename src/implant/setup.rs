//! The implant block of a patient file (`implant: Scs(...)`, `Pns(...)` or `Pump(...)`):
//! the values a file sets, handed to the slice that builds each kind
//! ([`super::stim::setup`], [`super::pump::setup`]).

use super::pump::{self};
use super::stim::setup::{Generator, Leads};
use super::{Implant, ImplantKind, stim};
use crate::device::Device;
use crate::device::impedance::ContactFault;
use crate::device::lead::{NerveLead, Placement};
use crate::device::spec::ProgramSpec;
use crate::files::Located;
use crate::patient::Patient;
use serde::{Deserialize, Serialize};

/// Why a drug-pump patient is refused where a stimulator is needed.
pub const PUMP_HAS_NO_GENERATOR: &str = "this patient carries a drug pump, not a stimulator: it has no leads or programs (load it as a pump patient)";

fn full() -> f64 {
    80.0
}

/// The implant a patient file names.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub enum ImplantSpec {
    /// A spinal cord stimulator: one or two epidural leads on a pulse generator.
    Scs {
        /// One or two leads.
        leads: Vec<Placement>,
        /// Seed of the contact impedances.
        #[serde(default)]
        impedance_seed: u64,
        /// Faulty contacts present from the start.
        #[serde(default)]
        faults: Vec<ContactFault>,
        /// Implant battery at the start, % (default 80).
        #[serde(default = "full")]
        battery_percent: f64,
        /// Stored programs (1–4).
        programs: Vec<ProgramSpec>,
    },
    /// A peripheral nerve stimulator: one or two leads at nerves (percutaneous coiled
    /// leads on an external generator, or cylindrical leads laid across a nerve on an
    /// implanted one).
    Pns {
        /// One or two leads, each at its nerve.
        leads: Vec<NerveLead>,
        /// Seed of the contact impedances.
        #[serde(default)]
        impedance_seed: u64,
        /// Faulty contacts present from the start.
        #[serde(default)]
        faults: Vec<ContactFault>,
        /// Generator battery at the start, % (default 80).
        #[serde(default = "full")]
        battery_percent: f64,
        /// Stored programs (1–4).
        programs: Vec<ProgramSpec>,
    },
    /// An intrathecal drug pump (see `library::pump`): the pump, its catheter, what it
    /// delivers, and the person's weight and opioid history.
    Pump {
        /// Reservoir, flow accuracy, alarm level, service life.
        pump: super::pump::setup::PumpSetup,
        /// Catheter tip level and dead volume.
        catheter: super::pump::setup::CatheterSpec,
        /// Drug, concentration, dose, mode and bolus.
        prescription: super::pump::setup::PrescriptionSpec,
        /// Weight and opioid history.
        #[serde(default)]
        body: super::pump::setup::BodySpec,
    },
}

impl ImplantSpec {
    /// The kind of implant as scripts name it: `scs`, `pns`, `pump`.
    pub fn kind(&self) -> ImplantKind {
        match self {
            ImplantSpec::Scs { .. } => ImplantKind::Scs,
            ImplantSpec::Pns { .. } => ImplantKind::Pns,
            ImplantSpec::Pump { .. } => ImplantKind::Pump,
        }
    }

    /// Moves epidural leads `levels` vertebral levels (negative: up); leads at nerves and
    /// pumps have none to move.
    pub fn shift_leads(&mut self, levels: i64) {
        if let ImplantSpec::Scs { leads, .. } = self {
            for placement in leads {
                *placement = placement.shifted(levels);
            }
        }
    }

    /// Sets a pump's prescribed concentration, mg/mL (its reservoir and its programmer
    /// hold the same); a stimulator has none.
    pub fn set_concentration(&mut self, mg_per_ml: f64) {
        if let ImplantSpec::Pump { prescription, .. } = self {
            prescription.concentration_mg_per_ml = mg_per_ml;
        }
    }

    /// Scales a pump's prescribed daily dose (and each flex step's) by `factor`, to two
    /// significant figures as doses are written; a stimulator has none.
    pub fn scale_daily_dose(&mut self, factor: f64) {
        let written = |mg: f64| {
            if mg > 0.0 {
                let unit = 10f64.powf(mg.log10().floor() - 1.0);
                (mg * factor / unit).round() * unit
            } else {
                mg
            }
        };
        if let ImplantSpec::Pump { prescription, .. } = self {
            prescription.daily_dose_mg = written(prescription.daily_dose_mg);
            if let crate::implant::pump::Mode::Flex(steps) = &mut prescription.mode {
                for step in steps {
                    step.daily_dose_mg = written(step.daily_dose_mg);
                }
            }
        }
    }

    /// Multiplies a pump patient's sensitivities to the drug (relief, central effects) by
    /// these factors, kept within what a patient file may say (0.2–5); a stimulator's
    /// patient has none.
    pub fn scale_drug_response(&mut self, relief: f64, central: f64) {
        if let ImplantSpec::Pump { body, .. } = self {
            body.relief_sensitivity = (body.relief_sensitivity * relief).clamp(0.2, 5.0);
            body.central_sensitivity = (body.central_sensitivity * central).clamp(0.2, 5.0);
        }
    }

    /// Builds a stimulator's pulse generator; problems found are added to `located`
    /// (programs, with their place among several) and `problems` (field, message). A drug
    /// pump has none: that is a problem of the `implant` field.
    pub fn device(
        &self,
        text: &str,
        located: &mut Vec<Located>,
        problems: &mut Vec<(&'static str, String)>,
    ) -> Option<Device> {
        let (leads, generator) = match self {
            ImplantSpec::Scs {
                leads,
                impedance_seed,
                faults,
                battery_percent,
                programs,
            } => (
                Leads::Spine(leads),
                Generator::new(*impedance_seed, faults, *battery_percent, programs),
            ),
            ImplantSpec::Pns {
                leads,
                impedance_seed,
                faults,
                battery_percent,
                programs,
            } => (
                Leads::Nerves(leads),
                Generator::new(*impedance_seed, faults, *battery_percent, programs),
            ),
            ImplantSpec::Pump { .. } => {
                problems.push(("implant", PUMP_HAS_NO_GENERATOR.into()));
                return None;
            }
        };
        stim::setup::device(leads, generator, text, located, problems)
    }

    /// Builds the implant for `patient` (`None` when the person is invalid: the block is
    /// still checked); problems are added as in [`ImplantSpec::device`].
    pub fn implant(
        &self,
        patient: Option<&Patient>,
        text: &str,
        located: &mut Vec<Located>,
        problems: &mut Vec<(&'static str, String)>,
    ) -> Option<Implant> {
        if let ImplantSpec::Pump {
            pump,
            catheter,
            prescription,
            body,
        } = self
        {
            return pump::setup::build_implant(pump, catheter, prescription, body)
                .map_err(|found| problems.extend(found))
                .ok();
        }
        let device = self.device(text, located, problems)?;
        patient.map(|p| Implant::of(device, p))
    }
}
