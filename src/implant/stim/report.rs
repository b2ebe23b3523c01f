//! A stimulator's report: the steady state of one setting (`scs-sim eval`) and one row of
//! a simulated series, in one stable, serialisable shape shared by the command line, the
//! GUI and tests.

use super::stimulator::Stimulator;
use crate::device::safety::{COMPLIANCE_V, Warning};
use crate::implant::rounding::round;
use crate::implant::view::View;
use crate::patient::Patient;
use crate::patient::anatomy::REGIONS;
use crate::patient::nerve::Nerve;
use serde::Serialize;
use std::collections::BTreeMap;
use std::fmt::Write as _;

/// The steady state of one setting (`eval`).
#[derive(Clone, Debug, Serialize)]
pub struct EvalReport {
    /// Patient id.
    pub patient: String,
    /// Running program's name.
    pub program: String,
    /// Programmed amplitude, mA.
    pub amplitude_ma: f64,
    /// Amplitude the tissue receives (after faults and compliance), mA.
    pub delivered_ma: f64,
    /// Pulse width, µs.
    pub pulse_width_us: f64,
    /// Rate (burst: repetition rate), Hz.
    pub rate_hz: f64,
    /// `tonic`, `burst` or `high-frequency`.
    pub waveform: String,
    /// Contacts in `0+-+0000` form.
    pub contacts: String,
    /// Lead level of lead 1 and lateral offset, e.g. `T8`.
    pub lead_level: String,
    /// Lateral offset of lead 1, mm.
    pub lateral_mm: f64,
    /// Posture.
    pub posture: String,
    /// Side area of one contact, mm².
    pub contact_area_mm2: f64,
    /// Total charge per phase, µC.
    pub charge_per_phase_uc: f64,
    /// Highest charge density on any contact, µC/cm² per phase.
    pub max_charge_density_uc_per_cm2: f64,
    /// Shannon k of the most loaded contact (null at zero charge).
    pub shannon_k: Option<f64>,
    /// Effective load, Ω.
    pub impedance_ohm: f64,
    /// Voltage the set current needs, V.
    pub voltage_v: f64,
    /// The stimulator's compliance voltage, V.
    pub compliance_voltage_v: f64,
    /// Perception threshold, mA (null: not reached within 25.5 mA).
    pub perception_threshold_ma: Option<f64>,
    /// Discomfort threshold, mA (null: not reached within 25.5 mA).
    pub discomfort_threshold_ma: Option<f64>,
    /// DT / PT.
    pub usage_range: Option<f64>,
    /// Region → paresthesia intensity (0..1), regions with any.
    pub paresthesia: BTreeMap<String, f64>,
    /// Share of the pain map covered (0..1).
    pub paresthesia_coverage: f64,
    /// Steady-state overall pain, VAS 0–10.
    pub pain_vas: f64,
    /// Pain without stimulation, VAS 0–10.
    pub baseline_vas: f64,
    /// Steady-state relief, %.
    pub relief_percent: f64,
    /// Side effects in plain words.
    pub side_effects: Vec<String>,
    /// What the patient says.
    pub patient_says: String,
    /// Implant battery, %.
    pub battery_percent: f64,
    /// Days until the battery is empty at these settings.
    pub battery_days_left: f64,
    /// Warnings with codes and device wording.
    pub warnings: Vec<Warning>,
    /// The kind of implant: `scs` or `pns`.
    pub implant: String,
    /// The nerve lead 1 lies at (`pns`; null for a spinal cord stimulator).
    pub nerve: Option<String>,
    /// Distance from lead 1 to its nerve, mm (`pns`; null for a spinal cord stimulator).
    pub distance_mm: Option<f64>,
    /// Motor threshold, mA: the lowest amplitude at which a muscle visibly twitches (null
    /// for a purely sensory nerve, beyond 25.5 mA, or a spinal cord stimulator).
    pub motor_threshold_ma: Option<f64>,
    /// The muscle twitching at this setting, if any (`pns`).
    pub motor_response: Option<MotorReport>,
    /// The evoked response's threshold, mA (null: no ECAP recorded — a nerve, a kHz
    /// waveform, no free recording contact — or none within 25.5 mA).
    pub ecap_threshold_ma: Option<f64>,
    /// The growth curve's slope in the middle of the therapeutic window, µV/mA.
    pub ecap_slope_uv_per_ma: Option<f64>,
    /// The ECAP at the delivered current, µV (null: none recorded).
    pub ecap_uv: Option<f64>,
}

/// A muscle's response to peripheral nerve stimulation.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct MotorReport {
    /// The muscle, e.g. `quadriceps`.
    pub muscle: String,
    /// Whether a contraction is wanted here (multifidus, deltoid) or discomfort.
    pub wanted: bool,
    /// Share of its motor axons recruited (0..1).
    pub recruitment: f64,
}

impl EvalReport {
    /// A report of `view`, taken of `stim` in `patient` (`eval` takes the steady view).
    pub fn of(stim: &Stimulator, patient: &Patient, view: &View) -> EvalReport {
        let d = stim.device();
        // The view carries the safety report of the same settings (a stimulator's always has one).
        let safety = view
            .safety
            .clone()
            .unwrap_or_else(|| super::site::safety(d));
        let p = d.program();
        let s = &p.settings;
        let c = &safety.charge;
        let paresthesia = REGIONS
            .iter()
            .zip(view.response.perception.paresthesia)
            .filter(|(_, v)| *v >= 0.01)
            .map(|(r, v)| (r.name.to_string(), round(v, 2)))
            .collect();
        let baseline = crate::patient::baseline_vas(patient);
        let lead = d.placements.first();
        let site = d.nerve_leads.first().map(|l| l.site);
        let motor_response = stim
            .nerve_reading(view.delivered_ma)
            .and_then(|r| r.motor)
            .map(|m| MotorReport {
                muscle: m.muscle.words.to_string(),
                wanted: m.muscle.wanted,
                recruitment: round(m.recruitment, 2),
            });
        let ecap = stim
            .ecap(patient)
            .map(|e| super::recording::figures(&e, view.delivered_ma, view.pt_ma, view.dt_ma));
        EvalReport {
            patient: patient.id.clone(),
            program: p.name.clone(),
            amplitude_ma: s.amplitude_ma,
            delivered_ma: round(view.delivered_ma, 2),
            pulse_width_us: s.pulse_width_us,
            rate_hz: s.rate_hz,
            waveform: s.waveform.name().to_string(),
            contacts: d.contacts_code(),
            lead_level: lead.map_or(String::new(), |l| l.level.name().to_string()),
            lateral_mm: lead.map_or(0.0, |l| l.lateral_mm),
            posture: patient.posture.name().to_string(),
            contact_area_mm2: round(d.lead_model(0).contact_area_mm2(), 2),
            charge_per_phase_uc: round(c.per_phase_uc, 3),
            max_charge_density_uc_per_cm2: round(c.max_density_uc_per_cm2, 2),
            shannon_k: c.shannon_k.is_finite().then(|| round(c.shannon_k, 3)),
            impedance_ohm: round(safety.impedance_ohm, 0),
            voltage_v: round(safety.voltage_v, 2),
            compliance_voltage_v: COMPLIANCE_V,
            perception_threshold_ma: view.pt_ma,
            discomfort_threshold_ma: view.dt_ma,
            usage_range: view.pt_ma.zip(view.dt_ma).map(|(pt, dt)| round(dt / pt, 2)),
            paresthesia,
            paresthesia_coverage: round(view.response.coverage, 3),
            pain_vas: round(view.pain.vas, 2),
            baseline_vas: round(baseline, 2),
            relief_percent: round(view.pain.relief_percent, 1),
            side_effects: view.response.perception.side_effects.clone(),
            patient_says: view.speech.clone(),
            battery_percent: round(d.battery.percent(), 1),
            battery_days_left: round(d.battery.days_left(d.power_w()), 1),
            warnings: view.alerts.clone(),
            implant: stim.kind().name().to_string(),
            nerve: site.map(|s| s.nerve.name().to_string()),
            distance_mm: site.map(|s| s.distance_mm),
            motor_threshold_ma: stim.motor_threshold(),
            motor_response,
            ecap_threshold_ma: ecap.and_then(|e| e.threshold_ma),
            ecap_slope_uv_per_ma: ecap.and_then(|e| e.slope_uv_per_ma).map(|v| round(v, 1)),
            ecap_uv: ecap.map(|e| round(e.ecap_uv, 1)),
        }
    }
}

fn opt(v: Option<f64>, unit: &str) -> String {
    v.map_or_else(
        || "not reached within 25.5 mA".to_string(),
        |x| format!("{x:.2} {unit}"),
    )
}

/// The motor line of a peripheral nerve stimulator's `eval`: threshold and twitch now.
fn motor_line(r: &EvalReport) -> String {
    let motor = r.motor_response.as_ref().map_or("none".to_string(), |m| {
        let how = if m.wanted { "wanted" } else { "unwanted" };
        format!(
            "{} ({how}, {:.0}% of its axons)",
            m.muscle,
            m.recruitment * 100.0
        )
    });
    format!(
        "Motor        threshold {} · twitch now: {motor}",
        r.motor_threshold_ma.map_or(
            "none (no motor axons reached within 25.5 mA)".into(),
            |m| format!("{m:.2} mA")
        )
    )
}

/// Where the paresthesia is felt, strongest first ("none" when nowhere).
fn felt_words(r: &EvalReport) -> String {
    let mut felt: Vec<(&String, &f64)> =
        r.paresthesia.iter().filter(|(_, v)| **v >= 0.05).collect();
    felt.sort_by(|a, b| b.1.total_cmp(a.1));
    if felt.is_empty() {
        return "none".to_string();
    }
    let felt: Vec<String> = felt
        .iter()
        .map(|(k, v)| format!("{k} {:.0}%", *v * 100.0))
        .collect();
    felt.join(", ")
}

/// `eval` as text.
pub(crate) fn eval_text(r: &EvalReport) -> String {
    let mut o = String::new();
    match (&r.nerve, r.distance_mm) {
        (Some(nerve), Some(d)) => {
            let nerve = Nerve::parse(nerve).map_or(nerve.clone(), |n| n.to_string());
            let _ = writeln!(
                o,
                "Patient {} · program '{}' · {} · lead {d:.1} mm from the {nerve} · {}",
                r.patient, r.program, r.waveform, r.posture
            );
        }
        _ => {
            let _ = writeln!(
                o,
                "Patient {} · program '{}' · {} · lead {} {:+.1} mm · {}",
                r.patient, r.program, r.waveform, r.lead_level, r.lateral_mm, r.posture
            );
        }
    }
    let _ = writeln!(
        o,
        "Setting      {} mA · {} µs · {} Hz · contacts {}",
        r.amplitude_ma, r.pulse_width_us, r.rate_hz, r.contacts
    );
    let _ = writeln!(
        o,
        "Delivered    {} mA into {} Ω ({} V of {} V)",
        r.delivered_ma, r.impedance_ohm, r.voltage_v, r.compliance_voltage_v
    );
    let _ = writeln!(
        o,
        "Charge       {} µC/phase · {} µC/cm² (limit 30) · Shannon k {} · contact {} mm²",
        r.charge_per_phase_uc,
        r.max_charge_density_uc_per_cm2,
        r.shannon_k.map_or("–".into(), |k| format!("{k:.2}")),
        r.contact_area_mm2
    );
    let _ = writeln!(
        o,
        "Thresholds   perception {} · discomfort {} · usage range {}",
        opt(r.perception_threshold_ma, "mA"),
        opt(r.discomfort_threshold_ma, "mA"),
        r.usage_range.map_or("–".into(), |u| format!("{u:.2}"))
    );
    if r.implant == "pns" {
        let _ = writeln!(o, "{}", motor_line(r));
    }
    if let Some(uv) = r.ecap_uv {
        let _ = writeln!(
            o,
            "ECAP         threshold {} · slope {} · {uv} µV now",
            opt(r.ecap_threshold_ma, "mA"),
            r.ecap_slope_uv_per_ma
                .map_or("–".into(), |v| format!("{v:.1} µV/mA"))
        );
    }
    let _ = writeln!(o, "Paresthesia  {}", felt_words(r));
    let _ = writeln!(
        o,
        "Coverage     {:.0}% of the pain map",
        r.paresthesia_coverage * 100.0
    );
    let _ = writeln!(
        o,
        "Pain         VAS {:.1} → {:.1} at steady state ({:.0}% relief)",
        r.baseline_vas, r.pain_vas, r.relief_percent
    );
    for e in &r.side_effects {
        let _ = writeln!(o, "Side effect  {e}");
    }
    let _ = writeln!(o, "Patient      \"{}\"", r.patient_says);
    let _ = writeln!(
        o,
        "Battery      {}% · {} days left at these settings",
        r.battery_percent, r.battery_days_left
    );
    for w in &r.warnings {
        let _ = writeln!(o, "WARNING      [{}] {}", w.code, w.message);
    }
    o
}

/// One row of a simulated time series.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct SeriesRow {
    /// Simulated time, s.
    pub t_s: f64,
    /// Current flowing now.
    pub stimulation_on: bool,
    /// Amplitude reaching the tissue, mA.
    pub amplitude_ma: f64,
    /// Overall pain, VAS 0–10.
    pub pain_vas: f64,
    /// Relief, %.
    pub relief_percent: f64,
    /// Strongest paresthesia anywhere (0..1).
    pub paresthesia_intensity: f64,
    /// The ECAP of the closed loop's last update, µV (only in closed loop).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ecap_uv: Option<f64>,
    /// Whether that ECAP lies inside the therapeutic window (between the ECAPs at the
    /// perception and discomfort thresholds; only in closed loop).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub in_window: Option<bool>,
}

impl SeriesRow {
    /// The row of a view of the session now.
    pub fn of(v: &View) -> SeriesRow {
        SeriesRow {
            t_s: round(v.t_s, 3),
            stimulation_on: v.delivered_ma > 0.0,
            amplitude_ma: round(v.delivered_ma, 2),
            pain_vas: round(v.pain.vas, 2),
            relief_percent: round(v.pain.relief_percent, 1),
            paresthesia_intensity: round(
                v.response
                    .perception
                    .paresthesia
                    .iter()
                    .copied()
                    .fold(0.0, f64::max),
                3,
            ),
            ecap_uv: None,
            in_window: None,
        }
    }
}
