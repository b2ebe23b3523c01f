//! The refill workflow, step by step as a nurse does it: interrogate, note the expected
//! residual, needle into the reservoir septum (not the catheter access port), aspirate and
//! compare, flag a discrepancy, fill, needle out, update the pump. The simulator decides
//! what comes back; every step is a command, so every step is logged.

use super::drug_picker::drug_and_concentration;
use crate::implant::pump::{Kit, Port, PumpEdit, PumpImplant, RefillStep};
use crate::patient::pharmacology::Drug;
use crate::session::{Command, ProgrammerEdit};
use crate::ui::request::{Request, Shared};
use egui::{RichText, Ui};

/// What the nurse fills: drug, concentration (mg/mL), volume (mL).
#[derive(Debug, Default)]
pub struct PumpRefillPanel {
    fill: Option<(Drug, f64, f64)>,
}

fn step(out: &mut Vec<Request>, s: RefillStep) {
    out.push(Request::Clinician(Command::Programmer(
        ProgrammerEdit::Pump(PumpEdit::Refill(s)),
    )));
}

impl PumpRefillPanel {
    /// Draws the refill steps of `p`; returns the requests.
    pub fn ui(&mut self, ui: &mut Ui, shared: &Shared<'_>, p: &PumpImplant) -> Vec<Request> {
        let mut out = Vec::new();
        let pump = &p.pump;
        ui.label(RichText::new("Refill").strong());
        let Some(r) = &pump.refill else {
            if ui.button("Begin refill").clicked() {
                step(&mut out, RefillStep::Begin);
            }
            if let Some(last) = &pump.last_refill {
                ui.label(format!(
                    "Last refill: {:.1} mL returned of {:.1} expected; pump updated to {:.1} mL",
                    last.returned_ml.unwrap_or(0.0),
                    last.expected_ml,
                    last.recorded_ml.unwrap_or(0.0)
                ));
            }
            return out;
        };
        ui.label(format!(
            "Expected residual {:.1} mL (from the pump's record)",
            r.expected_ml
        ));
        match r.needle {
            None => {
                ui.horizontal(|ui| {
                    if ui.button("Needle into reservoir").clicked() {
                        step(
                            &mut out,
                            RefillStep::InsertNeedle {
                                port: Port::Reservoir,
                                kit: Kit::Refill,
                            },
                        );
                    }
                    if ui.button("Needle into catheter access port").clicked() {
                        step(
                            &mut out,
                            RefillStep::InsertNeedle {
                                port: Port::CatheterAccess,
                                kit: Kit::CatheterAccess,
                            },
                        );
                    }
                });
            }
            Some(n) => {
                // Where the needle was aimed, never where it truly lies: a needle that
                // missed the septum looks the same until the aspirate tells.
                ui.label(format!(
                    "Needle aimed at: {} — aspirate to tell where it lies",
                    match n.port {
                        Port::Reservoir => "reservoir septum (refill kit)",
                        Port::CatheterAccess => "catheter access port (access kit)",
                    }
                ));
                ui.horizontal(|ui| {
                    if ui.button("Aspirate").clicked() {
                        step(&mut out, RefillStep::Aspirate);
                    }
                    if ui.button("Remove needle").clicked() {
                        step(&mut out, RefillStep::RemoveNeedle);
                    }
                });
            }
        }
        if let Some(v) = r.returned_ml {
            ui.label(format!("Returned {v:.1} mL"));
        }
        if let Some(d) = r.discrepancy_ml {
            ui.label(
                RichText::new(format!(
                    "Discrepancy {d:+.1} mL: over the {:.0} mL limit",
                    pump.discrepancy_limit_ml()
                ))
                .strong()
                .color(shared.palette.pain),
            );
            if !r.flagged && ui.button("Flag discrepancy").clicked() {
                step(&mut out, RefillStep::FlagDiscrepancy);
            }
        }
        self.fill_ui(ui, p, &mut out);
        out
    }

    fn fill_ui(&mut self, ui: &mut Ui, p: &PumpImplant, out: &mut Vec<Request>) {
        let pump = &p.pump;
        let (mut drug, mut conc, mut ml) = self.fill.unwrap_or((
            pump.programmed.drug,
            pump.programmed.concentration_mg_per_ml,
            pump.capacity_ml,
        ));
        drug_and_concentration(
            ui,
            ("Fill drug", "Fill concentration"),
            &mut drug,
            &mut conc,
        );
        ui.add(
            egui::DragValue::new(&mut ml)
                .speed(0.1)
                .range(0.0..=pump.capacity_ml)
                .suffix(" mL"),
        )
        .labelled_by(ui.label("Fill volume").id);
        self.fill = Some((drug, conc, ml));
        ui.horizontal(|ui| {
            if ui.button("Fill").clicked() {
                step(
                    out,
                    RefillStep::Fill {
                        drug,
                        concentration_mg_per_ml: conc,
                        volume_ml: ml,
                    },
                );
            }
            if ui.button("Update pump").clicked() {
                step(out, RefillStep::Finish { volume_ml: ml });
            }
        });
    }
}
