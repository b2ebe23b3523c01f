//! The pump's setup: the `implant: Pump(...)` block of a patient file (the pump, its
//! catheter, the prescription and the person's side of the pharmacology, with the limits
//! each value must keep), and the implant built from it, its drug levels at the steady
//! state of the running prescription.

use super::catheter::Catheter;
use super::command::PumpEdit;
use super::device::{BolusLimits, CAPACITIES_ML, DAY_S, Mode, Pump};
use super::fill::Fill;
use super::implant::PumpImplant;
use crate::implant::Implant;
use crate::patient::pharmacology::drug::DEFAULT_WEIGHT_KG;
use crate::patient::pharmacology::{Drug, Pharmacology};
use crate::patient::spine::Vertebra;
use serde::{Deserialize, Serialize};

fn default_flow() -> f64 {
    1.0
}
fn default_low_alarm() -> f64 {
    3.0
}
fn default_eri_days() -> f64 {
    2000.0
}
fn default_catheter_ml() -> f64 {
    0.2
}
fn default_weight() -> f64 {
    DEFAULT_WEIGHT_KG
}
fn default_mode() -> Mode {
    Mode::SimpleContinuous
}
fn yes() -> bool {
    true
}

/// The pump itself.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PumpSetup {
    /// Reservoir capacity, mL (20 or 40).
    pub capacity_ml: f64,
    /// Volume in the reservoir now (the pump's record agrees), mL.
    pub reservoir_ml: f64,
    /// Delivered ÷ programmed (default 1; 1.02 is typical, above 1.145 over-infusion).
    #[serde(default = "default_flow")]
    pub flow_factor: f64,
    /// Low-reservoir alarm level, mL (default 3).
    #[serde(default = "default_low_alarm")]
    pub low_alarm_ml: f64,
    /// Days until the elective replacement indicator (default 2000).
    #[serde(default = "default_eri_days")]
    pub days_to_eri: f64,
}

/// The catheter.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CatheterSpec {
    /// Vertebra at whose level the tip lies.
    pub tip: Vertebra,
    /// Dead volume, mL (default 0.2; a Prometra catheter holds 0.0026 mL/cm).
    #[serde(default = "default_catheter_ml")]
    pub volume_ml: f64,
}

/// What the pump holds and delivers.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PrescriptionSpec {
    /// The drug.
    pub drug: Drug,
    /// Its concentration, mg/mL (the same in the reservoir and the programmer).
    pub concentration_mg_per_ml: f64,
    /// Daily dose, mg/day.
    pub daily_dose_mg: f64,
    /// Dosing mode (default SimpleContinuous).
    #[serde(default = "default_mode")]
    pub mode: Mode,
    /// The patient's bolus, if any.
    #[serde(default)]
    pub bolus: Option<BolusLimits>,
    /// The patient has been on this dose for weeks: drug levels and tolerance start at
    /// its steady state (default true).
    #[serde(default = "yes")]
    pub settled: bool,
}

/// The person's side of the pharmacology.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BodySpec {
    /// Body weight, kg (default 70).
    #[serde(default = "default_weight")]
    pub weight_kg: f64,
    /// Never taken opioids (default false).
    #[serde(default)]
    pub opioid_naive: bool,
    /// How strongly the person's pain answers the drug, 1 the typical (0.2–5; default 1).
    #[serde(default = "typical", skip_serializing_if = "is_typical")]
    pub relief_sensitivity: f64,
    /// How strongly the person's brain answers the drug's central effects, 1 the typical
    /// (0.2–5; default 1).
    #[serde(default = "typical", skip_serializing_if = "is_typical")]
    pub central_sensitivity: f64,
}

/// A typical person's sensitivity.
fn typical() -> f64 {
    1.0
}

/// The sensitivity is a typical person's (left out when a patient is written).
fn is_typical(v: &f64) -> bool {
    *v == 1.0
}

impl Default for BodySpec {
    fn default() -> BodySpec {
        BodySpec {
            weight_kg: DEFAULT_WEIGHT_KG,
            opioid_naive: false,
            relief_sensitivity: 1.0,
            central_sensitivity: 1.0,
        }
    }
}

/// Every problem of a pump block, as (field, message).
pub fn problems(
    pump: &PumpSetup,
    catheter: &CatheterSpec,
    rx: &PrescriptionSpec,
    body: &BodySpec,
) -> Vec<(&'static str, String)> {
    let mut out = Vec::new();
    let mut check = |field: &'static str, v: f64, lo: f64, hi: f64| {
        if !v.is_finite() || v < lo || v > hi {
            out.push((field, format!("{field} {v} is outside {lo}–{hi}")));
        }
    };
    check("reservoir_ml", pump.reservoir_ml, 0.0, pump.capacity_ml);
    check("flow_factor", pump.flow_factor, 0.5, 2.0);
    check(
        "low_alarm_ml",
        pump.low_alarm_ml,
        0.5,
        pump.capacity_ml / 2.0,
    );
    check("days_to_eri", pump.days_to_eri, 0.0, 7.0 * 365.0);
    check("volume_ml", catheter.volume_ml, 0.01, 1.0);
    check(
        "concentration_mg_per_ml",
        rx.concentration_mg_per_ml,
        1e-4,
        100.0,
    );
    check("daily_dose_mg", rx.daily_dose_mg, 0.0, 100.0);
    check("weight_kg", body.weight_kg, 20.0, 250.0);
    check("relief_sensitivity", body.relief_sensitivity, 0.2, 5.0);
    check("central_sensitivity", body.central_sensitivity, 0.2, 5.0);
    if !CAPACITIES_ML.contains(&pump.capacity_ml) {
        out.push((
            "capacity_ml",
            format!("capacity_ml {} is not 20 or 40", pump.capacity_ml),
        ));
    }
    out
}

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
        prescribed: fill,
        prescribed_dose_mg: match &rx.mode {
            Mode::Flex(steps) => super::flex_mean(steps),
            _ => rx.daily_dose_mg,
        },
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
        mri: Default::default(),
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
            .program(&PumpEdit::SetMode(rx.mode.clone()), 0.0, body.opioid_naive)
            .map_err(|e| vec![("mode", e.to_string())])?;
    }
    if let Some(b) = rx.bolus {
        device
            .program(&PumpEdit::SetBolus(Some(b)), 0.0, body.opioid_naive)
            .map_err(|e| vec![("bolus", e.to_string())])?;
    }
    let mut pharmacology = Pharmacology::new(catheter.tip, body.weight_kg, body.opioid_naive);
    pharmacology.relief_sensitivity = body.relief_sensitivity;
    pharmacology.central_sensitivity = body.central_sensitivity;
    if rx.settled && rx.mode != Mode::Stopped && rx.daily_dose_mg > 0.0 {
        pharmacology.settle(rx.drug, device.mean_daily_dose_mg());
    }
    Ok(Implant::Pump(Box::new(PumpImplant::new(
        device,
        pharmacology,
    ))))
}
