//! A patient file (`assets/patients/*.ron`, format version 2): the person, and the implant
//! they carry under `implant: Scs(...)`, `Pns(...)` or `Pump(...)` (whose values the
//! implant's slice reads: [`ImplantSpec`]).

use crate::device::Device;
use crate::device::spec::locate_all;
use crate::files::{self, FileError, Located};
use crate::implant::Implant;
pub use crate::implant::setup::{ImplantSpec, PUMP_HAS_NO_GENERATOR};
use crate::patient::anatomy::Posture;
use crate::patient::profile::{Patient, PersonSpec};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::Path;

/// Format version of patient files this build reads and writes.
pub const PATIENT_FORMAT_VERSION: u32 = 2;

/// Why a version-1 patient file is refused.
pub const VERSION_1_REFUSED: &str = "patient files of version 1 kept leads and programs at the top level; since version 2 they sit inside `implant: Scs(...)` (move them there and write `version: 2`)";

fn one() -> f64 {
    1.0
}

fn is_one(v: &f64) -> bool {
    *v == 1.0
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
    /// Scale on the size of this person's evoked response as recorded (default 1;
    /// 0.2–5 accepted): cords, fibre counts and recording geometry differ, and published
    /// growth-curve slopes span about 5–50 µV/mA (REFERENCES-ECAP §2).
    #[serde(default = "one", skip_serializing_if = "is_one")]
    pub ecap_scale: f64,
    /// How strongly this person's dorsal horn answers kHz (10 kHz) charge (default 1;
    /// 0.2–5 accepted): the amplitude that relieves at 10 kHz differs between patients
    /// (usual amplitudes about 1.5–3.5 mA, REFERENCES §7), about inversely to it.
    #[serde(default = "one", skip_serializing_if = "is_one")]
    pub khz_scale: f64,
    /// Seed of the person's own variability (threshold ±20 %, CSF, responder).
    #[serde(default)]
    pub variability_seed: u64,
    /// The implant this person carries.
    pub implant: ImplantSpec,
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
            ecap_scale: self.ecap_scale,
            khz_scale: self.khz_scale,
            variability_seed: self.variability_seed,
        }
    }

    /// Builds the person and the stimulator's generator, or every problem found with its
    /// location (a drug pump is one: see [`ImplantSpec::device`]).
    pub fn build(&self, path: &Path, text: &str) -> Result<(Patient, Device), FileError> {
        self.build_with(path, text, |_, located, problems| {
            self.implant.device(text, located, problems)
        })
    }

    /// Builds the person and whatever implant the file describes, or every problem found
    /// with its location.
    pub fn build_implant(&self, path: &Path, text: &str) -> Result<(Patient, Implant), FileError> {
        self.build_with(path, text, |patient, located, problems| {
            self.implant.implant(patient, text, located, problems)
        })
    }

    /// Builds the person, then the implant with `implant`, gathering every problem of both.
    fn build_with<T>(
        &self,
        path: &Path,
        text: &str,
        implant: impl FnOnce(
            Option<&Patient>,
            &mut Vec<Located>,
            &mut Vec<(&'static str, String)>,
        ) -> Option<T>,
    ) -> Result<(Patient, T), FileError> {
        let mut located: Vec<Located> = Vec::new();
        let mut problems: Vec<(&'static str, String)> = Vec::new();
        let patient = self.person().build().map_err(|p| problems.extend(p)).ok();
        let built = implant(patient.as_ref(), &mut located, &mut problems);
        located.extend(locate_all(text, 0, problems));
        match (patient, built) {
            (Some(patient), Some(built)) if located.is_empty() => Ok((patient, built)),
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
