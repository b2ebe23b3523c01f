//! Programs as files store them (`assets/programs/*.ron`), and their conversion to and
//! from the device's [`Program`].

use super::lead::Electrodes;
use super::program::{Cycling, Notes, PatientWindow, Program, Settings, Waveform};
use crate::files::{self, FORMAT_VERSION, FileError, Located};
use serde::{Deserialize, Serialize};
use std::path::Path;

fn current_version() -> u32 {
    FORMAT_VERSION
}
fn default_burst_pulses() -> u32 {
    5
}
fn default_burst_rate() -> f64 {
    500.0
}
fn default_step() -> f64 {
    0.1
}

/// A program as written in RON. Missing optional fields take the defaults noted.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename = "Program")]
pub struct ProgramSpec {
    /// File format version (may be left out inside a patient file).
    #[serde(default = "current_version")]
    pub version: u32,
    /// Name shown on the remote (1–16 characters).
    pub name: String,
    /// `Tonic`, `Burst` or `HighFrequency`.
    pub waveform: Waveform,
    /// Amplitude, mA (new programs start at 0).
    #[serde(default)]
    pub amplitude_ma: f64,
    /// Pulse width, µs.
    pub pulse_width_us: f64,
    /// Pulse rate, or burst repetition rate for burst, Hz.
    pub rate_hz: f64,
    /// Pulses per burst (default 5).
    #[serde(default = "default_burst_pulses")]
    pub burst_pulses: u32,
    /// Intra-burst pulse rate, Hz (default 500).
    #[serde(default = "default_burst_rate")]
    pub burst_rate_hz: f64,
    /// Contacts, one character per contact: `+`, `-`, `0`; a second lead after `/`.
    pub contacts: String,
    /// The case is an anode (default false).
    #[serde(default)]
    pub case_anode: bool,
    /// Current per contact in percent, one row per lead (default: equal shares).
    #[serde(default)]
    pub fractions: Option<Vec<Vec<f64>>>,
    /// The case's percentage of the anodic current, when it is an anode with `fractions`.
    #[serde(default)]
    pub case_percent: Option<f64>,
    /// On/off cycling (default none).
    #[serde(default)]
    pub cycling: Option<Cycling>,
    /// Soft-start ramp, s (default 0).
    #[serde(default)]
    pub soft_start_s: f64,
    /// Amplitude range the patient may reach with the remote.
    pub patient_window: PatientWindow,
    /// Remote step, mA (default 0.1).
    #[serde(default = "default_step")]
    pub step_ma: f64,
    /// Thresholds and paresthesia map the clinician recorded (default none).
    #[serde(default)]
    pub notes: Notes,
    /// Closed loop (default none: open loop).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub closed_loop: Option<crate::device::closed_loop::LoopSettings>,
}

impl ProgramSpec {
    /// Builds the device program, or every problem found as (field, message).
    pub fn to_program(&self) -> Result<Program, Vec<(&'static str, String)>> {
        let mut problems = Vec::new();
        let electrodes = match Electrodes::parse(&self.contacts, self.case_anode) {
            Ok(mut e) => {
                if self.fractions.is_some() || self.case_percent.is_some() {
                    let rows = self.fractions.clone().unwrap_or_default();
                    if let Err(e) = e.set_percentages(&rows, self.case_percent) {
                        problems.push(("fractions", e.to_string()));
                    }
                }
                Some(e)
            }
            Err(e) => {
                problems.push(("contacts", e.to_string()));
                None
            }
        };
        let settings = Settings {
            waveform: self.waveform,
            amplitude_ma: self.amplitude_ma,
            pulse_width_us: self.pulse_width_us,
            rate_hz: self.rate_hz,
            burst_pulses: self.burst_pulses,
            burst_rate_hz: self.burst_rate_hz,
            cycling: self.cycling,
            soft_start_s: self.soft_start_s,
        };
        let Some(electrodes) = electrodes else {
            problems.extend(
                settings
                    .problems()
                    .into_iter()
                    .map(|p| (p.field, p.message)),
            );
            return Err(problems);
        };
        let program = Program {
            name: self.name.clone(),
            settings: settings.snapped(),
            electrodes,
            window: self.patient_window,
            step_ma: self.step_ma,
            notes: self.notes.clone(),
            closed_loop: self.closed_loop,
            patient_loop: Default::default(),
        };
        problems.extend(program.problems().into_iter().map(|p| (p.field, p.message)));
        if problems.is_empty() {
            Ok(program)
        } else {
            Err(problems)
        }
    }

    /// The file form of a device program.
    pub fn from_program(p: &Program) -> ProgramSpec {
        let e = &p.electrodes;
        let equal = Electrodes::equal_split(e.leads.clone(), e.case_anode);
        let custom = *e != equal;
        let active = e.active();
        let fractions = custom.then(|| {
            e.leads
                .iter()
                .enumerate()
                .map(|(lead, contacts)| {
                    (0..contacts.len())
                        .map(|k| {
                            active
                                .iter()
                                .find(|c| c.lead == lead && c.contact == k)
                                .map_or(0.0, |c| (c.fraction * 1000.0).round() / 10.0)
                        })
                        .collect()
                })
                .collect()
        });
        ProgramSpec {
            version: FORMAT_VERSION,
            name: p.name.clone(),
            waveform: p.settings.waveform,
            amplitude_ma: p.settings.amplitude_ma,
            pulse_width_us: p.settings.pulse_width_us,
            rate_hz: p.settings.rate_hz,
            burst_pulses: p.settings.burst_pulses,
            burst_rate_hz: p.settings.burst_rate_hz,
            contacts: e.to_code(),
            case_anode: e.case_anode,
            fractions,
            case_percent: (custom && e.case_anode)
                .then(|| (e.case_fraction() * 1000.0).round() / 10.0),
            cycling: p.settings.cycling,
            soft_start_s: p.settings.soft_start_s,
            patient_window: p.window,
            step_ma: p.step_ma,
            notes: p.notes.clone(),
            closed_loop: p.closed_loop,
        }
    }
}

/// Turns (field, message) problems into located ones, looking up the `nth` occurrence of
/// each field in `text` (programs inside a patient file are the nth of several).
pub fn locate_all(text: &str, nth: usize, problems: Vec<(&'static str, String)>) -> Vec<Located> {
    problems
        .into_iter()
        .map(|(field, message)| files::locate(text, field, nth, message))
        .collect()
}

/// Parses and validates a program file's text.
pub fn parse_program(path: &Path, text: &str) -> Result<Program, FileError> {
    let spec: ProgramSpec = files::parse_ron(path, text)?;
    spec.to_program().map_err(|problems| FileError::Invalid {
        path: path.to_path_buf(),
        problems: locate_all(text, 0, problems),
    })
}

/// Loads and validates a program file.
pub fn load_program(path: &Path) -> Result<Program, FileError> {
    let text = files::read_text(path)?;
    parse_program(path, &text)
}

/// Saves a program atomically.
pub fn save_program(path: &Path, program: &Program) -> Result<(), FileError> {
    files::save_ron(path, &ProgramSpec::from_program(program))
}

/// (name, file text) of the example programs, compiled in so they work from any directory.
pub const BUILT_IN_PROGRAMS: [(&str, &str); 4] = [
    (
        "tonic-guarded",
        include_str!("../../assets/programs/tonic-guarded.ron"),
    ),
    ("burst", include_str!("../../assets/programs/burst.ron")),
    (
        "high-frequency-10k",
        include_str!("../../assets/programs/high-frequency-10k.ron"),
    ),
    (
        "cycling-monopolar",
        include_str!("../../assets/programs/cycling-monopolar.ron"),
    ),
];

/// A program spec by built-in name or file path.
pub fn find_program_spec(name: &str) -> Result<ProgramSpec, FileError> {
    if let Some((n, text)) = BUILT_IN_PROGRAMS.iter().find(|(n, _)| *n == name) {
        let path = Path::new(n);
        let spec: ProgramSpec = files::parse_ron(path, text)?;
        return Ok(spec);
    }
    let path = Path::new(name);
    if !path.exists() {
        let names: Vec<&str> = BUILT_IN_PROGRAMS.iter().map(|(n, _)| *n).collect();
        return Err(FileError::whole(
            path,
            format!(
                "no such program file (built-in programs: {}; or give the path of a program .ron file)",
                names.join(", ")
            ),
        ));
    }
    let text = files::read_text(path)?;
    parse_program(path, &text)?;
    files::parse_ron(path, &text)
}
