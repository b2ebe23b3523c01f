//! The window: a patient remote beside the patient, with what happens inside the body.
//! The GUI only sends Commands and draws views; every rule lives in the core.

mod body_map;
mod clinician;
mod gate;
mod patient;
pub mod plots;
pub mod prefs;
pub mod remote;
mod spine;
mod teacher;
mod toolbar;

use crate::files;
use crate::patient::library;
use crate::session::record::{self, Recording};
use crate::session::relief_map::ReliefMap;
use crate::session::{Command, Role, Session};
use crate::training::exercise::{self, Exercise};
use crate::training::score::ScoreReport;
use egui::{Key, Modifiers};
use prefs::{Prefs, Speed, apply_style};
use std::path::PathBuf;
use std::time::Duration;

const PREFS_KEY: &str = "scs-sim-prefs";
/// Seconds a refusal stays on the remote's screen.
const MESSAGE_S: f64 = 3.0;
/// Simulated seconds between points of the pain plot.
const HISTORY_EVERY_S: f64 = 5.0;

/// Who is at the controls.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    /// The patient with the remote.
    Patient,
    /// The clinician programmer (PIN).
    Clinician,
    /// The teacher's controls.
    Teach,
}

/// The application state: the session plus what only the window needs.
pub struct App {
    /// Patient, clinician or teacher view.
    pub mode: Mode,
    /// PIN being typed.
    pub pin_input: String,
    /// New PIN being typed in the clinician screen.
    pub new_pin: String,
    /// New program name being typed.
    pub program_name: String,
    /// The clinician programmer's last refusal.
    pub clinician_message: Option<String>,
    /// Impedance table shown.
    pub show_impedance: bool,
    /// Amplitude ramp for threshold finding running.
    pub ramp: bool,
    /// Contact the teacher's open-circuit button breaks.
    pub fault_contact: usize,
    /// Seed of the next practice patient.
    pub practice_seed: u64,
    /// Exercise chosen in the teacher panel.
    pub exercise_choice: String,
    /// The running exercise.
    pub exercise: Option<Exercise>,
    /// Hints revealed so far.
    pub hints_shown: usize,
    /// The last score, shown in the debrief window.
    pub debrief: Option<ScoreReport>,
    /// Path of the session file to save or load.
    pub session_path: String,
    /// A loaded recording being replayed (for the scrubber).
    pub replay: Option<Recording>,
    /// The last relief map computed.
    pub relief_map: Option<ReliefMap>,
    /// The running simulation.
    pub session: Session,
    /// Built-in id of the patient.
    pub patient_id: String,
    /// Remembered settings.
    pub prefs: Prefs,
    /// Help overlay open.
    pub help: bool,
    /// (t_s, VAS, relief %) samples for the pain plot.
    pub history: Vec<[f64; 3]>,
    /// Refusal shown on the remote and when it expires (egui time, s).
    pub message: Option<(String, f64)>,
    /// Oscilloscope window, s.
    pub scope_window_s: f64,
    /// A session found after a crash, offered back.
    pub recovered: Option<Recording>,
    /// Problems saving the autosave, shown in the status line.
    pub status: Option<String>,
    hold_since: Option<f64>,
    repeated: bool,
    last_repeat: f64,
    resume_speed: Speed,
    autosave: Option<PathBuf>,
    last_save: f64,
    dirty: bool,
    /// When set (`SCS_SIM_FIRST_FRAME=1`), the start time: the first frame prints how long it
    /// took and closes the window, to measure start-up.
    first_frame_probe: Option<std::time::Instant>,
}

impl App {
    /// A window on the remembered patient; `autosave` is where the running session is
    /// saved (and, if a file is there already, the session offered back after a crash).
    pub fn new(prefs: Prefs, autosave: Option<PathBuf>) -> App {
        let recovered = autosave.as_ref().filter(|p| p.exists()).and_then(|p| {
            let text = files::read_text(p).ok()?;
            files::parse_ron::<Recording>(p, &text).ok()
        });
        let mut app = App {
            mode: Mode::Patient,
            pin_input: String::new(),
            new_pin: String::new(),
            program_name: String::new(),
            clinician_message: None,
            show_impedance: false,
            ramp: false,
            fault_contact: 3,
            practice_seed: 1,
            exercise_choice: exercise::BUILT_IN[0].0.to_string(),
            exercise: None,
            hints_shown: 0,
            debrief: None,
            session_path: "session.ron".into(),
            replay: None,
            relief_map: None,
            session: fresh_session(library::DEFAULT_ID),
            patient_id: library::DEFAULT_ID.to_string(),
            resume_speed: if prefs.speed == Speed::Paused {
                Speed::X10
            } else {
                prefs.speed
            },
            prefs,
            help: false,
            history: Vec::new(),
            message: None,
            scope_window_s: 0.1,
            recovered,
            status: None,
            hold_since: None,
            repeated: false,
            last_repeat: 0.0,
            autosave,
            last_save: 0.0,
            dirty: false,
            first_frame_probe: None,
        };
        let id = app.prefs.patient.clone();
        app.open_patient(&id);
        app
    }

    /// Starts a new session on a built-in or practice patient (the default if unknown).
    pub fn open_patient(&mut self, id: &str) {
        let id = if library::find(id).is_ok() {
            id
        } else {
            library::DEFAULT_ID
        };
        self.replace_session(fresh_session(id), id);
        self.prefs.patient = id.to_string();
        self.exercise = None;
    }

    fn replace_session(&mut self, mut session: Session, patient_id: &str) {
        if let Ok(access) = crate::clinician::Access::with_pin(&self.prefs.clinician_pin) {
            session.access = access;
        }
        self.session = session;
        self.patient_id = patient_id.to_string();
        self.history.clear();
        self.message = None;
        self.relief_map = None;
        self.dirty = true;
    }

    /// Sends a command as the patient; a refusal is shown on the remote's screen.
    pub fn send(&mut self, command: Command, now: f64) {
        match self.session.apply_as(Role::Patient, command) {
            Ok(_) => self.message = None,
            Err(refusal) => self.message = Some((refusal.to_string(), now + MESSAGE_S)),
        }
        self.dirty = true;
    }

    fn keys(&mut self, ctx: &egui::Context, now: f64) {
        // While a text field has the keyboard (a PIN, a file name), keys are typing.
        if ctx.egui_wants_keyboard_input() {
            return;
        }
        let pressed = |key: Key, m: Modifiers| ctx.input_mut(|i| i.consume_key(m, key));
        if pressed(Key::ArrowUp, Modifiers::NONE) {
            self.send(Command::AmplitudeUp, now);
        }
        if pressed(Key::ArrowDown, Modifiers::NONE) {
            self.send(Command::AmplitudeDown, now);
        }
        if pressed(Key::Space, Modifiers::NONE) {
            self.send(self.session.therapy_toggle(), now);
        }
        for (i, key) in [Key::Num1, Key::Num2, Key::Num3, Key::Num4]
            .into_iter()
            .enumerate()
        {
            if pressed(key, Modifiers::NONE) {
                self.send(Command::SelectProgram(i), now);
            }
        }
        if pressed(Key::L, Modifiers::NONE) {
            self.send(self.session.lock_toggle(), now);
        }
        if pressed(Key::P, Modifiers::NONE) {
            self.toggle_pause();
        }
        if pressed(Key::F1, Modifiers::NONE) {
            self.help = !self.help;
        }
        if pressed(Key::Plus, Modifiers::COMMAND) || pressed(Key::Equals, Modifiers::COMMAND) {
            self.prefs.zoom_step(1);
        }
        if pressed(Key::Minus, Modifiers::COMMAND) {
            self.prefs.zoom_step(-1);
        }
        if pressed(Key::Num0, Modifiers::COMMAND) {
            self.prefs.zoom_step(0);
        }
    }

    /// Pauses, or resumes at the last running speed.
    pub fn toggle_pause(&mut self) {
        if self.prefs.speed == Speed::Paused {
            self.prefs.speed = self.resume_speed;
        } else {
            self.resume_speed = self.prefs.speed;
            self.prefs.speed = Speed::Paused;
        }
    }

    /// Moves simulated time on by `simulated_s` seconds at once, recording the pain plot as
    /// if the window had run (tests and teachers skipping ahead).
    pub fn advance_time_for_test(&mut self, simulated_s: f64) {
        let speed = self.prefs.speed;
        self.prefs.speed = Speed::X60;
        let steps = (simulated_s / 6.0).ceil() as usize;
        for _ in 0..steps {
            self.advance(0.1);
        }
        self.prefs.speed = speed;
    }

    /// Moves simulated time on by `wall_dt` seconds of wall time at the chosen speed.
    pub fn advance(&mut self, wall_dt: f64) {
        let factor = self.prefs.speed.factor();
        if factor == 0.0 {
            return;
        }
        let last = self.history.last().map_or(f64::NEG_INFINITY, |h| h[0]);
        let before = self.session.t_s;
        self.session.step(wall_dt.clamp(0.0, 0.1) * factor);
        if self.ramp
            && self.session.role == Role::Clinician
            && (before / 2.0).floor() < (self.session.t_s / 2.0).floor()
        {
            let next = self.session.device.program().settings.amplitude_ma + 0.1;
            if next > 25.5 || self.session.apply(Command::SetAmplitude(next)).is_err() {
                self.ramp = false;
            }
        }
        if self.session.t_s - last >= HISTORY_EVERY_S || self.history.is_empty() {
            let v = self.session.view();
            self.history
                .push([self.session.t_s, v.pain.vas, v.pain.relief_percent]);
            if self.history.len() > 4000 {
                self.history.drain(..2000);
            }
        }
        self.dirty = true;
    }

    fn handle_keys_of_remote(
        &mut self,
        presses: Vec<remote::KeyPress>,
        now: f64,
        ctx: &egui::Context,
    ) {
        if presses.is_empty() {
            self.hold_since = None;
            self.repeated = false;
        }
        for press in presses {
            let repeats = matches!(press.command, Command::AmplitudeUp | Command::AmplitudeDown);
            if press.clicked {
                if !self.repeated {
                    self.send(press.command, now);
                }
                self.hold_since = None;
                self.repeated = false;
            } else if press.held && repeats {
                let since = *self.hold_since.get_or_insert(now);
                if now - since > 0.5 && now - self.last_repeat > 0.12 {
                    self.send(press.command, now);
                    self.repeated = true;
                    self.last_repeat = now;
                }
                ctx.request_repaint_after(Duration::from_millis(30));
            }
        }
    }

    fn clinician_requests(&mut self, requests: Vec<clinician::Request>) {
        for r in requests {
            let result = match r {
                clinician::Request::Login(pin) => {
                    self.session.apply(Command::EnterClinician { pin })
                }
                clinician::Request::Send(c) => self.session.apply_as(Role::Clinician, c),
                clinician::Request::NewPin(pin) => {
                    let result = self.session.apply_as(
                        Role::Clinician,
                        Command::SetClinicianPin { pin: pin.clone() },
                    );
                    if result.is_ok() {
                        self.prefs.clinician_pin = pin;
                    }
                    result
                }
            };
            self.clinician_message = result.err().map(|e| e.to_string());
            self.dirty = true;
        }
    }

    fn teacher_requests(&mut self, requests: Vec<teacher::Request>) {
        for r in requests {
            if let Err(e) = self.teacher_request(r) {
                self.status = Some(e);
            }
        }
    }

    fn teacher_request(&mut self, r: teacher::Request) -> Result<(), String> {
        use teacher::Request as R;
        match r {
            R::Event(c) => {
                self.session.apply(c).map_err(|e| e.to_string())?;
                self.dirty = true;
            }
            R::Practice(seed) => {
                self.open_patient(&format!("{}{seed}", crate::patient::generate::PREFIX))
            }
            R::StartExercise(id) => {
                let ex = exercise::find(&id).map_err(|e| e.to_string())?;
                let session = ex.start_session(1)?;
                let patient = ex.patient.clone();
                self.replace_session(session, &patient);
                self.exercise = Some(ex);
                self.hints_shown = 0;
                self.debrief = None;
                self.replay = None;
                self.mode = Mode::Clinician;
            }
            R::Finish => {
                let ex = self.exercise.as_ref().ok_or("No exercise is running")?;
                let rec = Recording::of(&self.session, &self.patient_id);
                self.debrief = Some(crate::training::score::score(ex, &rec)?);
            }
            R::Save => {
                let path = std::path::Path::new(&self.session_path);
                record::save(path, &self.session, &self.patient_id).map_err(|e| e.to_string())?;
                self.status = Some(format!("Session saved to {}", path.display()));
            }
            R::Load => {
                let path_text = self.session_path.clone();
                let path = std::path::Path::new(&path_text);
                let rec = record::read(path).map_err(|e| e.to_string())?;
                let session = rec.replay().map_err(|e| e.to_string())?;
                self.exercise = rec
                    .exercise
                    .as_deref()
                    .and_then(|id| exercise::find(id).ok());
                let patient = rec.patient.clone();
                self.replace_session(session, &patient);
                self.replay = Some(rec);
                self.prefs.speed = Speed::Paused;
                self.status = Some(format!(
                    "Replaying {}: drag the replay time to review",
                    path.display()
                ));
            }
            R::Scrub(t) => {
                let rec = self.replay.as_ref().ok_or("Load a session first")?;
                self.session = rec.replay_until(t).map_err(|e| e.to_string())?;
            }
            R::ExportCsv => {
                let stem = self.session_path.trim_end_matches(".ron").to_string();
                let mut series = String::from("t_s,pain_vas,relief_percent\n");
                for h in &self.history {
                    series.push_str(&format!("{},{},{}\n", h[0], h[1], h[2]));
                }
                let mut actions = String::from("t_s,role,command,refused\n");
                for e in &self.session.log {
                    let refused = e.refused.clone().unwrap_or_default().replace('"', "'");
                    actions.push_str(
                        &format!("{},{:?},\"{:?}\",\"{refused}\"\n", e.t_s, e.role, e.command)
                            .replace("\"\"", "\""),
                    );
                }
                for (suffix, text) in [("-series.csv", series), ("-actions.csv", actions)] {
                    let path = std::path::PathBuf::from(format!("{stem}{suffix}"));
                    files::write_atomic(&path, text.as_bytes()).map_err(|e| e.to_string())?;
                }
                self.status = Some(format!("Exported {stem}-series.csv and {stem}-actions.csv"));
            }
            R::ReliefMap => {
                let top = self
                    .session
                    .discomfort_threshold()
                    .map_or(10.0, |dt| (dt * 1.3).max(5.0));
                self.relief_map = Some(self.session.relief_map(40, 30, top));
            }
        }
        Ok(())
    }

    fn debrief_ui(&mut self, ctx: &egui::Context) {
        let Some(report) = &self.debrief else { return };
        let mut open = true;
        egui::Window::new("Debrief")
            .open(&mut open)
            .default_width(520.0)
            .show(ctx, |ui| {
                ui.heading(format!("{} — {}/100", report.title, report.score));
                ui.label(format!(
                    "Goal {}: {}",
                    if report.goal_met { "met" } else { "not met" },
                    report.goal_detail
                ));
                ui.label(format!(
                    "Relief {:.0}% · coverage {:.0}% · {} adjustments · {:.0} s ({})",
                    report.relief_percent,
                    100.0 * report.coverage,
                    report.adjustments,
                    report.simulated_s,
                    if report.within_budget {
                        "within budget"
                    } else {
                        "over budget"
                    }
                ));
                let warnings = if report.warnings_triggered.is_empty() {
                    "none".into()
                } else {
                    report.warnings_triggered.join(", ")
                };
                ui.label(format!("Safety warnings triggered: {warnings}"));
                ui.separator();
                ui.strong("What you did");
                egui::ScrollArea::vertical()
                    .max_height(200.0)
                    .show(ui, |ui| {
                        for a in &report.timeline {
                            let refused = a
                                .refused
                                .as_ref()
                                .map_or(String::new(), |w| format!(" (refused: {w})"));
                            ui.small(format!("{:>6.0} s  {}{refused}", a.t_s, a.action));
                        }
                    });
                ui.separator();
                ui.strong("What an expert would do");
                for step in &report.expert {
                    ui.label(format!("- {step}"));
                }
            });
        if !open {
            self.debrief = None;
        }
    }

    fn autosave(&mut self, now: f64) {
        let Some(path) = &self.autosave else { return };
        if !self.dirty || now - self.last_save < 5.0 {
            return;
        }
        self.last_save = now;
        self.dirty = false;
        if let Some(dir) = path.parent() {
            let _ = std::fs::create_dir_all(dir);
        }
        let rec = Recording::of(&self.session, &self.patient_id);
        self.status = files::save_ron(path, &rec)
            .err()
            .map(|e| format!("Autosave failed: {e}"));
    }

    fn recovery_ui(&mut self, ui: &mut egui::Ui) {
        let Some(rec) = &self.recovered else { return };
        let text = format!(
            "A session of patient '{}' ({} simulated) was not closed properly.",
            rec.patient,
            toolbar::clock(rec.t_s)
        );
        let mut choice = None;
        ui.horizontal(|ui| {
            ui.label(text);
            if ui.button("Restore it").clicked() {
                choice = Some(true);
            }
            if ui.button("Discard it").clicked() {
                choice = Some(false);
            }
        });
        match choice {
            Some(true) => {
                match rec.replay() {
                    Ok(session) => {
                        self.patient_id = rec.patient.clone();
                        self.session = session;
                        self.history.clear();
                    }
                    Err(e) => self.status = Some(format!("Could not restore the session: {e}")),
                }
                self.recovered = None;
            }
            Some(false) => self.recovered = None,
            None => {}
        }
    }
}

/// A scrolling side panel for the clinician's or the teacher's tools; returns what the
/// tools asked for.
fn tool_panel<R: Default>(
    ui: &mut egui::Ui,
    id: &str,
    tools: impl FnOnce(&mut egui::Ui) -> R,
) -> R {
    let mut out = R::default();
    egui::Panel::left(id)
        .exact_size(440.0)
        .resizable(false)
        .show(ui, |ui| {
            egui::ScrollArea::vertical().show(ui, |ui| out = tools(ui));
        });
    out
}

fn fresh_session(id: &str) -> Session {
    let (patient, device) = library::find(id).unwrap_or_else(|_| library::default_patient());
    Session::new(patient, device, Role::Patient, 1)
}

impl eframe::App for App {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        let ctx = ui.ctx().clone();
        ctx.options_mut(|o| o.zoom_with_keyboard = false);
        apply_style(&ctx, &self.prefs);
        let (now, dt) = ctx.input(|i| (i.time, f64::from(i.stable_dt)));
        self.keys(&ctx, now);
        self.advance(dt);
        if self.message.as_ref().is_some_and(|(_, until)| now > *until) {
            self.message = None;
        }
        let view = self.session.view();
        let palette = self.prefs.palette();

        egui::Panel::top("toolbar").show(ui, |ui| toolbar::toolbar_ui(ui, self));
        if self.recovered.is_some() {
            egui::Panel::top("recover").show(ui, |ui| self.recovery_ui(ui));
        }
        if let Some(status) = self.status.clone() {
            egui::Panel::bottom("status").show(ui, |ui| {
                ui.horizontal(|ui| {
                    ui.label(status);
                    if ui.small_button("Dismiss").clicked() {
                        self.status = None;
                    }
                });
            });
        }
        let mut presses = Vec::new();
        egui::Panel::left("remote")
            .exact_size(290.0)
            .resizable(false)
            .show(ui, |ui| {
                ui.add_space(8.0);
                ui.vertical_centered(|ui| {
                    let message = self.message.as_ref().map(|(m, _)| m.as_str());
                    presses = remote::remote_ui(ui, &self.session, &view, message, &palette);
                });
            });
        self.handle_keys_of_remote(presses, now, &ctx);
        match self.mode {
            Mode::Patient => {}
            Mode::Clinician => {
                let requests = tool_panel(ui, "clinician", |ui| clinician::clinician_ui(ui, self));
                self.clinician_requests(requests);
            }
            Mode::Teach => {
                let requests = tool_panel(ui, "teacher", |ui| teacher::teacher_ui(ui, self));
                self.teacher_requests(requests);
            }
        }
        if self.prefs.show_inside {
            egui::Panel::right("inside")
                .exact_size(320.0)
                .resizable(false)
                .show(ui, |ui| {
                    egui::ScrollArea::vertical().show(ui, |ui| {
                        ui.strong("Inside: lead on the spine (side view)");
                        spine::spine_ui(ui, &self.session, &palette);
                        ui.separator();
                        let region =
                            crate::patient::anatomy::REGIONS[view.response.gate_region].words;
                        ui.strong(format!(
                            "The gate in the spinal cord ({})",
                            region.trim_start_matches("my ")
                        ));
                        gate::gate_ui(ui, &view, &palette);
                    });
                });
        }
        if self.prefs.show_plots {
            egui::Panel::bottom("plots")
                .exact_size(230.0)
                .resizable(false)
                .show(ui, |ui| {
                    ui.columns(2, |cols| {
                        plots::scope_ui(
                            &mut cols[0],
                            &self.session,
                            &mut self.scope_window_s,
                            &palette,
                        );
                        plots::pain_plot_ui(&mut cols[1], &self.history, &palette);
                    });
                });
        }
        let mut posture = None;
        egui::CentralPanel::default().show(ui, |ui| {
            posture = patient::patient_ui(ui, &self.session, &view, &palette);
        });
        if let Some(p) = posture {
            self.send(Command::SetPosture(p), now);
        }
        toolbar::help_ui(&ctx, &mut self.help);
        self.debrief_ui(&ctx);
        self.autosave(now);
        if self.prefs.speed != Speed::Paused {
            ctx.request_repaint_after(Duration::from_millis(16));
        }
        if let Some(started) = self.first_frame_probe.take() {
            eprintln!("first frame after {} ms", started.elapsed().as_millis());
            ctx.send_viewport_cmd(egui::ViewportCommand::Close);
        }
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, PREFS_KEY, &self.prefs);
    }

    fn on_exit(&mut self) {
        // A clean exit: nothing to offer back next time.
        if let Some(path) = &self.autosave {
            let _ = std::fs::remove_file(path);
        }
    }
}

/// Opens the window on the remembered (or built-in default) patient.
pub fn run() -> anyhow::Result<()> {
    let started = std::time::Instant::now();
    let probe = std::env::var_os("SCS_SIM_FIRST_FRAME").is_some();
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("scs-sim — spinal cord stimulation simulator")
            .with_inner_size([1600.0, 1000.0])
            .with_min_inner_size([1024.0, 640.0]),
        ..Default::default()
    };
    eframe::run_native(
        "scs-sim",
        options,
        Box::new(|cc| {
            let prefs = cc
                .storage
                .and_then(|s| eframe::get_value(s, PREFS_KEY))
                .unwrap_or_default();
            let autosave = eframe::storage_dir("scs-sim").map(|d| d.join("autosave.ron"));
            let mut app = App::new(prefs, autosave);
            app.first_frame_probe = probe.then_some(started);
            Ok(Box::new(app))
        }),
    )
    .map_err(|e| anyhow::anyhow!("cannot open the window: {e}"))
}
