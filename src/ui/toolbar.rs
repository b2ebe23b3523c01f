//! The title bar: patient, simulated time and its speed, theme, panels, zoom, help.

use super::App;
use super::prefs::Speed;
use crate::patient::library::BUILT_IN;
use egui::Ui;

/// Formats simulated seconds as hh:mm:ss.
pub fn clock(t_s: f64) -> String {
    let s = t_s.max(0.0) as u64;
    format!("{:02}:{:02}:{:02}", s / 3600, (s / 60) % 60, s % 60)
}

/// Draws the toolbar; changing the patient starts a new session.
pub fn toolbar_ui(ui: &mut Ui, app: &mut App) {
    ui.horizontal_wrapped(|ui| {
        ui.heading("scs-sim");
        ui.separator();
        let p = &app.session.patient;
        let current = format!("{}, {} — {}", p.name, p.age, p.diagnosis);
        let mut chosen = None;
        egui::ComboBox::from_id_salt("patient")
            .selected_text(current)
            .width(330.0)
            .show_ui(ui, |ui| {
                for (id, _) in BUILT_IN {
                    if ui.selectable_label(app.patient_id == id, id).clicked() {
                        chosen = Some(id.to_string());
                    }
                }
            })
            .response
            .on_hover_text("Choose the patient (starts a new session)");
        if let Some(id) = chosen {
            app.open_patient(&id);
        }
        ui.separator();
        for (mode, label) in [
            (super::Mode::Patient, "Patient"),
            (super::Mode::Clinician, "Clinician"),
            (super::Mode::Teach, "Teach"),
        ] {
            ui.selectable_value(&mut app.mode, mode, label);
        }
        ui.separator();
        for speed in Speed::ALL {
            ui.selectable_value(&mut app.prefs.speed, speed, speed.label())
                .on_hover_text("Speed of simulated time (P pauses)");
        }
        ui.monospace(clock(app.session.t_s))
            .on_hover_text("Simulated time since the session started");
        ui.separator();
        ui.toggle_value(&mut app.prefs.light, "Projector theme")
            .on_hover_text("Light, high-contrast colours");
        ui.toggle_value(&mut app.prefs.colour_blind_safe, "Colour-blind safe");
        ui.toggle_value(&mut app.prefs.show_inside, "Inside view")
            .on_hover_text("Spine and gate panel");
        ui.toggle_value(&mut app.prefs.show_plots, "Plots")
            .on_hover_text("Pulse train and pain plots");
        if ui.button("Zoom out").clicked() {
            app.prefs.zoom_step(-1);
        }
        ui.label(format!("{:.0}%", app.prefs.zoom * 100.0));
        if ui.button("Zoom in").clicked() {
            app.prefs.zoom_step(1);
        }
        ui.toggle_value(&mut app.help, "Help (F1)");
    });
}

/// The help overlay: keys and what the screen shows.
pub fn help_ui(ctx: &egui::Context, open: &mut bool) {
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
