//! What `eval` and `simulate` print for a drug-pump patient: the pump's settings and
//! record, the steady state of its prescription (CSF concentration, relief, side effects),
//! alarms and warnings; and one row of a simulated series.

use super::device::{DAY_S, Mode};
use super::implant::PumpImplant;
use super::units::dose_words;
use crate::implant::rounding::round;
use crate::implant::view::View;
use crate::patient::Patient;
use crate::patient::pharmacology::{Drug, Family};
use serde::Serialize;
use std::fmt::Write as _;

/// A warning about a pump's prescription, with a stable code.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct PumpWarning {
    /// Stable code: `dose_caution`, `opioid_naive_dose`, `alarm`, …
    pub code: String,
    /// The words.
    pub message: String,
}

/// The patient's bolus as reported.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct BolusReport {
    /// Dose per bolus, mg.
    pub dose_mg: f64,
    /// Lockout, h.
    pub lockout_h: f64,
    /// Most a day.
    pub max_per_day: u32,
    /// Volume of one bolus, mL.
    pub volume_ml: f64,
}

/// Vital signs as reported.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct VitalsReport {
    /// Breaths a minute.
    pub respiratory_rate_per_min: f64,
    /// Beats a minute.
    pub heart_rate_bpm: f64,
    /// Systolic pressure, mmHg.
    pub systolic_mmhg: f64,
    /// Temperature, °C.
    pub temperature_c: f64,
}

/// `eval --json` for a drug-pump patient.
#[derive(Clone, Debug, Serialize)]
pub struct PumpReport {
    /// Patient id.
    pub patient: String,
    /// Always `pump`.
    pub implant: String,
    /// The programmed drug.
    pub drug: String,
    /// Its programmed concentration, mg/mL.
    pub concentration_mg_per_ml: f64,
    /// Programmed rate now, mL/day (dose ÷ concentration).
    pub rate_ml_per_day: f64,
    /// Programmed daily dose (mean over a day in flex mode), mg/day.
    pub daily_dose_mg: f64,
    /// The daily dose in the programmer's unit, e.g. `200 µg`.
    pub daily_dose: String,
    /// `stopped`, `simple_continuous` or `flex`.
    pub mode: String,
    /// The prescription on file, e.g. `baclofen 0.5 mg/mL, 200 µg a day`: a programmed
    /// drug, concentration or dose that differs from it is a slip or an order not yet
    /// carried out.
    pub order_on_file: String,
    /// Reservoir by the pump's record, mL.
    pub reservoir_ml: f64,
    /// Reservoir capacity, mL.
    pub capacity_ml: f64,
    /// Days until the record reaches the low-reservoir alarm (null when not delivering).
    pub days_to_low_reservoir: Option<f64>,
    /// Low-reservoir alarm level, mL.
    pub low_alarm_ml: f64,
    /// Alarm codes active now.
    pub alarms: Vec<String>,
    /// Alarms in the device's words.
    pub alarm_messages: Vec<String>,
    /// Catheter tip level.
    pub catheter_tip: String,
    /// Catheter dead volume, mL.
    pub catheter_volume_ml: f64,
    /// Days for a new concentration to reach the tip at this rate: dead volume ÷ rate.
    pub transit_days: Option<f64>,
    /// Patient bolus, if set.
    pub bolus: Option<BolusReport>,
    /// CSF concentration at the steady state of the prescription, ng/mL.
    pub csf_concentration_ng_per_ml: f64,
    /// The drug's CSF half-life, h.
    pub csf_half_life_h: f64,
    /// Plasma concentration at steady state, ng/mL.
    pub plasma_ng_per_ml: f64,
    /// Steady-state overall pain (spasticity for baclofen), VAS 0–10.
    pub pain_vas: f64,
    /// Untreated, VAS 0–10.
    pub baseline_vas: f64,
    /// Steady-state relief, %.
    pub relief_percent: f64,
    /// Side effects at steady state, in plain words.
    pub side_effects: Vec<String>,
    /// Vital signs at steady state.
    pub vitals: VitalsReport,
    /// What the patient says at steady state.
    pub patient_says: String,
    /// Days until the elective replacement indicator (negative: past it).
    pub days_to_eri: f64,
    /// Warnings on the prescription, with codes.
    pub warnings: Vec<PumpWarning>,
}

fn mode_name(m: &Mode) -> &'static str {
    match m {
        Mode::Stopped => "stopped",
        Mode::SimpleContinuous => "simple_continuous",
        Mode::Flex(_) => "flex",
    }
}

/// Morphine-equivalent intrathecal dose of `mg` of `drug`, mg/day (hydromorphone ≈ 5×
/// morphine; fentanyl not confirmed and not converted).
fn morphine_equivalent(drug: Drug, mg: f64) -> Option<f64> {
    match drug {
        Drug::Morphine => Some(mg),
        Drug::Hydromorphone => Some(mg * 5.0),
        _ => None,
    }
}

/// Warnings on the prescription of `p` (REFERENCES-IDDS §4).
pub fn warnings(p: &PumpImplant, daily_dose_mg: f64) -> Vec<PumpWarning> {
    let mut out = Vec::new();
    let drug = p.pump.programmed.drug;
    let w = |code: &str, message: String| PumpWarning {
        code: code.into(),
        message,
    };
    if let Some(me) = morphine_equivalent(drug, daily_dose_mg) {
        if me > 20.0 {
            out.push(w(
                "dose_caution",
                format!("{me:.1} mg/day of intrathecal morphine (or its equivalent): caution above 20 mg/day"),
            ));
        }
        if p.body.opioid_naive && me > 1.0 {
            out.push(w(
                "opioid_naive_dose",
                format!(
                    "Opioid-naïve patient: intrathecal morphine starts at 0.2–1 mg/day, not {me:.1}"
                ),
            ));
        }
    }
    if drug == Drug::Ziconotide && daily_dose_mg * 1000.0 < 8.0 {
        out.push(w(
            "ziconotide_subtherapeutic",
            "Ziconotide below 8 µg/day: relief often comes only from 8–10 µg/day".into(),
        ));
    }
    if drug.family() == Family::Baclofen && p.pump.bolus.is_some() {
        out.push(w(
            "baclofen_bolus",
            "The patient's remote cannot bolus baclofen".into(),
        ));
    }
    for a in &p.pump.alarms {
        out.push(w("alarm", a.to_string()));
    }
    out
}

impl PumpReport {
    /// The steady state of the prescription of `p` in `patient`, with the pump as it is
    /// at `t`.
    pub fn steady(p: &PumpImplant, patient: &Patient, t: f64) -> PumpReport {
        let steady = p.steady();
        let effects = steady.effects(patient);
        let pump = &p.pump;
        let drug = pump.programmed.drug;
        let daily = pump.mean_daily_dose_mg();
        let rate = pump.rate_ml_per_day(t);
        let baseline = crate::patient::baseline_vas(patient);
        let speech = super::words::speech(patient, &effects, &effects.pain);
        PumpReport {
            patient: patient.id.clone(),
            implant: "pump".into(),
            drug: drug.name().into(),
            concentration_mg_per_ml: pump.programmed.concentration_mg_per_ml,
            rate_ml_per_day: round(rate, 4),
            daily_dose_mg: round(daily, 6),
            daily_dose: format!("{}/day", dose_words(drug, daily)),
            mode: mode_name(&pump.mode).into(),
            order_on_file: pump.order_words(),
            reservoir_ml: round(pump.record_ml, 2),
            capacity_ml: pump.capacity_ml,
            days_to_low_reservoir: pump.days_to_low_reservoir(t).map(|d| round(d, 1)),
            low_alarm_ml: pump.low_alarm_ml,
            alarms: pump.alarms.iter().map(|a| a.code().to_string()).collect(),
            alarm_messages: pump.alarms.iter().map(|a| a.to_string()).collect(),
            catheter_tip: tip_name(p),
            catheter_volume_ml: pump.catheter.dead_volume_ml,
            transit_days: (rate > 0.0).then(|| round(pump.catheter.dead_volume_ml / rate, 2)),
            bolus: pump.bolus.map(|b| BolusReport {
                dose_mg: b.dose_mg,
                lockout_h: b.lockout_h,
                max_per_day: b.max_per_day,
                volume_ml: round(b.dose_mg / pump.programmed.concentration_mg_per_ml, 4),
            }),
            csf_concentration_ng_per_ml: round(steady.body.csf_ng_per_ml(drug), 1),
            csf_half_life_h: round(drug.csf_half_life_h(p.body.weight_kg), 2),
            plasma_ng_per_ml: round(steady.body.plasma_ng_per_ml(drug), 3),
            pain_vas: round(effects.pain.vas, 2),
            baseline_vas: round(baseline, 2),
            relief_percent: round(effects.pain.relief_percent, 1),
            side_effects: effects.words(),
            vitals: vitals(&effects.vitals),
            patient_says: speech,
            days_to_eri: round((pump.eri_at_s - t) / DAY_S, 1),
            warnings: warnings(p, daily),
        }
    }
}

fn vitals(v: &crate::patient::pharmacology::Vitals) -> VitalsReport {
    VitalsReport {
        respiratory_rate_per_min: round(v.respiratory_rate_per_min, 1),
        heart_rate_bpm: round(v.heart_rate_bpm, 0),
        systolic_mmhg: round(v.systolic_mmhg, 0),
        temperature_c: round(v.temperature_c, 1),
    }
}

/// The catheter tip's level, as the nearest vertebra ("T8").
pub fn tip_name(p: &PumpImplant) -> String {
    use crate::patient::spine::Vertebra;
    (0..Vertebra::COUNT)
        .filter_map(Vertebra::from_index)
        .min_by(|a, b| {
            let d = |v: &Vertebra| {
                (crate::patient::pharmacology::tip_segment(*v) - p.body.tip_segment).abs()
            };
            d(a).total_cmp(&d(b))
        })
        .map_or(String::new(), |v| v.name().to_string())
}

/// `eval` of a pump patient as text.
pub(crate) fn eval_text(r: &PumpReport) -> String {
    let mut o = String::new();
    let _ = writeln!(
        o,
        "Patient {} · drug pump · {} {} mg/mL · {} · {} mL/day ({})",
        r.patient, r.drug, r.concentration_mg_per_ml, r.daily_dose, r.rate_ml_per_day, r.mode
    );
    let _ = writeln!(
        o,
        "Reservoir    {} of {} mL by the record · low alarm at {} mL in {} days",
        r.reservoir_ml,
        r.capacity_ml,
        r.low_alarm_ml,
        r.days_to_low_reservoir
            .map_or("–".to_string(), |d| format!("{d}"))
    );
    let _ = writeln!(
        o,
        "Catheter     tip at {} · {} mL dead volume · new drug reaches the tip in {} days",
        r.catheter_tip,
        r.catheter_volume_ml,
        r.transit_days.map_or("–".to_string(), |d| format!("{d}"))
    );
    if let Some(b) = &r.bolus {
        let _ = writeln!(
            o,
            "Bolus        {} mg ({} mL) · lockout {} h · at most {} a day",
            b.dose_mg, b.volume_ml, b.lockout_h, b.max_per_day
        );
    }
    let _ = writeln!(
        o,
        "CSF          {} ng/mL at steady state (half-life {} h) · plasma {} ng/mL",
        r.csf_concentration_ng_per_ml, r.csf_half_life_h, r.plasma_ng_per_ml
    );
    let _ = writeln!(
        o,
        "Pain         VAS {:.1} -> {:.1} at steady state ({:.0}% relief)",
        r.baseline_vas, r.pain_vas, r.relief_percent
    );
    for e in &r.side_effects {
        let _ = writeln!(o, "Side effect  {e}");
    }
    let _ = writeln!(
        o,
        "Vitals       breathing {}/min · heart {}/min · systolic {} mmHg · {} °C",
        r.vitals.respiratory_rate_per_min,
        r.vitals.heart_rate_bpm,
        r.vitals.systolic_mmhg,
        r.vitals.temperature_c
    );
    let _ = writeln!(o, "Patient      \"{}\"", r.patient_says);
    for w in &r.warnings {
        let _ = writeln!(o, "Warning      [{}] {}", w.code, w.message);
    }
    o
}

/// One row of a pump patient's simulated series.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct PumpRow {
    /// Simulated time, s.
    pub t_s: f64,
    /// Reservoir by the pump's record, mL.
    pub reservoir_ml: f64,
    /// Reservoir truly, mL.
    pub true_reservoir_ml: f64,
    /// CSF concentration of the programmed drug now, ng/mL.
    pub csf_concentration_ng_per_ml: f64,
    /// Drug (all drugs) that has reached the CSF since the start, mg.
    pub delivered_mg: f64,
    /// Plasma concentration of the programmed drug, ng/mL.
    pub plasma_ng_per_ml: f64,
    /// Overall pain, VAS 0–10.
    pub pain_vas: f64,
    /// Relief, %.
    pub relief_percent: f64,
    /// Central depression 0..1.
    pub sedation: f64,
    /// Breaths a minute.
    pub respiratory_rate_per_min: f64,
    /// Beats a minute.
    pub heart_rate_bpm: f64,
    /// Temperature, °C.
    pub temperature_c: f64,
    /// Withdrawal 0..1.
    pub withdrawal: f64,
    /// Side effects and signs, `;`-separated.
    pub side_effects: String,
    /// Alarm codes, `;`-separated.
    pub alarms: String,
}

impl PumpRow {
    /// The row of `p` in `patient` at the moment of `view`.
    pub fn of(p: &PumpImplant, patient: &Patient, view: &View) -> PumpRow {
        let effects = p.effects(patient);
        let pain = &view.pain;
        let drug = p.pump.programmed.drug;
        PumpRow {
            t_s: round(view.t_s, 3),
            reservoir_ml: round(p.pump.record_ml, 3),
            true_reservoir_ml: round(p.pump.reservoir_ml, 3),
            csf_concentration_ng_per_ml: round(p.body.csf_ng_per_ml(drug), 2),
            delivered_mg: round(p.pump.delivered_mg.iter().sum::<f64>(), 5),
            plasma_ng_per_ml: round(p.body.plasma_ng_per_ml(drug), 4),
            pain_vas: round(pain.vas, 2),
            relief_percent: round(pain.relief_percent, 1),
            sedation: round(effects.sedation, 3),
            respiratory_rate_per_min: round(effects.vitals.respiratory_rate_per_min, 1),
            heart_rate_bpm: round(effects.vitals.heart_rate_bpm, 0),
            temperature_c: round(effects.vitals.temperature_c, 1),
            withdrawal: round(effects.withdrawal, 3),
            side_effects: effects.words().join("; "),
            alarms: p
                .pump
                .alarms
                .iter()
                .map(|a| a.code())
                .collect::<Vec<_>>()
                .join("; "),
        }
    }
}
