//! The inside view: the axial cross-section at the cathode, the side view of the spine
//! with the leads, and the gate in the spinal cord of a region the teacher picks.

use super::cross_section::cross_section_ui;
use super::gate::gate_ui;
use super::section::{DEPTH_MM, SPAN_MM};
use super::spine::SpineView;
use crate::implant::stim::{Stimulator, Target};
use crate::patient::activation::Activation;
use crate::patient::anatomy::REGIONS;
use crate::patient::gate::GateActivity;
use crate::session::Session;
use crate::session::view::View;
use crate::ui::draw::body_map::region_words;
use crate::ui::request::Shared;
use egui::Ui;

/// The inside view's panel: which vertebrae the side view shows and which region's gate.
#[derive(Debug, Default)]
pub struct InsidePanel {
    /// The side view (it keeps its window of vertebrae).
    spine: SpineView,
    /// The region whose gate is shown; `None` follows the model's choice.
    gate_region: Option<usize>,
}

impl InsidePanel {
    /// The inside view of `stim` in `ui`, scrolling (its side panel, or the whole window
    /// when presented).
    pub fn body(&mut self, ui: &mut Ui, shared: &Shared<'_>, stim: &Stimulator) {
        crate::ui::draw::region::scroll_down(ui, |ui| self.contents(ui, shared, stim));
    }

    /// The inside view full-window (presenter mode): the cross-section as large as the
    /// window allows on the left, the side view and the gate beside it.
    pub fn presented(&mut self, ui: &mut Ui, shared: &Shared<'_>, stim: &Stimulator) {
        if let Target::Nerve(_) = stim.target() {
            return self.body(ui, shared, stim);
        }
        // Room under the section for its title and caption.
        let by_height = (ui.available_height() - 90.0).max(200.0) * SPAN_MM / DEPTH_MM;
        // Beside the section the gate first, whole on screen, then the side view.
        ui.columns(2, |cols| {
            cols[0].strong("Inside: cross-section at the cathode");
            cross_section_ui(
                &mut cols[0],
                shared.session,
                shared.view,
                &shared.palette,
                by_height,
            );
            crate::ui::draw::region::scroll_down(&mut cols[1], |ui| {
                self.gate(ui, shared);
                ui.separator();
                self.side(ui, shared);
            });
        });
    }

    /// The cross-section, the side view and the gate; the nerve for a stimulator whose
    /// leads lie at a peripheral nerve.
    pub fn contents(&mut self, ui: &mut Ui, shared: &Shared<'_>, stim: &Stimulator) {
        let (session, view) = (shared.session, shared.view);
        if let Target::Nerve(_) = stim.target() {
            // A nerve, not a spinal cord: its cross-section with the fascicles lit.
            ui.strong("Inside: the nerve at the lead");
            super::nerve_view::nerve_view_ui(ui, session, &shared.palette);
            return;
        }
        ui.strong("Inside: cross-section at the cathode");
        cross_section_ui(ui, session, view, &shared.palette, 420.0);
        ui.add_space(6.0);
        self.side_and_gate(ui, shared);
    }

    /// The side view of the spine with the leads, and the gate of the chosen region.
    fn side_and_gate(&mut self, ui: &mut Ui, shared: &Shared<'_>) {
        self.side(ui, shared);
        ui.separator();
        self.gate(ui, shared);
    }

    /// The side view of the spine with the leads.
    fn side(&mut self, ui: &mut Ui, shared: &Shared<'_>) {
        ui.strong("Side view: cord, CSF and leads");
        self.spine.ui(ui, shared.session, &shared.palette);
    }

    /// The gate of the chosen region, with its picker.
    fn gate(&mut self, ui: &mut Ui, shared: &Shared<'_>) {
        let (session, view) = (shared.session, shared.view);
        self.gate_picker(ui, session, view);
        let chosen = self.gate_region.filter(|&r| session.patient.pain[r] > 0.0);
        let region = chosen.unwrap_or(view.response.gate_region);
        ui.strong(format!(
            "The gate in the spinal cord ({})",
            region_words(region)
        ));
        match chosen {
            Some(r) => gate_ui(ui, &gate_of(session, view, r), &shared.palette),
            None => gate_ui(ui, &view.response.gate, &shared.palette),
        }
    }

    /// "Gate region": automatic (the model's choice) or one of the painful regions.
    fn gate_picker(&mut self, ui: &mut Ui, session: &Session, view: &View) {
        let painful: Vec<usize> = (0..REGIONS.len())
            .filter(|&r| session.patient.pain[r] > 0.0)
            .collect();
        if self.gate_region.is_some_and(|r| !painful.contains(&r)) {
            self.gate_region = None;
        }
        let selected = match self.gate_region {
            Some(r) => region_words(r).to_string(),
            None => format!("automatic ({})", region_words(view.response.gate_region)),
        };
        egui::ComboBox::new("gate-region", "Gate region")
            .selected_text(selected)
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut self.gate_region, None, "automatic");
                for r in painful {
                    ui.selectable_value(&mut self.gate_region, Some(r), region_words(r));
                }
            });
    }
}

/// The gate of region `r` at this instant: the model's answer for a patient whose only
/// pain is this region's (so the model shows that region's gate).
fn gate_of(session: &Session, view: &View, r: usize) -> GateActivity {
    let mut patient = session.patient.clone();
    for (i, vas) in patient.pain.iter_mut().enumerate() {
        if i != r {
            *vas = 0.0;
        }
    }
    let Some(stimulus) = session.device().map(|d| d.stimulus()) else {
        return view.response.gate;
    };
    let act = Activation::new(&patient.body(), &stimulus);
    crate::patient::respond(&patient, &act, &stimulus, view.delivered_ma, view.dt_ma).gate
}
