//! The help overlay: keys and what the screen shows.

/// The help overlay, open or closed.
#[derive(Debug, Default)]
pub struct HelpPanel {
    open: bool,
}

impl HelpPanel {
    /// Whether the overlay is open.
    pub fn is_open(&self) -> bool {
        self.open
    }

    /// Opens a closed overlay, closes an open one.
    pub fn toggle(&mut self) {
        self.open = !self.open;
    }

    /// Draws the overlay if it is open.
    pub fn show(&mut self, ctx: &egui::Context) {
        help_ui(ctx, &mut self.open);
    }
}

/// The help overlay: keys and what the screen shows.
fn help_ui(ctx: &egui::Context, open: &mut bool) {
    egui::Window::new("Help").open(open).resizable(false).collapsible(false).show(ctx, |ui| {
        ui.label("The remote (left) is what the patient holds. Turn therapy on, then raise the amplitude:");
        ui.label("the tingling (blue dots) appears on the body map; where it covers the pain (orange hatching) the pain falls over minutes.");
        ui.add_space(6.0);
        egui::Grid::new("keys").striped(true).show(ui, |ui| {
            for (k, what) in [
                ("Up / Down", "amplitude up / down (inside the clinician's window)"),
                ("Space", "therapy on / off"),
                ("1 – 4", "choose program"),
                ("L", "lock / unlock the remote"),
                ("P", "pause / run simulated time"),
                ("Ctrl + / − / 0", "zoom in / out / reset"),
                ("F1", "this help"),
                ("F5", "present: remote, patient, inside, plots full-window in turn"),
                ("Esc", "back from presenting to the whole window"),
            ] {
                ui.monospace(k);
                ui.label(what);
                ui.end_row();
            }
        });
        ui.add_space(6.0);
        ui.label("Inside view: the lead on the spine (− cathode, + anode) and the gate: Aβ fibres drive inhibitory cells (I) that quiet the projection neuron (W) carrying pain to the brain.");
        ui.label("The model is a toy for intuition, not a clinical tool.");
    });
}
