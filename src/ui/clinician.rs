//! The clinician programmer: PIN entry, lead diagram with contacts to tap, settings,
//! programs, impedance check, threshold finding, paresthesia map and the session log.

use super::clinician_settings::{settings_ui, split_ui};
use super::request::{Request, Shared};
use super::tool_panel;
use crate::device::lead::{CONTACTS_PER_LEAD, Polarity};
use crate::device::program::Program;
use crate::session::command::Threshold;
use crate::session::ramp::{RAMP_EVERY_S, RAMP_STEP_MA, Ramp};
use crate::session::{Command, ProgrammerEdit, RemoteKey, Role, Session};
use egui::{Color32, RichText, Ui};

/// The clinician programmer's own state: what is being typed, its last refusal, the
/// impedance table and the threshold ramp.
#[derive(Debug, Default)]
pub struct ClinicianPanel {
    pin_input: String,
    old_pin: String,
    new_pin: String,
    program_name: String,
    message: Option<String>,
    show_impedance: bool,
    ramp: Ramp,
}

impl ClinicianPanel {
    /// The programmer's last refusal, if any.
    pub fn message(&self) -> Option<&str> {
        self.message.as_deref()
    }

    /// Shows the outcome of the programmer's last request (`None`: it was accepted).
    pub fn answer(&mut self, refusal: Option<String>) {
        self.message = refusal;
    }

    /// The threshold-finding ramp, which the clock moves on.
    pub fn ramp_mut(&mut self) -> &mut Ramp {
        &mut self.ramp
    }

    /// Draws the programmer in its side panel; returns the requests of this frame.
    pub fn show(&mut self, ui: &mut Ui, shared: &Shared<'_>) -> Vec<Request> {
        tool_panel(ui, "clinician", |ui| self.ui(ui, shared))
    }

    /// Draws the PIN prompt in a side panel `id` under `heading` (the teacher's controls
    /// ask for the same PIN); returns the requests of this frame.
    pub fn show_login(
        &mut self,
        ui: &mut Ui,
        shared: &Shared<'_>,
        id: &str,
        heading: &str,
    ) -> Vec<Request> {
        tool_panel(ui, id, |ui| {
            let mut out = Vec::new();
            self.login_ui(ui, heading, shared.palette.pain, &mut out);
            out
        })
    }

    /// Draws the clinician programmer (or its PIN prompt).
    fn ui(&mut self, ui: &mut Ui, shared: &Shared<'_>) -> Vec<Request> {
        let mut out = Vec::new();
        let pain = shared.palette.pain;
        if shared.session.role != Role::Clinician {
            self.login_ui(ui, "Clinician programmer", pain, &mut out);
            return out;
        }
        let d = &shared.session.device();
        ui.horizontal(|ui| {
            ui.heading("Clinician programmer");
            if ui.button("Leave clinician mode").clicked() {
                out.push(Request::Leave);
            }
        });
        if let Some(m) = &self.message {
            ui.colored_label(pain, m);
        }
        programs_ui(ui, shared.session, &mut out);
        ui.separator();
        let program = d.program();
        contacts_ui(ui, shared, &mut out);
        let mut case = program.electrodes.case_anode;
        if ui.checkbox(&mut case, "Case (IPG) as anode").changed() {
            out.push(Request::Clinician(Command::Programmer(
                ProgrammerEdit::SetContacts {
                    code: program.electrodes.to_code(),
                    case_anode: case,
                },
            )));
        }
        if let Some(split) = split_ui(ui, &program.electrodes) {
            out.push(Request::Clinician(split));
        }
        self.rename_ui(ui, program, &mut out);
        ui.separator();
        settings_ui(ui, shared, &mut out);
        ui.separator();
        self.tools_ui(ui, shared, &mut out);
        out
    }

    /// The PIN prompt.
    fn login_ui(&mut self, ui: &mut Ui, heading: &str, pain: Color32, out: &mut Vec<Request>) {
        ui.heading(heading);
        ui.label("Enter the clinician PIN (it opens the programmer and the teacher's controls).");
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
        if let Some(m) = &self.message {
            ui.colored_label(pain, m);
        }
    }

    /// The running program's new name.
    fn rename_ui(&mut self, ui: &mut Ui, program: &Program, out: &mut Vec<Request>) {
        ui.horizontal(|ui| {
            let label = ui.label("Program name");
            let field = egui::TextEdit::singleline(&mut self.program_name)
                .desired_width(140.0)
                .hint_text(program.name.as_str());
            ui.add(field).labelled_by(label.id);
            if ui.button("Rename").clicked() {
                out.push(Request::Clinician(Command::Programmer(
                    ProgrammerEdit::RenameProgram(std::mem::take(&mut self.program_name)),
                )));
            }
        });
    }

    /// Impedance check, ramp, thresholds, paresthesia map, PIN change and the log.
    fn tools_ui(&mut self, ui: &mut Ui, shared: &Shared<'_>, out: &mut Vec<Request>) {
        let session = shared.session;
        ui.horizontal(|ui| {
            ui.toggle_value(&mut self.show_impedance, "Impedance check");
            let mut ramp = self.ramp.is_running();
            if ui
                .toggle_value(&mut ramp, "Ramp amplitude")
                .on_hover_text(format!(
                    "+{RAMP_STEP_MA:.1} mA every {RAMP_EVERY_S:.0} simulated seconds"
                ))
                .changed()
            {
                self.ramp.set_running(ramp);
            }
        });
        if self.show_impedance {
            impedance_ui(ui, session, shared.palette.pain);
        }
        let notes = &session.device().program().notes;
        let fmt = |v: Option<f64>| v.map_or("—".into(), |x| format!("{x:.1} mA"));
        ui.horizontal(|ui| {
            if ui.button("Mark perception threshold").clicked() {
                out.push(Request::Clinician(Command::Programmer(
                    ProgrammerEdit::MarkThreshold(Threshold::Perception),
                )));
            }
            if ui.button("Mark discomfort threshold").clicked() {
                out.push(Request::Clinician(Command::Programmer(
                    ProgrammerEdit::MarkThreshold(Threshold::Discomfort),
                )));
            }
        });
        ui.label(format!(
            "Marked: PT {} · DT {}",
            fmt(notes.measured_pt_ma),
            fmt(notes.measured_dt_ma)
        ));
        if ui.button("Save paresthesia map").clicked() {
            out.push(Request::Clinician(Command::Programmer(
                ProgrammerEdit::SaveParesthesiaMap,
            )));
        }
        if let Some(words) = &notes.patient_words {
            ui.small(format!("Map saved: “{words}”"));
        }
        // A trainee in an exercise must not lock the clinician out: no PIN change there.
        if shared.exercise.is_none() {
            self.pin_change_ui(ui, out);
        }
        ui.collapsing("Session log", |ui| {
            for e in session.log.iter().rev().take(14) {
                let mark = if e.refused.is_some() { "refused: " } else { "" };
                ui.small(format!("{:>6.0} s  {mark}{:?}", e.t_s, e.command));
            }
        });
    }
}

impl ClinicianPanel {
    /// Old PIN, new PIN and the button to change it.
    fn pin_change_ui(&mut self, ui: &mut Ui, out: &mut Vec<Request>) {
        ui.horizontal(|ui| {
            for (text, pin) in [
                ("Old PIN", &mut self.old_pin),
                ("New PIN", &mut self.new_pin),
            ] {
                let label = ui.label(text);
                ui.add(
                    egui::TextEdit::singleline(pin)
                        .password(true)
                        .desired_width(90.0),
                )
                .labelled_by(label.id);
            }
            if ui.button("Change PIN").clicked() {
                out.push(Request::NewPin {
                    old: std::mem::take(&mut self.old_pin),
                    new: std::mem::take(&mut self.new_pin),
                });
            }
        });
    }
}

/// The stored programs, to choose, add, copy or delete.
fn programs_ui(ui: &mut Ui, session: &Session, out: &mut Vec<Request>) {
    let d = &session.device();
    let mut send = |c: Command| out.push(Request::Clinician(c));
    ui.horizontal_wrapped(|ui| {
        for (i, p) in d.programs.iter().enumerate() {
            if ui
                .selectable_label(d.active == i, format!("P{} {}", i + 1, p.name))
                .clicked()
            {
                send(Command::Remote(RemoteKey::SelectProgram(i)));
            }
        }
    });
    ui.horizontal(|ui| {
        if ui.button("New program").clicked() {
            send(Command::Programmer(ProgrammerEdit::NewProgram {
                name: format!("Program {}", d.programs.len() + 1),
            }));
        }
        if ui.button("Copy program").clicked() {
            send(Command::Programmer(ProgrammerEdit::CopyProgram(d.active)));
        }
        if ui.button("Delete program").clicked() {
            send(Command::Programmer(ProgrammerEdit::DeleteProgram(d.active)));
        }
    });
}

/// Lead diagram: tap a contact to cycle off → − → +.
fn contacts_ui(ui: &mut Ui, shared: &Shared<'_>, out: &mut Vec<Request>) {
    let d = &shared.session.device();
    let palette = &shared.palette;
    let program = d.program();
    ui.label("Contacts: tap to cycle off, −, +. Changing polarity sets the amplitude to 0.");
    ui.horizontal(|ui| {
        for (lead, placement) in d.placements.iter().enumerate() {
            ui.vertical(|ui| {
                ui.label(format!(
                    "Lead {} · {} {:+.1} mm",
                    lead + 1,
                    placement.level,
                    placement.lateral_mm
                ));
                for k in 0..CONTACTS_PER_LEAD {
                    let polarity = program
                        .electrodes
                        .leads
                        .get(lead)
                        .map_or(Polarity::Off, |l| l[k]);
                    let fault = d.impedances.fault(lead, k);
                    let (text, fill) = match (fault, polarity) {
                        (Some(_), _) => ("X".to_string(), palette.pain.gamma_multiply(0.5)),
                        (None, Polarity::Cathode) => ("−".to_string(), palette.cathode),
                        (None, Polarity::Anode) => ("+".to_string(), palette.anode),
                        (None, Polarity::Off) => ("0".to_string(), Color32::from_gray(90)),
                    };
                    let button = egui::Button::new(
                        RichText::new(format!("{k}: {text}"))
                            .color(Color32::WHITE)
                            .strong(),
                    )
                    .fill(fill)
                    .min_size(egui::vec2(64.0, 22.0));
                    let label = format!("Lead {} contact {k}", lead + 1);
                    let r = ui.add(button).on_hover_text(&label);
                    r.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, &label));
                    if r.clicked() {
                        out.push(Request::Clinician(Command::Programmer(
                            ProgrammerEdit::SetContact {
                                lead,
                                contact: k,
                                polarity: polarity.cycled(),
                            },
                        )));
                    }
                }
            });
        }
    });
}

/// The impedance of every contact, faults flagged.
fn impedance_ui(ui: &mut Ui, session: &Session, pain: Color32) {
    let d = &session.device();
    egui::Grid::new("impedance").striped(true).show(ui, |ui| {
        ui.label("contact");
        for lead in 0..d.impedances.leads() {
            ui.label(format!("lead {} (Ω)", lead + 1));
        }
        ui.end_row();
        for k in 0..CONTACTS_PER_LEAD {
            ui.label(k.to_string());
            for lead in 0..d.impedances.leads() {
                let z = d.impedances.ohm(lead, k);
                match d.impedances.fault(lead, k) {
                    Some(f) => ui.colored_label(pain, format!("{z:.0} {}", f.describe())),
                    None => ui.label(format!("{z:.0}")),
                };
            }
            ui.end_row();
        }
    });
}
