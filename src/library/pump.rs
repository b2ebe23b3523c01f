//! Drug-pump patients: building the pump, its catheter and the body's drug levels (at the
//! steady state of the running prescription) from a patient file's `implant: Pump(...)`
//! block ([`super::pump_spec`]), and the built-in pump patients.

use super::pump_spec::{BodySpec, CatheterSpec, PrescriptionSpec, PumpSetup, problems};
use super::spec::{ImplantSpec, PatientSpec, parse_patient_spec};
use crate::files::{self, FileError};
use crate::implant::Implant;
use crate::implant::pump;
use crate::implant::pump::catheter::Catheter;
use crate::implant::pump::device::DAY_S;
use crate::implant::pump::{Fill, Mode, Pump, PumpImplant};
use crate::patient::Patient;
use crate::patient::pharmacology::{Drug, Pharmacology};
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

/// Builds the pump implant of a patient file's block.
pub fn build_implant(
    pump: &PumpSetup,
    catheter: &CatheterSpec,
    rx: &PrescriptionSpec,
    body: &BodySpec,
) -> Result<Implant, Vec<(&'static str, String)>> {
    let found = problems(pump, catheter, rx, body);
    if !found.is_empty() {
        return Err(found);
    }
    let fill = Fill {
        drug: rx.drug,
        concentration_mg_per_ml: rx.concentration_mg_per_ml,
    };
    let mut device = Pump {
        capacity_ml: pump.capacity_ml,
        reservoir_ml: pump.reservoir_ml,
        record_ml: pump.reservoir_ml,
        contents: (pump.reservoir_ml > 0.0).then_some(fill),
        programmed: fill,
        daily_dose_mg: rx.daily_dose_mg,
        mode: rx.mode.clone(),
        bolus: None,
        bolus_times_s: Vec::new(),
        denied_boluses: 0,
        catheter: Catheter::full_of(catheter.volume_ml, Some(fill)),
        flow_factor: pump.flow_factor,
        low_alarm_ml: pump.low_alarm_ml,
        eri_at_s: pump.days_to_eri * DAY_S,
        occluded: false,
        stalled: false,
        in_mri: false,
        held: false,
        interrogated_at_s: None,
        pending_bolus_ml: 0.0,
        bridge: None,
        refill: None,
        last_refill: None,
        mri_was_alarming: false,
        direct_mg: [0.0; Drug::ALL.len()],
        pocket_mg: [0.0; Drug::ALL.len()],
        delivered_mg: [0.0; Drug::ALL.len()],
        dose_changes: Vec::new(),
        needle_misses: 0,
        alarms: Vec::new(),
        dose_window: (0.0, 0.0, 0.0),
        dose_ratio_range: None,
    };
    if rx.daily_dose_mg > 0.0 && rx.mode != Mode::Stopped {
        device
            .check_dose(rx.daily_dose_mg, 0.0)
            .map_err(|e| vec![("daily_dose_mg", e.to_string())])?;
    }
    // A flex schedule obeys the programmer's own rules (steps, times, doses).
    if let Mode::Flex(_) = &rx.mode {
        device
            .clone()
            .program(
                &pump::PumpEdit::SetMode(rx.mode.clone()),
                0.0,
                body.opioid_naive,
            )
            .map_err(|e| vec![("mode", e.to_string())])?;
    }
    if let Some(b) = rx.bolus {
        device
            .program(&pump::PumpEdit::SetBolus(Some(b)), 0.0, body.opioid_naive)
            .map_err(|e| vec![("bolus", e.to_string())])?;
    }
    let mut pharmacology = Pharmacology::new(catheter.tip, body.weight_kg, body.opioid_naive);
    if rx.settled && rx.mode != Mode::Stopped && rx.daily_dose_mg > 0.0 {
        pharmacology.settle(rx.drug, device.mean_daily_dose_mg());
    }
    Ok(Implant::Pump(Box::new(PumpImplant::new(
        device,
        pharmacology,
    ))))
}

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
