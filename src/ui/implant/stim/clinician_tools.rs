//! The programmer's tool tabs under the lead diagram and the settings, in an area of fixed
//! height: thresholds and the ramp, asking the patient, the impedance check, the log and
//! the PIN change, a spinal lead's ECAP and closed loop ([`super::ecap_tab`]), and
//! percutaneous nerve leads' introducer and withdrawal ([`super::leads_tab`]).

use crate::device::lead::CONTACTS_PER_LEAD;
use crate::patient::anatomy::REGIONS;
use crate::patient::interview::{Answer, Question};
use crate::session::action_words::action_words;
use crate::session::command::Threshold;
use crate::session::ramp::{RAMP_EVERY_S, RAMP_STEP_MA, Ramp};
use crate::session::{Command, ProgrammerEdit, Session};
use crate::ui::answers::Answers;
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
    /// The evoked response and closed loop (a lead that records one).
    Ecap,
    /// Percutaneous nerve leads: introducer, deploy, withdraw.
    Leads,
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

/// The tool tabs' own state: the open tab, whether impedances were checked, the
/// threshold ramp, the conversation and the PINs being typed.
#[derive(Debug, Default)]
pub struct ProgrammerTools {
    tool: Tool,
    impedance_checked: bool,
    ramp: Ramp,
    conversation: Vec<Exchange>,
    old_pin: String,
    new_pin: String,
    ecap: super::ecap_tab::EcapTab,
    leads: super::leads_tab::LeadsTab,
}

impl ProgrammerTools {
    /// Whether the impedance tab was opened (the check ran): faults are shown.
    pub fn impedance_checked(&self) -> bool {
        self.impedance_checked
    }

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

    /// A new session: no conversation, no impedance check, no ramp, the first tab.
    pub fn clear(&mut self) {
        self.conversation.clear();
        self.impedance_checked = false;
        self.ramp.stop();
        self.tool = Tool::default();
        self.ecap = super::ecap_tab::EcapTab::default();
        self.leads = super::leads_tab::LeadsTab::default();
    }

    /// The tool tabs and the open tool, in an area of fixed height.
    pub fn ui(
        &mut self,
        ui: &mut Ui,
        shared: &Shared<'_>,
        answers: &mut Answers,
        out: &mut Vec<Request>,
    ) {
        // The ECAP tab is a spinal lead's (a nerve has no dorsal columns to record).
        let spinal = shared.session.activation().is_some();
        let percutaneous = super::leads_tab::has_percutaneous(shared.session);
        ui.horizontal(|ui| {
            for (tool, label) in [
                (Tool::Thresholds, "Thresholds"),
                (Tool::Ask, "Ask the patient"),
                (Tool::Impedance, "Impedance check"),
                (Tool::Log, "Log and PIN"),
                (Tool::Ecap, "ECAP"),
                (Tool::Leads, "Leads"),
            ] {
                if (tool == Tool::Ecap && !spinal) || (tool == Tool::Leads && !percutaneous) {
                    continue;
                }
                if ui.selectable_label(self.tool == tool, label).clicked() {
                    self.tool = tool;
                    if tool == Tool::Impedance {
                        self.impedance_checked = true;
                        // The check is logged: an MRI day's conditions ask for one.
                        out.push(Request::Clinician(ProgrammerEdit::CheckImpedances.into()));
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
            Tool::Ecap if spinal => self.ecap.ui(&mut area, shared, out),
            Tool::Leads if percutaneous => self.leads.ui(&mut area, shared.session, out),
            Tool::Ecap | Tool::Leads => self.tool = Tool::default(),
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
        let Some(device) = session.device() else {
            return;
        };
        let notes = &device.program().notes;
        // A lead at a nerve has a motor threshold (the muscle's first twitch) between the
        // first tingling and discomfort; a spinal lead's motor fibres are out of reach.
        let nerve = crate::implant::stim::site::at_nerves(device);
        let marks: &[(&str, Threshold)] = if nerve {
            &[
                ("Mark perception threshold", Threshold::Perception),
                ("Mark motor threshold", Threshold::Motor),
                ("Mark discomfort threshold", Threshold::Discomfort),
            ]
        } else {
            &[
                ("Mark perception threshold", Threshold::Perception),
                ("Mark discomfort threshold", Threshold::Discomfort),
            ]
        };
        let fmt = |v: Option<f64>| v.map_or("—".into(), |x| format!("{x:.1} mA"));
        ui.horizontal_wrapped(|ui| {
            for (label, which) in marks {
                if ui.button(*label).clicked() {
                    out.push(Request::Clinician(Command::Programmer(
                        ProgrammerEdit::MarkThreshold(*which),
                    )));
                }
            }
        });
        let motor = if nerve {
            format!(" · MT {}", fmt(notes.measured_mt_ma))
        } else {
            String::new()
        };
        ui.label(format!(
            "Marked: PT {}{motor} · DT {}",
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

    /// The questions, then the conversation (newest first).
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
