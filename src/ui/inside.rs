//! The inside view: the lead on the spine (side view) above the gate in the spinal cord.

use super::gate::gate_ui;
use super::request::Shared;
use super::spine::spine_ui;
use crate::patient::anatomy::REGIONS;
use egui::Ui;

/// The inside view's panel (it keeps no state of its own).
#[derive(Debug, Default)]
pub struct InsidePanel;

impl InsidePanel {
    /// Draws the spine and the gate in the right-hand panel.
    pub fn show(&mut self, ui: &mut Ui, shared: &Shared<'_>) {
        egui::Panel::right("inside")
            .exact_size(320.0)
            .resizable(false)
            .show(ui, |ui| {
                egui::ScrollArea::vertical().show(ui, |ui| {
                    ui.strong("Inside: lead on the spine (side view)");
                    spine_ui(ui, shared.session, &shared.palette);
                    ui.separator();
                    let region = REGIONS[shared.view.response.gate_region].words;
                    ui.strong(format!(
                        "The gate in the spinal cord ({})",
                        region.trim_start_matches("my ")
                    ));
                    gate_ui(ui, shared.view, &shared.palette);
                });
            });
    }
}
