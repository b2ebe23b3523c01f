//! The patient's pump remote (myPTM-like): the pump's state in a patient's words and a
//! bolus button within the clinician's limits; a refusal says why and when the next dose
//! is possible.

use crate::implant::pump::{PumpImplant, PumpKey, dose_words};
use crate::session::{Command, RemoteKey};
use crate::ui::implant::remote_side::{Fold, remote_side};
use crate::ui::request::{Request, Shared};
use egui::{RichText, Ui};

/// The pump remote's own state: folded or opened beside the tools in a narrow window (the
/// last answer is kept by the shell).
#[derive(Debug, Default)]
pub struct PumpRemotePanel {
    /// Folded beside the tools in a narrow window, or opened by hand.
    fold: Fold,
}

impl PumpRemotePanel {
    /// Draws the remote of `p` in the left panel; `message` is the last refusal on its
    /// screen.
    pub fn show(
        &mut self,
        ui: &mut Ui,
        shared: &Shared<'_>,
        p: &PumpImplant,
        message: Option<&str>,
    ) -> Vec<Request> {
        let mut out = Vec::new();
        remote_side(ui, shared, (&mut self.fold, "pump_remote"), |ui| {
            ui.add_space(8.0);
            out = pump_remote_ui(ui, shared, p, message);
        });
        out
    }
}

/// The remote's screen and its key, for pump `p`.
pub fn pump_remote_ui(
    ui: &mut Ui,
    shared: &Shared<'_>,
    p: &PumpImplant,
    message: Option<&str>,
) -> Vec<Request> {
    let mut out = Vec::new();
    let pump = &p.pump;
    ui.heading("My pump");
    ui.add_space(4.0);
    egui::Frame::group(ui.style()).show(ui, |ui| {
        ui.set_width(250.0);
        let alarms: Vec<&str> = pump.alarms.iter().map(|a| a.patient_words()).collect();
        if alarms.is_empty() {
            ui.label(RichText::new("Pump working").strong());
        } else {
            for a in alarms {
                ui.label(RichText::new(a).strong().color(shared.palette.pain));
            }
        }
        ui.label(format!("Medicine: {}", pump.programmed.drug));
        match pump.bolus {
            Some(b) => {
                let today = pump.bolus_times_s.len();
                ui.label(format!(
                    "Extra dose: {} · {today} of {} used today",
                    dose_words(pump.programmed.drug, b.dose_mg),
                    b.max_per_day
                ));
            }
            None => {
                ui.label("No extra doses set up");
            }
        }
        ui.add_space(4.0);
        ui.label(message.unwrap_or(" "));
    });
    ui.add_space(12.0);
    let button = egui::Button::new(RichText::new("Give extra dose").size(20.0))
        .min_size(egui::vec2(220.0, 64.0));
    if ui.add(button).on_hover_text("Bolus").clicked() {
        out.push(Request::Patient(Command::Remote(RemoteKey::Pump(
            PumpKey::Bolus,
        ))));
    }
    out
}
