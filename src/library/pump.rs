//! Drug-pump patients: a patient file whose `implant: Pump(...)` block the pump's slice
//! builds ([`crate::implant::pump::setup`]), and the built-in pump patients.

use super::spec::{ImplantSpec, PatientSpec, parse_patient_spec};
use crate::files::{self, FileError};
use crate::implant::Implant;
use crate::implant::pump::setup::build_implant;
use crate::patient::Patient;
use std::path::Path;

/// (id, file text) of every built-in drug-pump patient.
pub const BUILT_IN: [(&str, &str); 4] = [
    (
        "pump-cancer-morphine",
        include_str!("../../assets/patients/pump-cancer-morphine.ron"),
    ),
    (
        "pump-hydromorphone",
        include_str!("../../assets/patients/pump-hydromorphone.ron"),
    ),
    (
        "pump-ziconotide",
        include_str!("../../assets/patients/pump-ziconotide.ron"),
    ),
    (
        "pump-baclofen",
        include_str!("../../assets/patients/pump-baclofen.ron"),
    ),
];

/// Builds the person and whatever implant a patient file describes.
pub fn build(spec: &PatientSpec, path: &Path, text: &str) -> Result<(Patient, Implant), FileError> {
    let invalid = |problems: Vec<(&'static str, String)>| FileError::Invalid {
        path: path.to_path_buf(),
        problems: problems
            .into_iter()
            .map(|(f, m)| files::locate(text, f, 0, m))
            .collect(),
    };
    let ImplantSpec::Pump {
        pump,
        catheter,
        prescription,
        body,
    } = &spec.implant
    else {
        let (patient, device) = spec.build(path, text)?;
        let implant = Implant::of(device, &patient);
        return Ok((patient, implant));
    };
    let patient = spec.person().build().map_err(invalid)?;
    let implant = build_implant(pump, catheter, prescription, body).map_err(invalid)?;
    Ok((patient, implant))
}

/// Parses a patient file of any implant.
pub fn parse(path: &Path, text: &str) -> Result<(Patient, Implant), FileError> {
    build(&parse_patient_spec(path, text)?, path, text)
}

/// A built-in pump patient by id.
pub fn built_in(id: &str) -> Option<Result<(Patient, Implant), FileError>> {
    BUILT_IN
        .iter()
        .find(|(i, _)| *i == id)
        .map(|(i, text)| parse(Path::new(&format!("assets/patients/{i}.ron")), text))
}
