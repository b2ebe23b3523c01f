//! Read-only views of a session for the GUI and the command line: what the device shows,
//! what the patient feels and says, and every alert in device wording.

use super::Session;
use crate::device::safety::{SafetyReport, Warning, WarningCode};
use crate::patient::{Pain, Response};
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

impl Session {
    /// The session as it is now (pain from the slow states, with fluctuation).
    pub fn view(&self) -> View {
        let ma = self.instant_ma();
        let response = self.respond(ma);
        let pain = self.implant().therapy().pain(&self.patient, self.noise);
        self.assemble(ma, response, pain)
    }

    /// The steady state of the present settings: what pain settles to after minutes to
    /// hours at the programmed amplitude (no fluctuation, no soft start or cycling).
    pub fn steady_view(&self) -> View {
        let ma = self.implant().therapy().steady_ma();
        let response = self.respond(ma);
        let pain = response.steady_pain(&self.patient);
        self.assemble(ma, response, pain)
    }

    fn assemble(&self, ma: f64, response: Response, pain: Pain) -> View {
        let therapy = self.implant().therapy();
        let speech = therapy.speech(&self.patient, &response, &pain, ma);
        let mut alerts = therapy.status_alerts();
        if self.remote.link != Link::Connected {
            alerts.push(Warning::new(WarningCode::Link, self.remote.link.label()));
        }
        alerts.extend(therapy.setting_alerts());
        View {
            t_s: self.t_s,
            delivered_ma: ma,
            response,
            pain,
            speech,
            pt_ma: self.perception_threshold(),
            dt_ma: self.discomfort_threshold(),
            safety: therapy.safety(),
            alerts,
        }
    }
}
