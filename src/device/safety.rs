//! Charge, charge density, Shannon k, compliance: the checks a clinician programmer makes.

use super::impedance::Impedances;
use super::lead::{Electrodes, contact_area_mm2};
use super::program::{Program, Settings};
use serde::{Deserialize, Serialize};

/// Charge density above which programmers warn, µC/cm² per phase.
pub const CHARGE_DENSITY_LIMIT: f64 = 30.0;
/// Shannon k at and above which tissue damage is possible.
pub const SHANNON_K_LIMIT: f64 = 1.85;
/// Highest voltage the current sources can produce, V.
pub const COMPLIANCE_V: f64 = 12.0;
/// Chronic peripheral nerve stimulation is considered safe below about this rate, Hz
/// (Günter, Delbeke & Ortiz-Catalan 2019).
pub const NERVE_SAFE_RATE_HZ: f64 = 30.0;
/// … and below about this share of time on (cycling), (same source).
pub const NERVE_SAFE_ON_SHARE: f64 = 0.5;

/// The advisory warning for chronic peripheral nerve stimulation at these settings, if
/// the rate or the time on is above what is considered safe (a warning, not a refusal).
pub fn nerve_duty_warning(settings: &Settings) -> Option<Warning> {
    let on = settings
        .cycling
        .map_or(1.0, |c| c.on_s / (c.on_s + c.off_s));
    let rate = settings.rate_hz;
    (rate > NERVE_SAFE_RATE_HZ + 1e-9 || on > NERVE_SAFE_ON_SHARE + 1e-9).then(|| {
        Warning::new(
            WarningCode::NerveDuty,
            format!(
                "Peripheral nerve: chronic stimulation is considered safe below about {NERVE_SAFE_RATE_HZ} Hz and {:.0} % on-time; now {rate} Hz, {:.0} % on (cycling lowers it)",
                NERVE_SAFE_ON_SHARE * 100.0,
                on * 100.0
            ),
        )
    })
}

/// What a warning is about; serialized as a stable snake_case code for scripts
/// (`charge_density`, `compliance`, …).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum WarningCode {
    /// A contact in use reads an open or short circuit.
    Impedance,
    /// The contacts do not make a circuit.
    Configuration,
    /// Charge density above the limit at the programmed amplitude.
    ChargeDensity,
    /// Shannon's k at or above the damage line.
    Shannon,
    /// The patient's window reaches above the charge-density limit.
    WindowChargeDensity,
    /// The current needs more voltage than the device has.
    Compliance,
    /// Above the patient's discomfort threshold.
    Discomfort,
    /// Battery low or empty.
    Battery,
    /// MRI mode on.
    Mri,
    /// Remote telemetry not connected.
    Link,
    /// Peripheral nerve stimulation above about 30 Hz or 50 % on-time, beyond what is
    /// considered safe for chronic nerve stimulation (advisory, not graded).
    NerveDuty,
    /// A drug pump's refill put drug outside the reservoir: into the tissue pocket (a
    /// pocket fill) or straight into the catheter through its access port.
    MisplacedInjection,
    /// A closed loop wanted a current beyond the clinician's limits at its last update:
    /// out of compliance, the ECAP is not held (advisory, not graded).
    LoopLimit,
}

impl WarningCode {
    /// Whether the warning is about the patient's safety (what grading counts against).
    pub fn is_safety(self) -> bool {
        matches!(
            self,
            WarningCode::ChargeDensity
                | WarningCode::Shannon
                | WarningCode::Compliance
                | WarningCode::Discomfort
                | WarningCode::WindowChargeDensity
                | WarningCode::MisplacedInjection
        )
    }

    /// Whether raising the amplitude must stop here: a safety warning about what is
    /// delivered now (the patient window's reach is not; the ramp and the expert's
    /// titration both stop on these).
    pub fn stops_titration(self) -> bool {
        self.is_safety() && self != WarningCode::WindowChargeDensity
    }
}

impl std::fmt::Display for WarningCode {
    /// The stable code, as in JSON.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            WarningCode::Impedance => "impedance",
            WarningCode::Configuration => "configuration",
            WarningCode::ChargeDensity => "charge_density",
            WarningCode::Shannon => "shannon",
            WarningCode::WindowChargeDensity => "window_charge_density",
            WarningCode::Compliance => "compliance",
            WarningCode::Discomfort => "discomfort",
            WarningCode::Battery => "battery",
            WarningCode::Mri => "mri",
            WarningCode::Link => "link",
            WarningCode::NerveDuty => "nerve_duty",
            WarningCode::MisplacedInjection => "misplaced_injection",
            WarningCode::LoopLimit => "loop_limit",
        })
    }
}

/// A warning in the device's words, with a stable code for scripts.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Warning {
    /// What the warning is about (a stable code in JSON).
    pub code: WarningCode,
    /// What a real programmer or remote would say.
    pub message: String,
}

impl Warning {
    /// A warning with this code and message.
    pub fn new(code: WarningCode, message: impl Into<String>) -> Warning {
        Warning {
            code,
            message: message.into(),
        }
    }
}

/// Charge figures of one setting on one configuration.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Charge {
    /// Total cathodic charge per phase, µC.
    pub per_phase_uc: f64,
    /// Highest charge per phase on any single contact, µC.
    pub max_contact_uc: f64,
    /// Highest charge density on any contact, µC/cm² per phase.
    pub max_density_uc_per_cm2: f64,
    /// Shannon's k for the most loaded contact (−∞ at zero charge).
    pub shannon_k: f64,
}

/// Charge per phase and density for `amplitude_ma` at these settings and contacts.
pub fn charge(amplitude_ma: f64, settings: &Settings, electrodes: &Electrodes) -> Charge {
    charge_on(amplitude_ma, settings, electrodes, &[contact_area_mm2()])
}

/// [`charge`] on leads whose contacts have these areas (mm², one per lead; the last
/// stands for any lead past the end).
pub fn charge_on(
    amplitude_ma: f64,
    settings: &Settings,
    electrodes: &Electrodes,
    areas_mm2: &[f64],
) -> Charge {
    let per_phase_uc = amplitude_ma * settings.pulse_width_us * 1e-3;
    let area = |lead: usize| {
        areas_mm2
            .get(lead)
            .or(areas_mm2.last())
            .copied()
            .unwrap_or_else(contact_area_mm2)
    };
    let active = electrodes.active();
    let max_share = active.iter().map(|c| c.fraction).fold(0.0, f64::max);
    let max_contact_uc = per_phase_uc * max_share;
    let max_density_uc_per_cm2 = active
        .iter()
        .map(|c| per_phase_uc * c.fraction / (area(c.lead) / 100.0))
        .fold(0.0, f64::max);
    let shannon_k = max_density_uc_per_cm2.log10() + max_contact_uc.log10();
    Charge {
        per_phase_uc,
        max_contact_uc,
        max_density_uc_per_cm2,
        shannon_k,
    }
}

/// Every safety figure of a program as the device would run it.
#[derive(Clone, Debug, PartialEq)]
pub struct SafetyReport {
    /// Charge figures at the programmed amplitude.
    pub charge: Charge,
    /// Effective load, Ω.
    pub impedance_ohm: f64,
    /// Voltage the set current needs, V.
    pub voltage_v: f64,
    /// Warnings in device wording.
    pub warnings: Vec<Warning>,
}

/// Checks a program against the soft limits: charge density, Shannon, compliance,
/// impedance faults, and the patient window's reach.
pub fn assess(program: &Program, impedances: &Impedances) -> SafetyReport {
    assess_on(program, impedances, &[contact_area_mm2()])
}

/// [`assess`] on leads whose contacts have these areas (mm², one per lead).
pub fn assess_on(program: &Program, impedances: &Impedances, areas_mm2: &[f64]) -> SafetyReport {
    let s = &program.settings;
    let mut warnings = Vec::new();
    for f in impedances.faults() {
        if program
            .electrodes
            .leads
            .get(f.lead)
            .is_some_and(|l| l[f.contact] != super::lead::Polarity::Off)
        {
            warnings.push(Warning::new(
                WarningCode::Impedance,
                format!(
                    "Check lead: electrode {} on lead {} reads {:.0} Ω ({}); it has been disabled",
                    f.contact,
                    f.lead + 1,
                    impedances.ohm(f.lead, f.contact),
                    f.fault.describe()
                ),
            ));
        }
    }
    let usable = impedances.usable(&program.electrodes);
    if let Err(why) = program.electrodes.validate() {
        warnings.push(Warning::new(
            WarningCode::Configuration,
            format!("Incomplete configuration: {why}"),
        ));
    } else if usable.is_none() {
        warnings.push(Warning::new(
            WarningCode::Impedance,
            "Electrode disconnected: no complete circuit is left, stimulation cannot be delivered",
        ));
    }
    let electrodes = usable.as_ref().unwrap_or(&program.electrodes);
    let charge = charge_on(s.amplitude_ma, s, electrodes, areas_mm2);
    if charge.max_density_uc_per_cm2 > CHARGE_DENSITY_LIMIT + 1e-9 {
        warnings.push(Warning::new(
            WarningCode::ChargeDensity,
            format!(
                "Charge density limit reached: {:.1} µC/cm² per phase is above {CHARGE_DENSITY_LIMIT} µC/cm²",
                charge.max_density_uc_per_cm2
            ),
        ));
    }
    if charge.shannon_k >= SHANNON_K_LIMIT {
        warnings.push(Warning::new(
            WarningCode::Shannon,
            format!("Shannon limit reached: k = {:.2} (tissue damage possible at k ≥ {SHANNON_K_LIMIT})", charge.shannon_k),
        ));
    }
    let window_max =
        charge_on(program.window.max_ma, s, electrodes, areas_mm2).max_density_uc_per_cm2;
    if window_max > CHARGE_DENSITY_LIMIT + 1e-9 {
        warnings.push(Warning::new(
            WarningCode::WindowChargeDensity,
            format!(
                "With present settings, the patient could exceed the charge density limit with the remote control ({:.1} µC/cm² at {} mA)",
                window_max, program.window.max_ma
            ),
        ));
    }
    let impedance_ohm = impedances.load_ohm(electrodes);
    let voltage_v = s.amplitude_ma * 1e-3 * impedance_ohm;
    if voltage_v > COMPLIANCE_V {
        warnings.push(Warning::new(
            WarningCode::Compliance,
            format!(
                "Out of compliance: {} mA into {impedance_ohm:.0} Ω needs {voltage_v:.1} V, the stimulator delivers at most {COMPLIANCE_V} V",
                s.amplitude_ma
            ),
        ));
    }
    SafetyReport {
        charge,
        impedance_ohm,
        voltage_v,
        warnings,
    }
}

/// Highest amplitude, mA, the device can drive into this load before losing compliance.
pub fn compliance_limit_ma(impedance_ohm: f64) -> f64 {
    COMPLIANCE_V / impedance_ohm * 1e3
}
