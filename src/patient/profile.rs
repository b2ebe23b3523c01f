//! A patient file: who the person is, their pain map, where the lead lies, their anatomy
//! and how they respond; and the implant they carry.

use super::anatomy::{Posture, REGIONS, region_index};
use crate::device::Device;
use crate::device::battery::Battery;
use crate::device::impedance::{ContactFault, Impedances};
use crate::device::lead::Placement;
use crate::device::programs::Programs;
use crate::device::spec::{ProgramSpec, locate_all};
use crate::files::{self, FileError, Located};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::Path;

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
    /// File format version.
    pub version: u32,
    /// Short identifier used on the command line, e.g. `fbss`.
    pub id: String,
    /// First name and age as shown in the title bar.
    pub name: String,
    /// Age in years.
    pub age: u32,
    /// Diagnosis in a few words.
    pub diagnosis: String,
    /// A short history a trainee reads before programming.
    pub history: String,
    /// Pain map: region → VAS 0–10.
    pub pain: BTreeMap<String, f64>,
    /// One or two leads.
    pub leads: Vec<Placement>,
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
    /// Seed of the contact impedances.
    #[serde(default)]
    pub impedance_seed: u64,
    /// Faulty contacts present from the start.
    #[serde(default)]
    pub faults: Vec<ContactFault>,
    /// Implant battery at the start, % (default 80).
    #[serde(default = "full")]
    pub battery_percent: f64,
    /// Stored programs (1–4).
    pub programs: Vec<ProgramSpec>,
}

/// The simulated person (the implant lives in [`Device`]).
#[derive(Clone, Debug, PartialEq)]
pub struct Patient {
    /// Identifier, e.g. `fbss`.
    pub id: String,
    /// Name shown to the trainee.
    pub name: String,
    /// Age in years.
    pub age: u32,
    /// Diagnosis.
    pub diagnosis: String,
    /// History.
    pub history: String,
    /// Pain without stimulation, VAS per region in [`REGIONS`] order.
    pub pain: [f64; REGIONS.len()],
    /// Posture now.
    pub posture: Posture,
    /// Effective CSF scale (file value × the person's variability).
    pub csf_scale: f64,
    /// Effective threshold scale.
    pub threshold_scale: f64,
    /// Effective responder factor (0..1).
    pub responder: f64,
    /// Dorsal CSF under the lead set from outside, mm.
    pub csf_override_mm: Option<f64>,
}

/// Parses `region=VAS,region=VAS` into a pain map.
pub fn parse_pain(text: &str) -> Result<[f64; REGIONS.len()], String> {
    let mut map = [0.0; REGIONS.len()];
    for item in text.split(',').map(str::trim).filter(|s| !s.is_empty()) {
        let (region, vas) = item
            .split_once('=')
            .ok_or_else(|| format!("pain entry '{item}' is not REGION=VAS (e.g. low_back=7)"))?;
        let i = region_index(region)?;
        let v: f64 = vas
            .trim()
            .parse()
            .map_err(|_| format!("pain for {region}: '{vas}' is not a number"))?;
        check_vas(region, v)?;
        map[i] = v;
    }
    if map.iter().all(|&v| v == 0.0) {
        return Err(format!("pain map '{text}' has no painful region"));
    }
    Ok(map)
}

fn check_vas(region: &str, v: f64) -> Result<(), String> {
    if !v.is_finite() || !(0.0..=10.0).contains(&v) {
        return Err(format!("pain for {region} is VAS {v}, outside 0–10"));
    }
    Ok(())
}

fn check_scale(
    out: &mut Vec<(&'static str, String)>,
    field: &'static str,
    v: f64,
    lo: f64,
    hi: f64,
) {
    if !v.is_finite() || v < lo || v > hi {
        out.push((field, format!("{field} {v} is outside {lo}–{hi}")));
    }
}

impl PatientSpec {
    /// Builds the person and the implant, or every problem found with its location.
    pub fn build(&self, path: &Path, text: &str) -> Result<(Patient, Device), FileError> {
        let mut located: Vec<Located> = Vec::new();
        let mut problems: Vec<(&'static str, String)> = Vec::new();
        let mut pain = [0.0; REGIONS.len()];
        for (region, &vas) in &self.pain {
            match region_index(region).and_then(|i| check_vas(region, vas).map(|_| i)) {
                Ok(i) => pain[i] = vas,
                Err(m) => problems.push(("pain", m)),
            }
        }
        if pain.iter().all(|&v| v == 0.0) && problems.is_empty() {
            problems.push(("pain", "the pain map has no painful region".into()));
        }
        check_scale(&mut problems, "csf_scale", self.csf_scale, 0.6, 1.6);
        check_scale(
            &mut problems,
            "threshold_scale",
            self.threshold_scale,
            0.6,
            1.6,
        );
        check_scale(&mut problems, "responder", self.responder, 0.1, 1.0);
        check_scale(
            &mut problems,
            "battery_percent",
            self.battery_percent,
            0.0,
            100.0,
        );
        if self.id.trim().is_empty() || self.name.trim().is_empty() {
            problems.push(("id", "id and name must not be empty".into()));
        }
        let mut programs = Vec::new();
        for (i, spec) in self.programs.iter().enumerate() {
            match spec.to_program() {
                Ok(p) => programs.push(p),
                Err(list) => located.extend(locate_all(text, i, list)),
            }
        }
        let programs = match Programs::new(programs) {
            Ok(programs) => programs,
            Err(m) => {
                if located.is_empty() {
                    problems.push(("programs", m));
                }
                located.extend(locate_all(text, 0, problems));
                return Err(FileError::Invalid {
                    path: path.to_path_buf(),
                    problems: located,
                });
            }
        };
        let mut impedances = Impedances::seeded(self.leads.len(), self.impedance_seed);
        for f in &self.faults {
            if let Err(m) = impedances.inject(*f) {
                problems.push(("faults", m));
            }
        }
        let device = Device {
            placements: self.leads.clone(),
            impedances,
            programs,
            active: 0,
            therapy_on: false,
            battery: Battery::at_percent(self.battery_percent),
            mri_mode: false,
        };
        if located.is_empty() {
            for m in device.problems() {
                let field = if m.starts_with("lead") || m.contains("leads") {
                    "leads"
                } else {
                    "programs"
                };
                problems.push((field, m));
            }
        }
        located.extend(locate_all(text, 0, problems));
        if !located.is_empty() {
            return Err(FileError::Invalid {
                path: path.to_path_buf(),
                problems: located,
            });
        }
        let mut rng = ChaCha8Rng::seed_from_u64(self.variability_seed);
        let mut vary = |spread: f64| 1.0 + spread * (2.0 * rng.random::<f64>() - 1.0);
        let threshold_scale = self.threshold_scale * vary(0.2);
        let csf_scale = self.csf_scale * vary(0.1);
        let responder = (self.responder * vary(0.1)).min(1.0);
        let patient = Patient {
            id: self.id.clone(),
            name: self.name.clone(),
            age: self.age,
            diagnosis: self.diagnosis.clone(),
            history: self.history.clone(),
            pain,
            posture: self.posture,
            csf_scale,
            threshold_scale,
            responder,
            csf_override_mm: None,
        };
        Ok((patient, device))
    }
}

/// Parses and validates a patient file's text.
pub fn parse_patient(path: &Path, text: &str) -> Result<(Patient, Device), FileError> {
    let spec: PatientSpec = files::parse_ron(path, text)?;
    spec.build(path, text)
}

/// Loads and validates a patient file.
pub fn load_patient(path: &Path) -> Result<(Patient, Device), FileError> {
    let text = files::read_text(path)?;
    parse_patient(path, &text)
}
