//! What every implant shows in the window, as one interface: the shell asks the
//! session's implant for its panels (see [`super::registry`]) and never which kind it is.

use crate::ui::answers::Answers;
use crate::ui::login::Login;
use crate::ui::prefs::Speed;
use crate::ui::presenter::Presenting;
use crate::ui::request::{Request, Shared};
use egui::Ui;

/// The panels of one kind of implant, drawn from a read-only view of the frame; each
/// returns what it asks the shell to do.
pub trait ImplantPanels {
    /// The patient's remote in its left panel; `answers` holds the refusal on its screen.
    fn remote(&mut self, ui: &mut Ui, shared: &Shared<'_>, answers: &mut Answers) -> Vec<Request>;

    /// The clinician's programmer in its tool panel, or the PIN prompt (`login`) while no
    /// clinician is logged in; `answers` holds its message line.
    fn programmer(
        &mut self,
        ui: &mut Ui,
        shared: &Shared<'_>,
        answers: &mut Answers,
        login: &mut Login,
    ) -> Vec<Request>;

    /// The rest of the window after the remote and the tools: plots, the inside view and,
    /// in the middle, the patient.
    fn body(&mut self, ui: &mut Ui, shared: &Shared<'_>) -> Vec<Request>;

    /// One panel full-window (presenter mode); the shell has hidden the inside view in
    /// blind mode already.
    fn presented(
        &mut self,
        ui: &mut Ui,
        shared: &Shared<'_>,
        presenting: Presenting,
        answers: &Answers,
    ) -> Vec<Request>;

    /// The teacher's events of the world that act on this implant (before the ones every
    /// implant shares: telemetry, freezing time, the quiz).
    fn world_events(&mut self, _ui: &mut Ui, _shared: &Shared<'_>, _out: &mut Vec<Request>) {}

    /// The teacher's tools for this implant, after the session files.
    fn teach_tools(&mut self, _ui: &mut Ui, _shared: &Shared<'_>) -> Vec<Request> {
        Vec::new()
    }

    /// Simulated seconds per wall second when the toolbar says `speed`.
    fn time_factor(&self, speed: Speed) -> f64 {
        speed.factor()
    }

    /// Whether the last frame drew something that moves by itself while time runs (the
    /// pulse train), so that the window repaints at the scope's rate.
    fn animating(&self) -> bool {
        false
    }
}
