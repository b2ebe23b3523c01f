//! The title bar: patient, simulated time and its speed, theme, panels, zoom, help.

use super::Mode;
use super::prefs::Speed;
use super::request::{Request, Shared};
use crate::library::BUILT_IN;
use egui::Ui;

/// Formats simulated seconds as hh:mm:ss.
pub fn clock(t_s: f64) -> String {
    let s = t_s.max(0.0) as u64;
    format!("{:02}:{:02}:{:02}", s / 3600, (s / 60) % 60, s % 60)
}

/// Every built-in patient's id and name for the menu ("Maria, 54 — Failed back surgery
/// syndrome"), read once.
pub fn patient_names() -> &'static [(String, String)] {
    static NAMES: std::sync::OnceLock<Vec<(String, String)>> = std::sync::OnceLock::new();
    NAMES.get_or_init(|| {
        BUILT_IN
            .iter()
            .chain(crate::library::pump::BUILT_IN.iter())
            .map(|(id, _)| {
                let name = crate::library::open(id).map_or_else(
                    |_| (*id).to_string(),
                    |(p, _)| format!("{}, {} — {}", p.name, p.age, p.diagnosis),
                );
                ((*id).to_string(), name)
            })
            .collect()
    })
}

/// Every built-in exercise's id and title for the menu, read once.
pub fn exercise_titles() -> &'static [(String, String)] {
    static TITLES: std::sync::OnceLock<Vec<(String, String)>> = std::sync::OnceLock::new();
    TITLES.get_or_init(|| {
        crate::training::exercise::BUILT_IN
            .iter()
            .map(|(id, _)| {
                let title = crate::training::exercise::find(id)
                    .map_or_else(|_| (*id).to_string(), |e| e.title);
                ((*id).to_string(), title)
            })
            .collect()
    })
}

/// The toolbar at the top of the window (it keeps no state of its own).
#[derive(Debug, Default)]
pub struct Toolbar;

impl Toolbar {
    /// Draws the toolbar in its top panel; `help_open` tells whether the help is shown.
    pub fn show(&mut self, ui: &mut Ui, shared: &Shared<'_>, help_open: bool) -> Vec<Request> {
        let mut out = Vec::new();
        egui::Panel::top("toolbar").show(ui, |ui| {
            ui.horizontal_wrapped(|ui| toolbar_ui(ui, shared, help_open, &mut out));
        });
        out
    }
}

/// The toolbar's widgets; changing the patient starts a new session.
fn toolbar_ui(ui: &mut Ui, shared: &Shared<'_>, help_open: bool, out: &mut Vec<Request>) {
    ui.heading("scs-sim");
    ui.separator();
    let p = &shared.session.patient;
    let current = format!("{}, {} — {}", p.name, p.age, p.diagnosis);
    egui::ComboBox::from_id_salt("patient")
        .selected_text(current)
        .width(330.0)
        .show_ui(ui, |ui| {
            for (id, name) in patient_names() {
                if ui.selectable_label(shared.patient_id == id, name).clicked() {
                    out.push(Request::OpenPatient(id.clone()));
                }
            }
        })
        .response
        .on_hover_text("Choose the patient (starts a new session)");
    ui.separator();
    let mut mode = shared.mode;
    for (m, label) in [
        (Mode::Patient, "Patient"),
        (Mode::Clinician, "Clinician"),
        (Mode::Teach, "Teach"),
    ] {
        ui.selectable_value(&mut mode, m, label);
    }
    if mode != shared.mode {
        out.push(Request::SetMode(mode));
    }
    ui.separator();
    let mut prefs = shared.prefs.clone();
    let free_play = shared.exercise.is_none();
    ui.add_enabled_ui(free_play, |ui| {
        for speed in Speed::ALL {
            ui.selectable_value(&mut prefs.speed, speed, speed.label())
                .on_hover_text("Speed of simulated time (P pauses)")
                .on_disabled_hover_text("An exercise runs at a fixed speed");
        }
    });
    ui.monospace(clock(shared.session.t_s))
        .on_hover_text("Simulated time since the session started");
    ui.separator();
    ui.toggle_value(&mut prefs.light, "Projector theme")
        .on_hover_text("Light, high-contrast colours");
    ui.toggle_value(&mut prefs.colour_blind_safe, "Colour-blind safe");
    ui.toggle_value(&mut prefs.show_inside, "Inside view")
        .on_hover_text("Spine and gate panel");
    ui.toggle_value(&mut prefs.show_plots, "Plots")
        .on_hover_text("Pulse train and pain plots");
    let mut blind = shared.blind;
    ui.add_enabled_ui(free_play, |ui| {
        ui.toggle_value(&mut blind, "Blind mode")
            .on_hover_text(
                "The patient is the only source: no thresholds, coverage or tingling on screen",
            )
            .on_disabled_hover_text("Exercises are always blind; the debrief shows the truth");
    });
    if free_play {
        prefs.blind = blind;
    }
    if prefs != *shared.prefs {
        out.push(Request::SetPrefs(prefs));
    }
    if ui.button("Zoom out").clicked() {
        out.push(Request::Zoom(-1));
    }
    ui.label(format!("{:.0}%", shared.prefs.zoom * 100.0));
    if ui.button("Zoom in").clicked() {
        out.push(Request::Zoom(1));
    }
    let mut help = help_open;
    if ui.toggle_value(&mut help, "Help (F1)").changed() {
        out.push(Request::ToggleHelp);
    }
}
