//! The patient with a drug pump: who they are, what they say, their pain (or spasticity)
//! now, vital signs and the signs a nurse would see; and the drug levels for the teacher.

use crate::implant::pump::{PumpImplant, clock_words};
use crate::ui::request::{Request, Shared};
use egui::{RichText, Ui};

/// Draws the patient with pump `p`; the pain plot's chart buttons answer.
pub fn pump_patient_ui(ui: &mut Ui, shared: &Shared<'_>, p: &PumpImplant) -> Vec<Request> {
    let s = shared.session;
    let e = p.effects(&s.patient);
    let pain = &shared.view.pain;
    let drug = p.pump.programmed.drug;
    ui.heading(format!(
        "{}, {} — {}",
        s.patient.name, s.patient.age, s.patient.diagnosis
    ));
    ui.label(&s.patient.history);
    ui.separator();
    ui.label(
        RichText::new(format!("\"{}\"", shared.view.speech))
            .italics()
            .size(16.0),
    );
    ui.add_space(6.0);
    egui::Grid::new("pump_patient")
        .num_columns(2)
        .show(ui, |ui| {
            ui.label("Clock");
            ui.label(clock_words(s.t_s));
            ui.end_row();
            if !shared.blind {
                ui.label("Pain (VAS)");
                ui.label(format!(
                    "{:.1} of 10 ({:.0} % relief)",
                    pain.vas, pain.relief_percent
                ));
                ui.end_row();
            }
            ui.label("Breathing");
            ui.label(format!("{:.0} a minute", e.vitals.respiratory_rate_per_min));
            ui.end_row();
            ui.label("Heart");
            ui.label(format!("{:.0} a minute", e.vitals.heart_rate_bpm));
            ui.end_row();
            ui.label("Blood pressure");
            ui.label(format!("{:.0} mmHg systolic", e.vitals.systolic_mmhg));
            ui.end_row();
            ui.label("Temperature");
            ui.label(format!("{:.1} °C", e.vitals.temperature_c));
            ui.end_row();
            if !shared.blind {
                ui.label("CSF");
                ui.label(format!("{:.1} ng/mL of {drug}", p.body.csf_ng_per_ml(drug)));
                ui.end_row();
            }
        });
    ui.add_space(6.0);
    if e.signs.is_empty() {
        ui.label("No side effects or withdrawal signs");
    } else {
        for sign in &e.signs {
            ui.label(RichText::new(sign.words()).color(shared.palette.pain));
        }
    }
    if shared.blind {
        return Vec::new();
    }
    // Pain and relief over the hours and days of pump time.
    ui.add_space(8.0);
    let size = egui::vec2(ui.available_width(), 220.0);
    ui.allocate_ui(size, |ui| {
        crate::ui::draw::plots::pain_plot_ui(ui, s.series(), &shared.palette)
    })
    .inner
}

/// Simulated seconds a wall second may run a pump session at (a pump's work spans days).
pub const PUMP_SPEEDS: [(f64, &str); 4] = [
    (0.0, "Toolbar speed"),
    (60.0, "1 min/s"),
    (3600.0, "1 h/s"),
    (86_400.0, "1 day/s"),
];

/// The pump session's speed (simulated seconds per wall second; 0 follows the toolbar).
#[derive(Debug, Default)]
pub struct PumpPatientPanel {
    /// Simulated seconds per wall second (0: the toolbar's speed).
    pub speed_s_per_s: f64,
}

impl PumpPatientPanel {
    /// Draws the patient with pump `p` in the central panel, with the pump's speeds above.
    pub fn show(&mut self, ui: &mut Ui, shared: &Shared<'_>, p: &PumpImplant) -> Vec<Request> {
        egui::CentralPanel::default()
            .show(ui, |ui| {
                crate::ui::draw::region::panel(ui, "Patient panel");
                // Wrapped: in a narrow window (the programmer beside it) the row would widen
                // the whole panel past the window's edge.
                ui.horizontal_wrapped(|ui| {
                    if shared.exercise.is_some() {
                        // The exercise's speed holds; days pass by the next visit.
                        ui.label("Pump time: the exercise's speed (days pass by the next visit)");
                        return;
                    }
                    ui.label("Pump time:");
                    for (speed, label) in PUMP_SPEEDS {
                        ui.selectable_value(&mut self.speed_s_per_s, speed, label);
                    }
                });
                ui.separator();
                crate::ui::draw::region::scroll_down(ui, |ui| pump_patient_ui(ui, shared, p))
            })
            .inner
    }
}
