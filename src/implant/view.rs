//! What there is to show of an implant in a patient at one moment: what the device
//! delivers, what the patient feels and says, and every alert in device wording.

use crate::device::safety::{SafetyReport, Warning};
use crate::patient::{Pain, Patient, Response};
use crate::remote::Link;

/// Everything worth showing about a session at one moment.
#[derive(Clone, Debug, PartialEq)]
pub struct View {
    /// Simulated time, s.
    pub t_s: f64,
    /// Current reaching the tissue now, mA.
    pub delivered_ma: f64,
    /// Perception, gate targets, coverage.
    pub response: Response,
    /// Pain now.
    pub pain: Pain,
    /// What the patient says.
    pub speech: String,
    /// Perception threshold, mA.
    pub pt_ma: Option<f64>,
    /// Discomfort threshold, mA.
    pub dt_ma: Option<f64>,
    /// Safety figures of the running program (`None` for an implant that delivers no
    /// charge: a drug pump).
    pub safety: Option<SafetyReport>,
    /// Alerts for the remote's screen and the programmer, most serious first.
    pub alerts: Vec<Warning>,
}

/// Where a view is taken: the patient, the remote's link and the moment.
#[derive(Clone, Copy)]
pub struct Scene<'a> {
    /// The person.
    pub patient: &'a Patient,
    /// The patient remote's telemetry link.
    pub link: Link,
    /// Simulated time, s.
    pub t_s: f64,
}
