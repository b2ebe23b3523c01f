//! What builds a person together with their implant: the built-in patients (compiled in
//! so the program runs from any directory), patient files and practice patients from a
//! seed. It sits above both the body (`crate::patient`) and the implant (`crate::device`).

pub mod generate;
pub mod spec;

use crate::device::Device;
use crate::files::FileError;
use crate::implant::ImplantKind;
use crate::patient::Patient;
use spec::{parse_patient, parse_patient_spec};
use std::path::Path;

/// (id, file text) of every built-in patient; the first is the default.
pub const BUILT_IN: [(&str, &str); 10] = [
    ("fbss", include_str!("../../assets/patients/fbss.ron")),
    (
        "radiculopathy",
        include_str!("../../assets/patients/radiculopathy.ron"),
    ),
    (
        "crps-foot",
        include_str!("../../assets/patients/crps-foot.ron"),
    ),
    (
        "cervical",
        include_str!("../../assets/patients/cervical.ron"),
    ),
    (
        "diabetic-neuropathy",
        include_str!("../../assets/patients/diabetic-neuropathy.ron"),
    ),
    (
        "lead-too-high",
        include_str!("../../assets/patients/lead-too-high.ron"),
    ),
    (
        "occipital-neuralgia",
        include_str!("../../assets/patients/occipital-neuralgia.ron"),
    ),
    (
        "phantom-limb",
        include_str!("../../assets/patients/phantom-limb.ron"),
    ),
    (
        "medial-branch",
        include_str!("../../assets/patients/medial-branch.ron"),
    ),
    (
        "shoulder-axillary",
        include_str!("../../assets/patients/shoulder-axillary.ron"),
    ),
];

/// Id of the built-in default patient.
pub const DEFAULT_ID: &str = BUILT_IN[0].0;

/// A built-in patient by id.
pub fn built_in(id: &str) -> Option<Result<(Patient, Device), FileError>> {
    BUILT_IN
        .iter()
        .find(|(i, _)| *i == id)
        .map(|(i, text)| parse_patient(Path::new(&format!("assets/patients/{i}.ron")), text))
}

/// The built-in default patient and implant.
pub fn default_patient() -> (Patient, Device) {
    match built_in(DEFAULT_ID) {
        Some(Ok(pair)) => pair,
        // The built-in files are validated by the test suite; reaching this is a build error.
        _ => panic!("the built-in default patient does not load"),
    }
}

/// A patient by built-in id or file path, with an error naming the choices.
pub fn find(name: &str) -> Result<(Patient, Device), FileError> {
    if let Some(found) = built_in(name) {
        return found;
    }
    if let Some(seed) = generate::seed_of(name) {
        return Ok(generate::practice(seed));
    }
    let path = Path::new(name);
    if path.exists() {
        return spec::load_patient(path);
    }
    let ids: Vec<&str> = BUILT_IN.iter().map(|(i, _)| *i).collect();
    Err(FileError::whole(
        path,
        format!(
            "unknown patient (built-in patients: {}; or give the path of a patient .ron file)",
            ids.join(", ")
        ),
    ))
}

/// The kind of implant (`scs`) the patient `name` carries, by built-in id, `practice:SEED`
/// or patient file path; `None` when it cannot be read.
pub fn implant_kind(name: &str) -> Option<ImplantKind> {
    if generate::seed_of(name).is_some() {
        // Practice patients carry a spinal cord stimulator.
        return Some(ImplantKind::Scs);
    }
    let spec = match BUILT_IN.iter().find(|(i, _)| *i == name) {
        Some((i, text)) => parse_patient_spec(Path::new(&format!("assets/patients/{i}.ron")), text),
        None => {
            let path = Path::new(name);
            crate::files::read_text(path).and_then(|text| parse_patient_spec(path, &text))
        }
    };
    spec.ok().map(|s| s.implant.kind())
}
