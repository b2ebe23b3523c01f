//! The window: a patient remote beside the patient, with what happens inside the body.
//! The GUI only sends Commands and draws views; every rule lives in the core.

mod body_map;
mod gate;
mod patient;
pub mod plots;
pub mod prefs;
pub mod remote;
mod spine;
mod toolbar;

use crate::files;
use crate::patient::library;
use crate::session::record::Recording;
use crate::session::{Command, Role, Session};
use egui::{Key, Modifiers};
use prefs::{Prefs, Speed, apply_style};
use std::path::PathBuf;
use std::time::Duration;

const PREFS_KEY: &str = "scs-sim-prefs";
/// Seconds a refusal stays on the remote's screen.
const MESSAGE_S: f64 = 3.0;
/// Simulated seconds between points of the pain plot.
const HISTORY_EVERY_S: f64 = 5.0;

/// The application state: the session plus what only the window needs.
pub struct App {
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

    /// Starts a new session on a built-in patient (the default one if `id` is unknown).
    pub fn open_patient(&mut self, id: &str) {
        let id = if library::built_in(id).is_some() {
            id
        } else {
            library::DEFAULT_ID
        };
        self.session = fresh_session(id);
        self.patient_id = id.to_string();
        self.prefs.patient = id.to_string();
        self.history.clear();
        self.message = None;
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
        self.session.step(wall_dt.clamp(0.0, 0.1) * factor);
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

fn fresh_session(id: &str) -> Session {
    let (patient, device) = match library::built_in(id) {
        Some(Ok(pair)) => pair,
        _ => library::default_patient(),
    };
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
        if let Some(status) = &self.status {
            egui::Panel::bottom("status").show(ui, |ui| ui.colored_label(palette.pain, status));
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
