//! The trainee's name, asked once: the first save or *Finish* without a remembered name
//! opens this window; what is typed is remembered and every saved session and debrief
//! carries it (README, "Files").

use crate::session::record::MAX_TRAINEE_CHARS;
use crate::ui::request::Request;

/// The window asking for the trainee's name, and what waits for the answer.
#[derive(Debug, Default)]
pub struct NamePrompt {
    /// The save or finish that waits for the name.
    pending: Option<Request>,
    /// What is typed so far.
    typed: String,
    /// Asked in this window already (skipping is not asked again until the next start).
    asked: bool,
    /// The name field took the keyboard when the window opened.
    focused: bool,
}

impl NamePrompt {
    /// Asks for the name; `then` goes on once it is given (or skipped).
    pub fn ask(&mut self, then: Request) {
        self.pending = Some(then);
        self.asked = true;
        self.focused = false;
    }

    /// Whether the name was asked in this window already.
    pub fn asked(&self) -> bool {
        self.asked
    }

    /// Whether the window is open.
    pub fn is_open(&self) -> bool {
        self.pending.is_some()
    }

    /// Draws the window while a request waits; returns the name to remember and the
    /// request that waited, once answered.
    pub fn show(&mut self, ctx: &egui::Context) -> Vec<Request> {
        let mut out = Vec::new();
        if self.pending.is_none() {
            return out;
        }
        let mut answered = None;
        egui::Window::new("Whose session is this?")
            .collapsible(false)
            .resizable(false)
            .anchor(egui::Align2::CENTER_CENTER, [0.0, 0.0])
            .show(ctx, |ui| {
                ui.label("Saved sessions and debriefs carry the trainee's name and the date.");
                let label = ui.label("Your name");
                let field = ui
                    .add(
                        egui::TextEdit::singleline(&mut self.typed)
                            .char_limit(MAX_TRAINEE_CHARS)
                            .desired_width(240.0),
                    )
                    .labelled_by(label.id);
                if !self.focused {
                    // Typing goes to the name at once.
                    field.request_focus();
                    self.focused = true;
                }
                let entered = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
                ui.horizontal(|ui| {
                    let ok = ui.add_enabled(!self.typed.trim().is_empty(), egui::Button::new("OK"));
                    if ok.clicked() || (entered && !self.typed.trim().is_empty()) {
                        answered = Some(Some(self.typed.trim().to_string()));
                    }
                    if ui.button("Without a name").clicked() {
                        answered = Some(None);
                    }
                });
            });
        if let Some(name) = answered {
            out.extend(name.map(Request::SetTrainee));
            out.extend(self.pending.take());
        }
        out
    }
}
