//! What builds a person together with their implant: the built-in patients (compiled in
//! so the program runs from any directory), patient files and practice patients from a
//! seed. It sits above both the body (`crate::patient`) and the implant (`crate::device`).

pub mod generate;
pub mod pump;
pub mod spec;

use crate::device::Device;
use crate::files::FileError;
use crate::implant::{Implant, ImplantKind};
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

/// A patient with whatever implant they carry (stimulator or drug pump), by built-in id,
/// `practice:SEED` or file path, with an error naming the choices.
pub fn open(name: &str) -> Result<(Patient, Implant), FileError> {
    if let Some(found) = pump::built_in(name) {
        return found;
    }
    if built_in(name).is_none() && generate::seed_of(name).is_none() {
        let path = Path::new(name);
        if path.exists() {
            return pump::parse(path, &crate::files::read_text(path)?);
        }
    }
    let (patient, device) = find(name)?;
    let implant = Implant::of(device, &patient);
    Ok((patient, implant))
}

/// A patient file's text by built-in id or path, with the path to name in its errors.
fn file_text(name: &str) -> Result<(std::path::PathBuf, String), FileError> {
    if let Some((id, text)) = BUILT_IN
        .iter()
        .chain(pump::BUILT_IN.iter())
        .find(|(i, _)| *i == name)
    {
        return Ok((
            format!("assets/patients/{id}.ron").into(),
            (*text).to_string(),
        ));
    }
    let path = Path::new(name);
    if !path.exists() {
        return Err(FileError::whole(
            path,
            format!(
                "unknown patient (built-in patients: {}; or give the path of a patient .ron file)",
                ids().join(", ")
            ),
        ));
    }
    Ok((path.to_path_buf(), crate::files::read_text(path)?))
}

/// A patient by built-in id or file path as its file describes them, after `vary` has
/// changed the file's values (an exercise's attempt draws its variant this way).
pub fn open_varied(
    name: &str,
    vary: impl FnOnce(&mut spec::PatientSpec),
) -> Result<(Patient, Implant), FileError> {
    let (path, text) = file_text(name)?;
    let mut spec = parse_patient_spec(&path, &text)?;
    vary(&mut spec);
    spec.build_implant(&path, &text)
}

/// Ids of every built-in patient (stimulators first, then drug pumps).
pub fn ids() -> Vec<&'static str> {
    BUILT_IN
        .iter()
        .chain(pump::BUILT_IN.iter())
        .map(|(i, _)| *i)
        .collect()
}

/// A patient with a stimulator by built-in id or file path, with an error naming the
/// choices (a drug-pump patient is refused with a sentence: see [`open`]).
pub fn find(name: &str) -> Result<(Patient, Device), FileError> {
    if pump::built_in(name).is_some() {
        return Err(FileError::whole(
            Path::new(name),
            spec::PUMP_HAS_NO_GENERATOR,
        ));
    }
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
    let ids = ids();
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
    if let Some(seed) = generate::seed_of(name) {
        let (patient, device) = generate::practice(seed);
        return Some(Implant::of(device, &patient).kind());
    }
    let spec = match BUILT_IN
        .iter()
        .chain(pump::BUILT_IN.iter())
        .find(|(i, _)| *i == name)
    {
        Some((i, text)) => parse_patient_spec(Path::new(&format!("assets/patients/{i}.ron")), text),
        None => {
            let path = Path::new(name);
            crate::files::read_text(path).and_then(|text| parse_patient_spec(path, &text))
        }
    };
    spec.ok().map(|s| s.implant.kind())
}
