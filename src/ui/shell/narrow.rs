//! A window too narrow for the clinician's or the teacher's tools and the patient side by
//! side (a 1024 × 768 projector at 150 % zoom, or with the projector theme): rather than
//! squeezing the patient into a sliver where every line is cut off, the window shows one
//! at a time, with a bar to switch (and the inside view and plots go with the patient).

use crate::ui::Mode;
use crate::ui::draw::tool_panel::too_narrow_for_both;
use crate::ui::implant::inside_panel::{Hidden, note_hidden};
use crate::ui::request::Shared;
use egui::Ui;

/// Which half a narrow window shows.
#[derive(Debug, Default)]
pub struct Narrow {
    /// The patient (with the inside view and plots) rather than the tools.
    patient: bool,
}

/// What a frame draws beside the remote.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Shown {
    /// The clinician's or the teacher's tools.
    pub tools: bool,
    /// The patient, the inside view and the plots.
    pub patient: bool,
}

impl Narrow {
    /// Decides what this frame shows in the room left in `ui` (the remote already drawn)
    /// for `mode`; in a narrow window draws the bar that switches between the two halves
    /// and notes the panels the menu must show as having no room.
    pub fn show(&mut self, ui: &mut Ui, shared: &Shared<'_>) -> Shown {
        let tools = match shared.mode {
            Mode::Patient => {
                return Shown {
                    tools: false,
                    patient: true,
                };
            }
            Mode::Clinician => ("clinician", "Show the programmer"),
            Mode::Teach => ("teacher", "Show the teacher's tools"),
        };
        if !too_narrow_for_both(ui, tools.0) {
            return Shown {
                tools: true,
                patient: true,
            };
        }
        egui::Panel::top("narrow-window").show(ui, |ui| {
            crate::ui::draw::region::panel(ui, "Narrow window bar");
            ui.horizontal_wrapped(|ui| {
                ui.label("Too narrow for both:");
                ui.selectable_value(&mut self.patient, false, tools.1);
                ui.selectable_value(&mut self.patient, true, "Show the patient");
            });
        });
        if !self.patient {
            let prefs = shared.prefs;
            for (panel, on) in [("inside", prefs.show_inside), ("plots", prefs.show_plots)] {
                note_hidden(ui.ctx(), panel, on.then_some(Hidden::NoRoom));
            }
        }
        Shown {
            tools: !self.patient,
            patient: self.patient,
        }
    }
}
