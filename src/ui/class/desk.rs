//! The student's side of a class: the *Join class* window (address, code, name), the
//! class's assignments to start, and the attempt under way with its live record.

use super::api::{Api, Assignment, Joined, Reply};
use super::link::{LinkEvent, LiveLink};
use super::wire::{base_url, code_in};
use crate::session::LogEntry;

/// Longest name the join form takes (the server's own limit is checked there).
const NAME_CHARS: usize = 80;

/// What the desk asks of the window.
#[derive(Debug)]
pub enum DeskEvent {
    /// Start the attempt the server dealt: this exercise on the patient of this seed.
    Start {
        /// The built-in exercise.
        exercise: String,
        /// The attempt's seed (the window deals `start_attempt(attempt_seed(seed))`).
        seed: u64,
    },
    /// What the live record said (graded, or stopped).
    Link(LinkEvent),
}

/// The attempt under way: its live record and how much of the session's log it holds.
#[derive(Debug)]
pub struct ClassAttempt {
    /// The live record.
    pub link: LiveLink,
    /// Entries of the session's log before the trainee's first (the exercise's start).
    pub start_len: usize,
    /// Entries of the log handed to the link so far (from the start).
    pub synced: usize,
    /// Why it stopped, if the server refused an entry.
    pub stopped: Option<String>,
    /// The teacher's demonstration (not graded; the teacher may send as any sender).
    pub demo: bool,
}

/// The class desk: the join form, the class joined and its assignments, the attempt.
#[derive(Debug, Default)]
pub struct ClassDesk {
    /// The *Join class* window is shown.
    open: bool,
    /// The class address as typed.
    address: String,
    /// The class code as typed.
    code: String,
    /// The student's name as typed.
    name: String,
    api: Option<Api>,
    joined: Option<Joined>,
    assignments: Vec<Assignment>,
    /// A call is under way.
    busy: bool,
    /// The last problem, in one sentence.
    message: Option<String>,
    attempt: Option<ClassAttempt>,
    /// The attempt the server just started, until the window begins it.
    pending: Option<String>,
    /// The class and name of the attempt under way, for the bar.
    pub(crate) whose: String,
}

impl ClassDesk {
    /// Opens the *Join class* window on the class at `address` (a class link: its
    /// `?class=CODE` fills the code).
    pub fn open_on(&mut self, address: &str) {
        self.open = true;
        self.address = address.trim().to_string();
        if let Some(code) = code_in(address) {
            self.code = code;
        }
    }

    /// Opens the *Join class* window as it was.
    pub fn open_window(&mut self) {
        self.open = true;
    }

    /// Whether the *Join class* window is shown.
    pub fn is_open(&self) -> bool {
        self.open
    }

    /// The attempt under way, if any.
    pub fn attempt(&self) -> Option<&ClassAttempt> {
        self.attempt.as_ref()
    }

    /// Whether an attempt is live (not graded, not stopped): the window keeps to it.
    pub fn live(&self) -> bool {
        self.attempt
            .as_ref()
            .is_some_and(|a| a.stopped.is_none() && !a.link.finishing())
    }

    /// The name the student joined with, while an attempt is on.
    pub fn student(&self) -> Option<&str> {
        self.attempt.as_ref()?;
        Some(self.joined.as_ref()?.student.name.as_str())
    }

    /// The assignments listed once the student has joined (0 before).
    pub fn assignments_listed(&self) -> usize {
        if self.joined.is_some() {
            self.assignments.len()
        } else {
            0
        }
    }

    /// The last problem of the join form.
    pub fn message(&self) -> Option<&str> {
        self.message.as_deref()
    }

    /// The attempt the window started from `start_len` entries of the exercise's start:
    /// its live record opens now.
    pub fn begin(&mut self, attempt_id: &str, start_len: usize) {
        // A new attempt after one graded or stopped: the old one's link closes.
        self.leave();
        let (Some(api), Some(joined)) = (&self.api, &self.joined) else {
            return;
        };
        self.attempt = Some(ClassAttempt {
            link: LiveLink::new(api.base(), &joined.token, attempt_id),
            start_len,
            synced: start_len,
            stopped: None,
            demo: false,
        });
        self.whose = format!("{} · {}", joined.class.name, joined.student.name);
        self.open = false;
    }

    /// Streams the teacher's demonstration `demo` (with the dashboard's `key`) to the
    /// server at `base`; the session starts when the server says its opening.
    pub fn demonstrate(&mut self, base: String, demo: &str, key: &str) {
        self.leave();
        self.attempt = Some(ClassAttempt {
            link: LiveLink::demo(&base, demo, key),
            start_len: 0,
            // Nothing is sent until the demonstration's session stands.
            synced: usize::MAX,
            stopped: None,
            demo: true,
        });
        self.api = Some(Api::new(base));
        self.whose = "your demonstration".into();
        self.open = false;
    }

    /// The demonstration's session stands, with `start_len` entries of its start: what
    /// follows goes to the server.
    pub fn started(&mut self, start_len: usize) {
        if let Some(a) = &mut self.attempt {
            a.start_len = start_len;
            a.synced = start_len;
        }
    }

    /// Hands the link every entry of `log` it does not hold yet, in order.
    pub fn sync(&mut self, log: &[LogEntry]) {
        let Some(a) = &mut self.attempt else { return };
        for entry in log.iter().skip(a.synced) {
            a.link.push(entry);
        }
        a.synced = a.synced.max(log.len());
    }

    /// Asks the server to grade the attempt at simulated time `t_s`.
    pub fn finish(&mut self, t_s: f64) {
        if let Some(a) = &mut self.attempt {
            a.link.finish(t_s);
        }
    }

    /// Leaves the attempt (another session took the window's place).
    pub fn leave(&mut self) {
        if let Some(mut a) = self.attempt.take() {
            a.link.close();
        }
    }

    /// One frame's work: the server's answers and the live record's news.
    pub fn poll(&mut self, now: f64, ctx: &egui::Context) -> Vec<DeskEvent> {
        let mut out = Vec::new();
        while let Some(reply) = self.api.as_ref().and_then(Api::take) {
            self.busy = false;
            match reply {
                Reply::Joined(j) => {
                    self.message = None;
                    if let Some(api) = &self.api {
                        api.assignments(&j.token, ctx);
                        self.busy = true;
                    }
                    self.joined = Some(j);
                }
                Reply::Assignments(list) => {
                    self.message = list
                        .is_empty()
                        .then(|| "This class has no assignments yet: ask the teacher.".into());
                    self.assignments = list;
                }
                Reply::Started(s) => {
                    self.pending = Some(s.attempt.id.clone());
                    out.push(DeskEvent::Start {
                        exercise: s.attempt.exercise,
                        seed: s.attempt.seed,
                    });
                }
                Reply::Failed(why) => self.message = Some(why),
            }
        }
        if let Some(a) = &mut self.attempt {
            for e in a.link.poll(now, ctx) {
                if let LinkEvent::Stopped(why) = &e {
                    a.stopped = Some(why.clone());
                }
                out.push(DeskEvent::Link(e));
            }
        }
        out
    }

    /// The id of the attempt the server just started (for [`ClassDesk::begin`]).
    pub fn take_pending(&mut self) -> Option<String> {
        self.pending.take()
    }

    /// Draws the *Join class* window while it is open.
    pub fn show(&mut self, ctx: &egui::Context) {
        if !self.open {
            return;
        }
        let mut open = true;
        egui::Window::new("Join class")
            .open(&mut open)
            .collapsible(false)
            .default_width(380.0)
            .show(ctx, |ui| {
                if self.joined.is_some() {
                    self.assignments_ui(ui);
                } else {
                    self.form_ui(ui);
                }
                if self.busy {
                    ui.horizontal(|ui| {
                        ui.spinner();
                        ui.label("Asking the class server…");
                    });
                }
                if let Some(m) = &self.message {
                    ui.colored_label(ui.visuals().warn_fg_color, m);
                }
            });
        self.open &= open;
    }

    /// The address, the code on the board and the student's name.
    fn form_ui(&mut self, ui: &mut egui::Ui) {
        egui::Grid::new("join-form").num_columns(2).show(ui, |ui| {
            for (label, field, hint, limit) in [
                ("Class address", &mut self.address, "http://HOST:8080/", 300),
                ("Class code", &mut self.code, "six letters and digits", 16),
                (
                    "Your name",
                    &mut self.name,
                    "as the teacher should see it",
                    NAME_CHARS,
                ),
            ] {
                let l = ui.label(label);
                ui.add(
                    egui::TextEdit::singleline(field)
                        .hint_text(hint)
                        .char_limit(limit)
                        .desired_width(220.0),
                )
                .labelled_by(l.id);
                ui.end_row();
            }
        });
        let ready = !self.busy && !self.code.trim().is_empty() && !self.name.trim().is_empty();
        if ui.add_enabled(ready, egui::Button::new("Join")).clicked() {
            match base_url(&self.address) {
                Some(base) => {
                    let api = Api::new(base);
                    api.join(&self.code, &self.name, ui.ctx());
                    self.api = Some(api);
                    self.busy = true;
                    self.message = None;
                }
                None => {
                    self.message = Some(format!(
                        "'{}' is not a class address: type the one on the board, like http://192.168.1.20:8080/",
                        crate::files::shorten(&self.address)
                    ));
                }
            }
        }
    }

    /// The class's assignments, each with its *Start* button.
    fn assignments_ui(&mut self, ui: &mut egui::Ui) {
        let Some(joined) = &self.joined else { return };
        ui.label(format!(
            "{} in class {}. Choose an assignment: its patient comes from the class server, and every action is recorded there as you go.",
            joined.student.name, joined.class.name
        ));
        let mut start = None;
        // One attempt at a time; after one is graded or stopped, another may start.
        let live = self.live();
        for a in &self.assignments {
            ui.horizontal(|ui| {
                let title = a
                    .title
                    .clone()
                    .unwrap_or_else(|| a.assignment.exercise.clone());
                let minutes = a.time_budget_s.map_or(String::new(), |s| {
                    format!(" ({:.0} simulated min)", s / 60.0)
                });
                ui.label(format!("{title}{minutes}"));
                let button = ui.add_enabled(
                    !self.busy && !live,
                    egui::Button::new(format!("Start {title}")),
                );
                if button.clicked() {
                    start = Some(a.assignment.id.clone());
                }
            });
        }
        if let (Some(id), Some(api)) = (start, &self.api) {
            api.start(&joined.token, &id, ui.ctx());
            self.busy = true;
        }
    }
}
