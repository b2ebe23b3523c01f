//! A patient file (`assets/patients/*.ron`, format version 2): the person, and the implant
//! they carry under `implant: Scs(...)` or `implant: Pns(...)`. Building one gives the [`Patient`] and the
//! [`Device`].

use crate::device::Device;
use crate::device::battery::Battery;
use crate::device::impedance::{ContactFault, Impedances};
use crate::device::lead::{NerveLead, Placement};
use crate::device::programs::Programs;
use crate::device::spec::{ProgramSpec, locate_all};
use crate::files::{self, FileError, Located};
use crate::implant::ImplantKind;
use crate::patient::anatomy::Posture;
use crate::patient::profile::{Patient, PersonSpec, check_scale};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::Path;

/// Format version of patient files this build reads and writes.
pub const PATIENT_FORMAT_VERSION: u32 = 2;

/// Why a drug-pump patient is refused where a stimulator is needed.
pub const PUMP_HAS_NO_GENERATOR: &str = "this patient carries a drug pump, not a stimulator: it has no leads or programs (load it as a pump patient)";

/// Why a version-1 patient file is refused.
pub const VERSION_1_REFUSED: &str = "patient files of version 1 kept leads and programs at the top level; since version 2 they sit inside `implant: Scs(...)` (move them there and write `version: 2`)";

fn one() -> f64 {
    1.0
}
fn full() -> f64 {
    80.0
}

/// A patient as written in `assets/patients/*.ron`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename = "Patient")]
pub struct PatientSpec {
    /// File format version (2).
    pub version: u32,
    /// Short identifier used on the command line, e.g. `fbss`.
    pub id: String,
    /// First name as shown in the title bar.
    pub name: String,
    /// Age in years.
    pub age: u32,
    /// Diagnosis in a few words.
    pub diagnosis: String,
    /// A short history a trainee reads before programming.
    pub history: String,
    /// Pain map: region → VAS 0–10.
    pub pain: BTreeMap<String, f64>,
    /// Posture at the start (default sitting).
    #[serde(default)]
    pub posture: Posture,
    /// Scale on dorsal CSF thickness (default 1; 0.6–1.6 accepted).
    #[serde(default = "one")]
    pub csf_scale: f64,
    /// Scale on every fibre threshold (default 1; 0.6–1.6 accepted).
    #[serde(default = "one")]
    pub threshold_scale: f64,
    /// How much of a closed gate becomes relief for this person (0.1–1; default 1).
    #[serde(default = "one")]
    pub responder: f64,
    /// Seed of the person's own variability (threshold ±20 %, CSF, responder).
    #[serde(default)]
    pub variability_seed: u64,
    /// The implant this person carries.
    pub implant: ImplantSpec,
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
        pump: crate::implant::pump::setup::PumpSetup,
        /// Catheter tip level and dead volume.
        catheter: crate::implant::pump::setup::CatheterSpec,
        /// Drug, concentration, dose, mode and bolus.
        prescription: crate::implant::pump::setup::PrescriptionSpec,
        /// Weight and opioid history.
        #[serde(default)]
        body: crate::implant::pump::setup::BodySpec,
    },
}

impl ImplantSpec {
    /// The kind of implant as scripts name it: `scs`, `pns`.
    pub fn kind(&self) -> ImplantKind {
        match self {
            ImplantSpec::Scs { .. } => ImplantKind::Scs,
            ImplantSpec::Pns { .. } => ImplantKind::Pns,
            ImplantSpec::Pump { .. } => ImplantKind::Pump,
        }
    }

    /// Builds the implant; problems found are added to `located` (programs, with their
    /// place among several) and `problems` (field, message).
    fn build(
        &self,
        text: &str,
        located: &mut Vec<Located>,
        problems: &mut Vec<(&'static str, String)>,
    ) -> Option<Device> {
        let (placements, nerve_leads, impedance_seed, faults, battery_percent, programs) =
            match self {
                ImplantSpec::Scs {
                    leads,
                    impedance_seed,
                    faults,
                    battery_percent,
                    programs,
                } => (
                    leads.clone(),
                    Vec::new(),
                    impedance_seed,
                    faults,
                    battery_percent,
                    programs,
                ),
                ImplantSpec::Pns {
                    leads,
                    impedance_seed,
                    faults,
                    battery_percent,
                    programs,
                } => (
                    Vec::new(),
                    leads.clone(),
                    impedance_seed,
                    faults,
                    battery_percent,
                    programs,
                ),
                ImplantSpec::Pump { .. } => {
                    problems.push(("implant", PUMP_HAS_NO_GENERATOR.into()));
                    return None;
                }
            };
        check_scale(problems, "battery_percent", *battery_percent, 0.0, 100.0);
        let mut built = Vec::new();
        for (i, spec) in programs.iter().enumerate() {
            match spec.to_program() {
                Ok(p) => built.push(p),
                Err(list) => located.extend(locate_all(text, i, list)),
            }
        }
        let mut impedances =
            Impedances::seeded(placements.len() + nerve_leads.len(), *impedance_seed);
        for f in faults {
            if let Err(e) = impedances.inject(*f) {
                problems.push(("faults", e.to_string()));
            }
        }
        let programs = match Programs::new(built) {
            Ok(p) => p,
            Err(e) => {
                if located.is_empty() {
                    problems.push(("programs", e.to_string()));
                }
                return None;
            }
        };
        let device = Device {
            placements,
            impedances,
            programs,
            active: 0,
            therapy_on: false,
            battery: Battery::at_percent(*battery_percent),
            mri_mode: false,
            nerve_leads,
        };
        if located.is_empty() {
            for p in device.problems() {
                problems.push((p.field(), p.to_string()));
            }
        }
        Some(device)
    }
}

impl PatientSpec {
    /// The person this file describes (everything but the implant).
    pub fn person(&self) -> PersonSpec {
        PersonSpec {
            id: self.id.clone(),
            name: self.name.clone(),
            age: self.age,
            diagnosis: self.diagnosis.clone(),
            history: self.history.clone(),
            pain: self.pain.clone(),
            posture: self.posture,
            csf_scale: self.csf_scale,
            threshold_scale: self.threshold_scale,
            responder: self.responder,
            variability_seed: self.variability_seed,
        }
    }

    /// Builds the person and the implant, or every problem found with its location.
    pub fn build(&self, path: &Path, text: &str) -> Result<(Patient, Device), FileError> {
        let mut located: Vec<Located> = Vec::new();
        let mut problems: Vec<(&'static str, String)> = Vec::new();
        let patient = self.person().build().map_err(|p| problems.extend(p)).ok();
        let device = self.implant.build(text, &mut located, &mut problems);
        located.extend(locate_all(text, 0, problems));
        match (patient, device) {
            (Some(patient), Some(device)) if located.is_empty() => Ok((patient, device)),
            _ => Err(FileError::Invalid {
                path: path.to_path_buf(),
                problems: located,
            }),
        }
    }
}

/// Refuses a version-1 patient file with a sentence saying what changed.
fn refuse_version_1(path: &Path, text: &str) -> Result<(), FileError> {
    if let Some((line, col, value)) = files::find_field(text, "version") {
        let digits: String = value
            .trim_start()
            .chars()
            .take_while(char::is_ascii_digit)
            .collect();
        if digits == "1" {
            return Err(FileError::Invalid {
                path: path.to_path_buf(),
                problems: vec![Located {
                    line,
                    col,
                    message: VERSION_1_REFUSED.into(),
                }],
            });
        }
    }
    Ok(())
}

/// Parses a patient file's text without building it.
pub fn parse_patient_spec(path: &Path, text: &str) -> Result<PatientSpec, FileError> {
    refuse_version_1(path, text)?;
    files::parse_ron_versioned(path, text, PATIENT_FORMAT_VERSION, "")
}

/// Parses and validates a patient file's text.
pub fn parse_patient(path: &Path, text: &str) -> Result<(Patient, Device), FileError> {
    parse_patient_spec(path, text)?.build(path, text)
}

/// Loads and validates a patient file.
pub fn load_patient(path: &Path) -> Result<(Patient, Device), FileError> {
    let text = files::read_text(path)?;
    parse_patient(path, &text)
}
