//! The session found after a crash, offered back in a bar at the top of the window.

use crate::session::record::Recording;
use crate::ui::draw::time_words::clock;
use crate::ui::platform::autosave::Autosave;
use crate::ui::request::Request;
use egui::Ui;

/// The recovery bar and the session it offers.
#[derive(Debug, Default)]
pub struct RecoveryPanel {
    recovered: Option<Recording>,
}

impl RecoveryPanel {
    /// Offers the session autosaved there, if a readable one is (a clean exit removes it).
    pub fn from_autosave(autosave: Option<&Autosave>) -> RecoveryPanel {
        RecoveryPanel {
            recovered: autosave.and_then(Autosave::read),
        }
    }

    /// Whether a session is offered back.
    pub fn is_offered(&self) -> bool {
        self.recovered.is_some()
    }

    /// Takes the offered session (the bar closes).
    pub fn take(&mut self) -> Option<Recording> {
        self.recovered.take()
    }

    /// Draws the bar at the top if a session is offered; returns the choice made.
    pub fn show(&mut self, ui: &mut Ui) -> Vec<Request> {
        let mut out = Vec::new();
        let Some(rec) = &self.recovered else {
            return out;
        };
        let text = format!(
            "A session of patient '{}' ({} simulated) was not closed properly.",
            rec.patient,
            clock(rec.t_s)
        );
        egui::Panel::top("recover").show(ui, |ui| {
            ui.horizontal(|ui| {
                ui.label(text);
                if ui.button("Restore it").clicked() {
                    out.push(Request::Restore);
                }
                if ui.button("Discard it").clicked() {
                    out.push(Request::Discard);
                }
            });
        });
        out
    }
}
