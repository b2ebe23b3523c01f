//! The clinician's pump programmer: interrogate, the prescription (drug, concentration,
//! daily dose; the rate computed) reviewed old beside new before it is sent, the patient's
//! bolus limits, bridge bolus, stop and start, and the refill workflow below.

use super::drug_picker::{drug_and_concentration, unit};
use super::refill::PumpRefillPanel;
use crate::implant::pump::PumpImplant;
use crate::implant::pump::device::rate_of;
use crate::implant::pump::{BolusLimits, Mode, PumpEdit, dose_words};
use crate::patient::pharmacology::Drug;
use crate::session::{Command, ProgrammerEdit, Role};
use crate::ui::login::Login;
use crate::ui::request::{Request, Shared};
use egui::{RichText, Ui};

/// The programmer's fields being edited, and the refill.
#[derive(Debug, Default)]
pub struct PumpProgrammerPanel {
    /// The prescription being prepared: drug, concentration (mg/mL), dose (mg/day).
    draft: Option<(Drug, f64, f64)>,
    /// The bolus being prepared: dose (mg), lockout (h), most a day.
    bolus: Option<(f64, f64, u32)>,
    /// Old beside new is shown.
    reviewing: bool,
    /// The refill tab is open (else the prescription's).
    refill_tab: bool,
    /// The refill workflow.
    pub refill: PumpRefillPanel,
}

fn send(out: &mut Vec<Request>, e: PumpEdit) {
    out.push(Request::Clinician(Command::Programmer(
        ProgrammerEdit::Pump(e),
    )));
}

impl PumpProgrammerPanel {
    /// Draws the programmer of `pump` in the tool panel, or the PIN prompt (`login`) while
    /// no clinician is logged in; `message` is the programmer's last message.
    pub fn show(
        &mut self,
        ui: &mut Ui,
        shared: &Shared<'_>,
        pump: &PumpImplant,
        message: Option<&str>,
        login: &mut Login,
    ) -> Vec<Request> {
        if shared.session.role != Role::Clinician {
            let pain = shared.palette.pain;
            return login.show(ui, ("clinician", "Pump programmer"), message, pain);
        }
        let mut out = Vec::new();
        egui::Panel::left("pump_programmer")
            .exact_size(crate::ui::draw::tool_panel::tools_width(ui, "clinician"))
            .resizable(false)
            .show(ui, |ui| {
                crate::ui::draw::region::panel(ui, "Programmer panel");
                out = crate::ui::draw::region::scroll_down(ui, |ui| {
                    self.ui(ui, shared, pump, message)
                });
            });
        out
    }

    fn ui(
        &mut self,
        ui: &mut Ui,
        shared: &Shared<'_>,
        p: &PumpImplant,
        message: Option<&str>,
    ) -> Vec<Request> {
        let mut out = Vec::new();
        let pump = &p.pump;
        let t = shared.session.t_s;
        ui.horizontal(|ui| {
            ui.heading("Pump programmer");
            if ui.button("Interrogate").clicked() {
                send(&mut out, PumpEdit::Interrogate);
            }
            if ui.button("Leave clinician mode").clicked() {
                out.push(Request::Leave);
            }
        });
        if let Some(ex) = shared.exercise {
            crate::ui::brief::brief_ui(ui, shared, ex, &mut out);
        }
        ui.label(RichText::new(message.unwrap_or(" ")).color(shared.palette.pain));
        ui.label(format!(
            "Reservoir {:.1} of {:.0} mL by the record · low alarm at {:.1} mL{}",
            pump.record_ml,
            pump.capacity_ml,
            pump.low_alarm_ml,
            pump.days_to_low_reservoir(t)
                .map_or(String::new(), |d| format!(" in {d:.1} days"))
        ));
        ui.label(format!("Order on file: {}", pump.order_words()));
        for a in &pump.alarms {
            ui.label(
                RichText::new(a.to_string())
                    .strong()
                    .color(shared.palette.pain),
            );
        }
        ui.horizontal(|ui| {
            ui.selectable_value(&mut self.refill_tab, false, "Prescription and bolus");
            ui.selectable_value(&mut self.refill_tab, true, "Refill");
        });
        ui.separator();
        if self.refill_tab {
            out.extend(self.refill.ui(ui, shared, p));
            return out;
        }
        self.prescription(ui, p, &mut out);
        ui.separator();
        self.bolus_ui(ui, p, &mut out);
        ui.separator();
        ui.horizontal(|ui| {
            if ui.button("Bridge bolus").clicked() {
                send(&mut out, PumpEdit::BridgeBolus);
            }
            let (label, mode) = if pump.mode == Mode::Stopped {
                ("Start pump", Mode::SimpleContinuous)
            } else {
                ("Stop pump", Mode::Stopped)
            };
            if ui.button(label).clicked() {
                send(&mut out, PumpEdit::SetMode(mode));
            }
        });
        out
    }

    fn prescription(&mut self, ui: &mut Ui, p: &PumpImplant, out: &mut Vec<Request>) {
        let pump = &p.pump;
        let now = (
            pump.programmed.drug,
            pump.programmed.concentration_mg_per_ml,
            pump.daily_dose_mg,
        );
        let (mut drug, mut conc, mut dose) = self.draft.unwrap_or(now);
        ui.label(RichText::new("Prescription").strong());
        drug_and_concentration(ui, ("Drug", "Concentration"), &mut drug, &mut conc);
        let (k, u) = unit(drug);
        let mut d = dose * k;
        ui.add(
            egui::DragValue::new(&mut d)
                .speed(0.1)
                .range(0.0..=100_000.0)
                .suffix(format!(" {u}/day")),
        )
        .labelled_by(ui.label("Daily dose").id);
        dose = d / k;
        ui.label(format!(
            "Rate {:.4} mL/day (dose ÷ concentration)",
            rate_of(dose, conc)
        ));
        self.draft =
            (self.draft.is_some() || (drug, conc, dose) != now).then_some((drug, conc, dose));
        ui.horizontal(|ui| {
            if ui.button("Review changes").clicked() {
                self.reviewing = true;
            }
            if ui.button("Discard changes").clicked() {
                self.draft = None;
                self.reviewing = false;
            }
        });
        if self.reviewing {
            egui::Grid::new("old_new").num_columns(3).show(ui, |ui| {
                ui.label("");
                ui.label(RichText::new("Old").strong());
                ui.label(RichText::new("New").strong());
                ui.end_row();
                ui.label("Drug");
                ui.label(format!("{} {} mg/mL", now.0, now.1));
                ui.label(format!("{drug} {conc} mg/mL"));
                ui.end_row();
                ui.label("Daily dose");
                ui.label(dose_words(now.0, now.2));
                ui.label(dose_words(drug, dose));
                ui.end_row();
                ui.label("Rate");
                ui.label(format!("{:.4} mL/day", rate_of(now.2, now.1)));
                ui.label(format!("{:.4} mL/day", rate_of(dose, conc)));
                ui.end_row();
            });
            if ui.button("Send to pump").clicked() {
                if (drug, conc) != (now.0, now.1) {
                    send(
                        out,
                        PumpEdit::SetDrug {
                            drug,
                            concentration_mg_per_ml: conc,
                        },
                    );
                }
                if dose != now.2 {
                    send(out, PumpEdit::SetDailyDose(dose));
                }
                self.draft = None;
                self.reviewing = false;
            }
        }
    }

    fn bolus_ui(&mut self, ui: &mut Ui, p: &PumpImplant, out: &mut Vec<Request>) {
        let pump = &p.pump;
        let now = pump
            .bolus
            .map_or((0.0, 4.0, 4), |b| (b.dose_mg, b.lockout_h, b.max_per_day));
        let (mut mg, mut lockout, mut max) = self.bolus.unwrap_or(now);
        let (k, u) = unit(pump.programmed.drug);
        ui.label(RichText::new("Patient's bolus").strong());
        let mut v = mg * k;
        ui.add(
            egui::DragValue::new(&mut v)
                .speed(0.01)
                .range(0.0..=100_000.0)
                .suffix(format!(" {u}")),
        )
        .labelled_by(ui.label("Bolus dose").id);
        mg = v / k;
        ui.add(
            egui::DragValue::new(&mut lockout)
                .speed(0.25)
                .range(0.25..=24.0)
                .suffix(" h"),
        )
        .labelled_by(ui.label("Lockout").id);
        ui.horizontal(|ui| {
            let l = ui.label("Most a day");
            ui.add(egui::DragValue::new(&mut max).range(1..=24))
                .labelled_by(l.id);
        });
        self.bolus = Some((mg, lockout, max));
        ui.horizontal(|ui| {
            if ui.button("Send bolus limits").clicked() {
                send(
                    out,
                    PumpEdit::SetBolus(Some(BolusLimits {
                        dose_mg: mg,
                        lockout_h: lockout,
                        max_per_day: max,
                    })),
                );
                self.bolus = None;
            }
            if ui.button("No patient bolus").clicked() {
                send(out, PumpEdit::SetBolus(None));
                self.bolus = None;
            }
        });
    }
}
