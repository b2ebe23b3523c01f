//! Read-only views of a session for the GUI and the command line (the view itself is the
//! implant's: [`crate::implant::view`]).

use super::Session;
use crate::implant::report::Report;
use crate::implant::view::Scene;
pub use crate::implant::view::View;

impl Session {
    /// Where the session's views are taken: its implant, patient, link and time.
    pub fn scene(&self) -> Scene<'_> {
        Scene {
            patient: &self.patient,
            link: self.remote.link,
            t_s: self.t_s,
        }
    }

    /// The session as it is now (pain from the slow states, with fluctuation).
    pub fn view(&self) -> View {
        self.implant().view(self.scene(), self.noise)
    }

    /// The session as it is now without the moment's fluctuation: the relief built so far
    /// (what a grade judges: a passing fluctuation at the instant of *Finish* neither
    /// gives nor takes away a goal).
    pub fn calm_view(&self) -> View {
        self.implant().view(self.scene(), 0.0)
    }

    /// What `eval` reports of the implant: the steady state of the present settings.
    pub fn report(&self) -> Report {
        self.implant()
            .therapy()
            .report(&self.patient, &self.steady_view())
    }

    /// The steady state of the present settings: what pain settles to after minutes to
    /// hours at the programmed amplitude (no fluctuation, no soft start or cycling).
    pub fn steady_view(&self) -> View {
        self.implant().steady_view(self.scene())
    }
}
