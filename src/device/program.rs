//! Stimulation settings, programs and the patient's amplitude window.

use super::lead::Electrodes;
use serde::{Deserialize, Serialize};
use std::fmt;

/// Highest amplitude the pulse generator delivers, mA.
pub const MAX_AMPLITUDE_MA: f64 = 25.5;
/// Amplitude resolution, mA.
pub const AMPLITUDE_STEP_MA: f64 = 0.1;
/// Pulse-width resolution, µs.
pub const PULSE_WIDTH_STEP_US: f64 = 10.0;
/// Programs one pulse generator stores.
pub const MAX_PROGRAMS: usize = 4;

/// The shape of stimulation a program delivers.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, Default)]
pub enum Waveform {
    /// Conventional paresthesia-based stimulation, one biphasic pulse per period.
    #[default]
    Tonic,
    /// Bursts of pulses (De Ridder), passively recharged between bursts.
    Burst,
    /// 1–10 kHz paresthesia-free stimulation.
    HighFrequency,
}

impl Waveform {
    /// Every waveform, in the order a programmer lists them.
    pub const ALL: [Waveform; 3] = [Waveform::Tonic, Waveform::Burst, Waveform::HighFrequency];

    /// The command-line name (`tonic`, `burst`, `high-frequency`).
    pub fn name(self) -> &'static str {
        match self {
            Waveform::Tonic => "tonic",
            Waveform::Burst => "burst",
            Waveform::HighFrequency => "high-frequency",
        }
    }

    /// Parses a command-line name.
    pub fn parse(text: &str) -> Result<Waveform, UnknownWaveform> {
        Waveform::ALL
            .into_iter()
            .find(|w| w.name() == text.trim().to_ascii_lowercase())
            .ok_or_else(|| UnknownWaveform(text.to_string()))
    }

    /// Inclusive limits of (pulse width µs, rate Hz) for this waveform; for burst the rate
    /// is the burst repetition rate.
    pub fn limits(self) -> ((f64, f64), (f64, f64)) {
        match self {
            Waveform::Tonic => ((20.0, 1000.0), (2.0, 1200.0)),
            Waveform::Burst => ((100.0, 1000.0), (1.0, 100.0)),
            Waveform::HighFrequency => ((20.0, 60.0), (1000.0, 10_000.0)),
        }
    }

    /// Gap between the cathodic and the recharge phase, µs (burst recharges passively).
    pub fn interphase_us(self) -> f64 {
        match self {
            Waveform::Tonic => 20.0,
            Waveform::Burst => 0.0,
            Waveform::HighFrequency => 10.0,
        }
    }

    /// Settings a new program of this waveform starts from (amplitude 0, as on real devices).
    pub fn defaults(self) -> Settings {
        let (pulse_width_us, rate_hz) = match self {
            Waveform::Tonic => (300.0, 50.0),
            Waveform::Burst => (1000.0, 40.0),
            Waveform::HighFrequency => (30.0, 10_000.0),
        };
        Settings {
            waveform: self,
            pulse_width_us,
            rate_hz,
            ..Settings::default()
        }
    }
}

impl fmt::Display for Waveform {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A waveform name that is none of [`Waveform::ALL`], as given.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("unknown waveform '{0}' (expected tonic, burst or high-frequency)")]
pub struct UnknownWaveform(pub String);

/// Therapy on for `on_s`, off for `off_s`, repeated.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Cycling {
    /// Seconds on.
    pub on_s: f64,
    /// Seconds off.
    pub off_s: f64,
}

/// Shortest and longest cycling phase, s.
pub const CYCLING_LIMITS_S: (f64, f64) = (1.0, 7200.0);
/// Longest soft-start ramp, s.
pub const MAX_SOFT_START_S: f64 = 30.0;

/// Everything that shapes the pulse train of one program.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Settings {
    /// Tonic, burst or high frequency.
    pub waveform: Waveform,
    /// Cathodic amplitude, mA (0–25.5 in 0.1 mA steps).
    pub amplitude_ma: f64,
    /// Width of one cathodic phase, µs.
    pub pulse_width_us: f64,
    /// Pulse rate (tonic, high frequency) or burst repetition rate (burst), Hz.
    pub rate_hz: f64,
    /// Pulses in one burst.
    pub burst_pulses: u32,
    /// Pulse rate inside a burst, Hz.
    pub burst_rate_hz: f64,
    /// Optional on/off cycling.
    pub cycling: Option<Cycling>,
    /// Seconds over which the amplitude ramps up when stimulation starts.
    pub soft_start_s: f64,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            waveform: Waveform::Tonic,
            amplitude_ma: 0.0,
            pulse_width_us: 300.0,
            rate_hz: 50.0,
            burst_pulses: 5,
            burst_rate_hz: 500.0,
            cycling: None,
            soft_start_s: 0.0,
        }
    }
}

/// A problem with one field: which field, and what is wrong, in one sentence.
#[derive(Clone, Debug, PartialEq)]
pub struct FieldProblem {
    /// The field's name as it appears in files and flags, e.g. `pulse_width_us`.
    pub field: &'static str,
    /// What is wrong.
    pub message: String,
}

fn check_range(
    out: &mut Vec<FieldProblem>,
    field: &'static str,
    what: &str,
    value: f64,
    lo: f64,
    hi: f64,
    unit: &str,
) {
    if !value.is_finite() || value < lo || value > hi {
        out.push(FieldProblem {
            field,
            message: format!("{what} {value} {unit} is outside {lo}–{hi} {unit}"),
        });
    }
}

/// Rounds a value to the device's resolution; -0 becomes 0 (a device never shows "-0 mA").
pub fn snap(value: f64, step: f64) -> f64 {
    ((value / step).round() * step * 1e6).round() / 1e6 + 0.0
}

impl Settings {
    /// The period between pulses (tonic, high frequency) or bursts (burst), s.
    pub fn period_s(&self) -> f64 {
        1.0 / self.rate_hz
    }

    /// Every hard-limit problem with these settings: device ranges and pulses that do not
    /// fit their period. Empty means the device accepts them.
    pub fn problems(&self) -> Vec<FieldProblem> {
        let mut out = Vec::new();
        let ((pw_lo, pw_hi), (rate_lo, rate_hi)) = self.waveform.limits();
        let w = self.waveform.name();
        check_range(
            &mut out,
            "amplitude_ma",
            "amplitude",
            self.amplitude_ma,
            0.0,
            MAX_AMPLITUDE_MA,
            "mA",
        );
        check_range(
            &mut out,
            "pulse_width_us",
            &format!("{w} pulse width"),
            self.pulse_width_us,
            pw_lo,
            pw_hi,
            "µs",
        );
        check_range(
            &mut out,
            "rate_hz",
            &format!("{w} rate"),
            self.rate_hz,
            rate_lo,
            rate_hi,
            "Hz",
        );
        check_range(
            &mut out,
            "soft_start_s",
            "soft start",
            self.soft_start_s,
            0.0,
            MAX_SOFT_START_S,
            "s",
        );
        if let Some(c) = self.cycling {
            let (lo, hi) = CYCLING_LIMITS_S;
            check_range(&mut out, "cycling", "cycling on time", c.on_s, lo, hi, "s");
            check_range(
                &mut out,
                "cycling",
                "cycling off time",
                c.off_s,
                lo,
                hi,
                "s",
            );
        }
        // Burst settings are kept with every program (a switch to burst starts from its
        // defaults, a program file may carry them), so they are checked whatever the
        // waveform: a NaN or an infinity is never stored.
        {
            if !(2..=10).contains(&self.burst_pulses) {
                out.push(FieldProblem {
                    field: "burst_pulses",
                    message: format!("{} pulses per burst is outside 2–10", self.burst_pulses),
                });
            }
            check_range(
                &mut out,
                "burst_rate_hz",
                "intra-burst rate",
                self.burst_rate_hz,
                200.0,
                1000.0,
                "Hz",
            );
        }
        if out.is_empty() {
            self.check_fit(&mut out);
        }
        out
    }

    fn check_fit(&self, out: &mut Vec<FieldProblem>) {
        let pw_s = self.pulse_width_us * 1e-6;
        match self.waveform {
            Waveform::Tonic | Waveform::HighFrequency => {
                let needed_us = 2.0 * self.pulse_width_us + self.waveform.interphase_us();
                if needed_us > self.period_s() * 1e6 + 1e-6 {
                    out.push(FieldProblem {
                        field: "pulse_width_us",
                        message: format!(
                            "a {} µs biphasic pulse needs {needed_us} µs, more than the {:.0} µs between pulses at {} Hz; lower the rate or the pulse width",
                            self.pulse_width_us,
                            self.period_s() * 1e6,
                            self.rate_hz
                        ),
                    });
                }
            }
            Waveform::Burst => {
                let intra_period = 1.0 / self.burst_rate_hz;
                if pw_s > intra_period * 0.999_999 {
                    out.push(FieldProblem {
                        field: "pulse_width_us",
                        message: format!(
                            "a {} µs pulse does not fit the {:.0} µs between pulses in a burst at {} Hz",
                            self.pulse_width_us,
                            intra_period * 1e6,
                            self.burst_rate_hz
                        ),
                    });
                }
                let burst_s = f64::from(self.burst_pulses) * intra_period;
                if burst_s > 0.8 * self.period_s() {
                    out.push(FieldProblem {
                        field: "rate_hz",
                        message: format!(
                            "a burst of {} pulses lasts {:.1} ms, too long for bursts every {:.1} ms (passive recharge needs the rest); lower the burst rate",
                            self.burst_pulses,
                            burst_s * 1e3,
                            self.period_s() * 1e3
                        ),
                    });
                }
            }
        }
    }

    /// The same settings rounded to the device's resolution (0.1 mA, 10 µs, 0.1 Hz).
    pub fn snapped(mut self) -> Settings {
        self.amplitude_ma = snap(self.amplitude_ma, AMPLITUDE_STEP_MA);
        self.pulse_width_us = snap(self.pulse_width_us, PULSE_WIDTH_STEP_US);
        self.rate_hz = snap(self.rate_hz, 0.1);
        self
    }

    /// Fraction of time the battery drives current while pulses run (both active phases).
    pub fn pulse_duty(&self) -> f64 {
        let pw_s = self.pulse_width_us * 1e-6;
        match self.waveform {
            Waveform::Tonic | Waveform::HighFrequency => 2.0 * pw_s * self.rate_hz,
            // Passive recharge is drawn from the coupling capacitor, not the battery.
            Waveform::Burst => pw_s * f64::from(self.burst_pulses) * self.rate_hz,
        }
    }

    /// Average duty including cycling: what sets the battery's days left.
    pub fn duty(&self) -> f64 {
        self.pulse_duty() * self.cycling.map_or(1.0, |c| c.on_s / (c.on_s + c.off_s))
    }
}

/// The amplitude range the clinician lets the patient reach with the remote, mA.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PatientWindow {
    /// Lowest amplitude the remote may set, mA.
    pub min_ma: f64,
    /// Highest amplitude the remote may set, mA.
    pub max_ma: f64,
}

impl PatientWindow {
    /// Problems with the window itself (order, device range).
    pub fn problems(&self) -> Vec<FieldProblem> {
        let mut out = Vec::new();
        check_range(
            &mut out,
            "patient_window",
            "patient minimum",
            self.min_ma,
            0.0,
            MAX_AMPLITUDE_MA,
            "mA",
        );
        check_range(
            &mut out,
            "patient_window",
            "patient maximum",
            self.max_ma,
            0.0,
            MAX_AMPLITUDE_MA,
            "mA",
        );
        if out.is_empty() && self.min_ma > self.max_ma {
            out.push(FieldProblem {
                field: "patient_window",
                message: format!(
                    "patient minimum {} mA is above the maximum {} mA",
                    self.min_ma, self.max_ma
                ),
            });
        }
        out
    }
}

/// What the clinician recorded with a program: measured thresholds and the paresthesia map.
#[derive(Clone, Debug, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Notes {
    /// Perception threshold the clinician marked, mA.
    pub measured_pt_ma: Option<f64>,
    /// Discomfort threshold the clinician marked, mA.
    pub measured_dt_ma: Option<f64>,
    /// Motor threshold the clinician marked (peripheral nerve stimulation), mA.
    pub measured_mt_ma: Option<f64>,
    /// Where the patient felt the tingling: region → intensity (0..1).
    pub paresthesia_map: Vec<(String, f64)>,
    /// What the patient said when the map was made.
    pub patient_words: Option<String>,
}

/// One stored program: a name, its settings, its electrodes and the patient's window.
#[derive(Clone, Debug, PartialEq)]
pub struct Program {
    /// Name shown on the remote, e.g. "Back & legs".
    pub name: String,
    /// Pulse-train settings.
    pub settings: Settings,
    /// Contact configuration.
    pub electrodes: Electrodes,
    /// What the patient may do with the remote.
    pub window: PatientWindow,
    /// How far one press of the remote's up/down moves the amplitude, mA.
    pub step_ma: f64,
    /// Thresholds and paresthesia map recorded by the clinician.
    pub notes: Notes,
    /// Closed loop: the ECAP target, gain, update rate and limits (`None`: open loop, the
    /// amplitude held as set).
    pub closed_loop: Option<crate::device::closed_loop::LoopSettings>,
    /// What the patient did to closed loop on the remote (off, target moved).
    pub patient_loop: crate::device::closed_loop::PatientLoop,
}

/// Longest program name shown on a remote's screen.
pub const MAX_NAME_CHARS: usize = 16;

impl Program {
    /// The closed loop that runs: the clinician's settings with the patient's target
    /// steps, unless the patient turned it off (`None`: open loop).
    pub fn running_loop(&self) -> Option<crate::device::closed_loop::LoopSettings> {
        self.closed_loop
            .filter(|_| !self.patient_loop.off)
            .map(|l| l.moved(self.patient_loop.steps))
    }

    /// Every hard-limit problem of this program (settings, window, step, name, electrodes).
    pub fn problems(&self) -> Vec<FieldProblem> {
        let mut out = self.settings.problems();
        out.extend(self.window.problems());
        let name_len = self.name.trim().chars().count();
        if name_len == 0 || name_len > MAX_NAME_CHARS {
            out.push(FieldProblem {
                field: "name",
                message: format!(
                    "program name '{}' must have 1–{MAX_NAME_CHARS} characters",
                    crate::files::shorten(&self.name)
                ),
            });
        }
        if !self.step_ma.is_finite() || !(0.1 - 1e-9..=1.0 + 1e-9).contains(&self.step_ma) {
            out.push(FieldProblem {
                field: "step_ma",
                message: format!("remote step {} mA is outside 0.1–1 mA", self.step_ma),
            });
        }
        if let Err(e) = self.electrodes.validate() {
            out.push(FieldProblem {
                field: "contacts",
                message: e.to_string(),
            });
        }
        out
    }
}
