//! A drug pump's panels behind the one panel interface: the pump remote, the pump
//! programmer, the drug in the spinal fluid and the patient; its own time speeds (a pump's
//! work spans days).

use super::inside::pump_inside_ui;
use super::patient::{PumpPatientPanel, pump_patient_ui};
use super::programmer::PumpProgrammerPanel;
use super::remote::{PumpRemotePanel, pump_remote_ui};
use crate::implant::pump::PumpImplant;
use crate::ui::answers::Answers;
use crate::ui::draw::plots::pain_plot_ui;
use crate::ui::implant::inside_panel::{Hidden, note_hidden, side_panel};
use crate::ui::implant::panels::ImplantPanels;
use crate::ui::login::Login;
use crate::ui::prefs::Speed;
use crate::ui::presenter::{HIDDEN_IN_BLIND, Presenting};
use crate::ui::request::{Request, Shared};
use egui::Ui;

/// What a drug pump's panels keep from frame to frame.
#[derive(Debug, Default)]
pub struct PumpPanels {
    /// The pump remote (it keeps nothing; the refusal is in the answers).
    remote: PumpRemotePanel,
    /// The prescription and bolus being prepared, and the refill.
    programmer: PumpProgrammerPanel,
    /// The pump's own time speed.
    patient: PumpPatientPanel,
}

/// A pump's panels for one frame: their state and the pump they show.
pub struct PumpView<'a> {
    panels: &'a mut PumpPanels,
    pump: &'a PumpImplant,
}

impl<'a> PumpView<'a> {
    /// The panels `panels` showing `pump`.
    pub fn new(panels: &'a mut PumpPanels, pump: &'a PumpImplant) -> PumpView<'a> {
        PumpView { panels, pump }
    }
}

impl ImplantPanels for PumpView<'_> {
    fn remote(&mut self, ui: &mut Ui, shared: &Shared<'_>, answers: &mut Answers) -> Vec<Request> {
        self.panels
            .remote
            .show(ui, shared, self.pump, answers.remote())
    }

    fn programmer(
        &mut self,
        ui: &mut Ui,
        shared: &Shared<'_>,
        answers: &mut Answers,
        login: &mut Login,
    ) -> Vec<Request> {
        let message = answers.programmer();
        self.panels
            .programmer
            .show(ui, shared, self.pump, message, login)
    }

    fn body(&mut self, ui: &mut Ui, shared: &Shared<'_>) -> Vec<Request> {
        // Room under the cord for its readout and caption.
        side_panel(ui, shared, |ui, height| {
            pump_inside_ui(ui, shared, self.pump, height - 130.0);
        });
        let none = shared.prefs.show_plots.then_some(Hidden::NotThisImplant);
        note_hidden(ui.ctx(), "plots", none);
        self.panels.patient.show(ui, shared, self.pump)
    }

    fn presented(
        &mut self,
        ui: &mut Ui,
        shared: &Shared<'_>,
        presenting: Presenting,
        answers: &Answers,
    ) -> Vec<Request> {
        match presenting {
            Presenting::Remote => {
                return pump_remote_ui(ui, shared, self.pump, answers.remote());
            }
            Presenting::Patient => {
                return crate::ui::draw::region::scroll_down(ui, |ui| {
                    pump_patient_ui(ui, shared, self.pump)
                });
            }
            // Pain over time is the patient's to tell (the shell hides Inside already).
            Presenting::Plots if shared.blind => {
                ui.label(HIDDEN_IN_BLIND);
            }
            Presenting::Inside => {
                let height = ui.available_height() - 110.0;
                pump_inside_ui(ui, shared, self.pump, height);
            }
            Presenting::Plots => return pain_plot_ui(ui, shared.session.series(), &shared.palette),
        }
        Vec::new()
    }

    /// The pump's own speed (up to a day a second) unless it follows the toolbar or the
    /// toolbar pauses.
    fn time_factor(&self, speed: Speed) -> f64 {
        let own = self.panels.patient.speed_s_per_s;
        if own > 0.0 && speed != Speed::Paused {
            own
        } else {
            speed.factor()
        }
    }
}
