//! The door to the teacher's controls: the Teach password, set by the teacher on first use
//! and never the clinician PIN, asked each time Teach is opened; and its change.

use crate::ui::draw::tool_panel::tool_panel;
use crate::ui::request::{Request, Shared};
use egui::Ui;

/// What the Teach prompt says while an exercise runs.
pub const EXERCISE_RUNNING: &str = "An exercise is running: Teach opens only with the teacher's password (the clinician PIN does not open it).";

/// What the Teach prompt says while an exercise runs and no Teach password was ever set.
pub const NO_PASSWORD_IN_EXERCISE: &str = "Teach has no password yet, and one cannot be set during an exercise: the teacher sets it when no exercise runs.";

/// The Teach password prompt (or, on first use, the form that sets it) and the last answer.
#[derive(Debug, Default)]
pub struct TeachDoor {
    password: String,
    repeat: String,
    /// The last refusal or answer (a wrong password, a lock-out, a password too short).
    message: Option<String>,
}

impl TeachDoor {
    /// Shows `words` under the prompt (a refusal), or clears it.
    pub fn answer(&mut self, words: Option<String>) {
        self.message = words;
    }

    /// The last answer shown under the prompt, if any.
    pub fn message(&self) -> Option<&str> {
        self.message.as_deref()
    }

    /// Draws the prompt in the teacher's side panel: the password, or on first use (no
    /// exercise running) the form that sets it. Returns the requests of this frame.
    pub fn show(&mut self, ui: &mut Ui, shared: &Shared<'_>) -> Vec<Request> {
        tool_panel(ui, "teacher", |ui| {
            let mut out = Vec::new();
            ui.heading("Teacher");
            let set = shared.prefs.teach.hash.is_some();
            match (set, shared.exercise.is_some()) {
                (false, true) => {
                    ui.label(NO_PASSWORD_IN_EXERCISE);
                }
                (false, false) => self.first_use_ui(ui, &mut out),
                (true, running) => {
                    if running {
                        ui.label(EXERCISE_RUNNING);
                    } else {
                        ui.label(
                            "Enter the Teach password (the clinician PIN does not open Teach).",
                        );
                    }
                    self.password_ui(ui, &mut out);
                }
            }
            if let Some(m) = &self.message {
                ui.colored_label(shared.palette.pain, m);
            }
            out
        })
    }

    /// The password field and its button.
    fn password_ui(&mut self, ui: &mut Ui, out: &mut Vec<Request>) {
        ui.horizontal(|ui| {
            let enter = secret_field(ui, "Teach password", &mut self.password);
            if ui.button("Open Teach").clicked() || enter {
                out.push(Request::TeachLogin(std::mem::take(&mut self.password)));
            }
        });
    }

    /// First use: the teacher chooses the password, typed twice.
    fn first_use_ui(&mut self, ui: &mut Ui, out: &mut Vec<Request>) {
        ui.label(
            "First use: choose the Teach password (8 or more characters, not digits only). \
             Trainees are given the clinician PIN, never this password.",
        );
        secret_rows(
            ui,
            "teach-first-use",
            &mut [
                ("New Teach password", &mut self.password),
                ("Repeat the Teach password", &mut self.repeat),
            ],
        );
        if ui.button("Set the password and open Teach").clicked() {
            out.push(Request::SetTeachPassword {
                old: None,
                new: std::mem::take(&mut self.password),
                repeat: std::mem::take(&mut self.repeat),
            });
        }
    }
}

/// The Teach panel's form that changes the password (the old one is needed).
#[derive(Debug, Default)]
pub struct PasswordChange {
    old: String,
    new: String,
    repeat: String,
}

impl PasswordChange {
    /// Draws the form, collapsed under a header.
    pub fn ui(&mut self, ui: &mut Ui, out: &mut Vec<Request>) {
        ui.collapsing("Teach password", |ui| {
            secret_rows(
                ui,
                "teach-password-change",
                &mut [
                    ("Old Teach password", &mut self.old),
                    ("New Teach password", &mut self.new),
                    ("Repeat the Teach password", &mut self.repeat),
                ],
            );
            if ui.button("Change the Teach password").clicked() {
                out.push(Request::SetTeachPassword {
                    old: Some(std::mem::take(&mut self.old)),
                    new: std::mem::take(&mut self.new),
                    repeat: std::mem::take(&mut self.repeat),
                });
            }
        });
    }
}

/// Labelled password fields, one a row, in a grid `id`.
fn secret_rows(ui: &mut Ui, id: &str, rows: &mut [(&str, &mut String)]) {
    egui::Grid::new(id).num_columns(2).show(ui, |ui| {
        for (label, text) in rows.iter_mut() {
            secret_field(ui, label, text);
            ui.end_row();
        }
    });
}

/// A labelled password field; true when Enter was pressed in it.
fn secret_field(ui: &mut Ui, label: &str, text: &mut String) -> bool {
    let id = ui.label(label).id;
    let field = egui::TextEdit::singleline(text)
        .password(true)
        .desired_width(180.0);
    let r = ui.add(field).labelled_by(id);
    r.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter))
}
