//! The clinician programmer, shaped like the tablet apps: program cards, an AP lead
//! diagram with big contacts and steering arrows, settings as steppers, stimulation on/off,
//! a fixed message line and fixed-size tool tabs (thresholds and the ramp, asking the
//! patient, the impedance check, the log), so that nothing moves when messages appear.

use super::clinician_settings::{settings_ui, split_ui, warnings_ui};
use super::clinician_tools::ProgrammerTools;
use super::lead_diagram::{DiagramAction, lead_diagram_ui};
use crate::device::program::Program;
use crate::session::{Command, ProgrammerEdit, RemoteKey, Role, Session};
use crate::ui::answers::Answers;
use crate::ui::brief::brief_ui;
use crate::ui::draw::stepper::Steppers;
use crate::ui::draw::tool_panel::tool_panel;
use crate::ui::login::Login;
use crate::ui::request::{Request, Shared};
use egui::{Color32, RichText, Ui};

/// The clinician programmer's own state: the program name being typed, the steppers and
/// the tool tabs (the message line is the shell's).
#[derive(Debug, Default)]
pub struct ClinicianPanel {
    program_name: String,
    steppers: Steppers,
    tools: ProgrammerTools,
}

impl ClinicianPanel {
    /// The tool tabs: the threshold ramp, the conversation, the impedance check.
    pub fn tools(&self) -> &ProgrammerTools {
        &self.tools
    }

    /// The tool tabs, to change (the clock moves the ramp on; the patient's answers join
    /// the conversation; a new session clears them).
    pub fn tools_mut(&mut self) -> &mut ProgrammerTools {
        &mut self.tools
    }

    /// Draws the programmer in its side panel, or the PIN prompt (`login`) while no
    /// clinician is logged in; `answers` holds its message line. Returns the requests of
    /// this frame.
    pub fn show(
        &mut self,
        ui: &mut Ui,
        shared: &Shared<'_>,
        answers: &mut Answers,
        login: &mut Login,
    ) -> Vec<Request> {
        tool_panel(ui, "clinician", |ui| self.ui(ui, shared, answers, login))
    }

    /// Draws the clinician programmer (or its PIN prompt).
    fn ui(
        &mut self,
        ui: &mut Ui,
        shared: &Shared<'_>,
        answers: &mut Answers,
        login: &mut Login,
    ) -> Vec<Request> {
        let mut out = Vec::new();
        let pain = shared.palette.pain;
        if shared.session.role != Role::Clinician {
            let message = answers.programmer();
            login.prompt_ui(ui, "Clinician programmer", message, pain, &mut out);
            return out;
        }
        ui.horizontal(|ui| {
            ui.heading("Clinician programmer");
            if ui.button("Leave clinician mode").clicked() {
                out.push(Request::Leave);
            }
        });
        if let Some(ex) = shared.exercise {
            brief_ui(ui, shared, ex, &mut out);
        }
        let message = answers
            .programmer()
            .map(str::to_string)
            .or_else(|| self.tools.ramp().stopped().map(ToString::to_string));
        message_line(ui, message.as_deref(), pain);
        self.programs_ui(ui, shared.session, &mut out);
        ui.separator();
        ui.horizontal_top(|ui| {
            ui.vertical(|ui| {
                ui.set_width(256.0);
                match lead_diagram_ui(ui, shared, self.tools.impedance_checked()) {
                    Some(DiagramAction::Edit(edit)) => {
                        out.push(Request::Clinician(Command::Programmer(edit)));
                    }
                    Some(DiagramAction::Problem(p)) => {
                        answers.answer_programmer(Some(p.to_string()));
                    }
                    None => {}
                }
            });
            ui.vertical(|ui| {
                stimulation_ui(ui, shared.session, &mut out);
                settings_ui(ui, shared, &mut self.steppers, &mut out);
                if let Some(d) = shared.session.device() {
                    contacts_extra_ui(ui, d.program(), &mut out);
                }
            });
        });
        ui.separator();
        warnings_ui(ui, shared, self.tools.impedance_checked());
        ui.separator();
        self.tools.ui(ui, shared, answers, &mut out);
        out
    }

    /// Program cards (name, waveform, contacts, range) to select, then copy, new, delete
    /// and rename for the running one.
    fn programs_ui(&mut self, ui: &mut Ui, session: &Session, out: &mut Vec<Request>) {
        let Some(d) = session.device() else {
            return;
        };
        let mut send = |c: Command| out.push(Request::Clinician(c));
        ui.horizontal(|ui| {
            for (i, p) in d.programs.iter().enumerate() {
                if program_card(ui, i, p, d.active == i) {
                    send(Command::Remote(RemoteKey::SelectProgram(i)));
                }
            }
        });
        ui.horizontal(|ui| {
            if ui.button("Copy program").clicked() {
                send(Command::Programmer(ProgrammerEdit::CopyProgram(d.active)));
            }
            if ui.button("New program").clicked() {
                send(Command::Programmer(ProgrammerEdit::NewProgram {
                    name: format!("Program {}", d.programs.len() + 1),
                }));
            }
            if ui.button("Delete program").clicked() {
                send(Command::Programmer(ProgrammerEdit::DeleteProgram(d.active)));
            }
        });
        ui.horizontal(|ui| {
            let label = ui.label("Program name");
            let field = egui::TextEdit::singleline(&mut self.program_name)
                .desired_width(110.0)
                .hint_text(d.program().name.as_str());
            ui.add(field).labelled_by(label.id);
            if ui.button("Rename").clicked() {
                send(Command::Programmer(ProgrammerEdit::RenameProgram(
                    std::mem::take(&mut self.program_name),
                )));
            }
        });
    }
}

/// One program card: name, waveform, contacts and the patient's range; true when chosen.
fn program_card(ui: &mut Ui, i: usize, p: &Program, active: bool) -> bool {
    let s = p.settings;
    let text = format!(
        "P{} {}\n{} · {:.1} mA\n{}\n{:.1}–{:.1} mA",
        i + 1,
        p.name,
        s.waveform.name(),
        s.amplitude_ma,
        p.electrodes.to_code(),
        p.window.min_ma,
        p.window.max_ma
    );
    let button = egui::Button::selectable(active, RichText::new(text).small())
        .min_size(egui::vec2(128.0, 70.0));
    let r = ui.add_sized(egui::vec2(128.0, 70.0), button);
    let label = format!("P{} {}", i + 1, p.name);
    r.widget_info(|| egui::WidgetInfo::selected(egui::Role::Button, true, active, &label));
    r.clicked()
}

/// Stimulation on and off from the programmer (not the patient's remote: never blocked by
/// its lock or link).
fn stimulation_ui(ui: &mut Ui, session: &Session, out: &mut Vec<Request>) {
    let on = session.implant().therapy().therapy_on();
    ui.horizontal(|ui| {
        ui.label("Stimulation");
        for (label, want, key) in [
            ("Stimulation on", true, RemoteKey::TherapyOn),
            ("Stimulation off", false, RemoteKey::TherapyOff),
        ] {
            let text = if want { "ON" } else { "OFF" };
            let r =
                ui.add(egui::Button::selectable(on == want, text).min_size(egui::vec2(56.0, 28.0)));
            r.widget_info(|| {
                egui::WidgetInfo::selected(egui::Role::Button, true, on == want, label)
            });
            if r.clicked() && on != want {
                out.push(Request::Clinician(Command::Remote(key)));
            }
        }
    });
}

/// The case as an anode and the current split.
fn contacts_extra_ui(ui: &mut Ui, program: &Program, out: &mut Vec<Request>) {
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
}

/// One line of fixed height for the last refusal or message, elided to fit (hover for all).
fn message_line(ui: &mut Ui, message: Option<&str>, colour: Color32) {
    let height = ui.text_style_height(&egui::TextStyle::Body) + 6.0;
    let width = ui.available_width();
    ui.allocate_ui_with_layout(
        egui::vec2(width, height),
        egui::Layout::left_to_right(egui::Align::Center),
        |ui| {
            ui.set_min_size(egui::vec2(width, height));
            if let Some(m) = message {
                ui.add(egui::Label::new(RichText::new(m).color(colour)).truncate())
                    .on_hover_text(m);
            }
        },
    );
}
