//! The title bar: patient, simulated time and its speed, theme, panels, zoom, help.

use crate::ui::draw::time_words::clock;
use crate::ui::mode::Mode;
use crate::ui::prefs::Speed;
use crate::ui::request::{Request, Shared};
use egui::Ui;

/// Every built-in patient's id and name for the menu ("Maria, 54 — Failed back surgery
/// syndrome"), read once.
pub fn patient_names() -> &'static [(String, String)] {
    static NAMES: std::sync::OnceLock<Vec<(String, String)>> = std::sync::OnceLock::new();
    NAMES.get_or_init(|| {
        crate::library::ids()
            .into_iter()
            .map(|id| {
                let name = crate::library::open(id).map_or_else(
                    |_| id.to_string(),
                    |(p, _)| format!("{}, {} — {}", p.name, p.age, p.diagnosis),
                );
                (id.to_string(), name)
            })
            .collect()
    })
}

/// The toolbar at the top of the window (it keeps no state of its own).
#[derive(Debug, Default)]
pub struct Toolbar;

impl Toolbar {
    /// Draws the toolbar in its top panel, on one line; `help_open` tells whether the help
    /// is shown.
    pub fn show(&mut self, ui: &mut Ui, shared: &Shared<'_>, help_open: bool) -> Vec<Request> {
        let mut out = Vec::new();
        egui::Panel::top("toolbar").show(ui, |ui| {
            crate::ui::draw::region::panel(ui, "Toolbar");
            ui.horizontal(|ui| toolbar_ui(ui, shared, help_open, &mut out));
        });
        out
    }
}

/// The toolbar's widgets on one line: patient, who is at the controls, speed and clock;
/// the rest (theme, panels, zoom, presenter) in the "More" menu. Changing the patient
/// starts a new session.
fn toolbar_ui(ui: &mut Ui, shared: &Shared<'_>, help_open: bool, out: &mut Vec<Request>) {
    // At 1024 points and less (150 % zoom on a projector) the title gives way.
    // The projector theme's text is a fifth larger.
    let scale = if shared.prefs.light { 1.2 } else { 1.0 };
    let screen = ui.ctx().content_rect().width();
    let wide = screen > 1100.0 * scale;
    if wide {
        ui.heading("scs-sim");
        ui.separator();
    }
    let p = &shared.session.patient;
    // Narrow: the name and age only (the diagnosis is in the menu and the patient panel).
    let current = if screen > 1400.0 * scale {
        format!("{}, {} — {}", p.name, p.age, p.diagnosis)
    } else {
        format!("{}, {}", p.name, p.age)
    };
    let combo_width = if screen > 1400.0 * scale {
        330.0
    } else {
        110.0
    };
    egui::ComboBox::from_id_salt("patient")
        .selected_text(current)
        .width(combo_width)
        .truncate()
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
        if screen < 800.0 * scale {
            // Very narrow (1024 × 768 at 150 %): the speeds in a menu.
            egui::ComboBox::from_id_salt("speed")
                .selected_text(prefs.speed.label())
                .width(70.0)
                .show_ui(ui, |ui| {
                    for speed in Speed::ALL {
                        ui.selectable_value(&mut prefs.speed, speed, speed.label());
                    }
                })
                .response
                .on_hover_text("Speed of simulated time (P pauses)");
            return;
        }
        for speed in Speed::ALL {
            ui.selectable_value(&mut prefs.speed, speed, speed.label())
                .on_hover_text("Speed of simulated time (P pauses)")
                .on_disabled_hover_text("An exercise runs at a fixed speed");
        }
    });
    ui.monospace(clock(shared.session.t_s))
        .on_hover_text("Simulated time since the session started");
    ui.separator();
    ui.menu_button("More", |ui| more_ui(ui, shared, &mut prefs, out));
    if prefs != *shared.prefs {
        out.push(Request::SetPrefs(prefs));
    }
    let mut help = help_open;
    if ui
        .toggle_value(&mut help, if wide { "Help (F1)" } else { "Help" })
        .changed()
    {
        out.push(Request::ToggleHelp);
    }
}

/// The toggle of a panel (`panel`, "inside" or "plots"); when it is chosen but the last
/// frame left it out, shown off and greyed with why beside it (a menu never shows as on
/// a panel that is not on screen).
fn panel_toggle(ui: &mut Ui, on: &mut bool, panel: &str, name: &str) -> egui::Response {
    use crate::ui::implant::inside_panel::hidden;
    match hidden(ui.ctx(), panel) {
        Some(why) if *on => {
            ui.horizontal(|ui| {
                let off = ui.add_enabled(false, egui::Button::selectable(false, name));
                ui.small(format!("({})", why.words()));
                off
            })
            .inner
        }
        _ => ui.toggle_value(on, name),
    }
}

/// The "More" menu: theme, panels, blind mode, zoom and the presenter.
fn more_ui(
    ui: &mut Ui,
    shared: &Shared<'_>,
    prefs: &mut crate::ui::prefs::Prefs,
    out: &mut Vec<Request>,
) {
    let free_play = shared.exercise.is_none();
    if ui
        .button("Join class…")
        .on_hover_text("Join a class on a class server: its code on the board and your name")
        .clicked()
    {
        out.push(Request::JoinClass);
        ui.close();
    }
    ui.separator();
    ui.toggle_value(&mut prefs.light, "Projector theme")
        .on_hover_text("Light, high-contrast colours and larger text");
    ui.toggle_value(&mut prefs.colour_blind_safe, "Colour-blind safe");
    panel_toggle(ui, &mut prefs.show_inside, "inside", "Inside view")
        .on_hover_text("Spine and gate panel");
    panel_toggle(ui, &mut prefs.show_plots, "plots", "Plots")
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
    ui.horizontal(|ui| {
        let label = ui.label("Trainee");
        ui.add(
            egui::TextEdit::singleline(&mut prefs.trainee)
                .char_limit(crate::session::record::MAX_TRAINEE_CHARS)
                .hint_text("your name, on saved files")
                .desired_width(160.0),
        )
        .labelled_by(label.id);
    });
    ui.separator();
    ui.horizontal(|ui| {
        if ui.button("Zoom out").clicked() {
            out.push(Request::Zoom(-1));
        }
        ui.label(format!("{:.0}%", shared.prefs.zoom * 100.0));
        if ui.button("Zoom in").clicked() {
            out.push(Request::Zoom(1));
        }
    });
    ui.separator();
    ui.label("Present one panel full-window (F5; Esc returns):");
    for p in crate::ui::presenter::Presenting::ALL {
        if ui
            .button(format!("Present the {}", p.name().to_lowercase()))
            .clicked()
        {
            out.push(Request::Present(Some(p)));
        }
    }
}
