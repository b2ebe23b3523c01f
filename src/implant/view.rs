//! What there is to show of an implant in a patient at one moment: what the device
//! delivers, what the patient feels and says, and every alert in device wording.

use super::Implant;
use crate::device::safety::{SafetyReport, Warning, WarningCode};
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

/// Where a view is taken: the implant in the patient, the remote's link and the moment.
#[derive(Clone, Copy)]
pub struct Scene<'a> {
    /// What is implanted.
    pub implant: &'a Implant,
    /// The person.
    pub patient: &'a Patient,
    /// The patient remote's telemetry link.
    pub link: Link,
    /// Simulated time, s.
    pub t_s: f64,
}

impl View {
    /// The implant as it is now (pain from the slow states, with the fluctuation `noise`).
    pub fn now(scene: Scene, noise: f64) -> View {
        let therapy = scene.implant.therapy();
        let ma = therapy.instant_ma(scene.t_s);
        let response = therapy.respond(scene.patient, ma);
        let pain = therapy.pain(scene.patient, noise);
        View::assemble(scene, ma, response, pain)
    }

    /// The steady state of the present settings: what pain settles to after minutes to
    /// hours at the programmed amplitude (no fluctuation, no soft start or cycling).
    pub fn steady(scene: Scene) -> View {
        let therapy = scene.implant.therapy();
        let ma = therapy.steady_ma();
        let response = therapy.respond(scene.patient, ma);
        let pain = response.steady_pain(scene.patient);
        View::assemble(scene, ma, response, pain)
    }

    fn assemble(scene: Scene, ma: f64, response: Response, pain: Pain) -> View {
        let therapy = scene.implant.therapy();
        let speech = therapy.speech(scene.patient, &response, &pain, ma);
        let mut alerts = therapy.status_alerts();
        if scene.link != Link::Connected {
            alerts.push(Warning::new(WarningCode::Link, scene.link.label()));
        }
        alerts.extend(therapy.setting_alerts());
        let (pt_ma, dt_ma) = therapy.thresholds();
        View {
            t_s: scene.t_s,
            delivered_ma: ma,
            response,
            pain,
            speech,
            pt_ma,
            dt_ma,
            safety: therapy.safety(),
            alerts,
        }
    }
}
