//! Drug-pump patients: a patient file whose `implant: Pump(...)` block the pump's slice
//! builds ([`crate::implant::pump::setup`]), and the built-in pump patients.

use super::spec::parse_patient_spec;
use crate::files::FileError;
use crate::implant::Implant;
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

/// Parses a patient file of any implant.
pub fn parse(path: &Path, text: &str) -> Result<(Patient, Implant), FileError> {
    parse_patient_spec(path, text)?.build_implant(path, text)
}

/// A built-in pump patient by id.
pub fn built_in(id: &str) -> Option<Result<(Patient, Implant), FileError>> {
    BUILT_IN
        .iter()
        .find(|(i, _)| *i == id)
        .map(|(i, text)| parse(Path::new(&format!("assets/patients/{i}.ron")), text))
}
