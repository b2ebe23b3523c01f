//! The clinician PIN prompt: it opens the programmer of every implant (never the teacher's
//! controls: they have their own password, `teach/door.rs`).

use crate::ui::draw::tool_panel::tool_panel;
use crate::ui::request::Request;
use egui::{Color32, Ui};

/// The PIN being typed.
#[derive(Debug, Default)]
pub struct Login {
    pin_input: String,
}

impl Login {
    /// Draws the PIN prompt in a side panel `id` under `heading`, with the programmer's
    /// last `message` (a wrong PIN) in `pain`'s colour; returns the requests of this frame.
    pub fn show(
        &mut self,
        ui: &mut Ui,
        (id, heading): (&str, &str),
        message: Option<&str>,
        pain: Color32,
    ) -> Vec<Request> {
        tool_panel(ui, id, |ui| {
            let mut out = Vec::new();
            self.prompt_ui(ui, heading, message, pain, &mut out);
            out
        })
    }

    /// The PIN prompt under `heading`, with the last `message` below it.
    pub fn prompt_ui(
        &mut self,
        ui: &mut Ui,
        heading: &str,
        message: Option<&str>,
        pain: Color32,
        out: &mut Vec<Request>,
    ) {
        ui.heading(heading);
        ui.label("Enter the clinician PIN (it opens the programmer).");
        ui.horizontal(|ui| {
            let field = egui::TextEdit::singleline(&mut self.pin_input)
                .password(true)
                .desired_width(120.0);
            let r = ui.add(field).labelled_by(ui.label("PIN").id);
            let enter = r.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
            if ui.button("Unlock").clicked() || enter {
                out.push(Request::Login(std::mem::take(&mut self.pin_input)));
            }
        });
        if let Some(m) = message {
            ui.colored_label(pain, m);
        }
    }
}
