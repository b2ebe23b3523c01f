//! The session found after a crash, offered back in a bar at the top of the window.

use super::request::Request;
use super::toolbar::clock;
use crate::files;
use crate::session::record::Recording;
use egui::Ui;
use std::path::Path;

/// The recovery bar and the session it offers.
#[derive(Debug, Default)]
pub struct RecoveryPanel {
    recovered: Option<Recording>,
}

impl RecoveryPanel {
    /// Offers the session autosaved at `path`, if a readable one is there (a clean exit
    /// removes it).
    pub fn from_autosave(path: Option<&Path>) -> RecoveryPanel {
        let recovered = path.filter(|p| p.exists()).and_then(|p| {
            let text = files::read_text(p).ok()?;
            crate::session::record::parse(p, &text).ok()
        });
        RecoveryPanel { recovered }
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
