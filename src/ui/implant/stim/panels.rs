//! A stimulator's panels behind the one panel interface, for spinal cord and peripheral
//! nerve stimulation alike: the remote, the clinician programmer, the plots, the inside
//! view, the patient, and the teacher's stimulator tools.

use super::clinician::ClinicianPanel;
use super::clinician_tools::Exchange;
use super::inside::InsidePanel;
use super::patient::{PatientPanel, blinded};
use super::plots::PlotsPanel;
use super::remote::RemotePanel;
use super::teach::StimTeach;
use crate::implant::Stimulator;
use crate::implant::stim::ReliefMap;
use crate::patient::interview::{Answer, Question};
use crate::session::ramp::Ramp;
use crate::ui::Mode;
use crate::ui::answers::Answers;
use crate::ui::implant::inside_panel::{Hidden, note_hidden, side_panel};
use crate::ui::implant::panels::ImplantPanels;
use crate::ui::login::Login;
use crate::ui::presenter::Presenting;
use crate::ui::request::{Request, Shared};
use egui::Ui;

/// What a stimulator's panels keep from frame to frame.
#[derive(Debug, Default)]
pub struct StimPanels {
    remote: RemotePanel,
    clinician: ClinicianPanel,
    inside: InsidePanel,
    plots: PlotsPanel,
    patient: PatientPanel,
    /// The teacher's stimulator tools.
    teach: StimTeach,
}

impl StimPanels {
    /// A new session: no conversation, no impedance check, no ramp, no relief map.
    pub fn clear(&mut self) {
        self.clinician.tools_mut().clear();
        self.teach.clear();
    }

    /// Adds the patient's answer to `question` at `t_s` to the programmer's conversation.
    pub fn heard(&mut self, t_s: f64, question: Question, answer: Answer) {
        self.clinician.tools_mut().heard(t_s, question, answer);
    }

    /// The conversation with the patient in the programmer.
    pub fn conversation(&self) -> &[Exchange] {
        self.clinician.tools().conversation()
    }

    /// The programmer's threshold-finding ramp.
    pub fn ramp(&self) -> &Ramp {
        self.clinician.tools().ramp()
    }

    /// The programmer's threshold-finding ramp, which the clock moves on.
    pub fn ramp_mut(&mut self) -> &mut Ramp {
        self.clinician.tools_mut().ramp_mut()
    }

    /// The last relief map computed.
    pub fn relief_map(&self) -> Option<&ReliefMap> {
        self.teach.relief_map()
    }

    /// The oscilloscope's window, s.
    pub fn scope_window_s(&self) -> f64 {
        self.plots.scope_window_s()
    }

    /// Sets the oscilloscope's window, s.
    pub fn set_scope_window_s(&mut self, window_s: f64) {
        self.plots.set_scope_window_s(window_s);
    }
}

/// A stimulator's panels for one frame: their state and the stimulator they show.
pub struct StimView<'a> {
    panels: &'a mut StimPanels,
    stim: &'a Stimulator,
}

impl<'a> StimView<'a> {
    /// The panels `panels` showing `stim`.
    pub fn new(panels: &'a mut StimPanels, stim: &'a Stimulator) -> StimView<'a> {
        StimView { panels, stim }
    }
}

impl ImplantPanels for StimView<'_> {
    fn remote(&mut self, ui: &mut Ui, shared: &Shared<'_>, answers: &mut Answers) -> Vec<Request> {
        self.panels.remote.show(ui, shared, answers)
    }

    fn programmer(
        &mut self,
        ui: &mut Ui,
        shared: &Shared<'_>,
        answers: &mut Answers,
        login: &mut Login,
    ) -> Vec<Request> {
        self.panels.clinician.show(ui, shared, answers, login)
    }

    /// The plots at the bottom (the scope alone in blind mode; none in a short window
    /// beside the programmer), the inside view on the right, the patient in the middle
    /// (without what only the model knows in blind mode).
    fn body(&mut self, ui: &mut Ui, shared: &Shared<'_>) -> Vec<Request> {
        let p = &mut *self.panels;
        // The programmer needs the height: below 820 px its tools come before the plots.
        let short = ui.available_height() < 820.0 && shared.mode != Mode::Patient;
        p.plots.set_scope_drawn(false);
        let mut out = Vec::new();
        if shared.prefs.show_plots && !short {
            out = p.plots.show(ui, shared);
        }
        let hidden = (shared.prefs.show_plots && short).then_some(Hidden::NoRoom);
        note_hidden(ui.ctx(), "plots", hidden);
        side_panel(ui, shared, |ui, _| p.inside.contents(ui, shared, self.stim));
        let hidden;
        let view = if shared.blind {
            hidden = blinded(shared.view);
            &hidden
        } else {
            shared.view
        };
        out.extend(p.patient.show(ui, &Shared { view, ..*shared }));
        out
    }

    fn presented(
        &mut self,
        ui: &mut Ui,
        shared: &Shared<'_>,
        presenting: Presenting,
        answers: &Answers,
    ) -> Vec<Request> {
        let p = &mut *self.panels;
        match presenting {
            Presenting::Remote => return p.remote.body(ui, shared, answers.remote(), true),
            Presenting::Patient if shared.blind => {
                let hidden = blinded(shared.view);
                let blind = Shared {
                    view: &hidden,
                    ..*shared
                };
                return p.patient.body(ui, &blind);
            }
            Presenting::Patient => return p.patient.body(ui, shared),
            Presenting::Inside => p.inside.presented(ui, shared, self.stim),
            Presenting::Plots => return p.plots.body(ui, shared),
        }
        Vec::new()
    }

    fn world_events(&mut self, ui: &mut Ui, _shared: &Shared<'_>, out: &mut Vec<Request>) {
        self.panels.teach.events_ui(ui, self.stim, out);
    }

    fn teach_tools(&mut self, ui: &mut Ui, shared: &Shared<'_>) -> Vec<Request> {
        self.panels.teach.tools_ui(ui, shared, self.stim)
    }

    /// The pulse train moves while stimulation is delivered and the scope is drawn.
    fn animating(&self) -> bool {
        self.panels.plots.scope_drawn() && self.stim.device().delivered_ma() > 0.0
    }
}
