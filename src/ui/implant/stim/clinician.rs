//! The clinician programmer, shaped like the tablet apps: program cards, an AP lead
//! diagram with big contacts and steering arrows, settings as steppers, stimulation on/off,
//! a fixed message line and fixed-size tool tabs (thresholds and the ramp, asking the
//! patient, the impedance check, the log), so that nothing moves when messages appear.

use super::clinician_settings::{settings_ui, split_ui, warnings_ui};
use super::lead_diagram::{DiagramAction, lead_diagram_ui};
use crate::device::lead::CONTACTS_PER_LEAD;
use crate::device::program::Program;
use crate::patient::anatomy::REGIONS;
use crate::patient::interview::{Answer, Question};
use crate::session::action_words::action_words;
use crate::session::command::Threshold;
use crate::session::ramp::{RAMP_EVERY_S, RAMP_STEP_MA, Ramp};
use crate::session::{Command, ProgrammerEdit, RemoteKey, Role, Session};
use crate::ui::answers::Answers;
use crate::ui::draw::stepper::Steppers;
use crate::ui::draw::tool_panel::tool_panel;
use crate::ui::login::Login;
use crate::ui::request::{Request, Shared};
use egui::{Color32, RichText, Ui};

/// Height of the tool tabs' area, px: the same whatever tab is open.
const TOOLS_HEIGHT: f32 = 200.0;

/// The tool tabs under the lead diagram and the settings.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
enum Tool {
    /// Threshold ramp, marking thresholds, the paresthesia map.
    #[default]
    Thresholds,
    /// Questions to the patient and the conversation.
    Ask,
    /// The impedance table (opening it runs the check).
    Impedance,
    /// The session log and the PIN change.
    Log,
}

/// One question and the patient's answer.
#[derive(Clone, Debug, PartialEq)]
pub struct Exchange {
    /// Simulated time, s.
    pub t_s: f64,
    /// What was asked.
    pub question: Question,
    /// What the patient answered.
    pub answer: Answer,
}

/// The clinician programmer's own state: what is being typed, its last message, the tool
/// tab, whether impedances were checked, the threshold ramp and the conversation.
#[derive(Debug, Default)]
pub struct ClinicianPanel {
    old_pin: String,
    new_pin: String,
    program_name: String,
    tool: Tool,
    impedance_checked: bool,
    ramp: Ramp,
    steppers: Steppers,
    conversation: Vec<Exchange>,
}

impl ClinicianPanel {
    /// The threshold-finding ramp, which the clock moves on.
    pub fn ramp_mut(&mut self) -> &mut Ramp {
        &mut self.ramp
    }

    /// The threshold-finding ramp.
    pub fn ramp(&self) -> &Ramp {
        &self.ramp
    }

    /// Adds the patient's answer to `question` at `t_s` to the conversation.
    pub fn heard(&mut self, t_s: f64, question: Question, answer: Answer) {
        self.conversation.push(Exchange {
            t_s,
            question,
            answer,
        });
    }

    /// The conversation with the patient so far.
    pub fn conversation(&self) -> &[Exchange] {
        &self.conversation
    }

    /// A new session: no conversation, no impedance check, no ramp (the shell clears the
    /// message line).
    pub fn clear(&mut self) {
        self.conversation.clear();
        self.impedance_checked = false;
        self.ramp.stop();
        self.tool = Tool::default();
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
            brief_ui(ui, ex);
        }
        let message = answers
            .programmer()
            .map(str::to_string)
            .or_else(|| self.ramp.stopped().map(ToString::to_string));
        message_line(ui, message.as_deref(), pain);
        self.programs_ui(ui, shared.session, &mut out);
        ui.separator();
        ui.horizontal_top(|ui| {
            ui.vertical(|ui| {
                ui.set_width(256.0);
                match lead_diagram_ui(ui, shared, self.impedance_checked) {
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
        warnings_ui(ui, shared, self.impedance_checked);
        ui.separator();
        self.tools_ui(ui, shared, answers, &mut out);
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

    /// The tool tabs and the open tool, in an area of fixed height.
    fn tools_ui(
        &mut self,
        ui: &mut Ui,
        shared: &Shared<'_>,
        answers: &mut Answers,
        out: &mut Vec<Request>,
    ) {
        ui.horizontal(|ui| {
            for (tool, label) in [
                (Tool::Thresholds, "Thresholds"),
                (Tool::Ask, "Ask the patient"),
                (Tool::Impedance, "Impedance check"),
                (Tool::Log, "Log and PIN"),
            ] {
                if ui.selectable_label(self.tool == tool, label).clicked() {
                    self.tool = tool;
                    if tool == Tool::Impedance {
                        self.impedance_checked = true;
                    }
                }
            }
        });
        let width = ui.available_width();
        let (rect, _) =
            ui.allocate_exact_size(egui::vec2(width, TOOLS_HEIGHT), egui::Sense::hover());
        let mut area = ui.new_child(egui::UiBuilder::new().max_rect(rect));
        area.set_clip_rect(rect.intersect(ui.clip_rect()));
        // No scroll area inside the panel's own: the newest lines first, the rest clipped.
        match self.tool {
            Tool::Thresholds => self.thresholds_ui(&mut area, shared, answers, out),
            Tool::Ask => self.ask_ui(&mut area, out),
            Tool::Impedance => impedance_ui(&mut area, shared.session, shared.palette.pain),
            Tool::Log => self.log_ui(&mut area, shared, out),
        }
    }

    /// The threshold ramp, marking thresholds and saving the paresthesia map.
    fn thresholds_ui(
        &mut self,
        ui: &mut Ui,
        shared: &Shared<'_>,
        answers: &mut Answers,
        out: &mut Vec<Request>,
    ) {
        let session = shared.session;
        let mut running = self.ramp.is_running();
        let hover = format!(
            "+{RAMP_STEP_MA:.1} mA every {RAMP_EVERY_S:.0} simulated seconds, with stimulation on; \
             stops at the first safety warning or when the patient complains"
        );
        if ui
            .toggle_value(&mut running, "Ramp amplitude")
            .on_hover_text(hover)
            .changed()
        {
            if running {
                answers.answer_programmer(self.ramp.start(session).err().map(|e| e.to_string()));
            } else {
                self.ramp.stop();
            }
        }
        let Some(notes) = session.device().map(|d| &d.program().notes) else {
            return;
        };
        let fmt = |v: Option<f64>| v.map_or("—".into(), |x| format!("{x:.1} mA"));
        ui.horizontal(|ui| {
            for (label, which) in [
                ("Mark perception threshold", Threshold::Perception),
                ("Mark discomfort threshold", Threshold::Discomfort),
            ] {
                if ui.button(label).clicked() {
                    out.push(Request::Clinician(Command::Programmer(
                        ProgrammerEdit::MarkThreshold(which),
                    )));
                }
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
            ui.add(
                egui::Label::new(RichText::new(format!("Map saved: “{words}”")).small()).truncate(),
            );
        }
    }

    /// The four questions, then the conversation (newest first).
    fn ask_ui(&mut self, ui: &mut Ui, out: &mut Vec<Request>) {
        egui::Grid::new("questions").num_columns(2).show(ui, |ui| {
            for (i, q) in Question::ALL.into_iter().enumerate() {
                if ui
                    .add(egui::Button::new(q.words()).min_size(egui::vec2(200.0, 28.0)))
                    .clicked()
                {
                    out.push(Request::Clinician(Command::Programmer(
                        ProgrammerEdit::AskPatient(q),
                    )));
                }
                if i % 2 == 1 {
                    ui.end_row();
                }
            }
        });
        if self.conversation.is_empty() {
            ui.weak("Ask the patient: in blind mode the patient is the only source.");
        }
        for e in self.conversation.iter().rev().take(6) {
            ui.label(
                RichText::new(format!(
                    "{} You: {}",
                    crate::ui::draw::time_words::clock(e.t_s),
                    e.question.words()
                ))
                .small(),
            );
            ui.label(format!("   Patient: “{}”", e.answer.words));
            if !e.answer.drawing.is_empty() {
                let regions: Vec<&str> = e
                    .answer
                    .drawing
                    .iter()
                    .filter_map(|i| REGIONS.get(*i))
                    .map(|r| r.words.trim_start_matches("my "))
                    .collect();
                ui.label(format!("   Drawing: {}", regions.join(", ")));
            }
        }
    }

    /// The session log in words, and the PIN change outside exercises.
    fn log_ui(&mut self, ui: &mut Ui, shared: &Shared<'_>, out: &mut Vec<Request>) {
        // A trainee in an exercise must not lock the clinician out: no PIN change there.
        if shared.exercise.is_none() {
            self.pin_change_ui(ui, out);
        }
        for e in shared.session.log.iter().rev().take(8) {
            let mark = e
                .refused
                .as_ref()
                .map_or(String::new(), |r| format!(" — refused: {r}"));
            ui.small(format!(
                "{}  {}{mark}",
                crate::ui::draw::time_words::clock(e.t_s),
                action_words(&e.command, None)
            ));
        }
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

/// The running exercise's brief beside the programmer, in a box of fixed height.
fn brief_ui(ui: &mut Ui, ex: &crate::training::exercise::Exercise) {
    egui::CollapsingHeader::new(RichText::new(format!("Exercise: {}", ex.title)).strong())
        .id_salt("brief")
        .default_open(true)
        .show(ui, |ui| {
            egui::ScrollArea::vertical()
                .id_salt("brief-text")
                .max_height(66.0)
                .auto_shrink([false, true])
                .show(ui, |ui| ui.label(&ex.brief));
        });
}

/// The impedance of every contact, faults flagged.
fn impedance_ui(ui: &mut Ui, session: &Session, pain: Color32) {
    let Some(d) = session.device() else {
        return;
    };
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
