//! What `scs-sim eval` and `simulate` print: one stable, serialisable shape shared by the
//! command line, the GUI and tests.

pub mod pump;

use crate::device::safety::{COMPLIANCE_V, Warning};
use crate::patient::anatomy::REGIONS;
use crate::session::Session;
use crate::session::view::View;
use serde::Serialize;
use std::collections::BTreeMap;

/// Rounds to `digits` decimals so printed figures are stable and readable.
fn round(x: f64, digits: i32) -> f64 {
    let f = 10f64.powi(digits);
    (x * f).round() / f
}

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
    /// The steady state of the session's present settings (`None`: not a stimulator).
    pub fn steady(session: &Session) -> Option<EvalReport> {
        EvalReport::from_view(session, &session.steady_view())
    }

    /// A report of `view` (taken from `session`; `None`: not a stimulator).
    pub fn from_view(session: &Session, view: &View) -> Option<EvalReport> {
        let d = session.device()?;
        let safety = view.safety.as_ref()?;
        let p = d.program();
        let s = &p.settings;
        let c = &safety.charge;
        let paresthesia = REGIONS
            .iter()
            .zip(view.response.perception.paresthesia)
            .filter(|(_, v)| *v >= 0.01)
            .map(|(r, v)| (r.name.to_string(), round(v, 2)))
            .collect();
        let baseline = crate::patient::baseline_vas(&session.patient);
        let lead = d.placements.first();
        let site = d.nerve_leads.first().map(|l| l.site);
        let motor_response = session
            .nerve_reading(view.delivered_ma)
            .and_then(|r| r.motor)
            .map(|m| MotorReport {
                muscle: m.muscle.words.to_string(),
                wanted: m.muscle.wanted,
                recruitment: round(m.recruitment, 2),
            });
        Some(EvalReport {
            patient: session.patient.id.clone(),
            program: p.name.clone(),
            amplitude_ma: s.amplitude_ma,
            delivered_ma: round(view.delivered_ma, 2),
            pulse_width_us: s.pulse_width_us,
            rate_hz: s.rate_hz,
            waveform: s.waveform.name().to_string(),
            contacts: d.contacts_code(),
            lead_level: lead.map_or(String::new(), |l| l.level.name().to_string()),
            lateral_mm: lead.map_or(0.0, |l| l.lateral_mm),
            posture: session.patient.posture.name().to_string(),
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
            implant: session.implant().kind().name().to_string(),
            nerve: site.map(|s| s.nerve.name().to_string()),
            distance_mm: site.map(|s| s.distance_mm),
            motor_threshold_ma: session.motor_threshold(),
            motor_response,
        })
    }
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
}

impl SeriesRow {
    /// The row for the session as it is now.
    pub fn now(session: &Session) -> SeriesRow {
        let v = session.view();
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
        }
    }
}
